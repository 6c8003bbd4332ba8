"""Adding a source (an article from a file, or pasted text) and editing a source's details.

The text is read once, when the file is chosen or the text pasted, into exactly what will be
stored; the person checks the title, publisher, link and publication date prefilled from the
page's metadata. The text of a stored source never changes: quotes are offsets into it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from timeline_app.errors import TimelineError
from timeline_app.ingest.article import Article, article_from_text, read_article
from timeline_app.model.edits import FieldErrors, SourceFields
from timeline_app.model.text_rules import visible
from timeline_app.ui.messages import error_label, grow_to_fit

PREVIEW_CHARS = 3000
FILE_FILTER = (
    "Articles (*.txt *.md *.markdown *.html *.htm *.pdf);;Text (*.txt);;Markdown (*.md "
    "*.markdown);;Web pages (*.html *.htm);;PDF (*.pdf);;All files (*)"
)
PASTE_KINDS = (("Plain text", "text"), ("Markdown", "markdown"), ("HTML", "html"))


class SourceDialog(QtWidgets.QDialog):
    """`save` stores the details (and, when adding, the text) as one undoable step and
    returns the source id, or None when the window already said why it could not."""

    def __init__(
        self,
        parent: QtWidgets.QWidget | None,
        *,
        save: Callable[[SourceFields, str], int | None],
        fields: SourceFields | None = None,
        text: str | None = None,
        start_dir: str = "",
    ) -> None:
        super().__init__(parent)
        adding = text is None
        self.setWindowTitle("Add source" if adding else "Source details")
        self.setObjectName("sourceDialog")
        self._save = save
        self._start_dir = start_dir
        self.article: Article | None = None if adding else Article(text or "")
        self.saved_id: int | None = None
        layout = QtWidgets.QVBoxLayout(self)

        self.choose = QtWidgets.QPushButton("&Choose a file…")
        self.choose.clicked.connect(self.choose_file)
        self.paste = QtWidgets.QPlainTextEdit()
        self.paste.setObjectName("pasteBox")
        self.paste.setPlaceholderText("…or paste the article's text here")
        self.paste.setTabChangesFocus(True)
        self.paste.setFixedHeight(90)
        self.kind = QtWidgets.QComboBox()
        for label, kind in PASTE_KINDS:
            self.kind.addItem(label, kind)
        self.use_paste = QtWidgets.QPushButton("&Use pasted text")
        self.use_paste.clicked.connect(self.read_pasted)
        self.file_label = QtWidgets.QLabel("No file chosen")
        self.file_label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        if adding:
            top = QtWidgets.QHBoxLayout()
            top.addWidget(self.choose)
            top.addWidget(self.file_label, 1)
            layout.addLayout(top)
            layout.addWidget(self.paste)
            paste_row = QtWidgets.QHBoxLayout()
            paste_row.addWidget(QtWidgets.QLabel("Pasted text is"))
            paste_row.addWidget(self.kind)
            paste_row.addStretch(1)
            paste_row.addWidget(self.use_paste)
            layout.addLayout(paste_row)

        form = QtWidgets.QFormLayout()
        self.errors: dict[str, QtWidgets.QLabel] = {}
        fields = fields or SourceFields("")
        self.title = self._line(form, "&Title:", "title", fields.title)
        self.publisher = self._line(form, "&Publisher:", "publisher", fields.publisher)
        self.url = self._line(form, "&Link:", "url", fields.url)
        self.published = self._line(form, "Publis&hed:", "published", fields.published)
        self.published.setPlaceholderText("YYYY-MM-DD (dates in the text are counted from it)")
        layout.addLayout(form)

        self.preview = QtWidgets.QPlainTextEdit()
        self.preview.setObjectName("sourcePreview")
        self.preview.setReadOnly(True)
        self.preview.setPlaceholderText("The text that will be stored shows here.")
        self.summary = QtWidgets.QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.text_error = error_label()
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.text_error)
        self.box = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.box.accepted.connect(self.try_save)
        self.box.rejected.connect(self.reject)
        layout.addWidget(self.box)
        if self.article is not None:
            self._show_article(self.article, prefill=False)
        self._update_save()
        self.resize(640, 620)

    def _line(
        self, form: QtWidgets.QFormLayout, label: str, key: str, value: str
    ) -> QtWidgets.QLineEdit:
        edit = QtWidgets.QLineEdit(value)
        edit.setObjectName(key)
        form.addRow(label, edit)
        self.errors[key] = error_label()
        form.addRow("", self.errors[key])
        return edit

    # ------------------------------------------------------------------ reading
    def choose_file(self) -> None:
        name, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, "Add source", self._start_dir, FILE_FILTER
        )
        if name:
            self.read_file(Path(name))

    def read_file(self, path: Path) -> bool:
        QtWidgets.QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        try:
            article = read_article(path)
        except (TimelineError, OSError) as exc:
            self._refused(str(exc))
            return False
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
        self.file_label.setText(path.name)
        self._show_article(article, prefill=True)
        return True

    def read_pasted(self) -> bool:
        try:
            article = article_from_text(self.paste.toPlainText(), str(self.kind.currentData()))
        except TimelineError as exc:
            self._refused(str(exc))
            return False
        self.file_label.setText("Pasted text")
        self._show_article(article, prefill=True)
        return True

    def _refused(self, reason: str) -> None:
        self.text_error.setText(reason)
        self.text_error.setVisible(True)
        grow_to_fit(self)

    def _show_article(self, article: Article, *, prefill: bool) -> None:
        self.article = article
        self.text_error.setVisible(False)
        shown = visible(article.text[:PREVIEW_CHARS], prose=True)
        if len(article.text) > PREVIEW_CHARS:
            shown += "\n…"
        self.preview.setPlainText(shown)
        words = len(article.text.split())
        notes = " ".join(article.notes)
        self.summary.setText(f"{len(article.text):,} characters, {words:,} words. {notes}".strip())
        if prefill:
            for edit, value in (
                (self.title, article.title),
                (self.publisher, article.publisher),
                (self.url, article.url),
                (self.published, article.published),
            ):
                if value and not edit.text().strip():
                    edit.setText(value)
        self._update_save()

    def _update_save(self) -> None:
        button = self.box.button(QtWidgets.QDialogButtonBox.StandardButton.Save)
        if button is not None:
            button.setEnabled(self.article is not None)

    # ------------------------------------------------------------------ saving
    def fields(self) -> SourceFields:
        return SourceFields(
            self.title.text(), self.publisher.text(), self.url.text(), self.published.text()
        )

    def try_save(self) -> None:
        if self.article is None:
            self._refused("Choose a file or paste the article's text first.")
            return
        try:
            saved = self._save(self.fields(), self.article.text)
        except FieldErrors as exc:
            for key, label in self.errors.items():
                label.setText(exc.errors.get(key, ""))
                label.setVisible(key in exc.errors)
            if "text" in exc.errors:
                self._refused(exc.errors["text"])
            return
        if saved is None:
            return
        self.saved_id = saved
        self.accept()
