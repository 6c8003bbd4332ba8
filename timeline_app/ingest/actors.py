"""Which existing lane (company, organisation, legislature) a sentence is about.

A lane is proposed only when the sentence names it, so the user sees the mention: in any
case and spacing ("washington  post live"), with a possessive ("Amazon’s") or a corporate
suffix ("Microsoft Corp.", "Amazon.com Inc.") but never inside another word ("IBMX" is not
IBM); an all-capital lane name also matches the words it abbreviates ("American Civil
Liberties Union" for "ACLU") and a long name its initials. Once the full name has been
read (earlier in the article or in the sentence), a short form counts too: "the
Legislature" for "California Legislature", "Washington Post" for "Washington Post Live"; a
short form must be capitalised, since "the legislature" may be any.

Among several lanes named, the subject goes first: the earliest mention that is not in an
opening "According to ..." clause nor right after a preposition ("after a Financial Times
investigation"); with a `focus` (a selection), mentions inside or nearest it go first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

_SUFFIX = (
    r"(?:\.com)?(?:,?\s+(?:Corp(?:oration|\.)?|Inc(?:orporated|\.)?|Co\.|Ltd\.?|Limited|LLC|"
    r"L\.L\.C\.|plc|PLC|AG|SE|S\.A\.|N\.V\.|GmbH|Group|Holdings)(?!\w))?"
)
_NAME_SUFFIX = re.compile(_SUFFIX + r"\s*$")
_SMALL = {"of", "and", "the", "for", "on", "de", "in", "&"}
_PREPOSITION = re.compile(
    r"(?:\b(?:by|to|from|with|against|than|like|unlike|following|after|before|for|of|at|"
    r"about|over|including|via|toward|towards|into)\s+(?:the\s+|a\s+|an\s+)?)$",
    re.I,
)
_OPENING = re.compile(
    r"^\W*(?:according\s+to|as\s+reported\s+by|like|unlike|following|after|amid|despite|"
    r"in\s+a\s+(?:statement|letter|report)\s+(?:to|from|by))\b[^,;]*,",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Mention:
    name: str
    start: int
    end: int
    demoted: bool


def _core(name: str) -> str:
    """The name without a corporate suffix: "Microsoft Corp." is Microsoft."""
    return _NAME_SUFFIX.sub("", name.strip()) or name.strip()


def _words_pattern(words: Sequence[str]) -> str:
    return r"\s+".join(re.escape(word) for word in words)


def _bounded(body: str) -> str:
    return rf"(?<![\w@#])(?:{body})(?!\w)"


@lru_cache(maxsize=4096)
def _patterns(name: str) -> tuple[re.Pattern[str], re.Pattern[str] | None, list[re.Pattern[str]]]:
    """(full name, its expansion or initials, short forms) as regular expressions."""
    words = _core(name).split()
    full = re.compile(_bounded(_words_pattern(words)) + _SUFFIX, re.I)
    other: re.Pattern[str] | None = None
    if len(words) == 1 and re.fullmatch(r"[A-Z]{2,6}", words[0]):  # "ACLU": its words
        small = rf"(?:\s+(?:{'|'.join(w for w in _SMALL if w != '&')}))?"
        body = (small + r"\s+").join(rf"{letter}[a-z]+" for letter in words[0])
        other = re.compile(rf"(?<!\w)(?-i:{body})(?!\w)")
    capitals = [w for w in words if w.lower() not in _SMALL]
    if len(capitals) >= 3 and all(w[:1].isupper() for w in capitals):  # its initials
        other = re.compile(_bounded("".join(w[0] for w in capitals)))
    shorts = [
        re.compile(rf"(?<=\bthe\s)(?-i:{re.escape(word)})(?!\w)", re.I)
        for word in words[1:]
        if word.lower() not in _SMALL and word[:1].isupper()
    ]
    shorts += [
        re.compile(_bounded(rf"(?-i:{re.escape(words[0])})\s+{_words_pattern(words[1:n])}"), re.I)
        for n in range(2, len(words))
    ]
    return full, other, shorts


@lru_cache(maxsize=4096)
def _needles(name: str) -> tuple[str, ...]:
    """Lower-case strings one of which any mention of `name` must contain."""
    words = _core(name).split()
    if len(words) == 1 and re.fullmatch(r"[A-Z]{2,6}", words[0]):
        return ("",)  # "ACLU" may be spelt out: always look
    capitals = [w for w in words if w.lower() not in _SMALL and w[:1].isupper()]
    initials = ("".join(w[0] for w in capitals).lower(),) if len(capitals) >= 3 else ()
    return (*(w.lower() for w in words), *initials)


def _mentions(sentence: str, companies: Sequence[str], earlier_text: str) -> list[_Mention]:
    found: list[tuple[str, int, int]] = []
    lowered = sentence.lower()
    for name in companies:
        if not any(needle in lowered for needle in _needles(name)):
            continue  # a quick test first: most lanes share no word with the sentence
        full, other, shorts = _patterns(name)
        named = [(m.start(), m.end()) for p in (full, other) if p for m in p.finditer(sentence)]
        found += [(name, start, end) for start, end in named]
        short_hits = [m for short in shorts for m in short.finditer(sentence)]
        if not short_hits:  # the common case: no need to read the earlier text
            continue
        first = min((start for start, _ in named), default=len(sentence))
        read_before = any(p.search(earlier_text) for p in (full, other) if p)
        found += [
            (name, m.start(), m.end()) for m in short_hits if read_before or m.start() > first
        ]
    # The longest mention wins where two overlap ("Washington Post Live" over "Washington").
    kept: list[tuple[str, int, int]] = []
    for name, start, end in sorted(found, key=lambda f: (f[1] - f[2], f[1])):
        if all(end <= s or start >= e for _, s, e in kept):
            kept.append((name, start, end))
    opening = _OPENING.match(sentence)
    return [
        _Mention(
            name,
            start,
            end,
            bool(opening and end <= opening.end())
            or bool(_PREPOSITION.search(sentence[max(0, start - 30) : start])),
        )
        for name, start, end in sorted(kept, key=lambda f: f[1])
    ]


def guess_company(
    sentence: str,
    companies: Sequence[str],
    earlier_text: str = "",
    focus: tuple[int, int] | None = None,
) -> tuple[str, int, int] | None:
    """The lane the sentence is about and where it is named: (lane name, start, end) with
    offsets into `sentence`, or None if it names none. `earlier_text` is what precedes the
    sentence (for short forms); `focus` a selection's offsets in the sentence."""
    mentions = _mentions(sentence, companies, earlier_text)
    if not mentions:
        return None

    def rank(mention: _Mention) -> tuple[int, bool, int]:
        distance = 0
        if focus is not None:
            distance = max(focus[0] - mention.end, mention.start - focus[1], 0)
        return (distance, mention.demoted, mention.start)

    best = min(mentions, key=rank)
    return (best.name, best.start, best.end)


