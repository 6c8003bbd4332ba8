"""Shared fixtures: a fresh copy of the built-in dataset and small synthetic databases."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from timeline_app.model.dataset import builtin_database_path  # noqa: E402


@pytest.fixture
def builtin_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped database, so tests never touch the real one."""
    target = tmp_path / "timeline.db"
    shutil.copyfile(builtin_database_path(), target)
    return target


# ----------------------------------------------------------------------------- a full disk

_ON_SMALL_DISK = """
import hashlib, json, shutil, subprocess, sys
from pathlib import Path
disk, argv = Path(sys.argv[1]), json.loads(sys.argv[2])
for source in json.loads(sys.argv[3]):
    shutil.copyfile(source, disk / Path(source).name)
def digests():
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(disk.iterdir())}
before = digests()
done = subprocess.run(
    [sys.executable, "-c", "from timeline_app.cli import main; raise SystemExit(main())", *argv],
    capture_output=True, text=True)
print(json.dumps({"status": done.returncode, "stderr": done.stderr, "stdout": done.stdout,
                  "before": before, "after": digests()}))
"""


def small_disk_available() -> bool:
    """`unshare -rm` gives a private mount where a tiny tmpfs is a genuinely full disk."""
    try:
        return (
            subprocess.run(
                ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                capture_output=True,
                timeout=10,
            ).returncode
            == 0
        )
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.fixture
def small_disk(tmp_path: Path):
    """run(size_kb, argv, copies): see run_on_small_disk; skips where no small disk can be
    mounted."""
    if not small_disk_available():
        pytest.skip("needs `unshare -rm` to mount a small disk")
    return lambda size_kb, argv, copies=(): run_on_small_disk(tmp_path, size_kb, argv, copies)


def run_on_small_disk(
    tmp_path: Path, size_kb: int, argv: list[str], copies: list[Path] = ()
) -> dict:
    """Run `timeline-app ARGV` with the folder DISK (written as "{disk}" in argv) on a
    tmpfs of `size_kb`, holding copies of `copies`; returns its status, stderr and the
    digests of every file there before and after."""
    disk = tmp_path / "small-disk"
    disk.mkdir(exist_ok=True)
    script = tmp_path / "on_small_disk.py"
    script.write_text(_ON_SMALL_DISK)
    argv = [arg.replace("{disk}", str(disk)) for arg in argv]
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c",
         f'mount -t tmpfs -o size={size_kb}k tmpfs "$2" && exec "$0" "$1" "$2" "$3" "$4"',
         sys.executable, str(script), str(disk), json.dumps(argv),
         json.dumps([str(path) for path in copies])],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
