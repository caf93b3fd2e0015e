"""The last pass over a report's Markdown: sentences whose figures are all missing go, and the
definitions of footnotes no sentence refers to any more go with them.

A sentence is kept when it states at least one figure, or states none and misses none (plain
words). Dates, month labels, years and footnote marks are not figures.
"""

from __future__ import annotations

import re

from dxmon.report.context import MISSING, PLACEHOLDER

__all__ = ["PLACEHOLDER", "drop_unsaid"]

LINE_PREFIX = re.compile(r"^(\s*(?:[-+*]|\d+\.|[a-z]\))\s+|\s*)")
SENTENCE_END = re.compile(r"(?<=\.)(\s+)(?=[^\W\d_])")
NOT_FIGURES = re.compile(
    r"\[\^\d+\]|\b\d+ tháng\b|\b\d{1,2}/\d{1,2}/\d{4}\b|\b(?:tháng|quý|Quý)\s+[\dIVX]+(?:/\d{4})?"
    r"|\b\d{1,2}/\d{4}\b|\b(?:19|20)\d{2}\b|\b\d+G\b|IPv6")
FOOTNOTE_DEFINITION = re.compile(r"^\[\^(\d+)\]:")
FOOTNOTE_REFERENCE = re.compile(r"\[\^(\d+)\](?!:)")


def _states_a_figure(sentence: str) -> bool:
    return re.search(r"\d", NOT_FIGURES.sub(" ", sentence.replace(MISSING, " "))) is not None


def _keep(sentence: str) -> bool:
    return MISSING not in sentence or _states_a_figure(sentence)


def _finish_line(line: str) -> str | None:
    """The line without its all-missing sentences; None when nothing worth saying is left."""
    if MISSING not in line or line.lstrip().startswith(("#", "|", "[^")):
        return line
    match = LINE_PREFIX.match(line)
    prefix = match.group(0) if match else ""
    parts = SENTENCE_END.split(line[len(prefix):])
    sentences, spaces = parts[::2], [*parts[1::2], ""]
    kept = "".join(sentence + space for sentence, space in zip(sentences, spaces, strict=True)
                   if _keep(sentence)).rstrip()
    if not kept or (kept.endswith(":") and not _states_a_figure(kept)):
        return None
    return prefix + kept


def _tidy(line: str) -> str:
    """Spaces left by a direction word that could not be said ("( (chưa có số liệu)")."""
    line = re.sub(r"(?<=\S)  +(?=\S)", " ", line)
    return re.sub(r"\( +", "(", line)


def _is_intro(line: str) -> bool:
    return line.rstrip().endswith(":") and not line.lstrip().startswith("#")


def _drop_empty_intros(lines: list[str]) -> list[str]:
    """A bullet that introduces what follows ("- Cổng Dịch vụ công quốc gia:") goes when
    everything it introduced went."""
    kept: list[str] = []
    for index, line in enumerate(lines):
        following = next((other for other in lines[index + 1:] if other.strip()), "")
        ends_its_part = following.lstrip().startswith(("#", "- ")) or not following
        if _is_intro(line) and line.lstrip().startswith("- ") and ends_its_part:
            continue
        kept.append(line)
    return kept


def _level(line: str) -> int:
    stripped = line.lstrip()
    return len(stripped) - len(stripped.lstrip("#")) if stripped.startswith("#") else 0


def _mark_empty_sections(lines: list[str]) -> list[str]:
    """A section left with nothing to say says that its data is missing."""
    marked: list[str] = []
    for index, line in enumerate(lines):
        marked.append(line)
        following = next((other for other in lines[index + 1:] if other.strip()), "")
        if _level(line) >= 2 and (not following or 0 < _level(following) <= _level(line)):
            marked.extend(["", MISSING])
    return marked


def drop_unsaid(markdown: str) -> str:
    """Remove the sentences that would only say "no data", then unreferenced footnotes."""
    lines = _drop_empty_intros([_tidy(finished)
                                for line in markdown.splitlines()
                                if (finished := _finish_line(line)) is not None])
    referenced = {number for line in lines if not FOOTNOTE_DEFINITION.match(line)
                  for number in FOOTNOTE_REFERENCE.findall(line)}
    kept = [line for line in _mark_empty_sections(lines)
            if (found := FOOTNOTE_DEFINITION.match(line)) is None or found.group(1) in referenced]
    return "\n".join(kept) + "\n"
