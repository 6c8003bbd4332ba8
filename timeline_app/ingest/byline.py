"""The lines a plain-text article carries above its story: a byline ("By Mira Castell,
Tidewater Gazette, March 14, 2024") or a dateline ("Published: 14 March 2024"). Their date
is when the article appeared, a guess for its "Published" field, and never an event."""

from __future__ import annotations

import re
from datetime import date

from timeline_app.ingest.dating import find_dates
from timeline_app.model.types import DatePrecision

# A line of its own that names the author or says when the article appeared.
_NOT_A_NAME = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|The|This|Then)\b"
)
_BYLINE = re.compile(
    rf"^[\s*_#>]*(?:By\s+(?!{_NOT_A_NAME})[A-Z][a-z.'’-]+(?:\s+[A-Z][\w.'’-]*){{1,3}}"
    r"\s*(?:[,|•·—–-]|$)|(?:Published|Updated|Posted|Last\s+updated)(?:\s+on)?\b\s*:?)",
)
_LINES_LOOKED_AT = 6  # a byline comes just under the title
BYLINE_MAX = 200  # characters: a longer line is no byline
_YEAR = re.compile(r"\b(?:1[89]|2[0-9])[0-9]{2}\b")


def is_byline(line: str) -> bool:
    """A byline or dateline: short, on a line of its own, opening as one does."""
    line = line.strip()
    return (
        "\n" not in line
        and len(line) <= BYLINE_MAX
        and not line.endswith(".")  # "By Tuesday the council had voted." is a sentence
        and bool(_BYLINE.match(line))
    )


def byline_date(text: str) -> str:
    """The day a byline near the top gives in full ("March 14, 2024"), as YYYY-MM-DD, or
    "" (a weekday or a month alone says too little to be sure of)."""
    lines = [line for line in text.splitlines() if line.strip()][:_LINES_LOOKED_AT]
    for line in lines:
        if not is_byline(line):
            continue
        for guess in find_dates(line, date.today()):
            if guess.precision is DatePrecision.DAY and _YEAR.search(guess.phrase):
                return guess.start
    return ""
