"""The dashboard's pages. Each renders a documented ``XxxPage`` dataclass of
``dxmon.dashboard``; the same URL with ``.json`` answers that dataclass as JSON."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from typing import Annotated, Any

import openpyxl
from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dxmon.catalog.service import list_indicators
from dxmon.check.reading import read_bytes
from dxmon.check.service import check_text, check_text_against_store
from dxmon.dashboard import boards, charts
from dxmon.dashboard.agency import agency_page
from dxmon.dashboard.indicator import indicator_page
from dxmon.dashboard.overview import overview, period_choices, resolve_period
from dxmon.errors import DxmonError, Problem
from dxmon.periods import Period, parse_as_of
from dxmon.registry.service import list_agencies
from dxmon.web.deps import OptionalUser, PageViewDep, SessionDep, SettingsDep
from dxmon.web.i18n import LANG_COOKIE, LANGUAGES
from dxmon.web.pages.rendering import render

router = APIRouter(include_in_schema=False)


def wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json")


def respond(request: Request, template: str, page: Any, **extra: Any) -> Response:
    if wants_json(request):
        return JSONResponse(jsonable_encoder(asdict(page)))
    return render(request, template, {"page": page, **extra})


@router.get("/ngon-ngu")
def switch_language(lang: str = "vi", next: str = "/") -> RedirectResponse:
    """Remember the visitor's language and go back to the page."""
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(LANG_COOKIE, lang if lang in LANGUAGES else "vi", samesite="lax",
                        max_age=365 * 24 * 3600)
    return response


@router.get("/")
@router.get("/index.json")
def overview_page(request: Request, session: SessionDep, view: PageViewDep,
                  period: str | None = None) -> Response:
    page = overview(session, period=period, view=view)
    return respond(request, "dashboard/overview.html.j2", page,
                   sparks=charts.sparklines(page))


@router.get("/chi-so")
@router.get("/chi-so.json")
def indicator_list(request: Request) -> Response:
    rows = [{"code": i.code, "name_vi": i.name_vi, "name_en": i.name_en,
             "pillar": str(i.pillar), "unit": str(i.unit)} for i in list_indicators()]
    if wants_json(request):
        return JSONResponse(rows)
    return render(request, "dashboard/indicators.html.j2", {"rows": rows})


