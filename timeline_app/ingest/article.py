"""A source for the timeline, read from a file or pasted: the text the app will store, and
whatever the source says about itself (title, publisher, URL, publication date).

The text returned here is final: excerpts are character offsets into it, so it is cleaned
once, now (cleaning.py), and always passes the rules for a source's text
(text_rules.RULES["source_text"]). Every problem the user can act on is a one-line
ValidationError that names the file; no library's exception gets past this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from timeline_app.errors import ValidationError
from timeline_app.ingest.byline import byline_date
from timeline_app.ingest.cleaning import (
    Extracted,
    clean_field,
    clean_text,
    decode_text,
    iso_day,
    not_text_reason,
)
from timeline_app.ingest.html_text import html_article
from timeline_app.ingest.markdown_text import markdown_article
from timeline_app.ingest.pdf_text import pdf_article
from timeline_app.model.text_rules import RULES, problem_with

KINDS = ("text", "markdown", "html", "pdf")
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
# Files larger than this are refused before being read: no text that fits in a source
# (2,000,000 characters) comes from a bigger text file or page, and reading one would
# only make the user wait. PDFs are mostly fonts and images, so they may be far larger.
MAX_BYTES = {"text": 16_000_000, "markdown": 16_000_000, "html": 64_000_000, "pdf": 512_000_000}


@dataclass(frozen=True, slots=True)
class Article:
    """A source as it will be stored: `text` exactly as stored and shown (excerpts are
    offsets into it), the metadata as prefilled for the user to check."""

    text: str  # exactly what will be stored and shown; excerpts are offsets into it
    title: str = ""  # prefilled from metadata where there is any, else ""
    publisher: str = ""
    url: str = ""
    published: str = ""  # "YYYY-MM-DD" or "" (from metadata)
    kind: str = "text"  # "text", "markdown", "html", "pdf"
    notes: tuple[str, ...] = ()  # things the user should know (e.g. "page 3 has no text")


def read_article(path: Path, kind: str | None = None) -> Article:
    """The article in a file: plain text, Markdown, HTML or PDF. `kind` None means the
    file's content decides (its extension only as a hint): see detect_kind."""
    path = Path(path)
    name = path.name or str(path)
    if kind is not None and kind not in KINDS:
        raise ValidationError(_unsupported(kind))
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(8192)
    except OSError as error:
        raise ValidationError(f"{name} cannot be read: {error.strerror or error}") from None
    if kind is None and is_pdf(head):
        kind = "pdf"
    if kind == "pdf":
        _check_size(size, "pdf", name)
        return _finish(pdf_article(path, name), "pdf", name)
    if what := not_text_reason(head):
        raise ValidationError(f"{name} is {what}, not a text, Markdown, HTML or PDF file")
    _check_size(size, kind, name)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError(f"{name} cannot be read: {error.strerror or error}") from None
    text, encoding = decode_text(data, name, html=kind in (None, "html"))
    kind = kind or detect_kind(text, path.suffix)
    _check_size(size, kind, name)
    found = _extract(text, kind, name)
    if encoding:
        found.notes.insert(0, f"the file is not UTF-8; it was read as {encoding}")
    return _finish(found, kind, name)


def article_from_text(text: str, kind: str = "text", url: str = "") -> Article:
    """An article from pasted text: plain, Markdown or HTML (as copied from a browser).
    `url` is where the user says it comes from; it wins over the page's own."""
    if kind not in KINDS:
        raise ValidationError(_unsupported(kind))
    if kind == "pdf":
        raise ValidationError("a PDF cannot be pasted as text: add the PDF file instead")
    name = {
        "text": "The pasted text",
        "markdown": "The pasted Markdown",
        "html": "The pasted HTML",
    }[kind]
    return _finish(_extract(text, kind, name, url), kind, name, url)


def is_pdf(head: bytes) -> bool:
    """PDF readers accept the %PDF- header anywhere in the first kilobyte, so do we."""
    return b"%PDF-" in head[:1024]


