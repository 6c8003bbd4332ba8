"""Dating words resolved against a publication date: the examples table in
timeline_app/ingest/dating.py, the phrases a dataset may state, and the built-in article."""

from __future__ import annotations

import time
import tomllib
from datetime import date

import pytest

from timeline_app.errors import ValidationError
from timeline_app.ingest.dating import (
    EXAMPLES,
    FEB29,
    JAN1,
    MON,
    THU,
    find_dates,
    guess_date,
    resolve_phrase,
)
from timeline_app.ingest.periods import add_years
from timeline_app.ingest.sentences import sentence_around
from timeline_app.model.dataset import DATA_DIR
from timeline_app.model.dates import validate_span
from timeline_app.model.types import DatePrecision

DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR


def test_the_publication_dates_are_the_awkward_ones():
    assert THU.weekday() == 3 and MON.weekday() == 0
    assert (JAN1.month, JAN1.day) == (1, 1) and (FEB29.month, FEB29.day) == (2, 29)
    used = {published for _text, published, *_ in EXAMPLES}
    assert used == {THU, MON, JAN1, FEB29}


@pytest.mark.parametrize(
    ("text", "published", "phrase", "start", "end", "precision", "approximate"),
    EXAMPLES,
    ids=[f"{published}:{text}" for text, published, *_ in EXAMPLES],
)
def test_the_examples(text, published, phrase, start, end, precision, approximate):
    guess = guess_date(text, published)
    assert guess is not None
    assert text[guess.phrase_start : guess.phrase_end] == guess.phrase == phrase
    assert (guess.start, guess.end, guess.precision, guess.approximate) == (
        start,
        end,
        precision,
        approximate,
    )
    assert 0 < guess.confidence <= 1
    validate_span(guess.start, guess.end, guess.precision)  # always storable
    assert guess in find_dates(text, published)


def test_explicit_dates_are_surer_than_vague_words():
    def confidence(text: str) -> float:
        guess = guess_date(text, THU)
        assert guess is not None
        return guess.confidence

    assert confidence("It was signed March 7, 2020.") > confidence("It was signed in March.")
    assert confidence("It was signed in March.") > confidence("It failed the other day.")
    assert confidence("Dated 03/27/2020.") > confidence("Dated 03/07/2020.")  # day or month?


def test_find_dates_gives_every_phrase_in_order_with_offsets():
    text = (
        "Last year, the firm said on Monday it had begun in 2018. "
        "It will stop next month, about two weeks ago said no one."
    )
    found = find_dates(text, THU)
    assert [g.phrase for g in found] == [
        "Last year",
        "on Monday",
        "in 2018",
        "next month",
        "about two weeks ago",
    ]
    for guess in found:
        assert text[guess.phrase_start : guess.phrase_end] == guess.phrase
    assert found[-1].approximate and found[-1].start == "2020-05-28"


def test_a_focus_picks_the_phrase_in_the_selection():
    sentence = "Microsoft, as recently as this year, backed a bill after bans a year ago."
    assert guess_date(sentence, THU).phrase == "as recently as this year"
    at = sentence.index("bans")
    focused = guess_date(sentence, THU, focus=(at, len(sentence)))
    assert (focused.phrase, focused.start, focused.approximate) == ("a year ago", "2019-06", True)


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft may still provide it.",  # "may" is a verb
        "The bill, AB 2261, failed.",  # a number, not a year
        "It holds 2000 faces.",
        "The march on Washington was large.",
        "Sales fall as costs rise.",
        "The fall of the company was swift.",
        "It blamed tariffs and falling sales.",  # "fall" inside a word is no season
        "Version 3.2020 shipped.",
        "",
    ],
)
def test_words_that_are_no_dates(text):
    assert find_dates(text, THU) == []
    assert guess_date(text, THU) is None


