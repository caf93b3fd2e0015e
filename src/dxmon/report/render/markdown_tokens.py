"""Parse the reports' Markdown once (CommonMark + footnotes + tables) for the HTML and DOCX
renderers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin


def parser() -> MarkdownIt:
    # raw HTML is text: an analyst's narrative block never reaches a report as markup
    return MarkdownIt("commonmark", {"typographer": False, "html": False}).use(
        footnote_plugin).enable("table")


@dataclass
class ParsedMarkdown:
    tokens: list[Token]
    footnotes: dict[int, str]  # footnote id → plain text


def inline_text(tokens: list[Token]) -> str:
    parts: list[str] = []
    for token in tokens:
        if token.type == "inline":
            parts.append(inline_text(token.children or []))
        elif token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def footnote_texts(tokens: list[Token]) -> dict[int, str]:
    """The text of each footnote, from the footnote block (footnote_open … footnote_close)."""
    texts: dict[int, str] = {}
    current: int | None = None
    parts: list[str] = []
    for token in tokens:
        if token.type == "footnote_open":
            current, parts = int(token.meta["id"]), []
        elif token.type == "footnote_close" and current is not None:
            texts[current] = " ".join(part for part in parts if part).strip()
            current = None
        elif current is not None and token.type == "inline":
            parts.append(inline_text([token]))
    return texts


def parse(text: str) -> ParsedMarkdown:
    env: dict[str, Any] = {}
    tokens = parser().parse(text, env)
    body = []
    skipping = False
    for token in tokens:
        if token.type == "footnote_block_open":
            skipping = True
        if not skipping:
            body.append(token)
        if token.type == "footnote_block_close":
            skipping = False
    return ParsedMarkdown(body, footnote_texts(tokens))
