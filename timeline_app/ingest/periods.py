"""Calendar arithmetic for the dating rules: periods at day, month or year precision, and the
weeks, seasons, quarters and parts of years that news English names.

Kept apart from the phrase rules in dating.py so that those read as rules; nothing here
knows any words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from timeline_app.model.types import DatePrecision

DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR
_ORDER = {DAY: 0, MONTH: 1, YEAR: 2}
# Northern-hemisphere meteorological seasons: the month each starts in; winter runs from
# December into the next year's February, so "winter 2019" is December 2019 to February 2020.
SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
# How "early", "mid" and "late" divide a year into months, and a decade into years.
YEAR_PARTS = {
    "early": (1, 4),
    "mid": (5, 8),
    "middle": (5, 8),
    "late": (9, 12),
    "beginning": (1, 3),
    "start": (1, 3),
    "end": (10, 12),
    "first half": (1, 6),
    "second half": (7, 12),
}
DECADE_PARTS = {"early": (0, 3), "mid": (3, 6), "middle": (3, 6), "late": (6, 9)}


@dataclass(frozen=True, slots=True)
class Period:
    """What a dating phrase names: from `first` to `last` (the first day of the last unit;
    None for a single day, month or year), and how sure the words are.

    `unit` says what "early" or "late" would divide ("year", "month", "week", ...);
    `floating` marks a period whose year the words left out ("in March", "on Friday"), so a
    range may move it forward a year ("from November to February").
    """

    first: date
    last: date | None
    precision: DatePrecision
    approximate: bool = False
    confidence: float = 0.8
    unit: str = "day"
    floating: bool = False


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February falls back to 28 February in a common year,
    so "a year before" a leap day is a real date rather than an error."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def coarsen(day: date, precision: DatePrecision) -> date:
    """The first day of the period of `precision` that holds `day`."""
    if precision is YEAR:
        return date(day.year, 1, 1)
    if precision is MONTH:
        return day.replace(day=1)
    return day


def coarser(a: DatePrecision, b: DatePrecision) -> DatePrecision:
    return a if _ORDER[a] >= _ORDER[b] else b


def iso(day: date, precision: DatePrecision) -> str:
    """ISO text at a precision: "2020-06-10", "2020-06" or "2020"."""
    if precision is DAY:
        return day.isoformat()
    if precision is MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def months(year: int, first: int, last: int, approximate: bool, confidence: float) -> Period:
    """Months `first`..`last` of `year` (last may pass 12 into the next year)."""
    start = date(year, first, 1)
    return Period(start, add_months(start, last - first), MONTH, approximate, confidence, "month")


def season(name: str, year: int, confidence: float, floating: bool = False) -> Period:
    start = date(year, SEASON_START[name], 1)
    return Period(start, add_months(start, 2), MONTH, True, confidence, "season", floating)


def season_around(name: str, published: date, which: str) -> Period:
    """The season `name` nearest the publication date: "past" the latest that has begun,
    "future" the first not yet over, "last" the latest already over, "next" the first not
    yet begun, "this" the one of the publication year (winter: the one holding January and
    February if published then)."""
    month = SEASON_START[name]
    candidates = [
        season(name, year, 0.6, floating=True)
        for year in range(published.year - 2, published.year + 2)
    ]
    this_month = month_start(published)
    ended = [p for p in candidates if p.last is not None and p.last < this_month]
    begun = [p for p in candidates if p.first <= published]
    later = [p for p in candidates if p.first > published]
    not_over = [p for p in candidates if p.last is not None and p.last >= this_month]
    if which == "last":
        return ended[-1]
    if which == "next":
        return later[0]
    if which == "future":
        return not_over[0]
    if which == "this":
        year = published.year - 1 if month == 12 and published.month <= 2 else published.year
        return season(name, year, 0.6)
    return begun[-1]


def part_of(period: Period, part: str, published: date) -> Period:
    """Narrow a period by "early", "mid", "late", "the end of", "the first half of" and the
    like; the result is approximate (except halves of a year, which are exact)."""
    unit, first = period.unit, period.first
    exact = part in ("first half", "second half")
    if unit == "year" and part in YEAR_PARTS:
        low, high = YEAR_PARTS[part]
        return months(first.year, low, high, not exact, period.confidence)
    if unit == "decade" and part in DECADE_PARTS:
        low, high = DECADE_PARTS[part]
        start = first.replace(year=first.year + low)
        return Period(
            start, start.replace(year=first.year + high), YEAR, True, period.confidence, "years"
        )
    if unit == "week" and part in ("earlier", "later"):
        if part == "earlier":
            last = max(first, published - timedelta(days=1))
            return Period(first, last, DAY, True, period.confidence, "week")
        sunday = first + timedelta(days=6)
        return Period(
            min(sunday, published + timedelta(days=1)), sunday, DAY, True, period.confidence, "week"
        )
    if part in ("earlier", "later") or unit == "day":
        return period  # "earlier this month" is still this month, "late Tuesday" Tuesday
    return Period(
        period.first,
        period.last,
        period.precision,
        True,
        period.confidence,
        period.unit,
        period.floating,
    )


def relative_day(published: date, month: int, day: int, future: bool) -> date | None:
    """A day of the month with no year: the latest not after publication, or the first not
    before it for a future statement; 29 February reaches back (or on) to a leap year."""
    step = 1 if future else -1
    for offset in range(9):
        try:
            when = date(published.year + step * offset, month, day)
        except ValueError:
            continue
        if (when >= published) if future else (when <= published):
            return when
    return None


def relative_month(published: date, month: int, which: str) -> date:
    """The first of the named month: "past" the latest not after publication (its own month
    counts), "future" the first not before it, "last"/"next" strictly before/after, "this"
    the one of the publication year."""
    now, year = published.month, published.year
    year += {
        "past": -(month > now),
        "future": month < now,
        "last": -(month >= now),
        "next": month <= now,
        "this": 0,
    }[which]
    return date(year, month, 1)


def relative_weekday(published: date, weekday: int, which: str) -> date:
    """The named weekday: "past" the latest not after publication (the day itself if it is
    one), "future" the first not before it, "last"/"next" strictly before/after."""
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if which == "last":
        return published - timedelta(days=back or 7)
    if which == "next":
        return published + timedelta(days=ahead or 7)
    if which == "future":
        return published + timedelta(days=ahead)
    return published - timedelta(days=back)


def week(published: date, shift: int, weekend: bool, future: bool, confidence: float) -> Period:
    """A calendar week (Monday to Sunday) `shift` weeks from publication's, as an approximate
    day range; "this week" runs Monday to publication day, or on to Sunday if in the future.
    A weekend is its Saturday and Sunday ("this weekend" the coming one in the future)."""
    monday = monday_of(published) + timedelta(weeks=shift)
    if weekend:
        saturday = monday + timedelta(days=5)
        if shift == 0 and not future and saturday > published:
            saturday -= timedelta(weeks=1)
        return Period(saturday, saturday + timedelta(days=1), DAY, True, confidence, "week")
    if shift == 0:
        first, last = (published, monday + timedelta(days=6)) if future else (monday, published)
        return Period(first, last, DAY, True, confidence, "week")
    return Period(monday, monday + timedelta(days=6), DAY, True, confidence, "week")


def trailing(published: date, unit: str, confidence: float) -> Period:
    """ "the past week/month/year": the span up to publication, approximate."""
    if unit == "week":
        return Period(published - timedelta(days=7), published, DAY, True, confidence, "week")
    this = month_start(published)
    before = add_months(this, -1 if unit == "month" else -12)
    return Period(before, this, MONTH, True, confidence, "month")


def ago(published: date, count: int, unit: str, vague: bool) -> Period:
    """ "N days/weeks/months/years/decades ago": days are exact (unless "a few"), weeks a
    day and approximate, months and a year a month and approximate ("a year ago" from
    29 February 2020 is February 2019), two years or more and decades a year and
    approximate."""
    if unit == "day":
        return Period(published - timedelta(days=count), None, DAY, vague, 0.7)
    if unit == "week":
        return Period(published - timedelta(weeks=count), None, DAY, True, 0.6)
    if unit == "year" and count >= 2:  # years back, the month is not known
        return Period(date(published.year - count, 1, 1), None, YEAR, True, 0.55, "year")
    if unit in ("month", "year"):
        months_back = count if unit == "month" else 12 * count
        return Period(add_months(month_start(published), -months_back), None, MONTH, True, 0.6,
                      "month")  # fmt: skip
    return Period(date(published.year - 10 * count, 1, 1), None, YEAR, True, 0.5, "year")


def quarter(year: int, number: int, confidence: float) -> Period:
    return months(year, 3 * number - 2, 3 * number, False, confidence)


def span(first: Period, last: Period) -> Period | None:
    """One period from the start of `first` to the end of `last`, at the coarser precision;
    a `last` without a stated year moves on a year if needed ("November to February")."""
    precision = coarser(first.precision, last.precision)
    end_day = last.last or last.first
    first_day = first.first
    if first.floating and not last.floating:  # "from June to September 2014": 2014's June
        first_day = add_years(first_day, end_day.year - first_day.year)
        if first_day > end_day:
            first_day = add_years(first_day, -1)
    start = coarsen(first_day, precision)
    if last.floating and end_day < first_day:
        end_day = add_years(end_day, 1)
    end = coarsen(end_day, precision)
    if end < start:
        return None
    confidence = min(first.confidence, 0.9)
    return Period(start, end, precision, first.approximate or last.approximate, confidence, "range")


def to_publication(period: Period, published: date) -> Period:
    """A period extended to run until the publication date ("since 2018")."""
    now = coarsen(published, period.precision)
    if now > (period.last or period.first):
        return Period(period.first, now, period.precision, period.approximate,
                      period.confidence, period.unit)  # fmt: skip
    return period
