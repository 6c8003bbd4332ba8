"""The shape of the code, checked: the model and the file formats never import Qt (so the
command line, import and the tests run headless), nothing outside ui/ and export/ imports
the widgets, no module imports another's private name, and no two modules import each other,
even through others or inside functions."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import timeline_app

PACKAGE = Path(timeline_app.__file__).resolve().parent
GUI_PACKAGES = ("PySide6", "pyqtgraph", "shiboken6")
QT_FREE = ("timeline_app.model", "timeline_app.formats", "timeline_app.progress",
           "timeline_app.files", "timeline_app.errors", "timeline_app.log",
           "timeline_app.generator", "timeline_app.ingest", "timeline_app.colours",
           "timeline_app.export.web_page")  # fmt: skip
MAY_USE_WIDGETS = ("timeline_app.ui", "timeline_app.export.image", "timeline_app.cli")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for every import in a module, at any depth:
    a function's own imports count too."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this package
                package = name.rsplit(".", node.level)[0]
                base = f"{package}.{base}" if base else package
            names = [alias.name for alias in node.names]
            found.append((base, names))
            # "from package import module" imports the module
            found += [(f"{base}.{n}", []) for n in names if f"{base}.{n}" in MODULES]
    return found


def test_the_qt_free_layers_import_no_qt_even_indirectly():
    probe = (
        "import importlib, json, sys\n"
        f"for name in {sorted(n for n in MODULES if n.startswith(QT_FREE))!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {GUI_PACKAGES!r})))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_the_window_starts_without_the_article_reader_or_the_file_formats():
    """Every module imported is time before the first picture: reading articles, proposing
    events and the import/export formats load when first used."""
    probe = (
        "import json, os, sys\n"
        "os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')\n"
        "import timeline_app.ui.main_window\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith("
        "('timeline_app.ingest', 'timeline_app.formats', 'timeline_app.generator')))))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []


def test_only_the_window_and_image_export_use_the_widgets():
    offenders = [
        f"{name} imports {target}"
        for name in MODULES
        if not name.startswith(MAY_USE_WIDGETS)
        for target, _names in imports_of(name)
        if target.startswith("timeline_app.ui") or target.split(".")[0] in GUI_PACKAGES
    ]
    assert offenders == []


def test_no_module_takes_a_private_name_from_another():
    offenders = [
        f"{name} takes {target}.{taken}"
        for name in MODULES
        for target, names in imports_of(name)
        if target.startswith("timeline_app") and target != name
        for taken in names
        if taken.startswith("_") and not taken.startswith("__")
    ]
    assert offenders == []


def test_there_is_no_import_cycle():
    graph = {
        name: sorted(
            {t for t, _ in imports_of(name) if t in MODULES and t != name}
            - {name.rsplit(".", 1)[0]}  # a module may import its own package's __init__
        )
        for name in MODULES
    }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for name in graph:
        if name not in state:
            visit(name, [name])
    assert cycles == []


# Modules allowed past the limit, each with its reason.
LONGER = {
    "timeline_app.ui.controller": "the one object between the model and the widgets: the "
    "open file, its filters, the selection and reads that wait out other programs",
    "timeline_app.model.importer": "one pass over a file, then the write, share their state",
    "timeline_app.model.schema": "every table, trigger and rule of the file in one place",
}


def test_modules_stay_small_enough_to_read():
    big = {
        name: lines
        for name, path in MODULES.items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 500
        and name not in LONGER
    }
    assert big == {}
