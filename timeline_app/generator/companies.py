"""Who announces, and when: organisations of uneven size with made-up names and products,
and the days of their events (news bursts, seasons, few weekends), their precision, spans
and timestamps, as numpy arrays.

Every function draws from the one random generator in a fixed order: the same seed gives
the same organisations and dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from timeline_app.generator.vocabulary import (
    CATEGORIES,
    CATEGORY_PROFILES,
    KIND_SHARES,
    KINDS,
    NAME_PATTERNS,
    PRODUCT_WORDS,
    SYLLABLES,
)

FIRST_DAY = np.datetime64("2001-01-01")  # a Monday
LAST_DAY = np.datetime64("2025-12-31")
SPAN_DAYS = int((LAST_DAY - FIRST_DAY).astype(int)) + 1


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------


def bases(rng: np.random.Generator, count: int) -> list[str]:
    """`count` distinct made-up words of two or three syllables."""
    words: list[str] = []
    seen: set[str] = set()
    syllables = np.array(SYLLABLES)
    while len(words) < count:
        batch = max(64, 2 * (count - len(words)))
        parts = syllables[rng.integers(0, len(SYLLABLES), size=(batch, 3))]
        three = rng.random(batch) < 0.35
        for row, long in zip(parts.tolist(), three.tolist(), strict=True):
            word = ("".join(row) if long else row[0] + row[1]).capitalize()
            if word not in seen:
                seen.add(word)
                words.append(word)
                if len(words) == count:
                    break
    return words


def company_names(rng: np.random.Generator, kinds: Sequence[str]) -> tuple[list[str], list[str]]:
    """Unique organisation names for the given kinds, and a short brand for each."""
    brands = bases(rng, len(kinds))
    choice = rng.random(len(kinds))
    names = []
    for base, kind, pick in zip(brands, kinds, choice.tolist(), strict=True):
        patterns = NAME_PATTERNS[kind]
        names.append(patterns[int(pick * len(patterns))].format(base))
    return names, brands


def products(
    rng: np.random.Generator, brands: Sequence[str], product_count: np.ndarray
) -> list[str]:
    """`product_count[i]` product names for each brand, in brand order."""
    words = rng.integers(0, len(PRODUCT_WORDS), int(product_count.sum()))
    versions = rng.integers(0, 12, words.size)
    names = []
    position = 0
    for brand, count in zip(brands, product_count.tolist(), strict=True):
        for _ in range(count):
            word = PRODUCT_WORDS[words[position]]
            version = int(versions[position])
            names.append(f"{brand} {word}" + (f" {version}" if version > 1 else ""))
            position += 1
    return names


@dataclass
class Companies:
    """Per organisation (0-based, biggest first): its number of events, kind, name, brand,
    active days (from FIRST_DAY, inclusive) and cumulative share of each category."""

    counts: np.ndarray
    kinds: list[str]
    names: list[str]
    brands: list[str]
    first_day: np.ndarray
    last_day: np.ndarray
    cumulative_mix: np.ndarray  # (companies, categories)


def plan_companies(rng: np.random.Generator, n_events: int, n_companies: int) -> Companies:
    """Zipf-like sizes (each has at least one event), kinds, names, active years and the
    category mix of each organisation."""
    ranks = np.arange(1, n_companies + 1)
    weights = 1.0 / ranks**1.1
    if n_events:
        counts = 1 + rng.multinomial(n_events - n_companies, weights / weights.sum())
    else:
        counts = np.zeros(n_companies, dtype=np.int64)
    kind_codes = rng.choice(len(KINDS), size=n_companies, p=KIND_SHARES)
    kind_codes[: max(1, n_companies // 20)] = 0  # the biggest lanes are companies
    kinds = [KINDS[code] for code in kind_codes.tolist()]
    names, brands = company_names(rng, kinds)
    first_day = np.where(
        ranks <= max(1, n_companies // 10),
        0,
        (rng.beta(1.2, 2.5, n_companies) * (SPAN_DAYS - 730)).astype(np.int64),
    )
    closes = (rng.random(n_companies) < 0.12) & (ranks > max(1, n_companies // 10))
    last_day = np.where(
        closes,
        first_day + 730 + (rng.random(n_companies) * (SPAN_DAYS - 1 - first_day - 730)),
        SPAN_DAYS - 1,
    ).astype(np.int64)

    # Category mix per company: its kind's profile, varied a little.
    profiles = np.array([CATEGORY_PROFILES[kind] for kind in kinds])
    mix = rng.gamma(profiles * 25 + 1e-9)
    mix = np.where(profiles > 0, mix, 0.0)
    mix /= mix.sum(axis=1, keepdims=True)
    return Companies(counts, kinds, names, brands, first_day, last_day, np.cumsum(mix, axis=1))


# --------------------------------------------------------------------------------------------
# Days
# --------------------------------------------------------------------------------------------


def day_cdf() -> np.ndarray:
    """Cumulative chance of an announcement up to each day from FIRST_DAY (ending at 1):
    growth over the years, seasons, and few announcements at weekends."""
    days = np.arange(SPAN_DAYS)
    dates = FIRST_DAY + days
    years = dates.astype("datetime64[Y]").astype(int) + 1970
    months = dates.astype("datetime64[M]").astype(int) % 12
    season = np.array([1.1, 1.05, 1.1, 1.05, 1.05, 1.0, 0.85, 0.7, 1.15, 1.15, 1.05, 0.65])
    weekday = np.array([1.0, 1.05, 1.05, 1.0, 0.8, 0.12, 0.08])
    growth = 1.0 + 0.1 * (years - 2001)
    cdf = np.cumsum(growth * season[months] * weekday[days % 7])
    cdf /= cdf[-1]
    return cdf


class Calendar:
    """Per day from FIRST_DAY (and a little beyond): month and year numbers, and per
    month/year its first day and its text, so dates are found by indexing."""

    def __init__(self, span_days: int) -> None:
        days = np.arange(span_days + 800)
        dates = FIRST_DAY + days
        months = dates.astype("datetime64[M]")
        years = dates.astype("datetime64[Y]")
        self.epoch_day = int(FIRST_DAY.astype(np.int64))  # days from 1970-01-01
        self.month_of = (months - months[0]).astype(np.int64)
        self.year_of = (years - years[0]).astype(np.int64)
        month_list = months[0] + np.arange(self.month_of[-1] + 1)
        year_list = years[0] + np.arange(self.year_of[-1] + 1)
        self.month_first = (month_list.astype("datetime64[D]") - FIRST_DAY).astype(np.int64)
        self.year_first = (year_list.astype("datetime64[D]") - FIRST_DAY).astype(np.int64)
        self.day_text = np.datetime_as_string(dates, unit="D")
        self.month_text = np.datetime_as_string(month_list, unit="M")
        self.year_text = np.datetime_as_string(year_list, unit="Y")
        # The quarter most recently ended in each month, as earnings titles name it.
        absolute = month_list.astype(np.int64) + 1970 * 12
        quarter = absolute // 3 - 1
        self.quarter_text = np.array(
            [f"Q{q % 4 + 1} {q // 4}" for q in quarter.tolist()], dtype=object
        )


def sample_days(
    rng: np.random.Generator, cdf: np.ndarray, lo: np.ndarray, hi: np.ndarray
) -> np.ndarray:
    """Days drawn from the day weights, each between its own lo and hi (inclusive)."""
    below = np.where(lo > 0, cdf[np.maximum(lo - 1, 0)], 0.0)
    target = below + rng.random(lo.size) * (cdf[hi] - below)
    return np.clip(np.searchsorted(cdf, target, side="left"), lo, hi)


def _segment_choice(
    rng: np.random.Generator, weights: np.ndarray, offsets: np.ndarray, groups: np.ndarray
) -> np.ndarray:
    """For each item of `groups`, an index into `weights` within that group's segment
    (offsets[g] .. offsets[g+1]), chosen in proportion to the weights."""
    cumulative = np.empty(weights.size, dtype=np.float64)
    for group in range(offsets.size - 1):
        part = weights[offsets[group] : offsets[group + 1]]
        cumulative[offsets[group] : offsets[group + 1]] = group + np.cumsum(part) / part.sum()
    position = np.searchsorted(cumulative, groups + rng.random(groups.size), side="right")
    return np.clip(position, offsets[groups], offsets[groups + 1] - 1)


def event_days(
    rng: np.random.Generator, cdf: np.ndarray, companies: Companies
) -> tuple[np.ndarray, np.ndarray]:
    """Per event, its company and its day (from FIRST_DAY): most events belong to a news
    burst of their company, the rest are background."""
    counts = companies.counts
    n_companies = counts.size
    company = np.repeat(np.arange(n_companies), counts)
    n = company.size
    lo, hi = companies.first_day[company], companies.last_day[company]
    bursts_per = 1 + np.rint(counts / 25).astype(np.int64)
    burst_offsets = np.concatenate([[0], np.cumsum(bursts_per)])
    burst_company = np.repeat(np.arange(n_companies), bursts_per)
    burst_day = sample_days(
        rng, cdf, companies.first_day[burst_company], companies.last_day[burst_company]
    )
    burst_weight = np.minimum(rng.pareto(1.5, burst_company.size) + 0.3, 12.0)
    burst_scale = rng.lognormal(1.2, 0.6, burst_company.size)
    day = sample_days(rng, cdf, lo, hi)
    in_burst = rng.random(n) < 0.65
    if n:
        burst = _segment_choice(rng, burst_weight, burst_offsets, company)
        drift = rng.exponential(burst_scale[burst]) * np.where(rng.random(n) < 0.25, -1, 1)
        day = np.where(in_burst, burst_day[burst] + np.rint(drift).astype(np.int64), day)
        weekday = day % 7  # FIRST_DAY is a Monday
        nudge = rng.random(n) < 0.8
        day = day - ((weekday == 5) & nudge) + ((weekday == 6) & nudge)
        day = np.clip(day, lo, hi)
    return company, day


# --------------------------------------------------------------------------------------------
# Dates of events
# --------------------------------------------------------------------------------------------


@dataclass
class EventDates:
    """Every event's numbers, in id order (lane order: by company, then start)."""

    calendar: Calendar
    company: np.ndarray  # 0-based company index
    day: np.ndarray  # the day drawn, from FIRST_DAY
    category: np.ndarray  # 0-based index into CATEGORIES
    precision: np.ndarray  # 0 day, 1 month, 2 year
    approximate: np.ndarray  # 0 or 1
    month: np.ndarray  # index into the calendar's month table
    start_index: np.ndarray  # into the calendar's day, month or year table
    end_index: np.ndarray  # the same, or -1 when the event has no end
    start_ts: np.ndarray
    end_ts: np.ndarray


