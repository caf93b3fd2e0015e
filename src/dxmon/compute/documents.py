"""Counts of legal documents issued in a period ("10 Nghị định"): the catalogue's documents
(``counted_in`` the period) and those stored through the documents channel (``counted_in`` the
period, or, when not said, issued within it). A stored document with a catalogue document's
number replaces it, so nothing is counted twice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dxmon.catalog.service import documents_counted_in as catalogue_documents
from dxmon.periods import Period
from dxmon.store.tables import LegalDocumentRecord


@dataclass(frozen=True)
class CountedDocument:
    code: str  # the catalogue's code, or the number of a stored document
    number: str
    type: str
    issuer: str
    issued_on: date | None
    title_vi: str
    stored: bool  # True: from the documents channel; False: from the catalogue


def _stored(session: Session) -> list[LegalDocumentRecord]:
    newest = (select(LegalDocumentRecord.number,
                     func.max(LegalDocumentRecord.revision).label("revision"))
              .group_by(LegalDocumentRecord.number).subquery())
    query = select(LegalDocumentRecord).join(
        newest, (LegalDocumentRecord.number == newest.c.number)
        & (LegalDocumentRecord.revision == newest.c.revision))
    return list(session.scalars(query))


def _of_row(row: LegalDocumentRecord) -> CountedDocument:
    return CountedDocument(row.number, row.number, row.type, row.issuer, row.issued_on,
                           row.title_vi, stored=True)


def all_stored_documents(session: Session) -> list[CountedDocument]:
    """Every document sent through the documents channel (its newest revision)."""
    return [_of_row(row) for row in _stored(session)]


def _counted(row: LegalDocumentRecord, period: Period) -> bool:
    if row.counted_in is not None:
        return row.counted_in == period.id
    return period.contains(row.issued_on)


def documents_counted_in(session: Session, period: str, *,
                         types: Iterable[str] | None = None,
                         issuers: Iterable[str] | None = None) -> list[CountedDocument]:
    """The documents a report of ``period`` counts as issued in it, of these types and
    issuers (all when None)."""
    wanted = Period.parse(period)
    type_set = {str(t) for t in types} if types is not None else None
    issuer_set = set(issuers) if issuers is not None else None
    stored = _stored(session)
    numbers = {row.number for row in stored}
    found = [CountedDocument(doc.code, doc.number or doc.code, doc.type.value, doc.issuer,
                             doc.issued_on, doc.title_vi, stored=False)
             for doc in catalogue_documents(wanted.id, types=type_set, issuers=issuer_set)
             if (doc.number or doc.code) not in numbers]
    found += [_of_row(row) for row in stored if _counted(row, wanted)
              and (type_set is None or row.type in type_set)
              and (issuer_set is None or row.issuer in issuer_set)]
    return found


def count_documents(session: Session, period: str, *, types: Iterable[str] | None = None,
                    issuers: Iterable[str] | None = None) -> int:
    return len(documents_counted_in(session, period, types=types, issuers=issuers))
