"""Events proposed from a whole article: dated, quoted candidates for a person to review.

Each dating phrase of a sentence that also names who acts gives a candidate: its quote is
the sentence (verbatim, with its offsets into the stored text), its date the phrase resolved
against the publication date (with the precision and approximate flag the words support),
its actor the subject of the phrase's clause (clauses.py): an organisation (an existing
lane whenever one is meant, however it is spelled), a person speaking for one, a short form
("the company") or a pronoun for the organisation the text is about. A sentence with no
dating words that goes on with the same actor ("The company also said …") takes the
previous statement's date, marked approximate. Dates in direct speech, share moves,
statistics and dates printed on products are no events; nothing is proposed without a date
or an actor. Titles, categories and confidence are guesses too; nothing here writes
anything.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from timeline_app.ingest import clauses, pairs
from timeline_app.ingest import organisations as orgs
from timeline_app.ingest.affiliations import affiliations
from timeline_app.ingest.dating import DateGuess, find_dates
from timeline_app.ingest.mentions import NameIndex, described_ahead, mentions
from timeline_app.ingest.not_events import is_event_date, quotations_in
from timeline_app.ingest.organisation_records import Mention, Organisation
from timeline_app.ingest.sentences import sentence_spans
from timeline_app.ingest.titles import guess_category, make_title
from timeline_app.model.types import DatePrecision
from timeline_app.progress import Progress

# Each phase's share of the time, as measured on long texts.
PHASES = {"names": 0.3, "people": 0.05, "dates": 0.15, "events": 0.5}

_PRONOUN = re.compile(r"^\W*(?:It|They|He|She|Its|Their|His|Her)\b")
# What an undated sentence must say to go on with the previous statement ("The company
# also said …", "She said …"): a report of what the actor says or asks, or "also".
_STATEMENT = re.compile(
    r"\b(?:also|said|says|added|told|announced|stated|confirmed|asked|urged|wrote|"
    r"explained|promised|pledged|warned)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One proposed event; offsets are into the article's stored text."""

    actor: str
    actor_kind: str
    actor_is_lane: bool
    actor_start: int  # where the sentence names the actor (-1: a pronoun continuing)
    actor_end: int
    start: str
    end: str | None
    precision: DatePrecision
    approximate: bool
    date_phrase: str  # "" when the date continues the previous sentence's
    phrase_start: int  # -1 when continued
    phrase_end: int
    excerpt: str  # the quote: the stored text from excerpt_start to excerpt_end
    excerpt_start: int
    excerpt_end: int
    title: str
    category: str
    confidence: float

    @property
    def continued(self) -> bool:
        return self.phrase_start < 0


_PLURAL = re.compile(r"\b(?:companies|firms|groups)\b", re.I)
_PLANS = re.compile(
    r"\b(?:will|would|should|shall|(?:is|are)\s+(?:due|set|expected|scheduled)\s+to|plans?\s+to|"
    r"takes?\s+effect|comes?\s+into\s+(?:force|effect)|goes?\s+into\s+effect|"
    r"(?:pre-?orders|orders|sales|bookings|tickets)\s+(?:open|close))\b",  # "The ban takes effect"
    re.I,
)
_THING_DONE = re.compile(
    r"\b(?:launched|released|introduced|unveiled|opened|reopened|removed|withdrawn|"
    r"discontinued|recalled|distributed|shipped|delivered|completed|came\s+out|"
    r"(?:was|were|been)\s+(?:first\s+)?(?:sold|made|manufactured|produced|built|installed|sent)|"
    r"went\s+on\s+sale|went\s+live|debuted)\s+(?:[\w-]+\s+){0,4}?$",
    re.I,
)
# A court's business opening a sentence: "The trial ran from January to April".
_COURT_BUSINESS = re.compile(
    r"\W*(?:On\s+\w+,\s+)?(?:the|a|its)\s+(?:[\w-]+\s+){0,2}?(?:trial|retrial|hearing|"
    r"hearings|inquest)\b",
    re.I,
)
_AFTER_PREPOSITION = re.compile(
    r"\b(?:to|of|for|with|by|from|at|on|in|about|against|into|than|like|over)\s+$", re.I
)


