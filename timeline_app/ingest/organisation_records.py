"""What the organisation rules find and hand on: an organisation as an article names it, a
mention of one in a sentence, and the core words of a name. Kept apart so that the rules
that find names (organisations.py) and those that complete them (name_completion.py) share
them without importing each other."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

UPPER = "A-ZÀ-ÖØ-Þ"  # "Fédération", "Órgão": capitals with accents too
# A person's name and "of" before a body's: "Priya Raman of the Charity Finance Forum".
PERSON_OF = rf"[{UPPER}][a-z]+(?:\s+[{UPPER}][a-z]+){{1,2}}\s+of\s+(?:the\s+)?"
_POSSESSIVE = re.compile(r"['’]s?$")
# Where a description of a body goes on before its name: "The main contractor[ on the new
# development], Arkwright Bayliss".
DESCRIPTION_GOES_ON = r"\s+(?:on|of|for|in|at|behind)\s+[^,.;]{1,60}?"
# After a name or short form, the verb that makes it who said it, with anyone saying it
# too: "…, the chain said", "…, the company and the National Road Safety Administration said".
SAYS_AFTER = re.compile(
    r"(?:\s+(?:and|&)\s+(?:the\s+)?(?:[\w'’&.-]+,?\s+){1,6}?)?\s*"
    r"(?<=\s)(?:said|says|added|announced|confirmed)\b",
    re.I,
)


@dataclass(slots=True, eq=False)  # one object per organisation: compared by identity
class Organisation:
    """An organisation as the article first names it in full, with the other names it
    goes by there (an acronym, the name without its suffix, a lane's spelling)."""

    name: str
    kind: str
    first: int  # offset of its first mention
    aliases: set[str] = field(default_factory=set)
    lane: str | None = None  # the existing lane it is, if any
    # the words the article calls it by ("the low-cost airline Skyvane": "low-cost",
    # "airline"), so "the airline" finds it though its name does not say so
    called: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a sentence names an organisation: directly, through a person who speaks for
    it, or through a short form ("the company")."""

    organisation: Organisation
    start: int
    end: int
    how: str  # "name", "person", "short"


def core_name(name: str) -> str:
    """A name without its possessive: \"Harlan's\" is Harlan."""
    return _POSSESSIVE.sub("", name.strip()).strip()


def name_words(name: str) -> list[str]:
    """The words of a name, in lower case, without trailing stops or commas."""
    return [w.lower().strip(".,").replace("’", "'") for w in name.split()]


def named_at(
    text: str, at: int, organisations: Iterable[Organisation]
) -> tuple[Organisation, str] | None:
    """The organisation named at `at` and the words that name it, the longest that fit
    ("Baltrex Steel", not "Baltrex")."""
    return max(
        ((o, alias) for o in organisations for alias in o.aliases | {o.name}
         if text.startswith(alias, at)),
        key=lambda fit: len(fit[1]),
        default=None,
    )  # fmt: skip


def opens_word(text: str, at: int) -> bool:
    """Whether `at` starts a word. A search for a name opening with its letters (not with a
    look-behind, which is tried at every position of the text) checks its matches here."""
    return not re.match(r"[\w-]", text[at - 1 : at])
