"""The OpenAPI document of the JSON API is snapshotted (tests/snapshots/openapi.json).

Any change to a route, a model or a documented response shows up as a reviewed diff;
``DXMON_UPDATE_SNAPSHOTS=1`` rewrites the snapshot.
"""

from __future__ import annotations

import json

from dxmon.settings import Settings
from dxmon.web.app import create_app
from tests.snapshot import assert_snapshot


def test_openapi_document_matches_its_snapshot(tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'api.db'}",
                              landing_dir=tmp_path / "landing"))
    document = json.dumps(app.openapi(), ensure_ascii=False, indent=1, sort_keys=True)
    assert_snapshot("openapi.json", f"{document}\n")
