"""Where a sentence names an organisation the article has named: by its name or an alias,
through a person who speaks for it, or by a short form that points back at one ("the
company", "The Commission", "the airline" for "the low-cost airline Skyvane"). Kept apart
from organisations.py, which finds the names themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from timeline_app.ingest import org_words as vocab
from timeline_app.ingest.organisation_records import (
    DESCRIPTION_GOES_ON,
    SAYS_AFTER,
    Mention,
    Organisation,
    name_words,
    named_at,
)


@lru_cache(maxsize=4096)
def _pattern(alias: str) -> re.Pattern[str]:
    """Compiled once per name: re's own cache holds 512 and an article's names and the
    category cues would push each other out of it."""
    return re.compile(rf"(?<![\w-]){re.escape(alias)}(?:['’]s?)?(?![\w-])")


_COUNTS = {"two", "three", "four", "both", "all", "several", "main", "new", "same"}


# "the company", "This regulator": up to four words, none of them a word that ends a noun
# phrase ("Its leader on the council" is a leader, not the council; "its" is a pronoun's,
# read by the pronoun rules).
_FUNCTION = (
    r"(?:the|a|an|of|on|in|at|to|for|with|by|from|and|or|but|that|which|who|its|their|his|"
    r"her|is|was|are|were|will|would|has|had|said|says)"
)


# Words before a short form's head that say nothing of the body's name:
# "the Ellbridge-based group".
_SAYS_NOTHING_OF_NAME = re.compile(r"[\w'’]+-based")
_SHORT = re.compile(
    rf"\b(?:[Tt]he|[Tt]his)\s+((?:(?!{_FUNCTION}\b)[A-Za-z-]+(?:['’]s?)?\s+){{0,3}}"
    rf"(?!{_FUNCTION}\b)[A-Za-z-]+)",
    re.I,
)


_OWNER_ENDING = re.compile(r"['’]s?$")


def _short_forms(
    sentence: str,
    offset: int,
    earlier: Sequence[Organisation],
    named_here: Sequence[Mention] = (),
    subject_before: Organisation | None = None,
) -> Iterable[Mention]:
    """ "the company", "The Commission", "the county environmental office": the most recent
    organisation whose kind or name the words fit (the first head noun ends the words);
    when the words say who said it, those the sentence itself named before them count as
    the most recent ("Fenwick & Dunn will sell …, the chain said": Fenwick & Dunn)."""
    for m in _SHORT.finditer(sentence):
        words = m[1].split()  # (a word may be an owner's: "The prosecutor's office")
        bare = [_OWNER_ENDING.sub("", w) for w in words]
        at = next((i for i, w in enumerate(bare) if w.lower() in vocab.KIND_WORDS), None)
        if at is None:
            continue
        words[at] = bare[at]  # "the company's chief executive": the company
        head = words[at].lower()
        modifiers = [
            w.lower().replace("’", "'")
            for w in words[:at]
            if w.lower() not in _COUNTS and not _SAYS_NOTHING_OF_NAME.fullmatch(w.lower())
        ]
        end = m.start(1) + len(" ".join(words[: at + 1]))
        recent = list(earlier)
        if SAYS_AFTER.match(sentence, end):  # "…, the chain said": who said it
            before = [x for x in named_here if x.end <= offset + m.start()]
            recent += [x.organisation for x in before]
            # the sentence's subject first of all ("Acme has hired Jo Bell, the head of
            # Bolt, as its chief executive, the company said": Acme)
            recent += [x.organisation for x in before[:1] if _opens(sentence, x.start - offset)]
        capitalised = words[at][0].isupper()
        organisation = None
        if subject_before is not None and not modifiers and _opens(sentence, m.start()):
            # "The company also said …" goes on with the subject of the sentence before,
            # though another company was named after it (not "The action group …": its
            # own words say which)
            generic = head in ("company", "firm", "group", "organisation", "organization")
            organisation = recent_fit([subject_before], head, modifiers, capitalised, generic)
        organisation = organisation or recent_fit(recent, head, modifiers, capitalised)
        if organisation is not None:
            yield Mention(organisation, offset + m.start(), offset + end, "short")


# People who act for a body the article has named, called by their trade or by the body's
# head noun: "Prosecutors searched …" (the Public Prosecutor's Office), "Council officials
# will review …" (the city council), "Inspectors from …" is the rule in clauses.py.
_STAFF = re.compile(
    r"\b(?:(Prosecutors|Inspectors|Auditors|Investigators)|([A-Z][a-z]+)\s+(?:officials|staff|"
    r"inspectors|lawyers))\b"
)
_TRADE_STEMS = {"prosecutors": "prosecut", "inspectors": "inspect", "auditors": "audit",
                "investigators": "investigat"}  # fmt: skip


def _staff(sentence: str, offset: int, earlier: Sequence[Organisation]) -> Iterable[Mention]:
    """Staff who stand for a body already named (their words fit its name)."""
    for m in _STAFF.finditer(sentence):
        if m[1]:
            stem = _TRADE_STEMS[m[1].lower()]
            fits = [o for o in earlier if any(w.startswith(stem) for w in name_words(o.name))]
        else:
            head = m[2].lower()
            if head not in vocab.HEADS:
                continue
            fits = [o for o in earlier if head in name_words(o.name)]
        if fits:  # the one the article named first: its main body of that kind
            chosen = min(fits, key=lambda o: o.first)
            yield Mention(chosen, offset + m.start(), offset + m.end(), "short")


def _opens(sentence: str, at: int) -> bool:
    return bool(re.fullmatch(r"[\W]*(?:the\s+)?", sentence[:at], re.I))


_BENCH = {"judge", "judges", "bench", "panel", "chamber", "division"}  # of a court


@lru_cache(maxsize=4096)
def _words_of(name: str) -> frozenset[str]:
    """A name's words, made once per name: a long text asks for them at every short form."""
    return frozenset(name_words(name))


