"""The organisations an article names, found in its own words, so that a proposed event can
have an actor the timeline has no lane for yet.

A name is a run of capitalised words (with "of", "for", "and", "the" between them: "Ministry
of Finance", "Bank of England"). It is an organisation when its words say so: a corporate
suffix ("Inc.", "Ltd"), a head noun ("Commission", "Court", "Council", "Ministry", "Agency",
"Airlines", "Bank", "University"…), an acronym given in brackets after it ("Federal Trade
Commission (FTC)"), or an apposition that calls it one ("Nordwind, a Hamburg-based maker of
…", "…, the company said"). People are told apart by what surrounds their names ("chief
executive Jane Doe", "Jane Doe, a spokeswoman for …", "Mr Doe") and are mapped to the
organisation they speak for, so "Doe said on Monday" is the organisation's statement.

A company named in full once and later by its first word ("Callisto Aggregates" …
"Callisto said") keeps the full name, and the words the article calls an organisation by
("the low-cost airline Skyvane") are kept for short forms; an acronym in brackets is an
alias from then on. Where sentences mention these names, and what short forms ("the
Commission", "the company") point back at, is mentions.py's. Everything here is a guess for
a person to review; tests/ingest/test_organisations.py holds a table of examples.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from timeline_app.ingest import org_words as vocab
from timeline_app.ingest.name_completion import (
    acronyms_of,
    add_first_word,
    add_shorter_names,
    bodies_by_place,
    councils_in_lower_case,
    full_name_later,
    name_in_full,
    second_look,
)
from timeline_app.ingest.name_context import (
    ACTS,
    APPOSITION,
    AS_ROLE,
    DESCRIBED_BEFORE,
    KIND_THEN_NAME,
    THE_COMPANY_SAID,
    THEIR_KIND,
    apposed_before,
)
from timeline_app.ingest.name_shapes import (
    called_without_trade,
    comma_names,
    drop_lone_houses,
    house_by_kind,
)
from timeline_app.ingest.organisation_records import (
    PERSON_OF,
    UPPER,
    Organisation,
    core_name,
    name_words,
)

_WORD = (  # (a suffix keeps its stop: "Brewhaven Coffee Co.")
    rf"(?:(?:Co|Inc|Corp|Ltd|Bros)\.(?!\w)|[{UPPER}][\w&'’.\-]*[^\W_](?:(?<=s)['’](?=\s+[{UPPER}]))?|[{UPPER}]|"
    rf"[{UPPER}]{{2,}}\d*)"
)
_LINK = r"(?:of|for|and|on|de|des|du|der|del|della|di|la|le|the|&)"
# A name may end in a corporate suffix written in lower case ("Ardley Coatings plc").
_NAME = re.compile(rf"\b{_WORD}(?:[ \t]+(?:{_LINK}[ \t]+)*{_WORD})*(?:[ \t]+plc\b)?")
_ACRONYM_AFTER = re.compile(r"^\s*\(([A-Z][A-Za-z&]*[A-Z]\w*)\)")


def _kind_of(name: str) -> str | None:
    """The kind of body a name says it is: its head noun, which opens a "Ministry of …"
    name ("Ministry of Transport and Communications" is no company) and ends the others."""
    words = name_words(name)
    if not words:
        return None
    if (
        len(words) >= 3
        and words[1] in {"of", "for", "on"}
        and words[0] in ("ministry", "department", "office", "agency", "authority", "court")
    ):
        return vocab.HEADS.get(words[0], "organisation")
    if words[-1] in vocab.HEADS:
        return vocab.HEADS[words[-1]]
    for word, after in zip(words, words[1:], strict=False):
        if word in vocab.OPENING_HEADS and after in {"of", "for", "on"} and len(words) >= 3:
            return vocab.HEADS.get(word, "organisation")  # "Chamber of Commerce", "Court of Appeal"
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A name without leading sentence-openers ("The", "On") and trailing link words."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and words[0][0].lower().strip(".,") in vocab.NOT_NAMES:
        words.pop(0)
    while (
        words
        and (
            words[-1][0].lower() in {"of", "for", "and", "on", "in", "de", "the", "&"}
            or words[-1][0].lower().strip(".,") in vocab.NOT_NAMES  # "… Court on Friday"
        )
        and words[-1][0].strip(".,") not in ("One", "Two", "Three")  # "Stadia One"
        and not (len(words) > 1 and words[-1][0] == "AS")
    ):  # "Skerrow Wind AS": a company
        words.pop()
    if not words:
        return start, start
    return start + words[0].start(), start + words[-1].end()


def _person_before(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].lower()
    return bool(
        re.search(rf"\b{vocab.ROLES}\s*,?\s*$", before)
        or re.search(r"\b(?:mr|mrs|ms|dr|prof|sir|dame)\.?\s*$", before)
        or re.search(vocab.SUCCEEDED, before, re.I)  # "…, replacing Henrik Sallinen"
    )


def _person_after(text: str, end: int) -> bool:
    after = text[end : end + 80]
    return bool(re.match(rf",\s+(?!(?:\w+ing|\w+ed|that|which|who|and|but|said|says)\b)"
                         rf"(?:\d+,\s+)?(?:the\s+|a\s+|an\s+|its\s+|their\s+)?"
                         rf"(?:[\w'’-]+\s+){{0,3}}?{vocab.ROLES}\b"
                         r"(?!\s+(?:groups|organi[sz]ations|associations|unions|charities)\b)",
                         after, re.I)
                or re.match(rf"\s+(?:will\s+|would\s+|is\s+to\s+)?(?:(?:step|steps|stepped|stand|"
                            rf"stands|stood)\s+down|resign(?:s|ed)?|quit|retire[sd]?)\s+as\s+"
                            rf"(?:its\s+|the\s+)?{vocab.ROLES}\b", after, re.I))  # fmt: skip


_ROLE_WORD = re.compile(rf"^(?:{vocab.ROLES}|rival|former|acting|interim)$", re.I)


def _names(text: str) -> Iterable[tuple[int, int, bool]]:
    """Runs of capitalised words as (start, end, after_role), in the text's order: leading
    sentence openers and role words ("Chief Executive Dana Whitlock") cut off, the latter
    noted; names with commas in them whole."""
    commas = comma_names(text)
    if not commas:
        yield from _runs(text)
        return
    runs = [r for r in _runs(text) if not any(s < r[1] and r[0] < e for s, e in commas)]
    yield from sorted(runs + [(s, e, False) for s, e in commas])


def _runs(text: str) -> Iterable[tuple[int, int, bool]]:
    written_lower = set(re.findall(r"\b[a-z]+\b", text))  # "prices", not a name
    for m in _NAME.finditer(text):
        start, end = _trim(text, m.start(), m.end())
        words = list(re.finditer(r"\S+", text[start:end]))
        role = False
        if len(words) > 3 and re.fullmatch(r"(?:Minister|Secretary|Commissioner)", words[1][0]):
            words.pop(0)  # "Finance Minister Lotte Varga": the portfolio goes with the role
        while len(words) > 1 and (
            _ROLE_WORD.match(words[0][0]) or words[0][0].lower().strip(".") in vocab.HONORIFIC
        ):
            role = role or words[0][0].lower() not in {"rival", "former", "acting", "interim"}
            words.pop(0)
        if not words:
            continue
        first, last = start + words[0].start(), start + words[-1].end()
        if (person := _PERSON_OF.match(text, first, last)) and _kind_of(text[person.end() : last]):
            first = person.end()  # "Priya Raman of the Charity Finance Forum": the forum
        joined = re.search(r"\s+and\s+the\s+(?=[A-Z])", text[first:last]) or re.search(
            r"\s+and\s+(?=[A-Z])", text[first:last]
        )  # "Port and Dock Workers' Union and the Veltmouth Port …": "and the" parts two
        before = core_name(text[first : first + joined.start()]) if joined else ""
        after = core_name(text[first + joined.end() : last]) if joined else ""
        one_body = (
            (  # "Ministry of Transport and Communications": one name
                re.search(r"\s(?:of|for)\s", before)
                and name_words(before)[0] in vocab.OPENING_HEADS
                and (" " not in after or _kind_of(after) is None)  # "… Gas and Power Markets"
            )
            or (  # "Quayle Freight and Storage": a second trade, not a second name
                " " not in after and after.lower() in vocab.HEADS and " " in before
            )
            or (  # "the electronics chain Tolley and Marsh said": one body described
                DESCRIBED_BEFORE.search(text, max(0, first - 60), first) is not None
            )
            or (  # "Fair Trading and Prices Office": a second name opens with a name
                joined is not None
                and not joined[0].rstrip().endswith("the")
                and after.split()[0].lower() in written_lower
            )
        )
        if (
            joined
            and not one_body
            and (
                len(name_words(before)) > 1
                and name_words(before)[-1] in vocab.HEADS  # "Hessler GmbH and …"
                or len(name_words(before)) > 1  # not "Construction and Allied Trades Union"
                and _kind_of(before)
                and _kind_of(after)  # not "Office of Gas and Power Markets"
                or _pair_acting(text, before, after, last)  # "Orbis and Calloway said"
                or joined[0].rstrip().endswith("the")  # "Orsolt and the Metal … Union"
                and _kind_of(after)
            )
        ):
            yield first, first + joined.start(), role  # "Halden Energy and Ostra Power"
            yield first + joined.end(), last, False
        else:
            yield first, last, role


def _common_word(name: str, lower_case: set[str]) -> bool:
    """A word the text also writes in lower case, or its plural ("Orders" beside "order"),
    or one that is no name anywhere ("Parents")."""
    word = name.lower()
    plural = word.endswith("s") and word[:-1] in lower_case
    return word in lower_case or plural or word in vocab.PEOPLE


def _opens_sentence(text: str, start: int) -> bool:
    return bool(
        re.search(
            r"(?:^|[.!?]\s+|\n)[\s“\"]*(?:the\s+|rival\s+)?$", text[max(0, start - 9) : start], re.I
        )
    )


def _pair_acting(text: str, before: str, after: str, last: int) -> bool:
    """Two one-word names joined by "and" and doing what organisations do together
    ("Orbis and Calloway said on Wednesday they would merge"): two actors, not one name."""
    return (
        " " not in before
        and " " not in after
        and bool(before)
        and bool(after)
        and before.lower() not in vocab.NOT_NAMES
        and after.lower() not in vocab.NOT_NAMES
        and bool(ACTS.match(text[last : last + 60]))
    )


_OF_PART = re.compile(r"(\S+)\s+of\s+(?:the\s+)?(.+)$")
# Where a career goes: a name after these is an organisation ("joined Brightfield Renewables").
_CAREER_MOVE_TO = re.compile(
    r"\b(?:(?:re)?joined\s+(?:the\s+)?(?!from\b)(?:[a-z][\w-]*\s+){0,3}"  # "joined the
    r"|(?:moved|switched|returned|defected)\s+to\s+(?:the\s+)?)$"  # shipping line Orrent Lines"
)
# A place or owner in the possessive before a name of two words or more: "Ostria's Ministry
# of Consumer Affairs" ("McDonald's Corp." keeps its name: one word after it).
_PERSON_OF = re.compile(PERSON_OF)
_OWNER = re.compile(r"[^\s'’]+['’]s\s+(?=\S+\s+\S)")
# People a body is named for, not its owner: "The Children's Diabetes Trust".
_COMMON_OWNER = re.compile(r"(?:Children|Women|Men|People|Workers|Consumers|Patients)['’]s?\s")
_PERSONAL = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)


def _unknown_body_acting(text: str, start: int, end: int, name: str) -> bool:
    """A name of two or three capitalised words opening a clause and doing what
    organisations do ("Brightline Tours said on Tuesday it would cut jobs"), with nothing
    showing it to be a person's ("… said she would resign")."""
    words = [w for w in name.split() if w not in ("and", "&", "of")]  # "Brennan and Lusk Busworks"
    if not 2 <= len(words) <= 3 or any(w.lower().strip(".,") in vocab.NOT_NAMES for w in words):
        return False
    if not re.search(r"(?:^|[.!?;:,]\s*|\n)\s*(?:[Rr]ival\s+)?$", text[max(0, start - 10) : start]):
        return False
    if " and " in name and re.search(
        r"\b(?:joint|jointly|they|their|both)\b", text[end : end + 80]
    ):
        return False  # "Brenner Bau and Orlis said in a joint statement": two, acting together
    helper = re.match(r"\s+(?:has|have|had|will)(?=\s)", text[end : end + 8])  # "has won"
    end += helper.end() if helper else 0
    acts = ACTS.match(text[end : end + 60])
    if acts is None:
        return False
    return not _PERSONAL.search(text[end + acts.end() : end + acts.end() + 60])


