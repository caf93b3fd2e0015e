"""The administrators' users page (``/nguoi-dung``): every user with its role and agency, the
reporters of an abolished agency flagged with the successor to move them to, and moving a
reporter to another agency (through :func:`dxmon.access.service.move_to_agency`, audited)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from dxmon.access import service
from dxmon.access.schemas import Principal, Role, UserRead
from dxmon.errors import Problem


@dataclass(frozen=True)
class UserRow:
    """One user; ``notice_*`` and ``successor`` are set when its agency is no longer in force."""

    username: str
    role: str
    agency: str | None
    active: bool
    movable: bool
    notice_vi: str | None = None
    notice_en: str | None = None
    successor: str | None = None


@dataclass(frozen=True)
class AgencyChoice:
    code: str
    name_vi: str
    name_en: str


@dataclass
class UsersPage:
    """The users, the agencies in force on ``on`` (what a reporter may be moved to), and the
    outcome of the last move (``moved``) or why it was refused (``problems``)."""

    on: date
    users: list[UserRow]
    agencies: list[AgencyChoice]
    moved: str | None = None
    problems: list[Problem] = field(default_factory=list)
    csrf_token: str = ""


def _successor(agency: str, on: date) -> str | None:
    from dxmon.registry.history import successors

    found = successors(agency, on=on)
    return found[0] if len(found) == 1 else None


def _row(user: UserRead, on: date) -> UserRow:
    notice = service.agency_notice(user.agency, on=on)
    if notice is None or user.agency is None:
        return UserRow(user.username, user.role.value, user.agency, user.active,
                       movable=user.role is Role.REPORTER)
    return UserRow(user.username, user.role.value, user.agency, user.active,
                   movable=user.role is Role.REPORTER, notice_vi=notice[0], notice_en=notice[1],
                   successor=_successor(user.agency, on))


def _agencies(on: date) -> list[AgencyChoice]:
    from dxmon.registry.service import list_agencies

    return [AgencyChoice(a.code, a.name_vi, a.name_en) for a in list_agencies(as_of=on)]


def users_page(session: Session, *, user: Principal | None, on: date | None = None,
               moved: str | None = None, problems: list[Problem] | None = None) -> UsersPage:
    """The page for an administrator (anyone else: the access error)."""
    service.ensure_role(user, Role.ADMINISTRATOR)
    day = on or date.today()
    return UsersPage(on=day, users=[_row(u, day) for u in service.list_users(session)],
                     agencies=_agencies(day), moved=moved, problems=problems or [])


def move(session: Session, *, user: Principal | None, username: str, agency: str,
         on: date | None = None) -> UserRead:
    """An administrator moves ``username`` to ``agency`` (in force on ``on``, today by default;
    otherwise refused naming the successor or predecessors). The change is audited."""
    admin = service.ensure_role(user, Role.ADMINISTRATOR)
    return service.move_to_agency(session, username=username.strip(), agency=agency.strip(),
                                  actor=admin.username, on=on)
