"""The app and vis-timeline side by side on the same events: `python benchmarks/peer/peer.py`.

The events are the benchmark's own generated database (benchmarks/bench.py, same seed): by
default 100,000 events in 10 lanes. vis-timeline (the version pinned in package.json, with
package-lock.json) is installed from the npm registry into benchmarks/out/peer/ and runs in
headless Chromium through puppeteer-core; the app opens the same file in its window,
offscreen. Both draw 1200×600 pixels of timeline, show the same time windows and are timed
until the picture is painted. Not part of CI: it needs node, npm, a Chromium and a network
for the first install. Medians; the machine is noisy, so compare ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import bench  # noqa: E402  (benchmarks/bench.py: the same databases and helpers)

INSTALL = bench.OUT / "peer"
DAY = 86_400
REPEATS = 21


def install_vis() -> Path:
    """npm ci of the pinned versions, once (again when the lock file changes)."""
    INSTALL.mkdir(parents=True, exist_ok=True)
    lock = (HERE / "package-lock.json").read_bytes()
    marker = INSTALL / "node_modules" / ".installed-lock"
    if not marker.exists() or marker.read_bytes() != lock:
        for name in ("package.json", "package-lock.json", "vis_measure.mjs"):
            shutil.copy(HERE / name, INSTALL / name)
        print("npm ci (vis-timeline, puppeteer-core) ...", file=sys.stderr, flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
                       cwd=INSTALL, check=True)  # fmt: skip
        marker.write_bytes(lock)
    shutil.copy(HERE / "vis_measure.mjs", INSTALL / "vis_measure.mjs")
    return INSTALL / "vis_measure.mjs"


def windows(db: Path) -> dict[str, list[float]]:
    """The time windows both tools show: everything (with 2% either side), a year in the
    middle and 1.25 times that (a zoom step between them), and a month in the middle (to
    zoom out from)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    first, last = conn.execute("SELECT min(start_ts), max(end_ts) FROM events").fetchone()
    conn.close()
    pad = (last - first) * 0.02
    full = [first - pad, last + pad]
    centre = (full[0] + full[1]) / 2
    year = 365 * DAY / 2
    return {
        "full": full,
        "zoomed": [centre - year, centre + year],
        "wider": [centre - year * 1.25, centre + year * 1.25],
        "month": [centre - 15 * DAY, centre + 15 * DAY],
    }


def write_vis_data(db: Path, out: Path) -> None:
    """The file's lanes and events as vis-timeline items: a day (or shorter) is a point,
    a month, a year or an event with an end is a range, each with its title."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    lanes = conn.execute("SELECT id, name FROM companies ORDER BY name")
    groups = [{"id": cid, "content": name} for cid, name in lanes]
    items = []
    for eid, cid, start, end, title in conn.execute(
        "SELECT id, company_id, start_ts, end_ts, title FROM events ORDER BY id"
    ):
        item = {"id": eid, "group": cid, "start": start * 1000, "content": title}
        if end - start > DAY:
            item.update(end=end * 1000, type="range")
        else:
            item["type"] = "point"
        items.append(item)
    conn.close()
    out.write_text(json.dumps({"groups": groups, "items": items, **windows(db)}))


def measure_app(db: Path, width: int, height: int) -> dict[str, float]:
    """Runs in a fresh process: the window's timeline sized to width×height pixels."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import QtCore, QtWidgets

    from timeline_app.ui.main_window import MainWindow
    from timeline_app.ui.settings import AppSettings

    painted = bench.note_paints()
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    window = MainWindow(settings=AppSettings(Path(tempfile.mkdtemp()) / "peer.ini"))
    window.resize(width + 700, height + 500)
    window.show()
    app.processEvents()
    viewport = window.timeline.plot.viewport()
    for _ in range(5):  # the timeline's plot area to exactly width×height
        size = viewport.size()
        window.resize(window.width() + width - size.width(),
                      window.height() + height - size.height())  # fmt: skip
        app.processEvents()
    painted.clear()
    shown = windows(db)
    started = time.perf_counter()
    window.open_path(db)
    window.timeline.set_visible_range(*shown["zoomed"])  # first drawn: the year in the middle
    while not painted:
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 10)
    first = painted[0] - started
    view = window.timeline

    def show(t0: float, t1: float) -> float:
        before = len(painted)
        begun = time.perf_counter()
        view.set_visible_range(t0, t1)
        app.processEvents()
        if len(painted) == before:
            viewport.repaint()
        return (time.perf_counter() - begun) * 1000

    show(*shown["wider"])
    zooms = [show(*shown["zoomed" if i % 2 == 0 else "wider"]) for i in range(REPEATS)]
    outs = []
    for _ in range(5):
        show(*shown["month"])
        outs.append(show(*shown["full"]))
    size = viewport.size()
    window.close()
    return {"first_render_s": first, "zoom_ms": statistics.median(zooms),
            "zoom_out_ms": statistics.median(outs), "peak_mb": bench.peak_memory_mb(),
            "plot": f"{size.width()}×{size.height()}"}  # fmt: skip


