"""A report's text prepared for checking: positions to line and column, clauses, footnotes.

Markdown bold markers are blanked (same length, so every position still points into the
original text). Footnote markers are Unicode superscripts (¹ ²), ``<sup>n</sup>`` or
Markdown ``[^n]``; a line that starts with one is that footnote's text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
MARKER = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+|<sup>\s*(\d+)\s*</sup>|\[\^([\w-]+)\](?!:)")
DEFINITION = re.compile(
    r"^[ \t]*(?:([⁰¹²³⁴⁵⁶⁷⁸⁹]+)|<sup>\s*(\d+)\s*</sup>|\[\^([\w-]+)\]:)[ \t]*(\S.*)$",
    re.MULTILINE)
# A clause ends at ";", at a line break, or at ". " before a capital letter or a list mark.
# a numbered or lettered heading line: "II. KẾT QUẢ", "3. Về dữ liệu số", "a) …", "## 5. …"
HEADING = re.compile(r"^[ \t]*(?:#{1,6}[ \t]*)?[*_]*(?:[IVXL]+\.|\d+\.|[a-zđ]\))[ \t].*$",
                     re.MULTILINE)
CLAUSE_END = re.compile(r";|\n|\.(?=\s+[\-+*A-ZĐÀ-Ỹ])|\.$", re.MULTILINE)


def marker_key(text: str) -> str:
    """``"¹⁰"``, ``"<sup>10</sup>"`` and ``"[^10]"`` all become ``"10"``."""
    return re.sub(r"<sup>|</sup>|\[\^|\]|\s", "", text).translate(SUPERSCRIPTS)


@dataclass(frozen=True)
class Footnote:
    key: str
    text: str
    start: int  # position of the footnote's text in the document


@dataclass
class Document:
    text: str
    name: str = "<text>"
    footnotes: dict[str, Footnote] = field(init=False)
    definition_spans: list[tuple[int, int]] = field(init=False)
    # where a figure starts → the kind of rule that checked it (for coverage)
    checked: dict[int, str] = field(init=False)

    def __post_init__(self) -> None:
        self.checked = {}
        self.footnotes = {}
        self.definition_spans = []
        for match in DEFINITION.finditer(self.text):
            key = marker_key(next(g for g in match.groups()[:3] if g))
            self.footnotes[key] = Footnote(key, match.group(4), match.start(4))
            self.definition_spans.append((match.start(), match.end()))

    def mark(self, *starts: int, kind: str) -> None:
        """Record that a rule checked the figures starting at these positions."""
        for start in starts:
            self.checked.setdefault(start, kind)

    @cached_property
    def plain(self) -> str:
        """The text with ``**`` and ``__`` blanked, positions unchanged."""
        return re.sub(r"\*\*|__", "  ", self.text)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer(r"\n", self.text)]

    def line_column(self, position: int) -> tuple[int, int]:
        """1-based line and column of a position."""
        line = bisect_right(self._line_starts, position)
        return line, position - self._line_starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        return self._line_starts[line - 1]

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]

    def in_footnote_definition(self, position: int) -> bool:
        return in_spans(self.definition_spans, position)

    @cached_property
    def clause_ends(self) -> list[int]:
        return [m.start() for m in CLAUSE_END.finditer(self.plain)]

    def clause_of(self, position: int) -> tuple[int, int]:
        """Start and end of the clause that holds a position."""
        index = bisect_right(self.clause_ends, position)
        start = self.clause_ends[index - 1] + 1 if index else 0
        end = self.clause_ends[index] if index < len(self.clause_ends) else len(self.plain)
        return start, end

    def sentence_of(self, position: int) -> tuple[int, int]:
        """Start and end of the line (paragraph or list item) that holds a position."""
        line, _column = self.line_column(position)
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return start, (len(self.text) if end < 0 else end)

    @cached_property
    def headings(self) -> list[tuple[int, int]]:
        """Start and end of every heading line, in order."""
        return [(m.start(), m.end()) for m in HEADING.finditer(self.plain)]

    @cached_property
    def _heading_starts(self) -> list[int]:
        return [start for start, _end in self.headings]

    def heading_before(self, position: int) -> tuple[int, int] | None:
        """The last heading line that starts before ``position``."""
        index = bisect_right(self._heading_starts, position - 1)
        return self.headings[index - 1] if index else None

    def markers(self, start: int, end: int) -> list[tuple[int, str]]:
        """Footnote references between two positions: (position, key)."""
        return [(m.start() + start, marker_key(m.group(0)))
                for m in MARKER.finditer(self.text[start:end])]


def in_spans(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether a position falls in one of ``spans`` (sorted, not overlapping): a binary
    search, so that checking every figure of a long text stays linear in its length."""
    index = bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]
