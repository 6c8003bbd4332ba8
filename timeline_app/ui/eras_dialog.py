"""Edit > Eras and title…: the named periods shaded across every lane, and the timeline's
own title (used above exports and kept in TimelineJS files). Every change is one undoable
step through the EditSession; a refused field says why under itself."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtWidgets

from timeline_app.model import eras
from timeline_app.model.edits import FieldErrors, short
from timeline_app.model.eras import Era
from timeline_app.ui.controller import Controller
from timeline_app.ui.editing import EditSession
from timeline_app.ui.messages import error_label, grow_to_fit

HEADERS = ("Name", "From", "To")


class EraForm(QtWidgets.QDialog):
    """One era's name, first and last day (a year or a month is accepted for either)."""

    def __init__(
        self, parent: QtWidgets.QWidget, era: Era | None, save: Callable[[Era], object]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("eraForm")
        self.setWindowTitle("Edit era" if era else "New era")
        self._save = save
        self.name = QtWidgets.QLineEdit(era.name if era else "")
        self.name.setObjectName("eraName")
        self.name.setPlaceholderText("California AB 2261 debate")
        self.start = QtWidgets.QLineEdit(era.start if era else "")
        self.start.setObjectName("eraStart")
        self.start.setPlaceholderText("YYYY-MM-DD, YYYY-MM or YYYY")
        self.end = QtWidgets.QLineEdit(era.end if era else "")
        self.end.setObjectName("eraEnd")
        self.end.setPlaceholderText("YYYY-MM-DD, YYYY-MM or YYYY (its last day is included)")
        self.errors = {field: error_label() for field in ("name", "start", "end")}
        form = QtWidgets.QFormLayout(self)
        for label, field, widget in (
            ("&Name:", "name", self.name),
            ("&From:", "start", self.start),
            ("&To:", "end", self.end),
        ):
            form.addRow(label, widget)
            form.addRow("", self.errors[field])
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(460, self.sizeHint().height())

    def accept(self) -> None:
        for label in self.errors.values():
            label.setVisible(False)
        try:
            saved = self._save(Era(0, self.name.text(), self.start.text(), self.end.text()))
        except FieldErrors as exc:
            for field, why in exc.errors.items():
                label = self.errors.get(field, self.errors["name"])
                label.setText(why)
                label.setVisible(True)
            grow_to_fit(self)
            return
        if saved is not None:
            super().accept()


class ErasDialog(QtWidgets.QDialog):
    """The list of eras with New, Edit and Delete, and the timeline's title."""

    def __init__(
        self, parent: QtWidgets.QWidget, controller: Controller, session: EditSession
    ) -> None:
        super().__init__(parent)
        self.setObjectName("erasDialog")
        self.setWindowTitle("Eras and title")
        self.controller = controller
        self.session = session
        self.title = QtWidgets.QLineEdit()
        self.title.setObjectName("timelineTitle")
        self.title.setPlaceholderText("Shown above exported pictures and pages")
        self.title_error = error_label()
        save_title = QtWidgets.QPushButton("Set &title")
        save_title.setObjectName("setTitle")
        save_title.clicked.connect(self.save_title)
        self.title.returnPressed.connect(self.save_title)
        self.table = QtWidgets.QTableWidget(0, len(HEADERS))
        self.table.setObjectName("eraTable")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QtWidgets.QHeaderView.ResizeMode.Stretch
        )
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda _index: self.edit_era())
        self.empty = QtWidgets.QLabel(
            "No eras yet. An era is a named period (a debate, a moratorium) shaded across "
            "every lane."
        )
        self.empty.setWordWrap(True)
        self.new_button = QtWidgets.QPushButton("&New era…")
        self.new_button.setObjectName("newEra")
        self.edit_button = QtWidgets.QPushButton("&Edit…")
        self.edit_button.setObjectName("editEra")
        self.delete_button = QtWidgets.QPushButton("&Delete")
        self.delete_button.setObjectName("deleteEra")
        self.new_button.clicked.connect(self.new_era)
        self.edit_button.clicked.connect(self.edit_era)
        self.delete_button.clicked.connect(self.delete_era)
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        title_label = QtWidgets.QLabel("Timeline &title:")
        title_label.setBuddy(self.title)
        title_row = QtWidgets.QHBoxLayout()
        title_row.addWidget(title_label)
        title_row.addWidget(self.title, 1)
        title_row.addWidget(save_title)
        buttons = QtWidgets.QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addWidget(self.title_error)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        controller.datasetChanged.connect(self.fill)
        self.resize(560, 380)
        self.fill()

    def _eras(self) -> list[Era]:
        return self.controller.eras

    def fill(self) -> None:
        """The eras and title as the file has them now (after any change or undo)."""
        timeline = self.controller.timeline
        if not self.title.hasFocus():
            self.title.setText(timeline.title if timeline else "")
        chosen = self.selected()
        shown = self._eras()
        self.table.setRowCount(len(shown))
        for row, era in enumerate(shown):
            for column, text in enumerate((era.name, era.start, era.end)):
                item = QtWidgets.QTableWidgetItem(text)
                item.setData(QtCore.Qt.ItemDataRole.UserRole, era.id)
                self.table.setItem(row, column, item)
            if chosen is not None and era.id == chosen.id:
                self.table.selectRow(row)
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(2)
        self.empty.setVisible(not shown)
        self._update_buttons()

    def selected(self) -> Era | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        eras_now = self._eras()
        if len(rows) != 1 or min(rows) >= len(eras_now):
            return None
        return eras_now[min(rows)]

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _form(self, era: Era | None) -> EraForm:
        def save(new: Era) -> int | None:
            eras.check_era(new.name, new.start, new.end)  # refused fields stay in the form
            verb = "change" if era else "add"
            return self.session.run(
                f"{verb} era “{short(new.name)}”",
                lambda conn: eras.save_era(conn, era.id if era else None, new),
            )

        form = EraForm(self, era, save)
        self.form = form  # for tests
        return form

    def new_era(self) -> None:
        self._form(None).open()

    def edit_era(self) -> None:
        era = self.selected()
        if era is not None:
            self._form(era).open()

    def delete_era(self) -> None:
        era = self.selected()
        if era is not None:
            self.session.run(
                f"delete era “{short(era.name)}”", lambda conn: eras.delete_era(conn, era.id)
            )

    def save_title(self) -> None:
        self.title_error.setVisible(False)
        text = self.title.text()
        try:
            self.session.run("set the timeline's title", lambda c: eras.set_timeline_title(c, text))
        except FieldErrors as exc:
            self.title_error.setText(next(iter(exc.errors.values())))
            self.title_error.setVisible(True)