_DUMMY_IT = re.compile(
    r"it\s+(?:is|was|has\s+been|had\s+been)\s+(?:not\s+)?(?:the\s+(?:first|second|third|"
    r"latest|last)\s+time|unclear|not\s+clear|likely|unlikely|possible|understood|thought|"
    r"expected|believed|hoped|feared|said\s+that)\b",
    re.I,
)


_SPEAKS_NOW = re.compile(
    r"\s+(?:also\s+)?(?:said|says|told|tells|announced|promised|has\s+promised|will|would|"
    r"plans|wants)\b",
    re.I,
)


def _lately(guess: DateGuess, published: date) -> bool:
    """Whether a date is no more than a month before publication, or after it."""
    return guess.start >= (published - timedelta(days=31)).isoformat()[: len(guess.start)]


def _with_pronouns(named: list[Mention], pronouns: list[Mention]) -> list[Mention]:
    """The subjects in order, a pronoun standing for the subject named before it in the
    sentence ("The federation said … that it would"), else for the text's topic."""
    result = sorted(named + pronouns, key=lambda m: m.start)
    for at, mention in enumerate(result):
        if mention in pronouns:
            earlier = [m for m in result[:at] if m not in pronouns]
            if earlier:
                result[at] = Mention(earlier[-1].organisation, mention.start, mention.end, "short")
    return result


def _pronouns(
    sentence: str, offset: int, topic: Organisation | None, known: frozenset[str] = frozenset()
) -> list[Mention]:
    """ "it", "she", "they" as a subject (not after a preposition), or "Its"/"Their" opening
    the sentence: the organisation the text is about, unless a name the article gives no
    organisation for comes first ("Maria Keller said she would resign": hers, not the
    topic's). `known`: the names of organisations and of people who speak for one."""
    if topic is None:
        return []
    found = []
    stranger = orgs.unknown_subject(sentence, known)
    for m in re.finditer(r"\b(it|he|she|they|its|their)\b", sentence, re.I):
        if stranger is not None and sentence.find(stranger) < m.start():
            continue
        if _AFTER_PREPOSITION.search(sentence[max(0, m.start() - 12) : m.start()]):
            continue
        if re.search(r"\bwhere\s+$", sentence[max(0, m.start() - 8) : m.start()]):
            continue  # "Harwood & Lyle, where she has run …": she, at the place just named
        if m[1].lower() in ("its", "their"):
            if sentence[: m.start()].strip(' “"('):
                continue  # a possessive is the subject's only when it opens the sentence
        elif not clauses.VERB_NEXT.match(sentence[m.end() :]):
            continue  # "to combat it": an object
        elif _DUMMY_IT.match(sentence, m.start()):
            continue  # "It is not the first time …": it stands for no one
        found.append(Mention(topic, offset + m.start(1), offset + m.end(1), "short"))
    return found


