"""Names whose shape says they are one firm's, not a list: with commas in them ("Marlowe,
Pike and Sons"), or two names joined by "and" with a trade the text also leaves off
("Aldwick and Rowe Confectionery", later "Aldwick and Rowe")."""

from __future__ import annotations

import re

from timeline_app.ingest.name_context import APPOSITION, DESCRIBED_BEFORE
from timeline_app.ingest.organisation_records import UPPER, name_words

# "Marlowe, Pike and Sons", "Fenwick, Hale and Rowe": one name with commas in it, when its
# last word says so or the text describes it or writes it whole twice (a list of places is
# none of these).
_COMMA_NAME = re.compile(
    rf"\b[{UPPER}][a-z]+(?:,\s+[{UPPER}][a-z]+)+,?\s+(?:and|&)\s+(?:Co\.|[{UPPER}][a-z]+\b)"
)
_FIRM_ENDINGS = {"sons", "brothers", "partners", "associates", "co", "company"}


def comma_names(text: str) -> list[tuple[int, int]]:
    """Where such names stand in `text`, as (start, end): organisations.py reads each whole."""
    return [
        (m.start(), m.end())
        for m in _COMMA_NAME.finditer(text)
        if name_words(m[0])[-1] in _FIRM_ENDINGS
        or text.count(m[0]) > 1
        or APPOSITION.match(text[m.end() : m.end() + 200])
        or DESCRIBED_BEFORE.search(text, max(0, m.start() - 100), m.start())
    ]


def called_without_trade(text: str, name: str) -> str | None:
    """ "Aldwick and Rowe" for "Aldwick and Rowe Confectionery": a name of two names joined
    by "and" and a last word, which the text also writes without that word (a firm's
    trade, whatever the trade)."""
    words = name.split()
    if len(words) < 4 or "and" not in words[1:-2] and "&" not in words[1:-2]:
        return None
    shorter = " ".join(words[:-1])
    alone = re.compile(rf"(?<![\w-]){re.escape(shorter)}(?!\s+{re.escape(words[-1])})(?![\w-])")
    return shorter if alone.search(text) else None
