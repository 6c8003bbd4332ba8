"""The filtered events as a sortable table, read from the file a page at a time.

The model holds only an array of event ids in display order; rows are fetched in pages of
PAGE_SIZE with one query each and a few pages are kept, so a million events cost one numpy
array, not a million Python objects.
"""

from __future__ import annotations

import html
from collections import OrderedDict

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.errors import TimelineError
from timeline_app.model.dates import format_span
from timeline_app.model.journal import Touched
from timeline_app.model.timeline import SORT_KEYS
from timeline_app.model.types import Event
from timeline_app.ui.paint_guard import never_raises
from timeline_app.ui.shown_text import shown
from timeline_app.ui.theme import error_text

COLUMNS = ("Date", "Company", "Category", "Title", "Source")
NO_SOURCE = "no source"
PAGE_SIZE = 64  # a screenful or two: a filter change fetches no more than it shows
PAGES_KEPT = 256
EVENT_ID_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1
_ROLES_ANSWERED = frozenset(
    (
        EVENT_ID_ROLE,
        QtCore.Qt.ItemDataRole.DisplayRole,
        QtCore.Qt.ItemDataRole.DecorationRole,
        QtCore.Qt.ItemDataRole.ToolTipRole,
        QtCore.Qt.ItemDataRole.ForegroundRole,
    )
)
TEXTS_KEPT = 20_000


