"""What text each field may hold, and how text from files the app did not write is shown.

One table of rules serves three places, so they can never disagree: import validation
(a clear reason with the line number), the schema's CHECK constraints (so that no other
program can store what import refuses), and display (a crafted file may still hold such
text: it is shown with its invisible characters made visible, never acted upon).

Limits are generous for real announcements and keep every view fast: a title is a line,
a summary a few paragraphs, a source one long article.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# Characters that change how the text around them is displayed (bidirectional overrides,
# embeddings and isolates) or that are invisible, so that "IBM" and "IBM<zero width space>"
# would look the same. None of them has a place in a name or a title.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
INVISIBLE = "\u00ad\u200b\u2060\u2061\u2062\u2063\u2064\ufeff"
# Joiners shape letters in Persian, Indic scripts and emoji: allowed, but two names that
# differ only by them (or by marks of direction) are the same name.
JOINERS = "\u200c\u200d\u200e\u200f\u061c"


@dataclass(frozen=True, slots=True)
class FieldRule:
    label: str  # how messages name the field
    max_chars: int
    multiline: bool = False  # tabs and line breaks allowed
    name: bool = False  # an identifier shown as a lane or category: no invisible characters


RULES: dict[str, FieldRule] = {
    "company": FieldRule("company", 200, name=True),
    "company_kind": FieldRule("company_kind", 50, name=True),
    "category": FieldRule("category", 100, name=True),
    "title": FieldRule("title", 500),
    "summary": FieldRule("summary", 20_000, multiline=True),
    "source_title": FieldRule("source_title", 1_000),
    "source_publisher": FieldRule("source_publisher", 300),
    "source_url": FieldRule("source_url", 2_000),
    "source_text": FieldRule("source_text", 2_000_000, multiline=True),
    "excerpt": FieldRule("excerpt", 20_000, multiline=True),
    "era": FieldRule("era", 200),
    "timeline_title": FieldRule("timeline title", 300),
}

_C0 = "".join(chr(code) for code in range(0x20))
_C1 = "".join(chr(code) for code in range(0x7F, 0xA0))
_SURROGATES = re.compile("[\ud800-\udfff]")


def _forbidden(rule: FieldRule) -> str:
    allowed = "\t\n\r" if rule.multiline else ""
    chars = [c for c in _C0 if c not in allowed] + list(_C1)
    if not rule.multiline:
        chars += list(BIDI_CONTROLS)
    if rule.name:
        chars += list(INVISIBLE)
    return "".join(chars)


_FORBIDDEN = {
    field: re.compile("[" + re.escape(_forbidden(rule)) + "]") for field, rule in RULES.items()
}


# One scan finds either kind of problem problem_with() names (a surrogate or a forbidden
# character), so a whole column of a batch of rows is checked in one call.
_BAD_ANYWHERE = {
    field: re.compile("[" + re.escape(_forbidden(rule)) + "\ud800-\udfff]")
    for field, rule in RULES.items()
}


def all_allowed(field: str, values: list[str]) -> bool:
    """True when problem_with(field, value) is None for every value: one length check and one
    scan of the values joined by a space (allowed in every field), so checking a column of
    a thousand rows costs about what one call per row costs for a few of them."""
    if not values:
        return True
    if max(map(len, values)) > RULES[field].max_chars:
        return False
    joined = " ".join(values)
    # Every character any rule forbids is unprintable (a control, format or surrogate
    # character), and isprintable() reads text about three times as fast as a search.
    return joined.isprintable() or _BAD_ANYWHERE[field].search(joined) is None


def char_name(char: str) -> str:
    """U+202E RIGHT-TO-LEFT OVERRIDE: how messages name a character nobody can see."""
    name = unicodedata.name(char, "")
    if not name and ord(char) < 0x20:
        name = {0: "NUL", 9: "TAB", 10: "LINE FEED", 13: "CARRIAGE RETURN"}.get(
            ord(char), "control"
        )
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def problem_with(field: str, value: str, *, length: bool = True, named: bool = True) -> str | None:
    """Why `value` cannot be stored in `field`, or None when it can. `named`: the reason
    starts with the field's name (an import's line); a form shows it next to the field
    instead, and a command line after the field's own name."""
    rule = RULES[field]
    subject = f"{rule.label} " if named else ""
    if length and len(value) > rule.max_chars:
        return (
            f"{subject}{'is ' if named else ''}{len(value):,} characters long; "
            f"at most {rule.max_chars:,} are allowed"
        )
    if match := _SURROGATES.search(value):
        return (
            f"{subject}{'is ' if named else ''}not valid Unicode text (a lone surrogate, "
            f"U+{ord(match.group()):04X}, at character {match.start() + 1})"
        )
    if match := _FORBIDDEN[field].search(value):
        char = match.group()
        kind = "line break" if char in "\n\r" else "character"
        return (
            f"{subject}contains a {kind} it may not hold ({char_name(char)}) at "
            f"character {match.start() + 1}"
        )
    return None


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """What makes two company or category names the same: case, spacing and invisible
    joiners do not."""
    if any(char in name for char in JOINERS):
        name = name.translate({ord(char): None for char in JOINERS})
    return " ".join(name.split()).casefold()


