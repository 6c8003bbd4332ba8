"""Where the words of a search appear in a text, so that the window can mark them.

The search matches word beginnings (the index is queried with each typed word as a
prefix: "recog" finds "recognition"), so the marks are the same: each word of the text that
starts with a typed word, ignoring letter case.
"""

from __future__ import annotations

import re


def search_terms(query: str) -> list[str]:
    """The words of what was typed, as the search index sees them."""
    return re.findall(r"\w+", query, flags=re.UNICODE)


def search_spans(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) of every word of `text` that a search word begins, merged and in
    order; empty when nothing was typed."""
    terms = sorted({t.casefold() for t in search_terms(query)}, key=len, reverse=True)
    if not terms or not text:
        return []
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE | re.UNICODE
    )
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans
