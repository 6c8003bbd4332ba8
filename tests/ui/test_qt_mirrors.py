"""pyqtgraph's copies of Qt's modules are filled on demand, so a start does not build every
Qt class: each test runs in a fresh interpreter, where the import order is a start's."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run_fresh(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_start_copies_no_qt_class_it_does_not_use():
    out = run_fresh(
        """
        import sys
        import timeline_app.ui.main_window
        mirror = sys.modules["pyqtgraph.Qt.QtCore"]
        print(len(vars(mirror)), "QXmlStreamReader" in vars(mirror))
        """
    )
    names, copied = out.split()
    # Copied in full, the mirror holds every name of QtCore (over 500).
    assert int(names) < 300
    assert copied == "False"


def test_pyqtgraph_sees_the_same_qt_objects():
    out = run_fresh(
        """
        import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
        import timeline_app.ui
        import pyqtgraph.Qt as pg_qt
        from pyqtgraph.Qt.QtGui import QPainterPath
        print(
            pg_qt.QtCore.QXmlStreamReader is PySide6.QtCore.QXmlStreamReader,
            pg_qt.QtWidgets.QGraphicsObject is PySide6.QtWidgets.QGraphicsObject,
            QPainterPath is PySide6.QtGui.QPainterPath,
            pg_qt.QtCore.Signal is PySide6.QtCore.Signal,
            pg_qt.VERSION_INFO.startswith("PySide6"),
            sorted(dir(PySide6.QtCore)) != [],
        )
        """
    )
    assert out == "True True True True True True"


def test_a_name_qt_lacks_is_missing_as_from_any_module():
    out = run_fresh(
        """
        import timeline_app.ui
        import pyqtgraph.Qt as pg_qt
        print(hasattr(pg_qt.QtCore, "NoSuchThing"))
        try:
            pg_qt.QtGui.NoSuchThing
        except AttributeError as exc:
            print("AttributeError", exc)
        """
    )
    assert out.splitlines()[0] == "False"
    assert out.splitlines()[1].startswith("AttributeError")
