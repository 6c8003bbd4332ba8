"""The filter panel: check lists, dates, search debounce, and no echo loops."""

from __future__ import annotations

import pytest
from PySide6 import QtCore

from timeline_app.ui.controller import Controller
from timeline_app.ui.filter_panel import SEARCH_DELAY_MS, FilterPanel


@pytest.fixture
def panel(qtbot, builtin_copy) -> FilterPanel:
    controller = Controller()
    assert controller.open_file(builtin_copy)
    widget = FilterPanel(controller)
    qtbot.addWidget(widget)
    widget.resize(280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    controller.close()


def click(qtbot, check_list, prefix: str) -> None:
    rect = check_list.visual_rect(check_list.item_for_text(prefix))
    qtbot.mouseClick(
        check_list.view.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=rect.center()
    )


def texts(check_list) -> list[str]:
    model = check_list.proxy
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_lists_show_names_counts_swatches_and_shapes(panel):
    assert "Microsoft (9)" in texts(panel.companies)
    assert "Amazon (2)" in texts(panel.companies)
    assert not panel.companies.item_for_text("Microsoft").icon().isNull()
    assert "Legislation (6)" in texts(panel.categories)
    legislation = panel.categories.item_for_text("Legislation")
    assert not legislation.icon().isNull()
    from timeline_app.ui.check_list import HINT_ROLE

    # The shape named is the one the timeline draws Legislation's markers in.
    assert legislation.data(HINT_ROLE) == panel.controller.colours.shape("Legislation").name
    assert not panel.companies.filter_edit.isVisible()  # only 10 companies


def test_clicking_an_entry_toggles_it(qtbot, panel):
    click(qtbot, panel.companies, "Microsoft")
    assert panel.controller.shown_count == 10
    click(qtbot, panel.categories, "Legislation")
    assert panel.controller.shown_count == 5  # 5 of the 10 are Legislation
    click(qtbot, panel.categories, "Legislation")
    click(qtbot, panel.companies, "Microsoft")
    assert panel.controller.state.is_default


def test_space_key_toggles_the_current_entry(qtbot, panel):
    view = panel.companies.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))  # ACLU
    qtbot.keyClick(view, QtCore.Qt.Key.Key_Space)
    assert panel.controller.shown_count == 18


def test_search_waits_for_a_pause_in_typing(qtbot, panel):
    qtbot.keyClicks(panel.search, "Rekog")
    assert panel.controller.state.text == ""  # not on every key
    qtbot.wait(SEARCH_DELAY_MS + 150)
    assert panel.controller.state.text == "Rekog"
    assert panel.controller.shown_count == 1
    qtbot.keyClick(panel.search, QtCore.Qt.Key.Key_A, QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.search, QtCore.Qt.Key.Key_Backspace)
    qtbot.keyClick(panel.search, QtCore.Qt.Key.Key_Return)  # Return applies at once
    assert panel.controller.shown_count == 19


def test_date_range(qtbot, panel):
    qtbot.mouseClick(panel.from_check, QtCore.Qt.MouseButton.LeftButton)
    assert panel.from_edit.isEnabled()
    assert panel.controller.state.date_from == "2018-01-01"  # the first event's day
    panel.from_edit.setDate(QtCore.QDate(2020, 6, 1))
    assert panel.controller.state.date_from == "2020-06-01"
    shown = panel.controller.shown_count
    assert 0 < shown < 19
    qtbot.mouseClick(panel.to_check, QtCore.Qt.MouseButton.LeftButton)
    panel.to_edit.setDate(QtCore.QDate(2019, 1, 1))
    assert panel.controller.shown_count == 1  # only the 2018-2020 span covers the gap
    assert panel.date_warning.isVisible()
    assert "after" in panel.date_warning.text()
    qtbot.mouseClick(panel.to_check, QtCore.Qt.MouseButton.LeftButton)
    assert not panel.date_warning.isVisible()
    assert panel.controller.shown_count == shown


def test_updates_from_the_controller_do_not_echo(qtbot, panel, monkeypatch):
    calls = []
    original = panel.controller.set_filters
    monkeypatch.setattr(
        panel.controller, "set_filters", lambda state: calls.append(state) or original(state)
    )
    panel.controller.set_companies([1])
    panel.controller.set_text("police")
    panel.controller.set_dates("2019-01-01", None)
    assert len(calls) == 3
    assert panel.search.text() == "police"
    assert panel.from_check.isChecked() and not panel.to_check.isChecked()
    assert panel.companies.checked_keys() == {1}
    qtbot.mouseClick(panel.reset_button, QtCore.Qt.MouseButton.LeftButton)
    assert len(calls) == 4
    assert panel.search.text() == "" and not panel.from_check.isChecked()
    assert len(panel.companies.checked_keys()) == 10


def test_hundreds_of_companies_stay_usable(qtbot, tmp_path, write_db):
    events = [
        {"company": f"Company {n:03d}", "title": f"Event {n}", "start": "2020-01-01"}
        for n in range(400)
    ]
    controller = Controller()
    assert controller.open_file(write_db(tmp_path / "many.db", events))
    panel = FilterPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(280, 700)
    panel.show()
    qtbot.waitExposed(panel)
    companies = panel.companies
    assert companies.filter_edit.isVisible()
    qtbot.keyClicks(companies.filter_edit, "company 12")
    assert texts(companies) == [f"Company 12{n} (1)" for n in range(10)]
    qtbot.mouseClick(companies.none_button, QtCore.Qt.MouseButton.LeftButton)
    assert controller.shown_count == 390  # "None" acts on the entries shown
    assert len(controller.visible.lanes) == 390
    # The narrowed list shows the new counts, and only its entries.
    assert texts(companies) == [f"Company 12{n} (0 / 1)" for n in range(10)]
    assert companies.item_for_text("Company 300").text() == "Company 300 (1 / 1)"
    click(qtbot, companies, "Company 125")
    assert controller.shown_count == 391
    assert "Company 125 (1 / 1)" in texts(companies)
    qtbot.mouseClick(companies.all_button, QtCore.Qt.MouseButton.LeftButton)
    assert controller.state.is_default
    assert texts(companies) == [f"Company 12{n} (1)" for n in range(10)]
    # A tick after the relabelling is still heard.
    click(qtbot, companies, "Company 121")
    assert controller.shown_count == 399
    controller.close()


def test_from_after_to_shows_the_days_between_where_matches_lie(qtbot, make_window, builtin_copy):
    import datetime

    from timeline_app.model.dates import epoch_seconds

    window = make_window(builtin_copy)
    panel = window.filter_panel
    qtbot.mouseClick(panel.from_check, QtCore.Qt.MouseButton.LeftButton)
    panel.from_edit.setDate(QtCore.QDate(2020, 6, 1))
    qtbot.mouseClick(panel.to_check, QtCore.Qt.MouseButton.LeftButton)
    panel.to_edit.setDate(QtCore.QDate(2019, 1, 1))
    assert panel.date_warning.isVisible() and window.controller.shown_count == 1
    left, right = window.timeline.visible_range()
    day = 86_400
    assert abs(left - epoch_seconds(datetime.date(2019, 1, 1))) < 2 * day
    assert abs(right - epoch_seconds(datetime.date(2020, 6, 1))) < 2 * day
