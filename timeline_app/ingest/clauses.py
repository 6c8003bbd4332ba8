"""Who acts in a clause of news English: the subject a dating phrase belongs to, not the
object of a verb or a preposition ("would ask the Court of Final Appeal"), with the forms
that still make a name a subject ("…, which told", "after the council approved",
"investigators from Halyard Cyber confirmed", "approved by the Council of Ministers"), and a
person's steps at the organisations of their career. proposals.py reads each sentence with
these rules; they only look at the words around a mention.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline_app.ingest import org_words as vocab
from timeline_app.ingest.dating import DateGuess
from timeline_app.ingest.organisation_records import (
    DESCRIPTION_GOES_ON,
    PERSON_OF,
    SAYS_AFTER,
    Mention,
    Organisation,
)

SUBJECT_BEFORE = re.compile(
    r"(?:^|[,;:(“\"]|\b(?:that|which|whom|and|but|while|when|because|although|as|so|where|whereas|"
    r"then|also|rival|its|the|a|an))\W*$",
    re.I,
)


_TIME_OPENER = re.compile(
    r"\W*(?:last|this|next|earlier|later|on|in|by)\s+[\w.]+(?:\s+\d{1,2}(?:st|nd|rd|th)?)?"
    r"(?:,?\s+\d{4})?\s*",
    re.I,
)


# Verbs in the past whose object a name after them is: "bought", "sent", "fined".
_DONE_VERBS = r"bought|sold|took|won|hit|told|sued|fined|sent|gave|paid|lent|chose|met|made|beat"
_VERBISH = re.compile(
    rf"\b(?:\w+ed|said|says|has|have|had|will|would|is|was|are|were|{_DONE_VERBS})\b", re.I
)


# A few words in lower case (after a capital opening the sentence) before the first name.
_DESCRIBED = re.compile(
    r"[\W]*(?!(?:of|in|at|for|from|to|by|with|on|about|after|before|under|over)\b)"
    r"[A-Za-z][a-z-]*(?:\s+(?!(?:of|in|at|for|from|to|by|with|on|about|and|or)\b)[a-z][a-z-]*)"
    r"{0,2}\s+",
    re.I,
)


# Lower-case words between "the" and a name describe it: what comes before them decides.
_DESCRIPTION = re.compile(
    r"\b(?:the|a|an)\s+(?:[A-Z][a-z]+\s+)?(?:(?!(?:the|a|an|of|for|in|on|at|to|with|by|from|"
    r"and|or)\b)[a-z][\w-]*\s+){1,3}$"  # "the French transport group Transalpe"
    r"|\b(?:its|their)\s+(?:[A-Z][a-z]+\s+)?[a-z][\w-]*\s+$"  # "its Danish owner Halvorsen"
)


# The members of a list before a name: "Aldergate Milling, Sorrel Grain and ".
_LISTED_BEFORE = re.compile(r"(?:[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*(?:,\s+|\s+and\s+))+$")
# A verb whose object the described name is: "bought the collapsed chain Trailfoot".
_DONE_TO = re.compile(rf"\b(?:[a-z]{{2,}}ed|{_DONE_VERBS})\s+$")
# A sentence opening with the words that say what the name after them is.
_DESCRIBED_OPENING = re.compile(
    r"\W*(?:The|A|An)\s+(?:[a-z][\w-]*\s+){0,3}([a-z][\w-]*)"
    rf"(?:\s+|(?:{DESCRIPTION_GOES_ON})?,\s+)"  # "… on the site, X"
)
_OWNER_BEFORE = re.compile(r"\b[A-Z][\w-]*['’]s\s+$")
# The object of a verb or a preposition, then its name: "fined a smaller supplier, "
# (Ravensmoor Water), "at two of its other titles, the " (Wenlock Courier).
_OBJECT_APPOSED = re.compile(
    rf"\b(?:[a-z]{{2,}}ed|{_DONE_VERBS}|at|of|in|on|for|with|to|from)\s+(?:(?:up|out|off)\s+)?"
    r"(?:a|an|the|its|their|two|three|four|several)\s+(?:[\w-]+\s+){0,4}?[a-z][\w-]*,\s+"
    r"(?:the\s+)?$"
)


_AFTER_PLACE_PREPOSITION = re.compile(
    r"\b(?:in|into|inside|across|throughout|within|outside)\s+(?:the\s+)?$", re.I
)


JOINED = re.compile(r"\s*(?:,|and|&|,\s*and)\s*(?:the\s+)?")


# Between two members of a list that acts as one subject: "Norrhavn Energi, Baltrex Steel and
# the port operator Kestel Harbour Group said", "X, five other patient groups and the Y".
_LISTED = re.compile(
    r"(?:['’]s?)?(?:\s*,\s*(?:(?!(?:which|who|whose|said|says|will|would|has|had|is|was)\b)"
    r"[a-z0-9][\w'’-]*\s+){0,4}?(?:(?:and|&)\s+)?|\s+(?:and|&)\s+"
    r"|,\s+an?\s+[a-z][\w\s'’-]{0,40},\s+(?:and|&)\s+)"  # "X, a wildlife charity, and the Y"
    r"(?:the\s+)?(?:(?!(?:which|who|whose|said|says|will|would|has|had|is|was)\b)"
    r"[a-z][\w-]*\s+){0,3}?"
)


_RELATIVE_AFTER = re.compile(r"^(?:['’]s?)?\.?\s*,?\s*(?:which|who|where)\b", re.I)


_PASSIVE_BY = re.compile(
    r"\b(?:was|were|been|is|are|be)\s+(?:\w+\s+)?(?:\w+(?:ed|en)|bought|sold|made|won|"
    r"brought|sought|taken|held|led|run|set|hit)\s+(?:(?:\d[\d,.]*|[^\s,;]+)\s+){0,3}?by\s+"
    r"(?:the\s+|a\s+|an\s+)?"  # "was fined £3.6 million by"
    r"(?:[a-z][\w-]*\s+){0,2}$"
    # with no "be", right after what was done: "Figures published by the council …"
    r"|\b(?:published|issued|released|commissioned|approved|proposed|filed|announced|"
    r"ordered|imposed|backed|adopted|introduced)\s+by\s+(?:the\s+)?$",
    re.I,
)


_PERSON_OF_BEFORE = re.compile(rf"\b{PERSON_OF}$")
_SPEAKS_FOR = re.compile(
    r"(?:^\W*|[^\w\s]\s*)(?:an?|the)?\s*(?:\w+\s+)?(?:judges?|jury|spokes\w+|official|lawyer|"
    r"representative|executive|board|management|directors|trustees|governors|committee|members|"
    r"chamber|panel|rector|dean|president|chairman|chairwoman|head)\s+"
    r"(?:at|of|for|from)\s+"
    r"(?:the\s+)?$",
    re.I,
)


# People who act for the organisation named after them ("investigators from the security
# firm Halyard Cyber confirmed"), when a verb follows the name.
_STAFF_OF = re.compile(
    r"\b(?:investigators|officials|lawyers|engineers|executives|inspectors|auditors|"
    r"scientists|researchers|representatives|staff|managers|directors|spokes\w+)\s+"
    r"(?:at|of|for|from)\s+(?:the\s+)?$",
    re.I,
)


# A clause's subject after a subordinating word, when a verb follows ("… from July 1,
# after Castlemere City Council approved the policy").
_SUBORDINATE = re.compile(
    r"\b(?:after|before|since|until|once|unless|if|because|when|while|as|where)\s+"
    r"(?:the\s+)?$",
    re.I,
)


# The object of a preposition, or of a verb after "to" or a modal ("would ask the Court of
# Final Appeal", "file a prospectus with the Securities Markets Authority").
_PREPOSITION_OBJECT = re.compile(
    r"\b(?:to|of|for|with|from|at|on|about|against|into|than|like|over|under|between|via)\s+"
    r"(?:the\s+)?$",
    re.I,
)


_OBJECT_BEFORE = re.compile(
    # "told the Westmoor Herald on Saturday", "asked the Mediation Office to …": who was told
    r"\b(?:told|asked|urged|invited)\s+(?:the\s+)?$|"
    + _PREPOSITION_OBJECT.pattern
    + r"|\b(?:to|will|would|could|should|must|may|might|can|shall|did|does|not|never)\s+"
    r"[a-z]+\s+(?:the\s+)?$"
    # "bought its rival Stenmark Logistics": what was done to, however described
    rf"|\b(?:[a-z]{{2,}}ed|{_DONE_VERBS})\s+(?:its|their|the|a)\s+(?:[a-z-]+\s+)?rival\s+$",
    re.I,
)


VERB_NEXT = re.compile(
    r"\s+(?:also\s+|then\s+|later\s+|last\s+|first\s+|previously\s+|recently\s+|already\s+|"
    r"had\s+|has\s+|have\s+)?(?:said|says|has|had|have|is|"
    r"was|were|are|will|would|could|should|can|may|might|must|did|does|do|plans?|expects?|"
    r"added|told|wants?|[a-z]+ed|[a-z]+s|found|made|took|gave|began|sent|paid|sold|bought|"
    r"won|lost|set|cut|put|hit|held|led|ran|wrote|brought|sought|spent|left|met|kept|went|"
    r"came|chose|drew|shut|struck|withdrew|overturned|oversaw|saw|became|grew|built|drove|"
    r"stood|spoke|fought|taught)\b"
)


def relative(sentence: str, offset: int, mention: Mention) -> bool:
    """ "Providence City Council, which told …": the subject of the clause after it."""
    return bool(_RELATIVE_AFTER.match(sentence[mention.end - offset : mention.end - offset + 12]))


def subject_like(sentence: str, offset: int, mention: Mention) -> bool:
    """Whether a mention can be who acts: at the start of a clause ("…, which told"
    counts for the mention before "which"), not the object of a verb or preposition."""
    local_start = mention.start - offset
    if relative(sentence, offset, mention):
        return True
    listed = (
        _LISTED_BEFORE.search(sentence, 0, local_start)
        if re.search(r"(?:,|\band)\s+$", sentence[max(0, local_start - 6) : local_start])
        else None  # (most names follow no list: spare them the search)
    )
    if listed and _DONE_TO.search(sentence, 0, listed.start()):
        return False  # "fined Aldergate Milling, Sorrel Grain and Brodin": all three fined
    if mention.how == "short" and not VERB_NEXT.match(sentence[mention.end - offset :]):
        det = re.search(r"\b(?:the|its|their)\s+$", sentence[:local_start])
        if _DONE_TO.search(sentence, 0, local_start - (len(det[0]) if det else 0)):
            return False  # "Halvorsen bought the company in 2008": what was bought
    if (
        mention.how == "name"
        and (described := _DESCRIPTION.search(sentence, 0, local_start))
        and not _DONE_TO.search(sentence, 0, described.start())
    ):
        local_start = described.start()  # "…, but the private equity firm Stanway Capital"
    elif (
        mention.how == "name"
        and (described_first := _DESCRIBED_OPENING.fullmatch(sentence, 0, local_start))
        and described_first[1].lower() in vocab.KIND_WORDS
    ):
        local_start = 0  # "The private rail operator Nordbahn Express will run …"
    if owner := _OWNER_BEFORE.search(sentence, 0, local_start):
        local_start = owner.start()  # "Ostria's Ministry of Consumer Affairs said"
    if _PASSIVE_BY.search(sentence[max(0, local_start - 40) : local_start]):
        return True  # "approved by the Council of Ministers on Thursday"
    if _SPEAKS_FOR.search(sentence[max(0, local_start - 40) : local_start]):
        return True  # "A judge at Halbury District Court ruled"
    if _PERSON_OF_BEFORE.search(sentence, max(0, local_start - 40), local_start):
        return True  # "Priya Raman of the Charity Finance Forum said"
    if _TIME_OPENER.fullmatch(sentence, 0, local_start):
        return True  # "Last month Halvern Foods cut prices", with no comma after the date
    if _DESCRIBED.fullmatch(sentence, 0, local_start) and not _VERBISH.search(
        sentence, 0, local_start
    ):
        return True  # "Rival app Pocketwise said", "The sports retailer Fenwick & Dunn will"
    before = sentence[max(0, local_start - 30) : local_start]
    verb_next = bool(VERB_NEXT.match(sentence[mention.end - offset :]))
    if verb_next and (_STAFF_OF.search(before) or _SUBORDINATE.search(before)):
        return True  # "investigators from X confirmed", "after X approved"
    if _AFTER_PLACE_PREPOSITION.search(before):
        return False  # "cleared the chip for sale in the European Union"
    if (
        not verb_next
        and SAYS_AFTER.match(sentence, mention.end - offset)
        and SUBJECT_BEFORE.search(before)
    ):
        return True  # "…, the company and the National Road Safety Administration said"
    opening = _opening(sentence)
    if opening is not None and local_start < opening:
        # who is named there reports, unless the clause says what they did ("According
        # to figures the directorate published in June, …")
        return verb_next and not _PREPOSITION_OBJECT.search(before)
    if _OBJECT_BEFORE.search(before):
        return False
    if not verb_next and _OBJECT_APPOSED.search(sentence, max(0, local_start - 60), local_start):
        return False  # "fined a smaller supplier, Ravensmoor Water, 4 million pounds"
    if verb_next and _THAT_LEFT_OUT.search(before):
        return True  # "the first time the watchdog has penalised …"
    return bool(SUBJECT_BEFORE.search(before))


# A clause whose "that" is left out, after a noun of time or reason: "It is not the first time
# the watchdog has …", "the day the council voted …".
_THAT_LEFT_OUT = re.compile(
    r"\b(?:time|times|day|week|month|year|moment|reason)\s+(?:the\s+)?$", re.I
)


def _opening(sentence: str) -> int | None:
    """Where an opening "According to …," clause ends: who is named there reports, not acts."""
    m = re.match(
        r"^\W*(?:according\s+to|as\s+reported\s+by|in\s+a\s+(?:statement|letter|report|"
        r"filing))\b[^,;]*,",
        sentence,
        re.I,
    )
    return m.end() if m else None


def actor_for(
    text: str, guess: DateGuess, subjects: list[Mention], relative: set[Mention]
) -> Mention | None:
    """Who acts at the date: the agent of a passive that names it after the date ("was
    bought a year ago by Vantor Holdings"), else the last possible subject before its phrase
    (the clause's), else the first after it that opens a clause ("Last Friday, the chamber
    urged …"; not "…, according to the cooperative, which represents …")."""
    before = [
        m for m in subjects if m.end <= guess.phrase_start and not _closed_aside(text, m, guess)
    ]
    after = next((m for m in subjects if m.start >= guess.phrase_end and m not in relative), None)
    agent = next((m for m in subjects if m.start >= guess.phrase_end), None)
    if agent is not None and _done_by(text, guess, agent):
        return agent  # "Dorran was bought a year ago by the industrial group Vantor Holdings"
    if before:
        at = len(before) - 1
        while at and _LISTED.fullmatch(text, before[at - 1].end, before[at].start):
            at -= 1  # "Halden Energy and Ostra Power signed": the first named
        if (
            after is not None
            and _NEW_CLAUSE.search(text, before[-1].end, guess.phrase_start)
            and re.fullmatch(r"[\s,]*", text[guess.phrase_end : after.start])
        ):
            return after  # "Racing Ostmund hired him in 2010, and in June 2013 he became …"
        return before[at]
    return after


_FOUNDED = re.compile(r"\w+\s+(?:\w+\s+)?(?:founded|formed|established|created|set)\b", re.I)


def _done_by(text: str, guess: DateGuess, agent: Mention) -> bool:
    """The date is inside a passive whose agent follows it: "was bought in 2007 by …"."""
    passive = _PASSIVE_BY.search(text, max(0, agent.start - 80), agent.start)
    return (
        passive is not None
        and passive.start() < guess.phrase_start
        and not _FOUNDED.match(passive[0])  # "was founded in 2014 by …": the founded one's
        and not re.search(r"[,;]", text[guess.phrase_end : agent.start])
    )


# A new clause opening with a date, its subject after it: ", and in June 2013 he …".
_NEW_CLAUSE = re.compile(r"(?:,\s*(?:and|but|while|then)|;)\s+[^,;]*$")


def career_step(
    text: str,
    actor: Mention,
    guess: DateGuess,
    found: list[Mention],
    phrases: list[DateGuess],
    known: Sequence[Organisation] = (),
) -> Mention | None:
    """A person's step at another organisation: "Aronsen joined Fenmark as an engineer in
    1988 and became its chief executive in 2012", "began her career in 1988 as an engineer
    at the aircraft maker Brentis Aerospace", "At Skyvane she negotiated …" are those
    organisations' events, not those of the organisation she speaks for now. The workplace
    named nearest before the date counts, else the one the date's clause goes on to name."""
    personal = (
        actor.how == "person"
        or text[actor.start : actor.end].lower() in ("he", "she")
        or bool(re.match(r",\s*[1-9][0-9],", text[actor.end : actor.end + 6]))  # "Kinnard, 41,"
    )
    if not personal:
        return None
    if ministry := _minister_of(text, actor, guess, found, known):
        return ministry
    places = [
        m for m in found
        if m.organisation is not actor.organisation and _is_workplace(text, actor, m)
    ]  # fmt: skip
    before = [
        m for m in places
        if m.end <= guess.phrase_start
        and not _MAIN_VERB_AFTER_ASIDE.search(text, m.end, guess.phrase_start)
    ]  # fmt: skip
    ahead = _place_ahead(text, guess, places, phrases)
    if before and any(
        m.organisation is actor.organisation and before[-1].end <= m.start < guess.phrase_start
        for m in found
    ):
        return None  # "joined the hospital in 1994, became a steward for the union in 2001"
    if before:
        # "joined Orrent Lines in 1988 and spent eleven years at sea before moving ashore in
        # 1999 to work at the Port of Saltby": a place named after the date, in its own
        # clause, wins over one the sentence left behind
        between = text[before[-1].end : guess.phrase_start]
        if ahead is not None and (" and " in between or "," in between):
            return ahead
        return before[-1]
    return ahead


def _place_ahead(
    text: str, guess: DateGuess, places: list[Mention], phrases: list[DateGuess]
) -> Mention | None:
    """The workplace the date's clause goes on to name, before any further date."""
    following = [d.phrase_start for d in phrases if d.phrase_start > guess.phrase_end]
    # A date opening the sentence dates its main clause, asides and all: "On Thursday, 36
    # years later, she was sworn in as head of the National Audit Office".
    opening = bool(re.search(r"(?:^|[.!?]\s+|\n)\s*$", text[max(0, guess.phrase_start - 3) :
                                                            guess.phrase_start]))  # fmt: skip
    for m in places:
        gap = text[guess.phrase_end : m.start]
        if (
            m.start >= guess.phrase_end
            and (opening or "," not in gap.rstrip().rstrip(","))  # (", Tallow Lane Films")
            and " and " not in gap
            and (not following or m.start < following[0])
        ):
            return m
    return None


# "was appointed energy minister in 2006": a step at the Ministry of Energy.
_MINISTER = re.compile(
    r"\b(?:appointed|named|became|made|served\s+as|was|sworn\s+in\s+as)\s+(?:the\s+)?"
    r"(?:country['’]s\s+|[A-Z]\w+['’]s\s+)?([a-z]+)\s+minister\b",
    re.I,
)


def _minister_of(
    text: str,
    actor: Mention,
    guess: DateGuess,
    found: list[Mention],
    known: Sequence[Organisation],
) -> Mention | None:
    """The ministry a person was made minister of, when the article names it (anywhere)."""
    m = _MINISTER.search(text, actor.end, guess.phrase_start)
    if m is None:
        return None
    wanted = f"ministry of {m[1].lower()}"
    for mention in found:
        if mention.organisation.name.lower() == wanted:
            return mention
    for organisation in known:
        if organisation.name.lower() == wanted:
            return Mention(organisation, m.start(1), m.end(), "short")
    return None


def _is_workplace(text: str, actor: Mention, mention: Mention) -> bool:
    """ "joined Fenmark", "moved to the consultancy Pell & Rudd", "an engineer at the
    aircraft maker Brentis Aerospace", or "At Skyvane she …" opening the sentence."""
    cue = _WORKPLACE.search(text, max(0, mention.start - 100), mention.start)
    if mention.start >= actor.end:
        # (not "ran the company": which company, the words do not say)
        said = text[mention.start : mention.end].split()[-1].lower()
        return cue is not None and not (
            cue["ran"] and mention.how == "short" and said in vocab.GENERIC_COMPANY
        )
    opening = text[max(0, mention.start - 10) : mention.start]
    return bool(re.search(r"(?:^|[.!?]\s+|\n)\s*At\s+(?:the\s+)?$", opening))


_WORKPLACE = re.compile(
    rf"\b(?:(?:re)?join(?:ed|s|ing)?|left|leave|leaves|quit|walked\s+into|entered|"
    rf"set\s+up|founded|co-founded|established|"
    rf"started\s+(?:work\s+|out\s+)?at|"
    rf"(?:moved|went|switched|returned|defected)\s+to|"
    rf"worked\s+(?:at|for)|career\s+at|contract\s+with|training\s+at|"
    rf"(?:sat|sits|served|serves)\s+on\s+(?:the\s+)?board\s+of|"
    rf"(?:began|started)\s+(?:her|his|their)\s+career\s+as\s+(?:an?\s+)?(?:[\w-]+\s+){{1,3}}?at|"
    rf"(?:{vocab.ROLES}|partner|head\s+of\s+\w+)\s+"
    rf"(?:at|of|with)|\bas\s+(?:an?\s+)?(?:[\w-]+\s+){{1,3}}?(?:at|with)|"
    # a post of any name: "became assistant conductor of", "has been treasurer of"
    rf"(?:became|become|becomes|been|served\s+as)\s+(?:an?\s+|the\s+|its\s+)?"
    rf"(?:[\w-]+\s+){{1,3}}?(?:at|of|with|for)|"
    # a body or part of one run: "ran the touring company", "has run the programme at"
    rf"(?P<ran>ran|run|runs|led|leads|headed|heads|chaired|chairs|managed|manages|coached|"
    rf"coaches|captained|played\s+for)"
    rf"(?:\s+(?:the|its|their)\s+(?:[\w-]+\s+){{0,2}}?(?:at|of))?)\s+"
    # ("founded her own production company, Tallow Lane Films")
    rf"(?:the\s+|an?\s+|(?:her|his|their)\s+own\s+)?(?:(?!from\b)[a-z][\w-]*\s+){{0,4}}"
    rf"(?:[a-z][\w-]*,\s+)?$",
    re.I,
)


# A closed aside, then the main verb: "Ruiz, who worked at Bolt, said on Monday".
_MAIN_VERB_AFTER_ASIDE = re.compile(
    r",\s*(?:also\s+)?(?:said|says|told|announced|added|will|would|has|have|is|was)\b", re.I
)


def _closed_aside(text: str, mention: Mention, guess: DateGuess) -> bool:
    """A mention inside ", which was bought by X in 2022," when the phrase comes after the
    aside has closed: "Kellerman, which was bought by …, said last month" is Kellerman's."""
    opened = _ASIDE_OPENS.search(text, max(0, mention.start - 120), mention.start)
    return opened is not None and "," in text[mention.end : guess.phrase_start]


_ASIDE_OPENS = re.compile(
    r",\s*(?:which|who|whose|(?:the|a|an)\s+[\w\s-]{1,40}?\b(?:that|which|who))\b"
    r"(?:[^,.;]|(?<=\d)[,.](?=\d))*$",  # "6,000 drivers" does not close it
    re.I,
)  # ", which was bought by …", ", the delivery app that opened its first Brisell kitchen …"


def speaker(
    guess: DateGuess,
    quoted: Sequence[tuple[int, int]],
    found: list[Mention],
    sentence_start: int,
    subject_before: Organisation | None,
) -> Mention | None:
    """Who promises what a quotation dates ("we will decide by April 13," chief executive
    Graham Illsley said): the speaker named outside the quotation, in the sentence or as
    the subject of the one before; never a body the speaker names inside it."""
    inside = next(((a, b) for a, b in quoted if a <= guess.phrase_start < b), None)
    if inside is None:
        return None
    outside = [m for m in found if not inside[0] <= m.start < inside[1]]
    person = next((m for m in outside if m.how == "person"), None)
    if person is not None:
        return person
    if subject_before is not None and inside[0] <= sentence_start + 2:
        return Mention(subject_before, inside[0], inside[0], "topic")
    return None
