"""The filtered timeline as one interactive web page: a single HTML file that needs nothing
else, the events as JSON data, the script and the styles inline, that opens in any browser
from a disk or a web site and never loads anything (its Content-Security-Policy forbids it).

The page draws what the window draws, with the same palette, the same title, filter line,
legend and sources footer as an exported image, and every quote inside its paragraph of
the source (model/passages.py, as the detail pane). Its script (web/*.js, package data)
builds the page with createElement and textContent only; the data is JSON inside a
<script type="application/json"> element with "<", ">" and "&" escaped, so no text from a
file can end that element or become markup.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.resources
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from itertools import groupby
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from timeline_app import __version__
from timeline_app.colours import ColourChoice, Theme
from timeline_app.errors import TimelineError
from timeline_app.export.options import DEFAULT_TITLE, ExportResult, ImageOptions
from timeline_app.files import written_atomically
from timeline_app.formats.registry import Format
from timeline_app.model import query
from timeline_app.model.dates import format_published, format_span
from timeline_app.model.filters import FilterState
from timeline_app.model.lanes import PRECISION_CODES
from timeline_app.model.passages import QUOTE_CAP, Passage, name, passages, pieces, plain
from timeline_app.model.timeline import OpenedTimeline
from timeline_app.model.types import Event, EventDetail, Source

# In this order: the self-test (it does nothing unless asked) first, to catch every error.
SCRIPTS = ("selftest.js", "events.js", "timeline.js", "draw.js", "detail.js", "page.js")
STYLES = ("timeline.css",)
DATA_ID = "timeline-data"
MANY_EVENTS = 100_000  # past this, say that a browser may take its time
SAFE_SCHEMES = ("http", "https")
# Pieces of a passage: plain source text, the quoted words, a note of the page's own.
PLAIN, QUOTED, NOTE = 0, 1, 2


def asset(file_name: str) -> str:
    """A file of the page's script or styles, shipped as package data."""
    return (importlib.resources.files("timeline_app.export") / "web" / file_name).read_text(
        encoding="utf-8"
    )


def script_json(value: object) -> str:
    """JSON that can stand inside a <script> element: ASCII only, and "<", ">" and "&" as
    \\u escapes, so that no text can close the element or open a comment in it."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def web_link(url: str) -> str:
    """The URL when a page may make it a link (http or https, with a host), else ""."""
    url = url.strip()
    if not url or any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in url):
        return ""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return ""
    return url if parts.scheme.lower() in SAFE_SCHEMES and host else ""


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


class _Collector:
    """Sources and passages, each stored once however many events quote them."""

    def __init__(self) -> None:
        self.sources: list[list[str]] = []
        self.passages: list[list[object]] = []
        self._source_rows: dict[int, int] = {}
        self._passage_rows: dict[tuple[int, int, int, tuple[tuple[int, int], ...]], int] = {}

    def source(self, source: Source) -> int:
        row = self._source_rows.get(source.id)
        if row is None:
            url = source.url.strip()
            row = self._source_rows[source.id] = len(self.sources)
            self.sources.append([
                plain(source.title) or "Untitled source",
                plain(source.publisher.strip()),
                format_published(source.published.strip()),
                plain(url),
                web_link(url),
            ])  # fmt: skip
        return row

    def passages_of(self, detail: EventDetail) -> list[int]:
        """The event's quotes as passages (each a paragraph with its quoted words), in the
        detail pane's order: by source, then by place in the source."""
        found: list[int] = []
        for _source_id, group in groupby(detail.excerpts, key=lambda x: x.source.id):
            excerpts = list(group)
            source = excerpts[0].source
            source_row = self.source(source)
            for passage in passages(source.text, [(x.start, x.end) for x in excerpts]):
                key = (source_row, passage.start, passage.end, tuple(sorted(passage.quotes)))
                row = self._passage_rows.get(key)
                if row is None:
                    row = self._passage_rows[key] = len(self.passages)
                    runs = _runs(source.text, passage)
                    self.passages.append(
                        [source_row, int(passage.cut_before), int(passage.cut_after), runs]
                    )
                found.append(row)
        return found


def _runs(text: str, passage: Passage) -> list[list[object]]:
    """A passage as [kind, text] runs: plain source text and quoted words as the detail
    pane shows them (an enormous quote cut, with a note saying so)."""
    runs: list[list[object]] = []
    for start, end, quoted in pieces(passage):
        hidden = max(0, end - start - QUOTE_CAP) if quoted else 0
        runs.append([QUOTED if quoted else PLAIN, plain(text[start : end - hidden])])
        if hidden:
            runs.append([NOTE, f" … [quote shortened for display: {hidden:,} more characters]"])
    return runs


def _date_text(event: Event) -> str:
    try:
        return format_span(event.start, event.end, event.precision, event.approximate)
    except TimelineError:  # a date another program stored badly: shown as stored
        return event.start


