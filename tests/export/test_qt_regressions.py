"""Guards against known crashes in the pinned Qt/pyqtgraph stack.

PySide6 6.12.0 on Python 3.11 aborts the whole process ("none_dealloc") when pyqtgraph's
ImageExporter paints a ScatterPlotItem of ~20,000 points. A crash like that cannot be caught
inside the test process, so the scenario runs in a child process and the test reads its
exit status.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

SCENARIO = textwrap.dedent(
    """
    import sys
    import numpy as np
    import pyqtgraph as pg
    from pyqtgraph.exporters import ImageExporter
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication([])
    plot = pg.PlotWidget()
    rng = np.random.default_rng(1)
    plot.addItem(pg.ScatterPlotItem(x=rng.random(20_000), y=rng.random(20_000), size=5))
    plot.resize(800, 600)
    exporter = ImageExporter(plot.getPlotItem())
    exporter.parameters()["width"] = 800
    exporter.export(sys.argv[1])
    print("exported")
    """
)


def test_image_exporter_paints_20000_scatter_points_without_aborting(tmp_path: Path) -> None:
    out = tmp_path / "scatter.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCENARIO, str(out)],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, f"the process died: {result.returncode}\n{result.stderr[-2000:]}"
    assert "exported" in result.stdout
    assert out.stat().st_size > 1000


def test_pinned_versions_are_the_verified_ones() -> None:
    """Upgrading Qt or pyqtgraph must be a deliberate change, made with the test above."""
    import pyqtgraph
    import PySide6

    assert PySide6.__version__ == "6.11.3"
    assert pyqtgraph.__version__ == "0.14.0"
