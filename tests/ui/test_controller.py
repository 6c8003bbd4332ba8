"""The controller between model and widgets: files, filters, selection, sorting, paging."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore

from timeline_app.model.filters import FilterState
from timeline_app.ui.controller import Controller
from timeline_app.ui.event_table import PAGE_SIZE, EventTableModel
from timeline_app.ui.settings import AppSettings, SavedFilters

AMAZON = 2
MICROSOFT = 1


@pytest.fixture
def controller(qtbot, builtin_copy) -> Controller:
    c = Controller()
    assert c.open_file(builtin_copy)
    yield c
    c.close()


def test_open_emits_and_counts(qtbot, builtin_copy):
    c = Controller()
    with qtbot.waitSignals([c.datasetChanged, c.filtersChanged], timeout=1000):
        assert c.open_file(builtin_copy)
    assert (c.shown_count, c.total_count) == (19, 19)
    assert [name for _, name in c.categories][:2] == ["Controversy", "Investigation"]
    assert not c.readonly
    c.close()


def test_a_bad_file_keeps_the_open_one(qtbot, controller, tmp_path):
    bad = tmp_path / "renamed.db"
    bad.write_bytes(b"%PDF-1.4 not a database" * 10)
    with qtbot.waitSignal(controller.errorRaised, timeout=1000) as signal:
        assert not controller.open_file(bad)
    message = signal.args[0]
    assert message.startswith("Could not open “renamed.db”.")
    assert "not a timeline database" in message
    assert "“timeline.db” is still open." in message
    assert controller.shown_count == 19
    assert controller.event_detail(1) is not None  # the old store still answers


def test_missing_and_folder_paths_are_messages_not_crashes(qtbot, controller, tmp_path):
    for path in (tmp_path / "missing.db", tmp_path):
        with qtbot.waitSignal(controller.errorRaised, timeout=1000):
            assert not controller.open_file(path)
    assert controller.total_count == 19


def test_text_search_uses_the_search_index(controller):
    controller.set_text("Rekognition")
    assert controller.shown_count == 1
    assert [int(i) for i in controller.shown_ids()] == [16]
    controller.set_categories([7])  # Policy; the text filter must survive a mask rebuild
    assert controller.shown_count == 1
    controller.set_text("  ")
    assert controller.shown_count == 3
    controller.set_text('"unbalanced AND (')
    assert controller.shown_count == 0


def test_selection_is_cleared_when_its_event_is_filtered_out(qtbot, controller):
    controller.select(16)
    assert controller.selected_id == 16
    with qtbot.waitSignal(controller.selectionChanged, timeout=1000) as signal:
        controller.set_companies([MICROSOFT])
    assert signal.args == [None]
    assert controller.selected_id is None
    controller.select(16)  # hidden events cannot be selected
    assert controller.selected_id is None


def test_next_and_previous_follow_time(controller):
    order = [int(i) for i in controller.visible.shown_ids_by_time()]
    controller.select_next()
    assert controller.selected_id == order[0]
    controller.select_next()
    assert controller.selected_id == order[1]
    controller.select_previous()
    controller.select_previous()  # at the first event: stays
    assert controller.selected_id == order[0]
    controller.select(order[-1])
    controller.select_next()
    assert controller.selected_id == order[-1]


def test_sorting_by_each_column(controller):
    by_date = [int(i) for i in controller.shown_ids("date")]
    assert by_date == [int(i) for i in controller.visible.shown_ids_by_time()]
    assert [int(i) for i in controller.shown_ids("date", descending=True)] == by_date[::-1]
    events = controller.events_by_ids(by_date)

    def names(key: str, descending: bool = False) -> list[str]:
        attr = {"company": "company", "category": "category", "title": "title"}[key]
        return [getattr(events[int(i)], attr) for i in controller.shown_ids(key, descending)]

    for key in ("company", "category", "title"):
        got = names(key)
        assert got == sorted(got, key=str.casefold), key
        assert names(key, True) == sorted(got, key=str.casefold, reverse=True), key
    # Ties stay in time order.
    microsoft = [i for i in controller.shown_ids("company") if events[int(i)].company_id == 1]
    starts = [events[int(i)].start_ts for i in microsoft]
    assert starts == sorted(starts)


def test_filters_are_saved_and_restored_by_name(controller):
    controller.set_companies([c.id for c in controller.companies if c.name != "Amazon"])
    controller.set_categories([cid for cid, name in controller.categories if name != "Policy"])
    controller.set_text("facial")
    controller.set_dates("2019-01-01", "2020-12-31")
    saved = controller.saved_filters()
    assert saved.hidden_companies == ["Amazon"]
    assert saved.hidden_categories == ["Policy"]
    text = saved.to_json()
    controller.reset_filters()
    assert controller.state.is_default
    controller.restore_filters(SavedFilters.from_json(text))
    assert controller.state.companies is not None and AMAZON not in controller.state.companies
    assert controller.state.text == "facial"
    assert (controller.state.date_from, controller.state.date_to) == ("2019-01-01", "2020-12-31")


def test_restoring_nonsense_is_harmless(controller):
    assert SavedFilters.from_json("not json") is None
    assert SavedFilters.from_json("[1, 2]") is None
    saved = SavedFilters.from_json('{"hidden_companies": "Amazon", "date_from": "2020-99-99"}')
    controller.restore_filters(saved)
    assert controller.state == FilterState()


def test_settings_round_trip(tmp_path):
    settings = AppSettings(path=tmp_path / "s.ini")
    for number in range(15):
        (tmp_path / f"f{number}.db").touch()  # files gone since are not listed
        settings.add_recent_file(tmp_path / f"f{number}.db")
    settings.add_recent_file(tmp_path / "f3.db")
    recent = settings.recent_files()
    assert len(recent) == 10 and recent[0].name == "f3.db" and recent[1].name == "f14.db"
    settings.set_lane_order("count")
    settings.sync()
    again = AppSettings(path=tmp_path / "s.ini")
    assert again.lane_order() == "count"
    assert again.recent_files() == recent


def test_reload_after_a_write_keeps_filters_and_shows_new_companies(controller, tmp_path):
    controller.set_companies([MICROSOFT])
    csv = tmp_path / "more.csv"
    csv.write_text("company,title,category,start\nGoogle,Google pause,Policy,2020-06-12\n")
    result = controller.import_file(csv)
    assert result.added == 1
    assert [lane.company.name for lane in controller.visible.lanes] == ["Google", "Microsoft"]
    assert controller.total_count == 20


def test_a_read_only_file_is_copied_before_importing(qtbot, tmp_path):
    from timeline_app.model.dataset import builtin_database_path

    c = Controller()
    assert c.open_file(builtin_database_path())
    assert c.readonly and c.is_builtin
    with qtbot.waitSignal(c.errorRaised, timeout=1000):
        assert c.import_file(tmp_path / "x.csv") is None
    assert c.save_copy(tmp_path / "copy.db")
    assert c.path == tmp_path / "copy.db" and not c.readonly
    assert c.total_count == 19
    c.close()


def test_table_model_reads_rows_a_page_at_a_time(qtbot, tmp_path, write_db):
    count = 3 * PAGE_SIZE + 10
    events = [
        {
            "company": f"Company {n % 7}",
            "title": f"Event {count - n:05d}",
            "start": f"{2000 + n % 20}-{1 + n % 12:02d}-{1 + n % 28:02d}",
        }
        for n in range(count)
    ]
    path = write_db(tmp_path / "big.db", events)
    c = Controller()
    assert c.open_file(path)
    model = EventTableModel(c)
    model.refresh()
    assert model.rowCount() == count
    assert model.pages_fetched == 0
    model.index(0, 3).data()
    model.index(PAGE_SIZE - 1, 0).data()
    assert model.pages_fetched == 1
    model.index(count - 1, 3).data()
    assert model.pages_fetched == 2
    model.sort(3)
    assert model.index(0, 3).data() == "Event 00001"
    ids = model.ids()
    assert isinstance(ids, np.ndarray) and ids.size == count
    c.close()


def test_cancelling_an_import_writes_nothing_and_says_nothing(qtbot, controller, tmp_path):
    from timeline_app.ui.controller import ImportCancelled

    rows = "".join(f"Acme,Event {n},Policy,2020-01-{1 + n % 28:02d}\n" for n in range(600))
    csv = tmp_path / "many.csv"
    csv.write_text("company,title,category,start\n" + rows)
    calls = []

    def cancel(done, total):
        calls.append((done, total))
        raise ImportCancelled()

    errors = []
    controller.errorRaised.connect(errors.append)
    assert controller.import_file(csv, progress_callback=cancel) is None
    assert calls and errors == []
    assert controller.total_count == 19


def test_the_title_order_worked_out_in_the_background_is_the_one_sorting_gives(
    qtbot, builtin_copy, monkeypatch
):
    """A big file's order by title is sorted on the checking thread; the table then sorts
    without asking SQLite, in the same order as asking it would give."""
    from timeline_app.model.timeline import OpenedTimeline
    from timeline_app.ui import controller as controller_module

    monkeypatch.setattr(controller_module, "TITLE_ORDER_AHEAD", 0)
    c = Controller()
    with qtbot.waitSignal(c.titleOrderKnown, timeout=5000):
        assert c.open_file(builtin_copy)
    assert "title" in c.timeline._ranks  # noqa: SLF001 - what the background left ready
    with OpenedTimeline.open(builtin_copy, readonly=True) as fresh:
        for descending in (False, True):
            expected = fresh.shown_ids("title", descending).tolist()
            assert c.shown_ids("title", descending).tolist() == expected
    # worked out before a step, it is not used after it
    stale = c.timeline._ranks.pop("title")  # noqa: SLF001
    c.timeline.generation += 1
    c.timeline.adopt_title_rank(stale, c.timeline.generation - 1)
    assert "title" not in c.timeline._ranks  # noqa: SLF001
    c.close()


@pytest.mark.parametrize("column", [0, 1, 3])
@pytest.mark.parametrize("descending", [False, True])
def test_the_table_finds_each_events_row_in_any_order_and_filter(controller, column, descending):
    """The row a selection scrolls the table to is the event's own, sorted any way, with
    or without a filter (with none, by date, it is found without a pass over the rows)."""
    model = EventTableModel(controller)
    order = (
        QtCore.Qt.SortOrder.DescendingOrder if descending else QtCore.Qt.SortOrder.AscendingOrder
    )
    model.sort(column, order)
    for state in (FilterState(), FilterState(companies=frozenset({AMAZON, MICROSOFT}))):
        controller.set_filters(state)
        model.refresh()
        ids = model.ids().tolist()
        assert len(ids) == controller.shown_count
        assert [model.row_of(i) for i in ids] == list(range(len(ids)))
        hidden = set(controller.timeline.index.event_id.tolist()) - set(ids)
        assert all(model.row_of(i) is None for i in hidden)


def test_a_controller_let_go_during_its_background_check_is_freed_on_the_gui_thread(
    qtbot, builtin_copy, monkeypatch
):
    """The check's thread must never hold the controller: if it held the last reference,
    Qt would destroy the controller on that thread while the window's thread delivers its
    events (a segmentation fault, seen once in a full test run)."""
    import gc
    import threading
    import weakref

    from timeline_app.model import lanes

    started, release = threading.Event(), threading.Event()
    real_fingerprint = lanes.rows_fingerprint

    def slow_fingerprint(conn):
        started.set()
        release.wait(10)
        return real_fingerprint(conn)

    monkeypatch.setattr(lanes, "rows_fingerprint", slow_fingerprint)
    c = Controller()
    assert c.open_file(builtin_copy)
    assert started.wait(5)
    c.close()
    gone = weakref.ref(c)
    del c
    gc.collect()
    try:
        assert gone() is None  # freed here, on the GUI thread, while the check still runs
    finally:
        release.set()
    for thread in threading.enumerate():
        if thread.name == "check-lane-arrays":
            thread.join(5)
    qtbot.wait(50)  # its late answer, if delivered anywhere, finds no controller
