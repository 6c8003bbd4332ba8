"""A proposed event's title and category, written from its sentence: the actor's name and
what it did, without the dating words, quotation marks or a speaker's job title; the
category the sentence's words point to among the timeline's own. Guesses for a person to
review, like everything in ingest/.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

TITLE_WORDS = 12
# Categories guessed from the words of the sentence, when the timeline has one so named.
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "Legislation": ("bill", "law", "legislation", "vote", "voted", "passed", "ban", "banned",
                    "ordinance", "act", "lawmakers", "amendment"),
    "Legal": ("court", "judge", "ruled", "ruling", "lawsuit", "sued", "appeal", "verdict",
              "filed", "settlement", "fined", "charges", "prosecutors"),
    "Regulation": ("regulator", "rules", "regulation", "fine", "fined", "investigation",
                   "probe", "approved", "license", "licence", "guidance"),
    "Product launch": ("launch", "launched", "launches", "release", "released", "unveiled",
                       "introduced", "rolled out", "debut", "available"),
    "Recall": ("recall", "recalled", "recalls"),
    "Investment": ("invest", "invested", "investment", "stake", "acquire", "acquired",
                   "acquisition", "bought", "funding", "raised", "merger"),
    "Partnership": ("partnership", "partner", "agreement", "deal", "signed", "alliance"),
    "Leadership": ("appointed", "named", "resigned", "resign", "steps down", "stepped down",
                   "successor", "hired", "fired", "ceo", "chief executive"),
    "Policy": ("policy", "pause", "paused", "moratorium", "stop", "stopped", "suspend",
               "suspended", "halt", "halted", "end", "ended", "will not", "won't"),
    "Statement": ("said", "says", "announced", "told", "statement", "stated", "wrote"),
}  # fmt: skip


def make_title(
    text: str,
    end: int,
    actor: str,
    after: int,
    phrase: tuple[int, int] | None,
    before: tuple[int, int] | None = None,
    phrases: Sequence[tuple[int, int]] = (),
) -> str:
    """The actor's name and what the sentence says after it (from `after`), without its
    dating words (this date's and any other's), a person's title ("Dana Reyes, chief
    executive of …, said") and quotation marks, at most TITLE_WORDS words. When all that
    follows the actor is "said" (the statement came first: "X will open a plant, Acme said
    on Friday"), the statement before it is the title, its "the company" or "it" the actor;
    a passive sentence ("… was imposed by the Agency") is its own title. `before`: from the
    sentence's start to the actor's name."""
    cut = [p for p in (phrase, *phrases) if p is not None]
    if appositive := _APPOSITIVE.match(text, after, end):
        after = appositive.end()
    body = _TRAILING_ATTRIBUTION.sub("", _clean(text, after, end, cut))
    body = re.sub(r"\s+(?:at|in|on|by|for|from|of|to|during|since|until)$", "", body)
    if before is not None and _ATTRIBUTION_ONLY.fullmatch(body):
        statement = _clean(text, before[0], before[1], cut)
        statement = re.sub(r"[\s,;:]*\b(?:the|a|an)$", "", statement, flags=re.I).rstrip(" ,;:")
        if re.search(r"\bby(?:\s+the)?$", statement, re.I):  # the passive: the whole sentence
            return _limited(_clean(text, before[0], end, cut).split())
        if len(statement.split()) >= 3:
            named, subbed = _STANDS_FOR_ACTOR.subn(actor, statement, count=1)
            if not subbed and actor not in statement:
                named = f"{actor}: {statement}"  # the statement names its actor already
            return _limited(named.split())
    return _limited(f"{actor} {body}".split())


# All that follows the actor when the statement came before it ("…, Acme said.").
_ATTRIBUTION_ONLY = re.compile(
    r"(?:has\s+|had\s+)?(?:said|says|added|confirmed|announced|told\s+\w+|wrote|noted)?"
    r"(?:\s+in\s+an?\s+(?:statement|filing|release|interview|post|letter|email))?",
    re.I,
)
# ", it said" or ", the company said on Friday" closing a sentence: who said it, not what.
_TRAILING_ATTRIBUTION = re.compile(
    r",\s*(?:it|he|she|they|the\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:said|says|added|confirmed|"
    r"announced)\b[^,]*$",
    re.I,
)
# ", chief executive of Halvern Foods," after a person's name, before what they said.
_APPOSITIVE = re.compile(
    r",\s*[^,.;]{2,90}?,\s*(?=(?:said|says|told|announced|added|wrote|confirmed|warned)\b)"
)
_STANDS_FOR_ACTOR = re.compile(
    r"^(?:the\s+(?:company|firm|group|agency|regulator)|it|they)\b", re.I
)


def _clean(text: str, start: int, end: int, cut: Sequence[tuple[int, int]]) -> str:
    """text[start:end] without the spans in `cut`, possessive "'s", quotation marks and
    stray punctuation."""
    pieces, at = [], start
    for a, b in sorted(cut):
        if a >= at and b <= end:
            pieces.append(text[at:a])
            at = b
    pieces.append(text[at:end])
    body = "".join(pieces)
    body = re.sub(r"^['’]s?\b", "", body)  # the possessive of the name itself
    body = re.sub(r"[“”\"]", "", body)
    body = re.sub(r"\s+([,.;:])", r"\1", " ".join(body.split()))
    body = re.sub(r"^[,\s]+|,\s*,", " ", body).strip(" ,;:.")
    # a preposition its date was cut from: "… step down at [the end of June]"
    return re.sub(r"\s+(?:at|in|on|by|for|from|of|to|during|since|until)$", "", body)


def _limited(words: list[str]) -> str:
    title = " ".join(words[:TITLE_WORDS]).rstrip(",;:")
    return title + "…" if len(words) > TITLE_WORDS else title


@lru_cache(maxsize=2048)
def _word_pattern(word: str) -> re.Pattern[str]:
    """Compiled once: the category cues are the same for every sentence."""
    return re.compile(rf"\b{re.escape(word)}\b")


def guess_category(sentence: str, categories: Sequence[str]) -> str:
    """The existing category whose words the sentence uses most (its own name counts);
    "Statement" (or the first category) when none does. A timeline with no categories yet
    gets one of CATEGORY_WORDS."""
    categories = list(categories) or list(CATEGORY_WORDS)
    cues = {name.lower(): words for name, words in CATEGORY_WORDS.items()}
    lowered = sentence.lower()
    best, best_score = "", 0
    for category in categories:
        words = {category.lower(), *cues.get(category.lower(), ())}
        score = sum(1 for w in words if _word_pattern(w).search(lowered))
        if score > best_score:
            best, best_score = category, score
    if best:
        return best
    fallback = next((c for c in categories if c.lower() == "statement"), None)
    return fallback or (categories[0] if categories else "Statement")
