from dxmon.collect import service
from dxmon.demo import data_quality_warnings, load_demo
from dxmon.store.audit import list_entries
from dxmon.store.db import make_engine, transaction


def test_demo_loads_on_any_database_and_reloading_changes_nothing(database_url):
    engine = make_engine(database_url)
    with transaction(engine) as session:
        first = load_demo(session)
    with transaction(engine) as session:
        second = load_demo(session)
        national = {o.indicator: o.value for o in
                    service.current_observations(session, period="2024S1", scope="nation")}
        warnings = data_quality_warnings(session)
        statuses = service.current_requirement_statuses(
            session, period="2024S1", requirement="steering_plan_2024_issued")
        demo_audit = list_entries(session, entity="demo")
    engine.dispose()
    assert first.unresolved == [], first.unresolved
    assert first.counts["observations.created"] > 250
    assert not any(key.endswith((".created", ".updated")) for key in second.counts)
    assert len(demo_audit) == 1  # the first load is audited; the second changed nothing
    assert national["online_fullprocess_dossier_rate"] == 42
    assert national["digital_tech_enterprises"] == 50350
    codes = {w.code for w in warnings}
    assert "SEED000_FN5_STEERING_PLAN_PROVINCES" in codes
    assert "SEED001_FEE_POLICY_PARTS" in codes
    not_done = {s.agency for s in statuses if s.status == "not_done"}
    assert {"P31", "P52", "P74"} <= not_done  # TP. Hải Phòng, Bình Định, Bình Dương (fn 5)
