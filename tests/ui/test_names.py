"""Companies and categories, changed the way a person does it: Edit › Companies and
categories… (F2, Delete, the buttons, Ctrl+Z in the dialog) and the filter lists' context
menus. The timeline, the filter lists, the table, the detail pane and exports follow."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from tests.ui.test_editing import back_to, event_id, retype, when_shown
from timeline_app import export
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.names_dialog import NamesDialog, TextDialog

CTRL = QtCore.Qt.KeyboardModifier.ControlModifier
MAGENTA = QtGui.QColor("#ff00ff")
POLICY_EVENT = "Amazon may keep Rekognition for anti-trafficking work"  # a day-precise marker


# ------------------------------------------------------------------------------ helpers


def open_names(qtbot, window: MainWindow) -> NamesDialog:
    """Edit › Companies and categories…, as chosen from the menu."""
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert window.names_action in edit_menu.actions()
    window.names_action.trigger()
    dialog = window.names.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    back_to(qtbot, dialog)
    return dialog


def rows(dialog: NamesDialog, kind: str) -> list[list[str]]:
    tree = dialog.lists[kind]
    return [
        [tree.topLevelItem(n).text(c) for c in range(tree.columnCount())]
        for n in range(tree.topLevelItemCount())
    ]


def click_row(qtbot, dialog: NamesDialog, kind: str, name: str) -> None:
    """The tab, then the row, clicked."""
    tab_bar = dialog.tabs.tabBar()
    tab = 0 if kind == "company" else 1
    qtbot.mouseClick(tab_bar, QtCore.Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(tab).center())
    tree = dialog.lists[kind]
    row = next(r for r in tree.findItems(name, QtCore.Qt.MatchFlag.MatchExactly, 0))
    rect = tree.visualItemRect(row)
    qtbot.mouseClick(tree.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=rect.center())
    assert tree.currentItem() is row
    tree.setFocus()


def context_menu(qtbot, window: MainWindow, kind: str, prefix: str, choice: str) -> None:
    """Right-click an entry of a filter list and choose `choice` from its menu (the
    dialogs it opens are answered by when_shown calls made before)."""
    panel = window.filter_panel
    check_list = panel.companies if kind == "company" else panel.categories
    item = check_list.item_for_text(prefix)
    assert item is not None, prefix
    viewport = check_list.view.viewport()
    pos = check_list.visual_rect(item).center()
    chosen: list[str] = []

    def pick() -> None:
        menu = QtWidgets.QApplication.activePopupWidget()
        assert isinstance(menu, QtWidgets.QMenu)
        action = next(a for a in menu.actions() if a.text().replace("&", "") == choice)
        chosen.append(action.text())
        menu.setActiveAction(action)
        qtbot.keyClick(menu, QtCore.Qt.Key.Key_Return)

    QtCore.QTimer.singleShot(0, pick)
    event = QtGui.QContextMenuEvent(
        QtGui.QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos)
    )
    QtWidgets.QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: bool(chosen), timeout=3000)
    back_to(qtbot, window)


def answer_message(click: str, seen: list[str]) -> Callable[[QtWidgets.QWidget], None]:
    """Note a question's text and click its button named `click`."""

    def act(box: QtWidgets.QWidget) -> None:
        assert isinstance(box, QtWidgets.QMessageBox)
        seen.append(box.text())
        next(b for b in box.buttons() if b.text().replace("&", "") == click).click()

    return act


def merge_into(target: str, seen: list[str]) -> Callable[[QtWidgets.QWidget], None]:
    """In the merge dialog: note what it says, choose `target` from its list, Merge."""

    def act(dialog: QtWidgets.QWidget) -> None:
        assert isinstance(dialog, QtWidgets.QInputDialog)
        seen.append(dialog.labelText())
        view = dialog.findChild(QtWidgets.QListView)
        model = view.model()
        row = next(
            r for r in range(model.rowCount()) if model.index(r, 0).data().startswith(target)
        )
        view.setFocus()
        view.setCurrentIndex(model.index(row, 0))
        buttons = dialog.findChild(QtWidgets.QDialogButtonBox)
        merge = next(b for b in buttons.buttons() if b.text() == "Merge")
        merge.click()

    return act


def near(colour: QtGui.QColor, wanted: QtGui.QColor, slack: int = 40) -> bool:
    return all(
        abs(a - b) < slack for a, b in zip(colour.getRgb()[:3], wanted.getRgb()[:3], strict=True)
    )


