from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from dxmon.store.db import alembic_config, current_revision, make_engine, upgrade
from dxmon.store.tables import Base


def _upgrade_from_older_revision_keeps_data(url: str) -> None:
    upgrade(url, "0001")
    assert current_revision(url) == "0001"
    engine = make_engine(url)
    with engine.begin() as connection:
        assert "data_quality_warnings" not in inspect(connection).get_table_names()
        connection.execute(text(
            "INSERT INTO observations (indicator, scope, period, \"window\", value, status, "
            "revision, source, created_by) VALUES ('x', 'nation', '2024S1', 'period', 42, "
            "'published', 1, 'reported', 'test')"))
    upgrade(url)
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    assert current_revision(url) == head
    with engine.connect() as connection:
        assert "data_quality_warnings" in inspect(connection).get_table_names()
        value = connection.execute(text("SELECT value FROM observations")).scalar_one()
        assert float(value) == 42
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == [], f"models and migrations disagree: {diff}"


def test_older_sqlite_database_upgrades_cleanly(tmp_path):
    _upgrade_from_older_revision_keeps_data(f"sqlite:///{tmp_path / 'old.db'}")


def test_older_postgres_database_upgrades_cleanly(blank_postgres_url):
    _upgrade_from_older_revision_keeps_data(blank_postgres_url)
