"""What TimelineJS (Knight Lab's timeline for the web) calls a slide, and how it maps to the
import columns, both ways. Shared by the JSON file (timelinejs_json.py) and the Google
spreadsheet's CSV (timelinejs_csv.py).

Reading: the slide's group is the lane (a slide with none goes to the lane UNGROUPED, which
the import names among the new companies); its headline the title and its text the
summary, as plain text (TimelineJS holds HTML); the date's precision follows the parts given
(a year alone is a year event); a display date beginning "c." or "circa" marks it
approximate; a quotation in the text (a <blockquote>, as this app writes it) becomes the
event's quote, from a source named by the link after it; else a media URL with its caption
or credit becomes the source, its caption the quote; a `unique_id` that is a UUID becomes
the event's id. The title slide becomes the timeline's title and era slides its eras.

Writing: one slide per event, its quotes in the text as <blockquote>s with their source's
title and link (all text escaped), only the date parts that are known, "c. June 2019" as
the display date of an approximate date and the event's id as `unique_id`; the timeline's
title as the title slide and its eras as eras. A file written so reads back to the same
events, dates, precisions and quotes.
"""

from __future__ import annotations

import calendar
import html
import re
import uuid
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from typing import Any

from timeline_app.formats.records import Problems, Record, TimelineParts
from timeline_app.model.dates import format_span
from timeline_app.model.types import DatePrecision

UNGROUPED = "Ungrouped (TimelineJS)"
UNCATEGORISED = "Uncategorised"
_APPROXIMATE = re.compile(r"^\s*(?:c\.|ca\.|circa\b|about\b|around\b|~)", re.I)


class _Text(HTMLParser):
    """Plain text of a slide's HTML: paragraphs on their own lines, quotations apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.body: list[str] = []
        self.quotes: list[dict[str, str]] = []  # {"text", "title", "url"}
        self._quote: list[str] | None = None
        self._link: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "blockquote":
            self._quote = []
        elif tag in ("p", "br", "div", "li") and self._quote is None:
            self.body.append("\n")
        elif tag == "a":
            self._link = dict(attrs).get("href") or ""
            self._link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote" and self._quote is not None:
            text = "".join(self._quote).strip()
            if len(text) >= 2 and text[0] == "“" and text[-1] == "”":
                text = text[1:-1]  # the marks this app's writer puts around a quotation
            if text:
                self.quotes.append({"text": text, "title": "", "url": ""})
            self._quote = None
        elif tag == "a" and self._link is not None:
            if self.quotes and not self.quotes[-1]["url"]:
                self.quotes[-1]["url"] = self._link
                self.quotes[-1]["title"] = "".join(self._link_text).strip()
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._quote is not None:
            self._quote.append(data)
        elif self._link is not None and self.quotes and not self.quotes[-1]["url"]:
            self._link_text.append(data)
        elif self.quotes and data.strip().startswith("—") and not self.quotes[-1]["title"]:
            self.quotes[-1]["title"] = data.strip(" —\n")  # "— Source" after a quotation
        else:
            self.body.append(data)


def plain(markup: object) -> tuple[str, list[dict[str, str]]]:
    """The text of a slide's HTML and the quotations in it."""
    parser = _Text()
    parser.feed(str(markup or ""))
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.body).splitlines()]
    body = "\n".join(line for line in lines if line and line != "—")
    return body, parser.quotes


