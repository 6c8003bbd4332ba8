"""Command line: `timeline-app [FILE.db]` opens the window; subcommands work headless.

Each command opens the database, calls one model or export function, and turns a
TimelineError into one line on stderr and exit status 1.
"""

from __future__ import annotations

import argparse
import signal
import sqlite3
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from timeline_app import __version__
from timeline_app.allocator import return_large_blocks_promptly
from timeline_app.errors import TimelineError
from timeline_app.export.options import DEFAULT_FONT_PX, DEFAULT_WIDTH_PX, PRESETS
from timeline_app.formats import registry
from timeline_app.model import store

COMMANDS = ("gui", "build-data", "import", "export", "generate", "check", "repair",
            "add-source", "add-event", "delete-event", "propose")  # fmt: skip


class _OneLineParser(argparse.ArgumentParser):
    """Usage mistakes get one line on stderr (with a pointer to --help), exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog="timeline-app",
        description="Announcement Timeline: what each company announced, and when.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_OneLineParser)

    gui = sub.add_parser("gui", help="open the window (the default command)")
    gui.add_argument("database", nargs="?", type=Path, help="a timeline .db file to open")
    gui.add_argument(
        "--screenshot", type=Path, metavar="FILE.png", help="save a picture of the window and quit"
    )
    gui.add_argument(
        "--event", type=int, metavar="ID", help="select this event and show its sources"
    )
    gui.add_argument(
        "--reset-settings", action="store_true",
        help="forget the remembered files, filters, time range and window layout first",
    )  # fmt: skip

    build = sub.add_parser("build-data", help="build the built-in database from data/")
    build.add_argument("--out", type=Path, help="where to write it (default: data/timeline.db)")

    readable = registry.extensions(registry.readers())
    writable = registry.extensions(registry.writers())
    imp = sub.add_parser("import", help=f"add events from a file ({readable}) to a database")
    imp.add_argument(
        "file", type=Path, help=f"a {readable} file, recognised by its content (see README)"
    )
    imp.add_argument("--db", type=Path, required=True, help="database to add to (created if new)")
    imp.add_argument(
        "--sources", type=Path, metavar="FILE",
        help="a file of the sources' texts (source_title, source_text, …), so that the rows "
        "need only name their source",
    )  # fmt: skip

    exp = sub.add_parser(
        "export", help=f"draw the timeline, or write its events, as a file ({writable})"
    )
    exp.add_argument("--db", type=Path, help="database (default: the built-in dataset)")
    exp.add_argument(
        "--format", dest="format_name", metavar="NAME",
        help="write in this format instead of the extension's: "
        + ", ".join(f.name for f in registry.writers() if f.write is not None),
    )  # fmt: skip
    exp.add_argument(
        "--out", type=Path, required=True, help=f"the file; its extension says what: {writable}"
    )
    exp.add_argument(
        "--company", action="append", default=[], metavar="NAME",
        help="only this company (repeat for several; any letter case)",
    )  # fmt: skip
    exp.add_argument(
        "--category", action="append", default=[], metavar="NAME",
        help="only this category (repeatable)",
    )  # fmt: skip
    exp.add_argument(
        "--search", default="", metavar="TEXT",
        help="only events whose title, summary or quotes contain every word",
    )  # fmt: skip
    exp.add_argument("--from", dest="date_from", metavar="DATE", help="YYYY-MM-DD, inclusive")
    exp.add_argument("--to", dest="date_to", metavar="DATE", help="YYYY-MM-DD, inclusive")
    exp.add_argument(
        "--preset", choices=sorted(PRESETS),
        help="where the picture goes: "
        + "; ".join(f"{p.name}: {p.label.split('(')[1].rstrip(')')}" for p in PRESETS.values())
        + " (--width, --height and --font-size change it)",
    )  # fmt: skip
    exp.add_argument(
        "--width", type=int, help=f"image width in pixels (default: {DEFAULT_WIDTH_PX})"
    )
    exp.add_argument("--height", type=int, help="image height (default: fit lanes)")
    exp.add_argument(
        "--font-size", type=float, metavar="PX",
        help=f"pixels of the smallest text; the rest keep their proportions "
        f"(default: {DEFAULT_FONT_PX:g})",
    )  # fmt: skip
    exp.add_argument("--scale", type=float, help="PNG only: pixel scale, e.g. 2 for print")
    exp.add_argument("--title", default=None, help="title printed above the timeline")
    exp.add_argument("--theme", choices=("light", "dark"), default="light")

    gen = sub.add_parser("generate", help="write a synthetic database for tests and benchmarks")
    gen.add_argument("--events", type=int, required=True, help="how many events")
    gen.add_argument("--companies", type=int, required=True, help="how many lanes")
    gen.add_argument("--out", type=Path, required=True, help="the new .db file (must not exist)")
    gen.add_argument("--seed", type=int, default=1, help="same seed, same database")

    chk = sub.add_parser(
        "check",
        help="verify every rule and every derived structure (lane cache, search index) "
        "against the rows",
    )
    chk.add_argument("--db", type=Path, required=True)

    rep = sub.add_parser(
        "repair",
        help="rebuild the lane cache, the search index and the app's own triggers and indexes",
    )
    rep.add_argument("--db", type=Path, required=True)

    src = sub.add_parser(
        "add-source", help="store an article (text, Markdown, HTML or PDF) as a source; "
        "prints its id",
    )  # fmt: skip
    src.add_argument("file", type=Path, help="the article")
    src.add_argument(
        "--db", type=Path, required=True, help="the timeline to add it to (created if new)"
    )
    src.add_argument("--title", help="default: from the file's metadata, else its name")
    src.add_argument("--publisher", help="default: from the file's metadata")
    src.add_argument("--url", help="default: from the file's metadata")
    src.add_argument("--published", metavar="YYYY-MM-DD", help="default: from the file's metadata")

    add = sub.add_parser("add-event", help="add one event (with a quote); prints its id")
    add.add_argument("--db", type=Path, required=True)
    add.add_argument("--company", required=True, help="its lane (made if new)")
    add.add_argument("--title", required=True)
    add.add_argument("--start", required=True, metavar="DATE", help="YYYY-MM-DD, YYYY-MM or YYYY")
    add.add_argument("--end", metavar="DATE", help="for a period; same form as --start")
    add.add_argument(
        "--precision", choices=("day", "month", "year"),
        help="default: what --start gives (2020-06 is a month)",
    )  # fmt: skip
    add.add_argument("--approximate", action="store_true", help="shown as “c.”")
    add.add_argument("--category", default="Uncategorised")
    add.add_argument("--summary", default="")
    add.add_argument("--source", type=int, metavar="ID", help="the source quoted (with --quote)")
    add.add_argument("--quote", metavar="TEXT", help="words of that source, exactly")
    add.add_argument(
        "--occurrence", type=int, metavar="N",
        help="which appearance of the words, when they occur more than once",
    )  # fmt: skip

    pro = sub.add_parser(
        "propose", help="propose the dated, quoted events of an article, as a CSV or JSON "
        "file to review and then import",
    )  # fmt: skip
    pro.add_argument("file", type=Path, help="the article (text, Markdown, HTML or PDF)")
    pro.add_argument("--out", type=Path, required=True, metavar="FILE.csv|FILE.json")
    pro.add_argument(
        "--published", metavar="YYYY-MM-DD",
        help="the article's date, which relative dates count from; default: its metadata",
    )  # fmt: skip
    pro.add_argument("--title", help="default: from the file's metadata, else its name")
    pro.add_argument("--publisher", help="default: from the file's metadata")
    pro.add_argument("--url", help="default: from the file's metadata")
    pro.add_argument(
        "--db", type=Path, help="a timeline whose lanes and categories the guesses use"
    )
    pro.add_argument(
        "--joint", action="store_true",
        help="actors named as doing something together get one event each",
    )  # fmt: skip

    dele = sub.add_parser("delete-event", help="delete an event and its quotes")
    dele.add_argument("event", type=int, metavar="ID")
    dele.add_argument("--db", type=Path, required=True)
    return parser


def _gui(args: argparse.Namespace) -> int:
    if args.database is not None:  # a file named on the command line must open, or we say why
        from timeline_app.model.store import open_store

        open_store(args.database, readonly=True).close()
    from timeline_app.ui.app import run_gui

    return run_gui(args.database, args.screenshot, args.event, reset_settings=args.reset_settings)


def _build_data(args: argparse.Namespace) -> int:
    from timeline_app.model.dataset import build_dataset

    out = build_dataset(args.out)
    print(f"wrote {out}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from timeline_app.model.dataset import builtin_database_path
    from timeline_app.model.importer import import_file_into

    if args.db.resolve() == builtin_database_path().resolve():
        raise TimelineError(
            f"{args.db}: is the built-in dataset, which stays as it was built; copy it and "
            "import into the copy"
        )

    result = import_file_into(
        args.file, args.db, progress=sys.stderr.isatty(), sources_file=args.sources
    )
    print(
        f"imported into {args.db}: {result.added:,} event(s) added, {result.updated:,} updated, "
        f"{result.already_present:,} unchanged"
        + (
            f" ({result.excerpts_added_to_present:,} new quote(s) added to stored events)"
            if result.excerpts_added_to_present
            else ""
        )
        + (f"; new companies: {', '.join(result.new_companies)}" if result.new_companies else "")
        + (f"; {result.eras_added} era(s) added" if result.eras_added else "")
        + (f"; title “{result.title}”" if result.title else "")
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    from timeline_app.export import ExportRequest, ImageOptions, check_target, run

    if args.scale is not None and (kind := check_target(args.out, args.format_name)).name != "png":
        raise TimelineError(
            f"--scale applies only to PNG images; an {kind.name.upper()} is drawn as vectors, "
            "sharp at any size: leave --scale out, or write a .png"
        )
    preset = PRESETS[args.preset] if args.preset else None
    options = ImageOptions(
        width=_first(args.width, preset.width if preset else None, DEFAULT_WIDTH_PX),
        height=_first(args.height, preset.height if preset else None, 0),
        scale=_first(args.scale, 1.0),
        title=args.title,
        theme=args.theme,
        font_size=_first(args.font_size, preset.font_size if preset else None, DEFAULT_FONT_PX),
        compact=bool(preset and preset.compact),
    )
    result = run(
        ExportRequest(
            out=args.out,
            db=args.db,
            companies=tuple(args.company),
            categories=tuple(args.category),
            search=args.search,
            date_from=args.date_from,
            date_to=args.date_to,
            options=options,
            format_name=args.format_name,
        )
    )
    print(f"wrote {result.path}")
    if result.note:
        print(f"timeline-app: note: {result.note}", file=sys.stderr)
    return 0


T = TypeVar("T")


def _first(*choices: T | None) -> T:
    """The first value given: an option typed, else the preset's, else the default."""
    return next(choice for choice in choices if choice is not None)


