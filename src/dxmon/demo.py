"""The demo database: the facts behind the two seed reports, loaded from ``demo_data/``.

Agency names are kept as the seeds write them and resolved through the registry here, so the
resolver is exercised on every name the seeds use. Contradictions inside a seed are kept as
data-quality warnings; nothing is silently picked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from dxmon.catalog.loader import load_catalog
from dxmon.collect import service
from dxmon.compute.tallies import applicable_agencies
from dxmon.errors import DxmonError
from dxmon.periods import Period
from dxmon.registry.resolver import resolve
from dxmon.registry.service import list_agencies
from dxmon.report import narratives
from dxmon.scopes import agency_scope
from dxmon.store.audit import record as audit_record
from dxmon.store.tables import DataQualityWarning, EvaluationScore, TaskStatus

SEED_NAMES = {"000": "bao-cao-6-thang-dau-nam-2024.txt", "001": "bao-cao-thang-8-2024.txt"}
SEED_PERIODS = {"000": "2024S1", "001": "2024-08"}


@dataclass
class DemoLoad:
    """What loading the demo did."""

    counts: Counter[str] = field(default_factory=Counter)
    unresolved: list[str] = field(default_factory=list)

    def add(self, kind: str, outcome: str) -> None:
        self.counts[f"{kind}.{outcome}"] += 1


def _read(name: str) -> Any:
    text = (resources.files("dxmon") / "demo_data" / name).read_text("utf-8")
    return yaml.safe_load(text)


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _period_end(period: str) -> date:
    return Period.parse(period).end


def _agency_code(name: str, period: str, load: DemoLoad) -> str | None:
    try:
        return resolve(name, as_of=_period_end(period))
    except DxmonError:
        load.unresolved.append(name)
        return None


def _scope(scope: str, period: str, load: DemoLoad) -> str | None:
    kind, _, name = scope.partition(":")
    if kind != "agency":
        return scope
    code = _agency_code(name, period, load)
    return None if code is None else agency_scope(code)


def _provenance(record: dict[str, Any], *keys: str) -> dict[str, object]:
    claim = str(record.get("claim") or "")
    provenance: dict[str, object] = {"seed": SEED_NAMES.get(claim[:3], "demo"), "claim": claim}
    for key in keys:
        if record.get(key) is not None:
            provenance[key] = record[key]
    return provenance


def load_observations(session: Session, load: DemoLoad) -> None:
    for record in _read("observations.yaml"):
        period = Period.parse(str(record["period"])).id
        scope = _scope(str(record["scope"]), period, load)
        if scope is None:
            continue
        qualifier = record.get("qualifier")
        if isinstance(qualifier, list):
            qualifier = ",".join(qualifier)
        window = record.get("window") or "period"
        key = service.ObservationKey(record["indicator"], scope, period,
                                     "period" if window == "month" else window)
        outcome, _ = service.record_observation(
            session, key=key, value=_decimal(record.get("value")),
            numerator=_decimal(record.get("numerator")),
            denominator=_decimal(record.get("denominator")), qualifier=qualifier,
            comment=record.get("comment"), source=record.get("source") or "reported",
            provenance=_provenance(record, "also_claims", "note", "derived", "value_max",
                                   "unit"),
            created_by="demo")
        load.add("observations", outcome)


def _applicable_codes(requirement: str, block: str, period: str) -> list[str]:
    codes: list[str] = []
    for part in block.split("+"):
        if requirement in load_catalog().requirements:
            agencies = applicable_agencies(requirement, part, _period_end(period))
        else:
            agencies = [a for a in list_agencies(as_of=_period_end(period))
                        if str(a.block) == part]
        codes += [agency.code for agency in agencies]
    return codes


def load_requirement_statuses(session: Session, load: DemoLoad) -> None:
    for record in _read("requirement_statuses.yaml"):
        period = Period.parse(str(record["period"])).id
        listed = {code for name in record.get("listed") or []
                  if (code := _agency_code(name, period, load))}
        excluded = {code for name in record.get("excluded") or []
                    if (code := _agency_code(str(name), period, load))}
        default = record.get("default_for_unlisted") or "unknown"
        relation = record.get("listed_relation") or "not_done"
        codes = set(_applicable_codes(record["requirement"], record["block"], period)) | listed
        for code in sorted(codes - excluded):
            outcome, _ = service.record_requirement_status(
                session, requirement=record["requirement"], agency=code, period=period,
                status=relation if code in listed else default,
                source="reported" if code in listed or default != "unknown" else "computed",
                provenance=_provenance(record, "source", "note"), created_by="demo")
            load.add("requirement_statuses", outcome)


def load_task_statuses(session: Session, load: DemoLoad) -> None:
    for record in _read("task_statuses.yaml"):
        as_of = record["as_of"]
        latest = session.scalars(select(TaskStatus).filter_by(task=record["task"], as_of=as_of)
                                 .order_by(TaskStatus.revision.desc()).limit(1)).first()
        facts = {"status": record["status"], "completed_on": record.get("completed_on")}
        if latest is not None and all(getattr(latest, k) == v for k, v in facts.items()):
            load.add("task_statuses", "unchanged")
            continue
        session.add(TaskStatus(task=record["task"], as_of=as_of, **facts,
                               revision=1 if latest is None else latest.revision + 1,
                               provenance=_provenance(record, "note"), created_by="demo"))
        load.add("task_statuses", "created" if latest is None else "updated")


def load_evaluation_scores(session: Session, load: DemoLoad) -> None:
    document = _read("evaluation_scores.yaml")
    evaluation = document["evaluation"]
    for record in document["scores"]:
        latest = session.scalars(select(EvaluationScore)
                                 .filter_by(evaluation=evaluation, agency=record["agency"])
                                 .order_by(EvaluationScore.revision.desc()).limit(1)).first()
        score = Decimal(str(record["score"]))
        if latest is not None and latest.score == score:
            load.add("evaluation_scores", "unchanged")
            continue
        session.add(EvaluationScore(
            evaluation=evaluation, agency=record["agency"], score=score,
            synthetic=bool(record.get("synthetic", True)),
            revision=1 if latest is None else latest.revision + 1,
            provenance={"note": "synthetic score consistent with the seed's distribution"},
            created_by="demo"))
        load.add("evaluation_scores", "created" if latest is None else "updated")


def load_data_quality(session: Session, load: DemoLoad) -> None:
    known = set(session.scalars(select(DataQualityWarning.code)))
    for record in _read("data_quality.yaml"):
        if record["code"] in known:
            load.add("data_quality", "unchanged")
            continue
        subject = record.get("requirement") or record.get("indicator")
        session.add(DataQualityWarning(
            code=record["code"], source=SEED_NAMES.get(str(record["seed"]), str(record["seed"])),
            subject=subject, severity=record.get("severity", "warning"),
            message_vi=str(record["message_vi"]).strip(),
            message_en=str(record["message_en"]).strip(),
            details={"period": SEED_PERIODS.get(str(record["seed"])),
                     **{k: record[k] for k in ("claims", "stated", "from_list_or_parts")
                        if k in record}}))
        load.add("data_quality", "created")


def load_narratives(session: Session, load: DemoLoad) -> None:
    folder = resources.files("dxmon") / "demo_data" / "narratives"
    if not folder.is_dir():
        return
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if not entry.name.endswith(".yaml"):
            continue
        document = yaml.safe_load(entry.read_text("utf-8"))
        for key, text in document["blocks"].items():
            before = narratives.latest_block(session, report=document["report"],
                                             period=str(document["period"]), key=key)
            after = narratives.write_block(session, report=document["report"],
                                           period=str(document["period"]), key=key,
                                           text=str(text).strip(), created_by="demo")
            load.add("narratives", "unchanged" if after is before else
                     "created" if before is None else "updated")


LOADERS = (load_observations, load_requirement_statuses, load_task_statuses,
           load_evaluation_scores, load_data_quality, load_narratives)


def load_demo(session: Session) -> DemoLoad:
    """Load every demo file; loading twice changes nothing the second time."""
    load = DemoLoad()
    for loader in LOADERS:
        loader(session, load)
        session.flush()
    changed = {key: count for key, count in sorted(load.counts.items())
               if key.endswith((".created", ".updated"))}
    if changed:  # one audit row for the whole load; the facts carry their provenance
        audit_record(session, actor="demo", action="load", entity="demo", key="demo_data",
                     before=None, after=changed)
    return load


def data_quality_warnings(session: Session,
                          period: str | None = None) -> list[DataQualityWarning]:
    """The recorded warnings, worst first; with ``period``, those about that period's source."""
    order = {"error": 0, "warning": 1, "note": 2}
    rows = [row for row in session.scalars(select(DataQualityWarning))
            if period is None or (row.details or {}).get("period") == period]
    return sorted(rows, key=lambda row: (order.get(row.severity, 3), row.code))


def create_demo_database(url: str) -> DemoLoad:
    """Migrate the database at ``url`` and load the demo data into it (tests, benchmarks)."""
    from dxmon.store.db import make_engine, transaction, upgrade

    upgrade(url)
    engine = make_engine(url)
    try:
        with transaction(engine) as session:
            return load_demo(session)
    finally:
        engine.dispose()
