"""What an image export is asked for, and what it tells back; the one home of the defaults
and presets that the command line and the export dialog both offer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MAX_SIDE_PX = 20_000  # past this, images become unusable in documents anyway
DEFAULT_TITLE = "Announcement timeline"  # above an exported image or page, unless --title
DEFAULT_WIDTH_PX = 1600
DEFAULT_FONT_PX = 12.0  # the smallest text in the picture, as the window draws it at 96 dpi
FONT_PX_RANGE = (8.0, 72.0)


@dataclass(frozen=True)
class Preset:
    """Where the picture goes: a size, and text no smaller than readers there need."""

    name: str
    label: str  # as the export dialog lists it
    width: int
    height: int  # 0: as tall as the lanes need
    font_size: float
    compact: bool = False  # lanes stacked tighter: a phone screen has no height to spare


PRESETS = {
    preset.name: preset
    for preset in (
        Preset("article", "Article (1200 px wide, text 14 px)", 1200, 0, 14.0),
        Preset("slide", "Slide (1920 × 1080, text 22 px)", 1920, 1080, 22.0),
        Preset("mobile", "Mobile (720 px wide, text 16 px)", 720, 0, 16.0, compact=True),
    )
}


@dataclass(frozen=True)
class ImageOptions:
    """How an image is drawn; a web page takes its title, theme and time range."""

    width: int = DEFAULT_WIDTH_PX
    height: int = 0  # 0: as tall as the lanes need
    scale: float = 1.0
    title: str | None = None
    theme: str = "light"
    time_range: tuple[float, float] | None = None  # None: the whole filtered timeline
    font_size: float = DEFAULT_FONT_PX  # pixels of the smallest text; the rest keep scale
    compact: bool = False  # lanes at their least readable height, not roomy


@dataclass(frozen=True)
class ExportResult:
    path: Path
    note: str = ""  # something the user should know, e.g. not every lane fitted
