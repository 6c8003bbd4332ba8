"""Sentences of news English as character spans, so a selection can grow to its sentence.

Rules rather than a library: on the examples in tests/ingest/test_sentences.py these rules
split every case right, where the segmenters measured (pysbd, sentencex, nupunkt) each miss
two or three ("police depts. in the U.S.", a headline line, a bracketed sentence), and the one
that matched them (syntok) is no longer released and brings the `regex` package. One pass of
regular expressions over an article takes about a millisecond.

The rules: a blank line always ends a sentence; a single line break ends one after a short
line without a full stop that the next line does not continue (a headline); otherwise a
sentence ends at `.`, `!`, `?` or `…`, with any closing quotes or brackets (`.”`, `.)`), when
whitespace and a capital, digit or opening quote follow, unless the full stop belongs to an
abbreviation ("Mr.", "Inc.", "U.S.", "No. 5", "Jan."), or the next word is lower-case.
Decimals ("3.5") and web addresses have no space after the stop, so never split.
"""

from __future__ import annotations

import re
from bisect import bisect_right


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles stand before a name: a full stop after them never ends a sentence.
_TITLES = _words(
    "mr mrs ms messrs dr prof gen sen rep gov lt col sgt capt cmdr adm maj st mt rev hon pres "
    "supt atty det insp amb fr vs v"
)
# Abbreviations that may end a sentence: split after them only before a typical sentence
# opener ("... in the U.S. The rest" splits; "the U.S. Army" does not).
_ABBREVIATIONS = _words(
    "inc corp co ltd plc llc bros dept depts est approx etc al cf ca govt univ assn intl "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont "
    "neb nev okla ore pa tenn vt va wash wis wyo a.m p.m e.g i.e no nos p pp fig figs para art "
    "jr sr"
)
_OPENERS = _words(
    "the a an it its he she they we i you his her their our this that these those there "
    "but and so yet or in on at as after before when while meanwhile however still also "
    "then since if for"
)
# End punctuation, then closing quotes/brackets, then the whitespace that must follow.
_END = re.compile(r"([.!?…]+)([\"'”’)\]]*)(\s+)")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_WORD_BEFORE = re.compile(r"([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)$")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.){2,}$")
_HEADLINE_WORDS = 14  # a line of at most this many words may be a headline
_CONTINUES = re.compile(r"(?:[,;:\-–—(]|\b(?:and|or|of|to|the|a|an|in|on|for|with|by))$", re.I)


def _ends_sentence(text: str, stop: re.Match[str]) -> bool:
    """Whether the end punctuation matched at `stop` closes a sentence."""
    after = stop.end()
    if after >= len(text):
        return True
    following = text[after]
    if following.islower():
        return False
    if stop.group(1) != ".":  # "!", "?", "...": a capital after them starts a sentence
        return True
    before = text[: stop.start()]
    word = _WORD_BEFORE.search(before[-30:])
    if word is None:
        return True
    token = word.group(1)
    lower = token.lower()
    next_word = re.match(r"[\"'“‘(]*([A-Za-z]+)", text[after : after + 30])
    opener = next_word is not None and next_word.group(1).lower() in _OPENERS
    if stop.group(2):  # `.”` or `.)`: the quote or bracket closed the sentence
        return True
    if lower in _TITLES:
        return False
    if len(token) == 1 and token.isupper():  # a middle initial: "John F. Kennedy"
        return opener
    if lower in _ABBREVIATIONS or _INITIALISM.search(before[-12:] + "."):
        return opener
    return True


def _line_breaks(text: str, begin: int, end: int) -> list[int]:
    """Offsets in [begin, end) where a single line break ends a headline-like line."""
    cuts = []
    line_start = begin
    while (newline := text.find("\n", line_start, end)) != -1:
        line = text[line_start:newline].strip()
        rest = text[newline + 1 : end].lstrip()
        if (
            line
            and rest
            and line[-1] not in ".!?…\"'”’)"
            and not _CONTINUES.search(line)
            and len(line.split()) <= _HEADLINE_WORDS
            and (rest[0].isupper() or rest[0].isdigit() or rest[0] in '"“‘(')
        ):
            cuts.append(newline)
        line_start = newline + 1
    return cuts


def _trimmed(text: str, begin: int, end: int) -> tuple[int, int] | None:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    return (begin, end) if begin < end else None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence in `text`, in order, without surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    paragraph_start = 0
    blocks = [m.start() for m in _BLANK_LINE.finditer(text)] + [len(text)]
    for block_end in blocks:
        cuts = _line_breaks(text, paragraph_start, block_end)
        cuts += [
            stop.end(2)
            for stop in _END.finditer(text, paragraph_start, block_end)
            if _ends_sentence(text, stop)
        ]
        begin = paragraph_start
        for cut in sorted(set(cuts)) + [block_end]:
            if (span := _trimmed(text, begin, cut)) is not None:
                spans.append(span)
            begin = cut
        paragraph_start = block_end
    return spans


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence, or run of sentences, that a selection [start, end) touches.

    A selection that only covers whitespace between sentences grows to the sentence that
    follows it (or the last one); an empty text gives (0, 0).
    """
    spans = sentence_spans(text)
    if not spans:
        return (0, 0)
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    start, end = min(start, end), max(start, end)
    touched = [s for s in spans if s[0] < max(end, start + 1) and s[1] > start]
    if not touched:
        index = min(bisect_right([s[0] for s in spans], start), len(spans) - 1)
        if spans[index][0] < start and index + 1 < len(spans):
            index += 1
        touched = [spans[index]]
    return (touched[0][0], touched[-1][1])
