"""The source documents of a generated file (1-3 KB each, about one company) with the
sentences that may be quoted, and the excerpts that quote them verbatim, at their offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from timeline_app.generator.companies import FIRST_DAY, Companies, EventDates, sample_days
from timeline_app.generator.events import BATCH, Row, Words
from timeline_app.generator.vocabulary import (
    FILLER,
    MONTH_NAMES,
    PUBLISHERS,
    QUOTABLE,
    REGIONS,
    SOURCE_TITLES,
    TOPICS,
    WEEKDAYS,
)
from timeline_app.model.writer import NewSource


@dataclass
class Sources:
    """The source documents in id order (by company, then publication day)."""

    documents: list[NewSource]
    company: np.ndarray  # 0-based company index of each
    day: np.ndarray  # its publication day, from FIRST_DAY
    offsets: np.ndarray  # company i's sources: offsets[i] .. offsets[i + 1]
    quote_offsets: np.ndarray  # source j's quotable sentences: quote_offsets[j] .. [j + 1]
    quote_start: np.ndarray  # each quotable sentence's offsets in its source's text
    quote_end: np.ndarray


def make_sources(
    rng: np.random.Generator, cdf: np.ndarray, companies: Companies, words: Words, n_events: int
) -> Sources:
    """At least one source per company, more for bigger ones, spread over its active
    years."""
    counts, first_day, last_day = companies.counts, companies.first_day, companies.last_day
    n_companies = counts.size
    n_sources = n_companies + min(5000, n_events // 250) if n_events else 0
    extra = (
        rng.multinomial(n_sources - n_companies, counts / counts.sum())
        if n_events
        else np.zeros(n_companies, dtype=np.int64)
    )
    sources_per = (1 + extra) if n_events else extra
    source_company = np.repeat(np.arange(n_companies), sources_per)
    source_day = sample_days(rng, cdf, first_day[source_company], last_day[source_company])
    source_order = np.lexsort((source_day, source_company))
    source_company, source_day = source_company[source_order], source_day[source_order]
    documents, quotes = _documents(rng, words, source_company, source_day)
    quote_count = np.array([len(q) for q in quotes], dtype=np.int64)
    return Sources(
        documents=documents,
        company=source_company,
        day=source_day,
        offsets=np.concatenate([[0], np.cumsum(sources_per)]),
        quote_offsets=np.concatenate([[0], np.cumsum(quote_count)]),
        quote_start=np.array([s for q in quotes for s, _ in q], dtype=np.int64),
        quote_end=np.array([e for q in quotes for _, e in q], dtype=np.int64),
    )


def _documents(
    rng: np.random.Generator, words: Words, source_company: np.ndarray, source_day: np.ndarray
) -> tuple[list[NewSource], list[list[tuple[int, int]]]]:
    """Source documents about one company each, and the (start, end) of their sentences
    that name the company and may be quoted."""
    names, products, partners = words.names, words.products, words.partners
    product_offsets = words.product_offsets
    sources: list[NewSource] = []
    quotes: list[list[tuple[int, int]]] = []
    published = np.datetime_as_string(FIRST_DAY + source_day, unit="D").tolist()
    weekdays = (source_day % 7).tolist()  # FIRST_DAY is a Monday
    sentence_counts = rng.integers(12, 33, source_company.size).tolist()
    publishers = rng.integers(0, len(PUBLISHERS), source_company.size).tolist()
    titles = rng.integers(0, len(SOURCE_TITLES), source_company.size).tolist()
    for number, (owner, when, weekday, sentences, publisher, title) in enumerate(
        zip(
            source_company.tolist(),
            published,
            weekdays,
            sentence_counts,
            publishers,
            titles,
            strict=True,
        )
    ):
        low, high = int(product_offsets[owner]), int(product_offsets[owner + 1])
        picks = rng.integers(0, 1 << 30, size=(sentences + 1, 6)).tolist()
        month_phrase = f"{MONTH_NAMES[int(when[5:7]) - 1]} {int(when[:4]) + 1}"
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        length = 0
        next_quote, next_filler = picks[-1][0], picks[-1][1]  # cycle, so no line repeats
        for index, pick in enumerate(picks[:-1]):
            fill = (
                names[owner],
                products[low + pick[0] % (high - low)],
                TOPICS[pick[1] % len(TOPICS)],
                partners[pick[2] % len(partners)],
                REGIONS[pick[3] % len(REGIONS)],
                pick[4] % 9 + 1,
                "",
                WEEKDAYS[weekday],
                month_phrase,
            )
            quotable = index < 3 or pick[5] % 10 < 6
            if quotable:
                sentence = QUOTABLE[next_quote % len(QUOTABLE)].format(*fill)
                next_quote += 1
            else:
                sentence = FILLER[next_filler % len(FILLER)].format(*fill)
                next_filler += 1
            separator = "" if index == 0 else ("\n\n" if index % 4 == 0 else " ")
            length += len(separator)
            if quotable:
                spans.append((length, length + len(sentence)))
            parts.append(separator + sentence)
            length += len(sentence)
        head = SOURCE_TITLES[title].format(
            names[owner],
            products[low + picks[0][0] % (high - low)],
            TOPICS[picks[0][1] % len(TOPICS)],
            "",
            REGIONS[picks[0][3] % len(REGIONS)],
        )
        slug = re.sub(r"[^a-z0-9]+", "-", head.lower().replace("'", ""))[:60].strip("-")
        host = PUBLISHERS[publisher].lower().replace("&", "and").replace(" ", "")
        url = f"https://{host}.example/{when[:4]}/{when[5:7]}/{slug}-{number + 1}"
        sources.append(NewSource(head, "".join(parts), PUBLISHERS[publisher], url, when))
        quotes.append(spans)
    return sources, quotes


def choose_excerpts(rng: np.random.Generator, dates: EventDates, sources: Sources) -> Excerpts:
    """The first source about the company published on or after the event (or its last
    one), and for some events a second from a neighbouring source."""
    event, source, quote = _excerpts(
        rng, dates.company, dates.day, sources.company, sources.day, sources.offsets,
        sources.quote_offsets,
    )  # fmt: skip
    return Excerpts(
        texts=[document.text for document in sources.documents],
        event=event,
        source=source,
        start=sources.quote_start[quote],
        end=sources.quote_end[quote],
    )


def _excerpts(
    rng: np.random.Generator,
    company: np.ndarray,
    day: np.ndarray,
    source_company: np.ndarray,
    source_day: np.ndarray,
    source_offsets: np.ndarray,
    quote_offsets: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per excerpt: its event (0-based), its source (0-based), its quotable sentence."""
    n = company.size
    if not n:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    key_shift = np.int64(1 << 20)
    source_key = source_company.astype(np.int64) * key_shift + source_day
    event_key = company.astype(np.int64) * key_shift + day
    low, high = source_offsets[company], source_offsets[company + 1] - 1
    first = np.clip(np.searchsorted(source_key, event_key, side="left"), low, high)
    second_wanted = rng.random(n) < 0.3
    neighbour = np.where(first < high, first + 1, np.maximum(first - 1, low))
    event = np.concatenate([np.arange(n), np.flatnonzero(second_wanted)])
    source = np.concatenate([first, neighbour[second_wanted]])
    quotes = quote_offsets[source + 1] - quote_offsets[source]
    pick = (rng.random(event.size) * quotes).astype(np.int64)
    # A second excerpt from the same source (a company with one source) quotes another line.
    same = np.zeros(event.size, dtype=bool)
    same[n:] = source[n:] == first[second_wanted]
    pick[n:] = np.where(same[n:], (pick[:n][second_wanted] + 1) % quotes[n:], pick[n:])
    order = np.lexsort((source, event))
    return event[order], source[order], (quote_offsets[source] + pick)[order]


@dataclass
class Excerpts:
    """Every excerpt as numbers (in id order: by event, then source); its text is cut from
    its source's text at its offsets, one batch at a time."""

    texts: list[str]  # source texts, by 0-based source index
    event: np.ndarray  # 0-based event index
    source: np.ndarray  # 0-based source index
    start: np.ndarray
    end: np.ndarray

    def batches(self, source_ids: np.ndarray, first_id: int) -> Iterator[list[Row]]:
        texts = self.texts
        for begin in range(0, self.event.size, BATCH):
            part = slice(begin, min(begin + BATCH, self.event.size))
            sources, starts, ends = (
                self.source[part].tolist(), self.start[part].tolist(), self.end[part].tolist()
            )  # fmt: skip
            yield list(
                zip(
                    (self.event[part] + first_id).tolist(),
                    source_ids[self.source[part]].tolist(),
                    starts,
                    ends,
                    [texts[s][a:b] for s, a, b in zip(sources, starts, ends, strict=True)],
                    strict=True,
                )
            )
