"""What the window remembers between runs, kept with QSettings.

Everything goes through AppSettings so that tests can point it at a file of their own
(`AppSettings(path=tmp_path / "settings.ini")`) and never touch the user's settings.
Filters are remembered by name (companies and categories the user unticked), so they still
mean the same thing when the file has gained companies since. Files are remembered by their
resolved absolute path (file_key), so `data/timeline.db` typed in one folder is the same
file when the app starts from another, and is listed once in Open Recent.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from PySide6 import QtCore

ORGANISATION = "announcement-timeline"
APPLICATION = "Announcement Timeline"
MAX_RECENT = 10


def file_key(path: str | Path) -> str:
    """The one name a file is remembered by, whatever folder it was opened from."""
    return str(Path(path).expanduser().resolve())


@dataclass
class SavedFilters:
    """The filters of one file, by name; empty lists mean "everything ticked"."""

    file: str = ""
    hidden_companies: list[str] = field(default_factory=list)
    hidden_categories: list[str] = field(default_factory=list)
    text: str = ""
    date_from: str | None = None
    date_to: str | None = None

    @classmethod
    def from_json(cls, text: str) -> SavedFilters | None:
        try:
            data = json.loads(text)
        except (TypeError, ValueError):
            return None
        if not isinstance(data, dict):
            return None

        def names(key: str) -> list[str]:
            value = data.get(key)
            return [str(v) for v in value] if isinstance(value, list) else []

        def optional(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) and value else None

        return cls(
            file=str(data.get("file") or ""),
            hidden_companies=names("hidden_companies"),
            hidden_categories=names("hidden_categories"),
            text=str(data.get("text") or ""),
            date_from=optional("date_from"),
            date_to=optional("date_to"),
        )

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


class AppSettings:
    """Typed access to the app's QSettings."""

    def __init__(
        self, path: str | Path | None = None, qsettings: QtCore.QSettings | None = None
    ) -> None:
        if qsettings is not None:
            self.qsettings = qsettings
        elif path is not None:
            self.qsettings = QtCore.QSettings(str(path), QtCore.QSettings.Format.IniFormat)
        else:
            self.qsettings = QtCore.QSettings(ORGANISATION, APPLICATION)

    def sync(self) -> None:
        self.qsettings.sync()

    def clear(self) -> None:
        self.qsettings.clear()

    # ----- plain values
    def _string(self, key: str) -> str:
        value = self.qsettings.value(key, "")
        return value if isinstance(value, str) else ""

    def _bytes(self, key: str) -> QtCore.QByteArray | None:
        value = self.qsettings.value(key)
        if isinstance(value, QtCore.QByteArray) and not value.isEmpty():
            return value
        if isinstance(value, bytes | bytearray) and value:
            return QtCore.QByteArray(bytes(value))
        return None

    # ----- window
    def window_geometry(self) -> QtCore.QByteArray | None:
        return self._bytes("window/geometry")

    def set_window_geometry(self, data: QtCore.QByteArray) -> None:
        self.qsettings.setValue("window/geometry", data)

    def splitter_state(self, name: str) -> QtCore.QByteArray | None:
        return self._bytes(f"window/splitter_{name}")

    def set_splitter_state(self, name: str, data: QtCore.QByteArray) -> None:
        self.qsettings.setValue(f"window/splitter_{name}", data)

    def table_header_state(self) -> QtCore.QByteArray | None:
        return self._bytes("window/table_header")

    def set_table_header_state(self, data: QtCore.QByteArray) -> None:
        self.qsettings.setValue("window/table_header", data)

    # ----- files
    def last_file(self) -> Path | None:
        text = self._string("files/last")
        return Path(text) if text else None

    def set_last_file(self, path: Path | None) -> None:
        self.qsettings.setValue("files/last", file_key(path) if path else "")

    def recent_files(self) -> list[Path]:
        """Files opened lately, newest first: each once, and only those still there."""
        try:
            items = json.loads(self._string("files/recent") or "[]")
        except ValueError:
            items = []
        if not isinstance(items, list):
            return []
        found: dict[str, Path] = {}
        for item in items:
            if isinstance(item, str) and item and Path(item).is_file():
                found.setdefault(file_key(item), Path(file_key(item)))
        return list(found.values())[:MAX_RECENT]

    def add_recent_file(self, path: Path) -> None:
        text = file_key(path)
        items = [str(p) for p in self.recent_files() if str(p) != text]
        self.qsettings.setValue("files/recent", json.dumps([text, *items][:MAX_RECENT]))

    def clear_recent_files(self) -> None:
        self.qsettings.setValue("files/recent", "[]")

    # ----- view
    def lane_order(self) -> str:
        return self._string("view/lane_order") or "name"

    def set_lane_order(self, order: str) -> None:
        self.qsettings.setValue("view/lane_order", order)

    def theme(self) -> str:
        """The window's theme: "system" (the default), "light" or "dark"."""
        return self._string("view/theme") or "system"

    def set_theme(self, theme: str) -> None:
        self.qsettings.setValue("view/theme", theme)

    # ----- filters
    def filters(self) -> SavedFilters | None:
        return SavedFilters.from_json(self._string("filters/state"))

    def filters_for(self, path: Path) -> SavedFilters | None:
        """The filters saved when `path` was last open, if it was the last file."""
        saved = self.filters()
        return saved if saved is not None and saved.file == file_key(path) else None

    def set_filters(self, saved: SavedFilters | None) -> None:
        if saved is not None and saved.file:
            saved = replace(saved, file=file_key(saved.file))
        self.qsettings.setValue("filters/state", saved.to_json() if saved else "")

    # ----- the time range in view
    def time_range(self, file: Path) -> tuple[float, float] | None:
        """The range last shown for `file`, unless the user had everything in view."""
        try:
            data = json.loads(self._string("view/time_range"))
            t0, t1 = float(data["from"]), float(data["to"])
        except (TypeError, ValueError, KeyError):
            return None
        if data.get("file") != file_key(file) or not (math.isfinite(t0) and math.isfinite(t1)):
            return None
        return (t0, t1) if t1 > t0 else None

    def set_time_range(self, file: Path, time_range: tuple[float, float] | None) -> None:
        """None: the whole timeline was in view, so it is fitted again next time."""
        value = ""
        if time_range is not None:
            value = json.dumps({"file": file_key(file), "from": time_range[0], "to": time_range[1]})
        self.qsettings.setValue("view/time_range", value)