def event_dates(
    rng: np.random.Generator, companies: Companies, company: np.ndarray, day: np.ndarray
) -> EventDates:
    """Precision, approximate dates, spans and categories; events sorted into lane order."""
    n = company.size
    precision = rng.choice(3, size=n, p=(0.82, 0.12, 0.06))
    approximate = rng.random(n) < np.array([0.03, 0.2, 0.35])[precision]
    category = (rng.random(n)[:, None] >= companies.cumulative_mix[company]).sum(axis=1)
    category = np.minimum(category, len(CATEGORIES) - 1)

    # Dates as indexes into small calendar tables (numpy's datetime64 conversions are slow).
    calendar = Calendar(SPAN_DAYS)
    month, year = calendar.month_of[day], calendar.year_of[day]
    start_day = np.where(
        precision == 0,
        day,
        np.where(precision == 1, calendar.month_first[month], calendar.year_first[year]),
    )
    # Ids in lane order; events with the same company and start string are neighbours, so
    # titles can be made unique one small group at a time.
    order = np.lexsort((day, precision, start_day, company))
    company, day, precision, approximate, category, start_day, month, year = (
        company[order], day[order], precision[order], approximate[order], category[order],
        start_day[order], month[order], year[order],
    )  # fmt: skip
    hi = companies.last_day[company]
    has_end = rng.random(n) < 0.09
    end_day = day + rng.geometric(1 / 25, n)
    end_month = month + rng.geometric(1 / 3, n)
    end_year = year + rng.geometric(1 / 2, n)
    has_end &= np.where(
        precision == 0,
        end_day <= hi,
        np.where(
            precision == 1,
            end_month <= calendar.month_of[hi],
            end_year <= calendar.year_of[hi],
        ),
    )
    # The stated end as an index into the day, month or year table (the start if none).
    end_index = np.where(
        precision == 0,
        np.where(has_end, end_day, day),
        np.where(
            precision == 1,
            np.where(has_end, end_month, month),
            np.where(has_end, end_year, year),
        ),
    )
    start_index = np.where(precision == 0, day, np.where(precision == 1, month, year))
    after = np.where(  # first day after the last period the event covers
        precision == 0,
        end_index + 1,
        np.where(
            precision == 1,
            calendar.month_first[np.minimum(end_index + 1, calendar.month_first.size - 1)],
            calendar.year_first[np.minimum(end_index + 1, calendar.year_first.size - 1)],
        ),
    )
    return EventDates(
        calendar=calendar,
        company=company,
        day=day,
        category=category,
        precision=precision,
        approximate=approximate.astype(np.int64),
        month=month,
        start_index=start_index,
        end_index=np.where(has_end, end_index, -1),
        start_ts=(start_day + calendar.epoch_day) * 86_400,
        end_ts=(after + calendar.epoch_day) * 86_400,
    )