def propose(
    text: str,
    published: date,
    lanes: Sequence[str] = (),
    categories: Sequence[str] = (),
    *,
    joint: bool = False,
    progress: Progress | None = None,
) -> list[Candidate]:
    """The candidate events of an article, in the order of the text. `joint`: two actors
    named as doing the same thing together give one candidate each. `progress` hears of
    each phase and of every tenth sentence (a long report takes seconds), and may cancel
    the work by raising."""
    progress = progress or Progress("Proposing events", PHASES)
    progress.show("names")
    spans = sentence_spans(text)
    organisations = orgs.find_organisations(text, lanes)
    progress.show("people")
    affiliated = affiliations(text, spans, organisations)
    names = NameIndex(organisations, affiliated)
    progress.show("dates")
    dates = find_dates(text, published)  # in order of the text
    date_starts = [d.phrase_start for d in dates]
    quotations = quotations_in(text)
    quote_starts, quote_ends = [q[0] for q in quotations], [q[1] for q in quotations]
    known = frozenset(
        {alias for o in organisations for alias in o.aliases}
        | {o.name for o in organisations}
        | set(affiliated)
    )
    candidates: list[Candidate] = []
    seen: list[Organisation] = []
    topic: Organisation | None = None  # whom the text is about: the last subject
    # In a career told backwards, whom the person speaks for now: the organisation of the
    # first person named, and whether the topic is a step of their career ("She said on Friday …"
    # after "In 1990 she became chief economist at Hallmark Bank" is not the bank's; "She
    # stepped down last month", a step of its own, is)
    anchor: Organisation | None = None
    topic_is_step = False
    pair: Organisation | None = None  # the first of two named as acting together
    previous: Candidate | None = None
    last_subject: Organisation | None = None  # the subject of the sentence just before
    for done, (start, end) in enumerate(spans):
        if done % 10 == 0:
            progress.show("events", done / len(spans))
        sentence = text[start:end]
        found = mentions(sentence, start, organisations, affiliated, seen, last_subject, names)
        if anchor is None:  # the first person named speaks for this organisation now
            anchor = next((m.organisation for m in found if m.how == "person"), None)
        subjects = [m for m in found if clauses.subject_like(sentence, start, m)]
        relative = {
            m for m in subjects
            if clauses.relative(sentence, start, m) and not clauses.SUBJECT_BEFORE.search(
                sentence[max(0, m.start - start - 30) : m.start - start])
        }  # fmt: skip
        subjects = _with_pronouns(subjects, _pronouns(sentence, start, topic, known))
        if (ahead := described_ahead(text, start, end, organisations)) and (
            not subjects or ahead.start == start + len(sentence) - len(sentence.lstrip(' "“'))
        ):
            subjects = [ahead]  # "A court in … ruled on Wednesday. The court, the X Court, …"
        # (quotations run in order and never overlap: those the sentence meets are a slice)
        quoted = quotations[bisect_right(quote_ends, start) : bisect_left(quote_starts, end)]
        here = dates[bisect_left(date_starts, start) : bisect_left(date_starts, end)]
        own = [d for d in here if is_event_date(text, (start, end), d, quoted)]
        plural = [m for m in found if m.how == "short" and _PLURAL.search(text[m.start : m.end])]
        if pair is not None:
            plural += [
                m for m in pairs.pair_words(sentence, start, pair) if not pairs.overlaps(m, found)
            ]
            plural += [  # "they" standing for the topic, not for a subject named before it
                m for m in subjects
                if text[m.start : m.end].lower() in ("they", "their") and m.organisation is topic
            ]  # fmt: skip
            subjects = sorted({*subjects, *plural}, key=lambda m: m.start)
        if plural and (both := pairs.stood_for(pair, seen, topic)) is not None:  # "they"
            subjects = [Mention(both, m.start, m.end, "short") if m in plural else m
                        for m in subjects]  # fmt: skip
        pair = pairs.first_of_pair(text, subjects) or pair
        if (
            len({m.organisation for m in found}) <= 1
            and not subjects
            and topic is not None
            and own
            and _PLANS.search(sentence)
            and orgs.unknown_subject(sentence, known) is None
        ):
            # no organisation acting, a plan stated: it is the topic's ("Construction is
            # due to start in September"), or that of the one body the sentence names ("The
            # first cafés will switch to Brewhaven's management on January 6"), less surely;
            # not when someone the article gives no organisation for is the one planning
            owner = found[0].organisation if found else topic
            subjects = [Mention(owner, start, start, "topic")]
        elif (
            not subjects
            and topic is not None
            and any(_THING_DONE.search(text, max(start, d.phrase_start - 60), d.phrase_start)
                    for d in own)
            and orgs.unknown_subject(sentence, known) is None
        ):  # fmt: skip
            # something of the topic's launched, opened or removed, no one named doing it
            # ("Tallyo, launched in 2017, …", "The app was removed from app stores on
            # Wednesday"): the organisation that owns it, as with a plan; the one the
            # sentence names, if it names only one ("… made Velomar a known name")
            named_here = {m.organisation for m in found}
            owner = named_here.pop() if len(named_here) == 1 else topic
            subjects = [Mention(owner, start, start, "topic")]
        if (
            not subjects
            and own
            and _COURT_BUSINESS.match(sentence)
            and (court := next((o for o in reversed(seen) if o.kind == "court"), None))
        ):
            # "The trial opened on 14 January", "A hearing on damages has been set for
            # September 18": the court's, the last one named
            subjects = [Mention(court, start, start, "topic")]
        made: list[Candidate] = []
        career: Organisation | None = None
        acted: Organisation | None = None  # who does what the sentence dates first
        for guess in own:
            actor = clauses.speaker(guess, quoted, found, start, last_subject) or (
                clauses.actor_for(text, guess, subjects, relative)
            )
            if actor is None:
                continue
            joined = clauses.career_step(text, actor, guess, found, own, organisations)
            if joined is not None:
                actor, career = joined, joined.organisation
            elif (
                topic_is_step
                and anchor is not None
                and actor.organisation is topic
                and text[actor.start : actor.end].lower() in ("he", "she")
                and _SPEAKS_NOW.match(text, actor.end)
                and _lately(guess, published)
            ):
                actor = Mention(anchor, actor.start, actor.end, "short")
            acted = acted or actor.organisation
            actors = [actor] + (_joined(found, actor, sentence, start) if joint else [])
            phrases = [(d.phrase_start, d.phrase_end) for d in own]
            made += [_candidate(text, start, end, m, guess, categories, phrases) for m in actors]
        dated = bool(here)  # even if no event's
        if not dated and previous is not None:
            subject = subjects[0] if subjects else None
            if _continues(sentence, subject, previous, start):
                made.append(_continued(text, start, end, subject, previous, categories))
        for organisation in (m.organisation for m in found):
            if organisation in seen:
                seen.remove(organisation)
            seen.append(organisation)
        last_subject = acted or (subjects[0].organisation if subjects else None)
        if subjects:
            topic = career or subjects[0].organisation
            topic_is_step = career is not None or (topic_is_step and subjects[0].how == "short")
        candidates += made
        previous = _statement(
            text, made, published, previous, bool(_SAYS.search(sentence)) and bool(made)
        )
    progress.show("events", 1.0)
    return _distinct(candidates)


