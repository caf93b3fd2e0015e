import threading
import time
from decimal import Decimal

from dxmon.access.schemas import Principal, Role
from dxmon.collect import observations
from dxmon.collect.observations import Facts, RevisionConflict
from dxmon.collect.service import ObservationKey, observation_history
from dxmon.store.db import session_factory, transaction

KEY = ObservationKey("online_fullprocess_dossier_rate", "agency:P01", "2024-08")
ANALYST = Principal(user_id=1, username="ana", role=Role.ANALYST)
REPORTER = Principal(user_id=2, username="hn", role=Role.REPORTER, agency="P01")


def test_concurrent_writers_of_one_value_never_overwrite_each_other(engine):
    """The first writer holds its transaction open while the second one, having checked the
    same revision, tries to write: the second gets a conflict with the first one's value."""
    first = session_factory(engine)()
    first.begin()
    observations.write(first, user=ANALYST, key=KEY, facts=Facts(value=Decimal(1)),
                       expected_revision=0)
    outcome: dict[str, object] = {}

    def second_writer() -> None:
        try:
            with transaction(engine) as session:
                observations.write(session, user=REPORTER, key=KEY,
                                   facts=Facts(value=Decimal(2)), expected_revision=0)
            outcome["written"] = True
        except RevisionConflict as conflict:
            outcome["conflict"] = conflict

    thread = threading.Thread(target=second_writer)
    thread.start()
    time.sleep(0.5)  # the second writer is now waiting on the first one's lock
    first.commit()
    first.close()
    thread.join(timeout=30)
    conflict = outcome["conflict"]
    assert isinstance(conflict, RevisionConflict)
    assert conflict.code == "OBSERVATION_REVISION_CONFLICT"
    assert conflict.current is not None and conflict.current["value"] == "1"
    with transaction(engine) as session:
        assert [row.value for row in observation_history(session, KEY)] == [1]


def test_unchanged_value_adds_no_revision_and_no_audit(engine):
    from dxmon.store.audit import list_entries

    with transaction(engine) as session:
        observations.write(session, user=REPORTER, key=KEY, facts=Facts(value=Decimal("4.5")),
                           expected_revision=0)
        outcome, row = observations.write(session, user=REPORTER, key=KEY,
                                          facts=Facts(value=Decimal("4.50")),
                                          expected_revision=1)
        assert outcome == "unchanged" and row.revision == 1
        assert len(list_entries(session, entity="observation")) == 1