def _event_rows(
    timeline: OpenedTimeline,
    events: Iterable[Event],
    lanes: dict[int, int],
    categories: dict[str, int],
    collector: _Collector,
) -> Iterator[list[object]]:
    for event in events:
        lane = lanes.get(event.company_id)
        if lane is None:  # its company is not shown (cannot happen with one filter)
            continue
        detail = query.event_detail(timeline.store, event.id)
        quotes = collector.passages_of(detail) if detail is not None else []
        yield [
            event.id,
            lane,
            event.start_ts,
            event.end_ts,
            PRECISION_CODES.get(event.precision.value, 0),
            int(event.approximate),
            categories.get(event.category, 0),
            name(event.title),
            _date_text(event),
            plain(event.summary),
            quotes,
            len(detail.excerpts) if detail is not None else 0,
        ]


def _page_head(title: str, subtitle: str, footer: str, styles: str, scripts: list[str]) -> str:
    policy = (
        "default-src 'none'; script-src "
        + " ".join(_csp_hash(script) for script in scripts)
        + f"; style-src {_csp_hash(styles)}; base-uri 'none'; form-action 'none'"
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Announcement Timeline {__version__}">
<title>{html.escape(title)}</title>
<style>{styles}</style>
</head>
<body>
<header>
<h1 id="title">{html.escape(title)}</h1>
<p id="subtitle">{html.escape(subtitle)}</p>
<div id="legend" aria-label="Legend"></div>
</header>
<main>
<aside id="filters" aria-label="Filters">
<label class="heading" for="search">Search</label>
<input id="search" type="search" placeholder="Titles, quotes…"
 title="Finds words in titles, summaries and quotes" autocomplete="off">
<p id="shown-count" aria-live="polite"></p>
<div class="heading-row"><span class="heading">Companies</span>
<button type="button" id="all-companies">All</button>
<button type="button" id="no-companies">None</button></div>
<ul id="companies"></ul>
</aside>
<section id="timeline" aria-label="Timeline">
<canvas id="axis" aria-hidden="true"></canvas>
<div id="plot-scroll"><canvas id="plot" tabindex="0" role="img" aria-label="Timeline: one lane
per company. Wheel to zoom, drag to pan, click an event to read its sources."></canvas>
<div id="plot-spacer"></div></div>
<p class="hint">Wheel: zoom · drag: pan · double-click: show all · click an event: its sources ·
keys + − Home ← →</p>
<div id="tooltip" role="tooltip" hidden></div>
</section>
<aside id="detail" aria-label="Selected event" aria-live="polite"></aside>
</main>
<footer>
<p id="footer">{html.escape(footer)}</p>
<p class="made">Made with Announcement Timeline {__version__}: every event with the words of
its source.</p>
<noscript><p>This page draws its timeline with JavaScript, which is turned off.</p></noscript>
</footer>
"""


def write_page(
    timeline: OpenedTimeline,
    state: FilterState,
    out: Path,
    options: ImageOptions,
    fmt: Format,
) -> ExportResult:
    """Write what `state` selects as one self-contained interactive HTML page."""
    visible = timeline.visible_for(state)  # lanes and counts as the window and images have
    title = options.title if options.title is not None else (timeline.title or DEFAULT_TITLE)
    subtitle = timeline.describe_filter(state, visible)
    footer = timeline.sources_line(state)
    colours = ColourChoice.of_timeline(timeline)
    theme = Theme.named(options.theme)
    lanes = {lane.company.id: row for row, lane in enumerate(visible.lanes)}
    categories = {category: row for row, (_cid, category) in enumerate(timeline.categories)}
    meta = {
        "version": 1,
        "theme": asdict(theme),
        "range": list(options.time_range) if options.time_range else None,
        "lanes": [
            [lane.company.id, name(lane.company.name), colours.company_hex(lane.company.id)]
            for lane in visible.lanes
        ],
        "eras": [[name(era.name), era.start_ts, era.end_ts] for era in timeline.eras],
        "categories": [
            [
                name(category),
                colours.category_hex(cid),
                (shape := colours.shape(cid)).symbol,
                shape.scale,
                shape.name,
            ]
            for cid, category in timeline.categories
        ],
    }
    scripts = [asset(file_name) for file_name in SCRIPTS]
    styles = "\n".join(asset(file_name) for file_name in STYLES)
    collector = _Collector()
    events = query.find_events(timeline.store, state)
    with written_atomically(out, fmt.complete) as partial:
        try:
            with partial.open("w", encoding="utf-8", newline="\n") as handle:
                handle.write(_page_head(title, subtitle, footer, styles, scripts))
                handle.write(f'<script type="application/json" id="{DATA_ID}">')
                handle.write(script_json(meta)[:-1] + ',"events":[')
                written = _write_rows(
                    handle, _event_rows(timeline, events, lanes, categories, collector)
                )
                handle.write('],"passages":' + script_json(collector.passages))
                handle.write(',"sources":' + script_json(collector.sources) + "}</script>\n")
                for script in scripts:
                    handle.write(f"<script>{script}</script>\n")
                handle.write("</body>\n</html>\n")
        except OSError as exc:
            raise TimelineError(f"{out}: cannot write ({exc.strerror})") from None
    note = ""
    if not written:
        note = "no event matches the filters; the page shows empty lanes"
    elif written > MANY_EVENTS:
        note = f"the page holds {written:,} events; a browser may take a while to open it"
    return ExportResult(out, note)


def _write_rows(handle: TextIO, rows: Iterable[list[object]]) -> int:
    count = 0
    for row in rows:
        handle.write(("," if count else "") + script_json(row))
        count += 1
    return count
