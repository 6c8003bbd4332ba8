"""`timeline-app propose`: an article's proposed events written as an import file (CSV or
JSON), for a person to review in a spreadsheet and then import as it is.

Each row is one candidate in the import columns, its source the article as it would be
stored (so the excerpt's offsets hold), plus `date_phrase` and `confidence`, which import
reads and ignores."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline_app.errors import TimelineError, ValidationError
from timeline_app.files import written_atomically
from timeline_app.formats import registry
from timeline_app.formats.records import Record
from timeline_app.ingest.article import Article, read_article
from timeline_app.ingest.proposals import Candidate, propose
from timeline_app.ingest.review import stored_twin
from timeline_app.model.sources import QuotedEvent


@dataclass(frozen=True, slots=True)
class SourceDetails:
    title: str
    publisher: str
    url: str
    published: str


def details_of(
    article: Article,
    name: str,
    *,
    published: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
) -> SourceDetails:
    """What the user gave, else the article's metadata; no publication date is an error,
    since every relative date is counted from it."""
    when = published if published is not None else article.published
    if not when:
        raise ValidationError(
            f"{name}: has no publication date in its metadata; give it with "
            "--published YYYY-MM-DD (dates such as “last year” are counted from it)"
        )
    try:
        date.fromisoformat(when)
    except ValueError:
        raise ValidationError(
            f"{name}: the publication date {when!r} is not a date of the form YYYY-MM-DD"
        ) from None
    return SourceDetails(
        title if title is not None else (article.title or Path(name).stem),
        publisher if publisher is not None else article.publisher,
        url if url is not None else article.url,
        when,
    )


def records(candidates: Sequence[Candidate], text: str, source: SourceDetails) -> Iterator[Record]:
    for c in candidates:
        yield {
            "company": c.actor,
            "company_kind": c.actor_kind,
            "title": c.title,
            "summary": "",
            "category": c.category,
            "start": c.start,
            "end": c.end or "",
            "precision": c.precision.value,
            "approximate": "true" if c.approximate else "false",
            "source_title": source.title,
            "source_publisher": source.publisher,
            "source_url": source.url,
            "source_published": source.published,
            # on every row: a person reviewing the file may delete any of them
            "source_text": text,
            "excerpt": c.excerpt,
            "excerpt_start": c.excerpt_start,
            "excerpt_end": c.excerpt_end,
            "date_phrase": c.date_phrase,
            "confidence": f"{c.confidence:.2f}",
        }


def write_proposals(
    path: Path,
    out: Path,
    *,
    published: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    lanes: Sequence[str] = (),
    categories: Sequence[str] = (),
    joint: bool = False,
    stored: Callable[[str], list[QuotedEvent]] | None = None,
) -> tuple[int, int]:
    """Propose the events of the article at `path` and write them to `out` (its format by
    extension), leaving out those `stored(text)` (the events a timeline already holds
    quoting a source of that text) says are there; returns how many were written and how
    many were left out so."""
    data = [f for f in registry.writers() if f.write is not None and f.kind == "events"]
    fmt = registry.by_extension(out, data)
    if fmt is None:
        raise TimelineError(
            f"{out}: proposals are events to review, written as {registry.extensions(data)}"
        )
    article = read_article(path)
    source = details_of(article, path.name, published=published, title=title,
                        publisher=publisher, url=url)  # fmt: skip
    found = propose(article.text, date.fromisoformat(source.published), lanes, categories,
                    joint=joint)  # fmt: skip
    held = stored(article.text) if stored is not None else []
    kept = [c for c in found if stored_twin(c, held) is None]  # not what is there already
    writer = fmt.write
    assert writer is not None  # a data format
    with written_atomically(out, fmt.complete) as partial:
        try:
            writer(records(kept, article.text, source), partial)
        except OSError as exc:
            raise TimelineError(f"{out}: cannot write ({exc.strerror})") from None
    return len(kept), len(found) - len(kept)
