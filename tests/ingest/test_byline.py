"""A plain-text article's byline: its date fills "Published", and it is never an event."""

from __future__ import annotations

from datetime import date

import pytest

from timeline_app.ingest.article import article_from_text
from timeline_app.ingest.byline import byline_date, is_byline
from timeline_app.ingest.proposals import propose

ARTICLE = """Harbor City backs port expansion

By Mira Castell, Tidewater Gazette, March 14, 2024

The Harbor City Council voted on Tuesday to approve the expansion. Solvane Logistics said on
Wednesday that it would hire 300 workers.
"""


@pytest.mark.parametrize(
    ("line", "byline", "day"),
    [
        ("By Mira Castell, Tidewater Gazette, March 14, 2024", True, "2024-03-14"),
        ("By Jane Doe | Reuters | 3 May 2021", True, "2021-05-03"),
        ("Published: 14 March 2024", True, "2024-03-14"),
        ("Updated 2024-03-14 10:00", True, "2024-03-14"),
        ("By Jane Doe", True, ""),  # no date to take
        ("Published on Tuesday", True, ""),  # a weekday says too little
        # sentences that open with "By", not bylines
        ("By Tuesday, the council had voted.", False, ""),
        ("By March 14, 2024 the plant will close", False, ""),
        ("By the end of March, Acme will close.", False, ""),
    ],
)
def test_bylines_and_their_dates(line, byline, day):
    assert is_byline(line) is byline
    assert byline_date(line) == day


def test_a_plain_text_article_s_byline_gives_its_publication_date_and_no_event():
    article = article_from_text(ARTICLE)
    assert article.title == "Harbor City backs port expansion"
    assert article.published == "2024-03-14"
    found = propose(article.text, date(2024, 3, 14))
    assert [(c.actor, c.start) for c in found] == [
        ("Harbor City Council", "2024-03-12"),
        ("Solvane Logistics", "2024-03-13"),
    ]


def test_a_byline_further_down_than_the_top_lines_is_not_read_as_the_date():
    text = "\n".join(f"Line {n} of the story." for n in range(10))
    assert byline_date(text + "\nBy Jane Doe, March 3, 2020") == ""
