"""Choosing what to see: companies, categories, a date range and a text search.

The panel tells the controller what the user changed and redraws itself from the
controller's filter whenever it changes (e.g. "Reset filters" or a restored session), with
its own signals blocked so that the update does not echo back.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.model.dates import from_epoch_seconds
from timeline_app.ui.shown_text import shown, tooltip

KEY_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1
HINT_ROLE = QtCore.Qt.ItemDataRole.UserRole + 2
SEARCH_DELAY_MS = 250
LIST_FILTER_THRESHOLD = 12  # show a box to filter the company list above this many


def isolate(name: str) -> str:
    """A right-to-left name inside an isolate, so "(3)" after it stays on the right."""
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in name):
        return f"\u2068{name}\u2069"
    return name


def _is_checked(value: object) -> bool:
    """Check state data may come back as the enum or as its int value."""
    checked = QtCore.Qt.CheckState.Checked
    return value == checked or value == checked.value


@dataclass(frozen=True, slots=True)
class Entry:
    key: int
    text: str
    icon: QtGui.QIcon
    hint: str = ""
    tooltip: str = ""


class _CheckDelegate(QtWidgets.QStyledItemDelegate):
    """A click anywhere on a row ticks it (not just on the tiny box), and a grey hint
    (e.g. the marker shape's name) is drawn at the right."""

    def editorEvent(self, event, model, option, index):  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QtCore.QEvent.Type.MouseButtonRelease, QtCore.QEvent.Type.MouseButtonPress):
            if event.button() != QtCore.Qt.MouseButton.LeftButton:
                return False
            if not option.rect.contains(event.position().toPoint()):
                return False
            flags = index.flags()
            if not (
                flags & QtCore.Qt.ItemFlag.ItemIsUserCheckable
                and flags & QtCore.Qt.ItemFlag.ItemIsEnabled
            ):
                return False
            if kind == QtCore.QEvent.Type.MouseButtonPress:
                return False  # let the view make the row current; toggle on release
            checked = _is_checked(index.data(QtCore.Qt.ItemDataRole.CheckStateRole))
            new = QtCore.Qt.CheckState.Unchecked if checked else QtCore.Qt.CheckState.Checked
            return model.setData(index, new, QtCore.Qt.ItemDataRole.CheckStateRole)
        if kind == QtCore.QEvent.Type.MouseButtonDblClick:
            return True
        return super().editorEvent(event, model, option, index)

    def paint(self, painter, option, index):
        hint = index.data(HINT_ROLE)
        if not hint:
            super().paint(painter, option, index)
            return
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(hint) + 10
        text = index.data(QtCore.Qt.ItemDataRole.DisplayRole) or ""
        if metrics.horizontalAdvance(text) + 56 + width > option.rect.width():
            super().paint(painter, option, index)  # the name matters more than the hint
            return
        opt = QtWidgets.QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = option.widget
        style = widget.style() if widget else QtWidgets.QApplication.style()
        style.drawPrimitive(
            QtWidgets.QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget
        )
        narrow = QtWidgets.QStyleOptionViewItem(option)
        narrow.rect = option.rect.adjusted(0, 0, -width, 0)
        super().paint(painter, narrow, index)
        painter.save()
        selected = option.state & QtWidgets.QStyle.StateFlag.State_Selected
        role = (
            QtGui.QPalette.ColorRole.HighlightedText
            if selected
            else QtGui.QPalette.ColorRole.PlaceholderText
        )
        painter.setPen(option.palette.color(role))
        hint_rect = QtCore.QRect(option.rect)
        hint_rect.setLeft(option.rect.right() - width)
        hint_rect.setRight(option.rect.right() - 6)
        painter.drawText(
            hint_rect,
            int(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter),
            hint,
        )
        painter.restore()

    def sizeHint(self, option, index):  # noqa: N802 - Qt override
        size = super().sizeHint(option, index)
        hint = index.data(HINT_ROLE)
        if hint:
            size.setWidth(size.width() + option.fontMetrics.horizontalAdvance(hint) + 16)
        return size


