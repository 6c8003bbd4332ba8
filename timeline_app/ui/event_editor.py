"""The event editor: every field of an event and its quotes, checked before anything is
written, with each reason shown under the field it concerns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.model.edits import EventFields, FieldErrors, Quote, check_event
from timeline_app.model.text_rules import name_key, visible
from timeline_app.model.types import Company, DatePrecision
from timeline_app.ui.messages import error_label, grow_to_fit

COMPANY_KINDS = ("company", "organisation", "government", "legislature", "court", "media",
                 "person")  # fmt: skip
PRECISIONS = (
    (DatePrecision.DAY, "Day", "YYYY-MM-DD"),
    (DatePrecision.MONTH, "Month", "YYYY-MM"),
    (DatePrecision.YEAR, "Year", "YYYY"),
)
QUOTE_SHOWN = 140  # characters of a quote shown in the list


@dataclass(frozen=True, slots=True)
class QuoteItem:
    """A quote as the editor lists it."""

    quote: Quote
    text: str
    source_title: str


def shorter(text: str, limit: int = QUOTE_SHOWN) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class EventEditor(QtWidgets.QDialog):
    """`save` writes the fields (one undoable step) and returns the event id, or None when
    the window already told the user why it could not; FieldErrors it raises are shown
    next to their fields and the editor stays open."""

    showQuote = QtCore.Signal(object)  # Quote: the window shows it in the source reader

    def __init__(
        self,
        parent: QtWidgets.QWidget | None,
        *,
        heading: str,
        fields: EventFields,
        companies: Sequence[Company],
        categories: Sequence[str],
        quotes: Sequence[QuoteItem] = (),
        note: str = "",
        save: Callable[[EventFields], int | None],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(heading)
        self.setObjectName("eventEditor")
        self.saved_id: int | None = None
        self._save = save
        self._known = {name_key(c.name): c for c in companies}
        self.errors: dict[str, QtWidgets.QLabel] = {}
        form = QtWidgets.QFormLayout()
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.company = self._combo([c.name for c in companies], fields.company, "company")
        self.kind = QtWidgets.QComboBox()
        self.kind.setEditable(True)
        self.kind.addItems(list(COMPANY_KINDS))
        self.kind.setCurrentText(fields.company_kind)
        self.kind.setToolTip("What kind of actor a new lane is")
        self.new_lane = QtWidgets.QLabel("New lane, a")
        company_row = QtWidgets.QHBoxLayout()
        company_row.addWidget(self.company, 3)
        company_row.addWidget(self.new_lane)
        company_row.addWidget(self.kind, 1)
        self.company.currentTextChanged.connect(self._company_typed)
        self._row(form, "&Company:", company_row, "company", buddy=self.company)

        self.title = QtWidgets.QLineEdit(fields.title)
        self.title.setObjectName("title")
        self._row(form, "&Title:", self.title, "title")

        self.summary = QtWidgets.QPlainTextEdit(fields.summary)
        self.summary.setObjectName("summary")
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self._row(form, "S&ummary:", self.summary, "summary")

        self.category = self._combo(list(categories), fields.category, "category")
        self._row(form, "C&ategory:", self.category, "category")

        self.precision = QtWidgets.QComboBox()
        self.precision.setObjectName("precision")
        for precision, label, _shape in PRECISIONS:
            self.precision.addItem(label, precision)
        self.precision.setCurrentIndex([p for p, _, _ in PRECISIONS].index(fields.precision))
        self.precision.currentIndexChanged.connect(self._precision_changed)
        self.start = QtWidgets.QLineEdit(fields.start)
        self.start.setObjectName("start")
        self.end = QtWidgets.QLineEdit(fields.end or "")
        self.end.setObjectName("end")
        self.approximate = QtWidgets.QCheckBox("Appro&ximate (shown as “c.”)")
        self.approximate.setChecked(fields.approximate)
        dates = QtWidgets.QHBoxLayout()
        dates.addWidget(self.start, 2)
        dates.addWidget(QtWidgets.QLabel("to"))
        dates.addWidget(self.end, 2)
        dates.addWidget(QtWidgets.QLabel("known to the"))
        dates.addWidget(self.precision, 1)
        self._row(form, "&Date:", dates, "start", buddy=self.start)
        self.errors["end"] = error_label()
        form.addRow("", self.errors["end"])
        form.addRow("", self.approximate)
        self.note = QtWidgets.QLabel(note)
        self.note.setObjectName("dateNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.note.setStyleSheet("color: #57606A; font-style: italic;")
        self.note.setVisible(bool(note))
        form.addRow("", self.note)

        self.quotes = QtWidgets.QListWidget()
        self.quotes.setObjectName("quotes")
        self.quotes.setWordWrap(True)
        self.quotes.setAlternatingRowColors(True)
        self.quotes.setMaximumHeight(self.fontMetrics().lineSpacing() * 8 + 8)
        for item in quotes:
            self._add_quote_item(item)
        self.remove_quote = QtWidgets.QPushButton("&Remove quote")
        self.show_quote = QtWidgets.QPushButton("S&how in source")
        self.remove_quote.clicked.connect(self._remove_selected_quote)
        self.show_quote.clicked.connect(self._show_selected_quote)
        self.quotes.currentRowChanged.connect(self._quote_buttons)
        self.quotes.itemDoubleClicked.connect(lambda _item: self._show_selected_quote())
        buttons = QtWidgets.QVBoxLayout()
        buttons.addWidget(self.remove_quote)
        buttons.addWidget(self.show_quote)
        buttons.addStretch(1)
        quote_row = QtWidgets.QHBoxLayout()
        quote_row.addWidget(self.quotes, 1)
        quote_row.addLayout(buttons)
        self._row(form, "&Quotes:", quote_row, "quotes", buddy=self.quotes)
        self.no_quotes = QtWidgets.QLabel(
            "No quote: the event will be marked “no source”. Select words in a source and "
            "use “Add selection as quote” to back it."
        )
        self.no_quotes.setWordWrap(True)
        self.no_quotes.setStyleSheet("color: #57606A;")
        form.addRow("", self.no_quotes)

        self.general_error = error_label()
        self.box = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.box.accepted.connect(self.try_save)
        self.box.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.box)
        self._company_typed(self.company.currentText())
        self._quote_buttons()
        self.resize(640, self.sizeHint().height())
        self.title.setFocus()

    # ------------------------------------------------------------------ building
    def _combo(self, items: list[str], current: str, name: str) -> QtWidgets.QComboBox:
        combo = QtWidgets.QComboBox()
        combo.setObjectName(name)
        combo.setEditable(True)
        combo.setInsertPolicy(QtWidgets.QComboBox.InsertPolicy.NoInsert)
        combo.addItems([visible(item) for item in items])
        combo.setCurrentIndex(-1)
        combo.setEditText(current)
        completer = combo.completer()
        if completer is not None:
            completer.setCaseSensitivity(QtCore.Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(QtCore.Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QtWidgets.QCompleter.CompletionMode.PopupCompletion)
        return combo

    def _row(
        self,
        form: QtWidgets.QFormLayout,
        label: str,
        field: QtWidgets.QWidget | QtWidgets.QLayout,
        key: str,
        buddy: QtWidgets.QWidget | None = None,
    ) -> None:
        caption = QtWidgets.QLabel(label)
        target = buddy or (field if isinstance(field, QtWidgets.QWidget) else None)
        if target is not None:
            caption.setBuddy(target)
        form.addRow(caption, field)
        self.errors[key] = error_label()
        form.addRow("", self.errors[key])

    def _add_quote_item(self, item: QuoteItem) -> None:
        words = shorter(visible(item.text, prose=True))
        row = QtWidgets.QListWidgetItem(f"“{words}”\n— {shorter(visible(item.source_title), 80)}")
        row.setData(QtCore.Qt.ItemDataRole.UserRole, item)
        row.setToolTip(visible(item.text, prose=True)[:2000])
        self.quotes.addItem(row)

    # ------------------------------------------------------------------ reacting
    def _company_typed(self, text: str) -> None:
        new = bool(text.strip()) and name_key(text) not in self._known
        self.new_lane.setVisible(new)
        self.kind.setVisible(new)

    def _precision_changed(self) -> None:
        """Going coarser cuts the dates to what the precision keeps (2020-06-10 → 2020-06)."""
        length = {DatePrecision.DAY: 10, DatePrecision.MONTH: 7, DatePrecision.YEAR: 4}
        keep = length[self.precision_value()]
        for edit in (self.start, self.end):
            text = edit.text().strip()
            if len(text) > keep and text[:4].isdigit():
                edit.setText(text[:keep])
        shape = dict((p, s) for p, _, s in PRECISIONS)[self.precision_value()]
        self.start.setPlaceholderText(shape)
        self.end.setPlaceholderText(f"{shape} (optional)")

    def precision_value(self) -> DatePrecision:
        return DatePrecision(self.precision.currentData())

    def _quote_buttons(self) -> None:
        has = self.quotes.currentRow() >= 0
        self.remove_quote.setEnabled(has)
        self.show_quote.setEnabled(has)
        self.no_quotes.setVisible(self.quotes.count() == 0)

    def _remove_selected_quote(self) -> None:
        row = self.quotes.currentRow()
        if row >= 0:
            self.quotes.takeItem(row)
        self._quote_buttons()

    def _show_selected_quote(self) -> None:
        item = self.quotes.currentItem()
        if item is not None:
            self.showQuote.emit(item.data(QtCore.Qt.ItemDataRole.UserRole).quote)

    # ------------------------------------------------------------------ saving
    def fields(self) -> EventFields:
        quotes = tuple(
            self.quotes.item(row).data(QtCore.Qt.ItemDataRole.UserRole).quote
            for row in range(self.quotes.count())
        )
        company = self.company.currentText()
        known = self._known.get(name_key(company))
        return EventFields(
            company=known.name if known else company,
            title=self.title.text(),
            start=self.start.text(),
            precision=self.precision_value(),
            category=self.category.currentText(),
            summary=self.summary.toPlainText(),
            end=self.end.text().strip() or None,
            approximate=self.approximate.isChecked(),
            company_kind=self.kind.currentText(),
            quotes=quotes,
        )

    def show_errors(self, errors: dict[str, str], general: str = "") -> None:
        first = None
        for key, label in self.errors.items():
            reason = errors.get(key, "")
            if key == "company" and "company_kind" in errors:
                reason = reason or f"kind: {errors['company_kind']}"
            label.setText(reason)
            label.setVisible(bool(reason))
            if reason and first is None:
                first = key
        self.general_error.setText(general)
        self.general_error.setVisible(bool(general))
        grow_to_fit(self)
        widgets = {"company": self.company, "title": self.title, "summary": self.summary,
                   "category": self.category, "start": self.start, "end": self.end}  # fmt: skip
        if first in widgets:
            widgets[first].setFocus()

    def try_save(self) -> None:
        fields = self.fields()
        try:
            check_event(fields)
            saved = self._save(fields)
        except FieldErrors as exc:
            known = {k: v for k, v in exc.errors.items() if k in self.errors or k == "company_kind"}
            rest = "; ".join(v for k, v in exc.errors.items() if k not in known)
            self.show_errors(known, rest)
            return
        if saved is None:
            return  # the window said why; the user may correct and try again
        self.saved_id = saved
        self.accept()

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802
        """Ctrl+Enter saves from anywhere, the summary included."""
        enter = event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)
        if enter and event.modifiers() & QtCore.Qt.KeyboardModifier.ControlModifier:
            self.try_save()
            return
        super().keyPressEvent(event)
