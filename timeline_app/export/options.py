"""What an image export is asked for, and what it tells back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MAX_SIDE_PX = 20_000  # past this, images become unusable in documents anyway
DEFAULT_TITLE = "Announcement timeline"  # above an exported image or page, unless --title


@dataclass(frozen=True)
class ImageOptions:
    """How an image is drawn; a web page takes its title, theme and time range."""

    width: int = 1600
    height: int = 0  # 0: as tall as the lanes need
    scale: float = 1.0
    title: str | None = None
    theme: str = "light"
    time_range: tuple[float, float] | None = None  # None: the whole filtered timeline


@dataclass(frozen=True)
class ExportResult:
    path: Path
    note: str = ""  # something the user should know, e.g. not every lane fitted
