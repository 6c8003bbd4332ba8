"""When the filters hide everything the timeline says so and offers "Reset filters"; the
lists say how many of each entry's events are shown; the searched words are marked in the
detail pane."""

from __future__ import annotations

from PySide6 import QtCore, QtGui

from timeline_app.ui.detail_pane import HIGHLIGHT, SEARCH_HIGHLIGHT

AMAZON_REKOGNITION = 16  # "Amazon may keep Rekognition for anti-trafficking work"


def click_entry(qtbot, check_list, prefix: str) -> None:
    rect = check_list.visual_rect(check_list.item_for_text(prefix))
    qtbot.mouseClick(
        check_list.view.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=rect.center()
    )


def entry_texts(check_list) -> list[str]:
    model = check_list.proxy
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def notice_shown(window) -> bool:
    notice = window.empty_notice
    return notice.isVisible() and notice.message.text() == "No events match these filters"


def click_reset_link(qtbot, window) -> None:
    link = window.empty_notice.link
    assert link.text().endswith(">Reset filters</a>")
    qtbot.mouseClick(link, QtCore.Qt.MouseButton.LeftButton, pos=link.rect().center())


def test_no_company_ticked_says_so_and_the_link_resets(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    assert not window.empty_notice.isVisible()
    qtbot.mouseClick(window.filter_panel.companies.none_button, QtCore.Qt.MouseButton.LeftButton)
    assert window.count_label.text() == "0 of 19 events"
    assert notice_shown(window)
    # Over the timeline, in the middle of it, and not hidden behind the plot.
    notice, view = window.empty_notice, window.timeline
    assert notice.parentWidget() is view
    assert view.rect().contains(notice.geometry())
    assert abs(notice.geometry().center().x() - view.rect().center().x()) <= 2
    assert view.childAt(notice.geometry().center()) in (notice, notice.message, notice.link)

    click_reset_link(qtbot, window)
    assert window.count_label.text() == "19 of 19 events"
    assert len(window.timeline.lane_names()) == 10
    assert not window.empty_notice.isVisible()


def test_a_search_with_no_hits_says_so(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    qtbot.keyClicks(window.filter_panel.search, "xylophone")
    qtbot.keyClick(window.filter_panel.search, QtCore.Qt.Key.Key_Return)
    assert notice_shown(window)
    window.resize(window.width() - 200, window.height())  # stays in the middle
    qtbot.waitUntil(
        lambda: abs(window.empty_notice.geometry().center().x() - window.timeline.width() // 2) <= 2
    )
    click_reset_link(qtbot, window)
    assert window.filter_panel.search.text() == ""
    assert window.count_label.text() == "19 of 19 events"
    assert not window.empty_notice.isVisible()


def test_counts_say_shown_of_total_under_a_filter(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    panel = window.filter_panel
    assert "Microsoft (9)" in entry_texts(panel.companies)
    assert "Legislation (6)" in entry_texts(panel.categories)
    click_entry(qtbot, panel.companies, "Microsoft")
    companies = entry_texts(panel.companies)
    assert "Microsoft (0 / 9)" in companies and "Amazon (2 / 2)" in companies
    categories = entry_texts(panel.categories)
    assert "Legislation (5 / 6)" in categories  # Microsoft's one is not shown
    shown = sum(int(text.split("(")[1].split("/")[0]) for text in categories)
    assert shown == 10 == window.controller.shown_count  # the lists agree with the status bar

    qtbot.keyClicks(panel.search, "Rekognition")
    qtbot.keyClick(panel.search, QtCore.Qt.Key.Key_Return)
    companies = entry_texts(panel.companies)
    assert "Amazon (1 / 2)" in companies and "IBM (0 / 1)" in companies

    qtbot.keyClick(window, QtCore.Qt.Key.Key_R, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert "Microsoft (9)" in entry_texts(panel.companies)
    assert "Legislation (6)" in entry_texts(panel.categories)


def formats_of(window, word: str) -> list[QtGui.QTextCharFormat]:
    """The format of each place `word` appears in the detail pane (any letter case)."""
    document = window.detail.browser.document()
    found, cursor = [], QtGui.QTextCursor(document)
    while not (cursor := document.find(word, cursor)).isNull():
        found.append(cursor.charFormat())
    return found


def test_searched_words_are_marked_in_the_detail_pane(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    qtbot.keyClicks(window.filter_panel.search, "rekog")
    qtbot.keyClick(window.filter_panel.search, QtCore.Qt.Key.Key_Return)
    assert window.table.model().rowCount() == 1
    window.table.setFocus()
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Down)  # the one row found
    assert window.controller.selected_id == AMAZON_REKOGNITION
    places = formats_of(window, "Rekognition")  # the whole word that "rekog" begins
    assert len(places) >= 2  # the title and the quote at least
    assert all(f.background().color() == SEARCH_HIGHLIGHT for f in places)
    assert all(f.fontUnderline() for f in places)
    # The rest of the quote keeps the quote's highlight.
    assert formats_of(window, "anti-trafficking")[0].background().color() != SEARCH_HIGHLIGHT
    assert formats_of(window, "continue doing")[0].background().color() == HIGHLIGHT

    qtbot.keyClick(window, QtCore.Qt.Key.Key_R, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert window.controller.selected_id == AMAZON_REKOGNITION  # still shown, now unmarked
    assert formats_of(window, "Rekognition")
    assert not any(
        f.background().color() == SEARCH_HIGHLIGHT for f in formats_of(window, "Rekognition")
    )


def test_a_new_timeline_says_it_is_empty_and_its_link_adds_a_source(qtbot, make_window, tmp_path):
    from PySide6 import QtWidgets

    from tests.ui.test_editing import back_to, when_shown
    from timeline_app.ui.source_dialog import SourceDialog

    window = make_window()
    assert window.controller.new_file(tmp_path / "mine.db")
    notice = window.empty_notice
    qtbot.waitUntil(notice.isVisible)
    assert notice.message.text() == "This timeline has no events yet"
    import datetime

    from timeline_app.model.dates import epoch_seconds

    t0, t1 = window.timeline.visible_range()  # this year under it, not 1970
    assert t0 <= epoch_seconds(datetime.date.today()) <= t1
    assert "Add a source…" in notice.link.text() and "import events…" in notice.link.text()
    opened: list[str] = []

    def note(dialog: QtWidgets.QDialog) -> None:
        opened.append(dialog.windowTitle())
        dialog.reject()

    when_shown(SourceDialog, note)
    link = notice.link  # "Add a source…" opens the label's text
    qtbot.mouseClick(
        link, QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(12, link.height() // 2)
    )
    back_to(qtbot, window)
    assert len(opened) == 1
    assert notice.isVisible()  # still empty: nothing was added
