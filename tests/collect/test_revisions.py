from decimal import Decimal

from dxmon.collect import service
from dxmon.store.db import make_engine, transaction

KEY = service.ObservationKey("online_fullprocess_dossier_rate", "nation", "2024S1")


def test_a_change_adds_a_revision_and_history_keeps_every_value(database_url):
    engine = make_engine(database_url)
    with transaction(engine) as session:
        assert service.record_observation(session, key=KEY, value=Decimal(42))[0] == "created"
        assert service.record_observation(session, key=KEY, value=Decimal("42.0"))[0] == \
            "unchanged"
        outcome, row = service.record_observation(session, key=KEY, value=Decimal(43),
                                                  created_by="analyst")
        assert (outcome, row.revision) == ("updated", 2)
    with transaction(engine) as session:
        history = service.observation_history(session, KEY)
        current = service.current_observations(session, period="2024S1")
    engine.dispose()
    assert [(r.revision, r.value) for r in history] == [(1, Decimal(42)), (2, Decimal(43))]
    assert [r.created_by for r in history] == ["system", "analyst"]
    assert [(r.indicator, r.value) for r in current] == [(KEY.indicator, Decimal(43))]


def test_requirement_status_revisions(database_url):
    engine = make_engine(database_url)
    with transaction(engine) as session:
        for status in ("not_done", "not_done", "done"):
            service.record_requirement_status(session, requirement="steering_plan_2024_issued",
                                              agency="P31", period="2024S1", status=status)
        history = service.requirement_status_history(
            session, requirement="steering_plan_2024_issued", agency="P31", period="2024S1")
        current = service.current_requirement_statuses(session, period="2024S1")
    engine.dispose()
    assert [r.status for r in history] == ["not_done", "done"]
    assert [r.status for r in current] == ["done"]
