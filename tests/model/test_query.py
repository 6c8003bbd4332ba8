"""The questions the window, the export and the CLI ask of a timeline file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from timeline_app.model import query
from timeline_app.model.dates import validate_span
from timeline_app.model.filters import FilterState
from timeline_app.model.store import Store, create_store
from timeline_app.model.types import DatePrecision
from timeline_app.model.writer import NewEvent, NewExcerpt, NewSource, Writer

FIRST = NewSource(
    title="Acme and Beta change course",
    publisher="The Daily Test",
    url="https://example.org/first",
    published="2020-06-11",
    text=(
        "Acme said on Wednesday it would pause police sales for one year. "
        "Acme’s annual report mentioned facial recognition. "
        "Beta Corp divested from AnyVision in March. "
        "Beta backs the California bill, a spokesperson said. "
        "Zeta ends résumé scanning."
    ),
)
SECOND = NewSource(
    title="Acme leaves",
    publisher="Second Paper",
    url="https://example.org/second",
    published="2020-06-09",
    text="Reports say Acme exits the market entirely, a second paper reported.",
)

# title: (company, category, summary, start, end, precision, approximate, quotes)
EVENTS = {
    "Acme pauses police sales": (
        "Acme",
        "Statement",
        "A one-year moratorium",
        "2020-06-10",
        "2021-06-10",
        "day",
        False,
        [(FIRST, "Acme said on Wednesday it would pause police sales for one year.")],
    ),
    "Acme exits facial recognition": (
        "Acme",
        "Sales halt",
        "",
        "2020-06-08",
        None,
        "day",
        False,
        [(SECOND, "Acme exits the market entirely"), (FIRST, "facial recognition")],
    ),
    "Acme annual report": (
        "Acme",
        "Statement",
        "",
        "2019",
        None,
        "year",
        False,
        [(FIRST, "Acme’s annual report mentioned facial recognition.")],
    ),
    "Beta divests from AnyVision": (
        "beta Corp",
        "Investment",
        "",
        "2020-03",
        None,
        "month",
        False,
        [(FIRST, "Beta Corp divested from AnyVision in March.")],
    ),
    "Beta backs the California bill": (
        "beta Corp",
        "Statement",
        "",
        "2020-06-11",
        None,
        "day",
        True,
        [(FIRST, "Beta backs the California bill")],
    ),
    "Zeta ends résumé scanning": (
        "Zeta",
        "Sales halt",
        "",
        "2018",
        "2020",
        "year",
        False,
        [(FIRST, "Zeta ends résumé scanning.")],
    ),
}
IN_TIME_ORDER = [
    "Zeta ends résumé scanning",
    "Acme annual report",
    "Beta divests from AnyVision",
    "Acme exits facial recognition",
    "Acme pauses police sales",
    "Beta backs the California bill",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    path: Path = tmp_path_factory.mktemp("query") / "query.db"
    store = create_store(path)
    with store.transaction() as conn:
        writer = Writer(conn)
        for name in ("Acme", "beta Corp", "Empty Co", "Zeta"):
            writer.company(name)
        source_ids = {FIRST: writer.source(FIRST), SECOND: writer.source(SECOND)}
        new = []
        for title, (
            company,
            category,
            summary,
            start,
            end,
            precision,
            approx,
            quotes,
        ) in EVENTS.items():
            excerpts = []
            for source, quote in quotes:
                at = source.text.index(quote)
                excerpts.append(NewExcerpt(source_ids[source], at, at + len(quote), quote))
            span = validate_span(start, end, DatePrecision(precision))
            new.append(NewEvent(company, category, title, summary, span, approx, tuple(excerpts)))
        writer.events(new)
        writer.finish()
    yield store
    store.close()


def titles(events) -> list[str]:
    return [event.title for event in events]


def id_of(store: Store, title: str) -> int:
    return store.conn.execute("SELECT id FROM events WHERE title = ?", (title,)).fetchone()[0]


def company(store: Store, *names: str) -> frozenset[int]:
    return frozenset(c.id for c in query.list_companies(store) if c.name in names)


def category(store: Store, *names: str) -> frozenset[int]:
    return frozenset(i for i, name in query.list_categories(store) if name in names)


def test_companies_are_listed_by_name_ignoring_case_with_their_counts(store):
    listed = [(c.name, c.event_count) for c in query.list_companies(store)]
    assert listed == [("Acme", 3), ("beta Corp", 2), ("Empty Co", 0), ("Zeta", 1)]


def test_categories_are_listed_by_name(store):
    assert [name for _, name in query.list_categories(store)] == [
        "Investment",
        "Sales halt",
        "Statement",
    ]


def test_all_events_come_in_time_order(store):
    assert titles(query.find_events(store)) == IN_TIME_ORDER
    assert titles(query.find_events(store, FilterState(), limit=2)) == IN_TIME_ORDER[:2]
    assert query.count_events(store) == len(EVENTS)


def test_event_fields_are_as_stored(store):
    (event,) = query.find_events(store, FilterState(text="moratorium"))
    assert (event.company, event.category, event.title, event.summary) == (
        "Acme",
        "Statement",
        "Acme pauses police sales",
        "A one-year moratorium",
    )
    assert (event.start, event.end, event.precision, event.approximate) == (
        "2020-06-10",
        "2021-06-10",
        DatePrecision.DAY,
        False,
    )
    span = validate_span("2020-06-10", "2021-06-10", DatePrecision.DAY)
    assert (event.start_ts, event.end_ts) == (span.start_ts, span.end_ts)
    (approx,) = query.find_events(store, FilterState(text="california"))
    assert approx.approximate is True


def both(store: Store, state: FilterState) -> list[str]:
    """find_events and count_events must agree on every filter."""
    found = query.find_events(store, state)
    assert query.count_events(store, state) == len(found)
    return titles(found)


@pytest.mark.parametrize(
    ("companies", "categories", "expected"),
    [
        (
            ("Acme",),
            None,
            ["Acme annual report", "Acme exits facial recognition", "Acme pauses police sales"],
        ),
        (
            ("Zeta", "beta Corp"),
            None,
            [
                "Zeta ends résumé scanning",
                "Beta divests from AnyVision",
                "Beta backs the California bill",
            ],
        ),
        (("Empty Co",), None, []),
        ((), None, []),  # every company unticked: nothing shown
        (None, ("Sales halt",), ["Zeta ends résumé scanning", "Acme exits facial recognition"]),
        (None, (), []),
        (("Acme",), ("Statement",), ["Acme annual report", "Acme pauses police sales"]),
    ],
)
def test_filter_by_companies_and_categories(store, companies, categories, expected):
    state = FilterState(
        companies=None if companies is None else company(store, *companies),
        categories=None if categories is None else category(store, *categories),
    )
    assert both(store, state) == expected


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        # a span overlapping the range counts, however early it started
        ("2020-07-01", "2020-07-31", ["Zeta ends résumé scanning", "Acme pauses police sales"]),
        # a month-precise event covers its whole month
        ("2020-03-31", "2020-03-31", ["Zeta ends résumé scanning", "Beta divests from AnyVision"]),
        ("2020-06-09", "2020-06-09", ["Zeta ends résumé scanning"]),
        (
            "2020-06-08",
            "2020-06-08",
            ["Zeta ends résumé scanning", "Acme exits facial recognition"],
        ),
        ("2021-06-10", "2021-06-10", ["Acme pauses police sales"]),  # last day of the span
        ("2021-06-11", None, []),
        (
            "2020-06-11",
            None,
            [
                "Zeta ends résumé scanning",
                "Acme pauses police sales",
                "Beta backs the California bill",
            ],
        ),
        (None, "2018-12-31", ["Zeta ends résumé scanning"]),
        (None, "2019-01-01", ["Zeta ends résumé scanning", "Acme annual report"]),
    ],
)
def test_filter_by_date_range(store, date_from, date_to, expected):
    assert both(store, FilterState(date_from=date_from, date_to=date_to)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pau", ["Acme pauses police sales"]),  # a prefix
        ("MORATORIUM", ["Acme pauses police sales"]),  # summary, any case
        ("wednesday", ["Acme pauses police sales"]),  # only in the excerpt
        ("market", ["Acme exits facial recognition"]),  # excerpt of the second source
        (
            "acme",
            ["Acme annual report", "Acme exits facial recognition", "Acme pauses police sales"],
        ),
        ("acme report", ["Acme annual report"]),  # every word must appear
        ("report acme", ["Acme annual report"]),
        ("resume", ["Zeta ends résumé scanning"]),  # accents do not matter
        ("RÉSUMÉ", ["Zeta ends résumé scanning"]),
        ("Acme’s annual", ["Acme annual report"]),  # curly apostrophe: a word break
        ("?!", []),  # only punctuation: nothing
        ("...", []),
        ("nothing-like-this", []),
    ],
)
def test_filter_by_text(store, text, expected):
    assert both(store, FilterState(text=text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '""',
        "AND(",
        "acme AND(",
        "NEAR(acme",
        "acme OR",
        "-acme",
        "acme*",
        "*",
        "^acme",
        "title:acme",
        "(acme)",
        'acme"',
        "'acme",
        "{acme}",
        "acme NOT",
        "\\",
        "\x00",
        "%_",
    ],
)
def test_search_syntax_in_user_text_never_raises(store, text):
    found = both(store, FilterState(text=text))
    ids = query.search_event_ids(store, text)
    assert ids is not None
    assert sorted(id_of(store, title) for title in found) == list(ids)


@pytest.mark.parametrize("text", ['acme"', '"acme', "(acme)", "acme*", "-acme", "^acme"])
def test_punctuation_around_a_word_is_ignored(store, text):
    assert both(store, FilterState(text=text)) == both(store, FilterState(text="acme"))


def test_text_and_other_filters_combine(store):
    state = FilterState(
        companies=company(store, "Acme", "Zeta"),
        text="facial",
        date_from="2020-01-01",
        date_to="2020-12-31",
    )
    assert both(store, state) == ["Acme exits facial recognition"]


def test_search_event_ids(store):
    assert query.search_event_ids(store, "") is None
    assert query.search_event_ids(store, "   ") is None  # nothing typed: no restriction
    nothing = query.search_event_ids(store, "?!")
    assert nothing is not None and nothing.size == 0
    found = query.search_event_ids(store, "acme")
    expected = sorted(
        id_of(store, t)
        for t in ("Acme annual report", "Acme exits facial recognition", "Acme pauses police sales")
    )
    assert found.dtype == np.int64
    assert list(found) == expected


def test_event_detail_gives_each_excerpt_with_its_source(store):
    detail = query.event_detail(store, id_of(store, "Acme exits facial recognition"))
    assert detail.event.title == "Acme exits facial recognition"
    assert len(detail.excerpts) == 2
    by_title = {x.source.title: x for x in detail.excerpts}
    for expected, quote in ((FIRST, "facial recognition"), (SECOND, "Acme exits the market")):
        excerpt = by_title[expected.title]
        source = excerpt.source
        assert (source.publisher, source.published, source.url, source.text) == (
            expected.publisher,
            expected.published,
            expected.url,
            expected.text,
        )
        assert excerpt.text == source.text[excerpt.start : excerpt.end]
        assert excerpt.text.startswith(quote)
        assert excerpt.event_id == detail.event.id


def test_every_excerpt_is_verbatim_at_its_offsets(store):
    for event in query.find_events(store):
        detail = query.event_detail(store, event.id)
        assert detail.excerpts
        for excerpt in detail.excerpts:
            assert excerpt.text == excerpt.source.text[excerpt.start : excerpt.end]


def test_event_detail_of_an_unknown_id_is_none(store):
    assert query.event_detail(store, 999_999) is None


def test_events_by_ids(store):
    ids = [id_of(store, title) for title in IN_TIME_ORDER]
    found = query.events_by_ids(store, ids[:2])
    assert {e.title for e in found.values()} == set(IN_TIME_ORDER[:2])
    assert all(found[i].id == i for i in found)
    # more ids than SQLite takes in one statement, most of them unknown
    many = query.events_by_ids(store, list(range(1, 2001)))
    assert sorted(many) == sorted(ids)
    assert query.events_by_ids(store, []) == {}
    assert query.event_titles(store, np.array(ids[:1])) == {ids[0]: IN_TIME_ORDER[0]}


def test_sources_behind_the_selected_events(store):
    first = (FIRST.title, FIRST.publisher, FIRST.published)
    second = (SECOND.title, SECOND.publisher, SECOND.published)
    assert query.sources_behind(store, FilterState(text="market")) == ([second, first], 2)
    assert query.sources_behind(store, FilterState(text="zeta")) == ([first], 1)
    assert query.sources_behind(store) == ([second, first], 2)  # unfiltered: every one
    assert query.sources_behind(store, limit=1) == ([second], 2)  # the count is all of them
    assert query.sources_behind(store, FilterState(text="nothing-matches")) == ([], 0)