def recent_fit(
    recent: Sequence[Organisation],
    head: str,
    modifiers: list[str],
    capitalised: bool,
    by_kind: bool = True,
) -> Organisation | None:
    """The most recent organisation the words name ("the county environmental office"),
    else, for lower-case words, the most recent of their kind ("the department-store
    chain" is the last company) unless `by_kind` is False ("the airline" is no railway)."""
    if not modifiers:  # "the orchestra" again: the one it stood for first, if named by it
        for organisation in reversed(recent):
            if head in organisation.called and head in _words_of(organisation.name):
                return organisation
    bench = head in _BENCH and bool(modifiers)
    for organisation in reversed(recent):
        named = _words_of(organisation.name)
        called = organisation.called
        if not (head in named or head in called or bench and organisation.kind == "court"):
            continue  # (most are neither: spare them the modifiers)
        if all(w in named or w in called for w in modifiers):
            if head in named or head in called:
                if head in named and head not in vocab.GENERIC_COMPANY:
                    called.add(head)
                return organisation
            return organisation  # "the appeal judges": the Court of Appeal
    if capitalised:
        return None
    related = frozenset(vocab.NAMED_BY.get(head, ()))
    if related:
        for organisation in reversed(recent):  # "the insurer": Vossberg Insurance
            if not related.isdisjoint(_words_of(organisation.name)):
                return organisation
    if not by_kind:
        return None
    # ("the board" is a company's or an organisation's, whichever was named last)
    board = head == "board" and not modifiers
    kinds = ("company", "organisation") if board else (vocab.GENERIC.get(head),)
    found = next((o for o in reversed(recent) if o.kind in kinds), None)
    if found is not None:
        found.called.add(head)  # "the watchdog" is this one from now on, whoever is named later
    return found


_WORD = re.compile(r"\w+")


