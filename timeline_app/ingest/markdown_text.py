"""Markdown as the prose a reader sees: markdown-it-py parses it (CommonMark, with tables
and strikethrough), and the text is taken from its tokens, so no `#`, `**` or link target
remains and none of the prose's own asterisks or brackets is mistaken for markup.

Headings and paragraphs are separated by a blank line; a paragraph's soft line breaks
become spaces, as they do when the Markdown is shown; list items are lines ("- item",
"2. item", nested items indented); code blocks are kept as they are; table rows are lines
with cells separated by " | "; links keep their text, images their alternative text. The
first heading is the title. YAML front matter, when there is any, gives the title, the date,
the publisher and the URL, and is not part of the text.
"""

from __future__ import annotations

import re
from typing import Any

from timeline_app.ingest.cleaning import Extracted, iso_day

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.{0,4000}?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_YAML_LINE = re.compile(r"^(?:[A-Za-z_][\w-]*\s*:.*|\s+.*|\s*-.*|\s*#.*|)$")
_FRONT_KEYS = {
    "title": "title",
    "date": "published",
    "published": "published",
    "publisher": "publisher",
    "site": "publisher",
    "url": "url",
    "canonical_url": "url",
    "link": "url",
}
_WORD = re.compile(r"\w")
_LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.IGNORECASE | re.DOTALL)


def markdown_article(source: str) -> Extracted:
    """The readable text of a Markdown document, with its title and front matter."""
    from markdown_it import MarkdownIt

    found = Extracted("")
    source = _front_matter(source.replace("\r\n", "\n"), found)
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    renderer = _Renderer()
    renderer.walk(parser.parse(source))
    found.text = "\n\n".join(renderer.blocks)
    if not found.text.strip() and _WORD.search(_TAGS.sub("", source)):
        # markdown-it stops at 20 levels of nesting (lists in quotes in lists...): a document
        # built that deep is kept as it is rather than lost
        found.text = source
        found.notes.append("the Markdown could not be read; its text was kept as it is")
    if renderer.first_heading and not found.title:
        found.title = renderer.first_heading
    return found


def _front_matter(source: str, found: Extracted) -> str:
    """The document without its YAML front matter, whose known keys fill `found`."""
    match = _FRONT_MATTER.match(source)
    if not match or not all(_YAML_LINE.match(line) for line in match.group(1).splitlines()):
        return source
    for line in match.group(1).splitlines():
        key, colon, value = line.partition(":")
        target = _FRONT_KEYS.get(key.strip().lower())
        value = value.strip().strip("'\"").strip()
        if not colon or not target or not value or getattr(found, target):
            continue
        setattr(found, target, iso_day(value) if target == "published" else value)
    return source[match.end() :]


class _Renderer:
    """Walks markdown-it's flat token stream, keeping the list nesting it needs."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.first_heading = ""
        self.lines: list[str] = []  # the lines of the list or table being read
        self.lists: list[tuple[bool, str]] = []  # per open list: ordered?, its marker
        self.item_prefix: str | None = None  # the marker still to put before an item's text
        self.cells: list[str] = []
        self.in_cell = False
        self.in_heading = False

    def add(self, text: str) -> None:
        """A paragraph, or a line of the list it belongs to."""
        if self.lists:
            depth = "  " * (len(self.lists) - 1)
            if self.item_prefix is not None:
                text, self.item_prefix = depth + self.item_prefix + text, None
            else:
                text = "\n".join(depth + "  " + line for line in text.split("\n"))
            self.lines.append(text)
        elif text.strip():
            self.blocks.append(text)

    def walk(self, tokens: list[Any]) -> None:
        for token in tokens:
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                self.lists.append((kind == "ordered_list_open", str(token.markup)))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
                if not self.lists:
                    self._flush_lines()
            elif kind == "list_item_open":
                ordered, marker = self.lists[-1]
                self.item_prefix = f"{token.info}{marker} " if ordered else "- "
            elif kind == "heading_open":
                self.in_heading = True
            elif kind == "heading_close":
                self.in_heading = False
            elif kind in ("th_open", "td_open", "th_close", "td_close"):
                self.in_cell = kind.endswith("_open")
            elif kind == "tr_open":
                self.cells = []
            elif kind == "tr_close":
                self.lines.append(" | ".join(self.cells))
            elif kind == "table_close":
                self._flush_lines()
            elif kind == "inline":
                self._inline(token)
            elif kind in ("fence", "code_block"):
                self.add(token.content.rstrip("\n"))
            elif kind == "html_block":
                text = _TAGS.sub("", token.content).strip()
                if text:
                    self.add(text)

    def _inline(self, token: Any) -> None:
        text = "".join(_inline_text(child) for child in token.children or [])
        if self.in_cell:
            self.cells.append(text.strip())
            return
        if self.in_heading and not self.first_heading:
            self.first_heading = text.strip()
        self.add(text)

    def _flush_lines(self) -> None:
        if any(line.strip() for line in self.lines):
            self.blocks.append("\n".join(self.lines))
        self.lines = []


def _inline_text(token: Any) -> str:
    """The visible text of one inline token: emphasis and link markers give none."""
    kind = token.type
    if kind in ("text", "code_inline"):
        return str(token.content)
    if kind == "softbreak":
        return " "
    if kind == "hardbreak":
        return "\n"
    if kind == "image":
        return str(token.content)  # the alternative text
    if kind == "html_inline" and _LINE_BREAK_TAG.match(token.content):
        return "\n"
    return ""