# "Pennant Asset Management, which owns about 8 percent of Holloway, said": "which" is said
# of things, and a thing that does what organisations do (ACTS) after it is one.
_WHICH_THEN_SAYS = re.compile(r",\s+which\s+[^.;]{3,120}?,(?=\s+(?:also\s+)?\w)")


def _acting_pair_member(text: str, end: int) -> bool:
    """The first of a pair of names that acts together ("Orbis" in "Orbis and Calloway
    said"): it acts too."""
    pair = re.match(rf"\s+and\s+{_WORD}", text[end : end + 80])
    return bool(pair and ACTS.match(text[end + pair.end() : end + pair.end() + 60]))


_OPENER = re.compile(r"^[\s“\"(]*(?:(?:on|last|earlier|later|in|by)\s+\w+(?:\s+\w+)?,\s*)?$", re.I)


def unknown_subject(sentence: str, known: frozenset[str]) -> str | None:
    """The name of two or three words that opens a sentence (after "On Tuesday,") when
    the article gives no organisation for it: someone whose statement is not the topic's."""
    for start, end, _role in _names(sentence):
        name = core_name(sentence[start:end])
        if _OPENER.match(sentence[:start]) and 2 <= len(name.split()) <= 3:
            return None if name in known or _kind_of(name) else name
        return None
    return None


