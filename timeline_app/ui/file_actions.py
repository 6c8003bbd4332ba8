"""What the window does with files: open (a dialog, a recent file, a dropped file, the one
to start with), import into the open file (saving a copy of a read-only one first) and
export. A part of MainWindow, kept apart so that each file stays readable."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.model.dataset import builtin_database_path
from timeline_app.ui.controller import Controller, ImportCancelled
from timeline_app.ui.messages import APP_TITLE, MessageWindow, plain_box
from timeline_app.ui.progress_dialog import cancellable_progress
from timeline_app.ui.settings import AppSettings

if TYPE_CHECKING:
    from timeline_app.ui.timeline.view import TimelineView

DATABASE_SUFFIXES = (".db", ".sqlite", ".sqlite3", ".timeline")


class FileWindow(MessageWindow):
    """The main window's base: its controller, settings and timeline are set by MainWindow."""

    controller: Controller
    settings: AppSettings
    timeline: TimelineView
    recent_menu: QtWidgets.QMenu

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for number, path in enumerate(recent, start=1):
            name = path.name.replace("&", "&&")
            action = self.recent_menu.addAction(f"&{number} {name}" if number < 10 else name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not recent:
            empty = self.recent_menu.addAction("No recent files")
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction("Clear list")
            clear.triggered.connect(self.settings.clear_recent_files)

    # ------------------------------------------------------------------ files
    def open_startup_file(self, path: Path | None = None, *, only: bool = False) -> bool:
        """`path` if given, else the last file if it still exists, else the built-in dataset
        (read-only). Filters saved for the file that opens are restored. With `only`, a
        `path` that cannot be opened is not replaced by another file."""
        candidates: list[Path] = []
        if path is not None:
            candidates.append(Path(path))
        if only and candidates:
            return self._open_with_saved_view(candidates[0])
        last = self.settings.last_file()
        if last is not None and last.exists() and last not in candidates:
            candidates.append(last)
        if builtin_database_path() not in candidates:
            candidates.append(builtin_database_path())
        return any(self._open_with_saved_view(candidate) for candidate in candidates)

    def _open_with_saved_view(self, candidate: Path) -> bool:
        if not self.controller.open_file(candidate):
            return False
        self._remember_file(candidate)
        saved = self.settings.filters_for(Path(self.controller.path or candidate))
        if saved is not None:
            self.controller.restore_filters(saved)
            self.timeline.fit_all()
        time_range = self.settings.time_range(candidate)
        if time_range is not None:  # where the user was looking
            self.timeline.set_visible_range(*time_range)
        return True

    def open_path(self, path: str | Path) -> bool:
        path = Path(path)
        if self.controller.open_file(path):
            self._remember_file(path)
            self.statusBar().showMessage(f"Opened {path.name}", 5000)
            return True
        return False

    def _remember_file(self, path: Path) -> None:
        path = Path(self.controller.path or path)
        self.settings.set_last_file(path)
        self.settings.add_recent_file(path)

    def _start_dir(self) -> str:
        path = self.controller.path
        if path is not None and path.parent.exists() and path != builtin_database_path():
            return str(path.parent)
        return str(Path.home())

    def open_dialog(self) -> None:
        name, _ = QtWidgets.QFileDialog.getOpenFileName(
            self,
            "Open timeline",
            self._start_dir(),
            "Timeline databases (*.db *.sqlite *.sqlite3 *.timeline);;All files (*)",
        )
        if name:
            self.open_path(name)

    def new_timeline(self) -> bool:
        """An empty timeline file, to build one's own from sources."""
        suggestion = str(Path(self._start_dir()) / "my-timeline.db")
        target, _ = self.choose_save_path("New timeline", suggestion, "Timeline databases (*.db)")
        if not target:
            return False
        path = Path(target) if Path(target).suffix else Path(target).with_suffix(".db")
        if not self.controller.new_file(path):
            return False
        self._remember_file(path)
        self.statusBar().showMessage(
            f"Made {path.name}. Add an article with File › Add source… to build events from it.",
            10_000,
        )
        return True

    def import_dialog(self) -> None:
        from timeline_app.formats import registry  # the file formats: not needed to start

        if self.controller.store is None:
            self.show_error("Nothing to import into.\n\nOpen a timeline file first.")
            return
        name, _ = QtWidgets.QFileDialog.getOpenFileName(
            self,
            "Import events",
            self._start_dir(),
            registry.dialog_filter(registry.readers(), everything="Event files"),
        )
        if name:
            self.import_path(name)

    def import_path(self, path: str | Path) -> bool:
        """Import into the open file; a read-only file is first saved as a copy (asked)."""
        path = Path(path)
        if self.controller.readonly and not self._make_writable_copy():
            return False
        progress = cancellable_progress(self, "Import", f"Importing {path.name}…", 400)
        progress.setAutoClose(True)

        def report(done: int, total: int) -> None:
            if progress.wasCanceled():
                raise ImportCancelled()
            if total > 0:
                progress.setMaximum(int(total))
                progress.setValue(min(int(done), int(total)))
            QtWidgets.QApplication.processEvents(
                QtCore.QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
            )

        try:
            result = self.controller.import_file(path, progress_callback=report)
        finally:
            progress.close()
            progress.deleteLater()
        if result is None:
            return False
        added, present, updated = result.added, result.already_present, result.updated
        new_companies = list(result.new_companies)
        into = self.controller.path.name if self.controller.path else "the open file"
        text = (
            f"Imported {path.name} into {into}: {added:,} event(s) added, {updated:,} updated, "
            f"{present:,} unchanged."
        )
        informative = []
        if updated:
            informative.append(
                f"{updated:,} event(s) already stored under the file's ids were changed to "
                "what the file says."
            )
        if present:
            quotes = result.excerpts_added_to_present
            informative.append(
                f"{present:,} event(s) were already there and were kept as they were"
                + (f"; {quotes:,} new quote(s) were added to stored events." if quotes else ".")
            )
        if result.eras_added:
            informative.append(f"{result.eras_added:,} era(s) were added.")
        if result.title:
            informative.append(f"The timeline's title is now “{result.title}”.")
        if new_companies:
            shown = ", ".join(new_companies[:10])
            more = f" and {len(new_companies) - 10} more" if len(new_companies) > 10 else ""
            informative.append(f"New lanes: {shown}{more}.")
        self.statusBar().showMessage(text, 10_000)
        self.show_message(
            QtWidgets.QMessageBox.Icon.Information, "Import finished", text, "\n".join(informative)
        )
        return True

    def _make_writable_copy(self, doing: str = "import into") -> bool:
        """Offer to save a read-only file (the built-in dataset) as a copy and open that,
        before a change; `doing` says what the change is ("import into", "change")."""
        current = self.controller.path
        name = current.name if current else "the open file"
        what = "the built-in dataset" if self.controller.is_builtin else f"“{name}”"
        if not self.ask(
            "Save a copy first?",
            f"{what[0].upper()}{what[1:]} is open read-only, so it cannot be changed.\n\n"
            f"Save a copy of it under a new name and {doing} the copy?",
        ):
            return False
        suggestion = str(Path(self._start_dir()) / "my-timeline.db")
        target, _ = self.choose_save_path(
            f"Save a copy to {doing}", suggestion, "Timeline databases (*.db)"
        )
        if not target:
            return False
        target_path = Path(target)
        if not target_path.suffix:
            target_path = target_path.with_suffix(".db")
        if not self.controller.save_copy(target_path):
            return False
        self._remember_file(target_path)
        return True

    def choose_save_path(self, title: str, suggestion: str, filters: str) -> tuple[str, str]:
        """A file name to save to; tests replace this method."""
        return QtWidgets.QFileDialog.getSaveFileName(self, title, suggestion, filters)

    def ask(self, title: str, text: str) -> bool:
        """A yes/no question; tests replace this method."""
        box = plain_box(self, QtWidgets.QMessageBox.Icon.Question, title, text)
        box.setStandardButtons(
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No
        )
        box.setDefaultButton(QtWidgets.QMessageBox.StandardButton.Yes)
        return box.exec() == QtWidgets.QMessageBox.StandardButton.Yes

    def export_image(self) -> None:
        from timeline_app.ui.export_dialog import run_export_dialog  # imports Qt's SVG module

        run_export_dialog(
            self, self.controller, self.timeline.visible_range(), theme=self.export_theme()
        )

    def export_theme(self) -> str:
        """The theme an export starts with (the window's, in the main window)."""
        return "light"

    # ------------------------------------------------------------------ drag and drop
    @staticmethod
    def _dropped_files(mime: QtCore.QMimeData) -> list[Path]:
        if not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QtGui.QDragEnterEvent) -> None:  # noqa: N802
        if self._dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QtGui.QDragMoveEvent) -> None:  # noqa: N802
        if self._dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QtGui.QDropEvent) -> None:  # noqa: N802
        files = self._dropped_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        # Act after the drop returns, so the source application is not left waiting.
        QtCore.QTimer.singleShot(0, lambda: self.open_dropped(files))

    def open_dropped(self, files: list[Path]) -> None:
        from timeline_app.formats import registry

        path = files[0]
        suffix = path.suffix.lower()
        if suffix in DATABASE_SUFFIXES:
            self.open_path(path)
        elif registry.by_extension(path, registry.readers()) is not None:
            self.show_message(
                QtWidgets.QMessageBox.Icon.Information,
                APP_TITLE,
                f"“{path.name}” is a {suffix[1:].upper()} file, not a timeline database.",
                "To add its events to the open timeline, use File › Import CSV/JSON….",
            )
        else:
            self.show_message(
                QtWidgets.QMessageBox.Icon.Information,
                APP_TITLE,
                f"“{path.name}” cannot be opened here.",
                "Drop a timeline database (a .db file) to open it.",
            )
