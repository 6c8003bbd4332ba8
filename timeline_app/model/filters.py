"""What the user has chosen to see, and how that choice becomes SQL or an array mask."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from timeline_app.model.dates import DatePrecision, epoch_seconds, period_end, period_start


def fts_query(text: str) -> str:
    """Turn what a person types into an FTS5 query that cannot be a syntax error: every word
    must appear (as a prefix), operators and quotes are treated as plain text."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


@dataclass(frozen=True)
class FilterState:
    """None means "no restriction"; dates are inclusive ISO days."""

    companies: frozenset[int] | None = None
    categories: frozenset[int] | None = None
    text: str = ""
    date_from: str | None = None
    date_to: str | None = None
    _cache: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    def with_(self, **changes: Any) -> FilterState:
        return replace(self, **changes)

    @property
    def time_range(self) -> tuple[int | None, int | None]:
        """The inclusive day range as half-open epoch seconds."""
        t0 = (
            epoch_seconds(period_start(self.date_from, DatePrecision.DAY))
            if self.date_from
            else None
        )
        t1 = epoch_seconds(period_end(self.date_to, DatePrecision.DAY)) if self.date_to else None
        return t0, t1

    @property
    def is_default(self) -> bool:
        return self == FilterState()

    def to_sql(self, alias: str = "e") -> tuple[str, list[object]]:
        """A WHERE clause over events; uses the (company_id, start_ts) and FTS indexes."""
        clauses: list[str] = []
        params: list[object] = []
        if self.companies is not None:
            ids = sorted(self.companies)
            clauses.append(f"{alias}.company_id IN ({','.join('?' * len(ids)) or 'NULL'})")
            params += ids
        if self.categories is not None:
            ids = sorted(self.categories)
            clauses.append(f"{alias}.category_id IN ({','.join('?' * len(ids)) or 'NULL'})")
            params += ids
        t0, t1 = self.time_range
        if t0 is not None:
            clauses.append(f"{alias}.end_ts > ?")
            params.append(t0)
        if t1 is not None:
            clauses.append(f"{alias}.start_ts < ?")
            params.append(t1)
        if query := fts_query(self.text):
            clauses.append(f"{alias}.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
            params.append(query)
        elif self.text.strip():
            clauses.append("0")  # only punctuation typed: nothing can match
        return (" AND ".join(clauses) or "1"), params
