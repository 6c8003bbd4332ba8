"""An excerpt inside its paragraph of the source: which stretch of the source text to show
around quoted words, cut into plain and quoted runs, and the file's text as readers see it
(line breaks of one kind, control and direction characters made visible). The window's
detail pane and the web page export show quotes alike from these."""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline_app.model.text_rules import visible

CONTEXT_CAP = 2000  # characters of surrounding text shown around an excerpt, at most
QUOTE_CAP = 10_000  # characters of one excerpt shown; longer ones are cut with a note
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_NEWLINES = re.compile(r"\r\n?")


def plain(text: str) -> str:
    """Prose from the file as it is shown: one kind of line break, and control and
    direction characters made visible."""
    return visible(_NEWLINES.sub("\n", text), prose=True)


def name(text: str) -> str:
    """A name or title from the file as it is shown: invisible characters made visible too."""
    return visible(_NEWLINES.sub("\n", text))


@dataclass(frozen=True, slots=True)
class Context:
    """An excerpt with the text around it: its paragraph(s), capped for huge texts."""

    before: str
    quote: str
    after: str
    cut_before: bool  # text before `before` was left out
    cut_after: bool
    quote_hidden: int  # characters of the quote left out (only for enormous quotes)


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of source text, text[start:end], with the quoted ranges inside it."""

    start: int
    end: int
    quotes: tuple[tuple[int, int], ...]
    cut_before: bool
    cut_after: bool


def context_range(
    text: str, start: int, end: int, cap: int = CONTEXT_CAP
) -> tuple[int, int, bool, bool]:
    """Offsets of the paragraph(s) around text[start:end]; paragraphs are split on blank
    lines. At most about `cap` characters of context are kept (half before, half after),
    cut at a word boundary, so a source without blank lines stays readable."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    half = max(cap // 2, 1)

    low = max(0, start - half)
    blanks = list(_BLANK_LINE.finditer(text, low, start))
    if blanks:
        para_start, cut_before = blanks[-1].end(), False
    elif low == 0:
        para_start, cut_before = 0, False
    else:
        space = text.find(" ", low, min(start, low + 40))
        para_start, cut_before = (space + 1 if space != -1 else low), True

    high = min(len(text), end + half)
    blank = _BLANK_LINE.search(text, end, high)
    if blank:
        para_end, cut_after = blank.start(), False
    elif high == len(text):
        para_end, cut_after = len(text), False
    else:
        space = text.rfind(" ", max(end, high - 40), high)
        para_end, cut_after = (space if space != -1 else high), True
    return para_start, para_end, cut_before, cut_after


def excerpt_context(
    text: str, start: int, end: int, cap: int = CONTEXT_CAP, quote_cap: int = QUOTE_CAP
) -> Context:
    """One excerpt in its paragraph(s), split into the text before, the quote and after."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    low, high, cut_before, cut_after = context_range(text, start, end, cap)
    quote = text[start:end]
    hidden = max(0, len(quote) - quote_cap)
    return Context(
        before=text[low:start],
        quote=quote[:quote_cap] if hidden else quote,
        after=text[end:high],
        cut_before=cut_before,
        cut_after=cut_after,
        quote_hidden=hidden,
    )


def passages(text: str, ranges: list[tuple[int, int]], cap: int = CONTEXT_CAP) -> list[Passage]:
    """The paragraphs around several quotes of one source; quotes whose paragraphs overlap
    share one passage, so a paragraph is shown once with every quoted part highlighted."""
    found: list[Passage] = []
    for start, end in sorted(ranges):
        start = max(0, min(start, len(text)))
        end = max(start, min(end, len(text)))
        low, high, cut_before, cut_after = context_range(text, start, end, cap)
        if found and low <= found[-1].end:
            last = found[-1]
            found[-1] = Passage(
                last.start,
                max(last.end, high),
                (*last.quotes, (start, end)),
                last.cut_before,
                cut_after if high >= last.end else last.cut_after,
            )
        else:
            found.append(Passage(low, high, ((start, end),), cut_before, cut_after))
    return found


def pieces(passage: Passage) -> list[tuple[int, int, bool]]:
    """The passage cut into (start, end, quoted) runs; overlapping quotes are merged."""
    merged: list[list[int]] = []
    for start, end in sorted(passage.quotes):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    runs, at = [], passage.start
    for start, end in merged:
        if start > at:
            runs.append((at, start, False))
        runs.append((start, end, True))
        at = end
    if passage.end > at:
        runs.append((at, passage.end, False))
    return runs
