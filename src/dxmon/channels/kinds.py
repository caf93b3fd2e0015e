"""What a channel is: the columns of its rows, how a row becomes a fact, how a fact is
stored."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from dxmon.channels.fields import RowReader
from dxmon.channels.store import Actor, Outcome
from dxmon.errors import Problem


@dataclass(frozen=True)
class Fact:
    """One validated row: its key (unique within a batch) and its values."""

    row: int
    key: tuple[Any, ...]
    values: dict[str, Any]


Parser = Callable[[RowReader, Session, Actor], Fact | None]
Storer = Callable[[Session, Fact, Actor, dict[str, object]], Outcome]
BatchCheck = Callable[[list[Fact], str], list[Problem]]


@dataclass(frozen=True)
class Channel:
    name: str
    title_vi: str
    title_en: str
    columns: tuple[str, ...]  # the documented columns, in file order
    signature: frozenset[str]  # the columns that tell a file of this channel
    parse: Parser
    store: Storer
    staff_only: bool = True
    check_batch: BatchCheck | None = field(default=None)