def test_a_leap_day_publication_does_not_break_year_arithmetic():
    for phrase in ("a year ago", "one year ago"):
        guess = resolve_phrase(phrase, FEB29)
        assert guess.precision is MONTH and guess.start == "2019-02"
    for phrase, year in (("four years ago", "2016"), ("a few years ago", "2017")):
        guess = resolve_phrase(phrase, FEB29)  # years back, only the year is said
        assert guess.precision is YEAR and guess.start == year and guess.approximate
    assert add_years(FEB29, -1) == date(2019, 2, 28)
    assert add_years(FEB29, 4) == date(2024, 2, 29)
    assert resolve_phrase("on Feb. 29", date(2021, 3, 1)).start == "2020-02-29"


# ------------------------------------------------------------------ phrases as a dataset states


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision", "approximate"),
    [
        ("on thursday", "2020-06-11", None, DAY, False),  # the publication day itself
        ("On Wednesday", "2020-06-10", None, DAY, False),
        ("on monday", "2020-06-08", None, DAY, False),
        ("on friday", "2020-06-05", None, DAY, False),  # the Friday before
        ("on sunday", "2020-06-07", None, DAY, False),
        ("june 11, 2020", "2020-06-11", None, DAY, False),
        ("June 11 , 2020", "2020-06-11", None, DAY, False),
        ("March 3, 2019", "2019-03-03", None, DAY, False),
        ("this week", "2020-06-08", "2020-06-11", DAY, True),
        ("in march", "2020-03", None, MONTH, False),
        ("In June", "2020-06", None, MONTH, False),  # the current month
        ("in july", "2019-07", None, MONTH, False),  # not yet this year: last year's
        ("in december", "2019-12", None, MONTH, False),
        ("last year", "2019", None, YEAR, False),
        ("this year", "2020", None, YEAR, False),
        ("a year ago", "2019-06", None, MONTH, True),
        ("the other day", "2020-06", None, MONTH, True),
        ("2018", "2018", None, YEAR, False),
        ("at least 2018", "2018", None, YEAR, True),
        ("  At   least   2018 ", "2018", None, YEAR, True),
        ("yesterday", "2020-06-10", None, DAY, False),
        ("last month", "2020-05", None, MONTH, False),
        ("next thursday", "2020-06-18", None, DAY, False),
        ("next week", "2020-06-15", "2020-06-21", DAY, True),
        ("in 2019", "2019", None, YEAR, False),
        ("march 2020", "2020-03", None, MONTH, False),
        ("june 11 2020", "2020-06-11", None, DAY, False),
        ("around 2018", "2018", None, YEAR, True),
        ("in spring", "2020-03", "2020-05", MONTH, True),
    ],
)
def test_resolve_phrase_against_a_thursday(phrase, start, end, precision, approximate):
    resolved = resolve_phrase(phrase, THU)
    assert (resolved.start, resolved.end, resolved.precision, resolved.approximate) == (
        start,
        end,
        precision,
        approximate,
    )
    assert phrase[resolved.phrase_start : resolved.phrase_end] == resolved.phrase == phrase.strip()
    validate_span(resolved.start, resolved.end, resolved.precision)


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision", "approximate"),
    [
        ("on monday", "2021-01-11", None, DAY, False),
        ("on friday", "2021-01-08", None, DAY, False),  # back to last week
        ("on tuesday", "2021-01-05", None, DAY, False),
        ("on sunday", "2021-01-10", None, DAY, False),
        ("this week", "2021-01-11", "2021-01-11", DAY, True),
        ("in january", "2021-01", None, MONTH, False),
        ("in march", "2020-03", None, MONTH, False),  # the previous year
        ("in december", "2020-12", None, MONTH, False),
        ("last year", "2020", None, YEAR, False),
        ("this year", "2021", None, YEAR, False),
        ("a year ago", "2020-01", None, MONTH, True),
        ("the other day", "2021-01", None, MONTH, True),
        ("december 31, 2020", "2020-12-31", None, DAY, False),
        ("last month", "2020-12", None, MONTH, False),
        ("last week", "2021-01-04", "2021-01-10", DAY, True),
    ],
)
def test_resolve_phrase_against_a_monday_in_january(phrase, start, end, precision, approximate):
    resolved = resolve_phrase(phrase, MON)
    assert (resolved.start, resolved.end, resolved.precision, resolved.approximate) == (
        start,
        end,
        precision,
        approximate,
    )
    validate_span(resolved.start, resolved.end, resolved.precision)


