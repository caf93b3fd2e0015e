import json

from typer.testing import CliRunner

from dxmon.access import credentials
from dxmon.cli.app import app
from dxmon.errors import DxmonError
from dxmon.store.db import make_engine, transaction
from tests.factories import fill_required

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_user_add_token_create_and_revoke(database_url):
    db = ("--database-url", database_url)
    added = run("user", "add", "--username", "root", "--password", "s3cret-pass",
                "--role", "administrator", *db)
    assert added.exit_code == 0, added.output
    reporter = run("user", "add", "--username", "hn", "--password", "s3cret-pass",
                   "--role", "reporter", "--agency", "P01", *db)
    assert reporter.exit_code == 0, reporter.output
    assert run("user", "add", "--username", "x", "--password", "s3cret-pass",
               "--role", "reporter", *db).exit_code == 1
    assert run("user", "add", "--username", "y", "--password", "s3cret-pass",
               "--role", "king", *db).exit_code == 1
    listed = run("user", "list", *db).output
    assert "root\tadministrator\t-" in listed and "hn\treporter\tP01" in listed

    created = run("token", "create", "--user", "hn", *db)
    assert created.exit_code == 0
    token = created.output.strip().splitlines()[-1]
    assert token.startswith("dxm_")
    engine = make_engine(database_url)
    with transaction(engine) as session:
        assert credentials.principal_for_token(session, token).username == "hn"
    assert run("token", "revoke", token, *db).exit_code == 0
    assert "revoked" in run("token", "list", "--user", "hn", *db).output
    with transaction(engine) as session:
        try:
            credentials.principal_for_token(session, token)
            raise AssertionError("a revoked token still works")
        except DxmonError as error:
            assert error.code == "AUTH_INVALID"
    engine.dispose()
    assert run("token", "revoke", "nope", *db).exit_code == 1
    assert run("token", "create", "--user", "ghost", *db).exit_code == 1


def test_timeliness_counts_submissions_per_block(database_url):
    from dxmon.access.schemas import Principal, Role
    from dxmon.collect import workflow

    engine = make_engine(database_url)
    reporter = Principal(user_id=1, username="hn", role=Role.REPORTER, agency="P01")
    fill_required(engine, "P01", "2024-08")
    with transaction(engine) as session:
        workflow.transition(session, user=reporter, agency="P01", period="2024-08",
                            action="submit")
    engine.dispose()
    result = run("timeliness", "--period", "2024-08", "--database-url", database_url)
    assert result.exit_code == 0, result.output
    assert "dia_phuong: 1/63" in result.output and "bo_nganh: 0/" in result.output
    assert "P02\tchưa nộp/missing" in result.output
    # submitted now, long after 22 August 2024: late
    assert "P01\tmuộn/late" in result.output
    as_json = run("timeliness", "--period", "2024-08", "--block", "dia_phuong",
                  "--format", "json", "--database-url", database_url)
    rows = json.loads(as_json.output)
    assert len(rows) == 63 and rows[0]["due"] == "2024-08-22"


def test_a_reporter_of_an_abolished_agency_is_told_its_successor_and_moved(database_url):
    from dxmon.store.audit import list_entries

    db = ("--database-url", database_url)
    assert run("user", "add", "--username", "dn", "--password", "s3cret-pass",
               "--role", "reporter", "--agency", "P48", *db).exit_code == 0
    listed = run("user", "list", *db).output
    assert "dn\treporter\tP48" in listed and "P48.2025" in listed  # told its successor
    refused = run("user", "update", "--username", "dn", "--agency", "BTTTT", *db)
    assert refused.exit_code == 1 and "BTTTT" in refused.output
    moved = run("user", "update", "--username", "dn", "--agency", "P48.2025", *db)
    assert moved.exit_code == 0, moved.output
    assert "dn\treporter\tP48.2025\n" in run("user", "list", *db).output
    engine = make_engine(database_url)
    with transaction(engine) as session:
        (entry,) = [e for e in list_entries(session, entity="user")
                    if e.action == "update" and e.key == "dn"]
    engine.dispose()
    assert (entry.before["agency"], entry.after["agency"]) == ("P48", "P48.2025")
