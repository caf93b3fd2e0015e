"""The narrative editor (Văn bản báo cáo) for analysts and administrators.

``/bao-cao/{period}/van-ban``: the narrative blocks of the period's report with their current
text. ``/bao-cao/{period}/van-ban/{key}``: a block's form (text, the revision seen, CSRF) beside
a preview of the report section holding it; "Xem trước" re-renders the preview with the typed
text, "Lưu" stores a new, audited revision (a stale revision or a block that cannot be rendered
shows the error on the form, nothing stored). The logic is :mod:`dxmon.report.editing`'s.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from dxmon.access.errors import AUTH_REQUIRED
from dxmon.access.schemas import Principal
from dxmon.errors import DxmonError
from dxmon.report import editing
from dxmon.web.deps import OptionalUser, SessionDep
from dxmon.web.errors import status_for
from dxmon.web.pages.rendering import render

router = APIRouter(include_in_schema=False)
SAVE_REFUSALS = ("NARRATIVE_REVISION_CONFLICT", "NARRATIVE_INVALID")


def _list_url(period: str) -> str:
    return f"/bao-cao/{quote(period)}/van-ban"


def _block_url(period: str, key: str) -> str:
    return f"{_list_url(period)}/{quote(key)}"


def _error_page(request: Request, user: Principal | None, error: DxmonError) -> Response:
    """Not signed in → the sign-in page; anything else → the problems, in the layout."""
    if error.problems[0].code == AUTH_REQUIRED:
        return RedirectResponse(f"/dang-nhap?next={quote(request.url.path)}", status_code=303)
    return render(request, "collect/problem.html.j2",
                  {"problems": error.problems, "user": user},
                  status=status_for(error.problems[0].code))


def _editor_page(request: Request, editor: editing.BlockEditor, status: int = 200) -> Response:
    return render(request, "report/narrative.html.j2",
                  {"editor": editor, "list_url": _list_url(editor.period),
                   "block_url": _block_url(editor.period, editor.key)}, status=status)


@router.get("/bao-cao/{period}/van-ban")
def narratives_list(request: Request, session: SessionDep, user: OptionalUser,
                    period: str) -> Response:
    try:
        page = editing.narratives_page(session, user=user, period=period)
    except DxmonError as error:
        return _error_page(request, user, error)
    return render(request, "report/narratives.html.j2",
                  {"page": page, "list_url": _list_url(page.period)})


@router.get("/bao-cao/{period}/van-ban/{key}")
def narrative_form(request: Request, session: SessionDep, user: OptionalUser,
                   period: str, key: str,
                   saved: int | None = Query(None, ge=0)) -> Response:
    try:
        editor = editing.block_editor(session, user=user, period=period, key=key)
    except DxmonError as error:
        return _error_page(request, user, error)
    editor.saved_revision = saved
    return _editor_page(request, editor)


@router.post("/bao-cao/{period}/van-ban/{key}")
def narrative_submit(request: Request, session: SessionDep, user: OptionalUser,
                     period: str, key: str,
                     text: Annotated[str, Form(max_length=50_000)] = "",
                     expected_revision: Annotated[int, Form(ge=0)] = 0,
                     action: Annotated[Literal["preview", "save"], Form()] = "preview",
                     ) -> Response:
    """Preview the typed text, or save it; a refused save shows the form as typed with the
    reason (409 for a newer revision, 422 for a block that cannot be rendered)."""
    try:
        if action == "save":
            return _save(request, session, user, period, key, text, expected_revision)
        editor = editing.typed_editor(session, user=user, period=period, key=key, text=text,
                                      expected_revision=expected_revision)
    except DxmonError as error:
        return _error_page(request, user, error)
    return _editor_page(request, editor)


def _save(request: Request, session: SessionDep, user: Principal | None, period: str,
          key: str, text: str, expected_revision: int) -> Response:
    try:
        revision = editing.save(session, user=user, period=period, key=key, text=text,
                                expected_revision=expected_revision)
    except DxmonError as error:
        if error.problems[0].code not in SAVE_REFUSALS:
            raise
        editor = editing.typed_editor(session, user=user, period=period, key=key, text=text,
                                      expected_revision=expected_revision)
        editor.problems = list(error.problems)  # the save's reason, not the preview's
        return _editor_page(request, editor, status=status_for(error.problems[0].code))
    return RedirectResponse(f"{_block_url(period, key)}?saved={revision}", status_code=303)
