"""FilterState: what the user chose to see, as SQL; typed text can never be a search error."""

from __future__ import annotations

import random
import sqlite3
from datetime import date

import pytest

from timeline_app.errors import ValidationError
from timeline_app.model.dates import epoch_seconds
from timeline_app.model.filters import FilterState, fts_query


def ts(iso: str) -> int:
    return epoch_seconds(date.fromisoformat(iso))


def test_the_default_state_restricts_nothing():
    state = FilterState()
    assert state.is_default
    assert state.to_sql() == ("1", [])
    assert state.time_range == (None, None)
    assert not FilterState(text="x").is_default
    assert FilterState(text="x").with_(text="") == FilterState()


def test_with_returns_a_new_state_and_keeps_the_old():
    state = FilterState(text="acme")
    changed = state.with_(companies=frozenset({1}))
    assert state.companies is None
    assert changed.companies == frozenset({1}) and changed.text == "acme"
    assert hash(changed) == hash(FilterState(companies=frozenset({1}), text="acme"))


def test_date_range_is_inclusive_of_both_days():
    state = FilterState(date_from="2020-06-10", date_to="2020-06-11")
    assert state.time_range == (ts("2020-06-10"), ts("2020-06-12"))
    assert FilterState(date_to="2020-12-31").time_range == (None, ts("2021-01-01"))


@pytest.mark.parametrize("bad", ["2020-02-30", "2020-06", "yesterday"])
def test_an_invalid_date_in_the_filter_is_a_validation_error(bad):
    with pytest.raises(ValidationError):
        FilterState(date_from=bad).time_range  # noqa: B018
    with pytest.raises(ValidationError):
        FilterState(date_to=bad).to_sql()


@pytest.fixture
def events_db():
    """A bare events table with an FTS index, as the schema makes them."""
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE events (id INTEGER PRIMARY KEY, company_id, category_id, start_ts, end_ts)"
    )
    conn.execute(
        "CREATE VIRTUAL TABLE events_fts USING fts5(title, summary, excerpts, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    rows = [
        (1, 1, 10, ts("2020-06-10"), ts("2021-06-11"), "Acme pauses sales", "", ""),
        (2, 1, 20, ts("2019-01-01"), ts("2020-01-01"), "Acme report", "", "annual report"),
        (3, 2, 10, ts("2020-03-01"), ts("2020-04-01"), "Beta divests", "AnyVision", ""),
        (4, 3, 30, ts("2018-01-01"), ts("2021-01-01"), "Zeta résumé", "", "“quoted” words"),
    ]
    for row in rows:
        conn.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?)", row[:5])
        conn.execute(
            "INSERT INTO events_fts (rowid, title, summary, excerpts) VALUES (?, ?, ?, ?)",
            (row[0], *row[5:]),
        )
    yield conn
    conn.close()


def selected(conn: sqlite3.Connection, state: FilterState) -> list[int]:
    where, params = state.to_sql()
    return [
        r[0] for r in conn.execute(f"SELECT id FROM events e WHERE {where} ORDER BY id", params)
    ]


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (FilterState(), [1, 2, 3, 4]),
        (FilterState(companies=frozenset({1})), [1, 2]),
        (FilterState(companies=frozenset()), []),
        (FilterState(categories=frozenset({10, 30})), [1, 3, 4]),
        (FilterState(categories=frozenset()), []),
        (FilterState(date_from="2020-01-01", date_to="2020-01-01"), [4]),
        (FilterState(date_from="2019-12-31", date_to="2019-12-31"), [2, 4]),
        (FilterState(date_from="2021-06-10"), [1]),
        (FilterState(date_to="2018-01-01"), [4]),
        (FilterState(text="acme"), [1, 2]),
        (FilterState(text="ACM"), [1, 2]),
        (FilterState(text="annual"), [2]),
        (FilterState(text="anyvision"), [3]),
        (FilterState(text="resume"), [4]),
        (FilterState(text="quoted"), [4]),
        (FilterState(text="acme zeta"), []),
        (FilterState(text=" ! "), []),
        (FilterState(text="   "), [1, 2, 3, 4]),  # blank text is no restriction
        (FilterState(companies=frozenset({1, 3}), categories=frozenset({10}), text="a"), [1]),
    ],
)
def test_to_sql_selects_what_the_user_chose(events_db, state, expected):
    assert selected(events_db, state) == expected


def test_to_sql_uses_the_alias_and_binds_every_value():
    where, params = FilterState(
        companies=frozenset({3, 1}), text="acme", date_from="2020-01-01"
    ).to_sql("x")
    assert "x.company_id" in where and "e." not in where
    assert params == [1, 3, ts("2020-01-01"), '"acme"*']
    assert "acme" not in where  # user text only ever as a parameter


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("acme", '"acme"*'),
        ("Acme pauses", '"Acme"* "pauses"*'),
        ('say "AND" NEAR(x', '"say"* "AND"* "NEAR"* "x"*'),
        ("données-été", '"données"* "été"*'),
        ("?!", ""),
        ("", ""),
    ],
)
def test_fts_query_turns_words_into_quoted_prefixes(text, query):
    assert fts_query(text) == query


ALPHABET = list("abcXYZ019 _-\"'*^:()+{}[]<>\\/.,;!?&|~`@#$%=") + [
    "é",
    "e\u0301",
    "’",
    "“",
    "时",
    "🙂",
    "\u200b",
    "\x00",
    "\t",
    "\n",
    " AND ",
    " OR ",
    " NOT ",
    " NEAR(",
    "title:",
]


def test_no_typed_text_can_make_the_search_fail(events_db):
    rng = random.Random(20200611)
    for _ in range(1500):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12)))
        selected(events_db, FilterState(text=text))  # raises on an FTS syntax error