class EventTableModel(QtCore.QAbstractTableModel):
    def __init__(self, controller, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._ids = np.zeros(0, dtype=np.int64)
        self._pages: OrderedDict[int, dict[int, Event]] = OrderedDict()
        # (row, column) -> the cell's text: a repaint asks each cell for several roles and
        # a selection elsewhere repaints every row in view, so each text is made once.
        self._texts: dict[tuple[int, int], str] = {}
        self.sort_column = 0
        self.sort_order = QtCore.Qt.SortOrder.AscendingOrder
        self.pages_fetched = 0  # how many page queries ran (tests check laziness)
        self._shown_key: tuple | None = None
        self._row_found: tuple[int, int | None] | None = None  # (event id, its row) in _ids
        self._ids_source: tuple[object, int] | None = None  # (lane arrays, generation) of _ids

    # ----- content
    def refresh(self) -> None:
        """Show the ids the filter shows now; nothing to do when it is the same view of the
        same rows (a step announces both the dataset and the filters)."""
        visible = self.controller.visible
        key = (visible.version if visible is not None else None, self.sort_column, self.sort_order)
        if key == self._shown_key and visible is not None:
            return
        self._shown_key = key
        ids = self.controller.shown_ids(
            SORT_KEYS[self.sort_column],
            descending=self.sort_order == QtCore.Qt.SortOrder.DescendingOrder,
        )
        arrays = self.controller.lane_index
        source = (arrays, arrays.generation) if arrays is not None else None
        if self.controller.following_edit and ids is self._ids and source == self._ids_source:
            # The view's own ids, from arrays no event moved in: the same rows in the same
            # order (a title, a summary, a quote changed). The rows the step touched are
            # read again when it says which (edited); no reset, no repaint of every row.
            return
        self.beginResetModel()
        self._row_found = None
        self._ids, self._ids_source = ids, source
        self._pages.clear()
        self._texts.clear()
        self.endResetModel()

    def follow_edit(self, touched: Touched) -> None:
        """Rows kept from before a step that changed them are read again (a reset has
        dropped them all already)."""
        changed = touched.events | touched.excerpts_of
        # Names, sources and colours show on rows of events the step did not touch.
        every = touched.companies or touched.categories or touched.sources or touched.meta
        for page, events in list(self._pages.items()):
            if every or changed & events.keys():
                del self._pages[page]
                last = min((page + 1) * PAGE_SIZE, self._ids.size) - 1
                for row in range(page * PAGE_SIZE, last + 1):
                    for column in range(len(COLUMNS)):
                        self._texts.pop((row, column), None)
                if last >= page * PAGE_SIZE:
                    top = self.index(page * PAGE_SIZE, 0)
                    self.dataChanged.emit(top, self.index(last, len(COLUMNS) - 1))

    def refetch(self) -> None:
        """Rows read while another program wrote came back empty: read them again."""
        self._pages.clear()
        self._texts.clear()
        if self._ids.size:
            last = self.index(self._ids.size - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def sort(self, column: int, order=QtCore.Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(SORT_KEYS):
            return
        self.sort_column, self.sort_order = column, order
        QtWidgets.QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        try:
            self.refresh()
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()

    def id_at(self, row: int) -> int | None:
        if 0 <= row < self._ids.size:
            return int(self._ids[row])
        return None

    def row_of(self, event_id: int | None) -> int | None:
        """The row of an event: its place in time when that is known and right, else a
        pass over every row (the last answer is kept until the rows change, as a step asks
        it twice, once for the reset and once for the selection it announces)."""
        if event_id is None or not self._ids.size:
            return None
        found = self._row_found
        if found is not None and found[0] == event_id:
            row = found[1]
            if row is None or (row < self._ids.size and self._ids[row] == event_id):
                return row  # (the ids may be the view's own array, an event moved in it)
        guess = self._row_in_time_order(int(event_id))
        if guess is not None and 0 <= guess < self._ids.size and self._ids[guess] == event_id:
            self._row_found = (event_id, guess)
            return guess
        hits = np.flatnonzero(self._ids == event_id)
        row = int(hits[0]) if hits.size else None
        self._row_found = (event_id, row)
        return row

    def _row_in_time_order(self, event_id: int) -> int | None:
        """Where the event should be when the rows are in time order and all shown (a
        guess the caller checks, so that finding a row is no pass over a million ids)."""
        visible = self.controller.visible
        if self.sort_column != 0 or visible is None:
            return None
        place = visible.place_in_time(event_id)
        if place is None:
            return None
        descending = self.sort_order == QtCore.Qt.SortOrder.DescendingOrder
        return self._ids.size - 1 - place if descending else place

    def ids(self) -> np.ndarray:
        return self._ids

    def event_at(self, row: int) -> Event | None:
        event_id = self.id_at(row)
        if event_id is None:
            return None
        page = row // PAGE_SIZE
        events = self._pages.get(page)
        if events is None:
            chunk = self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
            events = self.controller.events_by_ids(chunk)
            self.pages_fetched += 1
            if not events and chunk.size:  # the file is being written: ask again later
                return None
            self._pages[page] = events
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return events.get(event_id)

    # ----- Qt model
    def rowCount(self, parent=QtCore.QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else int(self._ids.size)

    def columnCount(self, parent=QtCore.QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=QtCore.Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == QtCore.Qt.Orientation.Horizontal:
            if role == QtCore.Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
                return COLUMNS[section]
            if role == QtCore.Qt.ItemDataRole.ToolTipRole and section < len(SORT_KEYS):
                return f"Sort by {COLUMNS[section].lower()}"
            if role == QtCore.Qt.ItemDataRole.ToolTipRole:
                return "Where its first quote comes from; “no source”: it has no quote"
        return None

    @never_raises()
    def data(self, index, role=QtCore.Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES_ANSWERED or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == EVENT_ID_ROLE:
            return self.id_at(row)
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            text = self._texts.get((row, column))
            if text is None:
                event = self.event_at(row)
                if event is None:
                    return None
                text = self._texts[row, column] = self._text(event, column)
                if len(self._texts) > TEXTS_KEPT:
                    self._texts.clear()
            return text
        event = self.event_at(row)
        if event is None:
            return None
        if role == QtCore.Qt.ItemDataRole.ForegroundRole:
            if column == 4 and not event.sources:  # red that reads on the theme's rows
                return QtGui.QBrush(error_text(QtWidgets.QApplication.palette()))
            return None
        if role == QtCore.Qt.ItemDataRole.DecorationRole:
            colours = self.controller.colours if column in (1, 2) else None  # chosen, else default
            if colours is not None and column == 1:
                return colours.company_icon(event.company_id)
            if colours is not None and colours.category_position(event.category) is not None:
                return colours.category_icon(event.category)
            return None
        return self._tooltip(event, column)

    @staticmethod
    def _text(event: Event, column: int) -> str:
        if column == 0:
            try:
                return format_span(event.start, event.end, event.precision, event.approximate)
            except TimelineError:
                return event.start
        if column == 1:
            return shown(event.company)
        if column == 2:
            return shown(event.category)
        if column == 4:
            if not event.sources:
                return NO_SOURCE
            more = f" (+{event.sources - 1})" if event.sources > 1 else ""
            return shown(" ".join(event.source_title.split())) + more
        return shown(" ".join(event.title.split()))

    def _tooltip(self, event: Event, column: int) -> str:
        """Escaped rich text: a title like "<b>x</b>" must show as typed, not as HTML."""
        if column == 0:
            note = "approximate; " if event.approximate else ""
            return f"<p>{html.escape(self._text(event, 0))} ({note}{event.precision.value})</p>"
        summary = event.summary.strip()
        if len(summary) > 600:
            summary = summary[:600] + "…"
        body = f"<p><b>{html.escape(shown(event.title))}</b></p>"
        if summary:
            body += f"<p>{html.escape(shown(summary))}</p>"
        return body


class EventTable(QtWidgets.QTableView):
    """Selecting a row selects the event everywhere; a selection made elsewhere selects and
    scrolls to its row. Enter or a double-click on a row asks to edit its event."""

    eventActivated = QtCore.Signal(int)

    def __init__(self, controller, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventTable")
        self.controller = controller
        self.table_model = EventTableModel(controller, self)
        self.setModel(self.table_model)
        self._syncing = False
        self.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
        self.setIconSize(QtCore.QSize(12, 12))
        self.setVerticalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(False)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionsMovable(False)
        header.setDefaultAlignment(
            QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter
        )
        for column, width in enumerate((190, 170, 130, 330)):
            self.setColumnWidth(column, width)
        self.setSortingEnabled(True)
        header.setSortIndicator(0, QtCore.Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._keep_sortable_indicator)
        self.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table_model.modelReset.connect(self._restore_selection)
        controller.datasetChanged.connect(self.table_model.refresh)
        controller.readableAgain.connect(self.table_model.refetch)
        controller.filtersChanged.connect(self.table_model.refresh)
        controller.edited.connect(self.table_model.follow_edit)
        controller.selectionChanged.connect(self.show_selection)

    def _keep_sortable_indicator(self, section: int, _order: object) -> None:
        """The Source column does not sort: its indicator goes back to the sorted one."""
        if section >= len(SORT_KEYS):
            header = self.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self.table_model.sort_column, self.table_model.sort_order)
            header.blockSignals(False)

    def _selection_changed(self, *_args: object) -> None:
        if self._syncing:
            return
        rows = self.selectionModel().selectedRows()
        if rows:
            self.controller.select(self.table_model.id_at(rows[0].row()))

    def _restore_selection(self) -> None:
        self.show_selection(self.controller.selected_id)

    def show_selection(self, event_id: int | None) -> None:
        self._syncing = True
        try:
            row = self.table_model.row_of(event_id)
            if row is None:
                self.selectionModel().clearSelection()
                return
            index = self.table_model.index(row, 0)
            self.selectionModel().setCurrentIndex(
                index,
                QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QtCore.QItemSelectionModel.SelectionFlag.Rows,
            )
            self.scrollTo(index, QtWidgets.QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._syncing = False

    def titles(self) -> list[str]:
        """The Title column as shown, top to bottom (small tables; for tests)."""
        model = self.table_model
        return [model.data(model.index(row, 3)) for row in range(model.rowCount())]

    def mouseDoubleClickEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802
        index = self.indexAt(event.position().toPoint())
        event_id = self.table_model.id_at(index.row()) if index.isValid() else None
        if event_id is not None:
            self.eventActivated.emit(event_id)
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802
        enter = event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)
        if enter and self.controller.selected_id is not None:
            self.eventActivated.emit(self.controller.selected_id)
            return
        super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:  # noqa: N802 - Qt override
        """Typing in the table would fetch every page looking for a prefix; do nothing."""
        return

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802 - Qt override
        return QtCore.QSize(700, 220)
