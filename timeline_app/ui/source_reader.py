"""The source reader: a list of the file's sources and one source's full text, every quote
taken from it highlighted in its event's company colour. Clicking a highlight selects that
event; selecting an event elsewhere scrolls here to its quote. Selected words become a new
event, or a further quote of the selected event, from the context menu or the keyboard.

The text shown is exactly the stored text (quotes are offsets into it), put into a plain
text view: nothing in it is ever interpreted as markup.
"""

from __future__ import annotations

import bisect

from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.model.dates import format_published
from timeline_app.model.journal import Touched
from timeline_app.model.sources import QuoteSpan, SourceEntry
from timeline_app.model.text_rules import visible, visible_in_place
from timeline_app.model.types import Source
from timeline_app.ui import palette

NEW_EVENT_KEYS = "Ctrl+Shift+N"
ADD_QUOTE_KEYS = "Ctrl+Shift+A"
SELECTED_OUTLINE = QtGui.QColor("#D7263D")
EMPTY = "No sources yet. Use File › Add source… to add an article to build events from."


class SourceText(QtWidgets.QPlainTextEdit):
    """The text itself: read-only, selectable by mouse and keyboard, highlights drawn as
    extra selections (the text stays exactly as stored)."""

    quoteClicked = QtCore.Signal(int)  # position in the text clicked without selecting

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceText")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            QtCore.Qt.TextInteractionFlag.TextSelectableByMouse
            | QtCore.Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.document().setDocumentMargin(12)
        self._pressed_at: QtCore.QPoint | None = None

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802
        self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        start = self._pressed_at
        self._pressed_at = None
        if start is None or event.button() != QtCore.Qt.MouseButton.LeftButton:
            return
        moved = (event.position().toPoint() - start).manhattanLength()
        if (
            moved <= QtWidgets.QApplication.startDragDistance()
            and not self.textCursor().hasSelection()
        ):
            self.quoteClicked.emit(self.cursorForPosition(event.position().toPoint()).position())


