"""Review of the events proposed from a source: one row per candidate, every cell editable,
a tick to accept it, and below the table the sentence it comes from with the dating words
and the actor highlighted, so each guess can be checked against the words. "Add accepted"
hands the accepted rows, as the editor's fields, to the window, which writes them as one
undoable step. Rows the timeline already holds are shown as such and unticked."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from datetime import date

from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.ingest.proposals import Candidate
from timeline_app.ingest.review import fields_of, stored_twin
from timeline_app.model.dates import format_published
from timeline_app.model.edits import EventFields, FieldErrors, check_event
from timeline_app.model.sources import QuotedEvent
from timeline_app.model.text_rules import visible
from timeline_app.model.types import DatePrecision, Source

COLUMNS = ("Add", "Actor", "Start", "End", "Precision", "c.", "Title", "Category", "Quote")
ADD, ACTOR, START, END, PRECISION, APPROX, TITLE, CATEGORY, QUOTE = range(len(COLUMNS))
HEADER_TIPS = {
    ADD: "Ticked rows are added; Space ticks or unticks the current row",
    PRECISION: "What the date is known to: a day, a month or a year",
    APPROX: "Approximate: the date is shown with “c.” (about)",
    QUOTE: "The sentence that states the event: dating words in yellow, the actor in blue",
}
FIELD_COLUMNS = {"company": ACTOR, "start": START, "end": END, "title": TITLE,
                 "category": CATEGORY, "precision": PRECISION}  # fmt: skip
# How a refusal names its column ("company" is the "Actor" column here).
FIELD_NAMES = {"company": "actor", "company_kind": "actor's kind"}
SHOWN_PROBLEMS = 8  # rows listed in the "Cannot add yet" message; the rest are counted
BAD_CELL = QtGui.QColor(220, 53, 69, 90)  # a red that light and dark themes both show
CHECKED, UNCHECKED = QtCore.Qt.CheckState.Checked, QtCore.Qt.CheckState.Unchecked
PHRASE_COLOUR, ACTOR_COLOUR = "#ffe08a", "#cfe3ff"


class ProposalReview(QtWidgets.QDialog):
    def __init__(
        self,
        parent: QtWidgets.QWidget | None,
        *,
        source: Source,
        candidates: Sequence[Candidate],
        stored: Sequence[QuotedEvent],
        categories: Sequence[str],
        add: Callable[[list[EventFields]], int | None],
        repropose: Callable[[bool], Sequence[Candidate] | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("proposalReview")
        self.setWindowTitle(f"Proposed events — {visible(source.title) or 'Untitled'}")
        self.source = source
        self.added: int | None = None
        self._add = add
        self._stored = list(stored)
        self._categories = list(categories)
        self._repropose = repropose
        self.candidates: list[Candidate] = []
        self.twins: list[QuotedEvent | None] = []
        self.problems: dict[int, dict[str, str]] = {}  # row: {field: why it cannot be stored}
        self._warning_icon = self.style().standardIcon(
            QtWidgets.QStyle.StandardPixmap.SP_MessageBoxWarning
        )

        self.summary = QtWidgets.QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.joint = QtWidgets.QCheckBox(
            "One event for &each of two actors named as acting together (“A and B signed …”)"
        )
        self.joint.setVisible(repropose is not None)
        self.joint.toggled.connect(self._joint_toggled)

        self.table = QtWidgets.QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("proposalTable")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        for column, tip in HEADER_TIPS.items():
            header_item = self.table.horizontalHeaderItem(column)
            if header_item is not None:
                header_item.setToolTip(tip)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(QUOTE, QuoteDelegate(self))
        header = self.table.horizontalHeader()
        for column in (ADD, START, END, PRECISION, APPROX):
            header.setSectionResizeMode(column, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(QUOTE, QtWidgets.QHeaderView.ResizeMode.Stretch)
        for column, width in ((ACTOR, 170), (TITLE, 300), (CATEGORY, 130)):
            self.table.setColumnWidth(column, width)
        self.table.itemChanged.connect(self._changed)
        self.table.currentCellChanged.connect(lambda row, *_: self._preview(row))
        self.table.installEventFilter(self)

        self.preview = QtWidgets.QTextBrowser()
        self.preview.setObjectName("proposalPreview")
        self.preview.setOpenLinks(False)
        self.preview.setMinimumHeight(110)

        self.all_button = QtWidgets.QPushButton("Tick &all")
        self.none_button = QtWidgets.QPushButton("Tick &none")
        self.all_button.clicked.connect(lambda: self._tick_all(CHECKED))
        self.none_button.clicked.connect(lambda: self._tick_all(UNCHECKED))
        self.buttons = QtWidgets.QDialogButtonBox()
        self.add_button = self.buttons.addButton(
            "Add accepted", QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.add_button.setToolTip("Add the ticked rows (Ctrl+Enter)")
        add_keys = QtGui.QAction(self)  # from any cell, not only with the button focused
        add_keys.setShortcuts([QtGui.QKeySequence("Ctrl+Return"), QtGui.QKeySequence("Ctrl+Enter")])
        add_keys.triggered.connect(self.add_button.click)
        self.addAction(add_keys)
        self.buttons.addButton(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.add_accepted)
        self.buttons.rejected.connect(self.reject)

        row_of_buttons = QtWidgets.QHBoxLayout()
        row_of_buttons.addWidget(self.all_button)
        row_of_buttons.addWidget(self.none_button)
        row_of_buttons.addStretch(1)
        row_of_buttons.addWidget(self.buttons)
        hint = QtWidgets.QLabel(
            "Every cell can be changed (double-click, or F2). Space ticks or unticks a row; "
            "Ctrl+Enter adds the ticked ones. "
            "Highlighted below: the dating words (yellow) and the actor (blue)."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.joint)
        layout.addWidget(splitter, 1)
        layout.addWidget(hint)
        layout.addLayout(row_of_buttons)
        self.resize(1180, 640)
        self._load(candidates)
        self.table.setFocus()

    def _load(self, candidates: Sequence[Candidate]) -> None:
        """Fill the table with these candidates, what is stored already unticked."""
        self.candidates = list(candidates)
        self.twins = [stored_twin(c, self._stored) for c in self.candidates]
        stored_count = sum(twin is not None for twin in self.twins)
        summary = (
            f"{len(self.candidates)} event(s) proposed from “{visible(self.source.title)}”, "
            "dates counted from its publication date, "
            f"{format_published(self.source.published)}."
        )
        if stored_count:
            summary += f" {stored_count} are already in the timeline and are not ticked."
        if not self.candidates:
            summary = (
                "No sentence of this source names an actor together with a date, so nothing "
                "is proposed. Select words in the reader to make an event by hand."
            )
        self.summary.setText(summary)
        with QtCore.QSignalBlocker(self.table):
            self.table.setRowCount(0)
            self.table.setRowCount(len(self.candidates))
            for row, candidate in enumerate(self.candidates):
                self._fill(row, candidate, self._categories)
        self.problems = {}
        for row in range(len(self.candidates)):
            self._check_row(row, recount=False)  # (counted once below: a report has thousands)
        self._count()
        if self.candidates:
            self.table.setCurrentCell(0, TITLE)
        self._preview(self.table.currentRow())

    def _joint_toggled(self, joint: bool) -> None:
        if self._repropose is None:
            return
        candidates = self._repropose(joint)
        if candidates is None:  # cancelled: the rows stay, and so does the box's tick
            with QtCore.QSignalBlocker(self.joint):
                self.joint.setChecked(not joint)
            return
        self._load(candidates)

    # ------------------------------------------------------------------ the rows
    def _fill(self, row: int, candidate: Candidate, categories: Sequence[str]) -> None:
        twin = self.twins[row]
        tick = QtWidgets.QTableWidgetItem("stored" if twin else "")
        tick.setFlags(
            QtCore.Qt.ItemFlag.ItemIsEnabled
            | QtCore.Qt.ItemFlag.ItemIsSelectable
            | QtCore.Qt.ItemFlag.ItemIsUserCheckable
        )
        tick.setCheckState(UNCHECKED if twin else CHECKED)
        if twin:
            tick.setToolTip(f"Already in the timeline (event {twin.event_id}) with this quote")
        self.table.setItem(row, ADD, tick)
        for column, value in (
            (ACTOR, candidate.actor),
            (START, candidate.start),
            (END, candidate.end or ""),
            (TITLE, candidate.title),
        ):
            self.table.setItem(row, column, QtWidgets.QTableWidgetItem(value))
        precision = QtWidgets.QComboBox()
        precision.addItems([p.value for p in DatePrecision])
        precision.setCurrentText(candidate.precision.value)
        self.table.setCellWidget(row, PRECISION, precision)
        precision.currentTextChanged.connect(lambda _text, r=row: self._check_row(r))
        approximate = QtWidgets.QTableWidgetItem("")
        approximate.setFlags(tick.flags())
        approximate.setCheckState(CHECKED if candidate.approximate else UNCHECKED)
        approximate.setToolTip("Approximate: shown as “c.” before the date")
        self.table.setItem(row, APPROX, approximate)
        category = QtWidgets.QComboBox()
        category.setEditable(True)
        category.addItems(list(dict.fromkeys([*categories, candidate.category])))
        category.setCurrentText(candidate.category)
        self.table.setCellWidget(row, CATEGORY, category)
        category.currentTextChanged.connect(lambda _text, r=row: self._check_row(r))
        quote = QtWidgets.QTableWidgetItem(" ".join(candidate.excerpt.split()))
        quote.setFlags(QtCore.Qt.ItemFlag.ItemIsEnabled | QtCore.Qt.ItemFlag.ItemIsSelectable)
        quote.setToolTip(candidate.excerpt)
        self.table.setItem(row, QUOTE, quote)
        if twin:
            for column in range(len(COLUMNS)):
                item = self.table.item(row, column)
                if item is not None:
                    item.setForeground(
                        self.palette().brush(QtGui.QPalette.ColorRole.PlaceholderText)
                    )

    def cell(self, row: int, column: int) -> QtWidgets.QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None  # every cell of every row is filled by _fill
        return item

    def accepted_rows(self) -> list[int]:
        rows = range(self.table.rowCount())
        return [row for row in rows if self.cell(row, ADD).checkState() == CHECKED]

    def fields_at(self, row: int) -> EventFields:
        """The row as the person left it."""
        base = fields_of(self.candidates[row], self.source.id)
        precision = self.table.cellWidget(row, PRECISION)
        category = self.table.cellWidget(row, CATEGORY)
        assert isinstance(precision, QtWidgets.QComboBox) and isinstance(
            category, QtWidgets.QComboBox
        )
        end = self.cell(row, END).text().strip()
        return EventFields(
            company=self.cell(row, ACTOR).text(),
            title=self.cell(row, TITLE).text(),
            start=self.cell(row, START).text().strip(),
            precision=DatePrecision(precision.currentText()),
            category=category.currentText(),
            end=end or None,
            approximate=self.cell(row, APPROX).checkState() == CHECKED,
            company_kind=base.company_kind,
            quotes=base.quotes,
        )

    def _tick_all(self, state: QtCore.Qt.CheckState) -> None:
        for row in range(self.table.rowCount()):
            self.cell(row, ADD).setCheckState(state)

    def _changed(self, item: QtWidgets.QTableWidgetItem) -> None:
        if item.column() == ADD:
            self._count()
        else:
            self._check_row(item.row())  # (which counts too)

    def _check_row(self, row: int, recount: bool = True) -> None:
        """Marks, as the person types, the cells of a row that could not be stored as they
        stand, each with its reason as the tooltip, rather than only when Add is pressed."""
        if not 0 <= row < len(self.candidates) or self.table.cellWidget(row, CATEGORY) is None:
            return  # (the row is still being filled)
        try:
            check_event(self.fields_at(row))
            errors: dict[str, str] = {}
        except FieldErrors as exc:
            errors = dict(exc.errors)
        self.problems[row] = errors
        warning = self._warning_icon
        blocked = self.table.blockSignals(True)  # (a cell's colour is no edit of it)
        try:
            for name, column in FIELD_COLUMNS.items():
                why = errors.get(name, "")
                item = self.table.item(row, column)
                if item is not None:  # (the icon shows in a selected row too)
                    item.setBackground(BAD_CELL if why else QtGui.QBrush())
                    item.setIcon(warning if why else QtGui.QIcon())
                    item.setToolTip(why)
                widget = self.table.cellWidget(row, column)
                if widget is not None:
                    widget.setStyleSheet(f"background: {BAD_CELL.name()};" if why else "")
                    widget.setToolTip(why)
        finally:
            self.table.blockSignals(blocked)
        if recount:
            self._count()
        if row == self.table.currentRow():
            self._preview(row)

    def _to_correct(self, accepted: list[int] | None = None) -> list[int]:
        rows = self.accepted_rows() if accepted is None else accepted
        return [row for row in rows if self.problems.get(row)]

    def _count(self, *_args: object) -> None:
        accepted = self.accepted_rows()
        count = len(accepted)
        wrong = len(self._to_correct(accepted))
        text = f"Add {count} accepted" if count else "Add accepted"
        self.add_button.setText(text + (f" ({wrong} to correct)" if wrong else ""))
        self.add_button.setEnabled(count > 0)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        """Space ticks the current row, whichever cell has the focus."""
        if (
            watched is self.table
            and event.type() == QtCore.QEvent.Type.KeyPress
            and isinstance(event, QtGui.QKeyEvent)
            and event.key() == QtCore.Qt.Key.Key_Space
            and self.table.state() != QtWidgets.QAbstractItemView.State.EditingState
        ):
            row = self.table.currentRow()
            if row >= 0:
                item = self.cell(row, ADD)
                item.setCheckState(UNCHECKED if item.checkState() == CHECKED else CHECKED)
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ the preview
    def _preview(self, row: int) -> None:
        if not 0 <= row < len(self.candidates):
            self.preview.clear()
            return
        candidate = self.candidates[row]
        pieces = [highlighted(self.source.text, candidate)]
        published = _published(self.source.published)
        if candidate.continued:
            why = ("No dating words of its own: it goes on with the sentence before, so it takes "
                   "that date, marked approximate.")  # fmt: skip
        else:
            why = (f"Date from “{html.escape(candidate.date_phrase)}”, counted from the "
                   f"publication date ({published}).")  # fmt: skip
        twin = self.twins[row]
        stored = f"<p><b>Already in the timeline</b> (event {twin.event_id}).</p>" if twin else ""
        if self.problems.get(row):
            reasons = html.escape(self._problem_line(row).split("): ", 1)[1])
            stored += f"<p style='color:#b02a37'><b>To correct:</b> {reasons}</p>"
        self.preview.setHtml(
            f"<p>{''.join(pieces)}</p><p style='color:gray'>{why} Actor: "
            f"{html.escape(candidate.actor)}{' (a lane)' if candidate.actor_is_lane else ''}. "
            f"Confidence {candidate.confidence:.0%}.</p>{stored}"
        )

    # ------------------------------------------------------------------ adding
    def add_accepted(self) -> None:
        rows = self.accepted_rows()
        for row in rows:
            self._check_row(row, recount=False)  # (a cell's editor has committed by now)
        self._count()
        if wrong := self._to_correct():
            first = self.problems[wrong[0]]
            self.table.setCurrentCell(wrong[0], FIELD_COLUMNS.get(next(iter(first)), TITLE))
            lines = [self._problem_line(row) for row in wrong[:SHOWN_PROBLEMS]]
            if len(wrong) > SHOWN_PROBLEMS:
                lines.append(f"… and {len(wrong) - SHOWN_PROBLEMS} more rows")
            QtWidgets.QMessageBox.warning(
                self, "Cannot add yet",
                "\n".join(lines) + "\n\nCorrect the rows marked in red (their cells say why), "
                "or untick them. Nothing was added.",
            )  # fmt: skip
            return
        chosen = [self.fields_at(row) for row in rows]
        self.added = self._add(chosen)
        if self.added is not None:
            self.accept()

    def _problem_line(self, row: int) -> str:
        title = self.cell(row, TITLE).text().strip() or "untitled"
        reasons = "; ".join(
            f"{FIELD_NAMES.get(name, name)}: {why}" for name, why in self.problems[row].items()
        )
        return f"Row {row + 1} (“{title[:60]}”): {reasons}"


def _published(value: str) -> str:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return format_published(value) or "unknown"
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


def highlighted(text: str, candidate: Candidate, *, one_line: bool = False) -> str:
    """The candidate's sentence as HTML, its dating words and its actor highlighted."""
    start, end = candidate.excerpt_start, candidate.excerpt_end
    marks = []
    if candidate.phrase_start >= 0:
        marks.append((candidate.phrase_start, candidate.phrase_end, PHRASE_COLOUR))
    if candidate.actor_start >= 0:
        marks.append((candidate.actor_start, candidate.actor_end, ACTOR_COLOUR))

    def plain(piece: str) -> str:
        return html.escape(re.sub(r"\s+", " ", piece) if one_line else piece)

    pieces, at = [], start
    for first, last, colour in sorted(marks):
        if first < at or last > end:
            continue
        pieces.append(plain(text[at:first]))
        style = f"background:{colour}; color:black"
        pieces.append(f'<span style="{style}">{plain(text[first:last])}</span>')
        at = last
    pieces.append(plain(text[at:end]))
    return "".join(pieces)


