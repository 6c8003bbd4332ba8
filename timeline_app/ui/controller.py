"""The one object between the model and the widgets.

It holds the open Store, the lane arrays, the filter and the selected event. Widgets ask it
questions and tell it what the user did; it calls timeline_app.model and announces changes
with signals, so the widgets never run SQL and never talk to each other directly.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

import numpy as np
from PySide6 import QtCore

from timeline_app.errors import TimelineError
from timeline_app.log import get_logger
from timeline_app.model import derived, edits, lanes, query, sources
from timeline_app.model.dataset import builtin_database_path
from timeline_app.model.eras import Era
from timeline_app.model.filters import FilterState
from timeline_app.model.journal import Touched
from timeline_app.model.lanes import LaneIndex
from timeline_app.model.store import Store, create_store, open_store
from timeline_app.model.timeline import OpenedTimeline, title_rank
from timeline_app.model.types import Company, Event, EventDetail, Source
from timeline_app.model.visible import LANE_ORDERS, VisibleEvents
from timeline_app.model.writer import WriteResult
from timeline_app.ui.palette import Colours
from timeline_app.ui.settings import SavedFilters
from timeline_app.ui.thread_answers import next_round, thread_answers

log = get_logger("ui.controller")
T = TypeVar("T")
D = TypeVar("D")

WATCH_MS = 1000  # how often the open file is asked whether another program changed it
TITLE_ORDER_AHEAD = 50_000  # from this many events, the title order is sorted in the background
READ_WAIT_MS = 150  # a read waits this long for another program's write, then retries later
# Problems that opening or reading a file can raise; all become a message, never a crash.
FILE_ERRORS = (TimelineError, sqlite3.Error, OSError, ValueError)


class ImportCancelled(Exception):
    """Raised from an import progress callback when the user cancels; nothing is written."""


def is_builtin(path: Path) -> bool:
    try:
        return path.resolve() == builtin_database_path().resolve()
    except OSError:
        return False


def _problem_text(path: Path, exc: BaseException) -> str:
    """The model's messages start with the path; say it once, by name, as a sentence."""
    text = str(exc).strip() or type(exc).__name__
    for prefix in (f"{path}: ", f"{path.resolve()}: "):
        if text.startswith(prefix):
            rest = text[len(prefix) :]
            # "“a.db” is not a timeline", but "“a.csv”: 1 problem(s), nothing imported"
            return f"“{path.name}”{' ' if rest[:1].islower() else ': '}{rest}"
    return f"“{path.name}”: {text}"


def is_lock(exc: BaseException) -> bool:
    text = str(exc)
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


