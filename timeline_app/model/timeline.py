"""A timeline file opened for viewing: its store, its checked lane arrays, its companies and
categories, the filter in force and the search behind it. The window's controller holds one
and so does a headless export, so both show exactly the same events for the same filter."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import replace
from pathlib import Path

import numpy as np

from timeline_app.errors import TimelineError
from timeline_app.log import get_logger
from timeline_app.model import appearance, lane_changes, lanes, query, schema
from timeline_app.model.dates import DatePrecision, format_date, period_start
from timeline_app.model.derived import Progress, open_derived
from timeline_app.model.eras import Era, list_eras, timeline_title
from timeline_app.model.filters import FilterState
from timeline_app.model.journal import Touched
from timeline_app.model.lanes import LaneIndex, Shift
from timeline_app.model.store import Store, open_store
from timeline_app.model.text_rules import visible
from timeline_app.model.types import Company
from timeline_app.model.visible import VisibleEvents

log = get_logger("model.timeline")
SORT_KEYS = ("date", "company", "category", "title")  # what the event table sorts by
SEARCHES_KEPT = 16  # the match sets of the last texts searched, until the next edit


def title_rank(index: LaneIndex, ordered: np.ndarray) -> np.ndarray:
    """Per index position, its event's place in `ordered` (event ids by title)."""
    at = np.searchsorted(index.sorted_ids, ordered)
    at = np.clip(at, 0, max(index.size - 1, 0))
    rank = np.zeros(index.size, dtype=np.int32 if index.size < 2**31 else np.int64)
    rank[index.id_order[at]] = np.arange(ordered.size)
    return rank


