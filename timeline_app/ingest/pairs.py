"""Two bodies named as acting together ("Ardley Coatings plc and Brauhof Farben AG have
agreed …"), and the words that stand for them later ("both companies", "the two sides")."""

from __future__ import annotations

import re

from timeline_app.ingest import clauses
from timeline_app.ingest.organisation_records import Mention, Organisation

_BOTH = re.compile(
    r"\b(?:both|the\s+two)\s+(?:companies|firms|groups|sides|banks|lenders|parties|"
    r"carriers|businesses|insurers|airlines)\b",
    re.I,
)


def pair_words(sentence: str, offset: int, pair: Organisation) -> list[Mention]:
    """ "Both companies", "the two sides" opening a clause: the pair named before."""
    found = [Mention(pair, offset + m.start(), offset + m.end(), "short")
             for m in _BOTH.finditer(sentence)]  # fmt: skip
    return [m for m in found if clauses.subject_like(sentence, offset, m)]


def overlaps(mention: Mention, others: list[Mention]) -> bool:
    return any(mention.start < o.end and o.start < mention.end for o in others)


def first_of_pair(text: str, subjects: list[Mention]) -> Organisation | None:
    """The first of two organisations named as one subject ("Ardley Coatings plc and
    Brauhof Farben AG have agreed …"): what "both companies" and "they" stand for later."""
    for first, second in zip(subjects, subjects[1:], strict=False):
        if (
            first.how == second.how == "name"
            and first.organisation is not second.organisation
            and clauses.JOINED.fullmatch(text[first.end : second.start])
        ):
            return first.organisation
    return None


def stood_for(
    pair: Organisation | None, seen: list[Organisation], topic: Organisation | None
) -> Organisation | None:
    """What "the two companies" or "they" stand for: the pair named as one subject, else,
    of the last two companies named, the one named first (a joint act is recorded under
    the first-named), else the topic."""
    if pair is not None:
        return pair
    firms = []
    for organisation in reversed(seen):  # (the last two: a long text has named hundreds)
        if organisation.kind == "company":
            firms.append(organisation)
            if len(firms) == 2:
                return min(firms, key=lambda o: o.first)
    return topic
