"""Everything that imports PySide6 or pyqtgraph; the model never imports from here."""
