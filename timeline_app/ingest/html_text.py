"""The article inside a web page: its main text without the page's chrome (menus, scripts,
styles, cookie notices, newsletter boxes, share buttons, related stories, footers), found by
trafilatura, and the page's own metadata (title, site name, publication date, canonical URL).

Nothing is downloaded: the page is what the user saved or pasted. trafilatura is imported
on first use, since it takes a noticeable fraction of a second to load.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from timeline_app.ingest.cleaning import Extracted, iso_day

# htmldate may only read the page's metadata (meta tags, JSON-LD, the URL, <time>): a date
# merely mentioned in the text is not when the page was published.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
# trafilatura's units of text; each becomes a paragraph, list items and table rows lines.
_BLOCKS = frozenset({"p", "head", "list", "quote", "table", "code", "div", "section"})
_CONTAINERS = frozenset({"quote", "div", "section", "article", "body"})
_SHORT = 250  # trafilatura's own threshold for an extraction that found too little
_TABLE_RULE = re.compile(r"^\|(?:-+\|)+$")
_FALLBACK_NOTE = (
    "the page's main text could not be told apart from the rest of the page; "
    "all of its visible text was kept"
)


def html_article(html: str, url: str = "") -> Extracted:
    """The main text of a page, paragraphs separated by a blank line, with the page's
    metadata. A pasted fragment keeps all of its visible text; so does a page in which
    trafilatura finds no article, with a note that says so."""
    if not html.strip():
        return Extracted("")
    import trafilatura
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html

    if "html" not in html[:50].lower():  # a fragment, as pasted: trafilatura wants a page
        html = f"<html><body>{html}</body></html>"
    try:
        tree = load_html(html)
    except Exception:  # a library's failure is the page's problem, said in plain words
        tree = None
    if tree is None:
        return Extracted("")
    found = Extracted("")
    try:
        meta = extract_metadata(tree, url or None, dict(_DATE_PARAMS))
        found = Extracted(
            "",
            title=meta.title or "",
            publisher=meta.sitename or "",
            url=meta.url or "",
            published=iso_day(meta.date),
        )
    except Exception:
        pass  # metadata is a convenience: the text matters more
    if not found.title and (titles := tree.xpath("//title")):
        found.title = titles[0].text_content()
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url or None,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception:
        document = None
    body = getattr(document, "body", None)
    found.text = "\n\n".join(_blocks(body)) if body is not None else ""
    if len(found.text) < _SHORT:
        # Little text: a snippet, whose raw dump by trafilatura breaks a line at every <b>
        # or <a> (what a browser shows reads better), or a page it could not make sense of.
        visible = visible_text(tree).strip()
        if len(visible) < 4 * _SHORT:
            found.text = visible or found.text
        elif not found.text.strip():
            found.text = visible
            found.notes.append(_FALLBACK_NOTE)
    return found


def _blocks(element: Any) -> list[str]:
    """Paragraphs of trafilatura's output tree, in order: containers are opened so that
    each paragraph of a quote or section stands apart."""
    from trafilatura.xml import xmltotxt

    blocks: list[str] = []
    if element.text and element.text.strip():
        blocks.append(element.text.strip())
    for child in element:
        if child.tag in _CONTAINERS and any(grand.tag in _BLOCKS for grand in child):
            blocks += _blocks(child)
        else:
            text = xmltotxt(child, False).strip()
            if child.tag == "table":
                text = "\n".join(_table_line(line) for line in text.splitlines())
                text = "\n".join(line for line in text.splitlines() if line)
            if text:
                blocks.append(text)
            continue
        if child.tail and child.tail.strip():
            blocks.append(child.tail.strip())
    return blocks


def _table_line(line: str) -> str:
    """'| Cloud | 1.2 |' reads as 'Cloud | 1.2'; Markdown's rule under a header goes."""
    line = line.strip()
    if _TABLE_RULE.match(line):
        return ""
    return line.removeprefix("|").removesuffix("|").strip()


# ----------------------------------------------------------------------------- fallback

_DROPPED = frozenset(
    {"script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside",
     "form", "button", "select", "iframe", "svg", "canvas", "object", "embed"}
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "tr",
     "table", "blockquote", "pre", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5",
     "h6", "hr", "address", "details", "summary"}
)  # fmt: skip
_SPACES = re.compile(r"[ \t\r\n\f]+")


def visible_text(tree: Any) -> str:
    """All the text a browser would show, without scripts, styles and obvious chrome
    (nav, header, footer, aside, forms): for fragments and pages trafilatura gives up on."""
    pieces: list[str] = []

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag and tag.lower() not in _DROPPED:
            tag = tag.lower()
            block = tag in _BLOCK_TAGS
            if block:
                pieces.append("\n\n")
            if tag == "br":
                pieces.append("\n")
            elif tag in ("td", "th"):
                pieces.append(" ")
            if element.text:
                pieces.append(element.text if tag == "pre" else _SPACES.sub(" ", element.text))
            for child in element:
                walk(child)
            if block:
                pieces.append("\n\n")
        if element.tail:
            pieces.append(_SPACES.sub(" ", element.tail))

    with contextlib.suppress(RecursionError):  # absurd nesting: what was gathered so far
        walk(tree)
    text = "".join(pieces)
    return re.sub(r" *\n *", "\n", text)
