"""Shared fixtures: a fresh copy of the built-in dataset and small synthetic databases."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from timeline_app.model.dataset import builtin_database_path  # noqa: E402


@pytest.fixture
def builtin_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped database, so tests never touch the real one."""
    target = tmp_path / "timeline.db"
    shutil.copyfile(builtin_database_path(), target)
    return target
