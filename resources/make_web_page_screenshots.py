"""Regenerate the web page screenshots: `python resources/make_web_page_screenshots.py`
exports the built-in timeline as a web page and has headless Chromium (Debian: apt-get
install chromium) photograph it as it opens (web-page.png) and with Amazon's pause selected
(web-page-detail.png)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from timeline_app.cli import main as cli
from timeline_app.model import query
from timeline_app.model.dataset import builtin_database_path
from timeline_app.model.store import open_store

HERE = Path(__file__).resolve().parent


def shoot(page: Path, fragment: str, out: Path, profile: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", "--virtual-time-budget=3000",
         "--window-size=1400,900", f"--screenshot={out}", page.as_uri() + fragment],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    print(f"wrote {out}")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "timeline.html"
        if cli(["export", "--out", str(page)]) != 0:
            return 1
        with open_store(builtin_database_path(), readonly=True) as store:
            (pause,) = [e for e in query.find_events(store) if e.title.startswith("Amazon pauses")]
        shoot(page, "", HERE / "web-page.png", Path(folder) / "one")
        shoot(page, f"#select={pause.id}", HERE / "web-page-detail.png", Path(folder) / "two")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
