"""`timeline-app propose`: an article's proposed events written as an import file (CSV or
JSON), for a person to review in a spreadsheet and then import as it is.

Each row is one candidate in the import columns, its source the article as it would be
stored (so the excerpt's offsets hold), plus `date_phrase` and `confidence`, which import
reads and ignores."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline_app.errors import TimelineError, ValidationError
from timeline_app.files import written_atomically
from timeline_app.formats import registry
from timeline_app.formats.records import Record
from timeline_app.ingest.article import Article, read_article
from timeline_app.ingest.proposals import Candidate, propose


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
            "source_text": text if c is candidates[0] else "",  # once: import fills it in
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
) -> int:
    """Propose the events of the article at `path` and write them to `out` (its format by
    extension); returns how many."""
    fmt = registry.for_writing(out)
    if fmt.write is None:
        data = [f for f in registry.writers() if f.write is not None]
        raise TimelineError(
            f"{out}: proposals are events to review, written as {registry.extensions(data)}, "
            f"not as a {fmt.label}"
        )
    article = read_article(path)
    source = details_of(article, path.name, published=published, title=title,
                        publisher=publisher, url=url)  # fmt: skip
    found = propose(article.text, date.fromisoformat(source.published), lanes, categories,
                    joint=joint)  # fmt: skip
    with written_atomically(out, fmt.complete) as partial:
        try:
            return fmt.write(records(found, article.text, source), partial)
        except OSError as exc:
            raise TimelineError(f"{out}: cannot write ({exc.strerror})") from None
