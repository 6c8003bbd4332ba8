"""Names completed around the rules that find an article's organisations: councils written
in lower case (before them), and after them a name no rule placed that stands in a list with
organisations or before a lower-case "party", a company's first word and shorter names, a
company first found by one word whose full name came earlier, a university's town, a town's
mayor and a body's initials.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from timeline_app.ingest import org_words as vocab
from timeline_app.ingest.organisation_records import (
    UPPER,
    Organisation,
    core_name,
    name_words,
    named_at,
)

# A name in a list whose next member is an organisation: "Norrhavn Energi, Baltrex Steel and
# the port operator Kestel Harbour Group said", "The Diabetes Patients' Association, five
# other patient groups and the Union of Nursing Staff".
_NEXT_IN_LIST = re.compile(
    r"(?:,\s+(?:[a-z0-9][\w'’-]*\s+){0,4}?(?:and\s+|&\s+)?|\s+(?:and|&)\s+)"
    r"(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}?(?=[A-Z])"
)


# A party named with "party" in lower case: "the opposition Civic Renewal party".
_PARTY_AFTER = re.compile(r"\s+party\b")


def second_look(text: str, found: dict[str, Organisation], unplaced: list[tuple[int, str]]) -> None:
    """Names no rule placed, looked at again: one a lower-case "party" follows is a party's;
    one whose next member in a list is an organisation is an organisation of that kind. Read
    from the end, so a list of three is placed whole."""
    for start, name in reversed(unplaced):
        if name.casefold() in found:
            continue
        end = start + len(name)
        before = text[max(0, start - 30) : start]
        if _PARTY_AFTER.match(text, end) and re.search(r"\b[Tt]he\s+(?:[a-z]+\s+)?$", before):
            found[name.casefold()] = Organisation(name, "organisation", start, {name}, None,
                                                  {"party"})  # fmt: skip
            continue
        listed = _NEXT_IN_LIST.match(text, end)
        if listed is None or text[end : listed.end()].count(",") > 2:
            continue
        nxt, alias = named_at(text, listed.end(), found.values()) or (None, "")
        has_and = re.search(r"\b(?:and)\b|&", listed[0])  # a list, not an apposition
        if not has_and and not re.match(r",?\s+(?:and|&)\s", text[listed.end() + len(alias) :]):
            continue
        if nxt is not None and not _first_word_taken(name, found):
            organisation = Organisation(name, nxt.kind, start, {name})
            add_first_word(organisation, found)
            found[name.casefold()] = organisation


_SUFFIX = re.compile(
    r",?\s+(?:Inc\.?|Corp\.?|Corporation|Ltd\.?|Limited|LLC|plc|AG|SE|GmbH|Co\.|Holdings|Group)$"
)
_COMPANY_HEADS = frozenset(vocab.HEAD_WORDS["company"].split())
_DROPPED_HEADS = _COMPANY_HEADS | {"foundation", "trust", "charity", "fund", "theatre", "theater"}


def add_shorter_names(organisation: Organisation) -> None:
    """The names a body goes by later, shorter than its full name: without its suffix
    ("Tallis Valley Water" for "… Water Ltd"), and without a last word that says its trade,
    when two words are left ("Kinross & Tate", "Open Door", "Tallis Valley")."""
    name = organisation.name
    bare = _SUFFIX.sub("", name)
    if bare != name and len(bare) > 2:
        organisation.aliases.add(bare)
    for full in {name, bare}:
        if len(full.split()) >= 3 and name_words(full)[-1] in _DROPPED_HEADS:
            organisation.aliases.add(full.rsplit(maxsplit=1)[0])


def _first_word_taken(name: str, found: dict[str, Organisation]) -> bool:
    """ "Norrhavn" is already a company: its full name is found for it later (name_in_full)."""
    first = found.get(name.split()[0].casefold())
    return first is not None and first.kind == "company" and " " not in first.name


def add_first_word(organisation: Organisation, found: dict[str, Organisation]) -> None:
    """ "Norvale" for "Norvale Robotics": a company's first word names it later on (a
    media group's too: "Trellis" for "Trellis Media")."""
    name = organisation.name
    first = name.split()[0].rstrip(",")  # "Marlowe" for "Marlowe, Pike and Sons" too
    if (
        (organisation.kind == "company" or name_words(name)[-1] in ("media", "group"))
        and len(name.split()) > 1
        and len(first) > 2
        and first.lower() not in vocab.NOT_NAMES | set(vocab.HEADS)
        and not any(first in o.aliases for o in found.values())
    ):
        organisation.aliases.add(first)


def name_in_full(text: str, organisations: Iterable[Organisation], persons: dict[str, int]) -> None:
    """A company found by one word ("Callisto said") whose full name came earlier in words
    no rule reads as a company's ("Callisto Aggregates", "Brenmoor Water"): that name is
    its name, as the article first gave it, and the one word an alias."""
    taken = {alias for o in organisations for alias in o.aliases}
    for organisation in organisations:
        name = organisation.name
        if " " in name or organisation.kind != "company" or organisation.lane is not None:
            continue
        if text.find(name, 0, organisation.first) < 0:
            continue  # (most names: a scan by the regex of everything before costs more)
        after = rf"(?<![\w-]){re.escape(name)}((?:[ \t]+[{UPPER}][\w'’&-]*[^\W_]){{1,2}})"
        for m in re.finditer(after, text[: organisation.first]):
            words = [w for w in m[1].split() if core_name(w) == w]  # no possessive
            while words and words[-1].lower() in vocab.NOT_NAMES:
                words.pop()
            full = " ".join([name, *words])
            if words and full not in persons and full not in taken:
                organisation.name, organisation.first = full, m.start()
                organisation.aliases.add(full)
            break


