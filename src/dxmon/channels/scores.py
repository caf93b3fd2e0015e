"""Evaluation score sheets: one agency's score on each criterion of an evaluation; the sum of
a sheet is the agency's total (compute/grades.py)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy.orm import Session

from dxmon.catalog.loader import load_catalog
from dxmon.catalog.schemas import Evaluation
from dxmon.channels import errors as codes
from dxmon.channels.fields import RowReader
from dxmon.channels.kinds import Channel, Fact
from dxmon.channels.store import Actor, Outcome, record
from dxmon.errors import Problem
from dxmon.store.tables import CriterionScore
from dxmon.suggest import did_you_mean, hint_text

COLUMNS = ("evaluation", "agency", "criterion", "score")


def _evaluation(reader: RowReader) -> Evaluation | None:
    code = reader.text("evaluation", max_length=100)
    evaluations = load_catalog().evaluations
    if code is not None and code not in evaluations:
        hints = hint_text(did_you_mean(code, evaluations))
        reader.problem(codes.EVALUATION_UNKNOWN, "evaluation",
                       f"Không có đợt đánh giá '{code}'. Gợi ý: {hints}.",
                       f"Unknown evaluation '{code}'. Did you mean: {hints}?")
    return evaluations.get(code or "")


def _check_agency(reader: RowReader, evaluation: Evaluation, agency: str) -> None:
    from dxmon.registry.service import get_agency

    found = get_agency(agency)
    if str(found.block) not in {str(b) for b in evaluation.blocks} \
            or agency in evaluation.exclude:
        reader.problem(codes.AGENCY_NOT_EVALUATED, "agency",
                       f"{found.name_vi} không thuộc đối tượng của đợt đánh giá "
                       f"'{evaluation.code}'.",
                       f"{found.name_en} is not evaluated in '{evaluation.code}'.")


def _score(reader: RowReader, evaluation: Evaluation, criterion: str | None) -> Decimal | None:
    weights = {c.code: Decimal(str(c.weight)) for c in evaluation.criteria}
    if criterion is not None and criterion not in weights:
        allowed = ", ".join(weights)
        reader.problem(codes.CRITERION_UNKNOWN, "criterion",
                       f"Tiêu chí '{criterion}' không có trong '{evaluation.code}'; dùng: "
                       f"{allowed}.",
                       f"Criterion '{criterion}' is not in '{evaluation.code}'; use: {allowed}.")
        return None
    score = reader.number("score")
    if score is not None and criterion is not None and not 0 <= score <= weights[criterion]:
        reader.problem(codes.SCORE_OUT_OF_RANGE, "score",
                       f"Điểm {score} nằm ngoài khoảng [0; {weights[criterion]}].",
                       f"Score {score} is outside [0; {weights[criterion]}].")
        return None
    return score


def parse(reader: RowReader, session: Session, actor: Actor) -> Fact | None:
    evaluation = _evaluation(reader)
    agency = reader.agency("agency")
    criterion = reader.text("criterion", max_length=100)
    if evaluation is None:
        return None
    if agency is not None:
        _check_agency(reader, evaluation, agency)
    score = _score(reader, evaluation, criterion)
    if reader.problems or None in (agency, criterion, score):
        return None
    return Fact(reader.row, (evaluation.code, agency, criterion), {
        "evaluation": evaluation.code, "agency": agency, "criterion": criterion,
        "score": score})


def complete_sheets(facts: list[Fact], where: str) -> list[Problem]:
    """Each agency's sheet names every criterion of its evaluation, so its sum is a total."""
    sheets: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        sheets[(fact.values["evaluation"], fact.values["agency"])].append(fact)
    problems = []
    for (evaluation, agency), lines in sheets.items():
        wanted = [c.code for c in load_catalog().evaluations[evaluation].criteria]
        missing = [code for code in wanted if code not in {f.values["criterion"] for f in lines}]
        if missing:
            names = ", ".join(missing)
            problems.append(Problem(
                code=codes.SHEET_INCOMPLETE, where=where, row=lines[0].row, field="criterion",
                message_vi=f"Phiếu điểm của {agency} ({evaluation}) thiếu tiêu chí: {names}.",
                message_en=f"The score sheet of {agency} ({evaluation}) lacks: {names}."))
    return problems


def store(session: Session, fact: Fact, actor: Actor, provenance: dict[str, object]) -> Outcome:
    values = dict(fact.values)
    score = values.pop("score")
    outcome, _ = record(session, CriterionScore, key=values, facts={"score": score},
                        actor=actor, entity="score_sheet", provenance=provenance)
    return outcome


CHANNEL = Channel(name="score_sheets", title_vi="Phiếu điểm đánh giá",
                  title_en="Evaluation score sheets", columns=COLUMNS,
                  signature=frozenset({"evaluation", "agency", "criterion", "score"}),
                  parse=parse, store=store, check_batch=complete_sheets)
