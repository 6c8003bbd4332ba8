"""Compatibility with the real TimelineJS: a timeline exported as TimelineJS JSON is loaded
into Knight Lab's own library (the npm package @knight-lab/timelinejs, as CI installs it)
in headless Chromium, which must draw one slide and one marker per event, with no script
error. Skipped, saying why, where Chromium or the library is not installed."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from timeline_app.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DIST = Path(os.environ.get("TIMELINEJS_DIST", "")) if os.environ.get("TIMELINEJS_DIST") else None

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{dist}/css/timeline.css"><script src="{dist}/js/timeline.js"></script>
</head><body><div id="tl" style="width:1000px;height:600px"></div><script>
var errors = [];
window.onerror = function (message) {{ errors.push(String(message)); }};
new TL.Timeline('tl', {data});
setTimeout(function () {{
  var body = document.body;
  body.setAttribute('data-slides', document.querySelectorAll('.tl-slide').length);
  body.setAttribute('data-markers', document.querySelectorAll('.tl-timemarker').length);
  body.setAttribute('data-eras', document.querySelectorAll('.tl-timeera').length);
  var title = document.querySelector('.tl-slide-titleslide .tl-headline');
  body.setAttribute('data-title', title ? title.textContent : '');
  body.setAttribute('data-errors', errors.join(' | '));
}}, 3000);
</script></body></html>"""


def render(page: Path, profile: Path) -> dict[str, str]:
    """The page's body attributes once its scripts ran (Chromium's DOM dump)."""
    done = subprocess.run(
        [CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", "--virtual-time-budget=10000",
         "--allow-file-access-from-files", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    body = re.search(r"<body([^>]*)>", done.stdout)
    assert body, f"no page rendered: {done.stderr[-500:]}"
    return dict(re.findall(r'data-(\w+)="([^"]*)"', body[1]))


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: chromium)")
@pytest.mark.skipif(
    DIST is None or not (DIST / "js" / "timeline.js").is_file(),
    reason="TIMELINEJS_DIST does not name the dist folder of @knight-lab/timelinejs",
)
def test_timelinejs_draws_every_event_of_an_export(tmp_path, builtin_copy):
    conn = sqlite3.connect(builtin_copy)
    conn.execute("INSERT INTO meta (key, value) VALUES ('title', 'Face <recognition>')")
    conn.execute(
        "INSERT INTO eras (name, start_date, end_date) "
        "VALUES ('Moratoria', '2020-06-08', '2020-12-31')"
    )
    conn.commit()
    conn.close()
    out = tmp_path / "timeline.json"
    assert main(["export", "--db", str(builtin_copy), "--format", "timelinejs",
                 "--out", str(out)]) == 0  # fmt: skip
    data = out.read_text(encoding="utf-8")
    events = len(json.loads(data)["events"])
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(dist=DIST.as_uri(), data=data), encoding="utf-8")
    shown = render(page, tmp_path / "profile")
    assert shown["errors"] == ""
    assert int(shown["slides"]) == events + 1 == 20  # and the title slide
    assert int(shown["markers"]) == events
    assert int(shown["eras"]) == 1
    assert shown["title"] == "Face &lt;recognition&gt;"  # the DOM dump escapes it once
