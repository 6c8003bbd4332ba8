"""The palette as plain data, without Qt: the colours of categories and companies, the
marker shape of each category, the themes, and which colour a company or category is drawn
in (the one a person chose, kept in the file, else the palette's). The window's palette
(ui/palette.py) turns these into Qt colours and paths; the web page export uses them as they
are, so both draw a timeline alike."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from timeline_app.model.timeline import OpenedTimeline

# Okabe–Ito, distinguishable with the common colour-vision deficiencies.
CATEGORY_COLOURS = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#882255",
    "#6B6B00",
]

# Softer tints for lane swatches and lane backgrounds.
COMPANY_COLOURS = [
    "#4E79A7",
    "#F28E2B",
    "#E15759",
    "#76B7B2",
    "#59A14F",
    "#EDC948",
    "#B07AA1",
    "#FF9DA7",
    "#9C755F",
    "#BAB0AC",
]


@dataclass(frozen=True)
class Shape:
    name: str  # as the filter list names it: "triangle down"
    symbol: str  # pyqtgraph's unit path
    scale: float  # pyqtgraph's unit symbols differ in weight; this evens them out
    glyph: str  # the same shape as a character, for text (the detail pane)


# Marker shape per category, so colour is never the only cue.
SHAPES = [
    Shape("circle", "o", 1.0, "●"),
    Shape("square", "s", 1.0, "■"),
    Shape("diamond", "d", 1.1, "◆"),
    Shape("triangle", "t1", 1.1, "▲"),
    Shape("triangle down", "t", 1.1, "▼"),
    Shape("hexagon", "h", 1.0, "⬢"),
    Shape("star", "star", 1.5, "★"),
    Shape("cross", "+", 1.15, "✚"),
]
SQUARE = SHAPES[1]  # companies are squares of their colour


def category_colour_hex(position: int) -> str:
    return CATEGORY_COLOURS[position % len(CATEGORY_COLOURS)]


def category_shape(position: int) -> Shape:
    return SHAPES[position % len(SHAPES)]


def company_colour_hex(company_id: int) -> str:
    return COMPANY_COLOURS[(company_id - 1) % len(COMPANY_COLOURS)]


@dataclass(frozen=True)
class ColourChoice:
    """How each company and category is drawn, as "#rrggbb": the colour chosen for it, else
    the palette's default; a category's shape (and default colour) by its place in the
    list. Made from an opened timeline and handed to whatever draws, so all agree."""

    chosen: Mapping[str, Mapping[int, str]] = field(default_factory=dict)  # kind -> id -> #hex
    positions: Mapping[int, int] = field(default_factory=dict)  # category id -> list place
    category_ids: Mapping[str, int] = field(default_factory=dict)  # category name -> id

    @classmethod
    def of(
        cls,
        categories: Sequence[tuple[int, str]] = (),
        chosen: Mapping[str, Mapping[int, str]] | None = None,
    ) -> Self:
        """From the categories in list order and the chosen colours by kind and id."""
        return cls(
            chosen=dict(chosen or {}),
            positions={cid: pos for pos, (cid, _name) in enumerate(categories)},
            category_ids={name: cid for cid, name in categories},
        )

    @classmethod
    def of_timeline(cls, timeline: OpenedTimeline | None) -> Self:
        if timeline is None:
            return cls()
        return cls.of(timeline.categories, timeline.colours)

    def chosen_colour(self, kind: str, row_id: int) -> str | None:
        """The colour chosen for a company or category ("#rrggbb"), None for the default."""
        return self.chosen.get(kind, {}).get(row_id)

    def company_hex(self, company_id: int) -> str:
        return self.chosen_colour("company", company_id) or company_colour_hex(company_id)

    def category_position(self, category: int | str) -> int | None:
        """A category's place in the list (by id or by name), None when it is unknown."""
        if isinstance(category, str):
            if category not in self.category_ids:
                return None
            category = self.category_ids[category]
        return self.positions.get(category)

    def category_hex(self, category: int | str) -> str:
        """By id or name; an unknown category is drawn as the first one is by default."""
        cid = self.category_ids.get(category) if isinstance(category, str) else category
        chosen = self.chosen_colour("category", cid) if cid is not None else None
        return chosen or category_colour_hex(self._position(category))

    def shape(self, category: int | str) -> Shape:
        return category_shape(self._position(category))

    def _position(self, category: int | str) -> int:
        position = self.category_position(category)
        return 0 if position is None else position


@dataclass(frozen=True)
class Theme:
    background: str = "#FFFFFF"
    lane_even: str = "#FFFFFF"
    lane_odd: str = "#F3F5F8"
    lane_line: str = "#DDE1E6"
    text: str = "#1F2328"
    muted: str = "#57606A"
    density: str = "#3B5B8C"
    cluster_fill: str = "#FFFFFF"
    selection: str = "#D7263D"

    @staticmethod
    def named(name: str) -> Theme:
        if name == "dark":
            return Theme(
                background="#15181D", lane_even="#15181D", lane_odd="#1C2027",
                lane_line="#2D333B", text="#E6EDF3", muted="#9DA7B3", density="#7FA7E0",
                cluster_fill="#22272E", selection="#FF6B7A",
            )  # fmt: skip
        return Theme()
