"""Performance table for Announcement Timeline: `python benchmarks/bench.py`.

For each size (default 1,000 / 100,000 / 1,000,000 events over 500 companies) it generates a
database once (kept in benchmarks/out/), then starts a fresh process that opens the main
window offscreen and measures what a user waits for. Figures are medians of repeated runs,
each including the repaint; the last column is the ratio of the largest size to the smallest.
Timings on a shared machine are noisy: compare medians and ratios, not single runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # this checkout's code, whatever else is installed
OUT = HERE / "out"
REPEATS = 21
STARTS = 7

# (key, label, unit, target at the largest size, target ratio largest / smallest or None).
# One frame at 60 Hz is 16.7 ms: every interaction's target is 16 ms, its repaint included.
FRAME = 16
METRICS = [
    ("first_paint", "start to first painted timeline", "s", 0.8, None),
    ("filter_toggle", "toggle one company filter", "ms", FRAME, None),
    ("zoom", "zoom step (redraw)", "ms", FRAME, None),
    ("pan", "pan step (redraw)", "ms", FRAME, None),
    ("pick", "hover: pick the event under the cursor", "ms", 10, None),
    ("detail", "select an event, fill the detail pane", "ms", FRAME, None),
    ("step", "keyboard: next event (pane, redraw)", "ms", FRAME, None),
    ("edit", "retitle an event or undo it (saved, redrawn)", "ms", FRAME, None),
    ("move", "move an event 3 years or undo it (saved, redrawn)", "ms", FRAME, None),
    ("search", "full-text search (with redraw)", "ms", 30, 2.0),
    ("export", "PNG export 1920x1080", "s", 3, None),
    ("sort_title", "event table: first sort by title", "ms", 200, None),
    ("peak_mb", "peak memory (three exports included)", "MB", 350, None),
    (
        "background",
        "background work done (checks, title order), after first paint",
        "s",
        None,
        None,
    ),
]


def median_ms(action: Callable[[int], object], repeats: int = REPEATS) -> float:
    samples = []
    for i in range(repeats):
        start = time.perf_counter()
        action(i)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def peak_memory_mb() -> float:
    """This process's own high-water mark. (ru_maxrss would also count a parent's peak from
    before exec, e.g. while it generated the database.)"""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ----------------------------------------------------------------- child: one database
def zoom_to_markers(view, controller, event_id: int, redraw: Callable[[], None]) -> list:  # type: ignore[no-untyped-def]
    """Show `event_id`'s lane over a range where its events are drawn one by one: about ten
    of its neighbours either side (at most ±15 days), narrowed further if the lane is still
    drawn as counts. Returns the viewport points of up to 50 drawn events."""
    index = controller.lane_index
    detail = controller.event_detail(event_id)
    lane = index.lane_of(detail.event.company_id)
    starts = index.start[index.lane_slice(lane)]
    start = float(detail.event.start_ts)
    k = int(starts.searchsorted(start))
    near = starts[max(0, k - 10) : k + 10]
    half = min(15 * 86_400.0, max(3_600.0, float(near.max() - near.min()) / 2))
    view.set_selected(event_id)
    view.scroll_to_lane(controller.visible.lane_for_company(detail.event.company_id) or 0)
    view.set_selected(None)
    while True:
        view.set_visible_range(start - half, start + half)
        redraw()
        points = [view.point_of_event(i) for i in sorted(view.drawn_event_ids())[:50]]
        points = [p for p in points if p is not None]
        if points:
            return points
        if half < 60:
            raise RuntimeError("no event drawn to pick")
        half /= 4


def note_paints() -> list[float]:
    """The times the timeline's layer finishes a paint, from now on (a repaint is what a
    person waits for)."""
    from timeline_app.ui.timeline.layer import EventLayer

    painted: list[float] = []
    original_paint = EventLayer.paint

    def paint_and_note(self, painter, option, widget=None):  # type: ignore[no-untyped-def]
        original_paint(self, painter, option, widget)
        painted.append(time.perf_counter())

    EventLayer.paint = paint_and_note  # type: ignore[method-assign]
    return painted


def measure(db: Path, paint_only: bool = False) -> dict[str, float]:
    """Runs in a fresh process; prints PAINTED as soon as the timeline has been drawn."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import QtCore, QtWidgets

    from timeline_app.export import ImageOptions, export
    from timeline_app.model import edits
    from timeline_app.model.dates import DatePrecision
    from timeline_app.ui.edit_actions import fields_of
    from timeline_app.ui.main_window import MainWindow
    from timeline_app.ui.settings import AppSettings
    from timeline_app.ui.timeline.hover import describe_hit

    painted = note_paints()
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    settings_dir = tempfile.mkdtemp()
    window = MainWindow(settings=AppSettings(Path(settings_dir) / "bench.ini"))
    window.resize(1600, 1000)
    checked: list[bool] = []
    window.controller.verified.connect(checked.append)
    titles_known: list[float] = []
    window.controller.titleOrderKnown.connect(lambda: titles_known.append(time.perf_counter()))
    window.open_path(db)
    window.show()
    while not painted:
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 50)
    print("PAINTED", flush=True)
    # The rows are compared with the arrays in the background after the first paint: the
    # measures below start once that is done, as a person's first clicks mostly do.
    # The title order is sorted in the background too, for files of 50,000 events or more.
    while not checked or (not titles_known and window.controller.total_count >= 50_000):
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 50)
    background = (titles_known[0] if titles_known else time.perf_counter()) - painted[0]
    app.processEvents()
    # The event table's first sort by title (each start measures it once: it is cached).
    ascending = QtCore.Qt.SortOrder.AscendingOrder
    started = time.perf_counter()
    window.table.sortByColumn(3, ascending)
    window.table.viewport().repaint()
    first_sort = (time.perf_counter() - started) * 1000
    window.table.sortByColumn(0, ascending)
    app.processEvents()
    if paint_only:
        window.close()
        return {"sort_title": first_sort, "background": background}

    controller, view = window.controller, window.timeline
    viewport = view.plot.viewport()

    def redraw() -> None:
        """Exactly one paint of the timeline: the one Qt queued, or a forced one if none was."""
        before = len(painted)
        app.processEvents()
        if len(painted) == before:
            viewport.repaint()

    results: dict[str, float] = {"sort_title": first_sort, "background": background}
    lanes = controller.visible.lanes
    everyone = [lane.company.id for lane in controller.visible.all_lanes]
    first = lanes[0].company.id

    def toggle(i: int) -> None:
        controller.set_companies([c for c in everyone if c != first] if i % 2 == 0 else None)
        redraw()

    results["filter_toggle"] = median_ms(toggle)
    controller.set_companies(None)

    def zoom(i: int) -> None:
        view.zoom(1.25 if i % 2 == 0 else 0.8)
        redraw()

    results["zoom"] = median_ms(zoom)

    def pan(i: int) -> None:
        t0, t1 = view.visible_range()
        step = (t1 - t0) * 0.1 * (1 if i % 2 == 0 else -1)
        view.set_visible_range(t0 + step, t1 + step)
        redraw()

    results["pan"] = median_ms(pan)

    # Zoom in around an event in the middle until its lane's events are drawn one by one,
    # however dense the lane (10 lanes of 100,000 events hold dozens a day), then pick them.
    ids = controller.shown_ids()
    middle = int(ids[len(ids) // 2])
    points = zoom_to_markers(view, controller, middle, redraw)

    def pick(i: int) -> None:
        hit = view.hit_at_viewport(QtCore.QPointF(points[i % len(points)]))
        if hit is not None:
            describe_hit(hit, view.reader)

    results["pick"] = median_ms(pick, repeats=max(REPEATS, 2 * len(points)))

    # The keyboard's next event (→): the selection moves, the detail pane fills and the
    # timeline repaints with the new event picked out.
    controller.select(middle)
    app.processEvents()

    def step(i: int) -> None:
        (controller.select_next if i % 2 == 0 else controller.select_previous)()
        redraw()

    results["step"] = median_ms(step, repeats=REPEATS + 1)
    controller.select(None)
    redraw()

    chosen = [int(ids[int(k * (len(ids) - 1) / (REPEATS - 1))]) for k in range(REPEATS)]

    def detail(i: int) -> None:
        controller.select(chosen[i])
        app.processEvents()

    results["detail"] = median_ms(detail)

    # An edit of the selected event's title, then its undo, each with the redraw and the
    # table, counts and search brought up to date: what a person waits for after Save.
    target = chosen[len(chosen) // 2]
    controller.select(target)
    app.processEvents()
    base = fields_of(controller.event_detail(target))

    def edit(i: int) -> None:
        if i % 2 == 0:
            changed = replace(base, title=f"{base.title} (edited {i})")
            window.session.run("edit", lambda c: edits.save_event(c, target, changed))
        else:
            window.session.stack.undo()
        redraw()

    results["edit"] = median_ms(edit, repeats=REPEATS + 1)  # even: the file ends as it began
    # The same for a change of date, which moves the event in its lane's arrays and in the
    # table's time order (a title leaves both as they are).
    moved = replace(
        base, start=str(int(base.start[:4]) - 3), precision=DatePrecision.YEAR, end=None
    )

    def move(i: int) -> None:
        if i % 2 == 0:
            window.session.run("move", lambda c: edits.save_event(c, target, moved))
        else:
            window.session.stack.undo()
        redraw()

    results["move"] = median_ms(move, repeats=REPEATS + 1)
    controller.select(None)

    words = ["launch", "partnership", "policy", "earnings", "acquisition", "statement", "legal"]

    def search(i: int) -> None:
        controller.set_text(words[i])
        redraw()

    results["search"] = median_ms(search, repeats=len(words))
    controller.set_text("")
    redraw()

    out = Path(tempfile.mkdtemp()) / "bench.png"
    exports = []
    for _ in range(3):
        start = time.perf_counter()
        export(controller.timeline, controller.state, out, ImageOptions(1920, 1080))
        exports.append(time.perf_counter() - start)
    results["export"] = statistics.median(exports)
    results["peak_mb"] = peak_memory_mb()
    window.close()
    return results


def measure_import(csv: Path) -> dict[str, float]:
    """Runs in a fresh process: a new empty timeline in the window, then File > Import of
    `csv` as a person runs it (its progress dialog, the timeline redrawn at the end)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import QtWidgets

    from timeline_app.ui.main_window import MainWindow
    from timeline_app.ui.settings import AppSettings

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    folder = Path(tempfile.mkdtemp())
    window = MainWindow(settings=AppSettings(folder / "bench.ini"))
    window.show_message = lambda *args, **kwargs: None  # type: ignore[method-assign]
    window.resize(1600, 1000)
    window.show()
    if not window.controller.new_file(folder / "imported.db"):
        raise SystemExit("could not make an empty timeline")
    app.processEvents()
    started = time.perf_counter()
    if not window.import_path(csv):
        raise SystemExit(f"importing {csv.name} failed")
    window.timeline.plot.viewport().repaint()
    seconds = time.perf_counter() - started
    shown = window.controller.total_count
    window.close()
    return {"seconds": seconds, "peak_mb": peak_memory_mb(), "events": shown}


# ----------------------------------------------------------------- parent: the table
def ensure_database(events: int, companies: int) -> Path:
    """Generated once, by the CLI in its own process, so it weighs on no measurement."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"bench-{events}-{companies}.db"
    if not path.exists():
        print(f"generating {events:,} events ...", file=sys.stderr, flush=True)
        subprocess.run(
            [sys.executable, "-c", "from timeline_app.cli import main; raise SystemExit(main())",
             "generate", "--events", str(events), "--companies", str(companies),
             "--seed", "7", "--out", str(path)],
            check=True,
        )  # fmt: skip
    return path


def child_environment() -> dict[str, str]:
    """A start as users have it after the first: with compiled bytecode, which is written
    once here (some shells switch that off, and every start would then compile the code)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    warm_up = [sys.executable, "-c", "import timeline_app.ui.main_window"]
    subprocess.run(warm_up, env=env, check=True)
    return env


def run_size(db: Path) -> dict[str, float]:
    """One process measures everything; the start is timed in STARTS fresh processes (one
    start is too noisy to quote), the others quitting once the timeline is painted."""
    env = child_environment()
    results, first_paint = run_child(db, env, ["--child"])
    others = [run_child(db, env, ["--child", "--paint-only"]) for _ in range(STARTS - 1)]
    results["first_paint"] = statistics.median([first_paint] + [t for _r, t in others])
    for key in ("sort_title", "background"):
        results[key] = statistics.median([results[key]] + [r[key] for r, _t in others])
    return results


def run_child(db: Path, env: dict[str, str], flags: list[str]) -> tuple[dict, float]:
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), *flags[:1], str(db), *flags[1:]],
        stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert child.stdout is not None
    first_paint = None
    lines = []
    for line in child.stdout:
        if line.startswith("PAINTED") and first_paint is None:
            first_paint = time.perf_counter() - start
        else:
            lines.append(line)
    if child.wait() != 0 or first_paint is None:
        raise SystemExit(f"benchmark process for {db.name} failed")
    return (json.loads(lines[-1]) if lines else {}), first_paint


def format_value(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.2f} ms" if value < 1 else f"{value:.1f} ms"


def ensure_csv(events: int, companies: int) -> Path:
    """The generated database written as CSV by `timeline-app export`, once."""
    path = OUT / f"bench-{events}-{companies}.csv"
    if not path.exists():
        db = ensure_database(events, companies)
        print(f"writing {path.name} ...", file=sys.stderr, flush=True)
        subprocess.run(
            [sys.executable, "-c", "from timeline_app.cli import main; raise SystemExit(main())",
             "export", "--db", str(db), "--out", str(path)],
            check=True,
        )  # fmt: skip
    return path


def run_imports(sizes: list[int], companies: int) -> None:
    env = child_environment()
    print("| events (CSV rows: one per quote) | file size | import (progress shown, redrawn) "
          "| peak memory |")  # fmt: skip
    print("|---|---|---|---|")
    for events in sizes:
        csv = ensure_csv(events, min(companies, max(events, 1)))
        print(f"importing {csv.name} ...", file=sys.stderr, flush=True)
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--import-child", str(csv)],
            stdout=subprocess.PIPE, text=True, env=env, check=True,
        )  # fmt: skip
        result = json.loads(done.stdout.splitlines()[-1])
        if result["events"] != events:
            raise SystemExit(f"{csv.name}: {result['events']:,} events imported, not {events:,}")
        print(f"| {events:,} | {csv.stat().st_size / 1e6:.0f} MB | {result['seconds']:.1f} s "
              f"(target ≤ 60 s) | {result['peak_mb']:.0f} MB (target ≤ 500 MB) |")  # fmt: skip


def print_table(sizes: list[int], table: dict[int, dict[str, float]]) -> None:
    header = ["measure"] + [f"{n:,} events" for n in sizes] + ["ratio", "target (largest)"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for key, label, unit, target, most in METRICS:
        values = [table[n][key] for n in sizes]
        ratio = values[-1] / values[0] if values[0] else float("nan")
        met = target is None or (values[-1] <= target and (most is None or ratio <= most))
        goal = f"≤ {format_value(target, unit)}" if target is not None else ""
        goal += (f", ≤ {most:g}×" if most else "") + (" (met)" if met else " (MISSED)")
        cells = [label, *(format_value(v, unit) for v in values), f"{ratio:.1f}×",
                 goal if target is not None else "—"]  # fmt: skip
        print("| " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--companies", type=int, default=500)
    parser.add_argument(
        "--import-sizes", default="100000,1000000",
        help="CSV files of these many events (the generated databases exported, one row per "
        "quote) are imported into a new timeline; '' skips it",
    )  # fmt: skip
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--paint-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--import-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child or args.import_child:
        from timeline_app.allocator import return_large_blocks_promptly

        return_large_blocks_promptly()  # as every start of the app does
    if args.child:
        print(json.dumps(measure(args.child, args.paint_only)), flush=True)
        return
    if args.import_child:
        print(json.dumps(measure_import(args.import_child)), flush=True)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    table = {}
    for events in sizes:
        db = ensure_database(events, min(args.companies, max(events, 1)))
        print(f"measuring {events:,} events ...", file=sys.stderr, flush=True)
        table[events] = run_size(db)
    if sizes:
        print_table(sizes, table)
        print()
    imports = [int(s) for s in args.import_sizes.split(",") if s]
    if imports:
        run_imports(imports, args.companies)


if __name__ == "__main__":
    main()
