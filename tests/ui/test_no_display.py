"""`timeline-app` on a machine with no display: it says so and stops, rather than run a
window nobody can see until Ctrl+C; offscreen stays available when asked for."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import timeline_app

CODE = Path(timeline_app.__file__).resolve().parent.parent  # the code under test

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="DISPLAY and WAYLAND_DISPLAY are Linux's"
)


def run_app(tmp_path: Path, *args: str, **env: str) -> tuple[subprocess.CompletedProcess, float]:
    """`timeline-app ARGS` with no display at all, settings and log in tmp_path."""
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    environ.update(XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_STATE_HOME=str(tmp_path / "state"))
    environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(CODE), environ.get("PYTHONPATH")]))
    environ.update(env)
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "timeline_app", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=environ,
    )
    return done, time.monotonic() - began


def test_without_a_display_it_says_so_and_exits(tmp_path):
    done, took = run_app(tmp_path)
    assert done.returncode != 0
    assert took < 30
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert "no display" in lines[0]
    assert "xvfb-run -a timeline-app" in lines[0] and "--screenshot FILE.png" in lines[0]
    assert done.stdout == ""


def test_a_screenshot_needs_no_display(tmp_path):
    done, _took = run_app(tmp_path, "--screenshot", "window.png")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "window.png").stat().st_size > 10_000
    assert "no display" not in done.stderr


def test_offscreen_asked_for_still_runs(tmp_path):
    done, _took = run_app(tmp_path, "--screenshot", "window.png", QT_QPA_PLATFORM="offscreen")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "window.png").stat().st_size > 10_000
    assert "no display" not in done.stderr