def count_near(image: QtGui.QImage, wanted: QtGui.QColor, box: QtCore.QRect | None = None) -> int:
    box = box or image.rect()
    return sum(
        near(image.pixelColor(x, y), wanted)
        for x in range(max(box.left(), 0), min(box.right(), image.width() - 1) + 1)
        for y in range(max(box.top(), 0), min(box.bottom(), image.height() - 1) + 1)
    )


def icon_colour(icon: QtGui.QIcon) -> QtGui.QColor:
    image = icon.pixmap(14, 14).toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2)


def file_names(path: Path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute(f"SELECT name FROM {table} ORDER BY name")]
    finally:
        conn.close()


# ------------------------------------------------------------------------------ rename


def test_f2_renames_a_company_everywhere_and_ctrl_z_in_the_dialog_restores_it(
    qtbot, make_window, builtin_copy
):
    window = make_window(builtin_copy)
    dialog = open_names(qtbot, window)
    click_row(qtbot, dialog, "company", "Financial Times")
    qtbot.keyClick(dialog.lists["company"], QtCore.Qt.Key.Key_Down)  # the next one: IBM
    assert dialog.current() == ("company", 3)

    def rename(box: QtWidgets.QWidget) -> None:
        assert isinstance(box, TextDialog)
        assert box.field.text() == "IBM"
        retype(qtbot, box.field, "IBM Corp.")
        qtbot.keyClick(box.field, QtCore.Qt.Key.Key_Return)

    when_shown(TextDialog, rename)
    qtbot.keyClick(dialog.lists["company"], QtCore.Qt.Key.Key_F2)
    back_to(qtbot, dialog)
    assert "IBM Corp." in window.timeline.lane_names()
    assert "IBM" not in window.timeline.lane_names()
    assert window.filter_panel.companies.item_for_text("IBM Corp. (1)") is not None
    assert rows(dialog, "company")[4][:3] == ["IBM Corp.", "company", "1"]
    assert dialog.lists["company"].currentItem().text(0) == "IBM Corp."  # still selected
    assert window.undo_action.text() == "&Undo rename company “IBM” to “IBM Corp.”"
    assert "IBM Corp." in file_names(builtin_copy, "companies")

    qtbot.keyClick(dialog.lists["company"], QtCore.Qt.Key.Key_Z, CTRL)
    assert "IBM" in window.timeline.lane_names()
    assert window.filter_panel.companies.item_for_text("IBM (1)") is not None
    assert [row[0] for row in rows(dialog, "company")][4] == "IBM"
    assert "IBM Corp." not in file_names(builtin_copy, "companies")


def test_a_name_another_company_has_is_refused_in_the_dialog_and_nothing_is_written(
    qtbot, make_window, builtin_copy
):
    window = make_window(builtin_copy)
    dialog = open_names(qtbot, window)
    click_row(qtbot, dialog, "company", "IBM")
    before = builtin_copy.read_bytes()
    seen: dict[str, object] = {}

    def rename(box: QtWidgets.QWidget) -> None:
        assert isinstance(box, TextDialog)
        retype(qtbot, box.field, "amazon")
        qtbot.keyClick(box.field, QtCore.Qt.Key.Key_Return)
        seen["error"] = box.error.text() if box.error.isVisible() else ""
        seen["open"] = box.isVisible()

    when_shown(TextDialog, rename)
    qtbot.mouseClick(dialog.buttons["rename"], QtCore.Qt.MouseButton.LeftButton)
    assert seen["error"] == "“Amazon” already exists (id 2); merge the two instead"
    assert seen["open"] is True  # the dialog stayed open for a correction
    assert builtin_copy.read_bytes() == before
    assert not window.undo_action.isEnabled()
    assert "IBM" in window.timeline.lane_names()


