"""The one home of the rules that turn a source's dating words into dates.

Every rule reads news English against the article's publication date: "on Wednesday" is the
latest Wednesday not after it (the day itself if it is one), "in March" the latest March,
unless the statement is about the future ("will", "plans to", "is set to", "next", "from ...
on"), when both move forward (the publication day or month itself still counts, as news
style names today by its weekday). Precision follows the words (a weekday or a day of the
month gives a day, "in March" or "last month" a month, "in 2018" or "last year" a year) and so
does `approximate` ("about", "around", "at least", "early", "late", "ago" for weeks or more,
"the other day", seasons, decades). EXAMPLES below documents each form; the tests run it.
The forms themselves (one regular expression and rule each) are in dating_forms.py, the
calendar arithmetic in periods.py and the reading of a statement's tense in tense.py, to keep
modules short; this module reads the words around a form ("since", "about", "late", ranges)
and offers the API.

Decisions: a range ("this week", "between March and May", "the 1990s") has an `end`;
"since 2018" runs to the publication date ("2018" to "2020"), as a state that still holds
when the article appears. "a year ago" is the publication month a year before, so a 29
February publication gives February. "03/07/2020" is read month first (US) when both numbers
could be a month, with a lower confidence; with dots ("07.03.2020") day first. A bare
four-digit number counts as a year only after a dating word or before punctuation, so "AB
2261" or "2000 faces" are no dates; month names must be capitalised ("may" is a verb).

Libraries were measured and not used: dateparser 1.5.0 (`search_dates`) takes 170 ms to
import and 6 ms a sentence, gives no precision or offsets, reads "we" and "may" as dates and
"on Thursday" on a Thursday as the week before; datefinder, ctparse and timefhuman found
fewer of the news forms. These rules take well under a millisecond a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date

from timeline_app.errors import ValidationError
from timeline_app.ingest import periods as p
from timeline_app.ingest.dating_forms import APPROX, FORMS, NAMES, PARTS, PREFIX, Context
from timeline_app.ingest.periods import DAY, MONTH, YEAR, Period
from timeline_app.ingest.sentences import sentence_spans
from timeline_app.ingest.tense import lies_ahead
from timeline_app.model.types import DatePrecision


@dataclass(frozen=True, slots=True)
class DateGuess:
    """A date proposed from the words `phrase`, found at [phrase_start, phrase_end) of the
    text given; `start`/`end` are ISO at `precision`; `confidence` runs from 0 (vague) to 1
    (a full written date), for choosing among several phrases and for showing doubt."""

    phrase: str
    phrase_start: int
    phrase_end: int
    start: str
    end: str | None
    precision: DatePrecision
    approximate: bool
    confidence: float


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    period: Period
    prefix: tuple[str, ...]


def _prefix(text: str, start: int) -> tuple[int, tuple[str, ...]]:
    """The dating words just before `start` ("since at least", "in early"), nearest first."""
    words: list[str] = []
    while len(words) < 5 and (m := PREFIX.search(text, max(0, start - 40), start)):
        words.append(" ".join(m[1].lower().split()))
        start = m.start()
    return start, tuple(words)


def _apply_prefix(period: Period, prefix: tuple[str, ...], published: date) -> Period:
    """What the words before the phrase add: a part ("late"), doubt ("about"), a run to the
    publication date ("since"), or weakness ("before", "until": the date is a bound)."""
    parts = [PARTS[w] for w in prefix if w in PARTS]
    if parts:
        period = p.part_of(period, parts[0], published)
    if any(w in APPROX for w in prefix):
        period = replace(period, approximate=True)
    if any(w in ("since", "ever since") for w in prefix):
        period = p.to_publication(period, published)
    if any(w in ("before", "after", "until", "till") for w in prefix):
        weak = replace(period, confidence=period.confidence * 0.5)
        period = replace(weak, approximate=weak.approximate or prefix[0] in ("before", "after"))
    return period


def _join(first: _Found, second: _Found, gap: str, published: date) -> _Found | None:
    """ "between March and May", "from 2016 to 2018", "earlier in the day on Tuesday"."""
    if first.period.unit == "anaphor" and re.fullmatch(r"[\s,]*", gap):
        return _Found(first.start, second.end, second.period, first.prefix)
    joined = re.fullmatch(r"\s*(-|–|—|to|through|thru|until|till|and)?\s*", gap, re.I)
    if not joined:
        return None
    word = (joined[1] or (second.prefix[-1] if second.prefix else "")).lower()
    if word not in ("-", "–", "—", "to", "through", "thru", "until", "till", "and"):
        return None
    if word == "and" and "between" not in first.prefix:
        return None
    period = p.span(first.period, second.period)
    if period is None:
        return None
    return _Found(first.start, second.end, period, first.prefix)


def _guess(text: str, found: _Found) -> DateGuess:
    period = found.period
    return DateGuess(
        phrase=text[found.start : found.end],
        phrase_start=found.start,
        phrase_end=found.end,
        start=p.iso(period.first, period.precision),
        end=None if period.last is None else p.iso(period.last, period.precision),
        precision=period.precision,
        approximate=period.approximate,
        confidence=round(min(max(period.confidence, 0.0), 1.0), 2),
    )


def find_dates(text: str, published: date) -> list[DateGuess]:
    """Every dating phrase in `text`, in order, each resolved against `published`.

    Each rule's matches get the dating words before them; where phrases overlap the longest
    wins ("March 7, 2020" over "2020"); then neighbours join into ranges."""
    spans = sentence_spans(text) or [(0, len(text))]
    starts = [s for s, _ in spans]
    candidates: list[_Found] = []
    for pattern, rule in FORMS:
        for m in pattern.finditer(text):
            start, prefix = _prefix(text, m.start())
            bounds = spans[max(0, bisect_right(starts, m.start()) - 1)]
            before = re.search(r"([\w–-]+)\W*$", text[max(0, start - 20) : start])
            context = Context(
                published,
                lies_ahead(text, bounds, start, m.end(), prefix),
                prefix,
                before[1].lower() if before else "",
                text[m.end() : m.end() + 12],
            )
            if (period := rule(m, context)) is not None:
                period = _apply_prefix(period, prefix, published)
                candidates.append(_Found(start, m.end(), period, prefix))
    chosen: list[_Found] = []  # kept in order of start, none overlapping another
    chosen_starts: list[int] = []  # their starts, for a binary search (a long text has many)
    for item in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        at = bisect_right(chosen_starts, item.start)
        if (at == 0 or chosen[at - 1].end <= item.start) and (
            at == len(chosen) or item.end <= chosen[at].start
        ):
            chosen.insert(at, item)
            chosen_starts.insert(at, item.start)
    merged: list[_Found] = []
    for item in chosen:
        if merged and (
            joined := _join(merged[-1], item, text[merged[-1].end : item.start], published)
        ):
            merged[-1] = joined
        else:
            merged.append(item)
    return [_guess(text, item) for item in merged]


def guess_date(
    sentence: str, published: date, focus: tuple[int, int] | None = None
) -> DateGuess | None:
    """The dating phrase that most likely dates the statement: the most confident one, the
    first on a tie. With `focus` (a selection's offsets in `sentence`), a phrase inside or
    nearest the selection goes first: a sentence may date two statements."""

    def rank(guess: DateGuess) -> tuple[float, float, int]:
        distance = 0
        if focus is not None:
            distance = max(focus[0] - guess.phrase_end, guess.phrase_start - focus[1], 0)
        return (-distance, guess.confidence, -guess.phrase_start)

    guesses = find_dates(sentence, published)
    return max(guesses, key=rank) if guesses else None


def _normalise(phrase: str) -> str:
    words = re.sub(r"\s+,", ",", " ".join(phrase.split()))
    return re.sub(
        r"[A-Za-z]+", lambda m: m[0].capitalize() if m[0].lower() in NAMES else m[0], words
    )


def resolve_phrase(phrase: str, published: date) -> DateGuess:
    """The date that dating words alone give (as a dataset states them: "on wednesday",
    "a year ago"); raises ValidationError unless the whole phrase is one dating phrase, so a
    dataset cannot carry a guessed date. Offsets are those of the phrase without its
    surrounding spaces."""
    text = _normalise(phrase)
    found = find_dates(text, published) if text else []
    if len(found) != 1 or found[0].phrase != text:
        raise ValidationError(f"cannot resolve the date phrase {phrase!r}")
    stripped = phrase.strip()
    at = phrase.find(stripped)
    return replace(found[0], phrase=stripped, phrase_start=at, phrase_end=at + len(stripped))


# ------------------------------------------------------------------------------- the examples
# Each rule at work: a sentence, its publication date, the phrase guess_date picks and the
# date it gives (start, end, precision, approximate). tests/ingest/test_dating.py runs them.
THU, MON, JAN1, FEB29 = date(2020, 6, 11), date(2021, 1, 11), date(2020, 1, 1), date(2020, 2, 29)
D, M, Y = DAY, MONTH, YEAR
EXAMPLES: tuple[tuple[str, date, str, str, str | None, DatePrecision, bool], ...] = (
    # weekdays: the latest not after publication, the day itself included; forward if future
    ("Amazon on Wednesday said it would stop.", THU, "on Wednesday", "2020-06-10", None, D, False),
    ("Smith echoed that stance on Thursday.", THU, "on Thursday", "2020-06-11", None, D, False),
    ("The firm said Monday that sales fell.", THU, "Monday", "2020-06-08", None, D, False),
    ("Apple will release the phone on Friday.", THU, "on Friday", "2020-06-12", None, D, False),
    ("Apple said on Friday it will ship soon.", THU, "on Friday", "2020-06-05", None, D, False),
    ("Amazon said on Monday it would stop.", MON, "on Monday", "2021-01-11", None, D, False),
    ("The shop closed on Friday.", MON, "on Friday", "2021-01-08", None, D, False),
    ("The shop will open on Friday.", MON, "on Friday", "2021-01-15", None, D, False),
    ("It happened on Tuesday.", JAN1, "on Tuesday", "2019-12-31", None, D, False),
    ("It happened on Saturday.", FEB29, "on Saturday", "2020-02-29", None, D, False),
    ("It closed last Friday.", THU, "last Friday", "2020-06-05", None, D, False),
    ("It closed last Thursday.", THU, "last Thursday", "2020-06-04", None, D, False),
    ("It opens next Monday.", JAN1, "next Monday", "2020-01-06", None, D, False),
    ("The law is set to take effect on Monday.", THU, "on Monday", "2020-06-15", None, D, False),
    ("The court has set a hearing for July 12, a clerk said.", THU, "July 12", "2020-07-12",
     None, D, False),
    # days named relative to publication
    ("It failed yesterday.", THU, "yesterday", "2020-06-10", None, D, False),
    ("It changed yesterday.", JAN1, "yesterday", "2019-12-31", None, D, False),
    ("It opens today.", FEB29, "today", "2020-02-29", None, D, False),
    ("It opens tomorrow.", FEB29, "tomorrow", "2020-03-01", None, D, False),
    ("Earlier in the day, he spoke.", THU, "Earlier in the day", "2020-06-11", None, D, False),
    # weeks: approximate ranges of days
    ("IBM said this week it will stop.", THU, "this week", "2020-06-08", "2020-06-11", D, True),
    ("IBM said this week it will stop.", MON, "this week", "2021-01-11", "2021-01-11", D, True),
    ("IBM said this week it will stop.", JAN1, "this week", "2019-12-30", "2020-01-01", D, True),
    ("The vote will happen this week.", THU, "this week", "2020-06-11", "2020-06-14", D, True),
    ("It was agreed earlier this week.", THU, "earlier this week", "2020-06-08", "2020-06-10", D,
     True),
    ("Sales fell last week.", THU, "last week", "2020-06-01", "2020-06-07", D, True),
    ("It closed last week.", JAN1, "last week", "2019-12-23", "2019-12-29", D, True),
    ("It was calm over the weekend.", THU, "the weekend", "2020-06-06", "2020-06-07", D, True),
    ("It will rain this weekend.", THU, "this weekend", "2020-06-13", "2020-06-14", D, True),
    ("It happens next week.", MON, "next week", "2021-01-18", "2021-01-24", D, True),
    ("IBM said earlier in the day this week it will stop.", THU, "earlier in the day this week",
     "2020-06-08", "2020-06-11", D, True),
    # months
    ("Prices rose last month.", THU, "last month", "2020-05", None, M, False),
    ("Prices rose last month.", JAN1, "last month", "2019-12", None, M, False),
    ("It happened earlier this month.", THU, "earlier this month", "2020-06", None, M, False),
    ("It launches next month.", MON, "next month", "2021-02", None, M, False),
    ("It announced it in March, after a probe.", THU, "in March", "2020-03", None, M, False),
    ("It announced it in March.", MON, "in March", "2020-03", None, M, False),
    ("The store will open in March.", THU, "in March", "2021-03", None, M, False),
    ("It rose in December.", JAN1, "in December", "2019-12", None, M, False),
    ("It will open in January.", JAN1, "in January", "2020-01", None, M, False),
    ("Apple plans to open a store in March.", MON, "in March", "2021-03", None, M, False),
    ("Apple said it would open a store in March.", THU, "in March", "2021-03", None, M, False),
    ("It said it planned to reopen in March.", MON, "in March", "2021-03", None, M, False),
    ("She told staff on Monday that no jobs would go.", THU, "on Monday", "2020-06-08", None, D,
     False),
    ("Its council will meet on the 14th.", THU, "on the 14th", "2020-06-14", None, D, False),
    ("It tightened the rules in May last year.", THU, "in May last year", "2019-05", None, M,
     False),
    ("Calls are due to be added in the first quarter.", THU, "in the first quarter", "2021-01",
     "2021-03", M, True),
    ("Its council met on the 14th.", THU, "on the 14th", "2020-05-14", None, D, False),
    ("A judge ruled on Nov. 20 last year.", THU, "on Nov. 20 last year", "2019-11-20", None,
     D, False),
    ("Its results are due on May 2.", THU, "on May 2", "2021-05-02", None, D, False),
    # deadlines lie ahead ("by", and "until" after "has", "gave", "delay"), unless "had"
    ("The groups asked that it publish prices by May 14.", THU, "by May 14", "2021-05-14", None,
     D, False),
    ("Sales had doubled by May 14.", THU, "by May 14", "2020-05-14", None, D, False),
    ("She gave the firm until Feb. 1 to pay.", THU, "until Feb. 1", "2021-02-01", None, D, False),
    ("The company has until May 17 to appeal.", THU, "until May 17", "2021-05-17", None, D,
     False),
    ("It said it would delay the cut until Jan. 1, but that it had no choice.", THU,
     "until Jan. 1", "2021-01-01", None, D, False),
    # a verb in the past just before the phrase dates a done thing, whatever follows it
    ("Its committee voted on Saturday to end a deal, which must then stop.", THU, "on Saturday",
     "2020-06-06", None, D, False),
    ("It must pay them, the court ruled on Thursday.", MON, "on Thursday", "2021-01-07", None, D,
     False),
    ("The board urged investors last Friday to wait.", THU, "last Friday", "2020-06-05", None, D,
     False),
    ("It will delete stored data on Friday.", THU, "on Friday", "2020-06-12", None, D, False),
    ("Vessmark has called a general meeting for March 17.", FEB29, "March 17", "2020-03-17", None,
     D, False),
    ("It will publish results on March 12, the last set he will sign.", THU, "on March 12",
     "2021-03-12", None, D, False),
    ("Achebe, who has run the port since May, will return to his job.", THU, "since May",
     "2020-05", "2020-06", M, False),
    ("It said last week that from Jan. 1, bidders would have to swear they had not colluded.",
     THU, "from Jan. 1", "2021-01-01", None, D, False),
    ("The council ran a trial from March to June.", THU, "from March to June", "2020-03",
     "2020-06", M, False),
    ("The court appointed administrators for the chain late on Monday and will meet them soon.",
     THU, "late on Monday", "2020-06-08", None, D, False),
    ("It expected the sale to close in March.", THU, "in March", "2021-03", None, M, False),
    ("Farms must obey rules published on Monday.", THU, "on Monday", "2020-06-08", None, D,
     False),
    ("It plans to list in the first quarter of next year.", THU,
     "in the first quarter of next year", "2021-01", "2021-03", M, True),
    ("Sales rose in the second quarter.", THU, "in the second quarter", "2020-04", "2020-06", M,
     True),
    ("Voice calls will come in the first quarter.", THU, "in the first quarter", "2021-01",
     "2021-03", M, True),
    ("From March on, prices rise.", THU, "From March", "2021-03", None, M, False),
    ("The deal closed in July 2018.", THU, "in July 2018", "2018-07", None, M, False),
    ("Sales peaked March 2019, then fell.", MON, "March 2019", "2019-03", None, M, False),
    ("Prices fell between March and May.", THU, "between March and May", "2020-03", "2020-05", M,
     False),
    # days of the month
    ("It was signed on March 7.", THU, "on March 7", "2020-03-07", None, D, False),
    ("It opened on Dec. 28.", MON, "on Dec. 28", "2020-12-28", None, D, False),
    ("It happened on Feb. 29.", FEB29, "on Feb. 29", "2020-02-29", None, D, False),
    ("The company will decide by March 7.", THU, "by March 7", "2021-03-07", None, D, False),
    ("It was signed March 7, 2020.", MON, "March 7, 2020", "2020-03-07", None, D, False),
    ("It was signed on 7 March 2020.", THU, "on 7 March 2020", "2020-03-07", None, D, False),
    ("On Wednesday, June 10, 2020, it said no.", THU, "On Wednesday, June 10, 2020",
     "2020-06-10", None, D, False),
    ("The filing is dated 2020-03-07.", THU, "2020-03-07", "2020-03-07", None, D, False),
    ("The filing is dated 03/27/2020.", THU, "03/27/2020", "2020-03-27", None, D, False),
    ("The filing is dated 27/03/2020.", THU, "27/03/2020", "2020-03-27", None, D, False),
    ("The filing is dated 03/07/2020.", THU, "03/07/2020", "2020-03-07", None, D, False),
    # "ago" and the other day: approximate, except a count of days
    ("The cities banned it a year ago.", THU, "a year ago", "2019-06", None, M, True),
    ("The cities banned it a year ago.", FEB29, "a year ago", "2019-02", None, M, True),
    ("The cities banned it a year ago.", JAN1, "a year ago", "2019-01", None, M, True),
    ("It was founded five years ago.", FEB29, "five years ago", "2015", None, Y, True),
    ("It was first tried two years ago.", JAN1, "two years ago", "2018", None, Y, True),
    ("He left two weeks ago.", THU, "two weeks ago", "2020-05-28", None, D, True),
    ("He left two weeks ago.", FEB29, "two weeks ago", "2020-02-15", None, D, True),
    ("It arrived three days ago.", MON, "three days ago", "2021-01-08", None, D, False),
    ("It ended about a decade ago.", THU, "about a decade ago", "2010", None, Y, True),
    ("The bill failed the other day.", THU, "the other day", "2020-06", None, M, True),
    ("The bill failed the other day.", JAN1, "the other day", "2020-01", None, M, True),
    # years
    ("Last year, Microsoft denied access.", THU, "Last year", "2019", None, Y, False),
    ("It was last year.", JAN1, "last year", "2019", None, Y, False),
    ("Microsoft, as recently as this year, backed it.", MON, "as recently as this year", "2021",
     None, Y, False),
    ("It was said earlier this year.", THU, "earlier this year", "2020", None, Y, False),
    ("It was founded in 2018.", THU, "in 2018", "2018", None, Y, False),
    ("He has warned since 2018.", THU, "since 2018", "2018", "2020", Y, False),
    ("He has warned since at the least 2018.", THU, "since at the least 2018", "2018", "2020", Y,
     True),
    ("He warned in at least 2018.", MON, "in at least 2018", "2018", None, Y, True),
    ("It grew around 2015.", THU, "around 2015", "2015", None, Y, True),
    ("It ran from 2016 to 2018.", THU, "from 2016 to 2018", "2016", "2018", Y, False),
    # a day of the month alone, whatever follows it; a day booked "for the 26th" lies ahead
    ("Its council will meet on the 14th to decide.", THU, "on the 14th", "2020-06-14", None, D,
     False),
    ("The union has called a demonstration for the 26th.", THU, "for the 26th", "2020-06-26",
     None, D, False),
    ("It must reply by the 21st.", THU, "by the 21st", "2020-06-21", None, D, False),
    # days of one month: "from 7 to 10 April", "12-14 June", "April 7 to 10"; a festival
    # that runs from a day to another is still to come
    ("The court heard evidence from 7 to 10 April.", THU, "from 7 to 10 April", "2020-04-07",
     "2020-04-10", D, False),
    ("It will run on 12-14 June.", MON, "on 12-14 June", "2021-06-12", "2021-06-14", D, False),
    ("It ran from April 7 to 10.", THU, "from April 7 to 10", "2020-04-07", "2020-04-10", D,
     False),
    ("The festival runs from June 20 to June 28.", THU, "from June 20 to June 28", "2020-06-20",
     "2020-06-28", D, False),
    ("The 2018-20 plan failed.", THU, "2018-20", "2018", "2020", Y, False),
    # parts of years, seasons, quarters, decades
    ("Sales slowed in late 2019.", THU, "in late 2019", "2019-09", "2019-12", M, True),
    ("Sales rose in early 2020.", MON, "in early 2020", "2020-01", "2020-04", M, True),
    ("The rule takes effect in mid-2021.", THU, "in mid-2021", "2021-05", "2021-08", M, True),
    ("It will end by the end of the year.", THU, "by the end of the year", "2020-10", "2020-12", M,
     True),
    ("It began in the spring of 2019.", THU, "in the spring of 2019", "2019-03", "2019-05", M,
     True),
    ("Sales rose over the past year.", THU, "the past year", "2019-06", "2020-06", M, True),
    ("It shut this past summer.", MON, "this past summer", "2020-06", "2020-08", M, True),
    ("It shut last summer.", THU, "last summer", "2019-06", "2019-08", M, True),
    ("It closed last winter.", MON, "last winter", "2019-12", "2020-02", M, True),
    ("Results for the third quarter of 2019 were weak.", THU, "the third quarter of 2019",
     "2019-07", "2019-09", M, False),
    ("It was popular in the 1990s.", THU, "in the 1990s", "1990", "1999", Y, True),
    ("It was popular in the late 1990s.", THU, "in the late 1990s", "1996", "1999", Y, True),
    # the most confident phrase dates the sentence; numbers that are no years are skipped
    ("On March 7, 2020, it said that it had warned in 2018.", THU, "On March 7, 2020",
     "2020-03-07", None, D, False),
    ("The bill, AB 2261, which 2000 people backed, failed in May.", THU, "in May", "2020-05",
     None, M, False),
)  # fmt: skip
