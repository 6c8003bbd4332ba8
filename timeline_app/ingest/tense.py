"""Whether the statement a dating phrase belongs to lies ahead of the publication date or
behind it, read from the words around the phrase in its sentence: the tense word nearest the
phrase decides ("said on Friday it will" is past, "will open on Friday" future), with the
forms news English uses for plans seen from the past ("said it would open in March"),
bookings ("has scheduled a hearing for July 12"), deadlines ("by March 7", "gave Quikko until
Feb. 1") and things done ("rules published on Tuesday", "voted on Saturday to …"). Each
clause has its own tense. dating.py's EXAMPLES show every rule at work.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

_FUTURE = re.compile(
    r"\b(?:will|shall|won['’]t|(?:is|are|am)\s+(?:set|due|scheduled|slated|expected|going|"
    r"poised|planning|likely)\s+to|(?:is|are)\s+due|plans?\s+to|intends?\s+to|aims?\s+to|upcoming|"
    r"expects?\s+(?:[\w'’-]+\s+){0,4}?to|"
    r"must|should|needs?\s+to|deadline|"
    r"from\s+now\s+on|onwards?|starting|effective|takes?\s+effect|goes?\s+into\s+effect|"
    r"comes?\s+into\s+force|later\s+this|next(?=\s+(?:week|month|year|quarter|season|spring|"
    r"summer|fall|autumn|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)))"
    r"\b|['’]ll\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:said|says|told|tells|announced|announces|reported|wrote|added|noted|confirmed|"
    r"revealed|disclosed|unveiled|launched|released|denied|declared|stated|explained|echoed|"
    r"was|were|had|did|has|have|ago|last|earlier(?!\s+than\b)|yesterday|since|previously|already|"
    # what was done, in verbs that say so whatever follows ("began delivering … on Tuesday,
    # …, and plans to …")
    r"began|started|opened|won|bought|sold|signed|filed|ruled|completed)\b",
    re.I,
)
# Future seen from the past ("said it would open in March"): only before the phrase, since
# "told staff on Monday that no jobs would be cut" dates the telling, not the cuts.
# Between a phrase and a "said" that only attributes what came before: ", the company".
_ATTRIBUTION_AFTER = re.compile(
    r"[^.;]{0,80}?,\s*(?:the\s+[\w-]+(?:\s+[\w-]+)?|it|he|she|they|[A-Z][\w'’&.-]*"
    r"(?:\s+[A-Z][\w'’&.-]*){0,4}|[a-z]+\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+"
)
_FUTURE_IN_PAST = re.compile(
    r"\b(?:would|planned\s+to|was\s+going\s+to|expected\s+(?:[\w'’-]+\s+){0,4}?to|"
    r"(?:voted|decided|promised|pledged|vowed|resolved)\s+to)\b",
    re.I,
)
_BOOKED_FOR = re.compile(
    r"\b(?:scheduled|set|due|slated|planned|booked|fixed|called|convened|arranged)\b(?:\s+[\w'’-]+){0,7}\s+for\s*$",
    re.I,
)
# A participle of something done, right before the phrase and with no "be" before it:
# the thing was done then ("rules published on Tuesday", "a plan approved in May").
_DONE_BEFORE = re.compile(
    r"(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)\b(?:published|announced|approved|issued|"
    r"adopted|passed|signed|released|unveiled|introduced|filed|agreed)\s+$",
    re.I,
)
# A verb in the simple past with only its object between it and the phrase: "voted on
# Saturday", "urged investors last Friday", "ruled against it last year". Not a participle
# after "be" ("will be closed on Friday") and not "planned to" (a plan, read above).
_DONE_JUST_BEFORE = re.compile(
    r"(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)(?<!\bis\s)(?<!\bare\s)(?<!\bremain\s)"
    r"(?<!\bstay\s)\b(?:(?!(?:need|feed|seed|speed|bleed|breed|shed|hundred|red|bed)\b)"
    r"[a-z]{2,}ed|gave|took|made|sent|held|met|began|left|sold|bought|won|lost|told|paid|"
    r"brought|chose|spoke|wrote|broke|became|came|went|grew|fell|rose|drew|sought|withdrew|"
    r"struck|froze|overturned|upheld|swore|sued|fined)(?!\s+to\b)"
    r"(?:\s+(?!(?:will|would|to)\b)[\w'’-]+){0,5}?\s+$"
)
# Words before "until" that make it a time limit still to come ("gave Quikko until Feb. 1",
# "has until Dec. 17", "delayed the vote until March").
_LIMIT_AHEAD = re.compile(
    r"\b(?:has|have|gave|give|gives|given|granted|grants|extended|extends|delay\w*|"
    r"postpon\w*|defer\w*|suspend\w*|paus\w*|adjourn\w*|put\s+off|push\w*\s+back)\b"
    r"(?:\s+[\w'’.-]+){0,10}?\s+$",
    re.I,
)
_WORD = re.compile(r"\w+")
_RELATIVE = re.compile(r"\b(?:that|which|who)\s+")
_ASKED_TO = re.compile(
    r"\bhad\s+(?:asked|told|ordered|given|instructed|urged|required|called\s+on)\b"
    r"[^,;]*\b(?:to\s+[a-z]+|for)\b[^,;]*$",
    re.I,
)
_SAME_DAY = re.compile(r"(?:earlier|later)\s+(?:in\s+the|that)\s+day[\s,]*$", re.I)


# A timetable told in the present: what opens, closes or ends on a day is still to come.
_SCHEDULED = re.compile(
    r"\b(?:opens|closes|ends|starts|begins|expires|resumes|reopens|finishes|lapses|"
    r"(?:[Oo]rders|[Ss]ales|[Bb]ookings|[Tt]ickets|[Dd]oors|[Hh]earings)\s+"
    r"(?:open|close|start|begin|end)|"
    r"convenes|kicks\s+off|runs\s+out|goes\s+on\s+sale|go\s+on\s+sale)\s+(?:[a-z]+\s+){0,3}$"
)
_RANGE_IN = re.compile(r"\s(?:to|until|till|through|thru)\s|[0-9a-z]\s*[-–]\s*[0-9]")
_RANGE_ON = re.compile(r"\s*(?:to|until|till|through|thru|and|[-–—])\s")  # "from March to June"


def lies_ahead(
    text: str, bounds: tuple[int, int], start: int, end: int, prefix: tuple[str, ...]
) -> bool:
    """Whether the statement a phrase dates lies ahead: the tense word nearest the phrase, in
    words, within its sentence, decides ("said on Friday it will" is past, "will open on
    Friday" future); with no tense word, or a tie, it is past. "from March on" is future."""
    if "from" in prefix and re.match(r"\s+on(?:wards?)?\b", text[end : end + 12]):
        return True
    if {"since", "ever since"} & set(prefix):
        return False  # "has run the port since May": a start behind us
    if _SCHEDULED.search(text, max(bounds[0], start - 40), start) or (
        "from" in prefix and re.search(r"\bruns\s+$", text[max(0, start - 6) : start])
    ):
        # "the show closes on Sunday", "when her contract ends on March 31", "the festival
        # runs from June 10 to June 21"
        return True
    first, last = clause_of(text, bounds, start, end)  # the clause of the phrase as written
    if (
        prefix
        and prefix[0] in ("from", "starting", "effective")
        and not _RANGE_ON.match(text, end)
        and not _RANGE_IN.search(text, start, end)  # "heard evidence from 7 to 10 April"
        and not re.search(r"\b(?:had|was|were|since|ago)\b", text[first:start], re.I)
    ):
        return True  # "said last week that from Jan. 1, bidders would have to …": a start
    if {"from", "starting", "effective", "by"} & set(prefix) and _FUTURE.search(
        text, bounds[0], start
    ):
        return True  # "will require owners to register from July 1, an official said"
    booked_to = start + 3 if text[start : start + 4].lower() == "for " else start  # "for the 26th"
    if _BOOKED_FOR.search(text, max(bounds[0], start - 80), booked_to):
        return True  # "has scheduled a hearing for July 12": booked ahead, whoever said so
    if _DONE_BEFORE.search(text, max(bounds[0], start - 40), start):
        return False  # "under rules published on Tuesday": done, whatever the rules require
    if (
        prefix
        and prefix[0] in ("until", "till")
        or re.search(r"\bto\s+$", text[max(0, start - 4) : start])
    ) and _LIMIT_AHEAD.search(text, max(bounds[0], start - 80), start):
        # "gave the company until Feb. 1", "pushed back the launch to September": a limit
        # set for what is still to come
        return True
    if "by" in prefix and (
        not re.search(r"\bhad\b|\blast\b", text[first:last], re.I)
        or _ASKED_TO.search(text, first, start)
    ):
        # a deadline is ahead, unless the clause looks back: "had … by March", but not
        # "had asked Vistalo to explain by January 17" (the asking is past, the deadline not)
        return True
    if (
        done := _DONE_JUST_BEFORE.search(text, max(bounds[0], start - 50), start)
    ) and not re.search(
        r"\bfor\s+$", text[max(0, start - 5) : start]
    ):  # (not "called a meeting for March 17": booked ahead)
        # Its own stretch of the sentence, from the last comma: "…, the court ruled on
        # Thursday" is past; "will delete stored data on April 30" is not.
        since = max(text.rfind(",", bounds[0], done.start()) + 1, bounds[0])
        # (and from a relative "that": "voted to strike in a ballot that closed on Dec. 12")
        since = max([since] + [m.end() for m in _RELATIVE.finditer(text, since, done.start())])
        if not _FUTURE.search(text, since, done.start()) and not _FUTURE_IN_PAST.search(
            text, since, done.start()
        ):
            return False  # "voted on Saturday to serve notice …": the voting is done
    if intro := _SAME_DAY.search(text, max(0, start - 30), start):
        start = intro.start()  # "said earlier in the day this week": "said" is next to it
    sentence = bounds
    bounds = clause_of(text, bounds, start, end)
    best: tuple[int, bool] | None = None
    # Only the nearest marker on each side of the phrase can decide, so each pattern is read
    # outwards from the phrase, not across the whole clause once per phrase (a text with no
    # full stop is one long sentence with thousands of markers).
    for pattern, ahead in ((_PAST, False), (_FUTURE, True), (_FUTURE_IN_PAST, True)):
        for marker in _nearest_markers(text, pattern, sentence, bounds, start, end):
            gap = (marker.end(), start) if marker.end() <= start else (end, marker.start())
            distance = len(_WORD.findall(text, *gap))
            if best is None or distance < best[0]:
                best = (distance, ahead)
    return best is not None and best[1]


def _counts(pattern: re.Pattern[str], text: str, marker: re.Match[str], end: int) -> bool:
    """Whether a tense marker found near a phrase says anything of its tense."""
    if pattern is _PAST and re.search(r"\bbe\s+$", text[max(0, marker.start() - 4) :
                                                       marker.start()]):  # fmt: skip
        return False  # "is due to be added": not past
    if (
        pattern is _PAST
        and re.match(r"last\b", marker[0], re.I)
        and re.search(
            r"\b(?:the|his|her|its|their|our|a)\s+$",
            text[max(0, marker.start() - 6) : marker.start()],
            re.I,
        )
    ):
        return False  # "the last set it will sign", "his last link": final, not past
    return not (pattern is _PAST and _ATTRIBUTION_AFTER.fullmatch(text, end, marker.start()))
    # ("… will step down in June, the company said": who says, not when)


@lru_cache(maxsize=48)
def _markers(
    text: str, pattern: re.Pattern[str], first: int, last: int
) -> tuple[list[int], list[re.Match[str]]]:
    """A sentence's markers of one pattern and where they start, found once for all its
    phrases (a text with no full stop is one sentence with thousands of them)."""
    found = list(pattern.finditer(text, first, last))
    return [m.start() for m in found], found


def _nearest_markers(
    text: str,
    pattern: re.Pattern[str],
    sentence: tuple[int, int],
    clause: tuple[int, int],
    start: int,
    end: int,
) -> list[re.Match[str]]:
    """The markers of `pattern` in the clause nearest the phrase at start–end that count,
    one before it and one after it (none after it for a future seen from the past)."""
    starts, markers = _markers(text, pattern, *sentence)
    found = []
    for at in range(bisect_left(starts, start) - 1, bisect_left(starts, clause[0]) - 1, -1):
        marker = markers[at]
        if marker.end() <= clause[1] and _counts(pattern, text, marker, end):
            found.append(marker)
            break
    if pattern is not _FUTURE_IN_PAST:
        for at in range(bisect_left(starts, end), bisect_left(starts, clause[1])):
            marker = markers[at]
            if marker.end() <= clause[1] and _counts(pattern, text, marker, end):
                found.append(marker)
                break
    return found


# Where a new clause with its own subject begins: ", and the board began …", ", after
# the council approved …", "; it". Its tense is its own ("X will rise from June 1, after the
# council approved it on Tuesday": the approval is past).
_CLAUSE = re.compile(
    r"(?:,\s+(?:and|but|after|before|while|whereas|although|though|because|since|when|then)"
    r"(?:\s+that)?|;)\s+(?=(?:it|he|she|they|we|its|their|the\s+[\w-]+|[A-Z]\w+)\b)"
    r"|,\s+(?:which|who|whose)\s+"
    # "cut it in March and will announce …", "results in the first quarter and has said …"
    r"|\s+and\s+(?=(?:will|would|is\s+to|are\s+to|plans?\s+to|has|have|had|said|says)\b)"
)


def clause_of(text: str, bounds: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The part of the sentence `bounds` that holds the clause of the phrase at start–end."""
    first, last = bounds
    for boundary in _CLAUSE.finditer(text, first, last):
        if boundary.end() <= start:
            first = boundary.start()
        elif boundary.start() >= end:
            last = boundary.start()
            break
    # A participle's clause after the phrase is its own ("will close the route on November
    # 30, ending a service that has run for 61 years"); one before it is not ("approved a
    # bill that would …, clearing the way for a vote on June 20").
    participle = _PARTICIPLE_AFTER.search(text, end, last)
    return first, participle.start() if participle else last


_PARTICIPLE_AFTER = re.compile(r",\s+(?=[a-z]{2,}ing\s)")
