"""What the web page tests share: exporting a page, reading its embedded data back, a
timeline file whose every text is markup or script, and opening a page in headless
Chromium to read what its self-test wrote into <body>."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from timeline_app import cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DATA = re.compile(r'<script type="application/json" id="timeline-data">(.*?)</script>', re.S)

HOSTILE_TITLE = "</script><script>window.pwned=1</script>"
HOSTILE_COMPANY = "<img src=x onerror=window.pwned=2>"
HOSTILE_IMG_TITLE = "<img src=x onerror=window.pwned=6>"
HOSTILE_QUOTE = "<img src=x onerror=window.pwned=5> quoted words"
HOSTILE_EVENTS = [
    {
        "company": HOSTILE_COMPANY,
        "title": HOSTILE_TITLE,
        "summary": "<b>bold?</b> & <!-- a comment --> ]]> <script>window.pwned=8</script>",
        "category": "<i>Cat</i>",
        "start": "2021-03-04",
        "precision": "day",
        "source_title": "<script>window.pwned=3</script>",
        "source_publisher": "Pub & <Co>",
        "source_url": "https://example.org/to-be-made-javascript",
        "source_published": "2021-03-05",
        "source_text": f"First paragraph.\n\nBefore. {HOSTILE_QUOTE} </textarea> here.\n\nLast.",
        "excerpt": HOSTILE_QUOTE,
    },
    {
        "company": "Acme",
        "title": HOSTILE_IMG_TITLE,
        "category": "Launch",
        "start": "2021-05",
        "precision": "month",
        "source_title": "Good source",
        "source_url": "https://example.com/a?b=1&c=<2>",
        "source_published": "2021-06-01",
        "source_text": "Acme said it would launch in May.",
        "excerpt": "launch in May",
    },
    {
        "company": "Acme",
        "title": "Normal launch",
        "category": "Launch",
        "start": "2021-06-02",
        "end": "2021-06-20",
        "precision": "day",
        "approximate": "true",
    },
]


def export_page(out: Path, *args: str) -> str:
    assert cli.main(["export", "--out", str(out), *args]) == 0
    return out.read_text(encoding="utf-8")


def page_data(page: str) -> dict:
    (found,) = DATA.findall(page)
    return json.loads(found)


def hostile_database(tmp_path: Path) -> Path:
    """Every text is markup; one source's link is javascript:, as another program could
    write it (the app's import refuses such links)."""
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps({"events": HOSTILE_EVENTS}), encoding="utf-8")
    db = tmp_path / "hostile.db"
    assert cli.main(["import", str(source), "--db", str(db)]) == 0
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(
        "UPDATE sources SET url = 'javascript:window.pwned=4' "
        "WHERE url = 'https://example.org/to-be-made-javascript'"
    )
    conn.close()
    return db


class Tags(HTMLParser):
    """Every start tag with its attributes, and the attributes of <body>."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    @property
    def body(self) -> dict[str, str]:
        return next(attrs for tag, attrs in self.tags if tag == "body")


def open_in_chromium(page: Path, profile: Path, fragment: str = "#selftest") -> str:
    """The page's DOM once its scripts ran, from headless Chromium (nothing else is
    installed for it: no driver, no websocket client)."""
    done = subprocess.run(
        [CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", "--virtual-time-budget=10000",
         "--allow-file-access-from-files", "--window-size=1400,900", "--dump-dom",
         page.as_uri() + fragment],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert "<body" in done.stdout, f"no page rendered: {done.stderr[-800:]}"
    return done.stdout


def self_test(page: Path, profile: Path) -> dict[str, str]:
    """What the page's self-test saw, from the data-* attributes it wrote on <body>."""
    body = Tags(open_in_chromium(page, profile)).body
    found = {name[5:]: value for name, value in body.items() if name.startswith("data-")}
    assert found.get("selftest") == "done", found
    return found