class CheckList(QtWidgets.QWidget):
    """A titled list of entries with check boxes, "All"/"None", and (for long lists) a box
    that narrows the list. `changed` is emitted once per user action."""

    changed = QtCore.Signal()

    def __init__(
        self,
        title: str,
        filter_placeholder: str = "Filter the list…",
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"checkList{title}")
        self._bulk = False
        self.model = QtGui.QStandardItemModel(self)
        self.proxy = QtCore.QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(QtCore.Qt.CaseSensitivity.CaseInsensitive)
        self.model.itemChanged.connect(self._item_changed)

        self.title = QtWidgets.QLabel(title)
        self.title.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        _heading(self.title)
        self.all_button = QtWidgets.QToolButton()
        self.all_button.setText("All")
        self.all_button.setToolTip(f"Tick every {title.lower()} entry shown in the list")
        self.none_button = QtWidgets.QToolButton()
        self.none_button.setText("None")
        self.none_button.setToolTip(f"Untick every {title.lower()} entry shown in the list")
        for button in (self.all_button, self.none_button):
            button.setAutoRaise(True)
            button.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
        self.all_button.clicked.connect(lambda: self._set_shown(True))
        self.none_button.clicked.connect(lambda: self._set_shown(False))

        self.filter_edit = QtWidgets.QLineEdit()
        self.filter_edit.setPlaceholderText(filter_placeholder)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.filter_edit.setVisible(False)

        self.view = QtWidgets.QListView()
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(_CheckDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setIconSize(QtCore.QSize(14, 14))
        self.view.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
        self.view.setAlternatingRowColors(False)

        header = QtWidgets.QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.all_button)
        header.addWidget(self.none_button)
        self.title.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Fixed
        )
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        # A short list keeps its height; the panel's spare room goes below the filters.
        layout.setSizeConstraint(QtWidgets.QLayout.SizeConstraint.SetMinAndMaxSize)
        layout.addLayout(header)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view, 1)

    # ----- content
    def set_entries(self, entries: list[Entry], filter_threshold: int | None = None) -> None:
        self._bulk = True
        try:
            self.model.clear()
            for entry in entries:
                item = QtGui.QStandardItem(entry.icon, entry.text)
                item.setData(entry.key, KEY_ROLE)
                if entry.hint:
                    item.setData(entry.hint, HINT_ROLE)
                if entry.tooltip:
                    item.setToolTip(entry.tooltip)
                item.setFlags(
                    QtCore.Qt.ItemFlag.ItemIsEnabled
                    | QtCore.Qt.ItemFlag.ItemIsSelectable
                    | QtCore.Qt.ItemFlag.ItemIsUserCheckable
                )
                item.setCheckState(QtCore.Qt.CheckState.Checked)
                self.model.appendRow(item)
        finally:
            self._bulk = False
        threshold = LIST_FILTER_THRESHOLD if filter_threshold is None else filter_threshold
        many = len(entries) > threshold
        self.filter_edit.setVisible(many)
        if not many:
            self.filter_edit.clear()

    def keys(self) -> list[int]:
        return [self.model.item(row).data(KEY_ROLE) for row in range(self.model.rowCount())]

    def checked_keys(self) -> set[int]:
        return {
            self.model.item(row).data(KEY_ROLE)
            for row in range(self.model.rowCount())
            if self.model.item(row).checkState() == QtCore.Qt.CheckState.Checked
        }

    def set_checked(self, keys: set[int] | frozenset[int] | None) -> None:
        """Tick exactly `keys` (None: all) without emitting `changed`."""
        self._bulk = True
        try:
            for row in range(self.model.rowCount()):
                item = self.model.item(row)
                wanted = keys is None or item.data(KEY_ROLE) in keys
                state = QtCore.Qt.CheckState.Checked if wanted else QtCore.Qt.CheckState.Unchecked
                if item.checkState() != state:
                    item.setCheckState(state)
        finally:
            self._bulk = False

    def item_for_text(self, prefix: str) -> QtGui.QStandardItem | None:
        """The entry whose text starts with `prefix` (for tests and accessibility)."""
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item.text().startswith(prefix):
                return item
        return None

    def visual_rect(self, item: QtGui.QStandardItem) -> QtCore.QRect:
        """Where the entry is drawn, in view-port coordinates (scrolled into view first)."""
        index = self.proxy.mapFromSource(item.index())
        self.view.scrollTo(index)
        return self.view.visualRect(index)

    # ----- user actions
    def _item_changed(self, _item: QtGui.QStandardItem) -> None:
        if not self._bulk:
            self.changed.emit()

    def _set_shown(self, checked: bool) -> None:
        state = QtCore.Qt.CheckState.Checked if checked else QtCore.Qt.CheckState.Unchecked
        self._bulk = True
        try:
            for row in range(self.proxy.rowCount()):
                source = self.proxy.mapToSource(self.proxy.index(row, 0))
                item = self.model.itemFromIndex(source)
                if item.checkState() != state:
                    item.setCheckState(state)
        finally:
            self._bulk = False
        self.changed.emit()


