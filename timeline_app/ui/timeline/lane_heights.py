"""How tall each lane is: busy lanes grow to show their sub-rows, none shrinks to a sliver.

A lane needs one sub-row per stack of events that would otherwise cover each other at the
current zoom. When every lane fits at its smallest readable height, the plot's height is
shared out: each lane gets what it needs if there is room, otherwise the room above the
minimum goes to the lanes that need it, in proportion; spare room makes lanes roomier.
When they do not all fit, lanes keep what they need and the list scrolls by whole lanes.
Plain arithmetic, no Qt, so it is tested directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

LANE_MIN_PX = 34.0  # lanes never get thinner than this: more lanes means scrolling
LANE_MAX_PX = 84.0  # spare room makes a lane no taller than this (unless it needs more)
ROW_PITCH_PX = 15.0  # one sub-row: a 12 px marker and its label, with air
LANE_PAD_PX = 2.0  # above the first and below the last sub-row


@dataclass(frozen=True, slots=True)
class LaneSlot:
    """Where one lane is drawn: `row` indexes the visible lanes; top and height in pixels."""

    row: int
    top: float
    height: float

    @property
    def centre(self) -> float:
        return self.top + self.height / 2


def height_for_rows(rows: int) -> float:
    return max(LANE_MIN_PX, rows * ROW_PITCH_PX + 2 * LANE_PAD_PX)


def all_fit(lanes: int, available: float) -> bool:
    return lanes * LANE_MIN_PX <= available


def share_height(needs: Sequence[float], available: float) -> list[float]:
    """Heights for lanes that all fit at LANE_MIN_PX; together they fill `available`
    unless every lane is already at LANE_MAX_PX or more."""
    if not needs:
        return []
    needs = [max(LANE_MIN_PX, need) for need in needs]
    total = sum(needs)
    if total > available:  # squeeze the busy lanes toward the minimum, in proportion
        above = total - LANE_MIN_PX * len(needs)
        room = max(0.0, available - LANE_MIN_PX * len(needs))
        ratio = room / above if above else 0.0
        return [LANE_MIN_PX + (need - LANE_MIN_PX) * ratio for need in needs]
    heights = list(needs)
    spare = available - total
    while spare > 0.5:  # hand out spare room evenly to the lanes still below LANE_MAX_PX
        growing = [i for i, height in enumerate(heights) if height < LANE_MAX_PX]
        if not growing:
            break
        step = spare / len(growing)
        for i in growing:
            grow = min(step, LANE_MAX_PX - heights[i])
            heights[i] += grow
            spare -= grow
    return heights


def stack(first_row: int, heights: Sequence[float], top: float = 0.0) -> list[LaneSlot]:
    slots = []
    for offset, height in enumerate(heights):
        slots.append(LaneSlot(first_row + offset, top, height))
        top += height
    return slots


def fill_down(
    first_row: int, lanes: int, need: Callable[[int], float], available: float
) -> list[float]:
    """Heights of the lanes from `first_row` on, as many as it takes to fill `available`."""
    heights: list[float] = []
    used = 0.0
    row = first_row
    while row < lanes and used < available:
        height = max(LANE_MIN_PX, need(row))
        heights.append(height)
        used += height
        row += 1
    return heights


def last_first_row(lanes: int, need: Callable[[int], float], available: float) -> int:
    """The largest first lane that still fills the view: scrolling stops there, with the
    last lane at the bottom rather than above empty space."""
    used = 0.0
    row = lanes
    while row > 0:
        height = max(LANE_MIN_PX, need(row - 1))
        if used + height > available:
            break
        used += height
        row -= 1
    return min(row, lanes - 1) if lanes else 0
