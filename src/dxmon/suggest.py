"""The one "did you mean" of dxmon: the nearest known codes or names to a mistyped one.

Every unknown indicator, requirement, evaluation, agency code or agency name is answered with
hints from here, so that the same typo gets the same hint whichever path it came by (the
registry, the catalogue, a CSV import, the API). Matching is rapidfuzz's weighted ratio on
text without diacritics and in lower case (``Ha Noi`` finds ``Hà Nội``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process
from unidecode import unidecode

LIMIT = 3


def plain(text: str) -> str:
    """What is compared: lower case, without diacritics."""
    return unidecode(text).lower()


def ranked(text: str, choices: Iterable[str], *, limit: int = LIMIT) -> list[tuple[str, float]]:
    """The ``limit`` nearest choices with their scores (0–100), best first."""
    found = process.extract(text, list(choices), scorer=fuzz.WRatio, processor=plain,
                            limit=limit)
    return [(choice, float(score)) for choice, score, _index in found]


def did_you_mean(text: str, choices: Iterable[str], *, limit: int = LIMIT) -> list[str]:
    """The nearest choices to ``text``, best first."""
    return [choice for choice, _score in ranked(text, choices, limit=limit)]


def did_you_mean_keyed(text: str, labels: Mapping[str, str], *,
                       limit: int = LIMIT) -> list[str]:
    """The keys of the labels nearest to ``text``, each once, best first: ``labels`` maps
    every way of writing a thing (its code, its names) to its key."""
    keys: list[str] = []
    for label, _score in ranked(text, labels, limit=limit * 4):
        if labels[label] not in keys:
            keys.append(labels[label])
    return keys[:limit]


def hint_text(hints: Iterable[str]) -> str:
    """Hints as a message shows them: ``a, b, c``, or ``—`` when there is none."""
    return ", ".join(hints) or "—"