class Controller(QtCore.QObject):
    datasetChanged = QtCore.Signal()  # a file was opened or its contents changed
    fileChanged = QtCore.Signal()  # another file (or none) is open now: undo starts afresh
    edited = QtCore.Signal(object)  # a step, its undo or its redo changed these rows (Touched)
    filtersChanged = QtCore.Signal()  # filter or lane order changed: counts and lanes differ
    selectionChanged = QtCore.Signal(object)  # event id or None
    errorRaised = QtCore.Signal(str)  # first paragraph: what failed; the rest: why, what now
    noticeRaised = QtCore.Signal(str)  # something the user should know, not a failure
    readableAgain = QtCore.Signal()  # reads that waited for another program can run now
    verified = QtCore.Signal(bool)  # the background check of the lane arrays: did they match?
    titleOrderKnown = QtCore.Signal()  # worked out in the background: sorting by title is quick

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.timeline: OpenedTimeline | None = None
        self.lane_order = "name"
        self.selected_id: int | None = None
        self._colours_of: tuple[tuple[object, ...], Colours] | None = None
        self.last_failure = ""  # why the last file could not be opened, as the model said it
        self.keep_view = False  # True while datasetChanged is about the same file, changed
        self.waiting = False  # a read found the file locked by another program's write
        self.following_edit = False  # True while signals announce a step of our own
        self.following: Touched | None = None  # that step's rows, meanwhile
        self._data_version: int | None = None
        self._watch = QtCore.QTimer(self)
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self.check_for_changes)
        self._check_round = 0
        answers = thread_answers()  # the checking thread must not hold this controller
        answers.fingerprinted.connect(self._arrays_checked)
        answers.titleRanked.connect(self._title_order_known)

    # ------------------------------------------------------------------ the opened file
    @property
    def store(self) -> Store | None:
        return self.timeline.store if self.timeline else None

    @property
    def lane_index(self) -> LaneIndex | None:
        return self.timeline.index if self.timeline else None

    @property
    def companies(self) -> list[Company]:
        return self.timeline.companies if self.timeline else []

    @property
    def categories(self) -> list[tuple[int, str]]:
        return self.timeline.categories if self.timeline else []

    @property
    def eras(self) -> list[Era]:
        return self.timeline.eras if self.timeline else []

    @property
    def visible(self) -> VisibleEvents | None:
        return self.timeline.visible if self.timeline else None

    @property
    def state(self) -> FilterState:
        return self.timeline.state if self.timeline else FilterState()

    @property
    def path(self) -> Path | None:
        return self.store.path if self.store else None

    @property
    def readonly(self) -> bool:
        return bool(self.store and self.store.readonly)

    @property
    def is_builtin(self) -> bool:
        return self.store is not None and is_builtin(self.store.path)

    def open_file(self, path: str | Path, *, readonly: bool = False) -> bool:
        """Open `path` in place of the current file. On failure the current file stays open
        and errorRaised says which file and why."""
        path = Path(path)
        readonly = readonly or is_builtin(path)
        log.info("opening %s%s", path, " (read-only)" if readonly else "")
        store = None
        try:
            store = open_store(path, readonly=readonly)
            loaded = self._load(store)
        except FILE_ERRORS as exc:
            if store is not None:
                store.close()
            log.warning("could not open %s: %s", path, exc)
            self._report_open_failure(path, exc)
            return False
        previous = self.timeline
        self._install(loaded, FilterState())
        self.selected_id = None
        self.fileChanged.emit()
        self.datasetChanged.emit()
        self.filtersChanged.emit()
        self.selectionChanged.emit(None)
        if previous is not None and previous.store is not store:
            previous.close()  # saves the lane arrays its edits kept up to date
        return True

    def _report_open_failure(self, path: Path, exc: BaseException) -> None:
        self.last_failure = str(exc)
        kept = (
            f"“{self.store.path.name}” is still open."
            if self.store is not None
            else "No file is open."
        )
        self.errorRaised.emit(
            f"Could not open “{path.name}”.\n\n{_problem_text(path, exc)}\n\nFile: {path}\n\n{kept}"
        )

    def _load(self, store: Store, rebuild: bool = False) -> OpenedTimeline:
        # The comparison of the cached arrays with every row runs in the background
        # (_check_arrays): the first picture does not wait a scan of a million rows.
        opened = OpenedTimeline(store, thorough=False, rebuild=rebuild)
        for note in opened.notes:
            self.noticeRaised.emit(f"“{store.path.name}”: {note}.")
        if store.readonly_reason:
            self.noticeRaised.emit(
                f"“{store.path.name}” is open read-only: {store.readonly_reason}."
            )
        return opened

    def _install(self, timeline: OpenedTimeline, state: FilterState) -> None:
        self.timeline = timeline
        self._apply(state)
        timeline.store.set_busy_timeout(READ_WAIT_MS)
        self._data_version = timeline.store.data_version()
        self._watch.start()
        self._check_arrays()

    def _check_arrays(self) -> None:
        """Compare the lane arrays with a fingerprint of every row, and the search index's
        coverage with the rows, on another thread with its own read-only connection. Only a
        file changed behind the triggers' back can fail; then what is stale is rebuilt."""
        assert self.timeline is not None
        self._check_round = next_round()
        round_, index, path = self._check_round, self.timeline.index, self.timeline.store.path
        answers = thread_answers()
        generation = self.timeline.generation
        # Made here, not on the thread: what it computes from arrays an edit may move in
        # the meantime is thrown away, but an order cached on them would stay.
        _ = index.sorted_ids

        def work() -> None:
            try:
                conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
                try:
                    conn.execute("PRAGMA trusted_schema = OFF")
                    matched = lanes.rows_fingerprint(conn) == lanes.index_fingerprint(index)
                    problem = derived.search_index_problem(conn) or ""
                    answers.fingerprinted.emit(round_, generation, matched, problem)
                    # Then the event table's order by title, which SQLite takes seconds to
                    # sort at a million events: ready before most people ask for it.
                    if matched and index.size >= TITLE_ORDER_AHEAD:
                        rank = title_rank(index, query.ids_by_title(conn))
                        answers.titleRanked.emit(round_, generation, rank)
                finally:
                    conn.close()
            except (sqlite3.Error, OSError) as exc:  # busy, gone: the next open checks again
                log.info("background check of %s not done: %s", path, exc)

        threading.Thread(target=work, name="check-lane-arrays", daemon=True).start()

    def _arrays_checked(
        self, round_: int, generation: int, matched: bool, search_problem: str
    ) -> None:
        if round_ != self._check_round or self.timeline is None:
            return  # another file, or the same file read again since
        if generation != self.timeline.generation:
            # A step was followed meanwhile: the rows or the arrays (an event moved in
            # place) may have changed under the check, so its answer means nothing.
            self._check_arrays()
            return
        if search_problem:
            timeline = self.timeline
            note = derived.repair_search_index(timeline.store, search_problem)
            timeline.forget_search()  # what it found before the repair may be wrong
            self.noticeRaised.emit(f"“{timeline.store.path.name}”: {note}.")
            if timeline.state.text.strip():  # a search made meanwhile is made again
                self._apply(timeline.state)
                self.filtersChanged.emit()
        if not matched:
            store = self.timeline.store
            log.warning("%s: lane arrays did not match the rows; reading them again", store.path)
            try:
                loaded = self._load(store, rebuild=True)
            except FILE_ERRORS as exc:
                self._drop_unreadable(exc)
                return
            self.noticeRaised.emit(
                f"“{store.path.name}”: its saved copy of the timeline did not match its events, "
                "so every event was read again."
            )
            self._show_reloaded(loaded, keep_view=True)
        self.verified.emit(matched)

    def _title_order_known(self, round_: int, generation: int, rank: np.ndarray) -> None:
        if round_ == self._check_round and self.timeline is not None:
            self.timeline.adopt_title_rank(rank, generation)
            self.titleOrderKnown.emit()

    def _apply(self, state: FilterState) -> None:
        """Filter the open timeline; a search that meets another program's write finds
        nothing until it can run (readableAgain runs it again)."""
        timeline = self.timeline
        assert timeline is not None
        nothing = np.zeros(0, dtype=np.int64)
        ids = self._read(lambda _store: timeline.search_ids(state.text), default=nothing)
        timeline.visible.apply(state, ids, order=self.lane_order)
        timeline.state = state

    def reload(self, *, keep_view: bool = False) -> None:
        """Read the open file again after a write; new companies and categories are shown,
        the rest of the filter and the selection are kept (and, with `keep_view`, the time
        range in view: the file changed under the user's eyes)."""
        if self.store is None:
            return
        loaded = self._load(self.store)
        self._show_reloaded(loaded, keep_view)

    def _show_reloaded(self, loaded: OpenedTimeline, keep_view: bool) -> None:
        state = self._widened({c.id for c in self.companies}, {c[0] for c in self.categories},
                              loaded.companies, loaded.categories)  # fmt: skip
        self._install(loaded, state)
        self._announce_changed_rows(keep_view)

    def _widened(
        self,
        old_companies: set[int],
        old_categories: set[int],
        companies: list[Company],
        categories: list[tuple[int, str]],
    ) -> FilterState:
        """The filter in force, widened to companies and categories that are new: a lane
        someone just added is shown, whatever was ticked before."""
        state = self.state
        new_companies = {c.id for c in companies} - old_companies
        new_categories = {c[0] for c in categories} - old_categories
        if state.companies is not None and new_companies:
            state = state.with_(companies=state.companies | new_companies)
        if state.categories is not None and new_categories:
            state = state.with_(categories=state.categories | new_categories)
        return state

    def _announce_changed_rows(self, keep_view: bool) -> None:
        selected = self.selected_id
        self.keep_view = keep_view
        try:
            self.datasetChanged.emit()
        finally:
            self.keep_view = False
        self.filtersChanged.emit()
        if selected is not None and not self.is_shown(selected):
            self.select(None)
        else:
            self.selectionChanged.emit(self.selected_id)

    def follow_edit(self, touched: Touched) -> None:
        """A step of ours changed these rows: update what is shown from them alone (no
        file is read again), keeping the view, the filter and the selection."""
        timeline = self.timeline
        if timeline is None:
            return
        old_companies = {c.id for c in timeline.companies}
        old_categories = {c[0] for c in timeline.categories}
        timeline.follow(touched)
        state = self._widened(
            old_companies, old_categories, timeline.companies, timeline.categories
        )
        if state != timeline.state:
            self._apply(state)
        self.following_edit = True  # views that can follow `edited` more cheaply wait for it
        self.following = touched
        try:
            self._announce_changed_rows(keep_view=True)
        finally:
            self.following_edit = False
            self.following = None
        self.edited.emit(touched)

    # ------------------------------------------------------------------ other programs
    def check_for_changes(self) -> None:
        """Called every WATCH_MS and when the window comes to the front: show what another
        program committed, and run the reads that waited for its write."""
        if self.store is None:
            return
        try:
            version = self.store.data_version()
            if self.waiting:
                self.store.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            return  # still locked: try again on the next tick
        if self.waiting:
            self.waiting = False
            self.noticeRaised.emit("")
            if self.state.text.strip():  # the search that waited runs now
                self.set_filters(self.state)
            self.readableAgain.emit()
        if version == self._data_version:
            return
        log.info("%s was changed by another program; reading it again", self.store.path)
        try:
            loaded = self._load(self.store)
        except FILE_ERRORS as exc:
            if is_lock(exc) or "locked" in str(exc):
                self._mark_waiting()
                return  # the data version is unchanged for us: we come back to it
            self._drop_unreadable(exc)
            return
        self._show_reloaded(loaded, keep_view=True)

    def _drop_unreadable(self, exc: BaseException) -> None:
        """The file changed into something the timeline cannot show: showing the old view
        would be showing what the file no longer says, so it is closed, with the reason."""
        assert self.store is not None
        path = self.store.path
        log.warning("%s can no longer be shown: %s", path, exc)
        self.close()
        self.datasetChanged.emit()
        self.filtersChanged.emit()
        self.selectionChanged.emit(None)
        self.errorRaised.emit(
            f"“{path.name}” was changed by another program and can no longer be shown, so it "
            f"was closed.\n\n{_problem_text(path, exc)}\n\nFile: {path}"
        )

    def _mark_waiting(self) -> None:
        if not self.waiting and self.store is not None:
            self.waiting = True
            self.noticeRaised.emit(
                f"“{self.store.path.name}” is being written by another program; waiting for it…"
            )

    def _read(self, read: Callable[..., T], *args: object, default: D) -> T | D:
        """A read that waits out another program's write: on a lock it returns `default`
        at once (the window never freezes) and readableAgain tells when to ask again."""
        if self.store is None:
            return default
        try:
            return read(self.store, *args)
        except sqlite3.OperationalError as exc:
            if not is_lock(exc):
                raise
            self._mark_waiting()
            return default

    def close(self) -> None:
        self._watch.stop()
        self.waiting = False
        if self.timeline is not None:
            self.timeline.close()
            self.timeline = None
            self.fileChanged.emit()
        self.selected_id = None

    def new_file(self, target: str | Path) -> bool:
        """Make an empty timeline at `target` and open it; on failure the open file stays."""
        target = Path(target)
        if (
            self.store is not None
            and target.exists()
            and target.resolve() == self.store.path.resolve()
        ):
            self.errorRaised.emit(
                f"Could not make “{target.name}”.\n\nThat is the open file itself."
            )
            return False
        try:
            target.unlink(missing_ok=True)  # the save dialog asked before replacing it
            create_store(target).close()
        except (TimelineError, OSError) as exc:
            self.errorRaised.emit(
                f"Could not make “{target.name}”.\n\n{_problem_text(target, exc)}"
            )
            return False
        return self.open_file(target)

    def save_copy(self, target: str | Path) -> bool:
        """Write a copy of the open file to `target` and open the copy (writable)."""
        target = Path(target)
        if self.store is None:
            return False
        if target.exists() and target.resolve() == self.store.path.resolve():
            self.errorRaised.emit(
                f"Could not save a copy as “{target.name}”.\n\nThat is the open file itself."
            )
            return False
        try:
            target.unlink(missing_ok=True)
            destination = sqlite3.connect(target)
            try:
                self.store.conn.backup(destination)
            finally:
                destination.close()
        except (sqlite3.Error, OSError) as exc:
            self.errorRaised.emit(
                f"Could not save a copy as “{target.name}”.\n\n{exc}\n\nFile: {target}"
            )
            return False
        return self.open_file(target)

    def import_file(
        self, path: str | Path, progress_callback: Callable[..., object] | None = None
    ) -> WriteResult | None:
        """Add the events of a CSV/JSON file to the open file; returns the WriteResult, or
        None after errorRaised explained why nothing was imported."""
        path = Path(path)
        if self.store is None:
            self.errorRaised.emit("Nothing to import into.\n\nOpen or create a timeline first.")
            return None
        if self.store.readonly:
            self.errorRaised.emit(
                f"Could not import into “{self.store.path.name}”.\n\nThe file is read-only."
            )
            return None
        from timeline_app.model.importer import import_into_store

        try:
            result = import_into_store(self.store, path, progress_callback=progress_callback)
        except ImportCancelled:
            log.info("import of %s cancelled", path)
            return None
        except FILE_ERRORS as exc:
            log.warning("import of %s failed: %s", path, exc)
            self.errorRaised.emit(
                f"Nothing was imported from “{path.name}”.\n\n{_problem_text(path, exc)}\n\n"
                f"“{self.store.path.name}” was not changed."
            )
            return None
        self.reload()
        return result

    # ------------------------------------------------------------------ filters
    def set_filters(self, state: FilterState) -> None:
        if self.timeline is not None:
            self._apply(state)
        self.filtersChanged.emit()
        if self.selected_id is not None and not self.is_shown(self.selected_id):
            self.select(None)

    def set_companies(self, ids: Iterable[int] | None) -> None:
        self.set_filters(self.state.with_(companies=self._normalise(ids, self.companies)))

    def set_categories(self, ids: Iterable[int] | None) -> None:
        self.set_filters(self.state.with_(categories=self._normalise(ids, self.categories)))

    @staticmethod
    def _normalise(ids: Iterable[int] | None, everything: Sequence) -> frozenset[int] | None:
        if ids is None:
            return None
        chosen = frozenset(int(i) for i in ids)
        every = {item.id if isinstance(item, Company) else item[0] for item in everything}
        return None if chosen >= every else chosen

    def set_text(self, text: str) -> None:
        if text != self.state.text:
            self.set_filters(self.state.with_(text=text))

    def set_dates(self, date_from: str | None, date_to: str | None) -> None:
        if (date_from, date_to) != (self.state.date_from, self.state.date_to):
            self.set_filters(self.state.with_(date_from=date_from, date_to=date_to))

    def reset_filters(self) -> None:
        self.set_filters(FilterState())

    def set_lane_order(self, order: str) -> None:
        if order not in LANE_ORDERS:
            raise ValueError(f"lane order must be one of {LANE_ORDERS}")
        if order == self.lane_order:
            return
        self.lane_order = order
        self.set_filters(self.state)

    def saved_filters(self) -> SavedFilters:
        """The filter by names, to be remembered between runs."""
        state = self.state
        hidden_companies = (
            [c.name for c in self.companies if c.id not in state.companies]
            if state.companies is not None
            else []
        )
        hidden_categories = (
            [name for cid, name in self.categories if cid not in state.categories]
            if state.categories is not None
            else []
        )
        return SavedFilters(
            file=str(self.path or ""),
            hidden_companies=hidden_companies,
            hidden_categories=hidden_categories,
            text=state.text,
            date_from=state.date_from,
            date_to=state.date_to,
        )

    def restore_filters(self, saved: SavedFilters) -> None:
        hidden_companies = set(saved.hidden_companies)
        hidden_categories = set(saved.hidden_categories)
        companies = [c.id for c in self.companies if c.name not in hidden_companies]
        categories = [cid for cid, name in self.categories if name not in hidden_categories]
        state = FilterState(
            companies=self._normalise(companies, self.companies),
            categories=self._normalise(categories, self.categories),
            text=saved.text,
            date_from=saved.date_from,
            date_to=saved.date_to,
        )
        try:
            state.time_range  # noqa: B018 - raises on a date that is not valid
        except TimelineError:
            state = state.with_(date_from=None, date_to=None)
        self.set_filters(state)

    # ------------------------------------------------------------------ counts
    @property
    def shown_count(self) -> int:
        return self.visible.shown if self.visible else 0

    @property
    def total_count(self) -> int:
        return self.visible.total if self.visible else 0

    def time_bounds(self) -> tuple[int, int] | None:
        return self.lane_index.time_bounds() if self.lane_index else None

    def category_position(self, name_or_id: str | int) -> int | None:
        """Position of a category in list order (by name)."""
        for position, (cid, name) in enumerate(self.categories):
            if name_or_id in (name, cid):
                return position
        return None

    @property
    def colours(self) -> Colours:
        """How companies and categories are drawn now: the colours chosen, else the
        palette's. Made again whenever the open timeline holds other lists of categories,
        colours or shapes (a step replaces them), else kept: every table cell asks."""
        timeline = self.timeline
        looks: tuple[object, ...] = (None, None, None, None)
        if timeline is not None:
            looks = (timeline, timeline.categories, timeline.colours, timeline.shapes)
        kept = self._colours_of  # (the objects themselves: kept alive, compared by identity)
        if kept is None or any(a is not b for a, b in zip(kept[0], looks, strict=True)):
            kept = self._colours_of = (looks, Colours.of_timeline(timeline))
        return kept[1]

    # ------------------------------------------------------------------ selection
    def is_shown(self, event_id: int) -> bool:
        return self.visible is not None and self.visible.is_shown(int(event_id))

    def select(self, event_id: int | None) -> None:
        if event_id is not None:
            event_id = int(event_id)
            if not self.is_shown(event_id):
                event_id = None
        if event_id == self.selected_id:
            return
        self.selected_id = event_id
        self.selectionChanged.emit(event_id)

    def select_next(self) -> None:
        self._step(+1)

    def select_previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if self.visible is None:
            return
        neighbour = self.visible.neighbour(self.selected_id, step)
        if neighbour is not None:
            self.select(neighbour)

    # ------------------------------------------------------------------ reading
    def event_detail(self, event_id: int) -> EventDetail | None:
        """None when there is no such event, or while another program writes (`waiting`)."""
        return self._read(query.event_detail, int(event_id), default=None)

    def events_by_ids(self, ids: Sequence[int]) -> dict[int, Event]:
        return self._read(query.events_by_ids, ids, default={})

    def event_titles(self, ids: Sequence[int]) -> dict[int, str]:
        return self._read(query.event_titles, ids, default={})

    def source_list(self) -> list[sources.SourceEntry]:
        return self._read(sources.list_sources, default=[])

    def source(self, source_id: int) -> Source | None:
        return self._read(sources.source, source_id, default=None)

    def quotes_in(self, source_id: int) -> list[sources.QuoteSpan]:
        return self._read(sources.quotes_in, source_id, default=[])

    def quoted_events(self, source_id: int) -> list[sources.QuotedEvent]:
        return self._read(sources.quoted_events, source_id, default=[])

    def source_use(self, source_id: int) -> edits.SourceUse | None:
        return self._read(lambda store: edits.source_use(store.conn, source_id), default=None)

    def quotes_of_event(self, event_id: int) -> list[tuple[int, int, int]]:
        return self._read(sources.quotes_of_event, event_id, default=[])

    def sources(self) -> tuple[list[tuple[str, str, str]], int]:
        """The first quoted source and how many there are in all."""
        return self._read(query.sources_behind, None, 1, default=([], 0))

    def shown_ids(self, key: str = "date", descending: bool = False) -> np.ndarray:
        """Ids of the events the filter shows, sorted by a table column (time order while
        another program's write keeps the titles from being read)."""
        timeline = self.timeline
        if timeline is None:
            return np.zeros(0, dtype=np.int64)
        if key == "date":  # from the lane arrays alone: nothing to wait for
            return timeline.shown_ids(key, descending)
        ids = self._read(lambda _store: timeline.shown_ids(key, descending), default=None)
        return timeline.shown_ids("date", descending) if ids is None else ids
