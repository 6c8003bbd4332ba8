"""Whom each person an article names speaks for: the organisation named nearest them
("Jane Doe, chief executive of Acme", "Acme's chief executive Jane Doe"), so that "Doe said
on Monday" is the organisation's statement. Used with organisations.py's names.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from timeline_app.ingest import org_words as vocab
from timeline_app.ingest.mentions import NameIndex, mentions, recent_fit
from timeline_app.ingest.name_completion import is_town_council
from timeline_app.ingest.organisation_records import UPPER, Mention, Organisation, name_words
from timeline_app.ingest.organisations import people


def _free(text: str, at: int, end: int) -> bool:
    """A person described as acting for themselves ("the sprinter Ilona Varga")."""
    return bool(
        re.search(rf"\b(?:{vocab.FREE_ROLES})\s*,?\s*$", text[max(0, at - 30) : at], re.I)
        or re.match(
            rf",\s+(?:an?|the)\s+(?:\w+\s+)?(?:{vocab.FREE_ROLES})\b", text[end : end + 40], re.I
        )  # fmt: skip
    )


# What follows a person's name and says whom they work for: ", the chief executive of",
# ", a spokeswoman for", ", whose" (the organisation after it is theirs).
_ROLE_OF = re.compile(
    rf",\s+(?:\d+,\s+)?(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){{0,3}}?{vocab.ROLES}\s+"
    r"(?:of|at|for|with)\s+|,\s+whose\s+",
    re.I,
)
# The post someone takes up, in the first sentences of an article about them: "she was sworn
# in as head of the National Audit Office", "was appointed chief executive of …".
_TAKES_UP = re.compile(
    rf"\b(?:sworn\s+in|appointed|named|elected|installed|confirmed)\s+(?:as\s+)?(?:the\s+)?"
    rf"(?:new\s+)?(?:[\w-]+\s+){{0,2}}?{vocab.ROLES}\s+(?:of|at)\s+(?:the\s+)?$",
    re.I,
)


def _portfolio(titled: re.Match[str] | None, organisations: Sequence[Organisation]):
    """ "Environment Minister Anna Soranen": the Ministry of Environment … the article names,
    before or after her."""
    if titled is None or not re.search(r"minister\s*,?\s*$", titled[0], re.I):
        return None
    word = titled[1].lower()
    return next(
        (o for o in organisations if o.name.lower().startswith("ministry") and word in
         name_words(o.name)),
        None,
    )  # fmt: skip


def _post_taken_up(
    text: str, lede: Sequence[tuple[int, int]], named: Sequence[Mention]
) -> Organisation | None:
    """The organisation whose post the article's first person takes up in its first
    sentences (the news of a profile), which they speak for from then on, whatever
    organisation their career began at."""
    for start, end in lede:
        for mention in named:
            if start <= mention.start < end and _TAKES_UP.search(
                text, max(start, mention.start - 80), mention.start
            ):
                return mention.organisation
    return None


_CLAUSE_OPENS = re.compile(r"(?:^|[,;:.!?\"”“(]|\bthat)\s*$")
_TITLED = re.compile(rf"\b([A-Za-z]+)\s+{vocab.ROLES}\s*,?\s*$", re.I)


# What a role is at when it is described, not named: "a spokeswoman for the group's lead
# underwriter", "head of product at the vacuum's distributor in the northern markets".
_DESCRIBED = re.compile(
    r"(?:[\w-]+\s+(?:at|for|of)\s+)?"  # ("head of product at the …")
    rf"(?:the|its|their)\s+(?:[\w'’-]+\s+){{0,3}}({'|'.join(sorted(vocab.GENERIC))})\b(?!['’])"
)


def _named_later(
    text: str, at: int, person_at: int, named: Sequence[Mention], earlier: list[Organisation]
) -> Organisation | None:
    """The organisation a description points forward to: one named after the person with
    the description's word just before its name ("The distributor, Nordhem Trading, will",
    "Its lead underwriter then and now is Harrow Reinsurance"), when no organisation named
    before fits the word."""
    described = _DESCRIBED.match(text, at)
    if described is None:
        return None
    word = described[1]
    fitting = {word, *vocab.NAMED_BY.get(word, ())}
    if any(fitting & set(name_words(o.name)) for o in earlier):
        return None  # "a spokeswoman for the insurer": Vossberg Insurance, named before
    for mention in named:
        if (
            mention.start > person_at
            and mention.how == "name"
            and re.search(rf"\b{word}\b[^.;]{{0,30}}$", text[max(0, mention.start - 40) :
                                                           mention.start], re.I)
        ):  # fmt: skip
            return mention.organisation
    return None


# A sentence soon after naming the person's own body: "Her organisation, the Association of
# Household Appliance Manufacturers, represents", "His group, the Selwyn Shipowners' …",
# "The group, the Kelmsford Athletic Supporters' Trust," (after "who chairs a fans' group").
_THEIR_OWN = re.compile(
    rf"(?:(?<=[.!?\"”]\s)|(?<=\n))(?:His|Her|The)\s+(?:[\w-]+\s+)?{vocab.OWN_BODY},\s+(?:the\s+)?"
)


def _their_own(
    text: str, sentence_end: int, names_at: dict[int, Organisation]
) -> Organisation | None:
    """The body a sentence within the next few names as the person's (with no one else
    named full in between, whose it would be); `names_at`: the bodies named, by offset."""
    own = _THEIR_OWN.search(text, sentence_end, sentence_end + 400)
    if own is None or re.search(
        rf"[{UPPER}][a-z]+\s+[{UPPER}][a-z]+,\s", text[sentence_end : own.start()]
    ):
        return None
    return names_at.get(own.end())


_SUCCEEDED = re.compile(vocab.SUCCEEDED)


def _post_holder(
    text: str,
    sentence_start: int,
    at: int,
    inside: Sequence[Mention],
    known: dict[str, Organisation],
    persons: dict[str, int],
) -> Organisation | None:
    """The body whose post changes hands in the sentence: the one opening it ("Vossberg
    Insurance said … would become its chair, replacing …"), else that of the person who
    takes the post, named before in it or just before it ("She succeeds …")."""
    opener = next((m for m in inside if m.start < at), None)
    if opener is not None and not text[sentence_start : opener.start].strip(" \"“'‘"):
        return opener.organisation
    taking = [p for p, p_at in persons.items() if sentence_start <= p_at < at and p in known]
    if not taking and re.search(r"\b(?:[Hh]e|[Ss]he)\b", text[sentence_start:at]):
        # "She succeeds Pieter Haas": the person named last before, whom "she" stands for
        taking = [p for p, p_at in persons.items() if p_at < sentence_start and p in known]
    return known[max(taking, key=persons.__getitem__)] if taking else None


# "its chief executive, Anil Doshi," / "Marion Leclerc, its chief pharmacist,": "its" is
# the body the clause is about, not whichever was named nearest the person.
_ITS_ROLE_BEFORE = re.compile(rf"\b(?:[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){{0,3}}?{vocab.ROLES},\s+$")
_ITS_ROLE_AFTER = re.compile(rf",\s+(?:its|their)\s+(?:[\w-]+\s+){{0,3}}?{vocab.ROLES}\b")


def _its(
    text: str, at: int, person: str, inside: Sequence[Mention], before: Sequence[Mention]
) -> Organisation | None:
    """The body "its" stands for beside a person's post: the first named in the sentence
    before the person, else the first named in the sentence before this one (`before`)."""
    if not (
        _ITS_ROLE_BEFORE.search(text, max(0, at - 80), at)
        or _ITS_ROLE_AFTER.match(text, at + len(person))
    ):
        return None
    here = [m for m in inside if m.end <= at]
    first = here[0] if here else before[0] if before else None
    return first.organisation if first is not None else None


def affiliations(
    text: str, spans: Sequence[tuple[int, int]], organisations: Sequence[Organisation]
) -> dict[str, Organisation]:
    """Whom each person speaks for: the organisation named nearest their first mention in
    its sentence ("Jane Doe, chief executive of Acme", "Acme's chief executive Jane Doe",
    "the chamber's president, Gordon Ashby"), else the one named last before it ("Chief
    Executive Dana Whitlock said"); keyed by full name and by surname."""
    persons = people(text)
    named: list[Mention] = []
    recent: list[Organisation] = []
    names = NameIndex(organisations, {})
    for start, end in spans:
        here = mentions(text[start:end], start, organisations, {}, recent, names=names)
        named += here
        for mention in here:
            if mention.organisation in recent:
                recent.remove(mention.organisation)
            recent.append(mention.organisation)
    result: dict[str, Organisation] = {}
    names_at = {m.start: m.organisation for m in named if m.how == "name"}
    starts, ends = [m.start for m in named], [m.end for m in named]
    span_starts = [start for start, _end in spans]
    full_names = [(at, person) for person, at in persons.items() if " " in person]
    first_person = min(full_names)[1] if full_names else None
    for person, at in sorted(persons.items(), key=lambda p: p[1]):
        if " " not in person:
            continue
        sentence = next(((s, e) for s, e in spans if s <= at < e), (at, at))
        # (the mentions run in the text's order, none overlapping: slices, not passes)
        inside = named[bisect_left(starts, sentence[0]) : bisect_left(starts, sentence[1])]
        before = named[: bisect_right(ends, at)]
        earlier = [m.organisation for m in before]
        titled = _TITLED.search(text[max(0, at - 40) : at])  # "Council leader Priya …"
        role_of = _ROLE_OF.match(text, at + len(person))  # "…, the chief executive of Acme"
        if role_of and (
            "former" in role_of[0].lower() or not _CLAUSE_OPENS.search(text, max(0, at - 12), at)
        ):
            role_of = None  # "named Jo Bell, the head of Bolt, as …": Bolt is her past
        courts = [o for o in earlier or organisations if o.kind == "court"]
        if re.search(r"\b(?:Judge|Justice)\s+$", text[max(0, at - 10) : at]) and courts:
            result[person] = courts[-1]  # "Judge Martin Okafor told jurors": the court
            result.setdefault(person.split()[-1], courts[-1])
            continue
        pick = (
            next((m for m in inside if role_of and role_of.end() <= m.start <= role_of.end()
                  + 40 and not text[role_of.end() : m.start].strip(" ,").count(",")), None)
            or (recent_fit(earlier, titled[1].lower(), [], capitalised=True) if titled else None)
            or _portfolio(titled, organisations)
            or min(inside, key=lambda m: (m.start > at, abs(m.start - at)), default=None)
        )  # fmt: skip
        if _SUCCEEDED.search(text, max(0, at - 30), at) and (
            holder := _post_holder(text, sentence[0], at, inside, result, persons)
        ):
            pick = holder  # "…, replacing Henrik Sallinen": the same post, the same body
        if re.search(r"\b[Mm]ayor\s+$", text[max(0, at - 8) : at]) and (
            council := next((o for o in organisations if is_town_council(o.name)), None)
        ):
            pick = council  # "Mayor Lucia Ferran said": the town's council
        if role_of and (later := _named_later(text, role_of.end(), at, named, earlier)):
            pick = later  # "…, head of product at the vacuum's distributor": named after
        elif not (role_of and isinstance(pick, Mention) and pick.how == "name") and (
            own := _their_own(text, sentence[1], names_at)
        ):
            pick = own  # "… said on Thursday. Her organisation, the Association of …, has"
        previous = spans[max(0, bisect_right(span_starts, sentence[0]) - 2)]
        before_sentence = named[bisect_left(starts, previous[0]) : bisect_left(starts, previous[1])]
        if sentence[0] == previous[0]:
            before_sentence = []  # (the first sentence has none before it)
        if (owner := _its(text, at, person, inside, before_sentence)) is not None:
            pick = owner  # "Orbis cut prices, and its chief executive, Leif Amundsen, said"
        if pick is None and before:
            pick = before[-1].organisation
        if pick is None:  # named first of all: the first organisation of the paragraph
            paragraph_end = text.find("\n\n", at)
            limit = paragraph_end if paragraph_end >= 0 else len(text)
            after = [m for m in named if at < m.start < limit]
            pick = after[0].organisation if after else None
        if isinstance(pick, Mention):
            pick = pick.organisation
        if person == first_person and (post := _post_taken_up(text, spans[:2], named)):
            pick = post  # a profile's news: "she was sworn in as head of the … Office"
        if _free(text, at, at + len(person)):
            continue
        if pick is not None:
            result[person] = pick
            result.setdefault(person.split()[-1], pick)
    return result
