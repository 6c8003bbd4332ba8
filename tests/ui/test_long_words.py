"""A 5,000-character word (a pasted URL, a hash, a chemical name) must not push the window
sideways: the detail pane wraps it, the timeline and the table shorten it. (A title holds at
most 500 characters, so there it is the longest title allowed.)"""

from __future__ import annotations

from PySide6 import QtWidgets

WORD = "Supercalifragilistic" * 250  # 5,000 characters, no space


def test_a_very_long_word_wraps_in_the_detail_pane_and_is_shortened_elsewhere(
    make_window, write_db, tmp_path
):
    text = f"The filing says {WORD} and nothing more."
    db = write_db(
        tmp_path / "long.db",
        [
            {
                "company": "Acme",
                "title": WORD[:500],
                "summary": WORD,
                "start": "2021-05-04",
                "quote": WORD,
            }
        ],  # fmt: skip
        source_text=text,
    )
    window = make_window(db)
    (event_id,) = [int(i) for i in window.controller.shown_ids()]
    window.controller.select(event_id)
    QtWidgets.QApplication.processEvents()
    window.grab()
    browser = window.detail.browser
    assert WORD in window.detail.plain_text()
    assert not browser.horizontalScrollBar().isVisible()  # wrapped, not scrolled sideways
    assert browser.document().size().width() <= browser.viewport().width()
    labels = window.timeline.label_texts()
    assert labels and all(len(label) < 300 for label in labels)  # elided with "…"
    assert labels[0].endswith("…")
    assert window.timeline.point_of_event(event_id) is not None