@pytest.mark.parametrize(
    "phrase",
    [
        "",
        "   ",
        "recently",
        "on funday",
        "february 30, 2020",
        "june 11, 20",
        "٢٠١٨",  # not ASCII digits
        "2018-06",
        "last year and this year",  # two phrases, not one
        "on wednesday, said Amazon",
        "the week",
    ],
)
def test_unsupported_phrases_are_refused(phrase):
    with pytest.raises(ValidationError, match="cannot resolve"):
        resolve_phrase(phrase, THU)


# ------------------------------------------------------------------------ the built-in article

SPEC = tomllib.loads((DATA_DIR / "dataset.toml").read_text(encoding="utf-8"))
ARTICLE = (DATA_DIR / "article.txt").read_text(encoding="utf-8")
PUBLISHED = date.fromisoformat(SPEC["source"]["published"])


def first_quote_in_its_sentence(event: dict) -> tuple[str, tuple[int, int]]:
    quote = event["excerpts"][0]["quote"]
    at = ARTICLE.index(quote)
    start, end = sentence_around(ARTICLE, at, at + len(quote))
    return ARTICLE[start:end], (at - start, at - start + len(quote))


def stated(event: dict) -> tuple[str, DatePrecision, bool]:
    return (event["start"], DatePrecision(event["precision"]), event.get("approximate", False))


@pytest.mark.parametrize("event", SPEC["events"], ids=[e["title"] for e in SPEC["events"]])
def test_the_built_in_article_is_dated_from_the_quoted_sentence(event):
    """Where the sentence around an event's first quote has dating words, the guess for the
    quote is the dataset's date; where it has none (the date comes from another sentence),
    nothing is guessed."""
    sentence, quote = first_quote_in_its_sentence(event)
    guess = guess_date(sentence, PUBLISHED, focus=quote)
    if guess is None:
        assert find_dates(sentence, PUBLISHED) == []
    else:
        assert (guess.start, guess.precision, guess.approximate) == stated(event)


def test_without_a_focus_only_sentences_with_two_dates_can_go_wrong():
    dated = missed = 0
    for event in SPEC["events"]:
        sentence, _quote = first_quote_in_its_sentence(event)
        if (guess := guess_date(sentence, PUBLISHED)) is None:
            continue
        dated += 1
        if (guess.start, guess.precision, guess.approximate) != stated(event):
            missed += 1
            assert len(find_dates(sentence, PUBLISHED)) > 1, event["title"]
    assert dated == 14 and missed == 3  # the three "a year ago" bans share Microsoft's sentence


def test_a_long_article_is_read_quickly():
    text = (ARTICLE + "\n\n" + " ".join(e[0] for e in EXAMPLES) + "\n\n") * 2
    assert len(text.split()) > 1000
    began = time.perf_counter()
    found = find_dates(text, PUBLISHED)
    assert time.perf_counter() - began < 0.5
    assert len(found) > 100
    for guess in found:
        assert text[guess.phrase_start : guess.phrase_end] == guess.phrase


def test_a_clause_with_its_own_subject_has_its_own_tense():
    """ "will rise" is the plan's tense, not the approval's after ", after the council"."""
    text = "Bus fares will rise in July, after the council approved the budget in May."
    assert [(d.phrase, d.start) for d in find_dates(text, THU)] == [
        ("in July", "2020-07"),
        ("in May", "2020-05"),
    ]
    went_on = (
        "Acme warned in May that tariffs and weak sales of diesel vans would hurt its "
        "earnings, and it cut its full-year forecast for a second time on June 2."
    )
    assert [d.start for d in find_dates(went_on, THU)] == ["2020-05", "2020-06-02"]
