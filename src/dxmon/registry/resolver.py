"""Turn an agency name as a report writes it into the agency's code.

"TP. Hải Phòng", "Thừa Thiên - Huế", "Bà Rịa-Vũng Tàu", "Bộ LĐTBXH", "BHXH", "Ủy ban dân tộc",
with or without diacritics, resolve; an unknown name is an error with the closest suggestions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from functools import cache

from unidecode import unidecode

from dxmon.errors import DxmonError, Problem
from dxmon.registry import errors
from dxmon.registry.schemas import AgencyRead, Level
from dxmon.registry.service import agency_hints, all_agencies, display_names
from dxmon.suggest import ranked

PREFIXES = ("thanh pho truc thuoc trung uong ", "thanh pho ", "tinh ", "tp ")


def normalise(name: str) -> str:
    """Lowercase, without diacritics, punctuation or administrative prefixes."""
    text = unidecode(name).lower().replace("&", " ")
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    for prefix in PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix) + 2:
            text = text[len(prefix):]
            break
    return text.replace(" ", "")


def _names(agency: AgencyRead) -> list[str]:
    return [agency.code, agency.name_vi, agency.short_name, agency.name_en, *agency.aliases]


@cache
def _index() -> dict[str, list[AgencyRead]]:
    index: dict[str, list[AgencyRead]] = defaultdict(list)
    for agency in all_agencies():  # central bodies and provinces come before communes
        commune = agency.level == Level.COMMUNE
        for name in _names(agency):
            key = normalise(name)
            if commune and key in index and index[key][0].level != Level.COMMUNE:
                continue  # a commune never takes a name a ministry or province answers to
            if key and agency not in index[key]:
                index[key].append(agency)
    return dict(index)


def _pick(candidates: list[AgencyRead], as_of: date | None) -> AgencyRead:
    day = as_of or date.today()
    in_force = [agency for agency in candidates if agency.in_force(day)]
    if in_force:
        return in_force[0]
    # none in force then: the one whose validity ends closest before, else the first
    ended = sorted((a for a in candidates if a.valid_to and a.valid_to < day),
                   key=lambda a: a.valid_to or day, reverse=True)
    return ended[0] if ended else candidates[0]


def suggest(name: str, limit: int = 3) -> list[tuple[str, str, float]]:
    """The closest known names: (name, code, score)."""
    names = display_names()
    return [(match, names[match], score) for match, score in ranked(name, names, limit=limit)]


def resolve(name: str, *, as_of: date | None = None) -> str:
    candidates = _index().get(normalise(name))
    if candidates:
        return _pick(candidates, as_of).code
    hints = agency_hints(name)
    raise DxmonError(Problem(
        code=errors.NAME_UNKNOWN, field="agency",
        message_vi=f"Không nhận ra cơ quan '{name}'. Có phải: {hints}?",
        message_en=f"Unknown agency '{name}'. Did you mean: {hints}?"))


def _split_run_together(piece: str, as_of: date | None) -> list[str]:
    """Two names printed without a separator ("Đài Tiếng nói Việt Nam Đài Truyền hình Việt
    Nam"): find the known names inside the piece, left to right."""
    key = normalise(piece)
    found: list[tuple[int, str]] = []
    for name_key, candidates in _index().items():
        position = key.find(name_key)
        if len(name_key) > 6 and position >= 0:
            found.append((position, _pick(candidates, as_of).code))
    codes = [code for _position, code in sorted(found)]
    return list(dict.fromkeys(codes))


def _resolve_segments(segments: list[str], as_of: date | None) -> list[str]:
    """Longest match first over the pieces between separators, so that names which contain
    "và" or a comma ("Bộ Văn hóa, Thể thao và Du lịch") stay whole."""
    codes: list[str] = []
    start = 0
    while start < len(segments):
        for end in range(len(segments), start, -1):
            candidate = "".join(segments[start:end]).strip(" .,;")
            if not candidate or candidate in ("và", "va"):
                code = None
            else:
                try:
                    code = resolve(candidate, as_of=as_of)
                except DxmonError:
                    parts = _split_run_together(candidate, as_of) if end == start + 1 else []
                    if len(parts) >= 2:
                        codes.extend(parts)
                        start = end
                        break
                    continue
            if code is not None:
                codes.append(code)
            start = end
            break
        else:
            resolve(segments[start].strip(" .,;"), as_of=as_of)  # raises with suggestions
    return codes


def resolve_list(text: str, *, as_of: date | None = None) -> list[str]:
    """Resolve a footnote list ("A; B; C và D"); a piece that names two agencies run together
    resolves to both."""
    codes: list[str] = []
    for piece in (p.strip(" .") for p in text.split(";")):
        if piece:
            codes.extend(_resolve_segments(re.split(r"(,|\bvà\b)", piece), as_of))
    return codes
