"""`generate_database`: the checks of its arguments, the steps of a run in their order (the
random generator is drawn from in a fixed sequence, so a seed gives one content), and a
file that appears at `out` whole or not at all."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import numpy as np

from timeline_app.errors import TimelineError
from timeline_app.files import partial_path, remove_leftovers
from timeline_app.generator import write
from timeline_app.generator.companies import day_cdf, event_dates, event_days, plan_companies
from timeline_app.generator.events import Events, make_words
from timeline_app.generator.sources import choose_excerpts, make_sources
from timeline_app.progress import Progress

MAX_EVENTS = 10_000_000
MAX_COMPANIES = 10_000


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
    shown = write.GenerateProgress(events, progress)
    try:
        _generate(partial, events, companies, seed, shown)
        if out.exists():
            raise TimelineError(f"{out}: appeared while generating; choose another path")
        os.replace(partial, out)
    except BaseException:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    finally:
        shown.clear()
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


def _generate(path: Path, n_events: int, n_companies: int, seed: int, progress: Progress) -> None:
    rng = np.random.default_rng(seed)
    progress.show("preparing", 0.0, force=True)
    cdf = day_cdf()
    companies = plan_companies(rng, n_events, n_companies)
    dates = event_dates(rng, companies, *event_days(rng, cdf, companies))
    progress.show("preparing", 0.4)
    words = make_words(rng, companies, dates)
    progress.show("preparing", 0.6)
    sources = make_sources(rng, cdf, companies, words, n_events)
    progress.show("preparing", 0.9)
    excerpts = choose_excerpts(rng, dates, sources)
    progress.show("preparing", 1.0)
    write.write_file(
        path,
        progress,
        names=companies.names,
        kinds=companies.kinds,
        sources=sources.documents,
        events=Events(
            calendar=dates.calendar,
            words=words,
            company=dates.company,
            category=dates.category,
            precision=dates.precision,
            start_index=dates.start_index,
            end_index=dates.end_index,
            approximate=dates.approximate,
            start_ts=dates.start_ts,
            end_ts=dates.end_ts,
        ),
        excerpts=excerpts,
        seed=seed,
    )
