"""The forms of dating words that dating.py reads, one regular expression and one rule
each: written dates, weekdays, months, seasons, "last week", "a year ago", decades.

Each rule turns a match into a Period, using the publication date, the tense of the
statement and the dating words before the match (all given in a Context); the words
before a phrase ("since", "about", "late") and the joining of ranges are read in dating.py,
whose EXAMPLES table shows every form at work.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from timeline_app.ingest import periods as p
from timeline_app.ingest.periods import DAY, MONTH, YEAR, Period

_MONTHS = "january february march april may june july august september october november december"
_MONTH_NUMBER = {name: i for i, name in enumerate(_MONTHS.split(), start=1)}
_MONTH_NUMBER |= {n[:3]: i for n, i in _MONTH_NUMBER.items()} | {"sept": 9}
_DAYS = "monday tuesday wednesday thursday friday saturday sunday"
_WEEKDAY_NUMBER = {name: i for i, name in enumerate(_DAYS.split())}
_WEEKDAY_NUMBER |= {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3}
_WEEKDAY_NUMBER |= {"fri": 4, "sat": 5, "sun": 6}
NAMES = set(_MONTH_NUMBER) | set(_WEEKDAY_NUMBER)


def _names(full: list[str], short: list[str], dot: str) -> str:
    """Names as written in news: Capitalised or UPPER, never lower ("may", "march")."""
    alts = [f"{w}\\b" for n in full for w in (n.capitalize(), n.upper())]
    alts += [f"{w}(?:{dot})" for n in short for w in (n.capitalize(), n.upper())]
    return "(?-i:" + "|".join(sorted(alts, key=len, reverse=True)) + ")"


_FULL_MONTHS = _MONTHS.split()
_MON = _names(_FULL_MONTHS, ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                             "oct", "nov", "dec"], r"\.|\b")  # fmt: skip
_MONTH = _names(_FULL_MONTHS, [], "")
_WD = _names(
    [n for n in _WEEKDAY_NUMBER if len(n) > 5], [n for n in _WEEKDAY_NUMBER if len(n) < 6], r"\."
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}  # fmt: skip
_VAGUE_NUMBERS = {"a few": 3, "few": 3, "several": 3, "a couple of": 2, "a couple": 2}
_NUM = (
    "(" + "|".join(sorted([*_VAGUE_NUMBERS, *_NUMBER_WORDS], key=len, reverse=True)) + r"|\d{1,3})"
)
_YEAR = r"(1[89][0-9]{2}|20[0-9]{2})"
_REL = (
    r"(last|this|next|this past|this coming|past|coming|previous|the past|the previous|the coming)"
)

# Words that may stand before a dating phrase and belong to it; read from right to left.
APPROX = {"around", "about", "approximately", "roughly", "circa", "c.", "some", "nearly",
          "almost", "at least", "at the least", "at the earliest", "at the latest",
          "as early as", "as late as", "no later than", "no earlier than", "fiscal"}  # fmt: skip
PARTS = {"early": "early", "mid": "mid", "late": "late", "earlier": "earlier", "later": "later",
         "earlier in": "earlier", "later in": "later", "the end of": "end",
         "the beginning of": "beginning", "the start of": "start", "the middle of": "middle",
         "the first half of": "first half", "the second half of": "second half"}  # fmt: skip
_PREPOSITIONS = ["since", "ever since", "from", "in", "on", "by", "during", "until", "till",
                 "through", "throughout", "as of", "before", "after", "between", "starting",
                 "starting in", "beginning in", "effective", "sometime in", "some time in",
                 "as recently as", "back in", "dating back to"]  # fmt: skip
PREFIX = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(t) for t in sorted([*APPROX, *PARTS, *_PREPOSITIONS], key=len))
    + r")[\s-]+$",
    re.I,
)
LEADS = {*_PREPOSITIONS, "of", "and", "to", "or", "-", "–", "early", "mid", "late", "the",
         "this", "last", "next", "around", "about"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Context:
    published: date
    future: bool
    prefix: tuple[str, ...]  # the dating words before the phrase, nearest first
    before: str  # the word before the phrase and its prefix, lower case
    after: str  # the text after the phrase (a few characters)


def _day(year: int, month: int, day: int, confidence: float) -> Period | None:
    try:
        return Period(date(year, month, day), None, DAY, False, confidence)
    except ValueError:
        return None


def _which(word: str | None, future: bool) -> str:
    """ "last", "next", "this", "trailing" ("the past week") or, with no such word, the
    tense of the statement: "past" or "future"."""
    word = (word or "").lower()
    if word in ("last", "previous", "the previous", "this past"):
        return "last"
    if word in ("next", "coming", "the coming", "this coming"):
        return "next"
    if word in ("past", "the past"):
        return "trailing"
    return "this" if word == "this" else "future" if future else "past"


def _iso_date(m: re.Match[str], ctx: Context) -> Period | None:
    return _day(int(m[1]), int(m[2]), int(m[3]), 0.95)


def _numeric(m: re.Match[str], ctx: Context) -> Period | None:
    """Month first with slashes (US), day first with dots; doubtful when both could be."""
    first, separator, second, year = int(m[1]), m[2], int(m[3]), int(m[4])
    if separator == "/" and first <= 12:
        return _day(year, first, second, 0.9 if second > 12 or first == second else 0.5)
    sure = first > 12 or first == second or separator == "/"
    return _day(year, second, first, 0.9 if sure else 0.6)


def _written_day(m: re.Match[str], ctx: Context) -> Period | None:
    month, day = _MONTH_NUMBER[m["mon"].rstrip(".").lower()], int(m["day"])
    if m["year"]:
        return _day(int(m["year"]), month, day, 0.95)
    if m["rel"]:  # "on Nov. 20 last year": that day of the year named
        shift = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
        return _day(ctx.published.year + shift, month, day, 0.9)
    when = p.relative_day(ctx.published, month, day, ctx.future)
    return None if when is None else Period(when, None, DAY, False, 0.85, floating=True)


def _day_range(m: re.Match[str], ctx: Context) -> Period | None:
    """ "from 7 to 10 April", "April 7 to 10": the days of one month, from the first."""
    last = _written_day(m, ctx)
    if last is None or not 1 <= int(m["first"]) < last.first.day:
        return None
    first = last.first.replace(day=int(m["first"]))
    return Period(first, last.first, DAY, False, last.confidence, floating=last.floating)


def _month_year(m: re.Match[str], ctx: Context) -> Period:
    month = _MONTH_NUMBER[m[1].rstrip(".").lower()]
    return Period(date(int(m[2]), month, 1), None, MONTH, False, 0.9, "month")


def _month_of_relative_year(m: re.Match[str], ctx: Context) -> Period:
    """ "in May last year", "in March next year": that month of the year named."""
    shift = {"last": -1, "this": 0, "next": 1}[m[2].lower()]
    month = _MONTH_NUMBER[m[1].rstrip(".").lower()]
    return Period(date(ctx.published.year + shift, month, 1), None, MONTH, False, 0.85, "month")


def _month(m: re.Match[str], ctx: Context) -> Period | None:
    if not m[1] and not ctx.prefix and ctx.before not in LEADS:
        return None  # "March" or "May" alone may be a verb, a name or a protest
    which = _which(m[1], ctx.future).replace("trailing", "last")
    first = p.relative_month(ctx.published, _MONTH_NUMBER[m[2].lower()], which)
    return Period(first, None, MONTH, False, 0.8, "month", floating=not m[1])


def _weekday(m: re.Match[str], ctx: Context) -> Period:
    which = _which(m[1], ctx.future).replace("trailing", "last")
    which = ("future" if ctx.future else "past") if which == "this" else which
    when = p.relative_weekday(ctx.published, _WEEKDAY_NUMBER[m[2].rstrip(".").lower()], which)
    return Period(when, None, DAY, False, 0.75 if m[1] else 0.85)


_RELATIVE_DAYS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
                  "this evening": 0, "earlier today": 0, "later today": 0, "yesterday": -1,
                  "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
                  "the day after tomorrow": 2}  # fmt: skip


def _relative_day(m: re.Match[str], ctx: Context) -> Period:
    words = m[1].lower().split()
    offset = _RELATIVE_DAYS[words[0] if words[0] in _RELATIVE_DAYS else " ".join(words)]
    return Period(ctx.published + timedelta(days=offset), None, DAY, False, 0.85)


def _same_day(m: re.Match[str], ctx: Context) -> Period:
    """ "earlier in the day": the day of the story, taken as publication day unless a dating
    phrase follows ("earlier in the day Tuesday"), which it then merely introduces."""
    return Period(ctx.published, None, DAY, False, 0.4, "anaphor")


def _unit(m: re.Match[str], ctx: Context) -> Period:
    """ "last/this/next/the past" week, weekend, month or year."""
    which, unit = _which(m[1], ctx.future), m[2].lower()
    if which == "trailing" and unit != "weekend":
        return p.trailing(ctx.published, unit, 0.6)
    shift = {"last": -1, "trailing": -1, "next": 1}.get(which, 0)
    if unit in ("week", "weekend"):
        return p.week(ctx.published, shift, unit == "weekend", ctx.future, 0.7)
    if unit == "month":
        first = p.add_months(p.month_start(ctx.published), shift)
        return Period(first, None, MONTH, False, 0.8, "month")
    return Period(date(ctx.published.year + shift, 1, 1), None, YEAR, False, 0.8, "year")


def _the_unit(m: re.Match[str], ctx: Context) -> Period | None:
    """ "the year", "the month": only as "the end of the year", "earlier in the month"."""
    if not any(word in PARTS for word in ctx.prefix):
        return None
    if m[1].lower() == "year":
        return Period(date(ctx.published.year, 1, 1), None, YEAR, False, 0.6, "year")
    return Period(p.month_start(ctx.published), None, MONTH, False, 0.6, "month")


def _ago(m: re.Match[str], ctx: Context) -> Period:
    words = " ".join(m[1].lower().split())
    count = _VAGUE_NUMBERS.get(words) or _NUMBER_WORDS.get(words) or int(words)
    return p.ago(ctx.published, count, m[2].lower(), words in _VAGUE_NUMBERS)


def _other_day(m: re.Match[str], ctx: Context) -> Period:
    return Period(p.month_start(ctx.published), None, MONTH, True, 0.4, "month")


def _season(m: re.Match[str], ctx: Context) -> Period | None:
    if m[3]:
        return p.season(m[2].lower(), int(m[3]), 0.7)
    if (m[1] or "the").lower() == "the" and not ctx.prefix and ctx.before not in LEADS:
        return None  # "the fall of Rome", "sales fall"
    if m[1] is None and m[2].lower() == "fall" and ctx.before in ("to", "and", "or"):
        return None  # "expected sales to fall by a quarter": a verb
    word = None if m[1] is None or m[1].lower() == "the" else m[1]
    which = _which(word, ctx.future)
    return p.season_around(m[2].lower(), ctx.published, which.replace("trailing", "last"))


_QUARTERS = {"q1": 1, "q2": 2, "q3": 3, "q4": 4, "first": 1, "second": 2, "third": 3,
             "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}  # fmt: skip


def _quarter(m: re.Match[str], ctx: Context) -> Period:
    return p.quarter(int(m[3]), _QUARTERS[(m[1] or m[2]).lower()], 0.85)


def _quarter_alone(m: re.Match[str], ctx: Context) -> Period:
    """ "in the second quarter": of the publication year, or the year before/after when the
    statement is past/future and the quarter lies the other side of publication."""
    number = _QUARTERS[m[1].lower()]
    now = (ctx.published.month - 1) // 3 + 1
    year = ctx.published.year
    if ctx.future and number < now:
        year += 1
    elif not ctx.future and number > now:
        year -= 1
    found = p.quarter(year, number, 0.7)
    return Period(found.first, found.last, found.precision, True, 0.7, "quarter")


def _quarter_of_relative_year(m: re.Match[str], ctx: Context) -> Period:
    """ "in the first quarter of next year": that quarter of the year named."""
    shift = {"last": -1, "this": 0, "next": 1}[m[2].lower()]
    found = p.quarter(ctx.published.year + shift, _QUARTERS[m[1].lower()], 0.8)
    return Period(found.first, found.last, found.precision, True, 0.8, "quarter")


def _day_of_month(m: re.Match[str], ctx: Context) -> Period | None:
    """ "on the 14th": the day of the publication month, or of the month before/after when
    it lies the other side of publication for a past/future statement."""
    day = int(m[1])
    published = ctx.published
    for shift in (0, 1, -1, 2, -2):
        first = p.add_months(p.month_start(published), shift)
        try:
            when = first.replace(day=day)
        except ValueError:
            continue
        if (when >= published) if ctx.future else (when <= published):
            nearest = when if shift in (0, 1, -1) else None
            if nearest is not None:
                return Period(nearest, None, DAY, False, 0.7, floating=True)
    return None


def _decade(m: re.Match[str], ctx: Context) -> Period:
    start = date(int(m[2]), 1, 1)
    decade = Period(start, start.replace(year=start.year + 9), YEAR, True, 0.4, "decade")
    return p.part_of(decade, m[1].lower(), ctx.published) if m[1] else decade


def _year_range(m: re.Match[str], ctx: Context) -> Period | None:
    first, last = int(m[1]), int(m[2])
    last += first - first % 100 if last < 100 else 0
    if not first < last <= first + 50:
        return None
    return Period(date(first, 1, 1), date(last, 1, 1), YEAR, False, 0.8, "years")


_YEAR_NEXT = re.compile(
    r"\s*(?:[,.;:)!?'’—–]|$|(?:was|were|is|has|had|saw|brought|marked|will)\b)", re.I
)


def _year(m: re.Match[str], ctx: Context) -> Period | None:
    if not ctx.prefix and ctx.before not in LEADS and not _YEAR_NEXT.match(ctx.after):
        return None  # "AB 2261" or "2000 faces" are numbers, not years
    confidence = 0.8 if ctx.prefix else 0.6
    return Period(date(int(m[1]), 1, 1), None, YEAR, False, confidence, "year")


Form = Callable[[re.Match[str], Context], Period | None]
_TIME_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
FORMS: list[tuple[re.Pattern[str], Form]] = [
    (re.compile(p_, re.I), rule)
    for p_, rule in [
        (r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b", _iso_date),
        (r"\b([0-9]{1,2})([/.])([0-9]{1,2})\2([0-9]{4})\b", _numeric),
        (
            rf"\b(?P<first>[0-9]{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|until|and)\s*"
            rf"(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})"
            rf"(?:,?\s+(?P<year>[0-9]{{4}})\b|\s+(?P<rel>last|this|next)\s+year\b)?",
            _day_range,
        ),
        (
            rf"(?P<mon>{_MON})\s+(?P<first>[0-9]{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|until|and)\s*"
            rf"(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?\b(?!:)"
            rf"(?:,?\s+(?P<year>[0-9]{{4}})\b|\s+(?P<rel>last|this|next)\s+year\b)?",
            _day_range,
        ),
        (
            rf"(?:{_WD},?\s+)?(?P<mon>{_MON})\s+(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?\b(?!:)"
            rf"(?:,?\s+(?P<year>[0-9]{{4}})\b|\s+(?P<rel>last|this|next)\s+year\b)?",
            _written_day,
        ),
        (
            rf"(?:{_WD},?\s+)?(?:the\s+)?(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            rf"(?P<mon>{_MON})(?:,?\s+(?P<year>[0-9]{{4}})\b|\s+(?P<rel>last|this|next)\s+year\b)?",
            _written_day,
        ),
        (rf"({_MON})(?:\s+of|,)?\s+{_YEAR}\b", _month_year),
        (rf"\b({_MONTH})\s+(last|this|next)\s+year\b", _month_of_relative_year),
        (rf"(?:\b{_REL}\s+)?({_MONTH})", _month),
        (rf"(?:\b{_REL}\s+)?({_WD}){_TIME_OF_DAY}", _weekday),
        (
            r"\b((?:earlier|later)\s+(?:today|tonight)|the\s+day\s+(?:before\s+yesterday|after\s+"
            r"tomorrow)|today|tonight|this\s+(?:morning|afternoon|evening)|last\s+night|"
            rf"(?:yesterday|tomorrow){_TIME_OF_DAY})\b",
            _relative_day,
        ),
        (r"\b(?:earlier|later)\s+(?:in\s+the|that)\s+day\b", _same_day),
        (rf"\b({_REL[1:-1]}|the(?=\s+weekend))\s+(week|weekend|month|year)\b", _unit),
        (r"\bthe\s+(year|month)\b", _the_unit),
        (rf"\b{_NUM}\s+(day|week|month|year|decade)s?\s+ago\b", _ago),
        (r"\bthe\s+other\s+day\b", _other_day),
        (
            rf"(?:\b{_REL[:-1]}|the)\s+)?\b(spring|summer|fall|autumn|winter)\b(?:\s+(?:of\s+)?"
            rf"{_YEAR}\b)?"
            # "the summer term", "winter tyres": a kind of thing, no time
            r"(?!\s+(?:term|semester|session|holidays?|break|school|schedule|timetable|"
            r"tyres|tires|clothes|clothing|collection|sales?|range|games|olympics|season)\b)",
            _season,
        ),
        (
            rf"\b(?:(Q[1-4])|(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)[-\s]quarter)"
            rf"(?:\s+of|,)?\s+{_YEAR}\b",
            _quarter,
        ),
        (
            r"\bthe\s+(first|second|third|fourth|1st|2nd|3rd|4th)[-\s]quarter\s+of\s+"
            r"(last|this|next)\s+year\b",
            _quarter_of_relative_year,
        ),
        (r"\bthe\s+(first|second|third|fourth|1st|2nd|3rd|4th)[-\s]quarter\b", _quarter_alone),
        (  # (not "the 14th of March": a written day; "on the 14th to decide" is one)
            r"\b(?:on|for|by)\s+the\s+([0-9]{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?-i:[A-Z]))",
            _day_of_month,
        ),
        (r"\b(?:the\s+)?(?:(early|mid|late)[-\s]+)?((?:1[89]|20)[0-9]0)['’]?s\b", _decade),
        (rf"(?<![0-9$£€#./-]){_YEAR}\s*[-–]\s*([0-9]{{4}}|[0-9]{{2}})\b(?!-)", _year_range),
        (rf"(?<![0-9$£€#@.,/])(?<![0-9]-){_YEAR}(?![0-9%]|[.,/:-][0-9]|['’]?s\b)", _year),
    ]
]
