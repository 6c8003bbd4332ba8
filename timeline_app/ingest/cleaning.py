"""Text read from a file, made into text the app may store: one decoding policy, one
whitespace policy and one list of refused characters for every kind of source, so that a
PDF, a web page and a pasted note all end up under the same rules (text_rules.RULES).

Cleaning happens before anything is stored: excerpts are offsets into the cleaned text, so
it may change the text freely here, and never afterwards.
"""

from __future__ import annotations

import codecs
import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from timeline_app.errors import ValidationError
from timeline_app.model.text_rules import BIDI_CONTROLS, INVISIBLE, RULES, problem_with


@dataclass(slots=True)
class Extracted:
    """What one reader found in a source, before the checks all kinds share."""

    text: str
    title: str = ""
    publisher: str = ""
    url: str = ""
    published: str = ""
    notes: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------- the text

# Line and paragraph separators of every origin become "\n" (a form feed is a page break).
_BREAKS = str.maketrans(
    {"\r": "\n", "\x0b": "\n", "\x0c": "\n\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"}
)
# A soft hyphen at a line's end is where a typesetter split a word: the word is whole again.
_SOFT_HYPHEN_BREAK = re.compile(r"(?<=\w)\u00ad[ \t]*\n[ \t]*(?=\w)")
# Refused by the rules (C0 and C1 controls) or invisible and able to disguise or reorder
# the text around them (bidi overrides and isolates, zero-width spaces, soft hyphens, BOMs).
# Joiners and direction marks stay: Persian, Indic scripts and emoji need them.
_C0_C1 = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n")
_REFUSED = re.compile("[" + re.escape(_C0_C1 + BIDI_CONTROLS + INVISIBLE) + "]+")
_SURROGATES = re.compile("[\ud800-\udfff]")
_INNER_SPACES = re.compile(r"(?<=[^ \t\n])(?:[ \t]{2,}|\t)")
_TRAILING_SPACES = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> tuple[str, int]:
    """The text as the app stores it, and how many refused or invisible characters were
    dropped. Conservative on purpose: quotes, dashes, non-breaking spaces and leading
    indentation stay as they are, so excerpts remain verbatim spans of what people read.
    Runs of spaces and tabs inside a line become one space, lines lose trailing spaces,
    paragraphs are separated by exactly one blank line; the result is NFC."""
    text = text.replace("\r\n", "\n").translate(_BREAKS)
    text = _SOFT_HYPHEN_BREAK.sub("", text)
    removed = 0
    if _REFUSED.search(text):
        before = len(text)
        text = _REFUSED.sub("", text)
        removed = before - len(text)
    text = _SURROGATES.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text)
    text = _INNER_SPACES.sub(" ", text)
    text = _TRAILING_SPACES.sub("", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip(), removed


# ----------------------------------------------------------------------------- metadata

_REFUSED_IN_A_LINE = re.compile("[" + re.escape(_C0_C1 + "\t\n" + BIDI_CONTROLS + INVISIBLE) + "]")


def clean_field(value: object, field_name: str) -> str:
    """A metadata value (title, publisher, URL) as one tidy line the field may hold, or ""
    when nothing usable is left. A title too long is cut with an ellipsis; a URL too long
    is dropped, since a cut URL leads nowhere."""
    if not isinstance(value, str) or not value:
        return ""
    value = _SURROGATES.sub("\ufffd", value)
    value = " ".join(value.split())  # every kind of line break and space: one space
    value = unicodedata.normalize("NFC", _REFUSED_IN_A_LINE.sub("", value)).strip()
    limit = RULES[field_name].max_chars
    if len(value) > limit:
        if field_name == "source_url":
            return ""
        value = value[: limit - 1].rstrip() + "…"
    return value if problem_with(field_name, value) is None else ""


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iso_day(value: object) -> str:
    """'YYYY-MM-DD' when `value` starts with a real calendar day, else ""."""
    if not isinstance(value, str) or not (match := _ISO_DAY.match(value.strip())):
        return ""
    try:
        return datetime.date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return ""


# ----------------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Files people may pick by mistake, named so the message can say what they are.
_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive (Word .docx, OpenDocument and e-books are ZIP files)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.doc, .xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
# Charset detection confuses the Windows code pages on short Western text: among guesses
# about as likely, Windows-1252 (a superset of Latin-1's letters) is by far the most common.
_WESTERN = "cp1252"
# How notes name the encodings users may have heard of.
ENCODING_NAMES = {
    "cp1252": "Windows-1252",
    "cp1250": "Windows-1250",
    "cp1251": "Windows-1251",
    "latin_1": "Latin-1",
    "cp932": "Shift JIS",
    "shift_jis": "Shift JIS",
}


def not_text_reason(head: bytes) -> str | None:
    """What a file is when its first bytes show it is not text, or None."""
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            return what
    return None


def decode_text(data: bytes, name: str, *, html: bool = False) -> tuple[str, str | None]:
    """The text of a file, and the encoding's name when it had to be guessed (None for
    UTF-8). UTF-8 with or without a BOM, UTF-16/32 with a BOM, a web page's declared
    charset, and otherwise charset-normalizer's best guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), None
            except UnicodeDecodeError:
                raise ValidationError(
                    f"{name} is not valid {encoding.upper()} text, though it says it is"
                ) from None
    sample = data[:65536]
    if sample.count(0) > max(8, len(sample) // 100):  # text has no NULs, or a stray few
        return _utf16_without_bom(data, name), "UTF-16"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if html and (match := _DECLARED_CHARSET.search(data[:8192])):
        declared = match.group(1).decode("ascii").lower()
        try:
            encoding = codecs.lookup(
                "cp1252" if declared in ("iso-8859-1", "latin1") else declared
            ).name
            return data.decode(encoding), ENCODING_NAMES.get(encoding, encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return _guess(data, name)


def _utf16_without_bom(data: bytes, name: str) -> str:
    """Windows' "Unicode" text without its BOM has a NUL beside every ASCII letter; any
    other file with many NULs is binary."""
    sample = data[:65536]
    odd_nuls, even_nuls = sample[1::2].count(0), sample[0::2].count(0)
    if max(odd_nuls, even_nuls) > len(sample) // 4 and min(odd_nuls, even_nuls) < len(sample) // 50:
        encoding = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            pass
        else:
            if not _looks_binary(text):
                return text
    raise ValidationError(f"{name} is a binary file, not text the app can read")


def _looks_binary(text: str) -> bool:
    """Many control characters: what a decoder makes of an image or a program."""
    sample = text[:65536]
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\r\x0c")
    return controls > max(8, len(sample) // 100)


def _guess(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # only for the rare file that is not UTF-8

    try:
        matches = list(from_bytes(data))
    except Exception:  # a library's bug must not reach the user as a traceback
        matches = []
    if not matches:
        raise ValidationError(f"{name} is a binary file or in an encoding the app cannot tell")
    best = matches[0]
    for match in matches:
        if match.encoding == _WESTERN and match.chaos <= best.chaos + 0.1:
            best = match
            break
    text = str(best)
    if _looks_binary(text):
        raise ValidationError(f"{name} is a binary file, not text the app can read")
    return text, ENCODING_NAMES.get(best.encoding, best.encoding)