def run_vis(command: list[str], timeout: float) -> dict:
    """The browser's measures as they come; what is not done within `timeout` seconds is
    missing (the browser is stopped, with every process it started)."""
    found: dict = {}
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, start_new_session=True)
    assert child.stdout is not None
    timer = threading.Timer(timeout + 30, lambda: os.killpg(child.pid, signal.SIGKILL))
    timer.start()
    try:
        for line in child.stdout:
            if line.startswith("{"):
                found.update(json.loads(line))
    finally:
        timer.cancel()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)  # its browser too, whatever happened
        child.wait()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--lanes", type=int, default=10)
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=600)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--timeout", type=int, default=300, help="seconds vis-timeline gets")
    parser.add_argument("--app-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.app_child:
        print(json.dumps(measure_app(args.app_child, args.width, args.height)), flush=True)
        return
    db = bench.ensure_database(args.events, args.lanes)
    script = install_vis()
    data = bench.OUT / f"peer-{args.events}-{args.lanes}.json"
    write_vis_data(db, data)

    env = bench.child_environment()
    print("the app ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--app-child", str(db),
         "--width", str(args.width), "--height", str(args.height)],
        stdout=subprocess.PIPE, text=True, env=env, check=True,
    )  # fmt: skip
    app_start = time.perf_counter() - started
    ours = json.loads(done.stdout.splitlines()[-1])
    print("vis-timeline ...", file=sys.stderr, flush=True)
    theirs = run_vis(
        ["node", str(script), str(data), args.chromium, str(args.width), str(args.height),
         str(REPEATS), str(args.timeout)],
        args.timeout,
    )  # fmt: skip
    chromium = subprocess.run([args.chromium, "--version"], capture_output=True, text=True)
    print(f"{args.events:,} events in {args.lanes} lanes, {args.width}×{args.height} "
          f"(app plot {ours['plot']}); {time.strftime('%Y-%m-%d')}; "
          f"vis-timeline {theirs.get('vis_version', '?')}, {chromium.stdout.strip()}, headless; "
          f"app process start to end of run {app_start:.1f} s\n")  # fmt: skip
    print("| measure | Announcement Timeline | vis-timeline | ratio (vis / app) |")
    print("|---|---|---|---|")
    rows = [
        ("data in hand to first painted timeline (a year in view)", "first_render_s", "s"),
        ("zoom step: a year ↔ 1.25 years (median)", "zoom_ms", "ms"),
        ("zoom out: a month → whole range (median)", "zoom_out_ms", "ms"),
    ]
    for label, key, unit in rows:
        mine = ours[key]
        if key not in theirs:
            print(f"| {label} | {mine:.2f} {unit} | not done within {args.timeout} s | — |")
            continue
        print(f"| {label} | {mine:.2f} {unit} | {theirs[key]:.2f} {unit} | "
              f"{theirs[key] / mine:.1f}× |")  # fmt: skip
    heap = f"{theirs['heap_mb']:.0f} MB JS heap" if "heap_mb" in theirs else "—"
    print(f"| memory | {ours['peak_mb']:.0f} MB whole process, peak | {heap} | — |")


if __name__ == "__main__":
    main()
