"""Named loggers for the whole app; no Qt here, so the model and CLI can log too."""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOGGER_NAME = "timeline_app"


def get_logger(name: str = "") -> logging.Logger:
    return logging.getLogger(f"{LOGGER_NAME}.{name}" if name else LOGGER_NAME)


def log_file_path() -> Path:
    """Where the GUI keeps its log, so a user can send it with a bug report."""
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "announcement-timeline" / "timeline.log"


def configure(level: int = logging.INFO, to_file: bool = False) -> None:
    root = get_logger()
    if root.handlers:
        return
    root.setLevel(level)
    handler: logging.Handler = logging.StreamHandler()
    if to_file:
        try:
            path = log_file_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.FileHandler(path, encoding="utf-8")
        except OSError:
            pass
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
