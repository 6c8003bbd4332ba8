"""Writing a file so that the name only ever holds a whole, checked file.

Output goes to a hidden file beside the target, named after it and after the process that
writes it (".timeline.png.4242.partial"), so a kill leaves the old file as it was and the
leftover can be recognised: the next write of the same target removes leftovers whose
process is gone. The new file replaces the old one only after its content has been checked
and flushed to disk.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from timeline_app.errors import TimelineError

Check = Callable[[Path], str | None]  # what is wrong with a written file, or None


def partial_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.{os.getpid()}.partial")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(out: Path) -> list[Path]:
    """Partial files of `out` left by writers that were killed; returns those removed."""
    pattern = re.compile(rf"^\.{re.escape(out.name)}\.(\d+)\.partial(-journal)?$")
    removed: list[Path] = []
    try:
        candidates = list(out.parent.iterdir())
    except OSError:
        return removed
    for path in candidates:
        match = pattern.match(path.name)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


@contextlib.contextmanager
def written_atomically(out: Path, check: Check | None = None) -> Iterator[Path]:
    """Yield the partial path to write; on success it is checked, synced and renamed to
    `out`. On any failure `out` is untouched and the partial file is gone."""
    remove_leftovers(out)
    partial = partial_path(out)
    try:
        try:
            partial.open("wb").close()  # can we write there at all? (before any work)
        except OSError as exc:
            raise TimelineError(f"{out}: cannot write there ({exc.strerror})") from None
        yield partial
        try:
            size = partial.stat().st_size
            if size == 0:
                raise TimelineError(f"{out}: nothing was written")
            if check is not None and (problem := check(partial)):
                raise TimelineError(f"{out}: the file could not be written whole ({problem})")
            _fsync(partial)
            os.replace(partial, out)
        except OSError as exc:
            raise TimelineError(f"{out}: cannot write ({exc.strerror})") from None
    finally:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)


# ----------------------------------------------------------------------------- checks


def check_pdf(path: Path) -> str | None:
    with path.open("rb") as handle:
        head = handle.read(8)
        handle.seek(max(0, path.stat().st_size - 1024))
        tail = handle.read()
    if not head.startswith(b"%PDF-"):
        return "it does not start as a PDF"
    if b"startxref" not in tail or b"%%EOF" not in tail:
        return "it ends before the PDF's trailer"
    return None


def check_svg(path: Path) -> str | None:
    import xml.etree.ElementTree as ElementTree

    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as exc:
        return f"it is not complete SVG ({exc})"
    if not root.tag.endswith("svg"):
        return "it is not an SVG picture"
    return None


def check_ends_with(ending: bytes) -> Check:
    def check(path: Path) -> str | None:
        size = path.stat().st_size
        with path.open("rb") as handle:
            handle.seek(max(0, size - len(ending)))
            if handle.read() != ending:
                return "it ends before its last line"
        return None

    return check
