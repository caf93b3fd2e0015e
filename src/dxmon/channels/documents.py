"""Legal documents (type, number, date, issuer, title), keyed by their number."""

from __future__ import annotations

from sqlalchemy.orm import Session
from unidecode import unidecode

from dxmon.catalog.schemas import DocumentType
from dxmon.channels.fields import RowReader
from dxmon.channels.kinds import Channel, Fact
from dxmon.channels.store import Actor, Outcome, record
from dxmon.store.tables import LegalDocumentRecord

LABELS_VI = {"luat": "Luật", "nghi_dinh": "Nghị định", "nghi_quyet": "Nghị quyết",
             "quyet_dinh": "Quyết định", "chi_thi": "Chỉ thị", "thong_tu": "Thông tư",
             "cong_dien": "Công điện", "cong_van": "Công văn", "van_ban": "Văn bản"}
TYPES = {**{kind.value: kind.value for kind in DocumentType},
         **{label.lower(): code for code, label in LABELS_VI.items()},
         **{unidecode(label).lower(): code for code, label in LABELS_VI.items()}}
COLUMNS = ("type", "number", "issued_on", "issuer", "title", "counted_in")


def parse(reader: RowReader, session: Session, actor: Actor) -> Fact | None:
    kind = reader.choice("type", TYPES)
    number = reader.text("number")
    issued_on = reader.date("issued_on")
    issuer = reader.text("issuer")
    title = reader.text("title", max_length=5000)
    counted_in = reader.period("counted_in")
    if reader.problems or None in (kind, number, issued_on, issuer, title):
        return None
    return Fact(reader.row, ("document", number), {
        "number": number, "type": kind, "issued_on": issued_on, "issuer": issuer,
        "title_vi": title, "counted_in": counted_in})


def store(session: Session, fact: Fact, actor: Actor, provenance: dict[str, object]) -> Outcome:
    values = dict(fact.values)
    number = values.pop("number")
    outcome, _ = record(session, LegalDocumentRecord, key={"number": number}, facts=values,
                        actor=actor, entity="legal_document", provenance=provenance)
    return outcome


CHANNEL = Channel(name="legal_documents", title_vi="Văn bản quy phạm, chỉ đạo",
                  title_en="Legal documents", columns=COLUMNS,
                  signature=frozenset({"type", "number", "issuer"}), parse=parse, store=store)
