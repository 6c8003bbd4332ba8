"""The model layer stays free of Qt, so the CLI, the import and the tests run headless."""

from __future__ import annotations

import json
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import timeline_app.model

MODEL_DIR = Path(timeline_app.model.__file__).resolve().parent
GUI_PACKAGES = ("PySide6", "pyqtgraph", "shiboken6")

PROBE = """
import importlib, json, pkgutil, sys
import timeline_app.model as model
names = [f"timeline_app.model.{m.name}" for m in pkgutil.walk_packages(model.__path__)]
for name in names:
    importlib.import_module(name)
importlib.import_module("timeline_app.errors")
gui = sorted(m for m in sys.modules if m.split(".")[0] in GUI_PACKAGES)
print(json.dumps({"imported": names, "gui": gui}))
"""


def model_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages([str(MODEL_DIR)]))


def test_importing_every_model_module_loads_no_qt():
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSTARTUP"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE.replace("GUI_PACKAGES", repr(set(GUI_PACKAGES)))],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert {n.rsplit(".", 1)[1] for n in report["imported"]} == set(model_modules())
    assert len(report["imported"]) >= 10  # types, dates, schema, store, writer, lanes, ...
    assert report["gui"] == [], report["gui"]


def test_no_model_source_mentions_qt():
    pattern = re.compile(r"PySide6|pyqtgraph|QtCore|QtGui|QtWidgets")
    offenders = []
    for path in sorted(MODEL_DIR.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert offenders == []
