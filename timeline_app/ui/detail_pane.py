"""The selected event and the exact words behind it.

Every excerpt is shown inside its paragraph of the source with the quoted words
highlighted, so a reader can check the event against what the source says; the words of a
search are marked too, in the title, the summary and the source, to show why the event
matched. Source text is
untrusted: it is put into the document with QTextCursor.insertText and QTextCharFormat only,
never parsed as HTML, and links are clickable only for http(s) and only opened on a click.
"""

from __future__ import annotations

from itertools import groupby

from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.errors import TimelineError
from timeline_app.model.dates import format_published, format_span
from timeline_app.model.passages import QUOTE_CAP, Passage, name, passages, pieces, plain
from timeline_app.model.search_words import search_spans
from timeline_app.model.types import EventDetail, Source
from timeline_app.ui import palette
from timeline_app.ui.theme import DetailInk

PLACEHOLDER = "Select an event on the timeline or in the table to read its sources"
WAITING = "Another program is writing to this file; the event is shown as soon as it is done"
SAFE_SCHEMES = ("http", "https")
HIGHLIGHT = QtGui.QColor(DetailInk.highlight)  # the quoted words, in every theme
SEARCH_HIGHLIGHT = QtGui.QColor("#F5A05A")  # a searched word: stands out inside a quote too


def safe_link(url: str) -> QtCore.QUrl | None:
    """The URL as something to open on click, or None if it must stay plain text."""
    url = (url or "").strip()
    if not url:
        return None
    parsed = QtCore.QUrl(url, QtCore.QUrl.ParsingMode.TolerantMode)
    if not parsed.isValid() or parsed.scheme().lower() not in SAFE_SCHEMES:
        return None
    if not parsed.host():
        return None
    return parsed


