"""The reporters' data-entry pages (Nhập liệu), in the dashboard's layout.

``/nhap-lieu``: the signed-in user's reports (a reporter: its agency's open period and every
report it has, with returned ones and their reason; staff: the reports waiting for them, and a
chooser). ``/nhap-lieu/{agency}/{period}``: the desk, a form with one line per indicator the
agency must report, what is missing, the XLSX template download and upload, and the workflow
buttons. Posts carry the session's CSRF token (checked by the user dependency); a rejected form
is shown again as typed with every error on its line, nothing stored. The logic is
:mod:`dxmon.collect.desk`'s.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from dxmon.access.errors import AUTH_REQUIRED
from dxmon.access.schemas import Principal
from dxmon.collect import desk as desks
from dxmon.collect.datavalues import ValueSetSummary
from dxmon.errors import DxmonError, Problem
from dxmon.web.api.datavaluesets import Upload, read_upload
from dxmon.web.deps import OptionalUser, SessionDep, SettingsDep
from dxmon.web.errors import status_for
from dxmon.web.pages.rendering import render

router = APIRouter(include_in_schema=False)
SEGMENT = r"[^/]{1,100}"


def _sign_in(path: str) -> Response:
    return RedirectResponse(f"/dang-nhap?next={quote(path)}", status_code=303)


def _error_page(request: Request, user: Principal | None, error: DxmonError) -> Response:
    """Not signed in → the sign-in page; anything else → the problems, in the layout."""
    if error.problems[0].code == AUTH_REQUIRED:
        return _sign_in(request.url.path)
    return render(request, "collect/problem.html.j2",
                  {"problems": error.problems, "user": user},
                  status=status_for(error.problems[0].code))


def _desk_url(agency: str, period: str, **notice: str | int) -> str:
    query = f"?{urlencode(notice)}" if notice else ""
    return f"/nhap-lieu/{quote(agency)}/{quote(period)}{query}"


@router.get("/nhap-lieu")
def home(request: Request, session: SessionDep, user: OptionalUser,
         agency: str | None = Query(None, max_length=100),
         period: str | None = Query(None, max_length=40)) -> Response:
    if user is None:
        return _sign_in("/nhap-lieu")
    if agency and period:
        return RedirectResponse(_desk_url(agency.strip(), period.strip()), status_code=303)
    try:
        reports = desks.reports_of(session, user=user)
    except DxmonError as error:
        return _error_page(request, user, error)
    from dxmon.registry.service import all_agencies

    agencies = all_agencies() if user.is_staff else []  # old units too: their past reports
    return render(request, "collect/home.html.j2",
                  {"user": user, "reports": reports, "agencies": agencies,
                   "open_period": desks.open_period(),
                   "notice": desks.agency_notice(user)})


def _notice(request: Request) -> dict[str, str]:
    return {key: value for key, value in request.query_params.items()
            if key in ("created", "updated", "unchanged", "step")}


def _desk_page(request: Request, desk: desks.Desk, user: Principal | None, *,
               problems: list[Problem] | None = None,
               warnings: list[Problem] | None = None, status: int = 200) -> Response:
    return render(request, "collect/desk.html.j2",
                  {"desk": desk, "user": user, "problems": problems or [],
                   "warnings": warnings or [], "notice": _notice(request)}, status=status)


@router.get("/nhap-lieu/{agency}/{period}")
def desk_page(request: Request, session: SessionDep, user: OptionalUser, agency: str,
              period: str) -> Response:
    try:
        desk = desks.open_desk(session, user=user, agency=agency, period=period)
    except DxmonError as error:
        return _error_page(request, user, error)
    return _desk_page(request, desk, user)


async def typed_form(request: Request) -> desks.Typed:
    """The form's ``<indicator>.<field>`` inputs, grouped by indicator."""
    typed: desks.Typed = {}
    form = await request.form()
    for name, value in form.multi_items():
        code, _, field_name = name.rpartition(".")
        if code and field_name in desks.FORM_FIELDS and isinstance(value, str):
            typed.setdefault(code, {})[field_name] = value[:2000]
    return typed


def _saved(agency: str, period: str, summary: ValueSetSummary) -> Response:
    return RedirectResponse(_desk_url(agency, period, created=summary.created,
                                      updated=summary.updated, unchanged=summary.unchanged),
                            status_code=303)


def _rejected(request: Request, session: SessionDep, user: Principal | None, agency: str,
              period: str, error: DxmonError, typed: desks.Typed | None) -> Response:
    """The desk again, as typed, with the problems on their lines (nothing was stored)."""
    try:
        desk = desks.open_desk(session, user=user, agency=agency, period=period, typed=typed,
                               problems=error.problems if typed is not None else None)
    except DxmonError as refused:
        return _error_page(request, user, refused)
    return _desk_page(request, desk, user, problems=error.problems,
                      status=status_for(error.problems[0].code))


@router.post("/nhap-lieu/{agency}/{period}")
def save(request: Request, session: SessionDep, user: OptionalUser, agency: str, period: str,
         typed: Annotated[desks.Typed, Depends(typed_form)]) -> Response:
    try:
        summary = desks.save_form(session, user=user, agency=agency, period=period,
                                  typed=typed)
    except DxmonError as error:
        return _rejected(request, session, user, agency, period, error, typed)
    return _saved(agency, period, summary)


async def upload_or_problem(request: Request, settings: SettingsDep) -> Upload | DxmonError:
    try:
        return await read_upload(request, settings)
    except DxmonError as error:
        return error


@router.post("/nhap-lieu/{agency}/{period}/tai-len")
def upload(request: Request, session: SessionDep, user: OptionalUser, agency: str, period: str,
           upload: Annotated[Upload | DxmonError, Depends(upload_or_problem)]) -> Response:
    try:
        if isinstance(upload, DxmonError):
            raise upload
        summary = desks.upload_file(session, user=user, agency=agency, period=period,
                                    data=upload.data, filename=upload.filename or "upload")
    except DxmonError as error:
        return _rejected(request, session, user, agency, period, error, None)
    return _saved(agency, period, summary)


@router.post("/nhap-lieu/{agency}/{period}/trang-thai")
def step(request: Request, session: SessionDep, user: OptionalUser, agency: str, period: str,
         action: Annotated[str, Form(max_length=20)],
         reason: Annotated[str, Form(max_length=2000)] = "",
         expected_revision: Annotated[int | None, Form(ge=0, le=10**6)] = None) -> Response:
    try:
        desks.act(session, user=user, agency=agency, period=period, action=action,
                  reason=reason.strip() or None, expected_revision=expected_revision)
    except DxmonError as error:
        return _rejected(request, session, user, agency, period, error, None)
    return RedirectResponse(_desk_url(agency, period, step=action), status_code=303)
