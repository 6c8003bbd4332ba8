"""Edit › Companies and categories…: rename, recolour, merge and delete companies and
categories, set a company's kind and a category's marker shape, from a dialog or from the
filter lists' context menus. Each change is one undoable step of the window's EditSession;
the dialog's lists follow every step, undo and redo, and a copy of a read-only file opened
in its place (the copy keeps the ids, so what was selected stays selected)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.model import appearance, edits
from timeline_app.model.edits import short
from timeline_app.model.text_rules import visible
from timeline_app.ui.check_list import KEY_ROLE
from timeline_app.ui.editing import EditSession
from timeline_app.ui.filter_panel import FilterPanel
from timeline_app.ui.keys import standard_keys
from timeline_app.ui.messages import plain_box
from timeline_app.ui.shape_choice import choose_shape
from timeline_app.ui.shown_text import shown
from timeline_app.ui.text_dialog import TextDialog


@dataclass(frozen=True, slots=True)
class Named:
    """A company or category as the dialog lists it."""

    kind: str  # "company" or "category"
    id: int
    name: str
    events: int
    company_kind: str = ""  # a company's kind ("company", "government", ...)


def events_text(count: int) -> str:
    return f"{count:,} event{'' if count == 1 else 's'}"


def undo_keys() -> str:
    keys = QtGui.QKeySequence(QtGui.QKeySequence.StandardKey.Undo)
    return keys.toString(QtGui.QKeySequence.SequenceFormat.NativeText) or "Ctrl+Z"


def shown_once(dialog: QtWidgets.QDialog) -> bool:
    """Run a modal dialog, then let it go (its answers can be read until control returns
    to the event loop)."""
    accepted = dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


# The changes, in menu order; Kind… is for companies only, Shape… for categories.
CHANGES = (
    ("rename", "&Rename…", "Give it another name (F2)"),
    ("colour", "&Colour…", "Choose the colour it is drawn in, or go back to the default one"),
    ("shape", "&Shape…", "Choose the marker shape its events are drawn as"),
    ("kind", "&Kind…", "What kind of body the company is: company, government, media…"),
    ("merge", "&Merge into…", "Move its events to another one, and remove it"),
    ("delete", "&Delete…", "Delete it and its events (Delete)"),
)


class NameActions(QtCore.QObject):
    """What can be done to one company or category, each change one named step. The
    dialog's buttons and the filter lists' context menus both come here."""

    def __init__(self, window: QtWidgets.QMainWindow, session: EditSession) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.controller = session.controller
        self.dialog: NamesDialog | None = None
        self._menu: QtWidgets.QMenu | None = None
        panel = window.findChild(FilterPanel)
        if panel is not None:
            self.attach(panel.companies.view, "company")
            self.attach(panel.categories.view, "category")

    # ----- what there is
    def items(self, kind: str) -> list[Named]:
        """Companies or categories in list order, with how many events each holds."""
        if kind == "company":
            return [
                Named("company", c.id, c.name, c.event_count, c.kind)
                for c in self.controller.companies
            ]
        counts: dict[int, int] = {}
        index = self.controller.lane_index
        if index is not None and index.size:
            ids, sizes = np.unique(index.category, return_counts=True)
            counts = dict(zip(ids.tolist(), sizes.tolist(), strict=True))
        return [
            Named("category", cid, name, counts.get(cid, 0))
            for cid, name in self.controller.categories
        ]

    def find(self, kind: str, row_id: int) -> Named | None:
        return next((item for item in self.items(kind) if item.id == row_id), None)

    def _ready(self, kind: str, row_id: int) -> Named | None:
        """The item, once the file can take a change: a read-only one is first saved as a
        copy (the user is asked) and opened; the copy has the same ids."""
        if self.controller.store is None or self.session.editor() is None:
            return None
        return self.find(kind, row_id)

    def _run(self, name: str, change: Callable[[sqlite3.Connection], object]) -> bool:
        """One step; FieldErrors go back to the dialog that asked."""

        def step(conn: sqlite3.Connection) -> bool:
            change(conn)
            return True

        return bool(self.session.run(name, step))

    def _tell(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    # ----- the changes
    def rename(self, kind: str, row_id: int) -> bool:
        item = self._ready(kind, row_id)
        if item is None:
            return False

        def save(text: str) -> bool:
            new = " ".join(text.split())
            if new == item.name:
                return True  # nothing to change
            return self._run(
                f"rename {kind} “{short(item.name)}” to “{short(new)}”",
                lambda conn: edits.rename(conn, kind, row_id, new),
            )

        dialog = TextDialog(
            self._parent(), f"Rename {kind}", f"New name for “{visible(item.name)}”:",
            item.name, save,
        )  # fmt: skip
        return shown_once(dialog)

    def change_kind(self, row_id: int) -> bool:
        item = self._ready("company", row_id)
        if item is None:
            return False
        kinds = sorted({c.kind for c in self.controller.companies} | {"company"})

        def save(text: str) -> bool:
            new = " ".join(text.split()) or "company"
            if new == item.company_kind:
                return True
            return self._run(
                f"set the kind of company “{short(item.name)}” to “{short(new)}”",
                lambda conn: edits.set_company_kind(conn, row_id, new),
            )

        dialog = TextDialog(
            self._parent(), "Kind of company",
            f"What kind of body is “{visible(item.name)}” (company, government, media…)?",
            item.company_kind, save, kinds,
        )  # fmt: skip
        return shown_once(dialog)

    def recolour(self, kind: str, row_id: int) -> bool:
        """QColorDialog with a "Default colour" button that gives the palette's back."""
        item = self._ready(kind, row_id)
        if item is None:
            return False
        colours = self.controller.colours
        dialog = QtWidgets.QColorDialog(colours.colour(kind, row_id), self._parent())
        dialog.setObjectName("colourDialog")
        dialog.setWindowTitle(f"Colour of {kind} “{short(visible(item.name))}”")
        dialog.setOption(QtWidgets.QColorDialog.ColorDialogOption.DontUseNativeDialog)
        reset = {"default": False}
        box = dialog.findChild(QtWidgets.QDialogButtonBox)
        if box is not None:
            button = box.addButton(
                "Default colour", QtWidgets.QDialogButtonBox.ButtonRole.ResetRole
            )
            button.setObjectName("defaultColour")
            button.setToolTip(f"The palette's colour for this {kind}, as before any was chosen")
            button.clicked.connect(lambda: reset.update(default=True))
            button.clicked.connect(dialog.accept)
        if not shown_once(dialog):
            return False
        chosen = None if reset["default"] else dialog.selectedColor().name()
        if chosen == colours.chosen_colour(kind, row_id):
            return True  # the same as before: no step
        verb = f"recolour {kind}" if chosen else f"give {kind}"
        after = "" if chosen else " its default colour"
        return self._run(
            f"{verb} “{short(item.name)}”{after}",
            lambda conn: edits.set_colour(conn, kind, row_id, chosen),
        )

    def reshape(self, kind: str, row_id: int) -> bool:
        item = self._ready(kind, row_id) if kind == "category" else None
        if item is None:
            return False
        others = [other.id for other in self.items("category")]
        shape = choose_shape(self._parent(), self.controller.colours, row_id, item.name, others)
        return shape is not None and self._run(
            f"draw category “{short(item.name)}” as a {shape}",
            lambda conn: appearance.set_shape(conn, row_id, shape),
        )

    def merge(self, kind: str, row_id: int) -> bool:
        """The other is chosen from a list under a line saying how many events move: the
        user's OK ("Merge") is the consent."""
        item = self._ready(kind, row_id)
        others = [o for o in self.items(kind) if item is not None and o.id != row_id]
        if item is None or not others:
            return False
        name, moved = visible(item.name), item.events
        dialog = QtWidgets.QInputDialog(self._parent())
        dialog.setObjectName("mergeDialog")
        dialog.setWindowTitle(f"Merge {kind} “{short(name)}”")
        dialog.setOption(QtWidgets.QInputDialog.InputDialogOption.UseListViewForComboBoxItems)
        dialog.setComboBoxItems([f"{shown(o.name)}  ({events_text(o.events)})" for o in others])
        dialog.setLabelText(
            f"Move the {events_text(moved)} of “{name}” into the {kind} chosen below, and "
            f"remove “{name}”. Undo ({undo_keys()}) brings {'it' if moved == 1 else 'them'} "
            "back."
            if moved
            else f"“{name}” has no events. Merge it into (it is then removed):"
        )
        dialog.setOkButtonText("Merge")
        for label in dialog.findChildren(QtWidgets.QLabel):
            label.setWordWrap(True)  # a long name must not make the dialog screen-wide
        dialog.resize(440, 380)
        if not shown_once(dialog):
            return False
        texts = dialog.comboBoxItems()
        into = others[texts.index(dialog.textValue())] if dialog.textValue() in texts else None
        if into is None:
            return False
        done = self._run(
            f"merge {kind} “{short(item.name)}” into “{short(into.name)}”",
            lambda conn: edits.merge(conn, kind, row_id, into.id),
        )
        if done:
            self._tell(f"Merged “{name}” into “{visible(into.name)}”. {undo_keys()} undoes it.")
            if self.dialog is not None:  # the one that took the events is selected
                self.dialog.select(kind, into.id)
        return done

    def delete(self, kind: str, row_id: int) -> bool:
        """Asks first when it holds events, saying how many go with it."""
        item = self._ready(kind, row_id)
        if item is None:
            return False
        name = visible(item.name)
        if item.events:
            them = "it" if item.events == 1 else "them"
            if not self._confirm(
                f"Delete {kind}",
                f"Delete “{name}” and its {events_text(item.events)}? "
                f"Undo ({undo_keys()}) brings {them} back.",
                "Delete",
            ):
                return False
        done = self._run(
            f"delete {kind} “{short(item.name)}”",
            lambda conn: edits.delete_named(conn, kind, row_id),
        )
        if done:
            self._tell(f"Deleted “{name}”. {undo_keys()} brings it back.")
        return done

    def _confirm(self, title: str, text: str, verb: str) -> bool:
        box = plain_box(self._parent(), QtWidgets.QMessageBox.Icon.Question, title, text)
        box.setStandardButtons(QtWidgets.QMessageBox.StandardButton.Cancel)
        yes = box.addButton(verb, QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(yes)
        shown_once(box)
        return box.clickedButton() is yes

    def _parent(self) -> QtWidgets.QWidget:
        """Dialogs open over the names dialog while it is open, else over the window."""
        dialog = self.dialog
        if dialog is not None and dialog.isVisible():
            return dialog
        return self.window

    # ----- menus and the dialog
    def do(self, key: str, kind: str, row_id: int) -> bool:
        """One of CHANGES to a company or category."""
        if key == "kind":
            return kind == "company" and self.change_kind(row_id)
        change = {"rename": self.rename, "colour": self.recolour, "merge": self.merge,
                  "delete": self.delete, "shape": self.reshape}  # fmt: skip
        return change[key](kind, row_id)

    def menu(self, kind: str, row_id: int, parent: QtWidgets.QWidget) -> QtWidgets.QMenu:
        """Rename…, Colour…, (Kind… or Shape…,) Merge into…, Delete… for one of them."""
        menu = QtWidgets.QMenu(parent)
        menu.setObjectName("namesMenu")
        menu.setToolTipsVisible(True)
        for key, text, tip in CHANGES:
            if {"kind": "company", "shape": "category"}.get(key, kind) == kind:
                action = menu.addAction(text)
                action.setToolTip(tip)
                action.setEnabled(key != "merge" or len(self.items(kind)) > 1)
                action.triggered.connect(lambda _c=False, k=key: self.do(k, kind, row_id))
        return menu

    def popup(self, kind: str, row_id: int, parent: QtWidgets.QWidget, at: QtCore.QPoint) -> None:
        if self._menu is not None:
            self._menu.deleteLater()
        self._menu = self.menu(kind, row_id, parent)
        self._menu.popup(at)

    def attach(self, view: QtWidgets.QAbstractItemView, kind: str) -> None:
        """A context menu on a list (the filter lists, the dialog's): the changes for the
        entry under the cursor."""
        view.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)

        def asked(pos: QtCore.QPoint) -> None:
            index = view.indexAt(pos).siblingAtColumn(0)
            if index.isValid() and index.data(KEY_ROLE) is not None:
                at = view.viewport().mapToGlobal(pos)
                self.popup(kind, int(index.data(KEY_ROLE)), view, at)

        view.customContextMenuRequested.connect(asked)

    def show_dialog(self) -> NamesDialog:
        if self.dialog is None:
            self.dialog = NamesDialog(self)
        self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog


RIGHT = QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter
COLUMNS = {
    "company": ["Name", "Kind", "Events", "Colour"],
    "category": ["Name", "Events", "Shape and colour"],
}


class NamesDialog(QtWidgets.QDialog):
    """Two lists (companies, categories) with name, kind, events and colour, and buttons
    for the changes. F2 renames, Delete deletes, Ctrl+Z undoes; it stays open beside the
    window, which shows every change at once."""

    def __init__(self, names: NameActions) -> None:
        super().__init__(names.window)
        self.names = names
        self.setObjectName("namesDialog")
        self.setWindowTitle("Companies and categories")
        self.tabs = QtWidgets.QTabWidget()
        self.lists: dict[str, QtWidgets.QTreeWidget] = {}
        for kind, title in (("company", "Com&panies"), ("category", "Ca&tegories")):
            tree = QtWidgets.QTreeWidget()
            tree.setObjectName(f"{kind}Names")
            tree.setRootIsDecorated(False)
            tree.setUniformRowHeights(True)
            tree.setAllColumnsShowFocus(True)
            tree.setHeaderLabels(list(COLUMNS[kind]))
            names.attach(tree, kind)  # the same context menu as the filter lists'
            tree.itemDoubleClicked.connect(lambda *_a: self._act("rename"))
            tree.currentItemChanged.connect(self._update_buttons)
            self.lists[kind] = tree
            self.tabs.addTab(tree, title)
        self.tabs.currentChanged.connect(self._update_buttons)
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        column = QtWidgets.QVBoxLayout()
        for key, text, tip in CHANGES:
            button = QtWidgets.QPushButton(text)
            button.setObjectName(f"{key}Button")
            button.setToolTip(tip)
            button.setAutoDefault(False)  # Enter in the list must not press a button
            button.clicked.connect(lambda _checked=False, k=key: self._act(k))
            self.buttons[key] = button
            column.addWidget(button)
        column.addStretch(1)
        close = QtWidgets.QPushButton("Close", autoDefault=False)
        close.clicked.connect(self.close)
        column.addWidget(close)
        self.hint = QtWidgets.QLabel(
            f"Each change can be undone with {undo_keys()}; Edit › History lists them. A "
            "read-only file is first saved as a copy, if you agree.",
            wordWrap=True,
        )
        layout = QtWidgets.QGridLayout(self)
        layout.addWidget(self.tabs, 0, 0)
        layout.addLayout(column, 0, 1)
        layout.addWidget(self.hint, 1, 0, 1, 2)
        self._add_keys()
        names.controller.datasetChanged.connect(self.refresh)  # steps, undo, redo, a copy
        self.resize(620, 440)
        self.refresh()

    def _add_keys(self) -> None:
        """F2 and Delete act on the selected row; Ctrl+Z and Ctrl+Shift+Z undo and redo
        here as in the window."""
        keys = QtGui.QKeySequence.StandardKey
        for key, act in ((QtGui.QKeySequence("F2"), "rename"),
                         (QtGui.QKeySequence(keys.Delete), "delete")):  # fmt: skip
            shortcut = QtGui.QShortcut(key, self)
            shortcut.activated.connect(lambda a=act: self._act(a))
        stack = self.names.session.stack
        undo = stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(standard_keys(keys.Undo, "Ctrl+Z"))
        redo = stack.createRedoAction(self, "&Redo")
        redo.setShortcuts(standard_keys(keys.Redo, "Ctrl+Shift+Z", "Ctrl+Y"))
        self.addActions([undo, redo])

    def kind(self) -> str:
        return "company" if self.tabs.currentIndex() == 0 else "category"

    def current(self) -> tuple[str, int] | None:
        row = self.lists[self.kind()].currentItem()
        return (self.kind(), int(row.data(0, KEY_ROLE))) if row is not None else None

    def select(self, kind: str, row_id: int) -> None:
        self.tabs.setCurrentIndex(0 if kind == "company" else 1)
        self._restore(self.lists[kind], row_id, 0)

    def refresh(self) -> None:
        """Read the lists again, keeping the selected row (or its place, when it went)."""
        colours = self.names.controller.colours
        for kind, tree in self.lists.items():
            current = tree.currentItem()
            kept = current.data(0, KEY_ROLE) if current is not None else None
            place = tree.indexOfTopLevelItem(current) if current is not None else 0
            tree.clear()
            for item in self.names.items(kind):
                look = (
                    colours.company_hex(item.id)
                    if kind == "company"
                    else (f"{colours.shape(item.id).name}, {colours.category_hex(item.id)}")
                )
                cells = [shown(item.name), f"{item.events:,}", look]
                if kind == "company":
                    cells.insert(1, shown(item.company_kind))
                row = QtWidgets.QTreeWidgetItem(cells)
                row.setData(0, KEY_ROLE, item.id)
                row.setIcon(len(cells) - 1, colours.icon(kind, item.id))
                row.setTextAlignment(len(cells) - 2, RIGHT)
                tree.addTopLevelItem(row)
            self._restore(tree, kept, place)
            for number in range(tree.columnCount()):
                tree.resizeColumnToContents(number)
        self._update_buttons()

    @staticmethod
    def _restore(tree: QtWidgets.QTreeWidget, kept: object, place: int) -> None:
        rows = [tree.topLevelItem(n) for n in range(tree.topLevelItemCount())]
        again = next((r for r in rows if r is not None and r.data(0, KEY_ROLE) == kept), None)
        if again is None and rows:
            again = rows[max(0, min(place, len(rows) - 1))]
        if again is not None:
            tree.setCurrentItem(again)

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.current() is not None
        kind = self.kind()
        several = self.lists[kind].topLevelItemCount() > 1
        for key, button in self.buttons.items():
            button.setEnabled(chosen and (key != "merge" or several))
        self.buttons["kind"].setVisible(kind == "company")
        self.buttons["shape"].setVisible(kind == "category")

    def _act(self, key: str) -> None:
        current = self.current()
        if current is not None:
            self.names.do(key, *current)
