"""The app works from an installed package, not only from a checkout: the built-in dataset
and the icon are found through importlib.resources, and `python -m timeline_app` runs.
(CI also builds a wheel, installs it into a fresh environment and runs the window, an
export and `check` from there.)"""

from __future__ import annotations

import importlib.resources
import subprocess
import sys

from timeline_app import __version__
from timeline_app.model.dataset import builtin_database_path


def test_the_built_in_dataset_is_package_data():
    shipped = importlib.resources.files("timeline_app.builtin") / "timeline.db"
    assert shipped.is_file()
    assert builtin_database_path().read_bytes()[:16] == b"SQLite format 3\x00"
    assert "timeline_app" in builtin_database_path().parts


def test_python_m_timeline_app_runs_the_command_line():
    done = subprocess.run(
        [sys.executable, "-m", "timeline_app", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"timeline-app {__version__}"


def test_build_data_without_the_readable_source_says_so(tmp_path, capsys, monkeypatch):
    from timeline_app.cli import main
    from timeline_app.model import dataset

    assert main(["build-data", "--out", str(tmp_path / "x.db")]) == 0  # from the checkout
    monkeypatch.setattr(dataset, "DATA_DIR", tmp_path / "no-checkout")  # as installed
    assert main(["build-data", "--out", str(tmp_path / "y.db")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "source checkout" in err[0]
    assert not (tmp_path / "y.db").exists()


def test_the_web_page_script_and_styles_are_package_data():
    from timeline_app.export.web_page import SCRIPTS, STYLES

    web = importlib.resources.files("timeline_app.export") / "web"
    for name in (*SCRIPTS, *STYLES):
        assert (web / name).is_file(), name
