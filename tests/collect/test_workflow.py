from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from dxmon.access.schemas import Principal, Role
from dxmon.collect import workflow
from dxmon.errors import DxmonError
from dxmon.store.db import transaction
from dxmon.store.tables import Submission
from tests.factories import fill_required

ANALYST = Principal(user_id=1, username="ana", role=Role.ANALYST)


def reporter(agency: str) -> Principal:
    return Principal(user_id=2, username=f"r{agency}", role=Role.REPORTER, agency=agency)


def test_due_dates_follow_the_reporting_windows():
    assert workflow.due_date("2024-08") == date(2024, 8, 22)  # window closes on the 20th
    assert workflow.due_date("2024S1") == date(2024, 7, 10)
    assert workflow.due_date("2024Q3") == date(2024, 10, 10)
    assert workflow.due_date("2024") == date(2025, 1, 15)
    assert workflow.due_moment("2024-08") == datetime(2024, 8, 22, 17, 0, tzinfo=UTC)


def test_transitions_follow_the_rules(engine):
    with transaction(engine) as session:
        with pytest.raises(DxmonError) as skipped:
            workflow.transition(session, user=ANALYST, agency="P01", period="2024-08",
                                action="publish")
        assert skipped.value.code == "SUBMISSION_STATE_CONFLICT"
        with pytest.raises(DxmonError) as unknown:
            workflow.transition(session, user=ANALYST, agency="ZZ", period="2024-08",
                                action="submit")
        assert unknown.value.code == "REGISTRY_AGENCY_UNKNOWN"
        with pytest.raises(DxmonError) as incomplete:
            workflow.transition(session, user=reporter("P01"), agency="P01", period="2024-08",
                                action="submit")
        assert incomplete.value.code == "SUBMISSION_REQUIRED_MISSING"
        assert "community_digital_teams" in incomplete.value.problems[0].message_en
    fill_required(engine, "P01", "2024-08")
    with transaction(engine) as session:
        workflow.transition(session, user=reporter("P01"), agency="P01", period="202408",
                            action="submit")
        assert workflow.state(session, agency="P01", period="2024-08") == "submitted"
        with pytest.raises(DxmonError) as twice:
            workflow.transition(session, user=reporter("P01"), agency="P01",
                                period="2024-08", action="submit")
        assert twice.value.code == "SUBMISSION_STATE_CONFLICT"


def _submit_at(engine, agency: str, at: datetime) -> None:
    fill_required(engine, agency, "2024-08")
    with transaction(engine) as session:
        row = workflow.transition(session, user=reporter(agency), agency=agency,
                                  period="2024-08", action="submit")
        row.created_at = at.astimezone(UTC)  # dxmon stores UTC (SQLite keeps no offset)


def test_timeliness_lists_on_time_late_and_missing_per_block(engine):
    due = workflow.due_moment("2024-08")
    _submit_at(engine, "P01", due - timedelta(seconds=1))
    _submit_at(engine, "P79", due + timedelta(hours=1))
    _submit_at(engine, "BTTTT", datetime(2024, 8, 21, tzinfo=UTC))
    with transaction(engine) as session:
        rows = {row.agency: row for row in workflow.timeliness(session, period="2024-08")}
        assert len(session.scalars(select(Submission)).all()) == 3
    assert rows["P01"].status == "on_time" and rows["P79"].status == "late"
    assert rows["BTTTT"].status == "on_time" and rows["P02"].status == "missing"
    provinces = [row for row in rows.values() if row.block == "dia_phuong"]
    assert len(provinces) == 63  # the 63 provinces in force in August 2024
    assert sum(row.status != "missing" for row in provinces) == 2
