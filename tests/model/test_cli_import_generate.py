"""`timeline-app import` and `timeline-app generate` as a user runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CLI = "from timeline_app.cli import main; raise SystemExit(main())"
HEADER = "company,title,category,start,end\r\n"


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CLI, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("timeline-app: error: ")
    return lines[0]


def test_import_of_a_bad_file_exits_1_with_one_line_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER + "Acme,Fine,Policy,2020-01-02,\r\nAcme,Broken,Policy,2020-02-30,\r\n"
        "Acme,Backwards,Policy,2020-05-01,2020-04-01\r\n",
        encoding="utf-8",
    )
    db = tmp_path / "x.db"

    done = run("import", bad, "--db", db)

    assert done.returncode == 1
    line = one_error_line(done)
    assert str(bad) in line
    assert "2 problem(s), nothing imported" in line
    assert "line 3: start: '2020-02-30' is not a real date" in line
    assert "line 4: end 2020-04-01 is before start 2020-05-01" in line
    assert done.stdout == ""
    assert not db.exists()


def test_import_of_a_good_file_and_again(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(
        HEADER + "Acme,Launch,Product launch,2020-01-02,\r\nBeta,Rule,Policy,2021,2022\r\n",
        encoding="utf-8",
    )
    db = tmp_path / "x.db"

    first = run("import", good, "--db", db)
    again = run("import", good, "--db", db)
    check = run("check", "--db", db)

    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == (
        f"imported into {db}: 2 event(s) added, 0 updated, 0 unchanged; new companies: Acme, Beta"
    )
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == (f"imported into {db}: 0 event(s) added, 0 updated, 2 unchanged")
    assert check.returncode == 0 and check.stdout.strip() == f"{db}: ok"
    assert first.stderr == again.stderr == ""  # no progress line when stderr is not a terminal


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("latin1.csv", b"company,title,category,start\r\nCaf\xe9,t,c,2020\r\n", "is not UTF-8"),
        ("notes.txt", b"hello", "unknown file type ('.txt')"),
        ("empty.csv", b"", "is empty"),
    ],
)
def test_import_of_an_unusable_file_exits_1_with_one_line(
    name: str, content: bytes, fragment: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    done = run("import", path, "--db", tmp_path / "x.db")
    assert done.returncode == 1
    line = one_error_line(done)
    assert str(path) in line and fragment in line
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--events", "-5", "--companies", "1"], "--events must be 0 or more"),
        (["--events", "10", "--companies", "0"], "--companies must be at least 1"),
        (["--events", "5", "--companies", "9"], "--companies (9) cannot be more than --events (5)"),
        (["--events", "10", "--companies", "2", "--seed", "-1"], "--seed must be 0 or more"),
    ],
)
def test_generate_with_bad_arguments_fails_clearly(
    args: list[str], fragment: str, tmp_path: Path
) -> None:
    out = tmp_path / "x.db"
    done = run("generate", *args, "--out", out)
    assert done.returncode == 1
    assert fragment in one_error_line(done)
    assert list(tmp_path.iterdir()) == []


def test_generate_with_a_non_number_is_a_usage_error(tmp_path: Path) -> None:
    done = run("generate", "--events", "many", "--companies", "2", "--out", tmp_path / "x.db")
    assert done.returncode == 2
    assert "--events: invalid int value: 'many'" in done.stderr


def test_generate_refuses_an_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "x.db"
    out.write_bytes(b"keep me")
    done = run("generate", "--events", "10", "--companies", "2", "--out", out)
    assert done.returncode == 1
    assert "exists; choose another path or delete it" in one_error_line(done)
    assert out.read_bytes() == b"keep me"


def test_generate_then_check_then_import_into_it(tmp_path: Path) -> None:
    out = tmp_path / "synthetic.db"
    done = run("generate", "--events", "500", "--companies", "5", "--out", out, "--seed", "2")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote {out}"
    assert run("check", "--db", out).stdout.strip() == f"{out}: ok"

    extra = tmp_path / "extra.csv"
    extra.write_text(HEADER + "Newco,First words,Statement,2024-06-01,\r\n", encoding="utf-8")
    imported = run("import", extra, "--db", out)
    assert imported.returncode == 0, imported.stderr
    assert ": 1 event(s) added" in imported.stdout