def _statement(
    text: str, made: list[Candidate], published: date, before: Candidate | None, said: bool
) -> Candidate | None:
    """Of a sentence's candidates, the statement a next sentence may go on with: the one
    dated by "said on Thursday" when the sentence has one (its other dates are what was
    said: "… will shut down on March 31, the company said on Thursday"), else the first
    that is not after publication (a plan's date is not when it was made: "Farmers will
    have to … from April 1 under rules published on Tuesday"), else the first."""
    for candidate in made:
        if _SAID_BEFORE.search(text, max(0, candidate.phrase_start - 24), candidate.phrase_start):
            return candidate
    today = published.isoformat()
    done = [c for c in made if c.start <= today[: len(c.start)]]
    if not done and said and before is not None:
        return before  # "… will apply from July 1, it said": said when the statement before was
    return next(iter(done or made), None)


_SAYS = re.compile(r"\b(?:said|says|announced|added)\b")
_SAID_BEFORE = re.compile(r"\b(?:said|announced|told\s+\w+|confirmed)\s+$", re.I)


def _joined(found: list[Mention], subject: Mention, sentence: str, offset: int) -> list[Mention]:
    """Actors named with the subject as doing the same ("Acme and Bolt signed …")."""
    result = []
    for mention in found:
        if mention.organisation is subject.organisation or mention.start < subject.end:
            continue
        between = sentence[subject.end - offset : mention.start - offset]
        if clauses.JOINED.fullmatch(between):
            result.append(mention)
    return result


# A statement made at no one time: "has said", "have long argued".
_SAID_SOME_TIME = re.compile(
    r"\b(?:has|have)\s+(?:long\s+|repeatedly\s+|always\s+|often\s+)?(?:said|told|argued|"
    r"stated|insisted|maintained|claimed|denied|written)\b"
)


# "…, the company said.": who said it, at the end of what was said.
_SAID_AT_END = re.compile(r"\s+(?:also\s+)?(?:said|says|added)\W*$")


