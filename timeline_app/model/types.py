"""Plain records passed between the store, the queries and the UI."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DatePrecision(StrEnum):
    """How much of a date the source supports; a month-precise event covers its month."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Company:
    id: int
    name: str
    kind: str = "company"
    event_count: int = 0


@dataclass(frozen=True, slots=True)
class Source:
    id: int
    title: str
    publisher: str
    url: str
    published: str
    text: str


@dataclass(frozen=True, slots=True)
class Excerpt:
    id: int
    event_id: int
    source: Source
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    company_id: int
    company: str
    title: str
    summary: str
    category: str
    start: str
    end: str | None
    precision: DatePrecision
    approximate: bool
    start_ts: int
    end_ts: int
    sources: int = 0  # how many sources its quotes come from; 0: "no source"
    source_title: str = ""  # the first one's
    uid: str = ""  # its stable identifier, exported as `id`


@dataclass(frozen=True, slots=True)
class EventDetail:
    """One event with the excerpts (and their sources) that support it."""

    event: Event
    excerpts: tuple[Excerpt, ...]