def find_organisations(text: str, lanes: Sequence[str] = ()) -> list[Organisation]:
    """Every organisation named in `text`, in order of first mention. Existing lanes named
    in it come first as they are spelled there, so an actor is a lane whenever it can be."""
    found: dict[str, Organisation] = {}
    lowered = text.casefold()
    for lane in lanes:
        at = lowered.find(lane.casefold())
        if at >= 0 and re.match(r"\W", text[at + len(lane) : at + len(lane) + 1] or " "):
            found[lane.casefold()] = Organisation(lane, "company", at, {lane}, lane)
    persons = people(text)
    lower_case = set(re.findall(r"\b[a-z]\w*", text))  # words the text writes in lower case
    first_names = {person.split()[0] for person in persons if " " in person}
    surnames = _surnames(text)
    councils_in_lower_case(text, found)  # "the Ostra city council"
    unplaced: list[tuple[int, str]] = []  # names no rule below places, for a second look
    taken = {alias for o in found.values() for alias in o.aliases}  # kept up to date below
    for start, end, after_role in _names(text):
        owner = _OWNER.match(text, start, end)
        inner = re.search(r"['’]s\s", text[start:end])
        if (
            owner
            and not _COMMON_OWNER.match(owner[0])
            and _kind_of(core_name(text[owner.end() : end]))
        ):
            start = owner.end()  # "Ostria's Ministry of Consumer Affairs": the ministry
        elif inner and _kind_of(text[start : start + inner.start()]):
            end = start + inner.start()  # "Meridel Medical's GlucoLoop": the maker
        name = core_name(text[start:end])
        if (
            (part := _OF_PART.match(name))
            and part[1].lower() not in vocab.OPENING_HEADS | vocab.HEADS.keys()
            and _kind_of(part[2])
        ):  # "Customers of Denholm Water": the company is what follows "of"
            start += part.start(2)
            name = part[2]
        if not name or name.casefold() in found or name in persons or after_role or name in taken:
            continue
        kind = _kind_of(name)
        if (
            kind is None
            and "," in name
            and any(  # "Greer, Pell and Rowan said": a firm
                ACTS.match(text[m.end() : m.end() + 60]) for m in re.finditer(re.escape(name), text)
            )
        ):
            kind = "company"
        shorter = called_without_trade(text, name) if kind is None else None
        if shorter:
            kind = "company"  # "Aldwick and Rowe Confectionery", later "Aldwick and Rowe"
        after = text[start + len(name) : start + len(name) + 200]
        acronym = _ACRONYM_AFTER.match(after)
        described = DESCRIBED_BEFORE.search(text, max(0, start - 100), start) or (
            THEIR_KIND.search(text, max(0, start - 40), start)  # "Her group, Fair Banking Watch"
            or KIND_THEN_NAME.search(text, max(0, start - 40), start)  # "The coalition, X,"
            or apposed_before(text, start, name)
        )
        if kind is None and described:
            kind = vocab.GENERIC.get(described[2].lower(), "organisation")  # "the group Fenmark"
        apposition = APPOSITION.match(re.sub(r"^['’]s?", "", after))
        if kind is None:
            company_said = THE_COMPANY_SAID.match(after)
            if apposition:
                kind = vocab.GENERIC.get(apposition[1].lower(), "organisation")
            elif (
                acronym
                or company_said is not None
                and len(name.split()) <= 3
                and not (" " not in name and _common_word(name, lower_case))  # "Orders open …"
                and not AS_ROLE.search(company_said[0])
                and not re.search(r"\d", text[start : end + 3])  # "AirDry 500", "X9": products
                and _opens_sentence(text, start)  # not "… sold in Britain and Ireland …"
            ):
                kind = "company" if not acronym else "organisation"
            elif (  # "The Wexley Courier said": a body whatever its name ends with
                re.search(r"\b[Tt]he\s+$", text[max(0, start - 4) : start])
                and name not in persons
                and ACTS.match(text[end : end + 60])
            ):
                kind = "organisation"
            elif (
                (
                    " " not in name
                    and name.lower() not in vocab.NOT_NAMES
                    and name.lower() not in lower_case  # "Staff said", "staff" written too
                    and name not in first_names
                    and name not in surnames
                    and (ACTS.match(text[end : end + 60]) or _acting_pair_member(text, end))
                )
                or _unknown_body_acting(text, start, end, name)
            ):
                kind = "company"
            elif (
                len(name.split()) <= 4
                and _opens_sentence(text, start)
                and (which := _WHICH_THEN_SAYS.match(text, end))
                and ACTS.match(re.sub(r"^\s+also\b", "", text[which.end() : which.end() + 70]))
            ):
                kind = "company"  # as a one-word name that acts is (its full name found later)
        if kind is None and re.search(rf"[^\W\d_]\s*&\s*[{UPPER}]", name):
            kind = "company"  # "Hollins & Crane", "Fenwick & Dunn": a firm's name
        if kind is None and _CAREER_MOVE_TO.search(text, max(0, start - 30), start):
            kind = "company"  # "she joined Brightfield Renewables as …": a workplace
        if (
            kind is None
            and 1 <= len(name.split()) <= 4
            and name.lower() not in vocab.NOT_NAMES
            and not _person_before(text, start)
            and not _person_after(text, end)
        ):
            unplaced.append((start, name))
        if kind is None or (
            not described
            and _kind_of(name) is None  # "the Water Services Authority, the regulator, …"
            and (_person_before(text, start) or _person_after(text, end))
        ):
            continue
        if (
            len(name_words(name)) == 1
            and name_words(name)[0] in vocab.HEADS
            and not house_by_kind(name, found.values())
        ):
            continue  # "Commission" alone is a short form, not a name
        organisation = Organisation(name, kind, start, {name})
        if apposition and re.fullmatch(r"['’]s", text[start + len(name) : end]):
            # "Hartley's, the country's largest baby-goods chain": the shop's own name
            organisation.name = text[start:end]
            organisation.aliases.add(organisation.name)
        if described:
            organisation.called.update((described[1] + described[2]).lower().split())
        if apposition:  # "Castrelo Tram Partners, a consortium of …": "the consortium" later
            organisation.called.add(apposition[1].lower())
        if acronym:
            organisation.aliases.add(acronym[1])
        add_shorter_names(organisation)
        if shorter:
            organisation.aliases.add(shorter)
        add_first_word(organisation, found)
        found[name.casefold()] = organisation
        taken |= organisation.aliases
    drop_lone_houses(found)
    second_look(text, found, unplaced)
    bodies_by_place(text, found)
    acronyms_of(text, found)
    full_name_later(found)
    name_in_full(text, found.values(), persons)
    return sorted(found.values(), key=lambda o: o.first)