class QuoteDelegate(QtWidgets.QStyledItemDelegate):
    """The Quote column: the sentence on one line, its dating words and actor highlighted
    as in the preview, cut at the cell's edge."""

    def __init__(self, review: ProposalReview) -> None:
        super().__init__(review)
        self.review = review

    def paint(self, painter: QtGui.QPainter, option, index) -> None:
        row = index.row()
        if not 0 <= row < len(self.review.candidates):
            super().paint(painter, option, index)
            return
        item = QtWidgets.QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        widget = item.widget
        style = widget.style() if widget is not None else QtWidgets.QApplication.style()
        style.drawControl(QtWidgets.QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        selected = bool(item.state & QtWidgets.QStyle.StateFlag.State_Selected)
        role = (
            QtGui.QPalette.ColorRole.HighlightedText if selected else QtGui.QPalette.ColorRole.Text
        )
        body = highlighted(self.review.source.text, self.review.candidates[row], one_line=True)
        document = QtGui.QTextDocument()
        document.setDocumentMargin(2)
        document.setDefaultFont(item.font)
        colour = item.palette.color(role).name()
        document.setHtml(f'<span style="color:{colour}; white-space:pre">{body}</span>')
        rect = item.rect
        painter.save()
        painter.setClipRect(rect)
        painter.translate(rect.left(), rect.top() + (rect.height() - document.size().height()) / 2)
        document.drawContents(painter)
        painter.restore()
