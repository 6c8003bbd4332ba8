"""Everything that imports PySide6 or pyqtgraph; the model never imports from here."""

from timeline_app.ui.qt_mirrors import import_pyqtgraph

import_pyqtgraph()  # before any module here imports it: see qt_mirrors
