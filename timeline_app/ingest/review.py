"""What the review of proposed events needs without a window: a candidate as the editor's
fields (its quote pointing into the stored source), and whether the timeline already holds
it (the same actor and date, quoted from the same words of the same source)."""

from __future__ import annotations

from collections.abc import Sequence

from timeline_app.ingest.proposals import Candidate
from timeline_app.model.edits import EventFields, Quote
from timeline_app.model.sources import QuotedEvent


def fields_of(candidate: Candidate, source_id: int) -> EventFields:
    return EventFields(
        company=candidate.actor,
        title=candidate.title,
        start=candidate.start,
        precision=candidate.precision,
        category=candidate.category,
        end=candidate.end,
        approximate=candidate.approximate,
        company_kind=candidate.actor_kind,
        quotes=(Quote(source_id, candidate.excerpt_start, candidate.excerpt_end),),
    )


def stored_twin(candidate: Candidate, stored: Sequence[QuotedEvent]) -> QuotedEvent | None:
    """An event already stored that states the candidate: same actor (any case), same
    start, and a quote overlapping the candidate's excerpt in the same source."""
    actor = candidate.actor.casefold()
    for event in stored:
        if (
            event.company.casefold() == actor
            and event.start == candidate.start
            and event.start_quote < candidate.excerpt_end
            and candidate.excerpt_start < event.end_quote
        ):
            return event
    return None