class NameIndex:
    """The names and aliases of an article's organisations and the people who speak for
    them, by their first word: a sentence is searched only for the names whose first word
    it holds, not for every name the article holds (in a long report, thousands)."""

    def __init__(
        self, organisations: Sequence[Organisation], affiliated: dict[str, Organisation]
    ) -> None:
        named = [
            (organisation, alias, "name")
            for organisation in organisations
            for alias in sorted(organisation.aliases | {organisation.name})
        ]
        people = [(organisation, person, "person") for person, organisation in affiliated.items()]
        self._by_word: dict[str, list[tuple[int, Organisation, str, str]]] = {}
        self._always: list[tuple[int, Organisation, str, str]] = []
        for place, (organisation, name, how) in enumerate(named + people):
            first = _WORD.match(name)  # a name opening with a sign is looked for everywhere
            entry = (place, organisation, name, how)
            (self._by_word.setdefault(first[0], []) if first else self._always).append(entry)

    def in_sentence(self, sentence: str) -> list[tuple[Organisation, str, str]]:
        """(organisation, name, how) for every name that may occur in `sentence`, in the
        order of the article's organisations (the rest cannot)."""
        entries = list(self._always)
        for word in set(_WORD.findall(sentence)):
            entries += self._by_word.get(word, ())
        return [(organisation, name, how) for _place, organisation, name, how in sorted(entries)]


def mentions(
    sentence: str,
    offset: int,
    organisations: Sequence[Organisation],
    affiliated: dict[str, Organisation],
    earlier: Iterable[Organisation],
    subject_before: Organisation | None = None,
    names: NameIndex | None = None,
) -> list[Mention]:
    """The organisations `sentence` (at `offset` in the text) names, in order: by name or
    alias, by a person who speaks for one, or by a short form pointing back at one of
    `earlier` (the organisations named before it, most recent last); a short form opening
    the sentence stands first for `subject_before` (the subject of the sentence before).
    `names`: the index of `organisations` and `affiliated`, made once per article."""
    names = names or NameIndex(organisations, affiliated)
    found: list[Mention] = []
    for organisation, name, how in names.in_sentence(sentence):
        if name not in sentence:
            continue  # the pattern needs the name as written: most sentences lack it
        for m in _pattern(name).finditer(sentence):
            found.append(Mention(organisation, offset + m.start(), offset + m.end(), how))
    named = sorted(found, key=lambda x: x.start)
    found += _short_forms(sentence, offset, list(earlier), named, subject_before)
    found += _staff(sentence, offset, list(earlier))
    # The longest wins where mentions overlap ("Acme Robotics" over "Acme").
    kept: list[Mention] = []
    for mention in sorted(found, key=lambda x: (x.start - x.end, x.start)):
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    kept.sort(key=lambda x: x.start)
    # "the Office of the Data Protection Commissioner (ODPC)": the acronym in brackets is
    # the same mention again, not a new subject
    kept = [
        m for m, earlier in zip(kept, [None, *kept], strict=False)
        if not (earlier is not None and earlier.organisation is m.organisation
                and re.fullmatch(r"\s*\(", sentence[earlier.end - offset : m.start - offset]))
    ]  # fmt: skip
    # "the security firm Halyard Cyber", "The group, the Kelmsford Supporters' Trust,": the
    # words before a name describe it, they point back at no other firm; nor do those of an
    # apposition after it ("the Civic Renewal party, the largest group on the council, said")
    return [
        m for m, before, following in zip(kept, [None, *kept], [*kept[1:], None], strict=False)
        if not (m.how == "short" and following is not None and following.how == "name"
                and _DESCRIBES_NEXT.fullmatch(sentence, m.end - offset, following.start - offset))
        and not (m.how == "short" and before is not None and before.how == "name"
                 and _APPOSED.fullmatch(sentence, before.end - offset, m.start - offset)
                 and _NOUN_GOES_ON.match(sentence, m.end - offset))
    ]  # fmt: skip


# Between a short form and the name it describes: "the security firm Halyard Cyber", "The
# group, the Kelmsford Supporters' Trust", "The main contractor on the site, Arkwright Bayliss".
_DESCRIBES_NEXT = re.compile(rf"(?:{DESCRIPTION_GOES_ON})?\s*,?\s*(?:the\s+)?")
# Between a name and a short form that describes it: "Civic Renewal party, the largest group"
_APPOSED = re.compile(r"(?:\s+[a-z]+)?,\s+")
# What follows a short form that is a noun phrase going on, not a subject with its verb.
_NOUN_GOES_ON = re.compile(r"\s*(?:,|(?:on|in|of|at|for|after|with|among|behind|since)\b)")


