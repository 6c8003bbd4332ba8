"""The window driven as a person would: clicks, typing, keys; checked by what is on screen."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.model.dataset import builtin_database_path
from timeline_app.ui.detail_pane import HIGHLIGHT
from timeline_app.ui.main_window import MainWindow

AMAZON_REKOGNITION = 16  # "Amazon may keep Rekognition for anti-trafficking work"
REKOGNITION_QUOTE = "as Amazon said it could continue doing with its Rekognition platform."
SOURCE_TITLE = "Microsoft follows Amazon and IBM in restricting police use of facial recognition"


def click_list_entry(qtbot, check_list, prefix: str) -> None:
    item = check_list.item_for_text(prefix)
    assert item is not None, f"no entry starting with {prefix!r}"
    rect = check_list.visual_rect(item)
    qtbot.mouseClick(
        check_list.view.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=rect.center()
    )


def table_column(window: MainWindow, column: int) -> list[str]:
    model = window.table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def click_event(qtbot, window: MainWindow, event_id: int) -> None:
    view = window.timeline
    point = view.point_of_event(event_id)
    assert point is not None, f"event {event_id} is not drawn"
    qtbot.mouseClick(view.viewport_widget(), QtCore.Qt.MouseButton.LeftButton, pos=point)


def test_launch_shows_every_lane_and_event(make_window, builtin_copy):
    window = make_window(builtin_copy)
    assert len(window.timeline.lane_names()) == 10
    assert window.count_label.text() == "19 of 19 events"
    assert window.table.model().rowCount() == 19
    assert "timeline.db" in window.windowTitle()
    assert window.detail.plain_text().startswith("Select an event on the timeline")
    # The table starts in time order and shows dates no more precisely than known.
    dates = table_column(window, 0)
    assert dates[0] == "c. 2018 – 2020"
    assert "c. June 2019" in dates and "March 2020" in dates


def test_launch_without_a_file_opens_the_shipped_dataset_read_only(make_window):
    before = hashlib.sha256(builtin_database_path().read_bytes()).hexdigest()
    window = make_window()
    assert window.controller.path == builtin_database_path()
    assert window.controller.readonly
    assert "read-only" in window.file_label.text()
    assert window.count_label.text() == "19 of 19 events"
    window.close()
    assert hashlib.sha256(builtin_database_path().read_bytes()).hexdigest() == before


def test_unticking_a_company_hides_its_lane_rows_and_count(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    window.controller.select(AMAZON_REKOGNITION)
    assert REKOGNITION_QUOTE in window.detail.plain_text()
    click_list_entry(qtbot, window.filter_panel.companies, "Amazon (2)")
    assert "Amazon" not in window.timeline.lane_names()
    assert len(window.timeline.lane_names()) == 9
    assert "Amazon" not in table_column(window, 1)
    assert window.count_label.text() == "17 of 19 events"
    # The selected event is hidden now, so nothing is selected.
    assert window.controller.selected_id is None
    assert window.detail.plain_text().startswith("Select an event")
    assert window.timeline.layer.selected is None
    click_list_entry(qtbot, window.filter_panel.companies, "Amazon (0 / 2)")
    assert "Amazon" in window.timeline.lane_names()
    assert window.count_label.text() == "19 of 19 events"


def test_none_and_all_buttons(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    companies = window.filter_panel.companies
    qtbot.mouseClick(companies.none_button, QtCore.Qt.MouseButton.LeftButton)
    assert window.timeline.lane_names() == []
    assert window.count_label.text() == "0 of 19 events"
    click_list_entry(qtbot, companies, "IBM")
    assert window.timeline.lane_names() == ["IBM"]
    qtbot.mouseClick(companies.all_button, QtCore.Qt.MouseButton.LeftButton)
    assert len(window.timeline.lane_names()) == 10


def test_search_shows_exactly_the_matching_event(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    qtbot.keyClicks(window.filter_panel.search, "Rekognition")
    qtbot.waitUntil(lambda: window.table.model().rowCount() == 1, timeout=2000)
    assert window.table.titles() == ["Amazon may keep Rekognition for anti-trafficking work"]
    assert window.timeline.lane_names() == ["Amazon"]
    assert window.count_label.text() == "1 of 19 events"


def test_clicking_an_event_shows_its_source_words(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    click_event(qtbot, window, AMAZON_REKOGNITION)
    assert window.controller.selected_id == AMAZON_REKOGNITION
    text = window.detail.plain_text()
    assert "Amazon may keep Rekognition for anti-trafficking work" in text
    assert REKOGNITION_QUOTE in text
    assert SOURCE_TITLE in text
    assert "no link recorded" in text
    # The quoted words are highlighted: background colour and bold.
    found = window.detail.browser.document().find(REKOGNITION_QUOTE)
    assert not found.isNull()
    fmt = found.charFormat()
    assert fmt.background().color() == HIGHLIGHT
    assert fmt.fontWeight() == QtGui.QFont.Weight.Bold
    # Words around the quote are context, not highlighted.
    context = window.detail.browser.document().find("Smith said Microsoft would also")
    assert context.charFormat().fontWeight() != QtGui.QFont.Weight.Bold
    # The table selects and shows the same event.
    rows = window.table.selectionModel().selectedRows()
    assert [window.table.model().id_at(r.row()) for r in rows] == [AMAZON_REKOGNITION]


def test_selecting_a_row_selects_the_event_everywhere(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    model = window.table.model()
    row = model.row_of(AMAZON_REKOGNITION)
    rect = window.table.visualRect(model.index(row, 3))
    qtbot.mouseClick(window.table.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.controller.selected_id == AMAZON_REKOGNITION
    assert window.timeline.layer.selected == AMAZON_REKOGNITION
    assert REKOGNITION_QUOTE in window.detail.plain_text()


def test_arrow_keys_move_through_events_in_time(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    viewport = window.timeline.viewport_widget()
    viewport.setFocus()
    order = [int(i) for i in window.controller.visible.shown_ids_by_time()]
    qtbot.keyClick(viewport, QtCore.Qt.Key.Key_Right)
    assert window.controller.selected_id == order[0]
    qtbot.keyClick(viewport, QtCore.Qt.Key.Key_Right)
    qtbot.keyClick(viewport, QtCore.Qt.Key.Key_Right)
    assert window.controller.selected_id == order[2]
    qtbot.keyClick(viewport, QtCore.Qt.Key.Key_Left)
    assert window.controller.selected_id == order[1]
    title = window.table.model().event_at(window.table.model().row_of(order[1])).title
    assert title in window.detail.plain_text()


def test_keys_work_right_after_launch_and_escape_clears(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    focus = QtWidgets.QApplication.focusWidget()
    assert focus is window.table  # not the search box, where arrows would move a cursor
    qtbot.keyClick(focus, QtCore.Qt.Key.Key_Right)
    first = window.controller.selected_id
    assert first is not None
    assert window.table.model().row_of(first) == 0
    qtbot.keyClick(focus, QtCore.Qt.Key.Key_Down)  # the table's own keys select too
    assert window.controller.selected_id == window.table.model().id_at(1)
    qtbot.keyClick(focus, QtCore.Qt.Key.Key_Escape)
    assert window.controller.selected_id is None
    assert window.detail.plain_text().startswith("Select an event")


def test_arrow_keys_still_edit_text_in_the_search_box(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    window.controller.select(5)
    search = window.filter_panel.search
    search.setFocus()
    qtbot.keyClicks(search, "police")
    qtbot.keyClick(search, QtCore.Qt.Key.Key_Left)
    qtbot.keyClick(search, QtCore.Qt.Key.Key_Left)
    qtbot.keyClick(search, QtCore.Qt.Key.Key_Home)
    qtbot.keyClick(search, QtCore.Qt.Key.Key_Right)
    assert search.cursorPosition() == 1
    qtbot.keyClicks(search, "+-")
    assert search.text() == "p+-olice"
    assert window.controller.selected_id == 5


def test_zoom_keys_and_fit_all(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    viewport = window.timeline.viewport_widget()
    viewport.setFocus()
    t0, t1 = window.timeline.visible_range()
    qtbot.keyClick(viewport, QtCore.Qt.Key.Key_Plus)
    z0, z1 = window.timeline.visible_range()
    assert z1 - z0 == pytest.approx((t1 - t0) / 1.5, rel=0.01)
    qtbot.keyClick(viewport, QtCore.Qt.Key.Key_Equal)
    qtbot.keyClick(viewport, QtCore.Qt.Key.Key_Minus)
    assert window.timeline.visible_range()[1] - window.timeline.visible_range()[0] == (
        pytest.approx(z1 - z0, rel=0.01)
    )
    qtbot.keyClick(viewport, QtCore.Qt.Key.Key_Home)
    assert window.timeline.visible_range() == pytest.approx((t0, t1), rel=1e-6)


def test_lane_order_menu(make_window, builtin_copy):
    window = make_window(builtin_copy)
    window.lane_order_actions["count"].trigger()
    assert window.timeline.lane_names()[:2] == ["Microsoft", "Amazon"]
    window.lane_order_actions["first"].trigger()
    assert window.timeline.lane_names()[0] == "Microsoft"  # since at least 2018
    window.lane_order_actions["name"].trigger()
    assert window.timeline.lane_names()[0] == "ACLU"
    assert window.lane_order_actions["name"].isChecked()


def test_reset_filters_restores_everything(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    panel = window.filter_panel
    click_list_entry(qtbot, panel.companies, "Amazon")
    click_list_entry(qtbot, panel.categories, "Legislation")
    qtbot.mouseClick(panel.from_check, QtCore.Qt.MouseButton.LeftButton)
    panel.from_edit.setDate(QtCore.QDate(2020, 1, 1))
    qtbot.keyClicks(panel.search, "facial")
    qtbot.waitUntil(lambda: window.controller.state.text == "facial", timeout=2000)
    assert not window.count_label.text().startswith("19 of 19")
    window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_R, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert window.count_label.text() == "19 of 19 events"
    assert panel.search.text() == ""
    assert not panel.from_check.isChecked()
    assert not panel.from_edit.isEnabled()
    assert len(panel.companies.checked_keys()) == 10
    assert len(panel.categories.checked_keys()) == 7
    assert len(window.timeline.lane_names()) == 10
    assert not panel.reset_button.isEnabled()


def test_window_state_and_filters_come_back_after_reopening(
    qtbot, make_window, builtin_copy, settings_path
):
    window = make_window(builtin_copy)
    window.resize(780, 640)  # inside the offscreen screen (800x800), or Qt moves it there
    window.main_splitter.setSizes([230, 290, 260])
    window.centre_splitter.setSizes([300, 200])
    sizes = (window.main_splitter.sizes(), window.centre_splitter.sizes())
    click_list_entry(qtbot, window.filter_panel.companies, "Amazon")
    qtbot.keyClicks(window.filter_panel.search, "facial")
    window.lane_order_actions["count"].trigger()
    window.timeline.set_visible_range(*ZOOMED_IN)  # the user zoomed into spring 2020
    window.close()

    again = make_window()  # no path: the last file, with its filters
    assert again.controller.path == builtin_copy
    assert again.timeline.visible_range() == pytest.approx(ZOOMED_IN)  # same place in time
    assert again.size() == QtCore.QSize(780, 640)
    # A narrow window starts with the empty detail pane folded away; it comes back as it was
    # when there is something to show.
    assert again.main_splitter.sizes()[2] == 0
    again.controller.select(again.table.model().id_at(0))
    assert (again.main_splitter.sizes(), again.centre_splitter.sizes()) == sizes
    assert "Amazon" not in again.timeline.lane_names()
    assert again.filter_panel.search.text() == "facial"
    assert again.controller.lane_order == "count"
    assert again.lane_order_actions["count"].isChecked()
    item = again.filter_panel.companies.item_for_text("Amazon")
    assert item.checkState() == QtCore.Qt.CheckState.Unchecked
    assert again.count_label.text() == f"{again.controller.shown_count} of 19 events"
    qtbot.keyClick(again.timeline.viewport_widget(), QtCore.Qt.Key.Key_Home)  # fit all
    again.close()
    third = make_window()
    shown = third.timeline.visible_range()
    third.timeline.fit_all()  # (its width differs: the empty detail pane starts folded)
    assert third.timeline.visible_range() == pytest.approx(shown)  # everything, again


ZOOMED_IN = (1_583_020_800.0, 1_593_561_600.0)  # 1 March to 1 July 2020


def test_a_bad_file_is_refused_and_the_open_one_stays(
    make_window, builtin_copy, tmp_path, open_boxes
):
    window = make_window(builtin_copy)
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n" * 20)
    assert not window.open_path(bad)
    boxes = open_boxes()
    assert len(boxes) == 1
    assert "notes.db" in boxes[0].text()
    assert "not a timeline database" in boxes[0].informativeText()
    assert "timeline.db" in boxes[0].informativeText()  # says what stays open
    assert window.controller.path == builtin_copy
    assert window.count_label.text() == "19 of 19 events"
    assert len(window.timeline.lane_names()) == 10
    assert window.table.model().rowCount() == 19
    boxes[0].close()


def test_open_menu_and_recent_files(qtbot, make_window, builtin_copy, tmp_path, monkeypatch):
    other = tmp_path / "other.db"
    shutil.copyfile(builtin_copy, other)
    window = make_window(builtin_copy)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    window.open_action.trigger()
    assert window.controller.path == other
    assert window.windowTitle().startswith("other.db")
    window.recent_menu.aboutToShow.emit()
    names = [a.text() for a in window.recent_menu.actions()]
    assert names[:2] == ["&1 other.db", "&2 timeline.db"]
    window.recent_menu.actions()[1].trigger()
    assert window.controller.path == builtin_copy


def _drop(window: MainWindow, path: Path) -> None:
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(path))])
    centre = QtCore.QPointF(window.rect().center())
    enter = QtGui.QDragEnterEvent(
        centre.toPoint(),
        QtCore.Qt.DropAction.CopyAction,
        mime,
        QtCore.Qt.MouseButton.LeftButton,
        QtCore.Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QtGui.QDropEvent(
        centre,
        QtCore.Qt.DropAction.CopyAction,
        mime,
        QtCore.Qt.MouseButton.LeftButton,
        QtCore.Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)


def test_dropping_files_on_the_window(qtbot, make_window, builtin_copy, tmp_path, open_boxes):
    other = tmp_path / "dropped.db"
    shutil.copyfile(builtin_copy, other)
    window = make_window(builtin_copy)
    _drop(window, other)
    qtbot.waitUntil(lambda: window.controller.path == other, timeout=2000)
    text_file = tmp_path / "events.csv"
    text_file.write_text("company,title\n")
    _drop(window, text_file)
    qtbot.waitUntil(lambda: len(open_boxes()) == 1, timeout=2000)
    assert "events.csv" in open_boxes()[0].text()
    assert "Import" in open_boxes()[0].informativeText()
    assert window.controller.path == other


def test_import_into_the_builtin_dataset_saves_a_copy_first(
    qtbot, make_window, tmp_path, monkeypatch, open_boxes
):
    before = hashlib.sha256(builtin_database_path().read_bytes()).hexdigest()
    window = make_window()  # the shipped dataset, read-only
    events = tmp_path / "new.csv"
    events.write_text(
        "company,title,category,start\n"
        "Google,Google pauses face matching,Policy,2020-06-12\n"
        "Amazon,Amazon extends the pause,Sales halt,2021-05\n",
        encoding="utf-8",
    )
    copy = tmp_path / "mine.db"
    asked = []
    monkeypatch.setattr(window, "ask", lambda title, text: asked.append(text) or True)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (str(events), ""))
    window.import_action.trigger()
    assert asked and "built-in dataset" in asked[0]
    assert window.controller.path == copy
    assert not window.controller.readonly
    assert window.count_label.text() == "21 of 21 events"
    assert "Google" in window.timeline.lane_names()
    assert window.last_message[0] == "Import finished"
    assert ": 2 event(s) added, 0 updated, 0 unchanged" in window.last_message[1]
    assert hashlib.sha256(builtin_database_path().read_bytes()).hexdigest() == before
    for box in open_boxes():
        box.close()


def test_import_problems_are_explained(make_window, builtin_copy, tmp_path, open_boxes):
    window = make_window(builtin_copy)
    bad = tmp_path / "bad.csv"
    bad.write_text("company,title,category,start\nAmazon,,Policy,2020-13-45\n")
    assert not window.import_path(bad)
    box = open_boxes()[0]
    assert "Nothing was imported from “bad.csv”" in box.text()
    assert "line 2" in box.informativeText()
    assert "“bad.csv”: 2 problem(s), nothing imported" in box.informativeText()  # a sentence
    assert window.count_label.text() == "19 of 19 events"
    box.close()


def test_export_action_opens_the_export_dialog(make_window, builtin_copy, monkeypatch):
    window = make_window(builtin_copy)
    calls = []
    import timeline_app.ui.export_dialog as export_dialog

    monkeypatch.setattr(export_dialog, "run_export_dialog", lambda *a, **k: calls.append((a, k)))
    window.export_action.trigger()
    in_view = window.timeline.visible_range()
    assert calls == [((window, window.controller, in_view), {"theme": "light"})]


def test_about_names_the_data_source(make_window, write_db, tmp_path):
    window = make_window()
    window.about_action.trigger()
    assert SOURCE_TITLE in window.last_message[1]
    window.close_messages()
    text = "One. Two."
    other = write_db(tmp_path / "other.db", [
        {"company": "Acme", "title": "Quoted", "start": "2021-01-05", "quote": "One."},
    ], source_text=text)  # fmt: skip
    window.open_path(other)
    window.about_action.trigger()
    assert "This file's events quote 1 source;" in window.last_message[1]
    window.close_messages()


def test_damaged_settings_are_ignored_not_fatal(make_window, builtin_copy, settings_path):
    settings = QtCore.QSettings(str(settings_path), QtCore.QSettings.Format.IniFormat)
    settings.setValue("files/last", str(builtin_copy))
    settings.setValue("filters/state", "{not json")
    for bad in ('{"file": "%s", "from": "nan", "to": 5}', '{"file": "%s", "from": 9, "to": 2}',
                "[1, 2]", "nonsense"):  # fmt: skip
        settings.setValue("view/time_range", bad.replace("%s", str(builtin_copy)))
        settings.sync()
        window = make_window()
        assert window.controller.path == builtin_copy
        assert window.controller.shown_count == 19  # opened, nothing filtered
        assert window.timeline.is_fitted()  # the whole timeline, as on a first run
        window.close()


def test_the_window_has_the_application_icon(make_window, builtin_copy):
    window = make_window(builtin_copy)
    icon = window.windowIcon()
    assert not icon.isNull()
    assert icon.pixmap(64, 64).width() == 64


def test_dates_stay_in_place_when_a_search_leaves_few_lanes(qtbot, make_window, write_db, tmp_path):
    """With 300 lanes the lane scroll bar shows; a search that leaves three lanes hides it,
    and the timeline keeps its width: no date moves sideways as the person types."""
    events = [{"company": f"Company {n:03d}", "title": "Merger" if n % 100 == 0 else "News",
               "start": "2021-01-05"} for n in range(300)]  # fmt: skip
    window = make_window(write_db(tmp_path / "t.db", events))
    view = window.timeline
    assert view.scrollbar.isVisible()
    plot, overview = view.plot.viewport().width(), view.overview.width()
    x_before = view.viewbox.mapViewToDevice(QtCore.QPointF(view.visible_range()[0], 0)).x()
    search = window.filter_panel.search
    search.setFocus()
    qtbot.keyClicks(search, "merger")
    qtbot.waitUntil(lambda: window.count_label.text() == "3 of 300 events")
    assert not view.scrollbar.isVisible()
    assert (view.plot.viewport().width(), view.overview.width()) == (plot, overview)
    x_after = view.viewbox.mapViewToDevice(QtCore.QPointF(view.visible_range()[0], 0)).x()
    assert x_after == x_before


def test_escape_on_the_import_progress_cancels_the_import(
    qtbot, make_window, builtin_copy, tmp_path, open_boxes
):
    """Escape does what Cancel does: nothing is imported (it used to hide the dialog while
    the import went on)."""
    from tests.ui.test_editing import when_shown

    rows = "".join(f"Acme,Event {n},Policy,2020-01-{1 + n % 28:02d}\n" for n in range(60_000))
    csv = tmp_path / "many.csv"
    csv.write_text("company,title,category,start\n" + rows, encoding="utf-8")
    window = make_window(builtin_copy)
    escaped: list[bool] = []

    def escape(dialog: QtWidgets.QProgressDialog) -> None:
        qtbot.keyClick(dialog, QtCore.Qt.Key.Key_Escape)
        escaped.append(dialog.wasCanceled())

    when_shown(QtWidgets.QProgressDialog, escape)
    assert window.import_path(csv) is False
    assert escaped == [True]
    assert window.count_label.text() == "19 of 19 events"
    for box in open_boxes():
        box.close()
