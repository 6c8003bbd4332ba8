"""The exported web page in a real browser: headless Chromium opens it with "#selftest", and
the page's own self-test clicks, hovers, zooms, drags, unticks and searches as a person
would, and writes what it saw into <body>; Chromium's DOM dump brings that back here. Also
opened with 10,000 events, and with "#select=ID". Skipped, saying why, without Chromium
(Debian: apt-get install chromium)."""

from __future__ import annotations

import html
import json
import sqlite3

import pytest
from web_pages import (
    CHROMIUM,
    HOSTILE_TITLE,
    export_page,
    hostile_database,
    open_in_chromium,
    page_data,
    self_test,
)

from timeline_app import cli
from timeline_app.export.web_page import SCRIPTS
from timeline_app.model import query
from timeline_app.model.store import open_store

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)"
)
FIRST_DRAW_LIMIT_MS = 2000  # a guard against a page that crawls, not a benchmark
UNITS = ["hour", "day", "week", "month", "year"]  # of the axis ticks, finest first


def check_common(seen: dict[str, str]) -> None:
    """What every page must do: no script error, nothing loaded, the detail of a clicked
    event with its quote, labels that never overlap, zoom, pan, untick, search."""
    assert seen["errors"] == ""
    assert seen["resources"] == "0", seen["resource-names"]
    assert int(seen["painted"]) > 1000  # the canvas has more than its background
    assert seen["label-overlaps"] == "0", seen["label-overlap-first"]
    assert seen["label-overlaps-zoomed"] == "0", seen["label-overlap-zoomed-first"]
    assert float(seen["zoom"]) < 0.5
    before, after = seen["ticks"].split(">")
    assert UNITS.index(after) < UNITS.index(before)  # the axis ticks follow the zoom
    assert seen["pan"] == "earlier"
    assert seen["clicked-title"] and seen["clicked-title"] == seen["detail-title"]
    assert seen["clicked-title"] in seen["hover"]
    assert int(seen["detail-marks"]) >= 1 and seen["detail-quote"]
    assert seen["detail-quote"] in seen["detail-passage"]
    assert seen["detail-links-safe"] == "yes"
    assert seen["untick-gone"] == "yes"
    assert int(seen["lanes-after-untick"]) == int(seen["lanes-before-untick"]) - 1
    assert seen["lanes-after-tick"] == seen["lanes-before-untick"]
    assert seen["search-all-match"] == "yes" and seen["search-has-clicked"] == "yes"
    assert seen["search-cleared-shown"] == seen["events"]
    assert seen["placeholder-fits"] == "yes"  # the search box's hint is not cut off
    assert seen["pwned"] == "undefined" and seen["elements-injected"] == "0"
    assert seen["scripts"] == str(len(SCRIPTS) + 1)  # nothing added any


def check_quote_and_search(db, seen: dict[str, str]) -> None:
    """The quote shown is the clicked event's, and the page's search finds what the
    window's finds."""
    with open_store(db, readonly=True) as store:
        detail = query.event_detail(store, int(seen["clicked-id"]))
        assert detail is not None and detail.event.title == seen["clicked-title"]
        assert seen["detail-quote"] in [x.text for x in detail.excerpts]
        found = query.search_event_ids(store, seen["search-word"])
    assert found is not None and int(seen["search-shown"]) == found.size


def test_the_built_in_timeline_works_in_a_browser(tmp_path, builtin_copy):
    page = tmp_path / "timeline.html"
    export_page(page, "--db", str(builtin_copy))
    seen = self_test(page, tmp_path / "profile")
    check_common(seen)
    assert (seen["events"], seen["lanes"], seen["markers"]) == ("19", "10", "19")
    assert seen["density-lanes"] == "0" and int(seen["labels"]) >= 15
    assert seen["ticks"] == "year>month"
    check_quote_and_search(builtin_copy, seen)
    assert seen["shown-count-text"] == f"{seen['search-shown']} of 19 events shown"


def test_a_page_of_markup_runs_none_of_it(tmp_path):
    db = hostile_database(tmp_path)
    page = tmp_path / "hostile.html"
    export_page(page, "--db", str(db), "--title", "</title><script>window.pwned=7</script>")
    seen = self_test(page, tmp_path / "profile")
    check_common(seen)
    assert seen["hostile-title"] == "text"
    dom = open_in_chromium(page, tmp_path / "profile2", "#select=1")
    assert html.escape(HOSTILE_TITLE, quote=False) in dom
    assert "Link (not opened, only http and https links are)" in dom  # the javascript: one
    assert "<script>window" not in dom and "<img" not in dom


