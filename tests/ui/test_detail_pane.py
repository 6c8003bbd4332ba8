"""The detail pane: quotes in their paragraphs, highlighted, as plain text; safe links."""

from __future__ import annotations

from PySide6 import QtCore, QtGui

from timeline_app.model.passages import excerpt_context, passages
from timeline_app.model.types import DatePrecision, Event, EventDetail, Excerpt, Source
from timeline_app.ui.detail_pane import (
    HIGHLIGHT,
    PLACEHOLDER,
    DetailPane,
    safe_link,
)

ARTICLE = (
    "First paragraph, about something else.\n\n"
    "Second paragraph starts. The quoted words are here. It goes on.\n"
    "Still the second paragraph.\n\n"
    "Third paragraph."
)


def make_detail(
    text: str = ARTICLE,
    quotes: tuple[str, ...] = ("The quoted words are here.",),
    url: str = "https://example.com/story",
    title: str = "Event title",
    summary: str = "A summary.",
    source_title: str = "The Source",
) -> EventDetail:
    source = Source(1, source_title, "The Publisher", url, "2020-06-11", text)
    excerpts = tuple(
        Excerpt(n, 1, source, text.index(q), text.index(q) + len(q), q)
        for n, q in enumerate(quotes, start=1)
    )
    event = Event(
        1, 1, "Acme", title, summary, "Policy", "2020-06", None, DatePrecision.MONTH, True, 0, 1
    )
    return EventDetail(event, excerpts)


def test_context_is_the_paragraph_around_the_quote():
    start = ARTICLE.index("The quoted")
    context = excerpt_context(ARTICLE, start, start + len("The quoted words are here."))
    assert context.before == "Second paragraph starts. "
    assert context.quote == "The quoted words are here."
    assert context.after == " It goes on.\nStill the second paragraph."
    assert not context.cut_before and not context.cut_after


def test_a_quote_across_paragraphs_shows_all_of_them():
    start = ARTICLE.index("It goes on")
    end = ARTICLE.index("Third") + len("Third")
    context = excerpt_context(ARTICLE, start, end)
    assert context.before.startswith("Second paragraph starts.")
    assert context.quote.endswith("\n\nThird")
    assert context.after == " paragraph."


def test_huge_text_context_is_capped():
    text = "word " * 100_000 + "QUOTE" + " word" * 100_000
    start = text.index("QUOTE")
    context = excerpt_context(text, start, start + 5, cap=2000)
    assert context.cut_before and context.cut_after
    assert 900 <= len(context.before) <= 1000
    assert 900 <= len(context.after) <= 1000
    assert context.before.startswith("word")  # cut at a word boundary


def test_quotes_sharing_a_paragraph_share_one_passage():
    text = "A one. A two.\n\nB one."
    found = passages(text, [(text.index("B"), len(text)), (0, 6), (7, 13)])
    assert [(p.start, p.end, len(p.quotes)) for p in found] == [(0, 13, 2), (15, 21, 1)]


def test_safe_links():
    assert safe_link("https://example.com/a?b=1") is not None
    assert safe_link("http://example.com") is not None
    for bad in ("", "   ", "javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "x"):
        assert safe_link(bad) is None, bad


def test_placeholder_when_nothing_is_selected(qtbot):
    pane = DetailPane()
    qtbot.addWidget(pane)
    assert pane.plain_text() == PLACEHOLDER


def test_event_with_highlighted_quote_and_source(qtbot):
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show_detail(make_detail())
    text = pane.plain_text()
    assert "Event title" in text and "Acme" in text and "A summary." in text
    assert "c. June 2020" in text and "approximate" in text
    assert "Second paragraph starts. The quoted words are here. It goes on." in text
    assert "First paragraph" not in text and "Third paragraph" not in text
    assert "The Source" in text and "The Publisher" in text and "11 June 2020" in text
    cursor = pane.browser.document().find("quoted words")
    assert cursor.charFormat().background().color() == HIGHLIGHT
    assert cursor.charFormat().fontWeight() == QtGui.QFont.Weight.Bold
    before = pane.browser.document().find("Second paragraph starts")
    assert before.charFormat().background().style() == QtCore.Qt.BrushStyle.NoBrush


def anchors(pane: DetailPane) -> list[str]:
    found = []
    block = pane.browser.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().isAnchor():
                found.append(fragment.charFormat().anchorHref())
            iterator += 1
        block = block.next()
    return found


def test_http_link_opens_only_when_clicked(qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(QtGui.QDesktopServices, "openUrl", lambda url: opened.append(url))
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.resize(420, 600)
    pane.show()
    qtbot.waitExposed(pane)
    pane.show_detail(make_detail())
    assert anchors(pane) == ["https://example.com/story"]
    assert opened == []
    cursor = pane.browser.document().find("https://example.com/story")
    cursor.setPosition(cursor.selectionStart() + 3)
    point = pane.browser.cursorRect(cursor).center()
    qtbot.mouseClick(pane.browser.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=point)
    assert [url.toString() for url in opened] == ["https://example.com/story"]


def test_other_links_are_plain_text(qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(QtGui.QDesktopServices, "openUrl", lambda url: opened.append(url))
    pane = DetailPane()
    qtbot.addWidget(pane)
    for url in ("javascript:alert(1)", "file:///etc/passwd"):
        pane.show_detail(make_detail(url=url))
        assert anchors(pane) == []
        assert url in pane.plain_text()
    pane.show_detail(make_detail(url=""))
    assert "no link recorded" in pane.plain_text()
    pane.browser.anchorClicked.emit(QtCore.QUrl("javascript:alert(1)"))
    assert opened == []


def test_markup_in_data_is_shown_as_typed(qtbot):
    hostile = "<b>bold?</b> <script>alert(1)</script> &amp; <img src=x onerror=alert(1)>"
    text = f"Intro.\n\n{hostile} is quoted here.\n\nEnd."
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show_detail(
        make_detail(
            text=text,
            quotes=(hostile,),
            title="<i>title</i> &lt;",
            summary="",
            source_title="<a href='javascript:x'>src</a>",
        )
    )
    shown = pane.plain_text()
    assert hostile in shown
    assert "<i>title</i> &lt;" in shown
    assert "<a href='javascript:x'>src</a>" in shown
    assert "No summary recorded." in shown
    assert anchors(pane) == ["https://example.com/story"]
