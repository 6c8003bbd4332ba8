"""A list of names to tick, with a box to filter it when long: the filter panel's
companies and categories. Each entry keeps its key (a row id) and an optional hint."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.ui.theme import focus_colour, readable_muted

KEY_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1
HINT_ROLE = QtCore.Qt.ItemDataRole.UserRole + 2
LIST_FILTER_THRESHOLD = 12  # show a box to filter the company list above this many


@lru_cache(maxsize=8192)
def isolate(name: str) -> str:
    """A right-to-left name inside an isolate, so "(3)" after it stays on the right.
    (Remembered: every filter change relabels up to hundreds of companies.)"""
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in name):
        return f"\u2068{name}\u2069"
    return name


def _is_checked(value: object) -> bool:
    """Check state data may come back as the enum or as its int value."""
    checked = QtCore.Qt.CheckState.Checked
    return value == checked or value == checked.value


_UNKNOWN = object()  # ticks not known (a person or a rebuild changed them)


def heading(label: QtWidgets.QLabel) -> None:
    font = label.font()
    font.setBold(True)
    label.setFont(font)


def hint_colour(option: QtWidgets.QStyleOptionViewItem) -> QtGui.QColor:
    """A hint's colour: quieter than the name, yet readable on a selected row and on any
    palette (a dark desktop's placeholder grey is not)."""
    if option.state & QtWidgets.QStyle.StateFlag.State_Selected:
        return option.palette.color(QtGui.QPalette.ColorRole.HighlightedText)
    return readable_muted(option.palette)


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
        focused = option.state & QtWidgets.QStyle.StateFlag.State_HasFocus
        plain = QtWidgets.QStyleOptionViewItem(option)
        plain.state &= ~QtWidgets.QStyle.StateFlag.State_HasFocus  # ours replaces the style's
        self._paint_entry(painter, plain, index)
        if focused:
            # The style's dotted focus line is all but invisible: a 2 px outline in the
            # selection colour shows which entry Space would tick.
            painter.save()
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QtGui.QPen(focus_colour(option.palette), 2))
            painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            painter.drawRect(QtCore.QRectF(option.rect).adjusted(1, 1, -1, -1))
            painter.restore()

    def _paint_entry(self, painter, option, index) -> None:
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
        painter.setPen(hint_colour(option))
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
        # What set_checked last ticked, while no tick changed since (a step of ours
        # re-syncs the lists with the same filter: 500 items need not be visited again).
        self._ticked: object = _UNKNOWN
        # Each entry's key -> its row and the text it shows, so that relabelling hundreds
        # of entries after a filter change asks Qt nothing for those that stay the same.
        self._rows: dict[int, tuple[int, str]] = {}
        # Each entry's key -> is it ticked, kept by every change of an item (itemChanged),
        # so reading or setting the ticks of hundreds of entries asks Qt only for changes.
        self._checked: dict[int, bool] = {}
        self._relabelling = False
        self.model = QtGui.QStandardItemModel(self)
        self.proxy = QtCore.QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(QtCore.Qt.CaseSensitivity.CaseInsensitive)
        self.model.itemChanged.connect(self._item_changed)

        self.title = QtWidgets.QLabel(title)
        self.title.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        heading(self.title)
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
        self._ticked = _UNKNOWN
        self._bulk = True
        try:
            self.model.clear()
            self._rows = {}
            self._checked = {}
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
                self._rows[entry.key] = (self.model.rowCount(), entry.text)
                self._checked[entry.key] = True
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
        return {key for key, checked in self._checked.items() if checked}

    def set_checked(self, keys: set[int] | frozenset[int] | None) -> None:
        """Tick exactly `keys` (None: all) without emitting `changed`."""
        if keys == self._ticked:
            return
        self._bulk = True
        try:
            for key, checked in list(self._checked.items()):
                wanted = keys is None or key in keys
                if wanted != checked:
                    states = QtCore.Qt.CheckState
                    state = states.Checked if wanted else states.Unchecked
                    self.model.item(self._rows[key][0]).setCheckState(state)
        finally:
            self._bulk = False
        self._ticked = keys

    def set_texts(self, texts: dict[int, str]) -> None:
        """New texts for entries by key (counts that follow the filter), without emitting
        `changed` or touching the ticks. The list hears of them in one change, not one per
        entry (a company filter relabels every company)."""
        changed = []
        for key, text in texts.items():
            known = self._rows.get(key)
            if known is not None and known[1] != text:
                changed.append((known[0], key, text))
        if not changed:
            return
        ticked, self._bulk, self._relabelling = self._ticked, True, True
        try:
            with QtCore.QSignalBlocker(self.model):
                for row, key, text in changed:
                    self.model.item(row).setText(text)
                    self._rows[key] = (row, text)
            first = min(row for row, _key, _text in changed)
            last = max(row for row, _key, _text in changed)
            # (The model turns this into an itemChanged per entry: texts, not ticks.)
            self.model.dataChanged.emit(self.model.index(first, 0), self.model.index(last, 0))
        finally:
            self._bulk, self._ticked, self._relabelling = False, ticked, False

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
    def _item_changed(self, item: QtGui.QStandardItem) -> None:
        if self._relabelling:
            return
        key = item.data(KEY_ROLE)
        if key in self._checked:
            self._checked[key] = item.checkState() == QtCore.Qt.CheckState.Checked
        self._ticked = _UNKNOWN
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
