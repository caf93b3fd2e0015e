"""``dxmon user`` and ``dxmon token``: users with roles, and API tokens for systems.

Whoever can run these commands holds the database, so they need no login (this is how the
first administrator is made). Every change is written to the audit log as actor ``cli``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from dxmon.cli.common import ArgumentsCommand, DatabaseOption, open_store, reports_errors
from dxmon.errors import DxmonError, Problem

if TYPE_CHECKING:
    from dxmon.access.schemas import UserCreate

ACTOR = "cli"
user_app = typer.Typer(help="Người dùng / users.", no_args_is_help=True)
token_app = typer.Typer(help="Mã truy cập API / API tokens.", no_args_is_help=True)

UsernameOption = Annotated[str, typer.Option("--user", metavar="USERNAME",
                                             help="Tên đăng nhập / username.")]


def _user_data(username: str, password: str, role: str, agency: str | None) -> UserCreate:
    from pydantic import ValidationError

    from dxmon.access.schemas import Role, UserCreate

    try:
        return UserCreate(username=username, password=password, role=Role(role), agency=agency)
    except ValidationError as error:  # its text would repeat the input, password included
        fields = ", ".join(sorted({".".join(str(p) for p in item["loc"]) or "-"
                                   for item in error.errors()}))
        reasons = "; ".join(f"{'.'.join(str(p) for p in item['loc'])}: {item['msg']}"
                            for item in error.errors())
        raise DxmonError(Problem(code="USER_INVALID", field=fields,
                                 message_vi=f"Dữ liệu người dùng không hợp lệ ({fields}).",
                                 message_en=f"Invalid user: {reasons}.")) from None
    except ValueError:
        raise DxmonError(Problem(code="USER_INVALID", field="role",
                                 message_vi=f"Vai trò '{role}' không hợp lệ.",
                                 message_en=f"Invalid role '{role}'.")) from None


@user_app.command("add")
@reports_errors
def user_add(
    username: Annotated[str, typer.Option("--username", metavar="USERNAME",
                                          help="Tên đăng nhập / username.")],
    password: Annotated[str, typer.Option(
        "--password", prompt=True, hide_input=True, confirmation_prompt=True,
        metavar="PASSWORD",
        help="Mật khẩu (≥ 8 ký tự) / password (≥ 8 characters).")],
    role: Annotated[str, typer.Option("--role",
                                      metavar="administrator|analyst|reporter|viewer",
                                      help="Vai trò / role.")],
    agency: Annotated[str | None, typer.Option(
        "--agency", metavar="CODE",
        help="Mã đơn vị (người báo cáo) / agency code (reporters only).")] = None,
    database_url: DatabaseOption = None,
) -> None:
    """Thêm người dùng / add a user (the first administrator too)."""
    from dxmon.access import service as access
    from dxmon.store.db import transaction

    data = _user_data(username, password, role, agency)
    with open_store(database_url) as engine, transaction(engine) as session:
        user = access.create_user(session, data=data, actor=ACTOR)
    where = f" ({user.agency})" if user.agency else ""
    typer.echo(f"Đã thêm/added {user.username}: {user.role.value}{where}")


@user_app.command("update")
@reports_errors
def user_update(
    username: Annotated[str, typer.Option("--username", metavar="USERNAME",
                                          help="Tên đăng nhập / username.")],
    agency: Annotated[str, typer.Option(
        "--agency", metavar="CODE",
        help="Mã đơn vị mới (vd. đơn vị kế thừa) / new agency code (e.g. the successor after "
             "a merger).")],
    database_url: DatabaseOption = None,
) -> None:
    """Chuyển người báo cáo sang đơn vị khác / move a reporter to another agency."""
    from dxmon.access import service as access
    from dxmon.store.db import transaction

    with open_store(database_url) as engine, transaction(engine) as session:
        user = access.move_to_agency(session, username=username, agency=agency, actor=ACTOR)
    typer.echo(f"Đã cập nhật/updated {user.username}: {user.role.value} ({user.agency})")


@user_app.command("list")
@reports_errors
def user_list(database_url: DatabaseOption = None) -> None:
    """Liệt kê người dùng / list users."""
    from dxmon.access import service as access
    from dxmon.store.db import transaction

    with open_store(database_url) as engine, transaction(engine) as session:
        users = access.list_users(session)
    for user in users:
        state = "" if user.active else "  (khóa/disabled)"
        notice = access.agency_notice(user.agency)
        moved = f"  ({notice[0]})" if notice else ""
        typer.echo(f"{user.username}\t{user.role.value}\t{user.agency or '-'}{state}{moved}")


@token_app.command("create")
@reports_errors
def token_create(
    user: UsernameOption,
    label: Annotated[str | None, typer.Option("--label", metavar="TEXT",
                                              help="Ghi chú / what it is for.")] = None,
    database_url: DatabaseOption = None,
) -> None:
    """Tạo mã truy cập API (in ở dòng cuối) / create an API token (printed on the last line)."""
    from dxmon.access import credentials
    from dxmon.store.db import transaction

    with open_store(database_url) as engine, transaction(engine) as session:
        created = credentials.create_token(session, username=user, label=label, actor=ACTOR)
    typer.echo(f"Mã/token id {created.token_id} cho/for {created.username}; "
               "chỉ hiện một lần / shown once:")
    typer.echo(created.token)


@token_app.command("revoke", cls=ArgumentsCommand)
@reports_errors
def token_revoke(
    token: Annotated[str, typer.Argument(metavar="TOKEN_OR_ID",
                                         help="Mã truy cập hoặc id / the token or its id.")],
    database_url: DatabaseOption = None,
) -> None:
    """Thu hồi mã truy cập API / revoke an API token."""
    from dxmon.access import credentials
    from dxmon.store.db import transaction

    with open_store(database_url) as engine, transaction(engine) as session:
        revoked = credentials.revoke_token(session, token_or_id=token, actor=ACTOR)
    typer.echo(f"Đã thu hồi/revoked {revoked.token_id} ({revoked.username})")


@token_app.command("list")
@reports_errors
def token_list(
    user: Annotated[str | None, typer.Option("--user", metavar="USERNAME",
                                             help="Chỉ của người này / only this user.")] = None,
    database_url: DatabaseOption = None,
) -> None:
    """Liệt kê mã truy cập (không có bí mật) / list API tokens (never their secrets)."""
    from dxmon.access import credentials
    from dxmon.store.db import transaction

    with open_store(database_url) as engine, transaction(engine) as session:
        tokens = credentials.list_tokens(session, username=user)
    for token in tokens:
        state = "thu hồi/revoked" if token.revoked_at else "hiệu lực/active"
        typer.echo(f"{token.token_id}\t{token.username}\t{state}\t{token.label or ''}")


def register(root: typer.Typer) -> None:
    """Mount ``dxmon user`` and ``dxmon token`` on the root app."""
    root.add_typer(user_app, name="user")
    root.add_typer(token_app, name="token")
