"""The event rows of a generated file, made from the numbers of companies.py: titles and
summaries (filled templates, unique per company and start) and date texts, checked against
the schema's rules and made one batch at a time as the file is written.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from timeline_app.errors import TimelineError
from timeline_app.generator.companies import Calendar, Companies, EventDates, bases, products
from timeline_app.generator.vocabulary import REGIONS, SUMMARIES, TITLES, TOPICS
from timeline_app.model.text_rules import problem_with

BATCH = 50_000
EPOCH = date(1970, 1, 1).toordinal()
DAY_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")
MONTH_TEXT = re.compile(r"\d{4}-\d{2}")
YEAR_TEXT = re.compile(r"\d{4}")
Row = tuple[Any, ...]  # one row's values, in the order of its INSERT


# --------------------------------------------------------------------------------------------
# Titles and summaries
# --------------------------------------------------------------------------------------------


@dataclass
class Words:
    """What fills the title and summary templates, per event (indexes) and shared (lists)."""

    names: list[str]
    products: list[str]  # every company's product line, one after another
    product_offsets: np.ndarray  # company i's products: product_offsets[i] .. [i + 1]
    partners: list[str]
    product: np.ndarray
    topic: np.ndarray
    other: np.ndarray
    region: np.ndarray
    amount: np.ndarray
    quarter: np.ndarray  # month table index: the quarter last reported in that month
    title_choice: np.ndarray
    summary_choice: np.ndarray


def make_words(rng: np.random.Generator, companies: Companies, dates: EventDates) -> Words:
    """Vocabulary per company (a product line, other organisations it deals with), and
    per event the choices that fill its templates."""
    counts, company, n = companies.counts, dates.company, dates.company.size
    product_count = 2 + np.minimum(np.sqrt(counts).astype(np.int64) // 2, 30)
    product_offsets = np.concatenate([[0], np.cumsum(product_count)])
    product_names = products(rng, companies.brands, product_count)
    partners = bases(rng, 400)
    partner_names = [
        f"{word} {suffix}"
        for word, suffix in zip(
            partners, itertools.cycle(("Labs", "AI", "Systems", "Foundation", "Networks")),
            strict=False,
        )
    ]  # fmt: skip
    return Words(
        names=companies.names,
        products=product_names,
        product_offsets=product_offsets,
        partners=partner_names,
        product=product_offsets[company]
        + (rng.random(n) * product_count[company]).astype(np.int64),
        topic=rng.integers(0, len(TOPICS), n),
        other=rng.integers(0, len(partner_names), n),
        region=rng.integers(0, len(REGIONS), n),
        amount=np.minimum(rng.lognormal(3.5, 1.2, n).astype(np.int64) + 2, 9999),
        quarter=dates.month,
        title_choice=rng.random(n),
        summary_choice=rng.random(n),
    )


def _fill(
    words: Words,
    calendar: Calendar,
    part: slice,
    company: np.ndarray,
    category: np.ndarray,
    choice: np.ndarray,
    templates: Sequence[Sequence[str]],
) -> list[str]:
    """Titles or summaries for the events in `part` (company and category already sliced)."""
    sizes = np.array([len(t) for t in templates])
    flat = [template for group in templates for template in group]
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    which = (starts[category] + (choice[part] * sizes[category]).astype(np.int64)).tolist()
    names, products, partners = words.names, words.products, words.partners
    return [
        flat[w].format(names[c], products[p], TOPICS[t], partners[o], REGIONS[r], a, q)
        for w, c, p, t, o, r, a, q in zip(
            which,
            company.tolist(),
            words.product[part].tolist(),
            words.topic[part].tolist(),
            words.other[part].tolist(),
            words.region[part].tolist(),
            words.amount[part].tolist(),
            calendar.quarter_text[words.quarter[part]].tolist(),
            strict=True,
        )
    ]


class _UniqueTitles:
    """Titles must be unique per company and start; events come grouped by both, so only
    the current group is remembered. A repeat gets " (update N)"."""

    def __init__(self) -> None:
        self._group: tuple[int, str] | None = None
        self._seen: set[str] = set()

    def apply(self, titles: list[str], companies: list[int], starts: list[str]) -> None:
        for index, group in enumerate(zip(companies, starts, strict=True)):
            if group != self._group:
                self._group, self._seen = group, set()
            title = titles[index]
            if title in self._seen:
                number = 2
                while f"{title} (update {number})" in self._seen:
                    number += 1
                title = titles[index] = f"{title} (update {number})"
            self._seen.add(title)


@dataclass
class Events:
    """Every event as numbers; the text of its row is made one batch at a time."""

    calendar: Calendar
    words: Words
    company: np.ndarray  # 0-based company index
    category: np.ndarray  # 0-based index into CATEGORIES
    precision: np.ndarray  # 0 day, 1 month, 2 year
    start_index: np.ndarray  # into the calendar's day, month or year table
    end_index: np.ndarray  # the same, or -1 when the event has no end
    approximate: np.ndarray
    start_ts: np.ndarray
    end_ts: np.ndarray

    def verify(self) -> None:
        """What the events table's CHECK constraints ask, for every row at once: each date
        text is a real day, month or year of its precision, start_ts is its first second,
        end_ts the first second after the period it ends in, and the end is not before the
        start. The texts are read back with the standard library, independently of the
        numpy arithmetic that made the timestamps."""
        calendar = self.calendar
        tables = (calendar.day_text, calendar.month_text, calendar.year_text)
        suffixes, patterns = ("", "-01", "-01-01"), (DAY_TEXT, MONTH_TEXT, YEAR_TEXT)
        first_days = []  # per table: days since 1970 of each entry's first day, from its text
        for table, suffix, pattern in zip(tables, suffixes, patterns, strict=True):
            texts = table.tolist()
            if not all(pattern.fullmatch(text) for text in texts):
                raise TimelineError("internal error: a generated date is not in ISO form")
            try:
                ordinals = [date.fromisoformat(text + suffix).toordinal() for text in texts]
            except ValueError:
                raise TimelineError("internal error: a generated date is not a real date") from None
            first_days.append(np.array(ordinals) - EPOCH)
        offsets = np.cumsum([0] + [table.size for table in tables])
        firsts = np.concatenate(first_days)
        sizes = np.array([table.size for table in tables])
        code = self.precision
        if not np.isin(code, (0, 1, 2)).all():
            raise TimelineError("internal error: a generated precision is unknown")
        end_index = np.where(self.end_index >= 0, self.end_index, self.start_index)
        if ((end_index < self.start_index) | (end_index + 1 >= sizes[code])).any():
            raise TimelineError("internal error: a generated end is out of range")
        start_ts = firsts[offsets[code] + self.start_index] * 86_400
        end_ts = firsts[offsets[code] + end_index + 1] * 86_400
        if not (np.array_equal(start_ts, self.start_ts) and np.array_equal(end_ts, self.end_ts)):
            raise TimelineError("internal error: generated timestamps disagree with the dates")
        if not (self.end_ts > self.start_ts).all() or not np.isin(self.approximate, (0, 1)).all():
            raise TimelineError("internal error: a generated event is not well-formed")

    def batches(
        self, company_ids: np.ndarray, category_ids: np.ndarray, first_id: int
    ) -> Iterator[list[Row]]:
        calendar, words = self.calendar, self.words
        tables = (calendar.day_text, calendar.month_text, calendar.year_text)
        unique = _UniqueTitles()
        for begin in range(0, self.company.size, BATCH):
            part = slice(begin, min(begin + BATCH, self.company.size))
            company, category = self.company[part], self.category[part]
            precision = self.precision[part]
            starts = np.empty(precision.size, dtype=object)
            ends = np.full(precision.size, None, dtype=object)
            for code, table in enumerate(tables):
                here = precision == code
                starts[here] = table[self.start_index[part][here]]
                stated = here & (self.end_index[part] >= 0)
                ends[stated] = table[self.end_index[part][stated]]
            start_list = starts.tolist()
            titles = _fill(words, calendar, part, company, category, words.title_choice, TITLES)
            summaries = _fill(
                words, calendar, part, company, category, words.summary_choice, SUMMARIES
            )
            companies = company.tolist()
            unique.apply(titles, companies, start_list)
            yield list(
                zip(
                    range(first_id + part.start, first_id + part.stop),
                    company_ids[company].tolist(),
                    category_ids[category].tolist(),
                    titles,
                    summaries,
                    start_list,
                    ends.tolist(),
                    np.array(["day", "month", "year"])[precision].tolist(),
                    self.approximate[part].tolist(),
                    strict=True,
                )
            )


def titled(batches: Iterable[list[Row]]) -> Iterator[list[Row]]:
    """Event rows whose title (the fourth value) and summary (the fifth) are text the schema
    accepts: checked a batch at a time, as one long text per batch, for speed."""
    for batch in batches:
        if not all(row[3].strip() for row in batch):
            raise TimelineError("internal error: a generated title is empty")
        for column, field in ((3, "title"), (4, "summary")):
            texts = [row[column] for row in batch]
            longest = max(texts, key=len, default="")
            joined = " ".join(texts)  # one search for forbidden characters per batch
            if problem := problem_with(field, longest) or problem_with(field, joined, length=False):
                raise TimelineError(f"internal error: a generated {field}: {problem}")
        yield batch
