"""Defect 2 of issue 16: a writer reads the current revision once and writes the next one.

Another writer commits between the check of ``expected_revision`` and the insert (READ
COMMITTED on PostgreSQL lets a second read see it): the first writer must then lose with a
409 conflict, never write on top of a value it did not see."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event

from dxmon.access.schemas import Principal, Role
from dxmon.collect import observations, statuses, workflow
from dxmon.collect.observations import Facts, RevisionConflict
from dxmon.collect.service import ObservationKey, observation_history, requirement_status_history
from dxmon.collect.statuses import StatusFacts
from dxmon.store.db import session_factory, transaction

KEY = ObservationKey("online_fullprocess_dossier_rate", "agency:P01", "2024-08")
ANALYST = Principal(user_id=1, username="ana", role=Role.ANALYST)
REQUIREMENT = "steering_plan_2024_issued"


def _interleaved(engine: Any, table: str, agency: str, period: str,
                 first_write: Callable[[Any], object],
                 other_write: Callable[[Any], object]) -> object:
    """Run ``first_write`` and commit ``other_write`` right after its first read of ``table``.

    The report is opened first, so that both writers only race for the value itself."""
    with transaction(engine) as opening:
        workflow.ensure_editable(opening, user=ANALYST, agency=agency, period=period)
    session = session_factory(engine)()
    connection = session.connection()
    seen = {"reads": 0}

    def after_read(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and f"FROM {table}" in statement:
            seen["reads"] += 1
            if seen["reads"] == 1:
                with transaction(engine) as other:
                    other_write(other)

    event.listen(connection, "after_cursor_execute", after_read)
    try:
        return first_write(session)
    finally:
        session.rollback()
        session.close()


@pytest.mark.postgres
def test_observation_writer_that_lost_the_race_gets_409(postgres_engine):
    def write(value: int) -> Callable[[Any], object]:
        return lambda session: observations.write(
            session, user=ANALYST, key=KEY, facts=Facts(value=Decimal(value)),
            expected_revision=0)

    with pytest.raises(RevisionConflict) as raised:
        _interleaved(postgres_engine, "observations", "P01", "2024-08", write(1), write(2))
    assert raised.value.current is not None and raised.value.current["value"] == "2"
    with transaction(postgres_engine) as session:
        assert [row.value for row in observation_history(session, KEY)] == [2]


@pytest.mark.postgres
def test_status_writer_that_lost_the_race_gets_409(postgres_engine):
    def write(status: str) -> Callable[[Any], object]:
        return lambda session: statuses.write(
            session, user=ANALYST, requirement=REQUIREMENT, agency="P31", period="2024S1",
            facts=StatusFacts(status=status), expected_revision=0)

    with pytest.raises(RevisionConflict):
        _interleaved(postgres_engine, "requirement_statuses", "P31", "2024S1",
                     write("done"), write("not_done"))
    with transaction(postgres_engine) as session:
        rows = requirement_status_history(session, requirement=REQUIREMENT, agency="P31",
                                          period="2024S1")
        assert [row.status for row in rows] == ["not_done"]
