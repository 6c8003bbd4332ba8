"""Synthetic timeline databases for tests, demos and benchmarks.

`generate_database(out, events=N, companies=C, seed=S)` writes a valid timeline file that
looks like real announcement data, quickly (a million events in well under a minute):

* companies of uneven size (Zipf-like: a few big ones with many events, a long tail of
  small ones), with unique made-up names and a few other kinds of organisation (media,
  government, regulator, legislature, organisation);
* dates from 2001 to 2025 that come in bursts around company-specific news cycles, with
  seasonality (quiet Augusts and Decembers, few weekend announcements), more news in later
  years, and some days with several events for one company;
* every precision (mostly day, some month, some year) with matching date strings, some
  approximate dates and some spans with an end date;
* eight categories, titles that read like announcements (unique per company and start),
  and short summaries;
* a few thousand source documents of 1-3 KB each (title, publisher, https URL,
  publication date) and one or two excerpts per event that are real substrings of their
  source's text at the stored offsets, as the schema's triggers demand.

The same seed gives the same content. Columns are made with numpy and inserted with
executemany inside one transaction of a store made by `store.create_store`, so every
CHECK constraint and trigger of the schema still applies; the file is written beside
`out` and renamed into place at the end, so an interrupted run leaves nothing at `out`.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from timeline_app.errors import TimelineError
from timeline_app.files import partial_path, remove_leftovers
from timeline_app.model import schema
from timeline_app.model.lanes import lane_index_from_columns, store_lane_cache
from timeline_app.model.store import create_store
from timeline_app.model.text_rules import problem_with
from timeline_app.model.writer import NewSource, Writer
from timeline_app.progress import TerminalProgress

MAX_EVENTS = 10_000_000
MAX_COMPANIES = 10_000
FIRST_DAY = np.datetime64("2001-01-01")  # a Monday
EPOCH = date(1970, 1, 1).toordinal()
DAY_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")
MONTH_TEXT = re.compile(r"\d{4}-\d{2}")
YEAR_TEXT = re.compile(r"\d{4}")
LAST_DAY = np.datetime64("2025-12-31")
BATCH = 50_000

CATEGORIES = (
    "Product launch",
    "Policy",
    "Partnership",
    "Acquisition",
    "Earnings",
    "Legal",
    "Sales halt",
    "Statement",
)
# Share of each category by kind of organisation (same order as CATEGORIES).
CATEGORY_PROFILES = {
    "company": (0.26, 0.08, 0.14, 0.07, 0.10, 0.10, 0.07, 0.18),
    "media": (0.15, 0.10, 0.25, 0.05, 0.05, 0.10, 0.02, 0.28),
    "organisation": (0.08, 0.30, 0.20, 0.00, 0.00, 0.12, 0.00, 0.30),
    "government": (0.04, 0.45, 0.12, 0.00, 0.00, 0.17, 0.04, 0.18),
    "regulator": (0.00, 0.40, 0.05, 0.00, 0.00, 0.35, 0.05, 0.15),
    "legislature": (0.00, 0.55, 0.05, 0.00, 0.00, 0.15, 0.05, 0.20),
}
KINDS = ("company", "media", "organisation", "government", "regulator", "legislature")
KIND_SHARES = (0.80, 0.05, 0.05, 0.05, 0.03, 0.02)

SYLLABLES = (
    "ar", "bel", "cor", "dan", "el", "fen", "gar", "hal", "is", "jor", "kel", "lum", "mar",
    "nor", "or", "pel", "quin", "ros", "sol", "tor", "ul", "vex", "wen", "xan", "yor", "zen",
    "ae", "bri", "cal", "dra", "ex", "fly", "gen", "hex", "io", "kin", "lex", "mo", "nex",
    "ora", "pra", "qua", "ri", "sy", "tri", "ve", "wy", "zy", "ta", "lo", "mi", "nu", "ka",
)  # fmt: skip
NAME_PATTERNS = {
    "company": (
        "{} Labs", "{} Systems", "{} Inc.", "{} Technologies", "{} Networks", "{} Group",
        "{} Holdings", "{} Corp.", "{} Robotics", "{} Analytics", "{} Software", "{}",
        "{} Dynamics", "{} Energy", "{} Motors", "{} Bio", "{} Security", "{} Cloud", "{} AI",
        "{} Semiconductor", "{} Payments", "{} Health",
    ),
    "media": ("The {} Times", "{} Daily", "{} Post", "{} Broadcasting", "{} Review"),
    "organisation": ("{} Foundation", "{} Institute", "{} Alliance", "{} Rights Watch"),
    "government": ("City of {}", "{} County", "State of {}", "{} City Council"),
    "regulator": (
        "{} Data Protection Authority", "{} Competition Commission", "{} Communications Office",
    ),
    "legislature": ("{} Assembly", "{} State Senate", "{} Parliament"),
}  # fmt: skip
PRODUCT_WORDS = (
    "Cloud", "Vision", "Pay", "Drive", "Studio", "Hub", "Sense", "Guard", "Link", "Pulse",
    "One", "Go", "Max", "Edge", "Core", "Flow", "Scan", "Home", "Watch", "Assist",
)  # fmt: skip
TOPICS = (
    "facial recognition", "data privacy", "content moderation", "encryption", "cloud security",
    "emissions", "battery recycling", "AI safety", "child safety", "export controls",
    "right to repair", "price transparency", "worker safety", "supply chain audits",
    "accessibility", "misinformation", "cookie consent", "biometric data", "drone deliveries",
    "autonomous driving", "open-source licensing", "net neutrality", "ad targeting",
    "data localisation", "chip supply", "telehealth", "digital payments", "crypto custody",
    "police surveillance", "location data", "app store fees", "energy efficiency",
    "platform liability", "algorithmic hiring", "smart meters", "satellite internet",
    "voice assistants", "medical devices", "gig work", "water use",
)  # fmt: skip
REGIONS = (
    "the EU", "the US", "California", "Japan", "India", "Brazil", "the UK", "Canada",
    "Australia", "Germany", "South Korea", "Mexico", "Nigeria", "Singapore", "France",
    "Texas", "New York", "Kenya", "Sweden", "Indonesia",
)  # fmt: skip
PUBLISHERS = (
    "The Market Ledger", "Northwind Tech Review", "Daily Circuit", "Policy Wire",
    "The Quarterly Observer", "Signal & Noise", "Harbor Business Journal", "Metro Tribune",
    "The Open Record", "Capital Street News", "Frontier Gazette", "Insight Weekly",
    "The Evening Dispatch", "Global Trade Monitor", "Civic Bulletin", "Tech Chronicle",
)  # fmt: skip
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Title and summary templates per category: {0} company, {1} product, {2} topic,
# {3} other organisation, {4} region, {5} amount, {6} quarter ("Q3 2014").
TITLES = (
    (
        "{0} launches {1}", "{0} unveils {1} for {2}", "{0} releases {1} in {4}",
        "{0} begins shipping {1}", "{0} introduces {1} with new {2} features",
        "{0} expands {1} to {4}", "{0} announces {1} {5}",
    ),
    (
        "{0} publishes new {2} policy", "{0} updates its {2} guidelines",
        "{0} adopts {2} rules for {4}", "{0} sets limits on {2}", "{0} commits to {2} standards",
        "{0} proposes {2} framework for {4}",
    ),
    (
        "{0} partners with {3} on {2}", "{0} and {3} sign {2} agreement",
        "{0} joins {3}'s {2} initiative", "{0} teams up with {3} in {4}",
        "{0} extends {1} partnership with {3}",
    ),
    (
        "{0} agrees to buy {3} for ${5} million", "{0} completes acquisition of {3}",
        "{0} acquires {3}'s {2} business", "{0} takes {5}% stake in {3}",
        "{0} drops bid for {3}",
    ),
    (
        "{0} reports {6} results", "{0} raises full-year outlook after {6}",
        "{0} misses {6} revenue estimates", "{0} beats {6} expectations",
        "{0} announces ${5} million buyback", "{0} cuts guidance citing {2}",
    ),
    (
        "{0} settles {2} lawsuit", "{0} faces {2} investigation in {4}",
        "Court rules against {0} in {2} case", "{0} sued over {2}",
        "{0} fined ${5} million over {2}", "{0} wins appeal in {2} dispute",
    ),
    (
        "{0} pauses sales of {1}", "{0} halts {1} sales in {4}",
        "{0} suspends {1} over {2} concerns", "{0} stops selling {1} to police",
        "{0} recalls {1}", "{0} withdraws {1} from {4}",
    ),
    (
        "{0} responds to {2} report", "{0} chief executive speaks on {2}",
        "{0} calls for {2} regulation", "{0} denies {2} claims",
        "{0} comments on {2} in {4}", "{0} issues statement on {2}",
    ),
)  # fmt: skip
SUMMARIES = (
    (
        "{0} said {1} would be available in {4} first, with a focus on {2}.",
        "The launch of {1} is {0}'s latest move into {2}; pricing was not disclosed.",
    ),
    (
        "{0} said the new rules on {2} would apply in {4} and would be reviewed each year.",
        "Under the policy, {0} will publish how it handles {2} and report on it to the public.",
    ),
    (
        "{0} and {3} said they would work together on {2}, starting in {4}.",
        "The agreement lets {3} use {1} in its own {2} products.",
    ),
    (
        "{0} said buying {3} would strengthen its work on {2}; the deal needs approval in {4}.",
        "The deal values {3} at about ${5} million and is expected to close within months.",
    ),
    (
        "{0} reported its {6} figures and told investors that demand tied to {2} was growing.",
        "{0} said {1} sales drove the quarter, while costs for {2} rose in {4}.",
    ),
    (
        "The case concerns {0}'s handling of {2}; {0} said it disagreed with the claims.",
        "Authorities in {4} said the matter concerned {2} and that a decision would follow.",
    ),
    (
        "{0} said it would stop offering {1} in {4} until questions about {2} were settled.",
        "{0} paused {1} after criticism over {2} and did not say when sales would resume.",
    ),
    (
        "In a statement, {0} addressed concerns about {2} raised in {4}.",
        "{0} said it had long supported clear rules on {2} and would keep talking to {3}.",
    ),
)  # fmt: skip
# Sentences of source documents; those that name the company {0} can be quoted.
QUOTABLE = (
    "{0} said on {7} that it would change how {1} handles {2} in {4}.",
    "\u201cWe take {2} seriously and will keep improving {1},\u201d a spokesperson for {0} said.",
    "{0} did not respond to a request for comment about {2}.",
    "Analysts said the move by {0} could reshape the market for {2} in {4}.",
    "{0}\u2019s chief executive told reporters that {2} would matter more next year.",
    "The decision follows months of pressure on {0} over {2}.",
    "{0} has faced criticism from {3} over its approach to {2}.",
    "In a statement, {0} said it would pause work on {1} until rules on {2} were clearer.",
    "Shares of {0} moved {5}% after the announcement about {1}.",
    "{0} announced a partnership with {3} focused on {2} in {4}.",
    "According to {0}, {1} is now used by customers in {4}.",
    "{0} said the changes to {1} would take effect in {8}.",
)
FILLER = (
    "Regulators in {4} have been debating {2} for several years.",
    "Industry groups said they would study the proposal before commenting.",
    "Critics argue that voluntary commitments on {2} are not enough.",
    "The market for {2} has grown quickly in recent years, according to industry estimates.",
    "Lawmakers in {4} are expected to vote on related measures later this year.",
    "Civil liberties groups, including {3}, welcomed the news but asked for more detail.",
    "It was not immediately clear how the change would affect existing customers.",
    "Other companies in the sector have made similar announcements \u2014 some quietly.",
)
SOURCE_TITLES = (
    "{0} changes course on {2}",
    "What {0}'s {1} announcement means for {4}",
    "{0} under pressure over {2}",
    "Inside {0}'s plans for {1}",
    "{0} and the fight over {2}",
    "{0} moves on {2} as rivals wait",
)


def generate_database(
    out: str | os.PathLike[str],
    *,
    events: int,
    companies: int,
    seed: int = 1,
    progress: bool = False,
) -> Path:
    """Write a new synthetic timeline file at `out` (which must not exist yet)."""
    _check_arguments(events, companies, seed)
    out = Path(out)
    if out.exists() or out.is_symlink():
        raise TimelineError(f"{out}: exists; choose another path or delete it")
    if not out.parent.is_dir():
        raise TimelineError(f"{out}: its folder does not exist")
    if not os.access(out.parent, os.W_OK):
        raise TimelineError(f"{out}: its folder is not writable")
    remove_leftovers(out)  # of runs that were killed
    partial = partial_path(out)
    for leftover in (partial, partial.with_name(partial.name + "-journal")):
        leftover.unlink(missing_ok=True)
    bar = _Bar(events, TerminalProgress() if progress else None)
    try:
        _generate(partial, events, companies, seed, bar)
        if out.exists():
            raise TimelineError(f"{out}: appeared while generating; choose another path")
        os.replace(partial, out)
    except BaseException:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    finally:
        bar.clear()
    return out


def _check_arguments(events: object, companies: object, seed: object) -> None:
    for name, value in (("events", events), ("companies", companies), ("seed", seed)):
        if not isinstance(value, int | np.integer) or isinstance(value, bool):
            raise TimelineError(f"--{name} must be a whole number, not {value!r}")
    assert isinstance(events, int | np.integer) and isinstance(companies, int | np.integer)
    if events < 0:
        raise TimelineError(f"--events must be 0 or more, not {events}")
    if events > MAX_EVENTS:
        raise TimelineError(f"--events must be at most {MAX_EVENTS:,}, not {events:,}")
    if companies < 1:
        raise TimelineError(f"--companies must be at least 1, not {companies}")
    if companies > MAX_COMPANIES:
        raise TimelineError(f"--companies must be at most {MAX_COMPANIES:,}, not {companies:,}")
    if events and companies > events:
        raise TimelineError(
            f"--companies ({companies:,}) cannot be more than --events ({events:,}): "
            "every company gets at least one event"
        )
    if isinstance(seed, int | np.integer) and seed < 0:
        raise TimelineError(f"--seed must be 0 or more, not {seed}")


class _Bar:
    """Overall percentage and rate on one terminal line; phases have fixed weights."""

    WEIGHTS = {
        "preparing": 0.15,
        "events": 0.22,
        "excerpts": 0.20,
        "indexes": 0.07,
        "search index": 0.27,
        "lane cache": 0.05,
        "saving": 0.04,
    }

    def __init__(self, events: int, terminal: TerminalProgress | None) -> None:
        self.events = events
        self.terminal = terminal
        self.started = time.monotonic()
        self._before: dict[str, float] = {}
        total = 0.0
        for name, weight in self.WEIGHTS.items():
            self._before[name] = total
            total += weight

    def show(self, phase: str, fraction: float = 0.0, force: bool = False) -> None:
        if self.terminal is None:
            return
        done = self._before[phase] + self.WEIGHTS[phase] * min(max(fraction, 0.0), 1.0)
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.events * done / elapsed
        self.terminal.show(
            f"generating {100 * done:3.0f}% ({phase}; {self.events:,} events, "
            f"{rate:,.0f} events/s)",
            force,
        )

    def clear(self) -> None:
        if self.terminal is not None:
            self.terminal.clear()


# --------------------------------------------------------------------------------------------
# Names and vocabularies
# --------------------------------------------------------------------------------------------


def _bases(rng: np.random.Generator, count: int) -> list[str]:
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


def _company_names(rng: np.random.Generator, kinds: Sequence[str]) -> tuple[list[str], list[str]]:
    """Unique organisation names for the given kinds, and a short brand for each."""
    bases = _bases(rng, len(kinds))
    choice = rng.random(len(kinds))
    names = []
    for base, kind, pick in zip(bases, kinds, choice.tolist(), strict=True):
        patterns = NAME_PATTERNS[kind]
        names.append(patterns[int(pick * len(patterns))].format(base))
    return names, bases


# --------------------------------------------------------------------------------------------
# The generation itself
# --------------------------------------------------------------------------------------------


def _day_weights() -> np.ndarray:
    """Relative chance of an announcement on each day: growth over the years, seasons, and
    few announcements at weekends."""
    days = np.arange(int((LAST_DAY - FIRST_DAY).astype(int)) + 1)
    dates = FIRST_DAY + days
    years = dates.astype("datetime64[Y]").astype(int) + 1970
    months = dates.astype("datetime64[M]").astype(int) % 12
    season = np.array([1.1, 1.05, 1.1, 1.05, 1.05, 1.0, 0.85, 0.7, 1.15, 1.15, 1.05, 0.65])
    weekday = np.array([1.0, 1.05, 1.05, 1.0, 0.8, 0.12, 0.08])
    growth = 1.0 + 0.1 * (years - 2001)
    return growth * season[months] * weekday[days % 7]


class _Calendar:
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


def _sample_days(
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


def _generate(path: Path, n_events: int, n_companies: int, seed: int, bar: _Bar) -> None:
    rng = np.random.default_rng(seed)
    bar.show("preparing", 0.0, force=True)
    span_days = int((LAST_DAY - FIRST_DAY).astype(int)) + 1
    cdf = np.cumsum(_day_weights())
    cdf /= cdf[-1]

    # Companies: Zipf-like sizes (each has at least one event), kinds, names, active years.
    ranks = np.arange(1, n_companies + 1)
    weights = 1.0 / ranks**1.1
    if n_events:
        counts = 1 + rng.multinomial(n_events - n_companies, weights / weights.sum())
    else:
        counts = np.zeros(n_companies, dtype=np.int64)
    kind_codes = rng.choice(len(KINDS), size=n_companies, p=KIND_SHARES)
    kind_codes[: max(1, n_companies // 20)] = 0  # the biggest lanes are companies
    kinds = [KINDS[code] for code in kind_codes.tolist()]
    names, brands = _company_names(rng, kinds)
    first_day = np.where(
        ranks <= max(1, n_companies // 10),
        0,
        (rng.beta(1.2, 2.5, n_companies) * (span_days - 730)).astype(np.int64),
    )
    closes = (rng.random(n_companies) < 0.12) & (ranks > max(1, n_companies // 10))
    last_day = np.where(
        closes,
        first_day + 730 + (rng.random(n_companies) * (span_days - 1 - first_day - 730)),
        span_days - 1,
    ).astype(np.int64)

    # Category mix per company: its kind's profile, varied a little.
    profiles = np.array([CATEGORY_PROFILES[kind] for kind in kinds])
    mix = rng.gamma(profiles * 25 + 1e-9)
    mix = np.where(profiles > 0, mix, 0.0)
    mix /= mix.sum(axis=1, keepdims=True)
    cumulative_mix = np.cumsum(mix, axis=1)

    company = np.repeat(np.arange(n_companies), counts)
    n = company.size
    lo, hi = first_day[company], last_day[company]

    # Dates: most events belong to a news burst of their company, the rest are background.
    bursts_per = 1 + np.rint(counts / 25).astype(np.int64)
    burst_offsets = np.concatenate([[0], np.cumsum(bursts_per)])
    burst_company = np.repeat(np.arange(n_companies), bursts_per)
    burst_day = _sample_days(rng, cdf, first_day[burst_company], last_day[burst_company])
    burst_weight = np.minimum(rng.pareto(1.5, burst_company.size) + 0.3, 12.0)
    burst_scale = rng.lognormal(1.2, 0.6, burst_company.size)
    day = _sample_days(rng, cdf, lo, hi)
    in_burst = rng.random(n) < 0.65
    if n:
        burst = _segment_choice(rng, burst_weight, burst_offsets, company)
        drift = rng.exponential(burst_scale[burst]) * np.where(rng.random(n) < 0.25, -1, 1)
        day = np.where(in_burst, burst_day[burst] + np.rint(drift).astype(np.int64), day)
        weekday = day % 7  # FIRST_DAY is a Monday
        nudge = rng.random(n) < 0.8
        day = day - ((weekday == 5) & nudge) + ((weekday == 6) & nudge)
        day = np.clip(day, lo, hi)

    # Precision, approximate dates, spans, categories.
    precision = rng.choice(3, size=n, p=(0.82, 0.12, 0.06))
    approximate = rng.random(n) < np.array([0.03, 0.2, 0.35])[precision]
    category = (rng.random(n)[:, None] >= cumulative_mix[company]).sum(axis=1)
    category = np.minimum(category, len(CATEGORIES) - 1)

    # Dates as indexes into small calendar tables (numpy's datetime64 conversions are slow).
    calendar = _Calendar(span_days)
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
    hi = last_day[company]
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
    start_ts = (start_day + calendar.epoch_day) * 86_400
    end_ts = (after + calendar.epoch_day) * 86_400
    bar.show("preparing", 0.4)

    # Vocabulary per company: a product line, other organisations it deals with.
    product_count = 2 + np.minimum(np.sqrt(counts).astype(np.int64) // 2, 30)
    product_offsets = np.concatenate([[0], np.cumsum(product_count)])
    product_names = _products(rng, brands, product_count)
    partners = _bases(rng, 400)
    partner_names = [
        f"{word} {suffix}"
        for word, suffix in zip(
            partners, itertools.cycle(("Labs", "AI", "Systems", "Foundation", "Networks")),
            strict=False,
        )
    ]  # fmt: skip
    words = _Words(
        names=names,
        products=product_names,
        partners=partner_names,
        product=product_offsets[company]
        + (rng.random(n) * product_count[company]).astype(np.int64),
        topic=rng.integers(0, len(TOPICS), n),
        other=rng.integers(0, len(partner_names), n),
        region=rng.integers(0, len(REGIONS), n),
        amount=np.minimum(rng.lognormal(3.5, 1.2, n).astype(np.int64) + 2, 9999),
        quarter=month,
        title_choice=rng.random(n),
        summary_choice=rng.random(n),
    )
    bar.show("preparing", 0.6)

    # Sources: at least one per company, more for bigger ones, spread over its active years.
    n_sources = n_companies + min(5000, n_events // 250) if n_events else 0
    extra = (
        rng.multinomial(n_sources - n_companies, counts / counts.sum())
        if n_events
        else np.zeros(n_companies, dtype=np.int64)
    )
    sources_per = (1 + extra) if n_events else extra
    source_company = np.repeat(np.arange(n_companies), sources_per)
    source_day = _sample_days(rng, cdf, first_day[source_company], last_day[source_company])
    source_order = np.lexsort((source_day, source_company))
    source_company, source_day = source_company[source_order], source_day[source_order]
    source_offsets = np.concatenate([[0], np.cumsum(sources_per)])
    sources, quotes = _sources(rng, names, brands, product_names, product_offsets,
                               partner_names, source_company, source_day)  # fmt: skip
    quote_count = np.array([len(q) for q in quotes], dtype=np.int64)
    quote_offsets = np.concatenate([[0], np.cumsum(quote_count)])
    quote_start = np.array([s for q in quotes for s, _ in q], dtype=np.int64)
    quote_end = np.array([e for q in quotes for _, e in q], dtype=np.int64)
    bar.show("preparing", 0.9)

    # Excerpts: the first source about the company published on or after the event (or its
    # last one), and for some events a second from a neighbouring source.
    excerpt_event, excerpt_source, excerpt_quote = _excerpts(
        rng, company, day, source_company, source_day, source_offsets, quote_offsets
    )
    bar.show("preparing", 1.0)

    _write(
        path,
        bar,
        names=names,
        kinds=kinds,
        sources=sources,
        events=_Events(
            calendar=calendar,
            words=words,
            company=company,
            category=category,
            precision=precision,
            start_index=start_index,
            end_index=np.where(has_end, end_index, -1),
            approximate=approximate.astype(np.int64),
            start_ts=start_ts,
            end_ts=end_ts,
        ),
        excerpts=_Excerpts(
            texts=[source.text for source in sources],
            event=excerpt_event,
            source=excerpt_source,
            start=quote_start[excerpt_quote],
            end=quote_end[excerpt_quote],
        ),
    )


def _products(
    rng: np.random.Generator, brands: Sequence[str], product_count: np.ndarray
) -> list[str]:
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
class _Words:
    """What fills the title and summary templates, per event (indexes) and shared (lists)."""

    names: list[str]
    products: list[str]
    partners: list[str]
    product: np.ndarray
    topic: np.ndarray
    other: np.ndarray
    region: np.ndarray
    amount: np.ndarray
    quarter: np.ndarray  # month table index: the quarter last reported in that month
    title_choice: np.ndarray
    summary_choice: np.ndarray


def _fill(
    words: _Words,
    calendar: _Calendar,
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


def _sources(
    rng: np.random.Generator,
    names: Sequence[str],
    brands: Sequence[str],
    products: Sequence[str],
    product_offsets: np.ndarray,
    partners: Sequence[str],
    source_company: np.ndarray,
    source_day: np.ndarray,
) -> tuple[list[NewSource], list[list[tuple[int, int]]]]:
    """Source documents about one company each, and the (start, end) of their sentences
    that name the company and may be quoted."""
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
class _Events:
    """Every event as numbers; the text of its row is made one batch at a time."""

    calendar: _Calendar
    words: _Words
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
    ) -> Iterator[list[tuple]]:
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


@dataclass
class _Excerpts:
    texts: list[str]  # source texts, by 0-based source index
    event: np.ndarray  # 0-based event index
    source: np.ndarray  # 0-based source index
    start: np.ndarray
    end: np.ndarray

    def batches(self, source_ids: np.ndarray, first_id: int) -> Iterator[list[tuple]]:
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


def _write(
    path: Path,
    bar: _Bar,
    *,
    names: list[str],
    kinds: list[str],
    sources: list[NewSource],
    events: _Events,
    excerpts: _Excerpts,
) -> None:
    store = create_store(path)
    try:
        conn = store.conn
        # This connection writes a brand-new file nobody else sees: its journal can live in
        # memory and nothing needs syncing until the end (the file is synced before rename).
        conn.execute("PRAGMA journal_mode = MEMORY")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -65536")
        conn.execute("PRAGMA temp_store = MEMORY")
        with store.transaction() as conn:
            writer = Writer(conn)
            company_ids = np.array(
                [writer.company(name, kind) for name, kind in zip(names, kinds, strict=True)],
                dtype=np.int64,
            )
            category_ids = np.array([writer.category(name) for name in CATEGORIES])
            source_ids = np.array([writer.source(source) for source in sources], dtype=np.int64)
            first_id = (conn.execute("SELECT max(id) FROM events").fetchone()[0] or 0) + 1
            count = events.company.size
            # The schema checks each row's dates as it goes in, with SQL date functions: a
            # third of the run. The generator's rows are checked all at once beforehand
            # instead (the same rules, in numpy), titles per batch, and the per-row checks
            # are off for this one statement only. `PRAGMA integrity_check` re-runs them.
            events.verify()
            # Indexes are built once, after the rows are in, rather than kept up to date
            # through a million inserts (about a tenth of the run saved).
            # The search index is filled once at the end, not by its triggers row by row.
            schema.drop_row_triggers(conn)
            indexes = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                "AND tbl_name IN ('events', 'excerpts')"
            ).fetchall()
            for name, _sql in indexes:
                conn.execute(f'DROP INDEX "{name}"')
            conn.execute("PRAGMA ignore_check_constraints = ON")
            try:
                _insert(
                    conn,
                    "INSERT INTO events (id, company_id, category_id, title, summary, "
                    "start_date, end_date, precision, approximate) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    _titled(events.batches(company_ids, category_ids, first_id)),
                    count,
                    lambda fraction: bar.show("events", fraction),
                )
            finally:
                conn.execute("PRAGMA ignore_check_constraints = OFF")
            # Each quote is cut from its source text at its own offsets, so it is verbatim by
            # construction; the offsets are checked here in one vector step, and the schema's
            # per-row check (which reads the whole source text twice per quote, a seventh of
            # the run) is set aside for this one statement and restored before commit.
            lengths = np.array([len(text) for text in excerpts.texts], dtype=np.int64)
            if not np.all((excerpts.start >= 0) & (excerpts.end <= lengths[excerpts.source])):
                raise TimelineError("internal error: a generated quote runs past its source")
            (verbatim_check,) = conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                "AND name = 'excerpts_verbatim_insert'"
            ).fetchone()
            conn.execute("DROP TRIGGER excerpts_verbatim_insert")
            _insert(
                conn,
                "INSERT INTO excerpts (event_id, source_id, start, end, text) "
                "VALUES (?, ?, ?, ?, ?)",
                excerpts.batches(source_ids, first_id),
                excerpts.event.size,
                lambda fraction: bar.show("excerpts", fraction),
            )
            conn.execute(verbatim_check)
            bar.show("indexes", 0.0, force=True)
            for _name, sql in indexes:
                conn.execute(sql)
            # One long statement: keep the bar moving by the time it is expected to take.
            started = time.monotonic()
            expected = 1.0 + count * 9e-6
            bar.show("search index", 0.0, force=True)
            conn.set_progress_handler(
                lambda: bar.show("search index", (time.monotonic() - started) / expected), 200_000
            )
            schema.fill_search_index(conn, "e.id >= ?", (first_id,))
            conn.set_progress_handler(None, 0)
            schema.create_row_triggers(conn)
            bar.show("lane cache", 0.0, force=True)
            store_lane_cache(
                conn,
                lane_index_from_columns(
                    conn,
                    (
                        company_ids[events.company],
                        events.start_ts,
                        events.end_ts,
                        category_ids[events.category],
                        events.precision,
                        events.approximate,
                        first_id + np.arange(count),
                    ),
                ),  # fmt: skip
            )
            bar.show("saving", 0.0, force=True)
        conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error as exc:
        raise TimelineError(f"{path}: could not be written ({exc})") from None
    finally:
        store.close()
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _titled(batches: Iterable[list[tuple]]) -> Iterator[list[tuple]]:
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


def _insert(
    conn: sqlite3.Connection,
    sql: str,
    batches: Iterable[list[tuple]],
    total: int,
    report: Callable[[float], None],
) -> None:
    done = 0
    for batch in batches:
        conn.executemany(sql, batch)
        done += len(batch)
        report(done / max(total, 1))
