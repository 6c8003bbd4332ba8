"""Importing CSV and JSON files: what a user would notice when importing good or bad files."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline_app.errors import ImportProblems, TimelineError
from timeline_app.export.data import data_rows
from timeline_app.formats import records
from timeline_app.formats.cells import neutralise
from timeline_app.formats.records import COLUMNS
from timeline_app.model import query
from timeline_app.model import store as store_module
from timeline_app.model.bulk_import import BulkImport
from timeline_app.model.dates import DatePrecision, validate_span
from timeline_app.model.filters import FilterState
from timeline_app.model.importer import (
    import_file_into,
    import_into_store,
    validate_file,
)
from timeline_app.model.store import create_store, open_store
from timeline_app.model.writer import NewEvent, NewExcerpt, NewSource, Writer

SOURCE = (
    "Acme Corp said on Monday that it would stop selling Rocket to police forces.\n"
    "It also announced a partnership with Beta Labs on \u201cfacial recognition\u201d rules. "
    "Acme Corp said the pause would last a year."
)
QUOTE_1 = "it would stop selling Rocket to police forces"
QUOTE_2 = "announced a partnership with Beta Labs"
QUOTE_3 = "the pause would last a year"
SRC = {
    "source_title": "Acme pauses Rocket",
    "source_publisher": "Daily Wire",
    "source_url": "https://wire.example/acme",
    "source_published": "2021-03-05",
    "source_text": SOURCE,
}


def write_csv(path: Path, rows: list[dict], columns: tuple[str, ...] | list[str] = COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([neutralise(row.get(column, "")) for column in columns])
    return path


def event_row(**fields: object) -> dict:
    row = {"company": "Acme Corp", "category": "Statement", "start": "2021-03-04"}
    row.update(fields)
    return row


def excerpt_row(quote: str, with_offsets: bool = True, **fields: object) -> dict:
    row = event_row(**fields)
    row.update(SRC, excerpt=quote)
    if with_offsets:
        start = SOURCE.index(quote)
        row.update(excerpt_start=start, excerpt_end=start + len(quote))
    return row


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def counts(path: Path) -> dict[str, int]:
    with open_store(path, readonly=True) as store:
        return {
            table: store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("events", "excerpts", "sources", "companies", "categories")
        }


GOOD_ROWS = [
    excerpt_row(
        QUOTE_1,
        title="Acme halts Rocket sales to police",
        summary="Acme stops, for now.",
        category="Sales halt",
        company_kind="company",
    ),
    event_row(
        company="Beta Labs",
        company_kind="organisation",
        title="Beta Labs policy period",
        category="Policy",
        start="2021-05",
        end="2021-07",
        approximate="yes",
    ),
    excerpt_row(
        QUOTE_3, with_offsets=False, title="Acme pause for the year", start="2021", precision="year"
    ),
    # A second excerpt of the first event, on a row that is not next to its first row.
    excerpt_row(
        QUOTE_2,
        title="Acme halts Rocket sales to police",
        summary="Acme stops, for now.",
        category="Sales halt",
        company_kind="company",
    ),
]


# --------------------------------------------------------------------------------------------
# Valid files
# --------------------------------------------------------------------------------------------


def test_csv_import_adds_events_with_their_excerpts(builtin_copy: Path, tmp_path: Path) -> None:
    before = counts(builtin_copy)
    csv_path = write_csv(tmp_path / "events.csv", GOOD_ROWS)

    with open_store(builtin_copy) as store:
        result = import_into_store(store, csv_path)
        assert result.added == 3
        assert result.already_present == 0
        assert sorted(result.new_companies) == ["Acme Corp", "Beta Labs"]

        (halt,) = query.find_events(store, FilterState(text="Rocket police"))
        assert (halt.company, halt.category, halt.start, halt.precision) == (
            "Acme Corp",
            "Sales halt",
            "2021-03-04",
            DatePrecision.DAY,
        )
        detail = query.event_detail(store, halt.id)
        assert detail is not None
        quoted = sorted((x.text, x.start, x.end) for x in detail.excerpts)
        assert quoted == sorted(
            (q, SOURCE.index(q), SOURCE.index(q) + len(q)) for q in (QUOTE_1, QUOTE_2)
        )
        for excerpt in detail.excerpts:
            assert excerpt.source.text == SOURCE
            assert excerpt.source.text[excerpt.start : excerpt.end] == excerpt.text
            assert excerpt.source.url == "https://wire.example/acme"

        (span,) = query.find_events(store, FilterState(text="Beta Labs policy"))
        assert (span.start, span.end, span.precision, span.approximate) == (
            "2021-05",
            "2021-07",
            DatePrecision.MONTH,
            True,
        )
        assert query.event_detail(store, span.id).excerpts == ()
        (year,) = query.find_events(store, FilterState(text="Acme pause for the year"))
        assert year.precision is DatePrecision.YEAR
        assert [x.start for x in query.event_detail(store, year.id).excerpts] == [
            SOURCE.index(QUOTE_3)
        ]
        kinds = {c.name: c.kind for c in query.list_companies(store)}
        assert kinds["Beta Labs"] == "organisation"
        # The excerpts are searchable too.
        assert [e.id for e in query.find_events(store, FilterState(text="partnership"))] == [
            halt.id
        ]
        assert store.check_invariants() == []

    after = counts(builtin_copy)
    assert after["events"] == before["events"] + 3
    assert after["excerpts"] == before["excerpts"] + 3
    assert after["sources"] == before["sources"] + 1


def test_json_import_reads_lists_event_objects_and_nested_excerpts(tmp_path: Path) -> None:
    items = [
        {
            "company": "Acme Corp",
            "title": "Acme halts Rocket sales to police",
            "category": "Sales halt",
            "start": "2021-03-04",
            "approximate": True,
            "summary": None,
            "excerpts": [
                {
                    **SRC,
                    "text": QUOTE_1,
                    "start": SOURCE.index(QUOTE_1),
                    "end": SOURCE.index(QUOTE_1) + len(QUOTE_1),
                },
                {**SRC, "excerpt": QUOTE_2},
            ],
        },  # fmt: skip
        {"company": "Beta Labs", "title": "Beta policy", "category": "Policy", "start": "2020"},
    ]
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"exported": "today", "events": items}), encoding="utf-8")
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(items), encoding="utf-8")

    for source_file in (wrapped, plain):
        db = tmp_path / f"{source_file.stem}.db"
        result = import_file_into(source_file, db)
        assert (result.added, result.already_present) == (2, 0)
        with open_store(db) as store:
            (event,) = query.find_events(store, FilterState(text="Rocket"))
            assert event.approximate is True
            assert event.summary == ""
            detail = query.event_detail(store, event.id)
            assert sorted(x.text for x in detail.excerpts) == sorted([QUOTE_1, QUOTE_2])
            assert store.check_invariants() == []


def test_importing_the_same_file_again_adds_nothing(builtin_copy: Path, tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "events.csv", GOOD_ROWS)
    first = import_file_into(csv_path, builtin_copy)
    after_first = counts(builtin_copy)

    again = import_file_into(csv_path, builtin_copy)

    assert first.added == 3
    assert (again.added, again.already_present, again.new_companies) == (0, 3, [])
    assert counts(builtin_copy) == after_first


def test_existing_company_is_reused_and_new_one_created(builtin_copy: Path, tmp_path: Path) -> None:
    rows = [
        event_row(company="Microsoft", company_kind="media", title="Microsoft new thing"),
        event_row(company="Brand New Org", company_kind="regulator", title="First words"),
    ]
    result = import_file_into(write_csv(tmp_path / "e.csv", rows), builtin_copy)

    assert result.new_companies == ["Brand New Org"]
    with open_store(builtin_copy) as store:
        kinds = {c.name: (c.kind, c.event_count) for c in query.list_companies(store)}
    assert kinds["Brand New Org"] == ("regulator", 1)
    assert kinds["Microsoft"][0] == "company"  # an existing company keeps its kind


def test_company_and_category_names_match_whatever_their_case_and_spacing(
    builtin_copy: Path, tmp_path: Path
) -> None:
    before = counts(builtin_copy)
    rows = [
        event_row(company="microsoft", category="legislation", title="Lower-case lane"),
        event_row(company="  MICROSOFT ", category="LEGISLATION", title="Upper-case lane"),
        event_row(company="Acme  corp", title="Spaced"),
        event_row(company="ACME CORP", title="Shouted"),
    ]
    result = import_file_into(write_csv(tmp_path / "e.csv", rows), builtin_copy)

    assert result.new_companies == ["Acme corp"]  # one new lane, as first written (tidied)
    after = counts(builtin_copy)
    assert after["companies"] == before["companies"] + 1
    assert after["categories"] == before["categories"]  # "legislation" is Legislation
    with open_store(builtin_copy) as store:
        lanes = {c.name: c.event_count for c in query.list_companies(store)}
    assert lanes["Microsoft"] == 9 + 2 and "microsoft" not in lanes
    assert lanes["Acme corp"] == 2


def test_one_event_written_twice_with_different_case_is_a_duplicate(tmp_path: Path) -> None:
    rows = [
        event_row(company="Acme Corp", title="Same"),
        event_row(company="acme corp", title="Same"),
    ]
    with pytest.raises(ImportProblems) as caught:
        validate_file(write_csv(tmp_path / "d.csv", rows))
    assert caught.value.problems == [(3, "duplicate of line 2")]


def test_an_event_already_in_the_database_keeps_its_fields_and_gains_new_quotes(
    builtin_copy: Path, tmp_path: Path
) -> None:
    import_file_into(write_csv(tmp_path / "one.csv", GOOD_ROWS[:1]), builtin_copy)
    with open_store(builtin_copy) as store:
        (event,) = query.find_events(store, FilterState(text="Rocket"))
        before = query.event_detail(store, event.id)

    result = import_file_into(write_csv(tmp_path / "all.csv", GOOD_ROWS), builtin_copy)

    assert (result.added, result.already_present) == (2, 1)
    with open_store(builtin_copy) as store:
        after = query.event_detail(store, event.id)
    assert after.event == before.event
    assert after.excerpts[: len(before.excerpts)] == before.excerpts
    assert len(after.excerpts) == len(before.excerpts) + result.excerpts_added_to_present
    assert result.excerpts_added_to_present == 1  # the later row's quote of this event


def test_header_only_file_imports_nothing_without_error(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    result = import_file_into(write_csv(tmp_path / "empty.csv", []), db)
    assert (result.added, result.already_present) == (0, 0)
    assert counts(db)["events"] == 0


def test_bom_semicolons_and_header_case_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    header = "\ufeffCompany ; TITLE;Category;Start\r\n"
    path.write_bytes((header + "Acme;Caf\u00e9 launch;Product launch;2020-01-02\r\n").encode())
    db = tmp_path / "x.db"
    assert import_file_into(path, db).added == 1
    with open_store(db) as store:
        (event,) = query.find_events(store)
    assert (event.company, event.title) == ("Acme", "Caf\u00e9 launch")


def test_validate_file_returns_sources_and_grouped_events(tmp_path: Path) -> None:
    sources, events = validate_file(write_csv(tmp_path / "e.csv", GOOD_ROWS))

    assert [s.title for s in sources] == ["Acme pauses Rocket"]
    assert sources[0].text == SOURCE
    by_title = {item.event.title: item for item in events}
    assert len(events) == 3
    halt = by_title["Acme halts Rocket sales to police"]
    assert halt.line == 2
    assert [x.text for x in halt.event.excerpts] == [QUOTE_1, QUOTE_2]
    assert all(sources[x.source_id].text[x.start : x.end] == x.text for x in halt.event.excerpts)
    assert by_title["Beta Labs policy period"].company_kind == "organisation"


# --------------------------------------------------------------------------------------------
# Round trip with the export format
# --------------------------------------------------------------------------------------------

TRICKY_SOURCE = "=cmd|' /C calc'!A0 is how the attack starts.\n-5% said the report, \"quoted\"."


def _add_tricky_events(path: Path) -> None:
    """Values that a spreadsheet would treat as formulas, and other awkward text."""
    with open_store(path) as store, store.transaction() as conn:
        writer = Writer(conn)
        writer.company("@Home Robotics", "company")
        source_id = writer.source(
            NewSource("+Plus report", TRICKY_SOURCE, "-Minus Press", "https://x.example/1", "2020")
        )
        quote = "-5% said the report"
        writer.events(
            [
                NewEvent(
                    "@Home Robotics",
                    "+Growth",
                    "=HYPERLINK(\"https://evil.example\")",
                    "-5% in sales, \"quoted\", and\na second line",
                    validate_span("2020-02-29", "2020-03-01", DatePrecision.DAY),
                    True,
                    (
                        NewExcerpt(source_id, 0, 18, TRICKY_SOURCE[:18]),
                        NewExcerpt(source_id, TRICKY_SOURCE.index(quote),
                                   TRICKY_SOURCE.index(quote) + len(quote), quote),
                    ),
                ),
                NewEvent(
                    "@Home Robotics",
                    "Statement",
                    "'Tis the season",
                    "'Quoted' words stay as they are",
                    validate_span("2019", None, DatePrecision.YEAR),
                    False,
                ),
            ]
        )  # fmt: skip
        writer.finish()


def _export_rows(path: Path) -> list[dict]:
    """The rows the real exporter writes."""
    with open_store(path, readonly=True) as store:
        return list(data_rows(store, FilterState()))


def _content(path: Path) -> tuple[set, set]:
    """Everything a user sees, independent of row ids."""
    with open_store(path, readonly=True) as store:
        events = set(
            store.conn.execute(
                "SELECT c.name, c.kind, e.title, e.summary, g.name, e.start_date, e.end_date, "
                "e.precision, e.approximate, e.start_ts, e.end_ts FROM events e "
                "JOIN companies c ON c.id = e.company_id JOIN categories g ON g.id = e.category_id"
            )
        )
        excerpts = set(
            store.conn.execute(
                "SELECT c.name, e.start_date, e.title, s.title, s.publisher, s.url, s.published, "
                "s.text, x.start, x.end, x.text FROM excerpts x JOIN events e ON e.id = x.event_id "
                "JOIN companies c ON c.id = e.company_id JOIN sources s ON s.id = x.source_id"
            )
        )
    return events, excerpts


def test_export_shaped_csv_round_trips_exactly(builtin_copy: Path, tmp_path: Path) -> None:
    _add_tricky_events(builtin_copy)
    rows = _export_rows(builtin_copy)
    csv_path = write_csv(tmp_path / "export.csv", rows)
    text = csv_path.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'@Home Robotics" in text  # the exporter's guard is there
    copy = tmp_path / "copy.db"

    result = import_file_into(csv_path, copy)

    original_events, original_excerpts = _content(builtin_copy)
    assert result.added == len(original_events)
    assert _content(copy) == (original_events, original_excerpts)
    assert ("@Home Robotics", "company", "'Tis the season") in {e[:3] for e in original_events}


def test_export_shaped_json_round_trips_exactly(builtin_copy: Path, tmp_path: Path) -> None:
    _add_tricky_events(builtin_copy)
    json_path = tmp_path / "export.json"
    json_path.write_text(json.dumps({"events": _export_rows(builtin_copy)}), encoding="utf-8")
    copy = tmp_path / "copy.db"

    import_file_into(json_path, copy)

    assert _content(copy) == _content(builtin_copy)


# --------------------------------------------------------------------------------------------
# Bad rows: reported with their line, nothing written
# --------------------------------------------------------------------------------------------

OK = {"title": "Fine event"}
BAD_ROW_CASES = {
    "empty required field": ([OK, event_row(title="")], 3, "title is empty"),
    "empty company": ([event_row(company="  ", title="x")], 2, "company is empty"),
    "impossible date": ([event_row(title="x", start="2020-02-30")], 2, "not a real date"),
    "not a date": ([event_row(title="x", start="03/04/2021")], 2, "is not an ISO date"),
    "end before start": (
        [event_row(title="x", start="2021-05-01", end="2021-04-30")],
        2,
        "end 2021-04-30 is before start 2021-05-01",
    ),
    "precision contradicts start": (
        [event_row(title="x", start="2021-05", precision="day")],
        2,
        "does not match day precision",
    ),
    "end of another shape": (
        [event_row(title="x", start="2021-05", end="2021-06-01")],
        2,
        "end: '2021-06-01' does not match month precision",
    ),
    "unknown precision": ([event_row(title="x", precision="week")], 2, "precision must be"),
    "bad approximate": ([event_row(title="x", approximate="maybe")], 2, "approximate must be"),
    "offsets out of range": (
        [{**excerpt_row(QUOTE_1, title="x"), "excerpt_start": 10, "excerpt_end": 5000}],
        2,
        "outside the source text",
    ),
    "offsets not matching": (
        [{**excerpt_row(QUOTE_1, title="x"), "excerpt_start": 0, "excerpt_end": len(QUOTE_1)}],
        2,
        "not the excerpt",
    ),
    "only one offset": (
        [{**excerpt_row(QUOTE_1, title="x"), "excerpt_end": ""}],
        2,
        "give both excerpt_start and excerpt_end",
    ),
    "excerpt not in source": (
        [excerpt_row("words nobody wrote", with_offsets=False, title="x")],
        2,
        "excerpt not found in source_text",
    ),
    "excerpt without source text": (
        [{**excerpt_row(QUOTE_1, title="x"), "source_text": ""}],
        2,
        "source_text is empty",
    ),
    "offsets without excerpt": (
        [event_row(title="x", excerpt_start=1, excerpt_end=3)],
        2,
        "given but the excerpt is empty",
    ),
    "unsafe url": (
        [{**excerpt_row(QUOTE_1, title="x"), "source_url": "javascript:alert(1)"}],
        2,
        "source_url must start with http",
    ),
    "same source key, other text": (
        [
            excerpt_row(QUOTE_1, title="x"),
            {**excerpt_row(QUOTE_1, title="y"), "source_text": SOURCE + " Updated."},
        ],
        4,  # SOURCE holds a line break, so the first row spans lines 2-3
        "different source_text here than on line 2",
    ),
    "exact duplicate": (
        [OK | event_row(), event_row(title="y"), OK | event_row()],
        4,
        "duplicate of line 2",
    ),
    "one event, two categories": (
        [event_row(title="x", category="Policy"), event_row(title="x", category="Legal")],
        3,
        "same company, start and title as line 2 but a different category",
    ),
    "one company, two kinds": (
        [
            event_row(title="x", company_kind="media"),
            event_row(title="y", company_kind="government"),
        ],
        3,
        "has company_kind 'government' here but 'media' on line 2",
    ),
    "line after a multi-line cell": (
        [event_row(title="x", summary="one\ntwo\nthree"), event_row(title="y", start="2021-13")],
        5,  # the first row spans lines 2-4
        "not a real date",
    ),
}


@pytest.mark.parametrize("case", list(BAD_ROW_CASES), ids=list(BAD_ROW_CASES))
def test_bad_row_is_reported_with_its_line_and_nothing_is_written(
    case: str, builtin_copy: Path, tmp_path: Path
) -> None:
    rows, line, reason = BAD_ROW_CASES[case]
    rows = [r if "company" in r else event_row(**r) for r in rows]
    csv_path = write_csv(tmp_path / "bad.csv", rows)
    before = digest(builtin_copy)

    with open_store(builtin_copy) as store, pytest.raises(ImportProblems) as caught:
        import_into_store(store, csv_path)

    assert any(where == line and reason in text for where, text in caught.value.problems), (
        caught.value.problems
    )
    shown = str(caught.value)  # "line 3: …", or "row 3 (line 5): …" after a multi-line cell
    assert f"line {line}: " in shown or f"(line {line}): " in shown
    assert str(csv_path) in shown
    assert digest(builtin_copy) == before
    new_db = tmp_path / "new.db"
    with pytest.raises(ImportProblems):
        import_file_into(csv_path, new_db)
    assert not new_db.exists()  # no empty database left behind


def test_missing_required_column_is_reported_once_on_line_1(
    builtin_copy: Path, tmp_path: Path
) -> None:
    columns = [c for c in COLUMNS if c != "category"]
    csv_path = write_csv(tmp_path / "bad.csv", [event_row(title="x")] * 3, columns)
    before = digest(builtin_copy)

    with pytest.raises(ImportProblems) as caught:
        import_file_into(csv_path, builtin_copy)

    assert (
        caught.value.problems == [(1, caught.value.problems[0][1])]
        and "missing required column(s): category" in caught.value.problems[0][1]
    )
    assert digest(builtin_copy) == before


def test_unknown_column_is_reported_and_rows_still_checked(tmp_path: Path) -> None:
    columns = ["company", "title", "category", "start", "sumary"]
    rows = [event_row(title="x"), event_row(title="y", start="2020-02-30")]
    with pytest.raises(ImportProblems) as caught:
        validate_file(write_csv(tmp_path / "typo.csv", rows, columns))
    (line, reason), (bad_line, _) = caught.value.problems
    assert line == 1 and "unknown column(s): 'sumary'" in reason
    assert bad_line == 3


def test_column_named_twice_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text("company,title,category,start,Title\nA,t,c,2020,u\n", encoding="utf-8")
    with pytest.raises(ImportProblems) as caught:
        validate_file(path)
    assert caught.value.problems == [(1, "column 'title' appears twice in the header")]


def test_json_years_may_be_numbers(tmp_path: Path) -> None:
    path = tmp_path / "years.json"
    path.write_text(
        json.dumps([{"company": "A", "title": "t", "category": "c", "start": 2019, "end": 2020}]),
        encoding="utf-8",
    )
    (item,) = validate_file(path).events
    assert (item.event.span.start, item.event.span.end) == ("2019", "2020")


def test_every_problem_is_reported_and_all_are_counted(tmp_path: Path) -> None:
    rows = [event_row(title=f"bad {n}", start="2021-02-30") for n in range(1500)]
    rows += [event_row(title="good"), event_row(title="x", approximate="perhaps")]
    csv_path = write_csv(tmp_path / "many.csv", rows)

    with pytest.raises(ImportProblems) as caught:
        validate_file(csv_path)

    problems = caught.value.problems
    assert len(problems) == records.MAX_PROBLEMS
    assert [line for line, _ in problems[:3]] == [2, 3, 4]
    assert caught.value.total == 1501
    assert "1501 problem(s), nothing imported" in str(caught.value)
    assert "(and 1496 more)" in str(caught.value)


def test_several_kinds_of_problem_in_one_file_are_all_listed(tmp_path: Path) -> None:
    rows = [
        event_row(title="a", start="2021-02-30"),
        event_row(title="b"),
        event_row(title="c", end="2020-01-01"),
        event_row(title="b"),
    ]
    with pytest.raises(ImportProblems) as caught:
        validate_file(write_csv(tmp_path / "mixed.csv", rows))
    assert [line for line, _ in caught.value.problems] == [2, 4, 5]


def test_json_problems_name_the_item(tmp_path: Path) -> None:
    items = [
        {"company": "A", "title": "t", "category": "c", "start": "2020"},
        "not an object",
        {"company": "A", "title": "u", "category": "c"},
        {"company": "A", "title": "v", "category": "c", "start": "2020", "approximate": "huh"},
    ]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(items), encoding="utf-8")

    with pytest.raises(ImportProblems) as caught:
        validate_file(path)

    assert [where for where, _ in caught.value.problems] == [2, 3, 4]
    assert "missing required field 'start'" in caught.value.problems[1][1]
    assert "item 2: is text, not an object" in str(caught.value)
    assert "line " not in str(caught.value)


def test_source_stored_with_another_text_is_reported(builtin_copy: Path, tmp_path: Path) -> None:
    with open_store(builtin_copy) as store:
        stored = store.conn.execute(
            "SELECT title, publisher, url, published, text FROM sources"
        ).fetchone()
    changed = stored[4].replace("Microsoft", "Macrosoft", 1)
    quote = changed[:40]
    rows = [
        event_row(title="fine"),
        event_row(
            title="x",
            source_title=stored[0],
            source_publisher=stored[1],
            source_url=stored[2],
            source_published=stored[3],
            source_text=changed,
            excerpt=quote,
        ),
    ]
    before = digest(builtin_copy)

    with pytest.raises(ImportProblems) as caught:
        import_file_into(write_csv(tmp_path / "conflict.csv", rows), builtin_copy)

    assert caught.value.problems[0][0] == 3
    assert "already in the database with a different text" in caught.value.problems[0][1]
    assert digest(builtin_copy) == before


def test_database_refusal_becomes_a_clear_error_and_rolls_back(
    builtin_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: object, *args: object) -> None:
        raise sqlite3.IntegrityError("CHECK constraint failed: something")

    monkeypatch.setattr(Writer, "finish", refuse)  # an import into stored events
    monkeypatch.setattr(BulkImport, "finish", refuse)  # into an empty timeline
    csv_path = write_csv(tmp_path / "e.csv", GOOD_ROWS)
    before = digest(builtin_copy)

    with pytest.raises(TimelineError, match="the database refused") as caught:
        import_file_into(csv_path, builtin_copy)
    assert not isinstance(caught.value, ImportProblems)
    assert digest(builtin_copy) == before

    new_db = tmp_path / "new.db"
    with pytest.raises(TimelineError):
        import_file_into(csv_path, new_db)
    assert not new_db.exists()


# --------------------------------------------------------------------------------------------
# Files that are not usable at all
# --------------------------------------------------------------------------------------------

FILE_CASES = {
    "latin1.csv": (b"company,title,category,start\nAcme,Caf\xe9,Policy,2020\n", "byte offset 37"),
    "utf16.csv": ("company,title\n".encode("utf-16"), "is UTF-16 text, not UTF-8"),
    "image.csv": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "is a binary file"),
    "empty.csv": (b"", "is empty"),
    "blank.json": (b"  \n\n ", "is empty"),
    "table.xlsx": (b"PK\x03\x04", "unknown file type ('.xlsx')"),
    "broken.json": (b'[{"company": "A",}]', "is not valid JSON"),
    "scalar.json": (b'"hello"', "must hold a list of event objects"),
    "latin1.json": (b'[{"company": "Caf\xe9"}]', "is not UTF-8 text"),
}


@pytest.mark.parametrize("name", list(FILE_CASES))
def test_unusable_file_gives_one_clear_error(name: str, tmp_path: Path) -> None:
    content, fragment = FILE_CASES[name]
    path = tmp_path / name
    path.write_bytes(content)
    db = tmp_path / "new.db"

    with pytest.raises(TimelineError) as caught:
        import_file_into(path, db)

    message = str(caught.value)
    assert not isinstance(caught.value, ImportProblems)
    assert message.startswith(str(path))
    assert fragment in message
    assert "\n" not in message
    assert not db.exists()


def test_latin1_error_names_line_and_says_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"company,title,category,start\nAcme,Caf\xe9,Policy,2020\n")
    with pytest.raises(TimelineError, match=r"is not UTF-8 text .*line 2"):
        validate_file(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(TimelineError, match="no such file"):
        validate_file(tmp_path / "nothing.csv")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(TimelineError, match="is a folder"):
        validate_file(folder)


# --------------------------------------------------------------------------------------------
# Progress
# --------------------------------------------------------------------------------------------


def test_progress_callback_runs_to_total_and_can_cancel(builtin_copy: Path, tmp_path: Path) -> None:
    rows = [event_row(title=f"Event {n}", summary="s" * 50) for n in range(3000)]
    csv_path = write_csv(tmp_path / "e.csv", rows)
    calls: list[tuple[int, int]] = []
    with open_store(builtin_copy) as store:
        import_into_store(store, csv_path, lambda done, total: calls.append((done, total)))
    assert len(calls) > 10
    totals = {total for _, total in calls}
    assert len(totals) == 1
    dones = [done for done, _ in calls]
    assert dones == sorted(dones) and dones[-1] == totals.pop()

    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        if done > total * 0.75:  # in the writing half
            raise Cancelled

    other = tmp_path / "other.csv"
    write_csv(other, [event_row(title=f"Other {n}") for n in range(3000)])
    before = digest(builtin_copy)
    with open_store(builtin_copy) as store, pytest.raises(Cancelled):
        import_into_store(store, other, cancel)
    assert digest(builtin_copy) == before


def test_terminal_progress_is_one_updating_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [event_row(title=f"Event {n}") for n in range(2000)]
    import_file_into(write_csv(tmp_path / "e.csv", rows), tmp_path / "x.db", progress=True)
    err = capsys.readouterr().err
    assert "\r" in err and "\n" not in err
    assert "validating" in err and "writing" in err and "rows)" in err
    assert err.endswith("\r")  # the line is cleared at the end


# --------------------------------------------------------------------------------------------
# Big files and interrupted imports
# --------------------------------------------------------------------------------------------


def _big_csv(path: Path, megabytes: float, sources: int = 400) -> int:
    """An export-shaped file: every row repeats its ~2.5 KB source text."""
    texts = [
        " ".join(f"word{(s * 7 + k) % 997}" for k in range(300)) + f" (document {s})."
        for s in range(sources)
    ]
    target = int(megabytes * 1_000_000)
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(COLUMNS)
        while handle.tell() < target:
            text = texts[rows % sources]
            start = (rows * 13) % 2000
            cells = {
                "company": f"Company {rows % 150}",
                "title": f"Announcement {rows}",
                "summary": "What was announced, in a sentence.",
                "category": ("Policy", "Statement", "Product launch")[rows % 3],
                "start": f"{2001 + rows % 25}-{1 + rows % 12:02d}-{1 + rows % 28:02d}",
                "source_title": f"Document {rows % sources}",
                "source_url": f"https://docs.example/{rows % sources}",
                "source_text": text,
                "excerpt": text[start : start + 90],
                "excerpt_start": start,
                "excerpt_end": start + 90,
            }
            out.writerow([cells.get(column, "") for column in COLUMNS])
            rows += 1
    return rows


# The child reports its own high-water mark (VmHWM); ru_maxrss would include the peak of
# the pytest process it was started from.
RUN_IMPORT = """
import json, sys
from pathlib import Path
from timeline_app.model.importer import import_file_into
result = import_file_into(sys.argv[1], sys.argv[2])
status = Path("/proc/self/status").read_text().splitlines()
peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"added": result.added, "peak_mb": peak_kb / 1024}))
"""


def test_a_100_mb_csv_imports_in_little_memory(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    rows = _big_csv(big, 100)
    assert big.stat().st_size >= 100_000_000
    db = tmp_path / "big.db"

    done = subprocess.run(
        [sys.executable, "-c", RUN_IMPORT, str(big), str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    report = json.loads(done.stdout)
    assert report["added"] == rows
    # Python, numpy and SQLite alone take ~40 MB; holding the file would take hundreds more.
    assert report["peak_mb"] < 160, report
    assert counts(db)["events"] == rows


CLI = "from timeline_app.cli import main; raise SystemExit(main())"


def _snapshot(path: Path) -> tuple:
    with open_store(path, readonly=True) as store:
        return (
            store.conn.execute("SELECT data FROM lane_cache").fetchall(),
            store.conn.execute("SELECT id, title, start_ts FROM events ORDER BY id").fetchall(),
            store.conn.execute("SELECT count(*) FROM excerpts").fetchone()[0],
            store.conn.execute("SELECT count(*) FROM sources").fetchone()[0],
        )


@pytest.mark.parametrize("moment", ["paused before commit", "while writing"])
def test_killing_an_import_leaves_the_database_intact(
    moment: str, builtin_copy: Path, tmp_path: Path
) -> None:
    big = tmp_path / "big.csv"
    _big_csv(big, 25, sources=4000)  # enough that SQLite spills pages to the file early
    before = _snapshot(builtin_copy)
    original = builtin_copy.read_bytes()
    journal = builtin_copy.with_name(builtin_copy.name + "-journal")
    env = dict(os.environ)
    if moment == "paused before commit":
        env[store_module.PAUSE_ENV] = "60"
    process = subprocess.Popen(
        [sys.executable, "-c", CLI, "import", str(big), "--db", str(builtin_copy)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        if moment == "paused before commit":
            line = process.stderr.readline()
            assert "pausing before commit" in line, line
            assert builtin_copy.read_bytes() != original  # pages already written to the file
        else:  # kill as soon as the write has reached the database file itself
            modified = builtin_copy.stat().st_mtime_ns
            deadline = time.monotonic() + 60
            while builtin_copy.stat().st_mtime_ns == modified:
                assert process.poll() is None, "the import ended before it was killed"
                assert time.monotonic() < deadline
                time.sleep(0.001)
        assert journal.exists()
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
        process.stderr.close()

    # The next open rolls the journal back, even a read-only one such as `timeline-app check`.
    with open_store(builtin_copy, readonly=moment == "while writing") as store:
        assert store.check_invariants() == []
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _snapshot(builtin_copy) == before
    assert not journal.exists()


def test_an_interrupted_import_into_a_new_file_can_be_retried(tmp_path: Path) -> None:
    """A new database left by a killed import is an empty timeline, not a broken file."""
    csv_path = write_csv(tmp_path / "e.csv", GOOD_ROWS)
    db = tmp_path / "new.db"
    create_store(db).close()  # as if the import was killed right after creating it
    assert import_file_into(csv_path, db).added == 3


@pytest.mark.parametrize(
    "text", ["=SUM(A1)", "+1", "-minus", "@here", "'=quoted", "''+twice", "'plain", "plain"]
)
def test_formula_guard_round_trips_exactly(text: str) -> None:
    from timeline_app.formats.cells import neutralise, unneutralise

    guarded = neutralise(text)
    assert not str(guarded).startswith(("=", "+", "-", "@"))
    assert unneutralise(str(guarded)) == text


def test_reimport_with_a_new_quote_adds_the_quote_not_the_event(tmp_path: Path) -> None:
    text = "Acme said on Monday it would stop. Later it confirmed the halt in writing."
    first = {"company": "Acme", "title": "Acme halts", "category": "Policy",
             "start": "2021-03-01", "source_title": "Report", "source_text": text,
             "excerpt": "Acme said on Monday it would stop."}  # fmt: skip
    second = {**first, "excerpt": "Later it confirmed the halt in writing."}
    db = tmp_path / "t.db"
    import_file_into(write_csv(tmp_path / "a.csv", [first]), db)
    result = import_file_into(write_csv(tmp_path / "b.csv", [first, second]), db)
    assert (result.added, result.already_present, result.excerpts_added_to_present) == (0, 1, 1)
    with open_store(db, readonly=True) as store:
        (event,) = query.find_events(store)
        quotes = [x.text for x in query.event_detail(store, event.id).excerpts]
        assert quotes == [first["excerpt"], second["excerpt"]]
        found = query.find_events(store, FilterState(text="confirmed halt"))
        assert [e.id for e in found] == [event.id]  # the new quote is searchable
    again = import_file_into(write_csv(tmp_path / "b.csv", [first, second]), db)
    assert again.excerpts_added_to_present == 0


def test_company_and_category_names_with_stray_spaces_are_one_lane(tmp_path: Path) -> None:
    rows = [
        {"company": "Acme Corp", "title": "One", "category": "Policy", "start": "2021-01-01"},
        {"company": " Acme  Corp ", "title": "Two", "category": "Policy ", "start": "2021-01-02"},
    ]
    db = tmp_path / "t.db"
    import_file_into(write_csv(tmp_path / "a.csv", rows), db)
    with open_store(db, readonly=True) as store:
        assert [c.name for c in query.list_companies(store)] == ["Acme Corp"]
        assert [name for _id, name in query.list_categories(store)] == ["Policy"]
