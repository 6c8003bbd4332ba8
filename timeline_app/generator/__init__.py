"""Synthetic timeline databases for tests, demos and benchmarks (`timeline-app generate`).

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

The same seed gives the same content. Columns are made with numpy and inserted in batches
inside one transaction of a store made by `store.create_store`, so every CHECK constraint
and trigger of the schema still applies; the file is written beside `out` and renamed into
place at the end, so an interrupted run leaves nothing at `out`.

The parts: `vocabulary` (word lists and templates), `companies` (organisations, names and
dates), `events` and `sources` (the rows), `write` (the file) and `generate` (the run).
"""

from timeline_app.generator.generate import MAX_COMPANIES, MAX_EVENTS, generate_database
from timeline_app.generator.vocabulary import CATEGORIES

__all__ = ["CATEGORIES", "MAX_COMPANIES", "MAX_EVENTS", "generate_database"]