def test_kind_of_a_company_is_changed_from_the_dialog(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    dialog = open_names(qtbot, window)
    click_row(qtbot, dialog, "company", "ACLU")

    def retype_kind(box: QtWidgets.QWidget) -> None:
        assert isinstance(box, TextDialog)
        retype(qtbot, box.field, "charity")
        qtbot.keyClick(box.field, QtCore.Qt.Key.Key_Return)

    when_shown(TextDialog, retype_kind)
    qtbot.mouseClick(dialog.buttons["kind"], QtCore.Qt.MouseButton.LeftButton)
    back_to(qtbot, dialog)
    assert rows(dialog, "company")[0][:2] == ["ACLU", "charity"]
    assert window.undo_action.text() == "&Undo set the kind of company “ACLU” to “charity”"
    assert not dialog.buttons["kind"].isHidden()
    click_row(qtbot, dialog, "category", "Policy")
    assert dialog.buttons["kind"].isHidden()  # categories have no kind


# ------------------------------------------------------------------------------ colours


def choose_colour(colour: QtGui.QColor | None) -> Callable[[QtWidgets.QWidget], None]:
    """In the colour dialog: pick `colour` and OK, or (None) press "Default colour"."""

    def act(dialog: QtWidgets.QWidget) -> None:
        assert isinstance(dialog, QtWidgets.QColorDialog)
        buttons = dialog.findChild(QtWidgets.QDialogButtonBox)
        if colour is None:
            next(b for b in buttons.buttons() if b.text() == "Default colour").click()
            return
        dialog.setCurrentColor(colour)
        buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).click()

    return act


def test_a_recoloured_category_is_drawn_in_its_colour_everywhere_and_exported(
    qtbot, make_window, builtin_copy, tmp_path
):
    window = make_window(builtin_copy)
    dialog = open_names(qtbot, window)
    click_row(qtbot, dialog, "category", "Policy")
    when_shown(QtWidgets.QColorDialog, choose_colour(MAGENTA))
    qtbot.mouseClick(dialog.buttons["colour"], QtCore.Qt.MouseButton.LeftButton)
    back_to(qtbot, dialog)
    assert window.undo_action.text() == "&Undo recolour category “Policy”"
    policy = [row for row in rows(dialog, "category") if row[0] == "Policy"][0]
    assert policy[2].endswith(", #ff00ff")  # its shape, then its colour

    # The marker on the timeline, in the window's picture of it.
    view = window.timeline
    target = event_id(builtin_copy, POLICY_EVENT)
    point = view.point_of_event(target)
    assert point is not None
    at = view.viewport_widget().mapTo(view, point)
    picture = view.grab().toImage()
    ratio = picture.devicePixelRatio()
    around = QtCore.QRect(int((at.x() - 6) * ratio), int((at.y() - 6) * ratio), 13, 13)
    assert count_near(picture, MAGENTA, around) >= 20
    # The legend, the filter list's icon, the table's icon.
    assert count_near(view.legend.grab().toImage(), MAGENTA) >= 20
    item = window.filter_panel.categories.item_for_text("Policy")
    assert near(icon_colour(item.icon()), MAGENTA)
    model = window.table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 2).data() == "Policy")
    icon = model.index(row, 2).data(QtCore.Qt.ItemDataRole.DecorationRole)
    assert near(icon_colour(icon), MAGENTA)
    # The detail pane's glyph.
    window.controller.select(target)
    assert MAGENTA.name() in detail_colours(window)

    # A headless export of the file shows it too.
    out = tmp_path / "policy.png"
    export.run(export.ExportRequest(out=out, db=builtin_copy, categories=("Policy",)))
    assert count_near(QtGui.QImage(str(out)), MAGENTA) >= 60

    # "Default colour" gives the palette's back: no magenta left.
    click_row(qtbot, dialog, "category", "Policy")
    when_shown(QtWidgets.QColorDialog, choose_colour(None))
    qtbot.mouseClick(dialog.buttons["colour"], QtCore.Qt.MouseButton.LeftButton)
    back_to(qtbot, dialog)
    assert window.undo_action.text() == "&Undo give category “Policy” its default colour"
    assert count_near(view.legend.grab().toImage(), MAGENTA) == 0
    assert (
        MAGENTA.name() not in [row for row in rows(dialog, "category") if row[0] == "Policy"][0][2]
    )


def detail_colours(window: MainWindow) -> set[str]:
    """Every text colour used in the detail pane."""
    found = set()
    block = window.detail.browser.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            found.add(fragment.charFormat().foreground().color().name())
            fragments += 1
        block = block.next()
    return found