class OpenedTimeline:
    """Everything a view of one file draws from. Reading the store may fail (a lock, a
    damaged page): callers that must not fail (the window) wrap those calls."""

    def __init__(
        self,
        store: Store,
        progress: Progress | None = None,
        *,
        thorough: bool = True,
        rebuild: bool = False,
    ) -> None:
        """`thorough` compares the cached arrays with every row at once (a window does that
        in the background instead); `rebuild` reads them from the rows whatever the cache."""
        opened = open_derived(store, progress, thorough=thorough, rebuild=rebuild)
        self.store = store
        self.notes = opened.notes  # what had to be rebuilt, for the user to know
        self.index: LaneIndex = opened.index
        self.companies: list[Company] = []
        self._count_lanes()  # from the arrays: a count of a million rows costs 60 ms
        self.categories: list[tuple[int, str]] = query.list_categories(store)
        self.visible = VisibleEvents(self.index, self.companies)
        self.state = FilterState()
        self._searches: dict[str, np.ndarray] = {}  # text: ids, the most recent last
        self._ranks: dict[str, np.ndarray] = {}
        self.colours, self.shapes = self._read_looks()
        self.eras: list[Era] = list_eras(store.conn)
        self.title = timeline_title(store.conn)
        self._edited_at: int | None = None  # events_version after our last edit, if any
        self.generation = 0  # steps followed so far: what was read before one may be stale

    def _read_looks(self) -> tuple[dict[str, dict[int, str]], dict[int, str]]:
        """Each lane's and category's colour and each category's shape, by id: as stored,
        or as they will be stored (a read-only file shows the same)."""
        looks = appearance.planned(self.store.conn)
        return looks.colours, looks.shapes

    def follow(self, touched: Touched) -> None:
        """Bring arrays, names, colours and the filtered view in step with a step's changes
        (an edit, an undo, a redo): only the touched rows are read."""
        conn = self.store.conn
        self.generation += 1
        if touched.events or touched.companies:
            index, moves = lane_changes.apply_edit(self.index, conn, touched.events)
            if moves.shift is not None:  # one event moved, in the same arrays
                self._follow_shift(moves.shift, touched.companies)
            elif index is not self.index or touched.companies:  # else: a title, a quote…
                self._follow_lanes(index, moves)
        if touched.categories:
            self.categories = query.list_categories(self.store)
        if touched.meta or touched.categories or touched.companies:
            self.colours, self.shapes = self._read_looks()
        if touched.meta:
            self.title = timeline_title(conn)
        if touched.eras:
            self.eras = list_eras(conn)
        self._ranks = {}
        self.forget_search()  # titles, summaries or quotes may have changed
        self.apply(self.state, order=self.visible.order)
        if touched.events or touched.companies:
            self._edited_at = schema.events_version(conn)

    def _follow_lanes(self, index: LaneIndex, moves: lane_changes.Moves) -> None:
        old_visible = self.visible
        self.index = index
        self._count_lanes()
        self.visible = VisibleEvents(index, self.companies)
        self.visible.adopt_time_order(old_visible, moves)

    def _follow_shift(self, shift: Shift, companies_touched: bool) -> None:
        """The same arrays and the same view, one event moved in both: nothing is held
        twice. The lanes are read again only if they changed (names, counts)."""
        if companies_touched or shift.old_lane != shift.new_lane:
            self._count_lanes()
        self.visible.follow_shift(shift, self.companies)

    def _count_lanes(self) -> None:
        sizes = np.diff(self.index.offsets).tolist()
        counts = dict(zip(self.index.company_ids.tolist(), sizes, strict=True))
        self.companies = [
            replace(company, event_count=counts.get(company.id, 0))
            for company in query.list_companies(self.store, counts=False)
        ]

    def save_cache(self) -> None:
        """Store the arrays edits kept up to date, so the next opening reads one blob, not
        every row; only if nobody else changed the events since (then they are stale)."""
        if self._edited_at is None or self.store.readonly:
            return
        try:
            with self.store.transaction() as conn:
                if schema.events_version(conn) == self._edited_at:
                    lanes.store_lane_cache(conn, self.index)
            self._edited_at = None
        except (TimelineError, sqlite3.Error) as exc:  # locked, full disk: rebuilt next time
            log.warning("%s: lane cache not saved: %s", self.store.path, exc)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, readonly: bool = False) -> OpenedTimeline:
        store = open_store(Path(path), readonly=readonly)
        try:
            return cls(store)
        except BaseException:
            store.close()
            raise

    def close(self) -> None:
        self.save_cache()
        self.store.close()

    def __enter__(self) -> OpenedTimeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- filtering
    def search_ids(self, text: str) -> np.ndarray | None:
        """Ids matching the search text (None: nothing typed), remembered for the last few
        texts asked (typing on and deleting back, or going back to a word, asks again)."""
        if not text.strip():
            return None
        found = self._searches.pop(text, None)
        if found is None:
            found = query.search_event_ids(self.store, text)
            if found is None:  # nothing to search for
                return None
        self._searches[text] = found  # the most recent last
        while len(self._searches) > SEARCHES_KEPT:
            del self._searches[next(iter(self._searches))]
        return found

    def forget_search(self) -> None:
        self._searches = {}

    def apply(self, state: FilterState, order: str | None = None) -> None:
        self.visible.apply(state, self.search_ids(state.text), order=order)
        self.state = state

    def visible_for(self, state: FilterState, order: str | None = None) -> VisibleEvents:
        """A separate view of the same events under `state` (an export changes it, to fit
        the busiest lanes, without touching what the window shows)."""
        visible = VisibleEvents(self.index, self.companies)
        visible.apply(state, self.search_ids(state.text), order=order or self.visible.order)
        return visible

    def filter_by_names(
        self,
        companies: list[str],
        categories: list[str],
        text: str = "",
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> FilterState:
        """Resolve names as a person types them (case-insensitive); unknown names are
        errors that list what exists, so a typo never exports an empty picture silently."""
        known = {c.name.casefold(): c.id for c in self.companies}
        cats = {name.casefold(): cid for cid, name in self.categories}
        for names, kind, table in (
            (companies, "company", known),
            (categories, "category", cats),
        ):
            missing = [name for name in names if name.casefold() not in table]
            if missing:
                raise TimelineError(
                    f"unknown {kind} {', '.join(map(repr, missing))}; known: "
                    + ", ".join(sorted(table)[:20])
                    + (" …" if len(table) > 20 else "")
                )
        for label, value in (("--from", date_from), ("--to", date_to)):
            if value:
                try:
                    period_start(value, DatePrecision.DAY)
                except TimelineError as exc:
                    if "real date" in str(exc):  # 2021-02-29: the reason says which part
                        raise TimelineError(f"{label}: {exc}") from None
                    raise TimelineError(f"{label}: {value!r} is not a date (YYYY-MM-DD)") from None
        if date_from and date_to and date_to < date_from:
            raise TimelineError(f"--to {date_to} is before --from {date_from}")
        return FilterState(
            companies=frozenset(known[n.casefold()] for n in companies) if companies else None,
            categories=frozenset(cats[n.casefold()] for n in categories) if categories else None,
            text=text,
            date_from=date_from,
            date_to=date_to,
        )

    # ----- the table's order
    def shown_ids(self, key: str = "date", descending: bool = False) -> np.ndarray:
        """Ids of the events the filter shows, sorted by a table column; ties stay in time
        order. Arrays only: nothing per event is built in Python."""
        if key == "date":
            ids = self.visible.shown_ids_by_time()
            return ids[::-1] if descending else ids
        if key == "title" and (by_title := self._positions_by_title()) is not None:
            # titles never tie (the id decides): the whole order, filtered, needs no sort
            ids = self.index.event_id[by_title[self.visible.shown_by_position()[by_title]]]
            return ids[::-1] if descending else ids
        positions = self.visible.shown_positions_by_time()
        rank = self._rank(key)[positions]
        order = np.argsort(-rank if descending else rank, kind="stable")
        return self.index.event_id[positions[order]]

    def _rank(self, key: str) -> np.ndarray:
        """Per index position, the rank of its company, category or title (computed once)."""
        if key not in SORT_KEYS:
            raise ValueError(f"cannot sort by {key!r}")
        if key in self._ranks:
            return self._ranks[key]
        index = self.index
        if key == "company":
            names = {c.id: c.name.casefold() for c in self.companies}
            lane_names = [names.get(int(cid), "") for cid in index.company_ids]
            lane_rank = np.argsort(np.argsort(np.array(lane_names, dtype=object), kind="stable"))
            rank = np.repeat(lane_rank.astype(np.int64), np.diff(index.offsets))
        elif key == "category":  # list position of each category id, by binary search
            ids = np.array([cid for cid, _ in self.categories], dtype=np.int64)
            order = np.argsort(ids, kind="stable")
            at = np.clip(np.searchsorted(ids[order], index.category), 0, max(ids.size - 1, 0))
            rank = order[at].astype(np.int64) if ids.size else np.zeros(index.size, np.int64)
        else:
            rank = title_rank(index, query.ids_by_title(self.store.conn))
        self._ranks[key] = rank
        return rank

    def _positions_by_title(self) -> np.ndarray | None:
        """Every index position in title order (the inverse of the title rank), or None if
        that rank is not one place per event."""
        if "title positions" not in self._ranks:
            rank = self._rank("title")
            inverse = np.full(rank.size, -1, dtype=rank.dtype)
            inverse[rank] = np.arange(rank.size)
            self._ranks["title positions"] = inverse
        inverse = self._ranks["title positions"]
        return None if inverse.size and int(inverse.min()) < 0 else inverse

    def adopt_title_rank(self, rank: np.ndarray, generation: int) -> None:
        """The title order worked out elsewhere (the window's background check) from the
        rows as they were at `generation`; ignored if a step changed them since."""
        if generation == self.generation and rank.size == self.index.size:
            self._ranks.setdefault("title", rank)

    # ----- for exports and the About box
    def describe_filter(
        self, state: FilterState | None = None, shown: VisibleEvents | None = None
    ) -> str:
        """ "3 of 19 events · Amazon, IBM · categories: Policy · matching “ban”": the line an
        exported picture carries under its title (counts from `shown`, by default the
        timeline's own view)."""
        state = state or self.state
        shown = shown or self.visible
        parts = [f"{shown.shown:,} of {shown.total:,} events"]
        if state.companies is not None:
            names = [visible(c.name) for c in self.companies if c.id in state.companies]
            parts.append(
                ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
            )
        if state.categories is not None:
            names = [visible(n) for cid, n in self.categories if cid in state.categories]
            parts.append("categories: " + ", ".join(names))
        if state.text.strip():
            parts.append(f"matching “{state.text.strip()}”")
        if state.date_from or state.date_to:
            since = format_date(state.date_from, DatePrecision.DAY) if state.date_from else "…"
            until = format_date(state.date_to, DatePrecision.DAY) if state.date_to else "…"
            parts.append(f"{since} – {until}")
        return " · ".join(parts)

    def sources_line(self, state: FilterState | None = None, limit: int = 4) -> str:
        """ "Sources: Title, Publisher, 2020-06-11; … and 3 more.": an export's footer."""
        sources, total = query.sources_behind(self.store, state or self.state, limit=limit)
        if not sources:
            return "Sources: none recorded for these events."
        named = [
            visible(
                f"{title}"
                + (f", {publisher}" if publisher else "")
                + (f", {published}" if published else "")
            )
            for title, publisher, published in sources
        ]
        more = f" and {total - len(sources):,} more" if total > len(sources) else ""
        return "Sources: " + "; ".join(named) + more + "."