_CONTROLS = _C0.replace("\t", "").replace("\n", "") + _C1 + BIDI_CONTROLS
_SHOW_ESCAPED = re.compile("[" + re.escape(_CONTROLS + INVISIBLE) + "\ud800-\udfff]")
_SHOW_ESCAPED_IN_PROSE = re.compile("[" + re.escape(_CONTROLS) + "\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    return f"<U+{ord(match.group()):04X}>"


def visible(text: str, *, prose: bool = False) -> str:
    """Text from a file, safe to show: control and direction characters (and, outside
    prose, invisible ones) become a visible <U+202E>, so a crafted name can neither hide
    nor reorder what is around it. Prose (an article, a summary) keeps its soft hyphens
    and zero-width spaces, which real articles hold."""
    pattern = _SHOW_ESCAPED_IN_PROSE if prose else _SHOW_ESCAPED
    if not pattern.search(text):
        return text
    return pattern.sub(_escaped, text)


def visible_in_place(text: str) -> str:
    """Like visible(prose=True), but every character keeps its place, so offsets into the
    text (quotes) stay true: a line break written CR LF shows as a space and a line break,
    a lone CR as a line break, and any other control or direction character as U+FFFD."""
    if not _SHOW_ESCAPED_IN_PROSE.search(text):
        return text
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    return _SHOW_ESCAPED_IN_PROSE.sub("\ufffd", text)


def sql_check(column: str, field: str, *, nonempty: bool = True) -> str:
    """The same rules as a CHECK expression, so other programs cannot store what import
    refuses. NUL cannot appear in a GLOB pattern, so it has its own test."""
    rule = RULES[field]
    forbidden = _forbidden(rule).replace("\x00", "")
    pieces: list[tuple[str, str]] = []
    for char in forbidden:  # runs of consecutive code points become ranges: a short pattern
        if pieces and ord(char) == ord(pieces[-1][1]) + 1:
            pieces[-1] = (pieces[-1][0], char)
        else:
            pieces.append((char, char))
    parts = []
    for first, last in pieces:
        parts.append(f"char({ord(first)})")
        if last != first:
            parts.append("'-'")
            parts.append(f"char({ord(last)})")
    pattern = "'*[' || " + " || ".join(parts) + " || ']*'"
    checks = [
        f"typeof({column}) = 'text'",
        f"length({column}) <= {rule.max_chars}",
        f"{column} NOT GLOB {pattern}",
        f"instr({column}, char(0)) = 0",
    ]
    if nonempty:
        checks.insert(1, f"length(trim({column})) > 0")
    return " AND ".join(checks)