_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S
)
_HTML_TAG = re.compile(
    r"<(?:p|div|span|a|br|hr|img|h[1-6]|ul|ol|li|table|tr|td|th|article|section|main|header"
    r"|footer|nav|body|head|meta|link|script|style|strong|em|b|i|blockquote|pre|figure)\b[^<>]*>",
    re.I,
)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.M)
_MD_LINK = re.compile(r"!?\[[^\]\n]+\]\([^)\s]+(?:\s+\"[^\"\n]*\")?\)")
_MD_FENCE = re.compile(r"^(?:```|~~~)", re.M)


def detect_kind(text: str, suffix: str = "") -> str:
    """'html', 'markdown' or 'text' for decoded text; the file's `suffix` is a hint.
    HTML: a doctype or <html> at the start, or many tags (fewer under .html). Markdown: a
    Markdown extension, a heading on the first line, or two or more headings, links or
    code fences. Anything else is plain text."""
    suffix = suffix.lower()
    sample = text[:20_000]
    if _HTML_START.match(sample):
        return "html"
    tags = len(_HTML_TAG.findall(sample))
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if tags >= (1 if suffix in HTML_SUFFIXES else 8):
        return "html"
    first_line = next((line for line in sample.splitlines() if line.strip()), "")
    marks = sum(len(p.findall(sample)) for p in (_MD_HEADING, _MD_LINK, _MD_FENCE))
    if _MD_HEADING.match(first_line) or marks >= 2:
        return "markdown"
    return "text"


def _extract(text: str, kind: str, name: str, url: str = "") -> Extracted:
    try:
        if kind == "html":
            return html_article(text, url)
        if kind == "markdown":
            found = markdown_article(text)
            return replace(found, published=found.published or byline_date(found.text))
        return Extracted(text, title=text_title(text), published=byline_date(text))
    except ValidationError:
        raise
    except Exception as error:  # a library's bug, or a file built to break it: one line
        what = {"html": "a web page", "markdown": "Markdown", "text": "text"}[kind]
        raise ValidationError(f"{name} could not be read as {what} ({error!r:.120})") from None


_LETTER = re.compile(r"[^\W\d_]")


def text_title(text: str) -> str:
    """The first non-empty line when it reads like a title: short, with a letter, not
    ending like a sentence or a clause. Otherwise "": a wrong title is worse than none."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if len(line) <= 150 and _LETTER.search(line) and line[-1] not in ".,;:":
            return line
        return ""
    return ""


def _finish(found: Extracted, kind: str, name: str, url: str = "") -> Article:
    """The checks every kind shares: clean text, not empty, not too long, valid fields."""
    text, removed = clean_text(found.text)
    if not text:
        raise ValidationError(f"{name} has no text the app can read")
    limit = RULES["source_text"].max_chars
    if len(text) > limit:
        raise ValidationError(
            f"{name} is too long: its text has {len(text):,} characters, "
            f"and a source may hold at most {limit:,}"
        )
    if problem := problem_with("source_text", text):  # cleaning should make this impossible
        raise ValidationError(f"{name}: {problem}")
    notes = list(found.notes)
    if removed:
        notes.append(
            f"{removed:,} invisible or control character{'s were' if removed > 1 else ' was'} "
            "removed (such as zero-width spaces, soft hyphens or direction overrides)"
        )
    return Article(
        text=text,
        title=clean_field(found.title, "source_title"),
        publisher=clean_field(found.publisher, "source_publisher"),
        url=clean_field(url, "source_url") or clean_field(found.url, "source_url"),
        published=iso_day(found.published),
        kind=kind,
        notes=tuple(notes),
    )


def _check_size(size: int, kind: str | None, name: str) -> None:
    """Refuse a file too big to hold a source's text before reading it all."""
    limit = MAX_BYTES[kind] if kind else max(MAX_BYTES[k] for k in ("text", "markdown", "html"))
    if size > limit:
        what = {"pdf": "PDF files", "html": "web pages", "markdown": "Markdown files"}.get(
            kind or "", "text files and web pages" if kind is None else "text files"
        )
        raise ValidationError(
            f"{name} is too large ({size / 1e6:,.0f} MB): the app reads {what} of up to "
            f"{limit / 1e6:,.0f} MB, and a source may hold at most "
            f"{RULES['source_text'].max_chars:,} characters"
        )


def _unsupported(kind: str) -> str:
    return f"{kind!r} is not a kind of source the app reads: use text, markdown, html or pdf"