def full_name_later(found: dict[str, Organisation]) -> None:
    """A company named first by one word ("the home-cleaning app Tidyhand") and later in
    full ("Tidyhand Technologies"): one company, under its full name, from its first word."""
    for key, short in list(found.items()):
        if " " in short.name or short.kind not in ("company", "organisation") or short.lane:
            continue  # (an app or a brand is often found as some organisation)
        full = next(
            (o for o in found.values() if o.kind == "company" and o.lane is None
             and o.first > short.first and o.name.startswith(short.name + " ")),
            None,
        )  # fmt: skip
        if full is not None:
            full.aliases |= short.aliases
            full.first = short.first
            del found[key]


_UNIVERSITY = re.compile(
    rf"(?:University|College) of ([{UPPER}][\w-]+)|([{UPPER}][\w-]+) University"
)


# A place's council written in lower case: "the Ostra city council", "Harrow county board".
_LOCAL_BODY = re.compile(
    r"\b(?!(?:The|A|An|In|On|At|By|For|From)\b)[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?\s+"
    r"(?:city|county|town|district|borough|"
    r"municipal|regional|state|provincial)\s+(?:council|government|board|assembly|"
    r"authority|administration|hall)\b"
)


def councils_in_lower_case(text: str, found: dict[str, Organisation]) -> None:
    """Councils named by a place and a lower-case body ("the Ostra city council"), which
    the rules for capitalised names cannot see; found before those run."""
    for local in _LOCAL_BODY.finditer(text):
        name = local[0]
        if name.casefold() not in found:
            found[name.casefold()] = Organisation(name, "government", local.start(), {name})


# A town's own council: "Aldermoor City Council", "the City of Brive", "Velsen Municipality".
_COUNCIL = re.compile(
    rf"(?:City|Town|Municipality|Borough)\s+of\s+([{UPPER}][\w-]+)"
    rf"|([{UPPER}][\w-]+)\s+(?:(?:City|Town|Borough|District|Municipal)\s+)?"
    r"(?:Council|Municipality)"
)


def is_town_council(name: str) -> bool:
    """ "Aldermoor City Council", "the City of Brive": a town's own council (not the "Cruise
    Operators' Council"), which its mayor speaks for."""
    return _COUNCIL.fullmatch(name) is not None


def bodies_by_place(text: str, found: dict[str, Organisation]) -> None:
    """A place's university and its council: "Varnholt joined Carrowby as a lecturer" after
    "the University of Carrowby" (the place alone names the university; a body found under
    that one word is the same, but a town the article wrote of before naming its university
    is a town: "the line between Brackport and Selmouth"), and "resigned as mayor of
    Aldermoor" for Aldermoor City Council, wherever the article names it (a mayor heads the
    town's council)."""
    for organisation in list(found.values()):
        if organisation.kind == "government" and (m := _COUNCIL.fullmatch(organisation.name)):
            place = m[1] or m[2]
            organisation.aliases.update((f"mayor of {place}", f"Mayor of {place}"))
            same = found.get(place.casefold())  # a town acting, taken for a firm by its verb
            if (same is None or same.lane is None and same.name == place) and _town_acts(
                text, place
            ):
                organisation.aliases.add(place)  # "Harrowfield declared a climate emergency"
                if same is not None:
                    del found[place.casefold()]
                    organisation.first = min(organisation.first, same.first)
    for organisation in list(found.values()):
        if (m := _UNIVERSITY.fullmatch(organisation.name)) is None:
            continue
        place = m[1] or m[2]
        same = found.get(place.casefold())
        if same is None and re.search(rf"\b{re.escape(place)}\b", text[: organisation.first]):
            continue
        organisation.aliases.add(place)
        if same is not None and same is not organisation and same.lane is None:
            del found[place.casefold()]
            organisation.first = min(organisation.first, same.first)


def _town_acts(text: str, place: str) -> bool:
    """A town's name opening a sentence with a verb of what councils do."""
    acting = re.compile(
        rf"{re.escape(place)}\s+(?:has\s+|had\s+)?(?:[a-z]+ed|said|became|began|won)\b"
    )  # (the name as written first, so that the search skips from one to the next)
    return any(
        re.search(r"(?:^|[.!?]\s+|\n)$", text[max(0, m.start() - 3) : m.start()])
        for m in acting.finditer(text)
    )


_SMALL_WORDS = {"of", "the", "and", "for", "on", "&", "de"}


def acronyms_of(text: str, found: dict[str, Organisation]) -> None:
    """ "The ADPA opened its investigation" after "the Aldovian Data Protection Authority":
    the initials of a name of three words or more, written in the text, are that body
    (a body found under them is the same)."""
    written = set(re.findall(r"(?<![\w-])[A-Z]{3,}(?![\w-])", text))  # once, not per body
    for organisation in list(found.values()):
        words = [w for w in organisation.name.split() if w.lower() not in _SMALL_WORDS]
        if len(words) < 3 or not all(w[:1].isupper() for w in words):
            continue
        initials = "".join(w[0] for w in words)
        if initials not in written:
            continue
        same = found.get(initials.casefold())
        if same is not None and same.lane is not None:
            continue  # a lane of the timeline keeps its own name
        organisation.aliases.add(initials)
        if same is not None and same is not organisation:
            del found[initials.casefold()]
