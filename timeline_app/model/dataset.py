"""The built-in dataset: built from the readable files in data/ into the shipped SQLite file
(timeline_app/builtin/timeline.db, installed with the package).

The TOML file names each excerpt by its quoted words; the build finds their offsets in the
article, checks every date against the article's own dating words, and writes a new file
beside the old one before swapping it in, so an interrupted build leaves the old file whole.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import importlib.resources
import os
import tomllib
import uuid
from datetime import date
from pathlib import Path

from timeline_app.errors import ValidationError
from timeline_app.files import partial_path, remove_leftovers
from timeline_app.model.dates import validate_span
from timeline_app.model.store import create_store
from timeline_app.model.types import DatePrecision
from timeline_app.model.writer import NewEvent, NewExcerpt, NewSource, Writer

# The readable source of the dataset (in the repository, not installed).
DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATASET_FILE = "dataset.toml"
BUILTIN_DB = "timeline.db"
_SHIPPED = contextlib.ExitStack()  # keeps the shipped file on disk while the app runs
atexit.register(_SHIPPED.close)


@functools.cache
def builtin_database_path() -> Path:
    """The shipped database, wherever the package is installed (a real file for SQLite,
    extracted for the run if the package is inside an archive)."""
    shipped = importlib.resources.files("timeline_app.builtin") / BUILTIN_DB
    return _SHIPPED.enter_context(importlib.resources.as_file(shipped))


def locate_quote(text: str, quote: str, occurrence: int = 1) -> int:
    """Offset of the n-th occurrence of `quote` in `text`; an ambiguous or missing quote is
    an error, so every excerpt points at exactly the words it means."""
    positions, at = [], text.find(quote)
    while at != -1:
        positions.append(at)
        at = text.find(quote, at + 1)
    if not positions:
        raise ValidationError(f"quote not found in the source: {quote[:60]!r}")
    if len(positions) > 1 and occurrence == 1 and not quote:
        raise ValidationError("empty quote")
    if occurrence > len(positions):
        raise ValidationError(f"quote occurs {len(positions)} time(s), not {occurrence}")
    if len(positions) > 1 and occurrence < 1:
        raise ValidationError(f"quote occurs {len(positions)} times; say which (occurrence)")
    return positions[occurrence - 1]


def load_dataset(
    data_dir: Path | None = None,
) -> tuple[NewSource, list[dict], list[NewEvent]]:
    """Read and check the dataset files (default: the checkout's data/); returns the
    source, companies and events."""
    data_dir = DATA_DIR if data_dir is None else data_dir
    if not (data_dir / DATASET_FILE).is_file():
        raise ValidationError(
            f"{data_dir / DATASET_FILE}: not found; build-data rebuilds the built-in dataset "
            "from the data/ folder of a source checkout, which an installed app does not have"
        )
    spec = tomllib.loads((data_dir / DATASET_FILE).read_text(encoding="utf-8"))
    meta = spec["source"]
    article = (data_dir / meta["file"]).read_bytes().decode("utf-8")
    source = NewSource(
        title=meta["title"],
        text=article,
        publisher=meta.get("publisher", ""),
        url=meta.get("url", ""),
        published=meta["published"],
    )
    published = date.fromisoformat(meta["published"])
    companies = spec["companies"]
    names = {company["name"] for company in companies}
    events = []
    for number, item in enumerate(spec["events"], start=1):
        where = f"event {number} ({item.get('title', '?')!r})"
        try:
            events.append(_event(item, names, article, published))
        except (ValidationError, KeyError) as exc:
            raise ValidationError(f"{data_dir / DATASET_FILE}: {where}: {exc}") from None
    return source, companies, events


def _event(item: dict, names: set[str], article: str, published: date) -> NewEvent:
    if item["company"] not in names:
        raise ValidationError(f"company {item['company']!r} is not listed under [[companies]]")
    precision = DatePrecision(item["precision"])
    span = validate_span(item["start"], item.get("end"), precision)
    approximate = bool(item.get("approximate", False))
    if phrase := item.get("date_phrase"):
        from timeline_app.ingest.dating import resolve_phrase  # only when building the dataset

        said = resolve_phrase(phrase, published)
        stated = (span.start, precision, approximate)
        if (said.start, said.precision, said.approximate) != stated:
            raise ValidationError(
                f"date {stated} does not follow from {phrase!r} "
                f"(which gives {said.start}, {said.precision}, approximate={said.approximate})"
            )
    if not item.get("excerpts"):
        raise ValidationError("has no excerpt")
    excerpts = []
    for excerpt in item["excerpts"]:
        start = locate_quote(article, excerpt["quote"], excerpt.get("occurrence", 1))
        excerpts.append(NewExcerpt(0, start, start + len(excerpt["quote"]), excerpt["quote"]))
    return NewEvent(
        company=item["company"],
        category=item["category"],
        title=item["title"],
        summary=item.get("summary", ""),
        span=span,
        approximate=approximate,
        excerpts=tuple(excerpts),
        # The same identifier in every build, so that exports of the built-in dataset made
        # by different installs update each other's events rather than doubling them.
        uid=str(uuid.uuid5(_DATASET_IDS, f"{item['company']}\n{span.start}\n{item['title']}")),
    )


_DATASET_IDS = uuid.UUID("6f0d3c1e-2b7a-4c55-9a43-3f1d5b8e7a20")


def build_dataset(out: Path | None = None, data_dir: Path | None = None) -> Path:
    """Write the built-in database (default: the shipped one, from the checkout's data/);
    the old file is replaced only once the new one is whole."""
    if out is None:
        out = builtin_database_path() if data_dir is None else data_dir / BUILTIN_DB
    out = Path(out)
    source, companies, events = load_dataset(data_dir)
    remove_leftovers(out)
    partial = partial_path(out)
    partial.unlink(missing_ok=True)
    store = create_store(partial)
    try:
        with store.transaction() as conn:
            writer = Writer(conn)
            for company in companies:
                writer.company(company["name"], company.get("kind", "company"))
            source_id = writer.source(source)
            writer.events(
                NewEvent(
                    **{
                        **{f: getattr(e, f) for f in e.__dataclass_fields__},
                        "excerpts": tuple(
                            NewExcerpt(source_id, x.start, x.end, x.text) for x in e.excerpts
                        ),
                    }
                )
                for e in events
            )
            writer.finish()
        store.conn.execute("VACUUM")
    finally:
        store.close()
    os.replace(partial, out)
    return out
