"""Dates as the sources state them: validation and display (dating words are resolved in
timeline_app.ingest.dating, tested in tests/ingest/test_dating.py)."""

from __future__ import annotations

from datetime import date

import pytest

from timeline_app.errors import ValidationError
from timeline_app.model.dates import (
    epoch_seconds,
    format_date,
    format_span,
    from_epoch_seconds,
    infer_precision,
    parse_precision,
    validate_span,
)
from timeline_app.model.types import DatePrecision

DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR
SECONDS_PER_DAY = 86_400


def ts(iso: str) -> int:
    return epoch_seconds(date.fromisoformat(iso))


# ---------------------------------------------------------------------------------- validate_span


@pytest.mark.parametrize(
    ("start", "end", "precision", "first_day", "day_after"),
    [
        ("2020-06-11", None, DAY, "2020-06-11", "2020-06-12"),
        ("2020-02-29", None, DAY, "2020-02-29", "2020-03-01"),  # leap day is real
        ("2020-12-31", None, DAY, "2020-12-31", "2021-01-01"),
        ("2020-06-10", "2021-06-10", DAY, "2020-06-10", "2021-06-11"),
        ("2020-06-11", "2020-06-11", DAY, "2020-06-11", "2020-06-12"),
        ("2020-06", None, MONTH, "2020-06-01", "2020-07-01"),
        ("2020-02", None, MONTH, "2020-02-01", "2020-03-01"),
        ("2020-12", None, MONTH, "2020-12-01", "2021-01-01"),
        ("2019-11", "2020-02", MONTH, "2019-11-01", "2020-03-01"),
        ("2020", None, YEAR, "2020-01-01", "2021-01-01"),
        ("2018", "2020", YEAR, "2018-01-01", "2021-01-01"),
        ("1969", None, YEAR, "1969-01-01", "1970-01-01"),  # before the epoch
    ],
)
def test_validate_span_covers_the_whole_stated_period(start, end, precision, first_day, day_after):
    span = validate_span(start, end, precision)
    assert (span.start, span.end, span.precision) == (start, end, precision)
    assert span.start_ts == ts(first_day)
    assert span.end_ts == ts(day_after)


def test_span_lengths_follow_the_calendar():
    assert validate_span("2020-02", None, MONTH).end_ts - ts("2020-02-01") == 29 * SECONDS_PER_DAY
    assert validate_span("2021-02", None, MONTH).end_ts - ts("2021-02-01") == 28 * SECONDS_PER_DAY
    year = validate_span("2020", None, YEAR)
    assert year.end_ts - year.start_ts == 366 * SECONDS_PER_DAY


def test_empty_end_means_no_end():
    assert validate_span("2020-06-11", "", DAY).end is None


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("2020-02-30", DAY),
        ("2021-02-29", DAY),  # not a leap year
        ("2020-04-31", DAY),
        ("2020-06-00", DAY),
        ("2020-00-10", DAY),
        ("2020-13", MONTH),
        ("2020-00", MONTH),
        ("0000", YEAR),
    ],
)
def test_impossible_dates_are_refused(text, precision):
    with pytest.raises(ValidationError, match="not a real date"):
        validate_span(text, None, precision)


def test_impossible_end_date_is_refused():
    with pytest.raises(ValidationError, match="2020-02-30"):
        validate_span("2020-02-01", "2020-02-30", DAY)


@pytest.mark.parametrize(
    ("start", "end", "precision"),
    [
        ("2020-06-11", "2020-06-10", DAY),
        ("2021-01-01", "2020-12-31", DAY),
        ("2020-06", "2020-05", MONTH),
        ("2020", "2019", YEAR),
    ],
)
def test_end_before_start_is_refused(start, end, precision):
    with pytest.raises(ValidationError, match="before"):
        validate_span(start, end, precision)


@pytest.mark.parametrize(
    ("start", "end", "precision"),
    [
        ("2020-06-11", None, MONTH),
        ("2020-06-11", None, YEAR),
        ("2020-06", None, DAY),
        ("2020-06", None, YEAR),
        ("2020", None, DAY),
        ("2020", None, MONTH),
        ("2020-06", "2020-07-01", MONTH),  # the end must have the same shape
        ("2020-6-1", None, DAY),
        ("20-06-11", None, DAY),
        ("2020/06/11", None, DAY),
        ("11 June 2020", None, DAY),
        ("", None, YEAR),
        (" 2020", None, YEAR),
        ("2020-06-11\n", None, DAY),  # a trailing newline from a CSV cell
        ("２０２０", None, YEAR),  # full-width digits are not ISO
        ("٢٠٢٠", None, YEAR),
    ],
)
def test_precision_contradicting_the_shape_is_refused(start, end, precision):
    with pytest.raises(ValidationError, match="does not match"):
        validate_span(start, end, precision)


@pytest.mark.parametrize(("text", "precision"), [("9999", YEAR), ("9999-12", MONTH)])
def test_a_period_past_the_last_representable_day_is_a_validation_error(text, precision):
    with pytest.raises(ValidationError, match=text):
        validate_span(text, None, precision)


def test_parse_and_infer_precision():
    assert parse_precision(" Day ") is DAY
    assert parse_precision("MONTH") is MONTH
    assert parse_precision("year") is YEAR
    with pytest.raises(ValidationError, match="week"):
        parse_precision("week")
    assert infer_precision("2020-06-11") is DAY
    assert infer_precision("2020-06") is MONTH
    assert infer_precision("2020") is YEAR
    for bad in ("June 2020", "2020-06-11T00:00", "202", "2020\n"):
        with pytest.raises(ValidationError, match="not an ISO date"):
            infer_precision(bad)


def test_epoch_seconds_round_trip():
    for iso in ("1969-12-31", "1970-01-01", "2020-02-29", "2038-01-20"):
        day = date.fromisoformat(iso)
        assert from_epoch_seconds(epoch_seconds(day)) == day
    assert epoch_seconds(date(1970, 1, 2)) == SECONDS_PER_DAY


# ---------------------------------------------------------------------------------- display


@pytest.mark.parametrize(
    ("text", "precision", "approximate", "shown"),
    [
        ("2020-06-10", DAY, False, "10 June 2020"),
        ("2020-06-01", DAY, False, "1 June 2020"),
        ("2020-06", MONTH, False, "June 2020"),
        ("2019-06", MONTH, True, "c. June 2019"),
        ("2020", YEAR, False, "2020"),
        ("2018", YEAR, True, "c. 2018"),
        ("2020-12-31", DAY, True, "c. 31 December 2020"),
    ],
)
def test_format_date_shows_no_more_precision_than_known(text, precision, approximate, shown):
    assert format_date(text, precision, approximate) == shown


@pytest.mark.parametrize(
    ("start", "end", "precision", "approximate", "shown"),
    [
        ("2020-06-11", None, DAY, False, "11 June 2020"),
        ("2020-06-11", "2020-06-11", DAY, False, "11 June 2020"),
        ("2020-06-10", "2021-06-10", DAY, False, "10 June 2020 – 10 June 2021"),
        ("2020-06", None, MONTH, False, "June 2020"),
        ("2020-03", "2020-06", MONTH, False, "March 2020 – June 2020"),
        ("2019-06", None, MONTH, True, "c. June 2019"),
        ("2018", "2020", YEAR, True, "c. 2018 – 2020"),
        ("2020", None, YEAR, False, "2020"),
    ],
)
def test_format_span(start, end, precision, approximate, shown):
    assert format_span(start, end, precision, approximate) == shown


def test_format_refuses_a_date_of_another_precision():
    with pytest.raises(ValidationError):
        format_date("2020-06", DAY)