def _generate(args: argparse.Namespace) -> int:
    from timeline_app.generator import generate_database

    generate_database(
        args.out,
        events=args.events,
        companies=args.companies,
        seed=args.seed,
        progress=sys.stderr.isatty(),
    )
    print(f"wrote {args.out}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from timeline_app.model.integrity import check_file
    from timeline_app.model.store import open_store

    with open_store(args.db, readonly=True, inspect=True) as store:
        found = check_file(store)
    for finding in found:
        print(f"{args.db}: {finding.what}: {finding.text}", file=sys.stderr)
    if found:
        if all(finding.repairable for finding in found):
            print(f"timeline-app: `timeline-app repair --db {args.db}` fixes this", file=sys.stderr)
        return 1
    print(f"{args.db}: ok")
    return 0


def _repair(args: argparse.Namespace) -> int:
    from timeline_app.model.integrity import repair

    for done in repair(args.db):
        print(f"{args.db}: {done}")
    print(f"{args.db}: repaired")
    return 0


def _add_source(args: argparse.Namespace) -> int:
    from timeline_app.model.authoring import add_source_file

    source_id = add_source_file(
        args.db, args.file, title=args.title, publisher=args.publisher, url=args.url,
        published=args.published,
    )  # fmt: skip
    print(source_id)
    return 0


def _add_event(args: argparse.Namespace) -> int:
    from timeline_app.model import authoring
    from timeline_app.model.dates import infer_precision
    from timeline_app.model.edits import EventFields
    from timeline_app.model.types import DatePrecision

    precision = DatePrecision(args.precision) if args.precision else infer_precision(args.start)
    fields = EventFields(
        company=args.company, title=args.title, start=args.start, precision=precision,
        category=args.category, summary=args.summary, end=args.end,
        approximate=args.approximate,
    )  # fmt: skip
    occurrence = args.occurrence if args.occurrence is not None else 0
    print(authoring.add_event(args.db, fields, source_id=args.source, quote=args.quote,
                              occurrence=occurrence))  # fmt: skip
    return 0


def _propose(args: argparse.Namespace) -> int:
    from timeline_app.ingest.proposal_file import write_proposals

    lanes: list[str] = []
    categories: list[str] = []
    stored = None
    if args.db is not None:
        from timeline_app.model import query, sources
        from timeline_app.model.store import open_store

        with open_store(args.db, readonly=True) as opened:
            lanes = [c.name for c in query.list_companies(opened, counts=False)]
            categories = [name for _id, name in query.list_categories(opened)]
        db = args.db

        def stored(text: str) -> list[sources.QuotedEvent]:
            with open_store(db, readonly=True) as opened:
                return sources.quoted_events_of_text(opened, text)

    count, left_out = write_proposals(
        args.file, args.out, published=args.published, title=args.title,
        publisher=args.publisher, url=args.url, lanes=lanes, categories=categories,
        joint=args.joint, stored=stored,
    )  # fmt: skip
    print(f"wrote {count} proposed event(s) to {args.out}")
    if left_out:
        print(f"timeline-app: note: {left_out} proposed event(s) are already in {args.db} and "
              "were left out", file=sys.stderr)  # fmt: skip
    if not count:
        print(f"timeline-app: note: no sentence of {args.file.name} names an actor with a date",
              file=sys.stderr)  # fmt: skip
    return 0


def _delete_event(args: argparse.Namespace) -> int:
    from timeline_app.model.authoring import delete_event

    title = delete_event(args.db, args.event)
    print(f"deleted event {args.event} ({title}) from {args.db}")
    return 0


HANDLERS = {
    "gui": _gui,
    "build-data": _build_data,
    "import": _import,
    "export": _export,
    "generate": _generate,
    "check": _check,
    "repair": _repair,
    "add-source": _add_source,
    "add-event": _add_event,
    "delete-event": _delete_event,
    "propose": _propose,
}


MAX_MESSAGE_CHARS = 2000  # one line on stderr stays readable whatever a file holds


def _say_error(text: str) -> None:
    text = " ".join(text.split())
    if len(text) > MAX_MESSAGE_CHARS:
        text = text[: MAX_MESSAGE_CHARS - 1] + "…"
    print(f"timeline-app: error: {text}", file=sys.stderr)


def _on_interrupt(_signal: int, _frame: object) -> None:
    """Ctrl+C: stop the SQL statement running now too (SQLite asks between its steps)."""
    store.request_interrupt()
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    return_large_blocks_promptly()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv = ["gui", *argv]  # `timeline-app FILE.db` and `python main.py` open the window
    args = _parser().parse_args(argv)
    if args.command is None:
        args = _parser().parse_args(["gui"])
    previous = None
    if args.command != "gui" and threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, _on_interrupt)
    try:
        return HANDLERS[args.command](args)
    except (KeyboardInterrupt, store.Interrupted):
        print("timeline-app: interrupted; nothing was written", file=sys.stderr)
        return 130
    except TimelineError as exc:
        _say_error(str(exc))
        return 1
    except sqlite3.Error as exc:  # damage that only shows when a page is read
        if store.interrupt_requested():
            print("timeline-app: interrupted; nothing was written", file=sys.stderr)
            return 130
        _say_error(f"the database could not be read ({exc})")
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        store.clear_interrupt()
