"""What the window remembers is keyed by the file itself, not by the path as typed: a file
opened as `data/timeline.db` keeps its filters and time range when the app starts from
another folder, is listed once in Open Recent, and `--reset-settings` starts afresh."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6 import QtCore

import timeline_app
from timeline_app.ui.settings import AppSettings

CODE = Path(timeline_app.__file__).resolve().parent.parent  # the code under test
ZOOMED_IN = (1_583_020_800.0, 1_593_561_600.0)  # 1 March to 1 July 2020


def untick(qtbot, check_list, prefix: str) -> None:
    rect = check_list.visual_rect(check_list.item_for_text(prefix))
    qtbot.mouseClick(
        check_list.view.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=rect.center()
    )


@pytest.fixture
def project(tmp_path: Path, builtin_copy: Path) -> Path:
    """A folder holding data/timeline.db, and a sibling folder to start from later."""
    (tmp_path / "project" / "data").mkdir(parents=True)
    shutil.copyfile(builtin_copy, tmp_path / "project" / "data" / "timeline.db")
    (tmp_path / "elsewhere").mkdir()
    return tmp_path / "project"


def test_filters_and_range_of_a_relative_path_come_back_from_another_folder(
    qtbot, make_window, project, monkeypatch
):
    monkeypatch.chdir(project)
    window = make_window(Path("data/timeline.db"))
    untick(qtbot, window.filter_panel.companies, "Amazon")
    window.timeline.set_visible_range(*ZOOMED_IN)
    window.close()

    monkeypatch.chdir(project.parent / "elsewhere")
    again = make_window()  # the last file, though "data/timeline.db" means nothing here
    assert again.controller.path is not None
    assert again.controller.path.resolve() == (project / "data" / "timeline.db").resolve()
    assert "Amazon" not in again.timeline.lane_names()
    assert again.count_label.text() == "17 of 19 events"
    assert again.timeline.visible_range() == pytest.approx(ZOOMED_IN)
    again.close()

    named = make_window(project / "data" / "timeline.db")  # the same file, named in full
    assert "Amazon" not in named.timeline.lane_names()
    assert named.timeline.visible_range() == pytest.approx(ZOOMED_IN)


def test_open_recent_lists_each_file_once_and_only_files_still_there(
    qtbot, make_window, project, monkeypatch, tmp_path
):
    other = tmp_path / "other.db"
    shutil.copyfile(project / "data" / "timeline.db", other)
    monkeypatch.chdir(project)
    window = make_window(Path("data/timeline.db"))
    assert window.open_path(other)
    assert window.open_path(project / "data" / "timeline.db")  # the same file as before
    assert window.open_path(Path("data/../data/timeline.db"))  # and again
    window.recent_menu.aboutToShow.emit()
    names = [a.text() for a in window.recent_menu.actions() if a.text()]
    assert names == ["&1 timeline.db", "&2 other.db", "Clear list"]

    other.unlink()
    window.recent_menu.aboutToShow.emit()
    names = [a.text() for a in window.recent_menu.actions() if a.text()]
    assert names == ["&1 timeline.db", "Clear list"]
    assert window.settings.recent_files() == [(project / "data" / "timeline.db").resolve()]


def test_reset_settings_starts_afresh(tmp_path, project):
    """Two runs of the app with settings of their own: the second, with --reset-settings,
    forgets the file the first one opened."""
    environ = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    environ.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(CODE), os.environ.get("PYTHONPATH")])),
    )

    def run(*args: str) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "timeline_app", *args],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=project,
            env=environ,
        )
        assert done.returncode == 0, done.stderr

    def remembered() -> AppSettings:
        [conf] = (tmp_path / "config").rglob("*.conf")
        return AppSettings(qsettings=QtCore.QSettings(str(conf), QtCore.QSettings.Format.IniFormat))

    mine = (project / "data" / "timeline.db").resolve()
    run("data/timeline.db", "--screenshot", "first.png")
    assert remembered().last_file() == mine
    assert mine in remembered().recent_files()

    run("--reset-settings", "--screenshot", "second.png")  # no file named: the last, if any
    assert remembered().last_file() != mine  # the built-in dataset opened instead
    assert mine not in remembered().recent_files()
