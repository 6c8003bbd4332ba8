"""After an edit in the window, everything shown says what the rows say, however the edit
was carried (an event moved in the arrays in place changes no object the widgets hold)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from timeline_app.model import edits
from timeline_app.model.types import DatePrecision
from timeline_app.ui.edit_actions import fields_of


@pytest.fixture
def spread(tmp_path: Path) -> Path:
    """Events over many years in a few lanes: an overview with many columns to count in."""
    from timeline_app.generator import generate_database

    return generate_database(tmp_path / "spread.db", events=3_000, companies=5, seed=9)


def middle_event(window) -> int:  # type: ignore[no-untyped-def]
    ids = window.controller.shown_ids()
    return int(ids[len(ids) // 2])


def move_years(window, event_id: int, years: int) -> None:  # type: ignore[no-untyped-def]
    base = fields_of(window.controller.event_detail(event_id))
    moved = replace(
        base, start=str(int(base.start[:4]) + years), precision=DatePrecision.YEAR, end=None
    )
    window.session.run("move", lambda c: edits.save_event(c, event_id, moved))


def fresh_overview_counts(window) -> np.ndarray:  # type: ignore[no-untyped-def]
    overview = window.timeline.overview
    overview._cells_of, overview._matrix_key = None, None
    overview.refresh()
    return overview.counts.copy()


def test_the_overview_counts_an_event_moved_in_place_where_it_went(qtbot, make_window, spread):
    window = make_window(spread)
    target = middle_event(window)
    index = window.controller.lane_index
    before = window.timeline.overview.counts.copy()
    counted: list[int] = []  # every event counted again: carried instead (the move alone)
    recount = window.timeline.overview._lane_columns
    window.timeline.overview._lane_columns = lambda columns: counted.append(1) or recount(columns)
    move_years(window, target, -3)
    assert not counted
    assert window.controller.lane_index is index and index.generation == 1  # in place
    shown = window.timeline.overview.counts.copy()
    assert not np.array_equal(shown, before)
    assert np.array_equal(shown, fresh_overview_counts(window))
    window.session.stack.undo()
    assert np.array_equal(window.timeline.overview.counts, before)


def test_a_background_check_from_before_a_step_is_made_again_not_trusted(
    qtbot, make_window, spread
):
    """The check compares the arrays with the rows on another thread; if a step was
    followed meanwhile (an event moved in the very arrays it read), its answer means
    nothing: it is asked again, and nothing is rebuilt on its word."""
    window = make_window(spread)
    controller = window.controller
    qtbot.waitUntil(lambda: controller._check_round >= 1)
    answers: list[bool] = []
    controller.verified.connect(answers.append)
    round_, stale = controller._check_round, controller.timeline.generation
    move_years(window, middle_event(window), -3)
    index = controller.lane_index
    controller._arrays_checked(round_, stale, False, "")  # "did not match", but stale
    assert controller.lane_index is index  # not rebuilt
    assert controller._check_round == round_ + 1  # asked again
    qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    assert answers[-1] is True


def test_a_retitle_is_read_once_and_remakes_no_list_label(qtbot, make_window, spread, monkeypatch):
    """A step announces the rows, the filter and the selection: each view follows once,
    and what did not change (five hundred labels of the lists at a big file) is left."""
    window = make_window(spread)
    controller = window.controller
    target = middle_event(window)
    controller.select(target)
    reads: list[int] = []
    read = controller.event_detail
    monkeypatch.setattr(controller, "event_detail", lambda i: reads.append(i) or read(i))
    labels: list[object] = []
    for check_list in (window.filter_panel.companies, window.filter_panel.categories):
        set_texts = check_list.set_texts
        monkeypatch.setattr(
            check_list, "set_texts", lambda t, f=set_texts: labels.append(t) or f(t)
        )
    passes: list[object] = []
    flatnonzero = np.flatnonzero
    monkeypatch.setattr(
        "timeline_app.ui.event_table.np.flatnonzero", lambda a: passes.append(1) or flatnonzero(a)
    )
    resets: list[int] = []
    window.table.table_model.modelReset.connect(lambda: resets.append(1))
    base = fields_of(read(target))
    window.session.run(
        "retitle", lambda c: edits.save_event(c, target, replace(base, title="Called otherwise"))
    )
    assert not resets  # the same rows in the same order: only the retitled one is read again
    assert reads == [target]  # the detail pane, once
    assert "Called otherwise" in window.detail.plain_text()
    assert not labels
    assert len(passes) <= 1  # the table's row of the selected event, found once at most
    assert window.table.selectionModel().selectedRows()[0].row() == (
        window.table.table_model.row_of(target)
    )
    row = window.table.table_model.row_of(target)
    assert window.table.table_model.data(window.table.table_model.index(row, 3)) == (
        "Called otherwise"
    )


def test_a_move_puts_the_event_at_its_new_row_of_the_table(qtbot, make_window, spread):
    window = make_window(spread)
    target = middle_event(window)
    window.controller.select(target)
    row = window.table.table_model.row_of(target)
    move_years(window, target, -3)
    ids = window.table.table_model.ids()
    assert np.array_equal(ids, window.controller.timeline.visible_for(
        window.controller.state).shown_ids_by_time())  # fmt: skip
    moved = window.table.table_model.row_of(target)
    assert moved < row and int(ids[moved]) == target
    assert window.table.selectionModel().selectedRows()[0].row() == moved
    window.session.stack.undo()
    assert window.table.table_model.row_of(target) == row


def test_a_retitle_reads_again_only_its_own_title_on_the_timeline(
    qtbot, make_window, spread, monkeypatch
):
    window = make_window(spread)
    controller, view = window.controller, window.timeline
    target = middle_event(window)
    start = float(controller.event_detail(target).event.start_ts)
    view.set_visible_range(start - 40 * 86_400, start + 40 * 86_400)
    controller.select(target)
    view.plot.viewport().repaint()
    assert target in view.drawn_event_ids() and view._titles  # titles drawn, read once
    asked: list[int] = []
    titles = controller.event_titles
    monkeypatch.setattr(controller, "event_titles", lambda ids: asked.extend(ids) or titles(ids))
    base = fields_of(controller.event_detail(target))
    window.session.run(
        "retitle", lambda c: edits.save_event(c, target, replace(base, title="Called otherwise"))
    )
    view.plot.viewport().repaint()
    assert asked == [target]
    assert view._titles[target] == "Called otherwise"
