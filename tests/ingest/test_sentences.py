"""Sentences of news English as spans: abbreviations, decimals, quotes, paragraphs and
headlines, and the sentence around a selection."""

from __future__ import annotations

import time
import tomllib

import pytest

from timeline_app.ingest.sentences import sentence_around, sentence_spans
from timeline_app.model.dataset import DATA_DIR

ARTICLE = (DATA_DIR / "article.txt").read_text(encoding="utf-8")
SPEC = tomllib.loads((DATA_DIR / "dataset.toml").read_text(encoding="utf-8"))


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith went to Washington. He met the U.S. president.",
         ["Mr. Smith went to Washington.", "He met the U.S. president."]),
        ("Apple Inc. said on Jan. 5 that sales rose 3.5 percent. Shares climbed.",
         ["Apple Inc. said on Jan. 5 that sales rose 3.5 percent.", "Shares climbed."]),
        ("The company, based in the U.S., said it will act. Analysts agreed.",
         ["The company, based in the U.S., said it will act.", "Analysts agreed."]),
        ("Sales rose in the U.S. The rest of the world lagged.",
         ["Sales rose in the U.S.", "The rest of the world lagged."]),
        ("The U.S. Army said no.", ["The U.S. Army said no."]),
        ("“We are done,” he said. “It is over.”", ["“We are done,” he said.", "“It is over.”"]),
        ("He said: “It is over.” Then he left.", ["He said: “It is over.”", "Then he left."]),
        ("Headline Without Stop\n\nBody sentence one. Body two.",
         ["Headline Without Stop", "Body sentence one.", "Body two."]),
        ("Item No. 5 was sold for $3.50. It was cheap.",
         ["Item No. 5 was sold for $3.50.", "It was cheap."]),
        ("He said no. The talks ended.", ["He said no.", "The talks ended."]),
        ("Microsoft Corp. and Amazon.com Inc. agreed. The deal closed.",
         ["Microsoft Corp. and Amazon.com Inc. agreed.", "The deal closed."]),
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
        ("“Why?” he asked.", ["“Why?” he asked."]),
        ("The St. Louis office opened at 9 a.m. on Monday.",
         ["The St. Louis office opened at 9 a.m. on Monday."]),
        ("Gen. Milley and Sen. Warren spoke. Dr. Fauci did not.",
         ["Gen. Milley and Sen. Warren spoke.", "Dr. Fauci did not."]),
        ("John F. Kennedy spoke.", ["John F. Kennedy spoke."]),
        ("Prices fell 2.5% (see p. 4). Then they rose.",
         ["Prices fell 2.5% (see p. 4).", "Then they rose."]),
        ("The bill passed... Critics objected.", ["The bill passed...", "Critics objected."]),
        ("(He later left the firm.) It folded.", ["(He later left the firm.)", "It folded."]),
        ("He works at IBM. The firm is big.", ["He works at IBM.", "The firm is big."]),
        ("Sales fell in Jan. and Feb. before recovering.",
         ["Sales fell in Jan. and Feb. before recovering."]),
        ("Police depts. in the U.S. today said no.", ["Police depts. in the U.S. today said no."]),
        ("Microsoft Bans Police Sales\nRedmond, Wash. — Microsoft said it would stop.",
         ["Microsoft Bans Police Sales", "Redmond, Wash. — Microsoft said it would stop."]),
        ("The company said that\nit would stop, and\nAmazon agreed.",
         ["The company said that\nit would stop, and\nAmazon agreed."]),  # a wrapped sentence
        ("One.\r\n\r\nTwo", ["One.", "Two"]),
        ("  \n\n  ", []),
        ("", []),
    ],
)  # fmt: skip
def test_sentence_spans(text, expected):
    assert sentences(text) == expected
    for start, end in sentence_spans(text):
        assert text[start:end] == text[start:end].strip()


def test_the_built_in_article():
    found = sentences(ARTICLE)
    assert len(found) == 25
    assert found[4].endswith("“grounded in human rights.”")
    assert found[5].startswith("#postlive") and found[5].endswith("June 11, 2020")
    assert found[18].startswith("(Microsoft later declared") and found[18].endswith(".)")
    # every character that is not a space belongs to some sentence
    covered = set()
    for start, end in sentence_spans(ARTICLE):
        covered.update(range(start, end))
    assert all(i in covered for i, ch in enumerate(ARTICLE) if not ch.isspace())


def test_every_quote_of_the_dataset_lies_in_its_sentences():
    spans = sentence_spans(ARTICLE)
    for event in SPEC["events"]:
        for excerpt in event["excerpts"]:
            at = ARTICLE.index(excerpt["quote"])
            start, end = sentence_around(ARTICLE, at, at + len(excerpt["quote"]))
            assert start <= at and at + len(excerpt["quote"]) <= end
            assert start in {s for s, _ in spans} and end in {e for _, e in spans}


TEXT = "First one here. Second one, with Mr. Smith.\n\nThird one."


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (0, 5, "First one here."),
        (20, 22, "Second one, with Mr. Smith."),
        (5, 5, "First one here."),  # a caret
        (10, 25, "First one here. Second one, with Mr. Smith."),  # across two
        (15, 16, "Second one, with Mr. Smith."),  # only the space between
        (43, 45, "Third one."),  # the blank line
        (50, 1000, "Third one."),  # past the end
        (-5, 3, "First one here."),
        (25, 10, "First one here. Second one, with Mr. Smith."),  # reversed
    ],
)
def test_sentence_around(start, end, expected):
    found = sentence_around(TEXT, start, end)
    assert TEXT[found[0] : found[1]] == expected


def test_sentence_around_an_empty_text():
    assert sentence_around("", 0, 0) == (0, 0)
    assert sentence_around("   ", 1, 2) == (0, 0)


def test_a_long_article_is_split_quickly():
    text = "\n\n".join([ARTICLE] * 20)
    began = time.perf_counter()
    spans = sentence_spans(text)
    assert time.perf_counter() - began < 0.5
    assert len(spans) == 25 * 20
