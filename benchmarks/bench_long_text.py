"""How long the detail pane takes for the longest text a file may hold:
`python benchmarks/bench_long_text.py`.

One event per case, each at a limit of the schema (text_rules): a 500-character title with
no space, a 20,000-character summary, a 20,000-character quote inside a 2,000,000-character
source, and a title made of 2,000 words. The pane is filled and laid out (as a grab does)
21 times per case; the table gives medians. A crafted file holding more is cut to these
limits when read, so these are the worst cases a user can meet.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6 import QtWidgets  # noqa: E402

from timeline_app.model import query  # noqa: E402
from timeline_app.model.dates import DatePrecision, validate_span  # noqa: E402
from timeline_app.model.store import create_store  # noqa: E402
from timeline_app.model.text_rules import RULES  # noqa: E402
from timeline_app.model.writer import NewEvent, NewExcerpt, NewSource, Writer  # noqa: E402
from timeline_app.ui.detail_pane import DetailPane  # noqa: E402

REPEATS = 21


def build(path: Path) -> dict[str, int]:
    words = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. "
    source = (words * (RULES["source_text"].max_chars // len(words) + 1))[
        : RULES["source_text"].max_chars
    ]
    quote_start = len(source) // 2
    quote = source[quote_start : quote_start + RULES["excerpt"].max_chars]
    cases = {
        "title: 500 characters, no space": ("x" * RULES["title"].max_chars, ""),
        "summary: 20,000 characters": ("Summary", ("word " * 4000)[: RULES["summary"].max_chars]),
        "quote: 20,000 characters in a 2 MB source": ("Quote", ""),
        "title: 80 words": (" ".join(["word"] * 80)[: RULES["title"].max_chars], ""),
    }
    store = create_store(path)
    with store.transaction() as conn:
        writer = Writer(conn)
        source_id = writer.source(NewSource("Long source", source))
        day = validate_span("2021-05-04", None, DatePrecision.DAY)
        writer.events(
            NewEvent(
                "Acme",
                "Statement",
                title,
                summary,
                day,
                False,
                (NewExcerpt(source_id, quote_start, quote_start + len(quote), quote),)
                if title == "Quote"
                else (),
            )
            for title, summary in cases.values()
        )
        writer.finish()
    ids = {}
    for label, (title, _summary) in cases.items():
        row = store.conn.execute("SELECT id FROM events WHERE title = ?", (title,)).fetchone()
        ids[label] = row[0]
    store.close()
    return ids


def main() -> None:
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    folder = Path(tempfile.mkdtemp())
    ids = build(folder / "long.db")
    from timeline_app.model.store import open_store

    store = open_store(folder / "long.db", readonly=True)
    pane = DetailPane()
    pane.resize(400, 800)
    pane.show()
    print("| longest text | fill and lay out the detail pane (median of 21) |")
    print("|---|---|")
    for label, event_id in ids.items():
        samples = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            pane.show_detail(query.event_detail(store, event_id))
            pane.grab()
            app.processEvents()
            samples.append(time.perf_counter() - started)
        print(f"| {label} | {statistics.median(samples) * 1000:.1f} ms |")
    store.close()


if __name__ == "__main__":
    main()
