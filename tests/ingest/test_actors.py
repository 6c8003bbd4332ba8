"""The lane a sentence names: the examples table in timeline_app/ingest/actors.py, and the
built-in article's events."""

from __future__ import annotations

import time
import tomllib

import pytest

from timeline_app.ingest.actors import EXAMPLES, LANES, guess_company
from timeline_app.ingest.sentences import sentence_around, sentence_spans
from timeline_app.model.dataset import DATA_DIR


@pytest.mark.parametrize(
    ("sentence", "lanes", "earlier", "name", "words"),
    EXAMPLES,
    ids=[f"{s}|{e}" for s, _lanes, e, *_ in EXAMPLES],
)
def test_the_examples(sentence, lanes, earlier, name, words):
    guess = guess_company(sentence, lanes, earlier)
    if name is None:
        assert guess is None
        return
    assert guess is not None
    assert (guess[0], sentence[guess[1] : guess[2]]) == (name, words)


def test_a_focus_picks_the_lane_named_in_the_selection():
    sentence = "Microsoft backed it, following laws in San Francisco and Oakland."
    assert guess_company(sentence, LANES)[0] == "Microsoft"
    at = sentence.index("Oakland")
    assert guess_company(sentence, LANES, focus=(at, at + 7)) == ("Oakland", at, at + 7)


def test_no_lanes_no_guess():
    assert guess_company("Microsoft said no.", []) is None
    assert guess_company("", LANES) is None


def test_names_with_punctuation_are_taken_literally():
    lanes = ["AT&T", "Yahoo!", "C++ Foundation"]
    sentence = "Yahoo! and AT&T joined the C++  Foundation."
    assert guess_company(sentence, lanes) == ("Yahoo!", 0, 6)
    assert guess_company("ATT and AT&T", ["AT&T"]) == ("AT&T", 8, 12)
    assert guess_company("The C++ Foundation met.", lanes)[0] == "C++ Foundation"


SPEC = tomllib.loads((DATA_DIR / "dataset.toml").read_text(encoding="utf-8"))
ARTICLE = (DATA_DIR / "article.txt").read_text(encoding="utf-8")
NAMES = [company["name"] for company in SPEC["companies"]]


def guesses(use_focus: bool) -> list[tuple[str, str | None]]:
    """(the event's lane, the lane guessed) for each event's first quote."""
    found = []
    for event in SPEC["events"]:
        quote = event["excerpts"][0]["quote"]
        at = ARTICLE.index(quote)
        start, end = sentence_around(ARTICLE, at, at + len(quote))
        focus = (at - start, at - start + len(quote)) if use_focus else None
        guess = guess_company(ARTICLE[start:end], NAMES, ARTICLE[:start], focus=focus)
        found.append((event["company"], guess and guess[0]))
    return found


def test_the_built_in_article():
    """Of 19 events, the first quote's sentence names the event's lane as its subject for 11,
    and for 12 when the quote is the focus. The others: two sentences name no lane ("Smith
    himself", "the company"), one names only the ACLU for the Legislature's bill, three
    events share one quote naming three cities, and two sentences are about Microsoft."""
    plain, focused = guesses(use_focus=False), guesses(use_focus=True)
    assert sum(lane == guess for lane, guess in plain) == 11
    assert sum(lane == guess for lane, guess in focused) == 12
    assert sum(guess is None for _lane, guess in plain) == 2


def test_many_lanes_and_a_whole_article_are_quick():
    lanes = NAMES + [f"Lane{i} Industries International" for i in range(500)]
    spans = sentence_spans(ARTICLE)
    began = time.perf_counter()
    for start, end in spans:
        guess_company(ARTICLE[start:end], lanes, ARTICLE[:start])
    assert time.perf_counter() - began < 1.0
