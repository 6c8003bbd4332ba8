"""A picture export has no overview strip: the strip's counts of every event (tens of
megabytes for a moment at a million events) are not made for it."""

from __future__ import annotations

from pathlib import Path

from timeline_app.export import ImageOptions, export
from timeline_app.model.timeline import OpenedTimeline
from timeline_app.ui.timeline.overview import Overview


def test_an_image_export_counts_nothing_for_an_overview_it_does_not_draw(
    builtin_copy: Path, tmp_path: Path, monkeypatch
) -> None:
    counted: list[int] = []
    count = Overview._lane_columns
    monkeypatch.setattr(
        Overview,
        "_lane_columns",
        lambda self, columns: counted.append(columns) or count(self, columns),
    )
    with OpenedTimeline.open(builtin_copy, readonly=True) as timeline:
        out = tmp_path / "t.png"
        export(timeline, timeline.state, out, ImageOptions(800, 600))
    assert out.stat().st_size > 0
    assert counted == []