# A body described, not named, as a clause's subject: "A court in the northern city of
# Dornhaven ruled on Wednesday", "…, a union representing most of them said on Monday".
_DESCRIBED_SUBJECT = re.compile(
    rf"(?:^\W*|,\s+)((?:A|An|a|an)\s+(?:[\w'’-]+\s+){{0,3}}?({'|'.join(sorted(vocab.GENERIC))}))\b"
    # or a definite one with a clause that says which: "The agency that administers farm
    # subsidies said on Thursday"
    rf"|^\W*(The\s+({'|'.join(sorted(vocab.GENERIC))}))\s+(?=that|which|who)\b"
)
# The next sentences naming it: "The court, the Dornhaven Regional Court, also ordered".
_NAMED_NEXT = r"(?:^|(?<=[.!?\"”]\s)|(?<=\n))The\s+{kind},\s+(?:the\s+)?"


def described_ahead(
    text: str, start: int, end: int, organisations: Sequence[Organisation]
) -> Mention | None:
    """The body a sentence (text[start:end]) describes as its subject and the next sentences
    name in the same words ("A coalition of angling clubs said … The coalition, Rivers
    First, said"), as a mention of it where the description stands."""
    described = _DESCRIBED_SUBJECT.search(text[start:end])
    if described is None:
        return _named_next_sentence(text, start, end, organisations)
    group = 1 if described[1] else 3  # an indefinite description, or a definite one
    kind = described[group + 1]
    here = (start + described.start(group), start + described.end(group))
    named = re.compile(_NAMED_NEXT.format(kind=re.escape(kind)), re.I).search(text, end, end + 600)
    if named is None:
        # else the first body named after it whose name says the same ("an employment
        # tribunal ruled on Wednesday … the Westbridge Employment Tribunal")
        later = [
            o for o in organisations
            if end <= o.first < end + 1500 and kind.lower() in name_words(o.name)
        ]  # fmt: skip
        if not later:
            return None
        return Mention(min(later, key=lambda o: o.first), *here, "short")
    fit = named_at(text, named.end(), organisations)  # "Dornhaven Regional Court", not "Dornhaven"
    return Mention(fit[0], *here, "short") if fit else None


# A body described by its place and kind, opening a sentence or after a comma: "The
# country's telecoms regulator will cap …", "…, the country's insurance regulator said". Named
# in full at the start of the next sentence, for the first time.
_PLACE_KIND = re.compile(
    rf"(?:^\W*|,\s+)[Tt]he\s+(?:(?:country|nation|state|city|region|province|government)['’]s|national|"
    rf"federal|state)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"({'|'.join(sorted(vocab.GENERIC))})\b"
)


_PUBLIC = {"government", "organisation"}  # a regulator named "… Supervisory Board"


def _named_next_sentence(
    text: str, start: int, end: int, organisations: Sequence[Organisation]
) -> Mention | None:
    """ "The country's telecoms regulator will cap … The Communications Regulatory
    Authority said …": the body of that kind the next sentence opens with, named there
    for the first time."""
    described = _PLACE_KIND.search(text[start:end])  # opening it, or "…, the country's …"
    if described is None:
        return None
    kind = vocab.GENERIC[described[1].lower()]
    # ("The regulator, the Office of the Data Protection Commissioner, said")
    following = re.match(r"\s*(?:The\s+[a-z]+,\s+)?(?:[Tt]he\s+)?", text[end : end + 40])
    at = end + (following.end() if following else 0)
    for organisation in organisations:
        if (
            (organisation.kind == kind or {organisation.kind, kind} <= _PUBLIC)
            and organisation.first >= end
            and text.startswith(organisation.name, at)
        ):
            return Mention(
                organisation, start + described.start(1), start + described.end(1), "short"
            )
    return None
