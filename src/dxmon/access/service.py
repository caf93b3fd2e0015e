"""Users, roles and the permission checks.

``can_read(user, agency_code, status)`` answers whether a piece of data may be shown;
``ensure_can_write(user, agency_code)`` raises a 401/403 :class:`DxmonError` unless the user may
change the data of that agency (``None``: national or block data, staff only).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dxmon.access import errors
from dxmon.access.passwords import hash_password
from dxmon.access.schemas import STAFF, Principal, Role, UserCreate, UserRead, Via
from dxmon.errors import DxmonError, Problem
from dxmon.store.audit import record as audit_record
from dxmon.store.tables import User

PUBLIC_STATUS = "published"
VIEWER_STATUSES = ("approved", "published")


def can_read(user: Principal | None, agency_code: str | None, status: str) -> bool:
    """Published data is public; staff read everything; a reporter reads its own agency's
    data in any state; a viewer reads approved data too."""
    if status == PUBLIC_STATUS:
        return True
    if user is None:
        return False
    if user.role in STAFF:
        return True
    if user.role is Role.REPORTER:
        return agency_code is not None and agency_code == user.agency
    return status in VIEWER_STATUSES


def _forbidden(vi: str, en: str) -> DxmonError:
    return DxmonError(Problem(code=errors.ACCESS_FORBIDDEN, message_vi=vi, message_en=en))


def ensure_signed_in(user: Principal | None) -> Principal:
    if user is None:
        raise DxmonError(Problem(code=errors.AUTH_REQUIRED,
                                 message_vi="Cần đăng nhập hoặc mã truy cập API.",
                                 message_en="Sign in or send an API token."))
    return user


def ensure_can_write(user: Principal | None, agency_code: str | None) -> Principal:
    """Staff write anything; a reporter writes its own agency's data only."""
    user = ensure_signed_in(user)
    if user.role in STAFF:
        return user
    if user.role is Role.REPORTER and agency_code is not None and agency_code == user.agency:
        return user
    target = f"đơn vị {agency_code}" if agency_code else "số liệu toàn quốc/khối"
    target_en = f"agency {agency_code}" if agency_code else "national or block data"
    raise _forbidden(f"Người dùng {user.username} không được ghi dữ liệu của {target}.",
                     f"User {user.username} may not write the data of {target_en}.")


def ensure_can_read(user: Principal | None, agency_code: str | None, status: str) -> None:
    if not can_read(user, agency_code, status):
        ensure_signed_in(user)
        raise _forbidden("Không có quyền xem dữ liệu này.", "You may not read this data.")


def ensure_role(user: Principal | None, *roles: Role) -> Principal:
    user = ensure_signed_in(user)
    if user.role not in roles:
        wanted = ", ".join(role.value for role in roles)
        raise _forbidden(f"Cần vai trò: {wanted}.", f"This needs the role: {wanted}.")
    return user


def _user_problem(field: str, vi: str, en: str) -> DxmonError:
    return DxmonError(Problem(code=errors.USER_INVALID, field=field, message_vi=vi,
                              message_en=en))


def _check_agency(role: Role, agency: str | None) -> None:
    from dxmon.registry.service import get_agency

    if role is Role.REPORTER and not agency:
        raise _user_problem("agency", "Người báo cáo phải gắn với một đơn vị (--agency).",
                            "A reporter must be bound to an agency (--agency).")
    if role is not Role.REPORTER and agency:
        raise _user_problem("agency", "Chỉ người báo cáo mới gắn với đơn vị.",
                            "Only reporters are bound to an agency.")
    if agency:
        get_agency(agency)  # raises the registry's error for an unknown code


def to_read(user: User) -> UserRead:
    return UserRead.model_validate(user, from_attributes=True)


def _snapshot(user: User) -> dict[str, object]:
    return {"username": user.username, "role": user.role, "agency": user.agency,
            "active": user.active}


def find_user(session: Session, username: str) -> User | None:
    return session.scalars(select(User).where(User.username == username)).first()


def get_user(session: Session, username: str) -> User:
    user = find_user(session, username)
    if user is None:
        raise DxmonError(Problem(code=errors.USER_NOT_FOUND, field="username",
                                 message_vi=f"Không có người dùng {username!r}.",
                                 message_en=f"No user {username!r}."))
    return user


