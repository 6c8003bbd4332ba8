"""`timeline-app export --out timeline.html`: one self-contained interactive page that loads
nothing, holds exactly the events the filters select, says what the images say, and keeps
every text of the file as text, however it is written."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from web_pages import (
    DATA,
    HOSTILE_COMPANY,
    HOSTILE_IMG_TITLE,
    HOSTILE_QUOTE,
    HOSTILE_TITLE,
    Tags,
    export_page,
    hostile_database,
    page_data,
)

from timeline_app import cli
from timeline_app.colours import COMPANY_COLOURS, Theme
from timeline_app.export.web_page import SCRIPTS, script_json, web_link
from timeline_app.formats import registry
from timeline_app.model import query
from timeline_app.model.timeline import OpenedTimeline

THREE = ("--company", "IBM", "--company", "Amazon", "--company", "Microsoft")


def outside_data(page: str) -> str:
    """The page without its embedded data: markup, styles and scripts."""
    return DATA.sub("", page)


def test_the_page_is_one_file_that_loads_nothing(tmp_path, builtin_copy):
    page = export_page(tmp_path / "timeline.html", "--db", str(builtin_copy))
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    tags = Tags(page).tags
    names = [tag for tag, _attrs in tags]
    for tag in ("link", "img", "iframe", "object", "embed", "base", "form", "frame", "audio"):
        assert tag not in names, tag
    for tag, attrs in tags:
        assert not {"src", "href", "srcset", "action", "poster", "data"} & set(attrs), (tag, attrs)
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "timeline-data"}] + [{}] * len(SCRIPTS)
    code = outside_data(page)
    assert "http://" not in code and "https://" not in code
    assert "@import" not in code and "url(" not in code
    assert "fetch(" not in code and "XMLHttpRequest" not in code and "WebSocket" not in code
    # The page's own policy forbids loading anything and runs only its own scripts.
    (policy,) = [a["content"] for t, a in tags if a.get("http-equiv") == "Content-Security-Policy"]
    assert policy.startswith("default-src 'none'; script-src 'sha256-")
    for script in re.findall(r"<script>(.*?)</script>", page, re.S):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    (style,) = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() in policy


def test_the_page_holds_the_filtered_events_and_says_what_the_images_say(tmp_path, builtin_copy):
    page = export_page(tmp_path / "t.html", "--db", str(builtin_copy), *THREE,
                       "--title", "Big tech & the police")  # fmt: skip
    data = page_data(page)
    with OpenedTimeline.open(builtin_copy, readonly=True) as timeline:
        state = timeline.filter_by_names(["IBM", "Amazon", "Microsoft"], [])
        expected = query.find_events(timeline.store, state)
        subtitle = timeline.describe_filter(state, timeline.visible_for(state))
        footer = timeline.sources_line(state)
        categories = [name for _cid, name in timeline.categories]
        amazon = next(c.id for c in timeline.companies if c.name == "Amazon")
    assert sorted(row[0] for row in data["events"]) == sorted(e.id for e in expected)
    assert len(data["events"]) == 12
    assert [lane[1] for lane in data["lanes"]] == ["Amazon", "IBM", "Microsoft"]
    assert subtitle == "12 of 19 events · Amazon, IBM, Microsoft"
    assert f'<p id="subtitle">{subtitle}</p>' in page
    assert f'<p id="footer">{footer}</p>' in page and footer.startswith("Sources: ")
    assert "<title>Big tech &amp; the police</title>" in page
    assert [c[0] for c in data["categories"]] == categories  # the legend has them all
    assert data["lanes"][0][2] == COMPANY_COLOURS[(amazon - 1) % len(COMPANY_COLOURS)].lower()
    assert "Oakland bans police use" not in page  # nothing of the events left out
    # An event in full: its date as the window writes it, and its quote in its paragraph.
    rows = {row[0]: row for row in data["events"]}
    pause = next(e for e in expected if e.title.startswith("Amazon pauses"))
    row = rows[pause.id]
    assert row[7] == pause.title and row[8] == "10 June 2020 – 10 June 2021"
    (passage,) = [data["passages"][i] for i in row[10]]
    source = data["sources"][passage[0]]
    assert source[0] == pause.source_title and source[2] == "11 June 2020"
    quoted = [text for kind, text in passage[3] if kind == 1]
    assert quoted and all(text in "".join(t for _k, t in passage[3]) for text in quoted)
    assert any("stop providing it to police for one year" in text for text in quoted)
    assert next(r for r in data["events"] if r[5] == 1)[8].startswith("c. ")  # approximate


def test_every_text_stays_text_however_it_is_written(tmp_path):
    db = hostile_database(tmp_path)
    page = export_page(tmp_path / "h.html", "--db", str(db),
                       "--title", "</title><script>window.pwned=7</script>")  # fmt: skip
    lowered = page.lower()
    tags = len(SCRIPTS) + 1  # the data, then the scripts
    assert lowered.count("<script") == tags and lowered.count("</script") == tags
    assert "<img" not in lowered and "<script>window" not in lowered and "<b>" not in lowered
    assert "<title>&lt;/title&gt;&lt;script&gt;window.pwned=7&lt;/script&gt;</title>" in page
    data = page_data(page)
    titles = {row[7] for row in data["events"]}
    assert {HOSTILE_TITLE, HOSTILE_IMG_TITLE} <= titles
    assert data["lanes"][0][1] == HOSTILE_COMPANY or data["lanes"][1][1] == HOSTILE_COMPANY
    quoted = [t for p in data["passages"] for kind, t in p[3] if kind == 1]
    assert HOSTILE_QUOTE in quoted
    links = {source[3]: source[4] for source in data["sources"]}
    assert links["javascript:window.pwned=4"] == ""  # shown as text, never a link
    assert links["https://example.com/a?b=1&c=<2>"] == "https://example.com/a?b=1&c=<2>"


def test_data_in_a_script_element_cannot_end_it():
    text = script_json({"t": "</script><!-- <script> & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert text.isascii()


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.com/x", "https://example.com/x"),
        ("  http://example.com  ", "http://example.com"),
        ("javascript:alert(1)", ""),
        ("JAVASCRIPT:alert(1)", ""),
        ("data:text/html,<b>x</b>", ""),
        ("file:///etc/passwd", ""),
        ("https:///no-host", ""),
        ("https://exa mple.com", ""),
        ("//example.com", ""),
        ("https://[::1", ""),
    ],
)
def test_only_http_and_https_addresses_become_links(url, link):
    assert web_link(url) == link


def test_the_registry_offers_the_page_to_the_command_line_and_the_dialogs(capsys, tmp_path):
    fmt = registry.for_writing(Path("timeline.html"))
    assert (fmt.name, fmt.kind, fmt.label) == ("html", "page", "Interactive web page (HTML)")
    assert registry.for_writing(Path("t.HTM")) is fmt
    assert "Interactive web page (HTML) (*.html *.htm)" in registry.dialog_filter(
        registry.writers()
    )
    with pytest.raises(SystemExit):
        cli.main(["export", "--help"])
    assert ".html" in capsys.readouterr().out
    out = tmp_path / "named.html"
    assert cli.main(["export", "--format", "html", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").endswith("</html>\n")


def test_a_page_is_written_without_qt(tmp_path):
    out = tmp_path / "t.html"
    probe = (
        "import sys; from timeline_app.cli import main\n"
        f"assert main(['export', '--out', {str(out)!r}]) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_theme_range_and_an_empty_selection(tmp_path, builtin_copy, capsys):
    page = export_page(tmp_path / "dark.html", "--db", str(builtin_copy), "--theme", "dark")
    assert page_data(page)["theme"]["background"] == Theme.named("dark").background
    out = tmp_path / "none.html"
    assert cli.main(["export", "--db", str(builtin_copy), "--search", "zzzzqqq",
                     "--out", str(out)]) == 0  # fmt: skip
    assert "no event matches" in capsys.readouterr().err
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["events"] == [] and data["lanes"] == []


def test_colours_chosen_in_the_file_are_the_pages(tmp_path, builtin_copy):
    from timeline_app.model import edits
    from timeline_app.model.store import open_store

    with OpenedTimeline.open(builtin_copy, readonly=True) as timeline:
        ibm = next(c.id for c in timeline.companies if c.name == "IBM")
        policy = next(cid for cid, name in timeline.categories if name == "Policy")
    shape = {
        row[0]: row[4]
        for row in page_data(export_page(tmp_path / "b.html", "--db", str(builtin_copy)))[
            "categories"
        ]
    }
    with open_store(builtin_copy) as store, store.transaction() as conn:
        edits.set_colour(conn, "company", ibm, "#ff00ff")
        edits.set_colour(conn, "category", policy, "#00ff00")
    data = page_data(export_page(tmp_path / "c.html", "--db", str(builtin_copy)))
    assert {lane[1]: lane[2] for lane in data["lanes"]}["IBM"] == "#ff00ff"
    categories = {row[0]: row for row in data["categories"]}
    assert categories["Policy"][1] == "#00ff00"
    assert categories["Policy"][4] == shape["Policy"]  # a new colour keeps the shape