def _heading(label: QtWidgets.QLabel) -> None:
    font = label.font()
    font.setBold(True)
    label.setFont(font)


def _iso(date: QtCore.QDate) -> str:
    return date.toString("yyyy-MM-dd")


class FilterPanel(QtWidgets.QWidget):
    def __init__(self, controller, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterPanel")
        self.controller = controller

        self.search = QtWidgets.QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText("Search titles, summaries, quotes…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            "Shows events whose title, summary or quoted source words contain every word "
            "you type (word beginnings match: “recog” finds “recognition”)."
        )
        self._search_timer = QtCore.QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textEdited.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_search)

        self.companies = CheckList("Companies", "Filter companies…")
        self.companies.changed.connect(self._companies_changed)
        self.categories = CheckList("Categories", "Filter categories…")
        self.categories.changed.connect(self._categories_changed)

        self.from_check = QtWidgets.QCheckBox("From")
        self.to_check = QtWidgets.QCheckBox("To")
        self.from_edit = QtWidgets.QDateEdit()
        self.to_edit = QtWidgets.QDateEdit()
        for check, edit, tip in (
            (self.from_check, self.from_edit, "Only events still going on at or after this day"),
            (self.to_check, self.to_edit, "Only events that began on or before this day"),
        ):
            check.setToolTip(tip + " (untick for any date)")
            edit.setToolTip(tip)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setEnabled(False)
            edit.setSpecialValueText("")
            check.toggled.connect(self._dates_changed)
            check.toggled.connect(edit.setEnabled)
            edit.dateChanged.connect(self._dates_changed)
        self.date_warning = QtWidgets.QLabel()
        self.date_warning.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.date_warning.setWordWrap(True)
        self.date_warning.setStyleSheet("color: #B3261E;")
        self.date_warning.setVisible(False)

        self.reset_button = QtWidgets.QPushButton("Reset filters")
        self.reset_button.setObjectName("resetFilters")
        self.reset_button.setToolTip("Show every event again (Ctrl+R)")
        self.reset_button.clicked.connect(self.controller.reset_filters)

        search_title = QtWidgets.QLabel("Search")
        _heading(search_title)
        dates_title = QtWidgets.QLabel("Dates")
        _heading(dates_title)
        dates = QtWidgets.QGridLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.setHorizontalSpacing(8)
        dates.addWidget(self.from_check, 0, 0)
        dates.addWidget(self.from_edit, 0, 1)
        dates.addWidget(self.to_check, 1, 0)
        dates.addWidget(self.to_edit, 1, 1)
        dates.setColumnStretch(1, 1)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 6, 10)
        layout.setSpacing(6)
        layout.addWidget(search_title)
        layout.addWidget(self.search)
        layout.addSpacing(8)
        layout.addWidget(self.companies, 100)
        layout.addSpacing(8)
        layout.addWidget(self.categories, 0)
        layout.addSpacing(8)
        layout.addWidget(dates_title)
        layout.addLayout(dates)
        layout.addWidget(self.date_warning)
        layout.addStretch(1)  # takes what a short company list leaves
        layout.addSpacing(8)
        layout.addWidget(self.reset_button)
        self.setMinimumWidth(220)

        controller.datasetChanged.connect(self.rebuild)
        controller.filtersChanged.connect(self.sync_from_controller)
        self.rebuild()

    # ----- from the controller
    def rebuild(self) -> None:
        """New file: new company and category lists, date edits spanning its events."""
        controller = self.controller
        colours = controller.colours  # chosen ones, else the palette's
        self.companies.set_entries(
            [
                Entry(
                    key=c.id,
                    text=f"{isolate(shown(c.name))} ({c.event_count:,})",
                    icon=colours.company_icon(c.id),
                    tooltip=tooltip(f"{c.name}: {c.kind}, {c.event_count:,} event(s)"),
                )
                for c in controller.companies
            ]
        )
        counts = self._category_counts()
        entries = []
        for cid, name in controller.categories:
            shape_name = colours.shape(cid).name
            entries.append(
                Entry(
                    key=cid,
                    text=f"{isolate(shown(name))} ({counts.get(cid, 0):,})",
                    icon=colours.category_icon(cid),
                    hint=shape_name,
                    tooltip=tooltip(f"{name}: drawn as a {shape_name} on the timeline"),
                )
            )
        self.categories.set_entries(entries, filter_threshold=20)
        self._fit_lists()
        bounds = controller.time_bounds()
        with QtCore.QSignalBlocker(self.from_edit), QtCore.QSignalBlocker(self.to_edit):
            if bounds:
                first = from_epoch_seconds(bounds[0])
                last = from_epoch_seconds(bounds[1] - 1)
                self.from_edit.setDate(QtCore.QDate(first.year, first.month, first.day))
                self.to_edit.setDate(QtCore.QDate(last.year, last.month, last.day))
            else:
                today = QtCore.QDate.currentDate()
                self.from_edit.setDate(today)
                self.to_edit.setDate(today)
        self.sync_from_controller()

    def _category_counts(self) -> dict[int, int]:
        index = self.controller.lane_index
        if index is None or not index.size:
            return {}
        ids, counts = np.unique(index.category, return_counts=True)
        return {int(i): int(n) for i, n in zip(ids, counts, strict=True)}

    def _fit_lists(self) -> None:
        """Short lists are as tall as their entries; long ones scroll."""
        for check_list, most in ((self.companies, 40), (self.categories, 10)):
            view = check_list.view
            count = check_list.model.rowCount()
            row_height = max(view.sizeHintForRow(0), 18)
            frame = view.frameWidth() * 2 + 2
            if count <= most:
                view.setMaximumHeight(max(count, 1) * row_height + frame)
            else:
                view.setMaximumHeight(16_777_215)
            view.setMinimumHeight(min(max(count, 1), 4) * row_height + frame)

    def sync_from_controller(self) -> None:
        state = self.controller.state
        with QtCore.QSignalBlocker(self.companies), QtCore.QSignalBlocker(self.categories):
            self.companies.set_checked(state.companies)
            self.categories.set_checked(state.categories)
        if self.search.text() != state.text and not self._search_timer.isActive():
            with QtCore.QSignalBlocker(self.search):
                self.search.setText(state.text)
        blockers = [
            QtCore.QSignalBlocker(widget)
            for widget in (self.from_check, self.to_check, self.from_edit, self.to_edit)
        ]
        try:
            for check, edit, value in (
                (self.from_check, self.from_edit, state.date_from),
                (self.to_check, self.to_edit, state.date_to),
            ):
                check.setChecked(value is not None)
                edit.setEnabled(value is not None)
                if value:
                    date = QtCore.QDate.fromString(value, "yyyy-MM-dd")
                    if date.isValid():
                        edit.setDate(date)
        finally:
            for blocker in blockers:
                blocker.unblock()
        self._update_date_warning()

    # ----- from the user
    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.controller.set_text(self.search.text())

    def flush_search(self) -> None:
        """Apply typed text now rather than after the pause (e.g. before closing)."""
        if self._search_timer.isActive():
            self._apply_search()

    def _companies_changed(self) -> None:
        self.controller.set_companies(self.companies.checked_keys())

    def _categories_changed(self) -> None:
        self.controller.set_categories(self.categories.checked_keys())

    def _dates_changed(self, *_args: object) -> None:
        date_from = _iso(self.from_edit.date()) if self.from_check.isChecked() else None
        date_to = _iso(self.to_edit.date()) if self.to_check.isChecked() else None
        self.controller.set_dates(date_from, date_to)
        self._update_date_warning()

    def _update_date_warning(self) -> None:
        state = self.controller.state
        wrong = bool(state.date_from and state.date_to and state.date_from > state.date_to)
        self.date_warning.setText(
            "“From” is after “To”: only events spanning both days can match." if wrong else ""
        )
        self.date_warning.setVisible(wrong)
