"""pyqtgraph's Qt modules, filled on demand rather than all at once.

When imported, pyqtgraph copies every name of PySide6's QtCore, QtGui and QtWidgets into
mirror modules of its own (``pyqtgraph.Qt.QtCore`` and so on). PySide6 builds a class and
its enums the first time the class is touched, so that copy builds nearly every class of
the three modules, most of which the app never uses: about a tenth of a second of every
start. Installed before pyqtgraph is first imported, the mirrors below look a name up in
PySide6 the first time pyqtgraph asks for it and keep it, and the copy finds nothing to
do. pyqtgraph sees the same objects either way.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.machinery import ModuleSpec

MIRRORED = ("QtCore", "QtGui", "QtWidgets")


def mirror_of(source: types.ModuleType, name: str) -> types.ModuleType:
    """A module that answers each name from ``source`` when first asked."""
    mirror = types.ModuleType(name)
    mirror.__spec__ = ModuleSpec(name, loader=None)

    def look_up(attribute: str) -> object:
        value = getattr(source, attribute)  # AttributeError as for any module
        setattr(mirror, attribute, value)
        return value

    mirror.__getattr__ = look_up  # type: ignore[method-assign]
    return mirror


@contextmanager
def _names_hidden(modules: list[types.ModuleType]) -> Iterator[None]:
    """While pyqtgraph imports, the modules list no names, so its copy touches none."""
    for module in modules:
        module.__dir__ = list  # type: ignore[method-assign]
    try:
        yield
    finally:
        for module in modules:
            del module.__dir__


def import_pyqtgraph() -> None:
    """Imports pyqtgraph with its mirrors filled on demand (nothing to do once imported)."""
    if "pyqtgraph" in sys.modules:
        return
    import PySide6.QtCore
    import PySide6.QtGui
    import PySide6.QtWidgets

    sources = [getattr(PySide6, name) for name in MIRRORED]
    for name, source in zip(MIRRORED, sources, strict=True):
        sys.modules.setdefault(f"pyqtgraph.Qt.{name}", mirror_of(source, f"pyqtgraph.Qt.{name}"))
    with _names_hidden(sources):
        import pyqtgraph  # noqa: F401