# ------------------------------------------------------------------------------- the examples
# (sentence, lanes, earlier text, lane guessed, the words that name it); the tests run them.
LANES = ("Microsoft", "Amazon", "IBM", "Washington Post Live", "California Legislature", "ACLU",
         "Financial Times", "San Francisco", "Oakland")  # fmt: skip
EXAMPLES: tuple[tuple[str, Sequence[str], str, str | None, str | None], ...] = (
    ("Microsoft has followed Amazon and IBM.", LANES, "", "Microsoft", "Microsoft"),
    ("Amazon on Wednesday said it would stop.", LANES, "", "Amazon", "Amazon"),
    ("Last year, Microsoft denied access.", LANES, "", "Microsoft", "Microsoft"),
    ("Microsoft's president spoke.", LANES, "", "Microsoft", "Microsoft"),
    ("Smith echoed Amazon’s stance.", LANES, "", "Amazon", "Amazon"),
    ("IBMX shares rose, and so did ibm's.", LANES, "", "IBM", "ibm"),
    ("MICROSOFT   CORP. said no.", LANES, "", "Microsoft", "MICROSOFT   CORP."),
    ("Amazon.com Inc. agreed.", LANES, "", "Amazon", "Amazon.com Inc."),
    ("Microsoft Corp. agreed.", ("Microsoft Corp.",), "", "Microsoft Corp.", "Microsoft Corp."),
    ("Microsoft agreed.", ("Microsoft Corp.",), "", "Microsoft Corp.", "Microsoft"),
    ("The company spoke to washington  post\nlive.", LANES, "", "Washington Post Live",
     "washington  post\nlive"),
    ("The Washington Post reported it.", LANES, "", None, None),
    ("The Washington Post reported it.", LANES, "Washington Post Live posted.",
     "Washington Post Live", "Washington Post"),
    ("The Legislature voted no.", LANES, "", None, None),
    ("The Legislature voted no.", LANES, "The California Legislature met.",
     "California Legislature", "Legislature"),
    ("The California Legislature met, and the Legislature voted no.", LANES, "",
     "California Legislature", "California Legislature"),
    ("The legislature voted no.", LANES, "The California Legislature met.", None, None),
    ("According to the American Civil Liberties Union, Microsoft backed it.", LANES, "",
     "Microsoft", "Microsoft"),
    ("The American Civil Liberties Union sued.", LANES, "", "ACLU",
     "American Civil Liberties Union"),
    ("The ACLU sued.", ("American Civil Liberties Union",), "",
     "American Civil Liberties Union", "ACLU"),
    ("It pulled it after a Financial Times probe.", LANES, "", "Financial Times",
     "Financial Times"),
    ("Praised by IBM, Oakland banned it.", LANES, "", "Oakland", "Oakland"),
    ("Laws in San Francisco and Oakland barred it.", LANES, "", "San Francisco", "San Francisco"),
    ("Apple said no.", LANES, "", None, None),
)  # fmt: skip