@router.get("/chi-so/{code}.csv")
def indicator_csv(code: str, session: SessionDep, view: PageViewDep) -> Response:
    page = indicator_page(session, code, view=view)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TABLE_COLUMNS)
    writer.writerows(_table(page))
    return Response(out.getvalue().encode("utf-8-sig"), media_type="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{code}.csv"'})


@router.get("/chi-so/{code}.xlsx")
def indicator_xlsx(code: str, session: SessionDep, view: PageViewDep) -> Response:
    page = indicator_page(session, code, view=view)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = code[:31]
    sheet.append(TABLE_COLUMNS)
    for row in _table(page):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return Response(out.getvalue(), media_type="application/vnd.openxmlformats-officedocument"
                    ".spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="{code}.xlsx"'})


TABLE_COLUMNS = ["indicator", "scope", "period", "window", "value", "numerator", "denominator",
                 "source", "revision"]


def _table(page: Any) -> list[list[Any]]:
    return [[page.code, r.scope, r.period, r.window, str(r.value), r.numerator, r.denominator,
             r.source, r.revision] for r in page.rows]


@router.get("/chi-so/{code}")
@router.get("/chi-so/{code}.json")
def indicator(request: Request, code: str, session: SessionDep, view: PageViewDep,
              period: str | None = None) -> Response:
    page = indicator_page(session, code, period=period, view=view)
    return respond(request, "dashboard/indicator.html.j2", page,
                   periods=period_choices(session), **charts.indicator_charts(page))


@router.get("/co-quan")
@router.get("/co-quan.json")
def agency_list(request: Request, session: SessionDep, period: str | None = None) -> Response:
    period_id = resolve_period(session, period)
    rows = [{"code": a.code, "name_vi": a.name_vi, "short_name": a.short_name,
             "block": str(a.block), "kind": str(a.kind)}
            for a in list_agencies(as_of=Period.parse(period_id).end)]
    if wants_json(request):
        return JSONResponse(rows)
    return render(request, "dashboard/agencies.html.j2", {"rows": rows, "period": period_id})


@router.get("/co-quan/{code}")
@router.get("/co-quan/{code}.json")
def agency(request: Request, code: str, session: SessionDep, view: PageViewDep,
           period: str | None = None) -> Response:
    page = agency_page(session, code, period=period, view=view)
    return respond(request, "dashboard/agency.html.j2", page,
                   periods=period_choices(session))


@router.get("/xep-hang")
@router.get("/xep-hang.json")
def rankings(request: Request, session: SessionDep, year: int | None = None,
             evaluation: str | None = None) -> Response:
    page = boards.rankings(session, year=year, evaluation=evaluation)
    return respond(request, "dashboard/rankings.html.j2", page,
                   grade_charts=charts.grade_charts(page))


@router.get("/yeu-cau")
@router.get("/yeu-cau.json")
def requirements(request: Request, session: SessionDep, period: str | None = None) -> Response:
    page = boards.requirements_board(session, period=period)
    return respond(request, "dashboard/requirements.html.j2", page,
                   periods=period_choices(session))


@router.get("/nhiem-vu")
@router.get("/nhiem-vu.json")
def tasks(request: Request, session: SessionDep, as_of: str | None = None, lead: str = "",
          due_before: str | None = None) -> Response:
    day = parse_as_of(as_of) if as_of else Period.parse(resolve_period(session, None)).end
    page = boards.task_board(session, as_of=day, lead=lead,
                             due_before=parse_as_of(due_before) if due_before else None)
    return respond(request, "dashboard/tasks.html.j2", page, as_of_iso=day.isoformat(),
                   due_before_iso=due_before or "")


@router.get("/bao-cao")
@router.get("/bao-cao.json")
def reports(request: Request, session: SessionDep, user: OptionalUser) -> Response:
    reportable = [p for p in period_choices(session)
                  if Period.parse(p.id).kind in ("half", "month")]
    if wants_json(request):
        return JSONResponse(jsonable_encoder([asdict(p) for p in reportable]))
    return render(request, "dashboard/reports.html.j2",
                  {"periods": reportable, "formats": ("md", "html", "docx", "pdf"),
                   "can_edit": user is not None and user.is_staff})


@router.get("/kiem-tra")
def checker_form(request: Request) -> Response:
    return render(request, "dashboard/check.html.j2", {"result": None, "text": "",
                                                       "lines": [], "problems": [],
                                                       "period": "", "against_data": False})


@router.post("/kiem-tra")
async def checker(request: Request, settings: SettingsDep,
                  text: Annotated[str, Form(max_length=2_000_000)] = "",
                  file: UploadFile | None = None,
                  against_data: Annotated[bool, Form()] = False,
                  period: Annotated[str, Form(max_length=20)] = "") -> Response:
    """Check a pasted text or an uploaded file (against the stored figures of a period when
    asked); show the findings highlighted in place."""
    name = "văn bản"
    try:
        if file is not None and file.filename:
            data = await file.read(settings.max_upload_bytes + 1)
            if len(data) > settings.max_upload_bytes:
                raise DxmonError(Problem(code="CHECK_TOO_LARGE",
                                         message_vi="Tệp vượt giới hạn tải lên.",
                                         message_en="The file is over the upload limit."))
            text, name = read_bytes(data, file.filename), file.filename
        result = (await run_in_threadpool(check_text_against_store, request.app.state.engine,
                                          text, name=name, period=period.strip() or None)
                  if against_data else check_text(text, name=name))
    except DxmonError as error:
        return render(request, "dashboard/check.html.j2",
                      {"result": None, "text": text, "lines": [], "problems": error.problems,
                       "period": period, "against_data": against_data}, status=400)
    return render(request, "dashboard/check.html.j2",
                  {"result": result, "text": text, "problems": [], "period": period,
                   "against_data": against_data,
                   "lines": charts.highlighted_lines(text, result.findings)})