def _part(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    return int(str(value).strip())


def date_of(parts: dict[str, Any] | None) -> tuple[str, str] | None:
    """("YYYY[-MM[-DD]]", precision) of a TimelineJS date object, or None if it has no
    year; ValueError when a part is not a number."""
    if not parts:
        return None
    year, month, day = (_part(parts.get(k)) for k in ("year", "month", "day"))
    if year is None:
        return None
    if month is None:
        return f"{year:04d}", "year"
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


def at_precision(end: tuple[str, str], precision: str) -> str:
    """An end date written at the start's precision (the import wants both alike): a
    coarser end is its last day or month."""
    text, given = end
    year = int(text[:4])
    month = int(text[5:7]) if len(text) >= 7 else 12
    day = int(text[8:10]) if len(text) >= 10 else calendar.monthrange(year, month)[1]
    if precision == "year":
        return f"{year:04d}"
    if precision == "month":
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def record_of(slide: dict[str, Any]) -> list[Record] | str:
    """The import records of one slide (one per quote), or why it cannot be one."""
    start = date_of(slide.get("start_date"))
    if start is None:
        return "has no start_date with a year"
    end = date_of(slide.get("end_date"))
    for given in (start, end):
        digits = re.match(r"-?[0-9]+", given[0]) if given is not None else None
        if digits is not None and not 1 <= int(digits[0]) <= 9999:
            return f"has the year {int(digits[0])}; only the years 1 to 9999 can be shown"
    text = slide.get("text") or {}
    title, _ = plain(text.get("headline"))
    summary, quotes = plain(text.get("text"))
    if not title:
        title = summary.split("\n")[0][:120]
    display = str(slide.get("display_date") or (slide.get("start_date") or {}).get(
        "display_date") or "")  # fmt: skip
    base: Record = {
        "id": _uuid(slide.get("unique_id")),
        "company": " ".join(str(slide.get("group") or "").split()) or UNGROUPED,
        "title": title,
        "summary": summary if summary != title else "",
        "category": " ".join(str(slide.get("tag") or "").split()) or UNCATEGORISED,
        "start": start[0],
        "end": at_precision(end, start[1]) if end else "",
        "precision": start[1],
        "approximate": "true" if _APPROXIMATE.match(display) else "false",
    }
    media = slide.get("media") or {}
    if not quotes and isinstance(media, dict) and str(media.get("url") or "").strip():
        caption = plain(media.get("caption"))[0]
        credit = plain(media.get("credit"))[0]
        words = caption or credit or str(media["url"]).strip()
        quotes = [{"text": words, "title": credit or caption or str(media["url"]).strip(),
                   "url": str(media["url"]).strip()}]  # fmt: skip
    if not quotes:
        return [base]
    return [
        {
            **base,
            "source_title": q["title"] or q["url"] or title,
            "source_url": q["url"],
            "excerpt": q["text"],
        }
        for q in quotes
    ]


def _uuid(value: object) -> str:
    """A slide's unique_id when it is a UUID (as this app writes it); TimelineJS allows any
    text there, which is no identity the app can keep."""
    try:
        return str(uuid.UUID(str(value).strip())) if value else ""
    except ValueError:
        return ""


def title_of(slide: dict[str, Any]) -> str:
    text = slide.get("text") or {}
    headline, _ = plain(text.get("headline") if isinstance(text, dict) else "")
    return " ".join(headline.split())


def era_of(slide: object) -> tuple[str, str, str] | str:
    """(name, first day, last day) of an era slide as written, or why it cannot be one."""
    if not isinstance(slide, dict):
        return "is not an object with start_date, end_date and text"
    try:
        start = date_of(slide.get("start_date"))
        end = date_of(slide.get("end_date"))
    except (ValueError, TypeError, AttributeError) as exc:
        return f"has a date part that is not a number ({exc})"
    if start is None:
        return "has no start_date with a year"
    name = title_of(slide)
    if not name:
        return "has no headline to name it"
    return name, start[0], (end or start)[0]


def parts_of_slides(
    numbered: Iterable[tuple[int, dict[str, Any]]], problems: Problems
) -> TimelineParts:
    """The title and era slides of a sheet (its Type column), each refused era a problem
    under its row."""
    parts = TimelineParts()
    for number, slide in numbered:
        kind = str(slide.get("type") or "").strip().lower()
        if kind == "title" and not parts.title:
            parts.title = title_of(slide)
        elif kind == "era":
            era = era_of(slide)
            if isinstance(era, str):
                problems.add(number, f"era {era}")
            else:
                parts.eras.append(era)
    return parts


def read_slides(
    numbered: Iterable[tuple[int, dict[str, Any]]], problems: Problems
) -> Iterator[tuple[int, Record]]:
    """The records of numbered slides (JSON items, spreadsheet rows), each refused slide a
    problem under its number; the sources made as with_sources says."""
    collected: list[tuple[int, Record]] = []
    for number, slide in numbered:
        if not is_event(slide):
            continue
        try:
            found = record_of(slide)
        except (ValueError, TypeError, AttributeError) as exc:
            problems.add(number, f"has a date part that is not a number ({exc})")
            continue
        if isinstance(found, str):
            problems.add(number, found)
            continue
        collected += [(number, record) for record in found]
    yield from with_sources(collected)


def with_sources(found: list[tuple[int, Record]]) -> Iterator[tuple[int, Record]]:
    """The records, each quote's source text made of every quote the file takes from that
    source (a TimelineJS file holds the quotes, not the articles), the offsets pointing at
    the quote inside it."""
    parts: dict[tuple[str, str], list[str]] = {}
    for _number, record in found:
        if record.get("excerpt"):
            quoted = parts.setdefault((record["source_title"], record["source_url"]), [])
            if record["excerpt"] not in quoted:
                quoted.append(record["excerpt"])
    texts = {key: "\n\n".join(quoted) for key, quoted in parts.items()}
    for number, record in found:
        if record.get("excerpt"):
            key = (record["source_title"], record["source_url"])
            quoted = parts[key]
            at = quoted.index(record["excerpt"])
            start = sum(len(q) + 2 for q in quoted[:at])
            end = start + len(record["excerpt"])
            record = {
                **record,
                "source_text": texts[key],
                "excerpt_start": start,
                "excerpt_end": end,
            }
        yield number, record


def is_event(slide: dict[str, Any]) -> bool:
    """Title and era slides (the sheet's Type column) are no events."""
    kind = str(slide.get("type") or "").strip().lower()
    return kind not in ("title", "era")


# ------------------------------------------------------------------------------- writing
def _date_parts(value: str) -> dict[str, str]:
    keys = ("year", "month", "day")
    return {key: str(int(part)) for key, part in zip(keys, value.split("-"), strict=False)}


def slides(rows: Iterable[Record]) -> Iterator[dict[str, Any]]:
    """One slide per event from export records (one per quote, an event's rows together)."""
    current: dict[str, Any] | None = None
    key: tuple | None = None
    for row in rows:
        row_key = (row["company"], row["start"], row["title"], row["end"], row["precision"])
        if row_key != key:
            if current is not None:
                yield _slide(current)
            key, current = row_key, {"row": row, "quotes": []}
        assert current is not None
        if row.get("excerpt"):
            current["quotes"].append(row)
    if current is not None:
        yield _slide(current)


def _slide(collected: dict[str, Any]) -> dict[str, Any]:
    row = collected["row"]
    paragraphs = [f"<p>{html.escape(row['summary'])}</p>"] if row.get("summary") else []
    for quote in collected["quotes"]:
        paragraphs.append(f"<blockquote>“{html.escape(quote['excerpt'])}”</blockquote>")
        source = html.escape(quote.get("source_title") or "source")
        url = str(quote.get("source_url") or "")
        if url.lower().startswith(("http://", "https://")):
            source = f'<a href="{html.escape(url, quote=True)}">{source}</a>'
        paragraphs.append(f"<p>— {source}</p>")
    approximate = str(row.get("approximate")) == "true"
    slide: dict[str, Any] = {
        "unique_id": row.get("id") or "",
        "start_date": _date_parts(row["start"]),
        "text": {"headline": html.escape(row["title"]), "text": "".join(paragraphs)},
        "group": row["company"],
        "display_date": format_span(
            row["start"], row["end"] or None, DatePrecision(row["precision"]), approximate
        ),  # fmt: skip
    }
    if not slide["unique_id"]:
        del slide["unique_id"]
    if row.get("end"):
        slide["end_date"] = _date_parts(row["end"])
    if row.get("category") and row["category"] != UNCATEGORISED:
        slide["tag"] = row["category"]
    return slide


def title_slide(title: str) -> dict[str, Any]:
    return {"text": {"headline": html.escape(title)}}


def era_slide(name: str, start: str, end: str) -> dict[str, Any]:
    """An era from its first to its last day (both YYYY-MM-DD)."""
    return {
        "start_date": _date_parts(start),
        "end_date": _date_parts(end),
        "text": {"headline": html.escape(name)},
    }