def create_user(session: Session, *, data: UserCreate, actor: str) -> UserRead:
    """Add a user (its password hashed with Argon2id); the write is audited."""
    _check_agency(data.role, data.agency)
    if find_user(session, data.username) is not None:
        raise DxmonError(Problem(code=errors.USER_EXISTS, field="username",
                                 message_vi=f"Người dùng {data.username!r} đã tồn tại.",
                                 message_en=f"User {data.username!r} already exists."))
    user = User(username=data.username, password_hash=hash_password(data.password),
                role=data.role.value, agency=data.agency, active=True, created_by=actor)
    session.add(user)
    session.flush()
    audit_record(session, actor=actor, action="create", entity="user", key=user.username,
                 before=None, after=_snapshot(user))
    session.refresh(user)
    return to_read(user)


def set_active(session: Session, *, username: str, active: bool, actor: str) -> UserRead:
    user = get_user(session, username)
    if not active and user.active and user.role == Role.ADMINISTRATOR.value:
        _ensure_another_administrator(session, user)
    before = _snapshot(user)
    user.active = active
    session.flush()
    audit_record(session, actor=actor, action="update", entity="user", key=username,
                 before=before, after=_snapshot(user))
    return to_read(user)


def _not_in_force(agency: str, day: date) -> DxmonError:
    """The refusal of an agency not in force on ``day``, naming the unit(s) to use instead: its
    successor once it has ended, its predecessors before it began."""
    from dxmon.registry.history import unit_names, units_on

    instead = units_on(agency, day)
    vi = f"Đơn vị {agency} không có hiệu lực ngày {day:%d/%m/%Y}"
    en = f"Agency {agency} is not in force on {day}"
    if instead:
        vi += f"; dùng: {unit_names(instead)}"
        en += f"; use: {unit_names(instead)}"
    return _user_problem("agency", vi + ".", en + ".")


def move_to_agency(session: Session, *, username: str, agency: str, actor: str,
                   on: date | None = None) -> UserRead:
    """Bind a reporter to another agency (after a merger: the successor of its old one); the
    agency must be in force on ``on`` (today by default). The write is audited."""
    from dxmon.registry.service import get_agency

    user = get_user(session, username)
    _check_agency(Role(user.role), agency)
    target = get_agency(agency)
    day = on or date.today()
    if not target.in_force(day):
        raise _not_in_force(target.code, day)
    before = _snapshot(user)
    user.agency = target.code
    session.flush()
    audit_record(session, actor=actor, action="update", entity="user", key=username,
                 before=before, after=_snapshot(user))
    return to_read(user)


def agency_notice(agency: str | None, on: date | None = None) -> tuple[str, str] | None:
    """What a reporter of an abolished agency is told (vi, en): the successor to report under
    and who can move them; None when the agency is in force."""
    from dxmon.registry.history import successors
    from dxmon.registry.service import get_agency

    day = on or date.today()
    if agency is None or get_agency(agency).in_force(day):
        return None
    instead = ", ".join(successors(agency, on=day)) or "—"
    return (f"Đơn vị {agency} đã hết hiệu lực; đơn vị kế thừa: {instead}. Quản trị viên chuyển "
            f"tài khoản tại trang /nguoi-dung hoặc bằng: dxmon user update --username <tên> "
            f"--agency {instead}.",
            f"Agency {agency} is no longer in force; its successor is {instead}. An "
            f"administrator moves the account on the page /nguoi-dung or with: dxmon user "
            f"update --username <name> --agency {instead}.")


def reporter_notice(user: Principal, on: date | None = None) -> tuple[str, str] | None:
    """:func:`agency_notice` for a signed-in reporter (anyone else is bound to no agency)."""
    return agency_notice(user.agency, on=on) if user.role is Role.REPORTER else None


def _ensure_another_administrator(session: Session, user: User) -> None:
    """Disabling the last active administrator would leave no one to manage users."""
    others = session.scalar(select(func.count()).select_from(User).where(
        User.role == Role.ADMINISTRATOR.value, User.active.is_(True), User.id != user.id))
    if not others:
        raise _user_problem("username", "Không thể khóa quản trị viên cuối cùng còn hoạt động.",
                            "The last active administrator cannot be disabled.")


def list_users(session: Session) -> list[UserRead]:
    return [to_read(user) for user in session.scalars(select(User).order_by(User.username))]


def principal_of(user: User, *, via: Via = "cli", token_id: str | None = None) -> Principal:
    return Principal(user_id=user.id, username=user.username, role=Role(user.role),
                     agency=user.agency, via=via, token_id=token_id)
