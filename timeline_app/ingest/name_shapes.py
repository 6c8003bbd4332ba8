"""Names whose shape says they are one firm's, not a list: with commas in them ("Marlowe,
Pike and Sons"), or two names joined by "and" with a trade the text also leaves off
("Aldwick and Rowe Confectionery", later "Aldwick and Rowe"); and a country's chamber
called by its kind alone ("Parliament", "the Senate")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from timeline_app.ingest import org_words as vocab
from timeline_app.ingest.name_context import APPOSITION, DESCRIBED_BEFORE
from timeline_app.ingest.organisation_records import (
    UPPER,
    Organisation,
    name_words,
    opens_word,
)

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
    """ "Aldwick and Rowe" for "Aldwick and Rowe Confectionery", "Harbour Towage" for
    "Harbour Towage and Salvage": a name with "and" in it that the text also writes without
    its last trade (whatever the trade), unless two bodies act together ("… said in a
    joint statement")."""
    words = name.split()
    if len(words) < 4:
        return None
    if "and" in words[1:-2] or "&" in words[1:-2]:
        dropped = words[-1:]  # "Aldwick and Rowe [Confectionery]"
    elif words[-2] in ("and", "&"):
        dropped = words[-2:]  # "Harbour Towage [and Salvage]"
        first = text.find(name)
        if re.search(r"\b(?:joint|jointly|they|their|both)\b", text[first : first + 120]):
            return None
    else:
        return None
    shorter = " ".join(words[: -len(dropped)])
    rest = r"\s+".join(re.escape(w) for w in dropped)
    # (the name as written first, so that the search skips from one to the next)
    alone = re.compile(rf"{re.escape(shorter)}(?!\s+{rest})(?![\w-])")
    return shorter if any(opens_word(text, m.start()) for m in alone.finditer(text)) else None


def house_by_kind(name: str, found: Iterable[Organisation]) -> bool:
    """ "Parliament amended the act", "It now goes to the Senate": a country's chamber is
    called by its kind alone, when no body of that kind is named in full (the text's
    other chambers are looked at once all names are found: drop_lone_houses)."""
    head = name.lower()
    return vocab.HEADS.get(head) == "legislature" and not any(
        head in name_words(o.name) for o in found
    )


def drop_lone_houses(found: dict[str, Organisation]) -> None:
    """A chamber called by its kind alone is no body of its own when the text names
    another ("Parliament's transport committee" of the National Assembly)."""
    houses = [o for o in found.values() if o.kind == "legislature"]
    if len(houses) > 1:
        for house in houses:
            if len(name_words(house.name)) == 1:
                del found[house.name.casefold()]