class DetailPane(QtWidgets.QWidget):
    """Shows the controller's selected event; `browser` holds the rendered document."""

    linkOpened = QtCore.Signal(QtCore.QUrl)

    def __init__(self, controller=None, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.detail: EventDetail | None = None
        self.ink = DetailInk()  # the colours of the window's theme (set_ink)
        self._message: str | None = None
        self.search = ""  # the words being searched for, marked wherever they appear
        self._document: QtGui.QTextDocument | None = None
        self.browser = QtWidgets.QTextBrowser(self)
        self.browser.setObjectName("detailBrowser")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setUndoRedoEnabled(False)
        # Text always wraps to the pane's width (a giant "word" anywhere), so sideways
        # scrolling would only ever show blank space.
        self.browser.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.browser.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.browser.setAcceptDrops(False)
        self.browser.anchorClicked.connect(self._anchor_clicked)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.setMinimumWidth(260)
        if controller is not None:
            controller.selectionChanged.connect(self._selection_changed)
            controller.datasetChanged.connect(self._dataset_changed)
            controller.readableAgain.connect(self._dataset_changed)
            controller.filtersChanged.connect(self._filters_changed)
        self.show_detail(None)

    # ----- reacting to the controller
    def _selection_changed(self, event_id: int | None) -> None:
        shown = self.detail.event.id if self.detail is not None else None
        if event_id is not None and event_id == shown and self._message is None:
            return  # read at the last change of the rows, or of the selection: still true
        self._read(event_id)

    def _read(self, event_id: int | None) -> None:
        detail = None
        if event_id is not None and self.controller is not None:
            detail = self.controller.event_detail(event_id)
            if detail is None and self.controller.waiting:
                self.show_message(WAITING)
                return
        self.show_detail(detail)

    def _filters_changed(self) -> None:
        """A new search marks other words in the event shown."""
        text = self.controller.state.text if self.controller is not None else ""
        if text != self.search:
            self.search = text
            if self.detail is not None:
                self.show_detail(self.detail)

    def _dataset_changed(self) -> None:
        """The rows changed (a step, another program): the event is read again (a step
        then announces the same selection too, which needs no second read)."""
        selected = self.controller.selected_id if self.controller else None
        self._read(selected)

    def _colours(self) -> palette.Colours:
        """The colours chosen in the file, else the palette's (no controller: its own)."""
        return self.controller.colours if self.controller is not None else palette.Colours()

    def set_ink(self, ink: DetailInk) -> None:
        """Show the same event (or message) again in the colours of another theme."""
        if ink != self.ink:
            self.ink = ink
            if self._message is not None:
                self.show_message(self._message)
            else:
                self.show_detail(self.detail)

    def _ink(self, name: str) -> QtGui.QColor:
        return QtGui.QColor(getattr(self.ink, name))

    # ----- rendering
    def plain_text(self) -> str:
        return self.browser.toPlainText()

    def show_detail(self, detail: EventDetail | None) -> None:
        self.detail = detail
        self._message = None
        if self.controller is not None:
            self.search = self.controller.state.text
        if detail is None:
            self._new_document(self._render_placeholder)
        else:
            self._new_document(lambda cursor: self._render(cursor, detail))

    def _new_document(self, render) -> None:
        document = QtGui.QTextDocument(self.browser)
        document.setDocumentMargin(14)
        document.setDefaultFont(self.browser.font())
        document.setUndoRedoEnabled(False)
        render(QtGui.QTextCursor(document))
        old, self._document = self._document, document
        self.browser.setDocument(document)
        if old is not None:
            old.deleteLater()
        self.browser.verticalScrollBar().setValue(0)

    def _char(
        self,
        *,
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        colour: QtGui.QColor | None = None,
    ) -> QtGui.QTextCharFormat:
        fmt = QtGui.QTextCharFormat()
        if bold:
            fmt.setFontWeight(QtGui.QFont.Weight.Bold)
        if italic:
            fmt.setFontItalic(True)
        if size is not None:
            fmt.setFontPointSize(size)
        if colour is not None:
            fmt.setForeground(colour)
        return fmt

    def _insert(self, cursor: QtGui.QTextCursor, text: str, fmt: QtGui.QTextCharFormat) -> None:
        """Insert `text`, its searched words marked."""
        at = 0
        for start, end in search_spans(text, self.search):
            if start > at:
                cursor.insertText(text[at:start], fmt)
            cursor.insertText(text[start:end], self.search_format(fmt))
            at = end
        if at < len(text):
            cursor.insertText(text[at:], fmt)

    @staticmethod
    def search_format(base: QtGui.QTextCharFormat) -> QtGui.QTextCharFormat:
        """`base` with a searched word's mark."""
        fmt = QtGui.QTextCharFormat(base)
        fmt.setBackground(SEARCH_HIGHLIGHT)
        fmt.setForeground(QtGui.QColor("#1B1B1B"))
        fmt.setFontUnderline(True)
        return fmt

    def _base_size(self) -> float:
        size = self.browser.font().pointSizeF()
        return size if size > 0 else 10.0

    def show_message(self, text: str) -> None:
        """A line in place of an event (nothing selected, or the file is busy)."""
        self.detail = None
        self._new_document(lambda cursor: self._render_placeholder(cursor, text))
        self._message = text

    def _render_placeholder(self, cursor: QtGui.QTextCursor, text: str = PLACEHOLDER) -> None:
        block = QtGui.QTextBlockFormat()
        block.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        block.setTopMargin(40)
        cursor.setBlockFormat(block)
        cursor.insertText(text, self._char(italic=True, colour=self._ink("muted")))

    def _block(self, cursor: QtGui.QTextCursor, top: float = 0, bottom: float = 0) -> None:
        fmt = QtGui.QTextBlockFormat()
        fmt.setTopMargin(top)
        fmt.setBottomMargin(bottom)
        cursor.insertBlock(fmt)

    def _render(self, cursor: QtGui.QTextCursor, detail: EventDetail) -> None:
        event = detail.event
        base = self._base_size()
        first = QtGui.QTextBlockFormat()
        first.setBottomMargin(2)
        cursor.setBlockFormat(first)
        colours = self._colours()
        swatch = self._char(colour=colours.company(event.company_id), size=base * 1.1)
        cursor.insertText("■ ", swatch)
        cursor.insertText(name(event.company), self._char(bold=True, colour=self._ink("muted")))

        self._block(cursor, bottom=6)
        self._insert(cursor, name(event.title), self._char(bold=True, size=base * 1.45))

        self._block(cursor, bottom=2)
        try:
            when = format_span(event.start, event.end, event.precision, event.approximate)
        except TimelineError:
            when = event.start
        cursor.insertText(when, self._char(bold=True))
        if event.approximate:
            cursor.insertText(
                "  (approximate date)", self._char(italic=True, colour=self._ink("muted"))
            )
        elif event.precision.value != "day":
            cursor.insertText(
                f"  (the source gives the {event.precision.value} only)",
                self._char(italic=True, colour=self._ink("muted")),
            )

        self._block(cursor, bottom=10)
        if colours.category_position(event.category) is not None:
            shape = colours.shape(event.category)
            glyph = self._char(colour=colours.category(event.category))
            glyph.setToolTip(f"shown on the timeline as a {shape.name}")
            cursor.insertText(shape.glyph + " ", glyph)
        cursor.insertText(name(event.category), self._char())

        self._block(cursor, bottom=12)
        if event.summary.strip():
            self._insert(cursor, plain(event.summary), self._char())
        else:
            cursor.insertText(
                "No summary recorded.", self._char(italic=True, colour=self._ink("muted"))
            )

        self._block(cursor, top=4, bottom=4)
        count = len(detail.excerpts)
        heading = "What the source says" if count == 1 else f"What the sources say ({count} quotes)"
        if not count:
            heading = "No source: no quote backs this event yet"
        cursor.insertText(
            heading.upper(), self._char(bold=True, size=base * 0.85, colour=self._ink("muted"))
        )

        for _source_id, group in groupby(detail.excerpts, key=lambda x: x.source.id):
            excerpts = list(group)
            source = excerpts[0].source
            ranges = [(x.start, x.end) for x in excerpts]
            for passage in passages(source.text, ranges):
                cursor = self._render_passage(cursor, source.text, passage)
            cursor = self._render_source(cursor, source)

    def _render_passage(
        self, cursor: QtGui.QTextCursor, text: str, passage: Passage
    ) -> QtGui.QTextCursor:
        frame_format = QtGui.QTextFrameFormat()
        frame_format.setBackground(self._ink("quote_background"))
        frame_format.setBorder(1)
        frame_format.setBorderBrush(self._ink("quote_border"))
        frame_format.setBorderStyle(QtGui.QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        frame_format.setPadding(10)
        frame_format.setTopMargin(8)
        frame_format.setBottomMargin(2)
        frame = cursor.insertFrame(frame_format)
        context_format = self._char(colour=self._ink("context"))
        muted = self._char(colour=self._ink("muted"))
        if passage.cut_before:
            cursor.insertText("… ", muted)
        highlight = self.highlight_format()
        for start, end, quoted in pieces(passage):
            if not quoted:
                self._insert(cursor, plain(text[start:end]), context_format)
                continue
            hidden = max(0, end - start - QUOTE_CAP)
            self._insert(cursor, plain(text[start : end - hidden]), highlight)
            if hidden:
                cursor.insertText(
                    f" … [quote shortened for display: {hidden:,} more characters]",
                    self._char(italic=True, colour=self._ink("muted")),
                )
        if passage.cut_after:
            cursor.insertText(" …", muted)
        after = QtGui.QTextCursor(frame.document())
        after.setPosition(frame.lastPosition() + 1)
        return after

    @staticmethod
    def highlight_format() -> QtGui.QTextCharFormat:
        fmt = QtGui.QTextCharFormat()
        fmt.setBackground(HIGHLIGHT)
        fmt.setFontWeight(QtGui.QFont.Weight.Bold)
        fmt.setForeground(QtGui.QColor(DetailInk.highlight_text))
        return fmt

    def _render_source(self, cursor: QtGui.QTextCursor, source: Source) -> QtGui.QTextCursor:
        self._block(cursor, top=4, bottom=14)
        muted = self._char(colour=self._ink("muted"))
        cursor.insertText("— ", muted)
        cursor.insertText(plain(source.title) or "Untitled source", self._char(italic=True))
        facts = [plain(source.publisher)] if source.publisher.strip() else []
        if source.published.strip():
            facts.append(format_published(source.published.strip()))
        if facts:
            cursor.insertText(", " + ", ".join(facts), muted)
        cursor.insertText("\n", muted)
        link = safe_link(source.url)
        if link is not None:
            fmt = self._char(colour=self._ink("link"))
            fmt.setAnchor(True)
            fmt.setAnchorHref(link.toString(QtCore.QUrl.ComponentFormattingOption.FullyEncoded))
            fmt.setFontUnderline(True)
            fmt.setToolTip(f"Open {link.toDisplayString()} in your browser")
            cursor.insertText(link.toDisplayString(), fmt)
        elif source.url.strip():
            cursor.insertText("Link (not opened, only http and https links are): ", muted)
            cursor.insertText(plain(source.url.strip()), self._char(colour=self._ink("muted")))
        else:
            cursor.insertText(
                "no link recorded", self._char(italic=True, colour=self._ink("muted"))
            )
        return cursor

    def _anchor_clicked(self, url: QtCore.QUrl) -> None:
        link = safe_link(url.toString())
        if link is None:
            return
        self.linkOpened.emit(link)
        QtGui.QDesktopServices.openUrl(link)
