"""Rankings and grades per evaluation and year; synthetic scores are labelled."""

from decimal import Decimal

from dxmon.dashboard.boards import rankings
from dxmon.store.db import transaction
from dxmon.store.tables import EvaluationScore


def _score(session, evaluation, agency, score, synthetic=False):
    session.add(EvaluationScore(evaluation=evaluation, agency=agency, score=Decimal(score),
                                synthetic=synthetic))


def test_each_year_ranks_its_own_evaluation(engine):
    with transaction(engine) as session:
        _score(session, "tthc_system_2024", "P01", "72", synthetic=True)
        _score(session, "tthc_system_2024", "P79", "66", synthetic=True)
        _score(session, "tthc_system_2025", "P79.2025", "91")
        _score(session, "tthc_system_2025", "P01", "84")
        _score(session, "tthc_system_2025", "P48.2025", "84")
        session.flush()
        newest = rankings(session)
        assert newest.evaluation == "tthc_system_2025" and newest.year == 2025
        provinces = {b.block: b for b in newest.blocks}["dia_phuong"]
        assert [(a.code, a.rank, a.grade) for a in provinces.agencies] == [
            ("P79.2025", 1, "A"), ("P01", 2, "B"), ("P48.2025", 2, "B")]  # equal totals tie
        assert provinces.distribution == {"A": 1, "B": 2, "C": 0, "D": 0, "E": 0}
        assert not newest.synthetic
        earlier = rankings(session, year=2024)
        assert earlier.evaluation == "tthc_system_2024" and earlier.synthetic
        assert all(a.synthetic for b in earlier.blocks for a in b.agencies)