def test_a_company_recoloured_from_its_filter_list_menu_colours_its_lane(
    qtbot, make_window, builtin_copy
):
    window = make_window(builtin_copy)
    when_shown(QtWidgets.QColorDialog, choose_colour(MAGENTA))
    context_menu(qtbot, window, "company", "Amazon", "Colour…")
    assert window.undo_action.text() == "&Undo recolour company “Amazon”"
    item = window.filter_panel.companies.item_for_text("Amazon")
    assert near(icon_colour(item.icon()), MAGENTA)
    # The lane's colour strip at its start.
    view = window.timeline
    window.controller.select(event_id(builtin_copy, POLICY_EVENT))  # an Amazon event
    assert MAGENTA.name() in detail_colours(window)
    picture = view.viewport_widget().grab().toImage()
    band = next(lane.band for lane in view.current_layout().lanes if lane.name == "Amazon")
    box = view.rect_of(band).toRect()
    ratio = picture.devicePixelRatio()
    strip = QtCore.QRect(int(box.left() * ratio), int(box.top() * ratio), 6, int(box.height()))
    assert count_near(picture, MAGENTA, strip) >= 20


# ------------------------------------------------------------------------------ merge, delete


def test_merging_oakland_into_san_francisco_moves_its_event_and_undo_restores(
    qtbot, make_window, builtin_copy
):
    window = make_window(builtin_copy)
    oakland_event = event_id(builtin_copy, "Oakland bans police use of facial recognition")
    dialog = open_names(qtbot, window)
    click_row(qtbot, dialog, "company", "Oakland")
    said: list[str] = []
    when_shown(QtWidgets.QInputDialog, merge_into("San Francisco", said))
    qtbot.mouseClick(dialog.buttons["merge"], QtCore.Qt.MouseButton.LeftButton)
    back_to(qtbot, dialog)
    assert said == [
        "Move the 1 event of “Oakland” into the company chosen below, and remove “Oakland”. "
        "Undo (Ctrl+Z) brings it back."
    ]
    lanes = window.timeline.lane_names()
    assert len(lanes) == 9 and "Oakland" not in lanes
    assert window.controller.event_detail(oakland_event).event.company == "San Francisco"
    assert window.filter_panel.companies.item_for_text("San Francisco (2)") is not None
    assert dialog.lists["company"].currentItem().text(0) == "San Francisco"
    assert window.undo_action.text() == "&Undo merge company “Oakland” into “San Francisco”"

    qtbot.keyClick(dialog.lists["company"], QtCore.Qt.Key.Key_Z, CTRL)
    assert len(window.timeline.lane_names()) == 10
    assert window.controller.event_detail(oakland_event).event.company == "Oakland"
    assert "Oakland" in [row[0] for row in rows(dialog, "company")]


def test_deleting_a_company_with_events_asks_with_their_number_and_undo_brings_them_back(
    qtbot, make_window, builtin_copy
):
    window = make_window(builtin_copy)
    dialog = open_names(qtbot, window)
    click_row(qtbot, dialog, "company", "Amazon")
    said: list[str] = []
    when_shown(QtWidgets.QMessageBox, answer_message("Cancel", said))
    qtbot.keyClick(dialog.lists["company"], QtCore.Qt.Key.Key_Delete)
    back_to(qtbot, dialog)
    assert said == ["Delete “Amazon” and its 2 events? Undo (Ctrl+Z) brings them back."]
    assert "Amazon" in window.timeline.lane_names()  # cancelled: nothing happened
    assert not window.undo_action.isEnabled()

    when_shown(QtWidgets.QMessageBox, answer_message("Delete", said))
    qtbot.keyClick(dialog.lists["company"], QtCore.Qt.Key.Key_Delete)
    back_to(qtbot, dialog)
    assert "Amazon" not in window.timeline.lane_names()
    assert window.controller.total_count == 17
    assert window.filter_panel.companies.item_for_text("Amazon") is None
    assert "Amazon" not in [row[0] for row in rows(dialog, "company")]
    assert "Amazon" not in file_names(builtin_copy, "companies")
    assert window.undo_action.text() == "&Undo delete company “Amazon”"

    qtbot.keyClick(dialog.lists["company"], QtCore.Qt.Key.Key_Z, CTRL)
    assert "Amazon" in window.timeline.lane_names()
    assert window.controller.total_count == 19
    assert "Amazon" in [row[0] for row in rows(dialog, "company")]


def test_a_category_merged_from_the_filter_list_menu_moves_its_events(
    qtbot, make_window, builtin_copy
):
    window = make_window(builtin_copy)
    said: list[str] = []
    when_shown(QtWidgets.QInputDialog, merge_into("Statement", said))
    context_menu(qtbot, window, "category", "Investment", "Merge into…")
    assert said[0].startswith("Move the 2 events of “Investment” into the category")
    categories = [name for _id, name in window.controller.categories]
    assert "Investment" not in categories
    assert window.filter_panel.categories.item_for_text("Statement (4)") is not None
    assert window.undo_action.text() == "&Undo merge category “Investment” into “Statement”"
    assert window.controller.total_count == 19

    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Z, CTRL)
    assert window.filter_panel.categories.item_for_text("Investment (2)") is not None
    assert window.filter_panel.categories.item_for_text("Statement (2)") is not None