def test_ten_thousand_events_draw_quickly_as_counts(tmp_path):
    from timeline_app.generator import generate_database

    db = generate_database(tmp_path / "big.db", events=10_000, companies=30, seed=1)
    page = tmp_path / "big.html"
    export_page(page, "--db", str(db))
    assert len(page_data(page.read_text(encoding="utf-8"))["events"]) == 10_000
    seen = self_test(page, tmp_path / "profile")
    check_common(seen)
    assert (seen["events"], seen["lanes"]) == ("10000", "30")
    assert int(seen["density-lanes"]) >= 10  # zoomed out, busy lanes are counts
    assert int(seen["markers"]) < 2_000  # not 10,000 markers
    assert float(seen["first-draw-ms"]) < FIRST_DRAW_LIMIT_MS, seen["first-draw-ms"]
    check_quote_and_search(db, seen)
    # A badge zooms in on what it counts (or lists the events of one day), a density
    # column says its count and zooms in.
    assert seen["pile"] in ("zoomed", "listed") and " events here" in seen["pile-hover"]
    assert seen["density"] == "zoomed"
    count = int(seen["density-count"])
    assert seen["density-hover"].startswith(f"{count} event{'s' if count > 1 else ''} · ")


def test_an_address_ending_in_select_opens_that_event(tmp_path, builtin_copy):
    page = tmp_path / "timeline.html"
    export_page(page, "--db", str(builtin_copy))
    with open_store(builtin_copy, readonly=True) as store:
        (event,) = [e for e in query.find_events(store) if e.title.startswith("Amazon pauses")]
        detail = query.event_detail(store, event.id)
    assert detail is not None
    dom = open_in_chromium(page, tmp_path / "profile", f"#select={event.id}")
    assert f'<h2 class="title">{html.escape(event.title, quote=False)}</h2>' in dom
    for excerpt in detail.excerpts:
        assert f"<mark>{html.escape(excerpt.text, quote=False)}</mark>" in dom
    assert "10 June 2020 – 10 June 2021" in dom and "Sales halt" in dom


def test_a_title_never_covers_an_event_drawn_over_the_bars(tmp_path):
    """Six year-long bars fill every sub-row of a lane; a day at their start fits in none,
    so it is drawn over them, and the last bar's title starts after it instead of on it."""
    bars = [{"company": "Acme", "title": f"Bar {n} covers the whole year", "start": "2020",
             "precision": "year", "category": "Launch"} for n in range(1, 7)]  # fmt: skip
    day = {"company": "Acme", "title": "A day that fits in no sub-row", "start": "2020-01-01",
           "precision": "day", "category": "Policy"}  # fmt: skip
    source = tmp_path / "bars.json"
    source.write_text(json.dumps({"events": [*bars, day]}), encoding="utf-8")
    db = tmp_path / "bars.db"
    assert cli.main(["import", str(source), "--db", str(db)]) == 0
    page = tmp_path / "bars.html"
    export_page(page, "--db", str(db))
    seen = self_test(page, tmp_path / "profile")
    assert seen["errors"] == ""
    assert (seen["markers"], seen["labels"]) == ("7", "6")  # every bar keeps its title
    assert seen["label-overlaps"] == "0", seen["label-overlap-first"]
    assert seen["label-overlaps-zoomed"] == "0", seen["label-overlap-zoomed-first"]


def test_an_era_is_shaded_across_the_lanes_of_the_page(tmp_path, builtin_copy):
    conn = sqlite3.connect(builtin_copy)
    conn.execute("INSERT INTO meta (key, value) VALUES ('title', 'Face recognition, 2020')")
    conn.execute(
        "INSERT INTO eras (name, start_date, end_date) "
        "VALUES ('Protests and moratoria', '2020-05-25', '2020-07-31')"
    )
    conn.commit()
    conn.close()
    page = tmp_path / "timeline.html"
    text = export_page(page, "--db", str(builtin_copy))
    assert page_data(text)["eras"][0][0] == "Protests and moratoria"
    assert '<h1 id="title">Face recognition, 2020</h1>' in text
    seen = self_test(page, tmp_path / "profile")
    assert seen["errors"] == "" and seen["eras"] == "1"
    assert float(seen["era-green-inside"]) < float(seen["era-green-outside"]) - 3
