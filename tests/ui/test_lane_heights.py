"""Lane heights: busy lanes grow to show their sub-rows, no lane becomes a sliver, and a
long list scrolls by whole lanes that end flush with the bottom."""

from __future__ import annotations

import pytest

from timeline_app.ui.timeline.lane_heights import (
    LANE_MAX_PX,
    LANE_MIN_PX,
    fill_down,
    height_for_rows,
    last_first_row,
    share_height,
    stack,
)


def test_a_lane_grows_with_its_sub_rows_but_never_below_the_minimum() -> None:
    assert height_for_rows(1) == LANE_MIN_PX
    assert height_for_rows(6) > height_for_rows(3) > LANE_MIN_PX


def test_spare_room_is_shared_evenly_and_the_busy_lane_keeps_what_it_needs() -> None:
    busy = height_for_rows(5)
    heights = share_height([LANE_MIN_PX, busy, LANE_MIN_PX], 220)
    assert sum(heights) == pytest.approx(220)
    assert heights[1] >= busy
    assert heights[0] == pytest.approx(heights[2])
    assert max(heights[0], heights[2]) <= LANE_MAX_PX


def test_few_quiet_lanes_stop_growing_at_the_roomy_height() -> None:
    assert share_height([LANE_MIN_PX, LANE_MIN_PX], 1000) == [LANE_MAX_PX, LANE_MAX_PX]


def test_without_room_busy_lanes_give_way_in_proportion_but_never_below_the_minimum() -> None:
    needs = [LANE_MIN_PX, LANE_MIN_PX + 60, LANE_MIN_PX + 20]
    heights = share_height(needs, 3 * LANE_MIN_PX + 40)
    assert sum(heights) == pytest.approx(3 * LANE_MIN_PX + 40)
    assert heights[0] == LANE_MIN_PX
    assert heights[1] - LANE_MIN_PX == pytest.approx(3 * (heights[2] - LANE_MIN_PX))


def test_lanes_stack_from_the_top_without_gaps() -> None:
    slots = stack(4, [40, 60, 34])
    assert [(s.row, s.top, s.height) for s in slots] == [(4, 0, 40), (5, 40, 60), (6, 100, 34)]
    assert slots[1].centre == 70


def test_filling_down_stops_once_the_view_is_full() -> None:
    needs = {row: (90.0 if row == 2 else LANE_MIN_PX) for row in range(100)}
    heights = fill_down(0, 100, needs.__getitem__, 200)
    assert heights == [LANE_MIN_PX, LANE_MIN_PX, 90.0, LANE_MIN_PX, LANE_MIN_PX]


def test_scrolling_ends_with_the_last_lanes_whole_at_the_bottom() -> None:
    needs = {row: (90.0 if row == 98 else LANE_MIN_PX) for row in range(100)}
    first = last_first_row(100, needs.__getitem__, 200)
    shown = fill_down(first, 100, needs.__getitem__, 200)
    assert first + len(shown) == 100  # the list ends with the last lane
    assert sum(shown) <= 200  # and it is whole
    assert sum(shown) + needs[first - 1] > 200  # one more lane would not fit