def test_a_category_deleted_from_the_filter_list_menu_takes_its_event_and_undo_restores(
    qtbot, make_window, builtin_copy
):
    window = make_window(builtin_copy)
    said: list[str] = []
    when_shown(QtWidgets.QMessageBox, answer_message("Delete", said))
    context_menu(qtbot, window, "category", "Controversy", "Delete…")
    assert said == ["Delete “Controversy” and its 1 event? Undo (Ctrl+Z) brings it back."]
    assert window.filter_panel.categories.item_for_text("Controversy") is None
    assert window.controller.total_count == 18
    assert "Controversy" not in file_names(builtin_copy, "categories")

    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Z, CTRL)
    assert window.filter_panel.categories.item_for_text("Controversy (1)") is not None
    assert window.controller.total_count == 19


def test_the_dialog_follows_a_copy_of_the_built_in_dataset_saved_before_the_first_change(
    qtbot, make_window, tmp_path, monkeypatch
):
    window = make_window()  # the built-in dataset, read-only
    assert window.controller.is_builtin
    copy = tmp_path / "mine.db"
    asked: list[str] = []
    monkeypatch.setattr(window, "ask", lambda title, text: asked.append(text) or True)
    monkeypatch.setattr(window, "choose_save_path", lambda *a: (str(copy), ""))
    dialog = open_names(qtbot, window)
    click_row(qtbot, dialog, "company", "IBM")

    def rename(box: QtWidgets.QWidget) -> None:
        assert isinstance(box, TextDialog)
        retype(qtbot, box.field, "IBM Corp.")
        qtbot.keyClick(box.field, QtCore.Qt.Key.Key_Return)

    when_shown(TextDialog, rename)
    qtbot.keyClick(dialog.lists["company"], QtCore.Qt.Key.Key_F2)
    back_to(qtbot, dialog)
    assert "cannot be changed" in asked[0]
    assert window.controller.path == copy
    assert "IBM Corp." in file_names(copy, "companies")
    assert dialog.lists["company"].currentItem().text(0) == "IBM Corp."
    assert "IBM Corp." in window.timeline.lane_names()


def choose_shape(name: str, offered: list[str]) -> Callable[[QtWidgets.QWidget], None]:
    """In the shape dialog: note the shapes offered, pick `name` from the list and OK."""

    def act(dialog: QtWidgets.QWidget) -> None:
        assert isinstance(dialog, QtWidgets.QInputDialog)
        view = dialog.findChild(QtWidgets.QListView)
        model = view.model()
        offered.extend(model.index(r, 0).data() for r in range(model.rowCount()))
        view.setFocus()
        view.setCurrentIndex(model.index(offered.index(name), 0))
        dialog.findChild(QtWidgets.QDialogButtonBox).button(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
        ).click()

    return act


def test_a_shape_chosen_from_the_category_menu_is_drawn_and_kept_after_reopening(
    qtbot, make_window, builtin_copy, tmp_path
):
    from timeline_app.ui.check_list import HINT_ROLE

    window = make_window(builtin_copy)
    colours = window.controller.colours
    taken = {colours.shape(cid).name for cid, _name in window.controller.categories}
    assert len(taken) == 7  # the built-in categories are seven different shapes
    offered: list[str] = []
    when_shown(QtWidgets.QInputDialog, choose_shape("cross", offered))
    context_menu(qtbot, window, "category", "Policy", "Shape…")
    assert "cross" in offered and len(offered) == 8  # none has Policy's colour
    assert window.undo_action.text() == "&Undo draw category “Policy” as a cross"
    hint = window.filter_panel.categories.item_for_text("Policy").data(HINT_ROLE)
    assert hint == "cross"
    window.close()
    again = make_window(builtin_copy)  # the file keeps it
    assert again.filter_panel.categories.item_for_text("Policy").data(HINT_ROLE) == "cross"
    assert again.controller.colours.shape("Policy").name == "cross"
    out = tmp_path / "t.html"
    export.run(export.ExportRequest(out=out, db=builtin_copy))
    assert '"cross"' in out.read_text(encoding="utf-8")
