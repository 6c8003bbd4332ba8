"""An event proposed from words a person selected in a source: the selection is its quote,
and the sentence around it gives the date (its dating words, resolved against the source's
publication date) and the company (an existing lane it names). Everything is a proposal the
editor shows, with a note that says where each guess came from, for the person to change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from timeline_app.ingest.actors import guess_company
from timeline_app.ingest.dating import DateGuess, guess_date
from timeline_app.ingest.sentences import sentence_around
from timeline_app.model.dates import format_span
from timeline_app.model.edits import UNCATEGORISED, EventFields, Quote
from timeline_app.model.types import DatePrecision

TITLE_WORDS = 14  # a proposed title is the selection's first words, at most this many
DEFAULT_CATEGORY = "Statement"


@dataclass(frozen=True, slots=True)
class Suggestion:
    fields: EventFields
    note: str  # what the guesses rest on, for the editor to show
    date: DateGuess | None


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection without the spaces around it (a drag often takes one too many)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def proposed_title(words: str) -> str:
    """The selection's first words, as a starting point for a title."""
    parts = words.split()
    title = " ".join(parts[:TITLE_WORDS])
    if len(parts) > TITLE_WORDS:
        title += "…"
    return title.strip(" ,;:.“”\"'")


def _published(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()) if value.strip() else None
    except ValueError:
        return None


def suggest_event(
    text: str,
    start: int,
    end: int,
    *,
    source_id: int,
    published: str,
    companies: Sequence[str],
    categories: Sequence[str] = (),
) -> Suggestion:
    """The event a selection text[start:end] of source `source_id` most likely states."""
    start, end = trimmed(text, start, end)
    first, last = sentence_around(text, start, end)
    first, last = min(first, start), max(last, end)
    sentence = text[first:last]
    focus = (start - first, end - first)
    notes = []
    when = _published(published)
    guess = guess_date(sentence, when, focus) if when is not None else None
    if when is None:
        notes.append("The source has no publication date, so no date was worked out.")
    elif guess is None:
        notes.append("The sentence has no dating words: enter the date.")
    else:
        shown = format_span(guess.start, guess.end, guess.precision, guess.approximate)
        notes.append(
            f"Date from “{guess.phrase}”, counted from the source's date "
            f"({when.strftime('%A')} {when.day} {when.strftime('%B %Y')}): {shown}."
        )
    company = guess_company(sentence, companies, text[max(0, first - 20_000) : first], focus)
    if company is not None:
        notes.append(f"Company from “{sentence[company[1] : company[2]]}”.")
    category = next((c for c in categories if c.casefold() == DEFAULT_CATEGORY.casefold()), "")
    fields = EventFields(
        company=company[0] if company else "",
        title=proposed_title(text[start:end]),
        start=guess.start if guess else "",
        precision=guess.precision if guess else DatePrecision.DAY,
        category=category or UNCATEGORISED,
        end=guess.end if guess else None,
        approximate=guess.approximate if guess else False,
        quotes=(Quote(source_id, start, end),),
    )
    return Suggestion(fields, " ".join(notes), guess)
