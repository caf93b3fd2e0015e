"""Defect 11 of issue 16: a narrative block is checked in a limited sandbox when it is
saved, and a bad one already stored never breaks (or bloats) the public report."""

import pytest
from fastapi.testclient import TestClient

from dxmon.errors import DxmonError
from dxmon.report import narratives
from dxmon.settings import Settings
from dxmon.store.db import make_engine, transaction
from dxmon.store.tables import NarrativeBlock
from dxmon.web.app import create_app

BAD_BLOCKS = ["{{ nosuch_variable }}", "{{ ''.__class__.__mro__ }}", "{{ 'x' * 50000000 }}",
              "{{ 2 ** 99999999 }}", "{% for i in range(100000000) %}x{% endfor %}"]


@pytest.mark.parametrize("text", BAD_BLOCKS)
def test_a_bad_block_is_refused_when_saved(demo_url, text):
    engine = make_engine(demo_url)
    with pytest.raises(DxmonError) as raised, transaction(engine) as session:
        narratives.write_block(session, report="monthly", period="2024-08", key="I.1.highlight",
                               text=text, created_by="ana")
        session.rollback()
    engine.dispose()
    assert raised.value.code == "NARRATIVE_INVALID"
    assert raised.value.problems[0].field == "text"


@pytest.mark.parametrize("text", BAD_BLOCKS)
def test_a_bad_stored_block_never_breaks_the_public_report(demo_url, tmp_path, text):
    import shutil

    path = tmp_path / "demo.db"
    shutil.copy(demo_url.removeprefix("sqlite:///"), path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    with transaction(engine) as session:  # stored before blocks were checked
        session.add(NarrativeBlock(report="monthly", period="2024-08", key="I.1.highlight",
                                   text=text, revision=100, created_by="old"))
    engine.dispose()
    with TestClient(create_app(Settings(database_url=url))) as client:
        answer = client.get("/api/v1/reports/2024-08", params={"template": "monthly"})
    assert answer.status_code == 200
    assert len(answer.content) < 1_000_000