class SourceReader(QtWidgets.QWidget):
    """Shows the controller's sources; asks the window (signals) to make events from words."""

    newEventRequested = QtCore.Signal(int, int, int)  # source id, start, end
    addQuoteRequested = QtCore.Signal(int, int, int)
    editSourceRequested = QtCore.Signal(int)
    deleteSourceRequested = QtCore.Signal(int)
    proposeRequested = QtCore.Signal(int)  # source id: propose its events

    def __init__(self, controller, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceReader")
        self.controller = controller
        self.source: Source | None = None
        self.quotes: list[QuoteSpan] = []
        self._entries: list[SourceEntry] = []
        self._shown_text = ""  # the text in the view, for the offsets
        self._wide: list[int] = []  # offsets of characters Qt counts twice

        self.list = QtWidgets.QTreeWidget()
        self.list.setObjectName("sourceList")
        self.list.setHeaderLabels(["Source — publisher", "Date", "Events"])
        self.list.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setAllColumnsShowFocus(True)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        self.list.currentItemChanged.connect(self._source_chosen)
        self.list.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._list_menu)
        self.list.itemActivated.connect(lambda item: self.editSourceRequested.emit(self._id(item)))

        self.heading = QtWidgets.QLabel()
        self.heading.setObjectName("sourceHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.heading.setContentsMargins(8, 4, 8, 0)
        self.text = SourceText()
        self.text.quoteClicked.connect(self._clicked_at)
        self.text.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._text_menu)
        self.text.selectionChanged.connect(self._update_actions)

        self.new_event_action = self._text_action(
            "&New event from selection…", NEW_EVENT_KEYS, self._new_event
        )
        self.add_quote_action = self._text_action(
            "&Add selection as quote to the selected event", ADD_QUOTE_KEYS, self._add_quote
        )
        self.hint = QtWidgets.QLabel(
            f"Select words, then {NEW_EVENT_KEYS} makes an event of them, or "
            f"{ADD_QUOTE_KEYS} adds them as a quote to the selected event."
        )
        self.hint.setObjectName("readerHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #57606A; padding: 2px 8px;")

        lower = QtWidgets.QWidget()
        lower_layout = QtWidgets.QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.setSpacing(2)
        lower_layout.addWidget(self.heading)
        lower_layout.addWidget(self.text, 1)
        lower_layout.addWidget(self.hint)
        splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(lower)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([120, 500])
        splitter.setChildrenCollapsible(False)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._stale = True  # the list and text wait until the reader is shown
        controller.datasetChanged.connect(self._dataset_changed)
        controller.readableAgain.connect(self._dataset_changed)
        controller.edited.connect(self._edited)
        controller.selectionChanged.connect(self._selection_changed)

    # ------------------------------------------------------------------ keeping up
    def _dataset_changed(self) -> None:
        if self.controller.following_edit:
            return  # _edited follows, knowing what changed
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _edited(self, touched: Touched) -> None:
        """After a step: the list only when sources or quotes changed (counting quotes of
        thousands of sources is the slow part), else only the highlights of the text."""
        if touched.sources or touched.excerpts_of:
            self._stale = True
        if not self.isVisible():
            return
        if self._stale:
            self.refresh()
        elif touched.events or touched.companies or touched.meta:
            self.quotes = self.controller.quotes_in(self.source.id) if self.source else []
            self._highlight()

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()
            if self.controller.selected_id is not None:
                self.show_quote_of(self.controller.selected_id)

    def _text_action(self, text: str, keys: str, slot) -> QtGui.QAction:
        action = QtGui.QAction(text, self.text)
        action.setShortcut(QtGui.QKeySequence(keys))
        action.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.text.addAction(action)
        return action

    # ------------------------------------------------------------------ the list
    @staticmethod
    def _id(item: QtWidgets.QTreeWidgetItem | None) -> int:
        return int(item.data(0, QtCore.Qt.ItemDataRole.UserRole)) if item is not None else -1

    def refresh(self) -> None:
        """Read the list and the source shown again (the file changed), keeping the place."""
        self._stale = False
        self._entries = self.controller.source_list()
        keep = self.source.id if self.source is not None else None
        self.list.blockSignals(True)
        self.list.clear()
        for entry in self._entries:
            title = visible(entry.title) or "Untitled"
            named = f"{title} — {visible(entry.publisher)}" if entry.publisher else title
            item = QtWidgets.QTreeWidgetItem(
                [named, format_published(entry.published), f"{entry.events:,}"]
            )
            item.setData(0, QtCore.Qt.ItemDataRole.UserRole, entry.id)
            item.setToolTip(0, named)
            item.setTextAlignment(2, QtCore.Qt.AlignmentFlag.AlignRight)
            self.list.addTopLevelItem(item)
        self.list.blockSignals(False)
        ids = [entry.id for entry in self._entries]
        target = keep if keep in ids else (ids[0] if ids else None)
        self.show_source(target, keep_place=target == keep)

    def _items(self) -> list[QtWidgets.QTreeWidgetItem]:
        found = (self.list.topLevelItem(row) for row in range(self.list.topLevelItemCount()))
        return [item for item in found if item is not None]

    def source_titles(self) -> list[str]:
        """The list's first column as shown: "Title — Publisher"."""
        return [item.text(0) for item in self._items()]

    def _source_chosen(self, item: QtWidgets.QTreeWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.show_source(self._id(item))

    def _list_menu(self, point: QtCore.QPoint) -> None:
        item = self.list.itemAt(point)
        if item is None:
            return
        source_id = self._id(item)
        menu = QtWidgets.QMenu(self)
        menu.addAction("&Propose events…", lambda: self.proposeRequested.emit(source_id))
        menu.addAction("&Edit details…", lambda: self.editSourceRequested.emit(source_id))
        menu.addAction("&Delete source…", lambda: self.deleteSourceRequested.emit(source_id))
        menu.exec(self.list.viewport().mapToGlobal(point))

    # ------------------------------------------------------------------ the text
    def show_source(self, source_id: int | None, *, keep_place: bool = False) -> None:
        found = self.controller.source(source_id) if source_id else None
        scroll = self.text.verticalScrollBar().value()
        self.source = found
        self.quotes = self.controller.quotes_in(found.id) if found else []
        for item in self._items():
            if found is not None and self._id(item) == found.id:
                self.list.blockSignals(True)
                self.list.setCurrentItem(item)
                self.list.blockSignals(False)
        if found is None:
            self.heading.setText("")
            self._set_text(EMPTY if not self._entries else "")
        else:
            facts = [visible(found.publisher), format_published(found.published)]
            self.heading.setText(
                f"{visible(found.title)}" + "".join(f" · {fact}" for fact in facts if fact)
            )
            if self._shown_text != found.text:
                self._set_text(found.text)
        self._highlight()
        if keep_place:
            self.text.verticalScrollBar().setValue(scroll)
        self._update_actions()

    def _set_text(self, text: str) -> None:
        self._shown_text = text
        self._wide = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]
        self.text.setPlainText(visible_in_place(text))

    def _to_qt(self, offset: int) -> int:
        """Qt counts a character beyond U+FFFF (an emoji) as two positions; Python as one."""
        offset = max(0, min(offset, len(self._shown_text)))
        return offset + bisect.bisect_left(self._wide, offset)

    def _from_qt(self, position: int) -> int:
        low, high = 0, len(self._shown_text)
        while low < high:  # the first offset whose Qt position is not before `position`
            middle = (low + high) // 2
            if self._to_qt(middle) < position:
                low = middle + 1
            else:
                high = middle
        return low

    def _cursor(self, start: int, end: int | None = None) -> QtGui.QTextCursor:
        cursor = QtGui.QTextCursor(self.text.document())
        cursor.setPosition(self._to_qt(start))
        if end is not None:
            cursor.setPosition(self._to_qt(end), QtGui.QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _highlight(self) -> None:
        """Every quote in its company's colour; the selected event's outlined."""
        selected = self.controller.selected_id
        extra = []
        for span in self.quotes:
            cursor = self._cursor(span.start, span.end)
            fmt = QtGui.QTextCharFormat()
            colour = QtGui.QColor(palette.company_colour(span.company_id))
            colour.setAlpha(255 if span.event_id == selected else 90)
            fmt.setBackground(colour)
            if span.event_id == selected:
                fmt.setForeground(
                    QtGui.QColor("#FFFFFF" if colour.lightness() < 150 else "#000000")
                )
                fmt.setUnderlineStyle(QtGui.QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(SELECTED_OUTLINE)
            fmt.setToolTip("Click to select its event")
            selection = QtWidgets.QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            extra.append(selection)
        self.text.setExtraSelections(extra)

    def _clicked_at(self, position: int) -> None:
        position = self._from_qt(position)
        under = [span for span in self.quotes if span.start <= position < span.end]
        if not under:
            return
        ids = list(dict.fromkeys(span.event_id for span in under))
        current = self.controller.selected_id
        # One quote may back several events: clicking again goes to the next of them.
        chosen = ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0]
        self.controller.select(chosen)

    def _selection_changed(self, event_id: int | None) -> None:
        if not self.isVisible():
            return  # shown later, at the selected event's quote
        if event_id is not None:
            self.show_quote_of(event_id)
        else:
            self._highlight()
        self._update_actions()

    def show_quote_of(self, event_id: int) -> None:
        """Scroll to the event's quote, in the source shown if it is there."""
        spans = self.controller.quotes_of_event(event_id)
        if not spans:
            self._highlight()
            return
        here = [s for s in spans if self.source is not None and s[0] == self.source.id]
        source_id, start, end = (here or spans)[0]
        if self.source is None or self.source.id != source_id:
            self.show_source(source_id)
        else:
            self._highlight()
        self.scroll_to(start, end)

    def scroll_to(self, start: int, end: int) -> None:
        self.text.setTextCursor(self._cursor(end))
        self.text.setTextCursor(self._cursor(start))
        self.text.centerCursor()

    def show_quote(self, source_id: int, start: int, end: int) -> None:
        """Show words of a source selected (the editor's "Show in source")."""
        if self.source is None or self.source.id != source_id:
            self.show_source(source_id)
        self.scroll_to(start, end)
        self.text.setTextCursor(self._cursor(start, end))

    # ------------------------------------------------------------------ making events
    def selection(self) -> tuple[int, int] | None:
        cursor = self.text.textCursor()
        if self.source is None or not cursor.hasSelection():
            return None
        start, end = (self._from_qt(p) for p in (cursor.selectionStart(), cursor.selectionEnd()))
        if not self._shown_text[start:end].strip():
            return None
        return start, end

    def _update_actions(self) -> None:
        has = self.selection() is not None
        self.new_event_action.setEnabled(has)
        self.add_quote_action.setEnabled(has and self.controller.selected_id is not None)

    def _new_event(self) -> None:
        chosen = self.selection()
        if chosen is not None and self.source is not None:
            self.newEventRequested.emit(self.source.id, *chosen)

    def _add_quote(self) -> None:
        chosen = self.selection()
        if chosen is not None and self.source is not None:
            self.addQuoteRequested.emit(self.source.id, *chosen)

    def _text_menu(self, point: QtCore.QPoint) -> None:
        menu = self.text.createStandardContextMenu(point)
        menu.addSeparator()
        menu.addAction(self.new_event_action)
        menu.addAction(self.add_quote_action)
        self._update_actions()
        menu.exec(self.text.viewport().mapToGlobal(point))
        menu.deleteLater()
