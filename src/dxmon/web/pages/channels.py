"""The staff page of the fact channels (``/kenh-du-lieu``, JSON twin ``.json``): upload a
channel's CSV/XLSX file (requirement statuses, plans and tasks, task updates, legal documents,
score sheets) and approve reported task updates. The logic is :mod:`dxmon.channels.desk`'s."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, RedirectResponse, Response

from dxmon.access.schemas import Principal
from dxmon.channels import desk, tasks
from dxmon.errors import DxmonError
from dxmon.web.api.datavaluesets import Upload
from dxmon.web.deps import OptionalUser, SessionDep
from dxmon.web.errors import status_for
from dxmon.web.pages.collect import upload_or_problem
from dxmon.web.pages.rendering import render

router = APIRouter(include_in_schema=False)
PATH = "/kenh-du-lieu"


def _show(request: Request, page: desk.ChannelsPage, status: int = 200) -> Response:
    if request.url.path.endswith(".json"):
        return JSONResponse(jsonable_encoder(asdict(page)), status_code=status)
    return render(request, "collect/channels.html.j2", {"page": page}, status=status)


def _sign_in() -> Response:
    return RedirectResponse(f"/dang-nhap?next={PATH}", status_code=303)


@router.get(PATH)
@router.get(PATH + ".json")
def channels_page(request: Request, session: SessionDep, user: OptionalUser) -> Response:
    if user is None:
        return _sign_in()
    return _show(request, desk.page(session, user=user))


def _rejected(request: Request, session: SessionDep, user: Principal,
              error: DxmonError) -> Response:
    """The page again with the problems (the channel stored nothing: see its service)."""
    return _show(request, desk.page(session, user=user, problems=error.problems),
                 status=status_for(error.problems[0].code))


@router.post(PATH + "/duyet")
def approve(request: Request, session: SessionDep, user: OptionalUser,
            task: Annotated[str, Form(max_length=100)],
            as_of: Annotated[date, Form()]) -> Response:
    if user is None:
        return _sign_in()
    try:
        tasks.approve(session, user=user, task=task, as_of=as_of)
    except DxmonError as error:
        return _rejected(request, session, user, error)
    return RedirectResponse(PATH, status_code=303)


@router.post(PATH + "/{channel}")
def upload(request: Request, session: SessionDep, user: OptionalUser, channel: str,
           upload: Annotated[Upload | DxmonError, Depends(upload_or_problem)]) -> Response:
    if user is None:
        return _sign_in()
    try:
        if isinstance(upload, DxmonError):
            raise upload
        outcome, problems = desk.upload(session, user=user, channel=channel, data=upload.data,
                                        filename=upload.filename or f"upload.{upload.fmt}")
    except DxmonError as error:
        return _rejected(request, session, user, error)
    if problems:
        return _rejected(request, session, user, DxmonError(problems))
    return _show(request, desk.page(session, user=user, outcome=outcome))
