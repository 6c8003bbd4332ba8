"""The palette as plain data, without Qt: the colours of categories and companies, the
marker shapes, the themes, and how each company and category is drawn. Each category has a
(shape, colour) pair of its own and each company a colour, kept in the file (model/
appearance.py stores them; `plan_categories` and `plan_companies` say which, the same for a
file that cannot be written), so adding a category never changes how the others look. The
window's palette (ui/palette.py) turns these into Qt colours and paths; the web page export
uses them as they are, so both draw a timeline alike."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, Self

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
    # Twenty, so that up to twenty lanes all differ whatever their order or filter.
    "#A0CBE8",
    "#FFBE7D",
    "#8CD17D",
    "#B6992D",
    "#499894",
    "#79706E",
    "#D37295",
    "#D4A6C8",
    "#D7B5A6",
    "#2F4B7C",
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


SHAPE_NAMES = {shape.name: shape for shape in SHAPES}

# Every (shape, colour) pair, in the order new categories take them: the first eight differ
# in both shape and colour, and each further eight pairs every shape with another colour.
PAIRS = [
    (SHAPES[i].name, CATEGORY_COLOURS[(i + 3 * block) % len(CATEGORY_COLOURS)].lower())
    for block in range(len(CATEGORY_COLOURS))
    for i in range(len(SHAPES))
]


def plan_categories(
    ids: Sequence[int], colours: Mapping[int, str], shapes: Mapping[int, str]
) -> dict[int, tuple[str, str]]:
    """(shape name, "#rrggbb") of every category: what the file stores as it is; each other,
    in id order (so a new category comes last and moves nobody), the first pair of PAIRS
    that no category has. When half of it is stored (a colour chosen before the file kept
    shapes, or "Default colour"), the other half is the one it was drawn with, or for a
    colour the first that makes the pair free."""
    plan: dict[int, tuple[str, str]] = {}
    for cid in ids:
        if cid in colours and shapes.get(cid) in SHAPE_NAMES:
            plan[cid] = (shapes[cid], colours[cid].lower())
    used = set(plan.values())
    for cid in sorted(set(ids) - plan.keys()):
        base = next((pair for pair in PAIRS if pair not in used), PAIRS[len(plan) % len(PAIRS)])
        shape = shapes[cid] if shapes.get(cid) in SHAPE_NAMES else None
        if cid in colours:
            pair = (base[0], colours[cid].lower())
        elif shape is not None:
            pair = next((p for p in PAIRS if p[0] == shape and p not in used), (shape, base[1]))
        else:
            pair = base
        plan[cid] = pair
        used.add(pair)
    return plan


def plan_companies(ids_in_lane_order: Sequence[int], colours: Mapping[int, str]) -> dict[int, str]:
    """The colour of every company: the stored one, else (in id order) the palette's colour
    used least so far that neither neighbouring lane (in the default order, by name) has.
    Up to len(COMPANY_COLOURS) companies all differ, so no two lanes ever look alike."""
    order = list(ids_in_lane_order)
    plan = {cid: colours[cid].lower() for cid in order if cid in colours}
    uses = Counter(plan.values())
    palette = [colour.lower() for colour in COMPANY_COLOURS]
    rank = {colour: n for n, colour in enumerate(palette)}
    place = {cid: n for n, cid in enumerate(order)}
    for cid in sorted(set(order) - plan.keys()):
        n = place[cid]
        near = {plan.get(order[m]) for m in (n - 1, n + 1) if 0 <= m < len(order)}
        free = [colour for colour in palette if colour not in near]
        chosen = min(free, key=lambda colour: (uses[colour], rank[colour]))
        plan[cid] = chosen
        uses[chosen] += 1
    return plan


def category_colour_hex(position: int) -> str:
    return CATEGORY_COLOURS[position % len(CATEGORY_COLOURS)]


def category_shape(position: int) -> Shape:
    return SHAPES[position % len(SHAPES)]


def company_colour_hex(company_id: int) -> str:
    return COMPANY_COLOURS[(company_id - 1) % len(COMPANY_COLOURS)]


class HasLooks(Protocol):
    """An opened timeline, as far as drawing it goes (model/timeline.py's OpenedTimeline)."""

    categories: list[tuple[int, str]]
    colours: dict[str, dict[int, str]]
    shapes: dict[int, str]


@dataclass(frozen=True)
class ColourChoice:
    """How each company and category is drawn, as "#rrggbb": its colour kept in the file
    (or planned for it, as plan_companies and plan_categories say), a category's shape
    likewise. Made from an opened timeline and handed to whatever draws, so all agree."""

    chosen: Mapping[str, Mapping[int, str]] = field(default_factory=dict)  # kind -> id -> #hex
    positions: Mapping[int, int] = field(default_factory=dict)  # category id -> list place
    category_ids: Mapping[str, int] = field(default_factory=dict)  # category name -> id
    shapes: Mapping[int, str] = field(default_factory=dict)  # category id -> shape name

    @classmethod
    def of(
        cls,
        categories: Sequence[tuple[int, str]] = (),
        chosen: Mapping[str, Mapping[int, str]] | None = None,
        shapes: Mapping[int, str] | None = None,
    ) -> Self:
        """From the categories in list order and the colours and shapes the file keeps; a
        category without them gets the pair it would be given when the file is written."""
        chosen = dict(chosen or {})
        plan = plan_categories(
            [cid for cid, _name in categories], chosen.get("category", {}), shapes or {}
        )
        chosen["category"] = {cid: colour for cid, (_shape, colour) in plan.items()}
        return cls(
            chosen=chosen,
            positions={cid: pos for pos, (cid, _name) in enumerate(categories)},
            category_ids={name: cid for cid, name in categories},
            shapes={cid: shape for cid, (shape, _colour) in plan.items()},
        )

    @classmethod
    def of_timeline(cls, timeline: HasLooks | None) -> Self:
        if timeline is None:
            return cls()
        return cls.of(timeline.categories, timeline.colours, timeline.shapes)

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
        cid = self.category_ids.get(category) if isinstance(category, str) else category
        named = self.shapes.get(cid) if cid is not None else None
        return (
            SHAPE_NAMES[named] if named in SHAPE_NAMES else category_shape(self._position(category))
        )

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