def _surnames(text: str) -> set[str]:
    """Last words of names of two or three words that are no organisation's ("Daniel
    Forsythe"): "Forsythe said" is that person speaking, not a company called Forsythe."""
    result = set()
    for start, end, _role in _names(text):
        name = core_name(text[start:end])
        words = name.split()
        if (
            2 <= len(words) <= 3
            and _kind_of(name) is None
            and all(w[:1].isupper() for w in words)  # not "Listings on Roomly"
            and not re.search(r"\bthe\s+$", text[max(0, start - 4) : start], re.I)
        ):
            result.add(words[-1])
    return result


def people(text: str) -> dict[str, int]:
    """Capitalised names the text shows to be people's, each with where it appears first;
    a surname alone ("Doe") counts once the full name has been seen."""
    names: dict[str, int] = {}
    runs = [(start, end, role, core_name(text[start:end])) for start, end, role in _names(text)]
    for start, end, after_role, name in runs:
        if not 2 <= len(name.split()) <= 3 or _kind_of(name):
            continue
        if (
            after_role
            or _person_before(text, start)
            or _person_after(text, end)
            or _WHO_AFTER.match(text, end)
        ):
            names.setdefault(name, start)
            names.setdefault(name.split()[-1], start)
    # "Ilves, 49, joined …": an age makes a surname a person's, and the full name too
    full = {name.split()[-1]: (name, start) for start, _e, _r, name in runs if " " in name}
    for _start, end, _role, name in runs:
        if name in full and _AGE.match(text[end : end + 8]):
            whole, first = full[name]
            names.setdefault(whole, first)
            names.setdefault(name, first)
    return names


# ", whose Ministry of the Environment …": said of a person (an organisation would not
# have a ministry or a party).
_WHO_AFTER = re.compile(
    rf",\s+(?:whose\s+(?:the\s+)?(?:[{UPPER}]\w*\s+)*?(?:Ministry|Department|Office|"
    r"Agency|Authority|Commission|Council|Company|Party|Union|Bank|Group|Board|Committee)\b"
    r"|who\s+(?:speaks\s+for|represents|chairs|leads|heads|runs)\s)"  # "…, who chairs a group"
)
_AGE = re.compile(r",\s*[1-9][0-9],")