def _continues(sentence: str, subject: Mention | None, previous: Candidate, offset: int) -> bool:
    """Whether an undated sentence goes on with the previous candidate's actor: it is a
    statement, and its subject is that actor (by name, short form or pronoun), opening the
    sentence ("Beekeepers' groups, which …, said they would": not the previous actor's)."""
    if subject is None or not _STATEMENT.search(sentence) or sentence.lstrip()[:1] in '“"':
        return False  # (a quotation is someone's view, not a statement of what was done)
    if _SAID_SOME_TIME.search(sentence):
        return False  # "She has said she will not stand": said at no one time
    opener = sentence[: max(0, subject.start - offset)]
    said_after = opener.rstrip().endswith(",") and _SAID_AT_END.match(
        sentence, subject.end - offset
    )  # "…, the company said."
    if not said_after and (
        len(opener.split()) > 4 or re.search(r"\b(?:which|who|whose)\b", opener)
    ):
        return False
    organisation = subject.organisation
    return previous.actor in (organisation.name, organisation.lane)


def _actor(mention: Mention) -> tuple[str, str, bool]:
    organisation = mention.organisation
    if organisation.lane is not None:
        return organisation.lane, organisation.kind, True
    return organisation.name, organisation.kind, False


def _candidate(
    text: str,
    start: int,
    end: int,
    mention: Mention,
    guess: DateGuess,
    categories: Sequence[str],
    phrases: Sequence[tuple[int, int]] = (),
) -> Candidate:
    """`phrases`: the dating words of every date in the sentence, none of them a title's."""
    actor, kind, is_lane = _actor(mention)
    phrase = (guess.phrase_start, guess.phrase_end)
    weight = {"name": 1.0, "person": 0.85, "short": 0.75, "topic": 0.5}[mention.how]
    return Candidate(
        actor=actor,
        actor_kind=kind,
        actor_is_lane=is_lane,
        actor_start=mention.start,
        actor_end=mention.end,
        start=guess.start,
        end=guess.end,
        precision=guess.precision,
        approximate=guess.approximate,
        date_phrase=guess.phrase,
        phrase_start=guess.phrase_start,
        phrase_end=guess.phrase_end,
        excerpt=text[start:end],
        excerpt_start=start,
        excerpt_end=end,
        title=make_title(
            text, end, *_named(text, actor, mention), phrase, (start, mention.start), phrases
        ),
        category=guess_category(text[start:end], categories),
        confidence=round(weight * (0.5 + 0.5 * guess.confidence), 2),
    )


def _named(text: str, actor: str, mention: Mention) -> tuple[str, int]:
    """How a title names its actor: a person by their own name as the sentence has it
    ("Smith said …"), anything else by the organisation's name ("The company said" is
    "Acme said")."""
    if mention.how == "person":
        return text[mention.start : mention.end], mention.end
    return actor, mention.end


def _continued(
    text: str,
    start: int,
    end: int,
    mention: Mention | None,
    previous: Candidate,
    categories: Sequence[str],
) -> Candidate:
    if mention is not None:
        title = make_title(text, end, *_named(text, previous.actor, mention), None)
    else:  # "It also said …": the pronoun is the actor
        pronoun = _PRONOUN.match(text[start:end])
        title = make_title(
            text, end, previous.actor, start + (pronoun.end() if pronoun else 0), None
        )
    return replace(
        previous,
        actor_start=mention.start if mention else -1,
        actor_end=mention.end if mention else -1,
        approximate=True,
        date_phrase="",
        phrase_start=-1,
        phrase_end=-1,
        excerpt=text[start:end],
        excerpt_start=start,
        excerpt_end=end,
        title=title,
        category=guess_category(text[start:end], categories),
        confidence=round(previous.confidence * 0.6, 2),
    )


def _distinct(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per (actor, date, statement): the same quote for the same actor and
    date is proposed once."""
    result: list[Candidate] = []
    keys: set[tuple[str, str, str, int, int]] = set()
    for candidate in candidates:
        key = (candidate.actor.casefold(), candidate.start, candidate.precision.value,
               candidate.excerpt_start, candidate.excerpt_end)  # fmt: skip
        if key not in keys:
            keys.add(key)
            result.append(candidate)
    return result
