"""Evaluation totals, grades and ranks. An agency's total is the sum of its score sheet (the
newest score of each criterion) when it has one, else the total loaded into evaluation_scores
(the demo's totals); its grade follows the evaluation's thresholds (catalogue)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dxmon.catalog.loader import load_catalog
from dxmon.catalog.schemas import Evaluation
from dxmon.store.tables import CriterionScore, EvaluationScore

GRADES = ("A", "B", "C", "D", "E")


def sheet_totals(session: Session, *, evaluation: str) -> dict[str, Decimal]:
    """Each agency's score-sheet sum: the newest score of each of its criteria, added up."""
    newest = (select(CriterionScore.agency, CriterionScore.criterion,
                     func.max(CriterionScore.revision).label("revision"))
              .where(CriterionScore.evaluation == evaluation)
              .group_by(CriterionScore.agency, CriterionScore.criterion).subquery())
    query = select(CriterionScore).where(CriterionScore.evaluation == evaluation).join(
        newest, (CriterionScore.agency == newest.c.agency)
        & (CriterionScore.criterion == newest.c.criterion)
        & (CriterionScore.revision == newest.c.revision))
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for row in session.scalars(query):
        totals[row.agency] += Decimal(row.score)
    return dict(totals)


def loaded_totals(session: Session, *, evaluation: str) -> dict[str, Decimal]:
    """The newest total of each agency loaded as a total (evaluation_scores)."""
    rows = session.scalars(select(EvaluationScore).filter_by(evaluation=evaluation)
                           .order_by(EvaluationScore.revision))
    return {row.agency: row.score for row in rows}


def agency_totals(session: Session, *, evaluation: str) -> dict[str, Decimal]:
    """Every evaluated agency's total: its score sheet's sum, else its loaded total."""
    return {**loaded_totals(session, evaluation=evaluation),
            **sheet_totals(session, evaluation=evaluation)}


def ranks(totals: dict[str, Decimal]) -> dict[str, int]:
    """Competition ranks, highest total first; equal totals share a rank (1, 2, 2, 4)."""
    ordered = sorted(totals.values(), reverse=True)
    return {code: ordered.index(total) + 1 for code, total in totals.items()}


@dataclass(frozen=True)
class Ranked:
    """One agency in an evaluation: its total, grade, rank within its block and whether its
    score is synthetic (demo data, labelled wherever shown)."""

    agency: str
    total: Decimal
    grade: str
    rank: int
    synthetic: bool


def evaluation_for(year: int, code: str | None = None) -> Evaluation | None:
    """The evaluation asked for, else the one of ``year`` (each year has its own)."""
    evaluations = load_catalog().evaluations
    if code is not None:
        return evaluations.get(code)
    return next((e for e in evaluations.values() if e.year == year), None)


def synthetic_agencies(session: Session, *, evaluation: str) -> set[str]:
    rows = session.scalars(select(EvaluationScore).filter_by(evaluation=evaluation)
                           .order_by(EvaluationScore.revision))
    newest = {row.agency: row.synthetic for row in rows}
    sheets = sheet_totals(session, evaluation=evaluation)
    return {agency for agency, synthetic in newest.items() if synthetic and agency not in sheets}


def block_ranking(session: Session, *, evaluation: Evaluation, block: str) -> list[Ranked]:
    """The evaluated agencies of a block, best first, with shared ranks for equal totals."""
    from dxmon.catalog.service import grade_for
    from dxmon.registry.service import get_agency

    totals = {code: total for code, total in agency_totals(
        session, evaluation=evaluation.code).items() if str(get_agency(code).block) == block}
    synthetic = synthetic_agencies(session, evaluation=evaluation.code)
    ranked = ranks(totals)
    return sorted((Ranked(code, total, str(grade_for(evaluation.code, total)), ranked[code],
                          code in synthetic) for code, total in totals.items()),
                  key=lambda r: (r.rank, r.agency))


def distribution(ranked: list[Ranked]) -> dict[str, int]:
    """Agencies per grade, A to E (every grade listed, zero included)."""
    return {grade: sum(1 for r in ranked if r.grade == grade) for grade in GRADES}


@dataclass(frozen=True)
class Score:
    agency: str
    score: Decimal
    grade: str
    synthetic: bool


def evaluation_scores(session: Session, *, evaluation: str) -> list[Score]:
    """Each agency's total (its score sheet's sum, else its loaded total), with its grade."""
    from dxmon.catalog.service import get_evaluation, grade_for

    get_evaluation(evaluation)
    synthetic = synthetic_agencies(session, evaluation=evaluation)
    totals = agency_totals(session, evaluation=evaluation)
    return [Score(agency=code, score=total, grade=str(grade_for(evaluation, total)),
                  synthetic=code in synthetic) for code, total in sorted(totals.items())]
