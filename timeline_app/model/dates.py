"""Dates as sources state them: an ISO date at day, month or year precision.

A month-precise date covers its whole month, a year-precise one its whole year; the timeline
draws that period, so each date maps to a half-open interval of UTC epoch seconds. Turning a
source's dating words into such a date is the job of timeline_app.ingest.dating.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from timeline_app.errors import ValidationError
from timeline_app.model.types import DatePrecision

# ASCII digits only, matched in full: "２０２０" or "2020\n" would pass \d and $ but not the
# schema's GLOB checks, and must be refused here with a readable message.
_PATTERNS = {
    DatePrecision.DAY: re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})"),
    DatePrecision.MONTH: re.compile(r"([0-9]{4})-([0-9]{2})"),
    DatePrecision.YEAR: re.compile(r"([0-9]{4})"),
}
# The seconds an event may cover: 1 January of year 1 to 31 December 9999 (exclusive), the
# days Python's dates can name. Values from a file outside this range are refused.
MIN_SECONDS = -62_135_596_800
MAX_SECONDS = 253_402_214_400
SECONDS_PER_DAY = 86_400


def parse_precision(value: str) -> DatePrecision:
    try:
        return DatePrecision(value.strip().lower())
    except ValueError:
        raise ValidationError(f"precision must be day, month or year, not {value!r}") from None


def infer_precision(text: str) -> DatePrecision:
    """The precision a bare ISO string carries ("2020" is a year, "2020-06" a month)."""
    for precision, pattern in _PATTERNS.items():
        if pattern.fullmatch(text):
            return precision
    raise ValidationError(f"{text!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")


def period_start(text: str, precision: DatePrecision) -> date:
    """First day of the period `text` names; raises ValidationError if it is not valid."""
    match = _PATTERNS[precision].fullmatch(text)
    if not match:
        shape = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}[precision.value]
        raise ValidationError(f"{text!r} does not match {precision.value} precision ({shape})")
    parts = [int(p) for p in match.groups()]
    year, month, day = (parts + [1, 1])[:3]
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValidationError(f"{text!r} is not a real date ({exc})") from None


def period_end(text: str, precision: DatePrecision) -> date:
    """First day after the period `text` names (exclusive end)."""
    start = period_start(text, precision)
    try:
        if precision is DatePrecision.DAY:
            return start + timedelta(days=1)
        if precision is DatePrecision.MONTH:
            return date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return date(start.year + 1, 1, 1)
    except (ValueError, OverflowError):  # the period runs past 9999-12-31
        raise ValidationError(f"{text!r} is too late a date") from None


def epoch_seconds(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def from_epoch_seconds(seconds: float) -> date:
    """The UTC day of `seconds`, held to the days Python can name (years 1 to 9999), on
    every platform (fromtimestamp refuses negative seconds on some)."""
    clamped = min(max(float(seconds), MIN_SECONDS), MAX_SECONDS)
    return (_EPOCH + timedelta(seconds=clamped)).date()


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A validated event date: the text as stated plus the seconds it covers."""

    start: str
    end: str | None
    precision: DatePrecision
    start_ts: int
    end_ts: int


def validate_span(start: str, end: str | None, precision: DatePrecision) -> DateSpan:
    """Check that start/end are real dates of `precision` and that end is not before start."""
    start_day = period_start(start, precision)
    end_excl = period_end(start, precision)
    if end:
        end_day = period_start(end, precision)
        if end_day < start_day:
            raise ValidationError(f"end {end} is before start {start}")
        end_excl = period_end(end, precision)
    return DateSpan(
        start, end or None, precision, epoch_seconds(start_day), epoch_seconds(end_excl)
    )


def format_date(text: str, precision: DatePrecision, approximate: bool = False) -> str:
    """Show a date no more precisely than it is known: "10 June 2020", "June 2020", "2020"."""
    day = period_start(text, precision)
    if precision is DatePrecision.DAY:
        shown = f"{day.day} {calendar.month_name[day.month]} {day.year}"
    elif precision is DatePrecision.MONTH:
        shown = f"{calendar.month_name[day.month]} {day.year}"
    else:
        shown = str(day.year)
    return f"c. {shown}" if approximate else shown


def format_span(
    start: str, end: str | None, precision: DatePrecision, approximate: bool = False
) -> str:
    text = format_date(start, precision, approximate)
    if end and end != start:
        text += f" – {format_date(end, precision)}"
    return text


def format_published(text: str) -> str:
    """A source's publication date as people write it ("11 June 2020"), or as stored when
    another program stored something that is not a date."""
    try:
        return format_date(text, infer_precision(text.strip())) if text.strip() else ""
    except (ValidationError, ValueError):
        return text
