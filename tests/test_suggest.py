"""One "did you mean": the same typo gets the same hint from the registry or catalogue and from
an import (before, the registry and the import ranked with different scorers and candidates)."""

import re

import pytest

from dxmon.catalog.service import get_indicator
from dxmon.collect import flows
from dxmon.errors import DxmonError
from dxmon.registry.service import get_agency
from dxmon.store.db import make_engine, transaction
from dxmon.suggest import did_you_mean, did_you_mean_keyed

HEADER = "indicator,scope,period,window,value,numerator,denominator,qualifier,comment\n"


def hints(message: str) -> str:
    """The hint list of an English message: what follows "Did you mean:"."""
    found = re.search(r"Did you mean: (.*)\?$", message)
    assert found, message
    return found.group(1)


def imported_problem(url: str, line: str) -> str:
    engine = make_engine(url)
    try:
        with transaction(engine) as session:
            summary = flows.import_bytes(session, (HEADER + line + "\n").encode(), "data.csv")
    finally:
        engine.dispose()
    [problem] = summary.problems
    return problem.message_en


def refused(call, *args) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(DxmonError) as caught:
        call(*args)
    return caught.value.problems[0].message_en


@pytest.mark.parametrize("typo", ["BTTT", "Ha Noi x", "P1"])
def test_a_mistyped_agency_gets_the_same_hint_from_the_registry_and_an_import(database_url,
                                                                               typo):
    from_registry = hints(refused(get_agency, typo))
    from_import = hints(imported_problem(
        database_url, f"online_fullprocess_dossier_rate,agency:{typo},2024-08,,1,,,,"))
    assert from_import == from_registry


def test_a_mistyped_indicator_gets_the_same_hint_from_the_catalogue_and_an_import(
        database_url):
    typo = "dossier_rate"
    from_catalogue = hints(refused(get_indicator, typo))
    from_import = hints(imported_problem(database_url, f"{typo},nation,2024S1,,1,,,,"))
    assert from_import == from_catalogue
    assert from_catalogue.startswith("online_fullprocess_dossier_rate")


def test_hints_ignore_case_and_diacritics_and_name_each_thing_once():
    assert did_you_mean("ha noi", ["Hà Nội", "Hà Giang"], limit=1) == ["Hà Nội"]
    labels = {"P01": "P01", "Hà Nội": "P01", "Thành phố Hà Nội": "P01", "Hà Giang": "P02"}
    assert did_you_mean_keyed("Ha Noi", labels, limit=2) == ["P01", "P02"]
