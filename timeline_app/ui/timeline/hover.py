"""What the tooltip over the timeline says: for an event, its company, its date as
precisely as it is known and its title; for a badge or a density column, how many events
and over which period. Names come from the file, so they are shown escaped."""

from __future__ import annotations

from timeline_app.errors import TimelineError
from timeline_app.model.dates import format_span
from timeline_app.model.query import EventReader
from timeline_app.ui.shown_text import shown
from timeline_app.ui.timeline.axes import describe_period
from timeline_app.ui.timeline.layout import Hit


def describe_hit(hit: Hit, reader: EventReader | None) -> str:
    if hit.kind == "event":
        event = reader.events_by_ids([hit.event_id]).get(hit.event_id) if reader else None
        if event is None:
            return ""
        try:
            when = format_span(event.start, event.end, event.precision, event.approximate)
        except TimelineError:  # a date another program wrote badly: shown as stored
            when = event.start
        return f"{shown(event.company)}\n{when}\n{shown(event.title)}"
    period = describe_period(hit.t0, hit.t1)
    return f"{shown(hit.lane)}\n{hit.count:,} events, {period}\nDouble-click to zoom in"
