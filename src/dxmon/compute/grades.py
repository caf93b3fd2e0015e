"""Evaluation totals, grades and ranks. An agency's total is the sum of its score sheet (the
newest score of each criterion) when it has one, else the total loaded into evaluation_scores
(the demo's totals); its grade follows the evaluation's thresholds (catalogue)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dxmon.store.tables import CriterionScore, EvaluationScore


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
