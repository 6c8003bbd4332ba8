"""The main window: filters at the left, the timeline over the event table in the middle,
the selected event and its sources at the right."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app import __version__
from timeline_app.log import get_logger
from timeline_app.model.dataset import builtin_database_path
from timeline_app.model.visible import LANE_ORDERS
from timeline_app.ui.controller import Controller, ImportCancelled
from timeline_app.ui.detail_pane import DetailPane
from timeline_app.ui.event_table import EventTable
from timeline_app.ui.filter_panel import FilterPanel
from timeline_app.ui.settings import AppSettings
from timeline_app.ui.timeline.view import TimelineView

log = get_logger("ui.window")

APP_TITLE = "Announcement Timeline"
DATABASE_SUFFIXES = (".db", ".sqlite", ".sqlite3", ".timeline")
IMPORT_SUFFIXES = (".csv", ".json")
ZOOM_STEP = 1.5
LANE_ORDER_LABELS = {
    "name": "By &name",
    "count": "By number of &events",
    "first": "By &first event",
}
DEFAULT_SIZE = QtCore.QSize(1400, 900)


def _plain_box(
    parent: QtWidgets.QWidget,
    icon: QtWidgets.QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
    details: str = "",
) -> QtWidgets.QMessageBox:
    """A message box that shows file names and messages as typed, never as HTML."""
    box = QtWidgets.QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QtWidgets.QMessageBox.StandardButton.Ok)
    return box


class MainWindow(QtWidgets.QMainWindow):
    def __init__(
        self,
        controller: Controller | None = None,
        settings: AppSettings | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.controller = controller or Controller(self)
        self.settings = settings or AppSettings()
        self.messages: list[QtWidgets.QMessageBox] = []  # non-blocking boxes shown, newest last
        self.last_message: tuple[str, str] | None = None  # (title, text) of the newest box
        self.notices: list[str] = []  # status-bar notices shown, oldest first
        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self._shown_once = False

        self.filter_panel = FilterPanel(self.controller)
        self.timeline = TimelineView()
        self.timeline.setObjectName("timelineView")
        self.table = EventTable(self.controller)
        self.detail = DetailPane(self.controller)

        self.centre_splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        self.centre_splitter.setObjectName("centreSplitter")
        self.centre_splitter.addWidget(self.timeline)
        self.centre_splitter.addWidget(self.table)
        self.centre_splitter.setStretchFactor(0, 3)
        self.centre_splitter.setStretchFactor(1, 1)
        self.centre_splitter.setChildrenCollapsible(False)

        self.main_splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.filter_panel)
        self.main_splitter.addWidget(self.centre_splitter)
        self.main_splitter.addWidget(self.detail)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setStretchFactor(2, 0)
        self.main_splitter.setCollapsible(1, False)
        self.main_splitter.setHandleWidth(6)
        self.centre_splitter.setHandleWidth(6)
        self.main_splitter.setSizes([270, 770, 360])
        self.centre_splitter.setSizes([600, 260])
        self.setCentralWidget(self.main_splitter)

        self.count_label = QtWidgets.QLabel()
        self.count_label.setObjectName("eventCount")
        self.file_label = QtWidgets.QLabel()
        self.file_label.setObjectName("fileName")
        for label in (self.count_label, self.file_label):
            label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
            label.setContentsMargins(8, 0, 8, 0)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.file_label)

        self._create_actions()
        self._create_menus()

        c = self.controller
        c.datasetChanged.connect(self._dataset_changed)
        c.filtersChanged.connect(self._filters_changed)
        c.selectionChanged.connect(self.timeline.set_selected)
        c.errorRaised.connect(self.show_error)
        c.noticeRaised.connect(self.show_notice)
        c.readableAgain.connect(self.timeline.forget_titles)
        self.timeline.eventClicked.connect(c.select)

        self.resize(self._default_size())
        self.restore_layout()
        self._update_status()

    def _default_size(self) -> QtCore.QSize:
        """About 1400x900, but never larger than the screen."""
        screen = self.screen() or QtGui.QGuiApplication.primaryScreen()
        if screen is None or QtGui.QGuiApplication.platformName() == "offscreen":
            return DEFAULT_SIZE  # no real screen (screenshots, tests): its 800x800 means nothing
        room = screen.availableGeometry().size()
        return DEFAULT_SIZE.boundedTo(
            QtCore.QSize(room.width() * 95 // 100, room.height() * 92 // 100)
        )

    # ------------------------------------------------------------------ actions
    def _action(
        self,
        text: str,
        slot,
        shortcuts: list[QtGui.QKeySequence | str] | None = None,
        tip: str = "",
        context: QtCore.Qt.ShortcutContext = QtCore.Qt.ShortcutContext.WindowShortcut,
    ) -> QtGui.QAction:
        action = QtGui.QAction(text, self)
        if shortcuts:
            action.setShortcuts([QtGui.QKeySequence(s) for s in shortcuts])
            action.setShortcutContext(context)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        keys = QtGui.QKeySequence.StandardKey
        self.open_action = self._action(
            "&Open…", self.open_dialog, [keys.Open], "Open a timeline database"
        )
        self.import_action = self._action(
            "&Import CSV/JSON…", self.import_dialog, tip="Add events from a CSV or JSON file"
        )
        self.export_action = self._action(
            "&Export…", self.export_image, ["Ctrl+E"], "Save the timeline as an image or data"
        )
        self.quit_action = self._action("&Quit", self.close, ["Ctrl+Q"])
        self.quit_action.setMenuRole(QtGui.QAction.MenuRole.QuitRole)

        self.zoom_in_action = self._action(
            "Zoom &in", lambda: self.timeline.zoom(ZOOM_STEP), ["+", "=", keys.ZoomIn]
        )
        self.zoom_out_action = self._action(
            "Zoom &out", lambda: self.timeline.zoom(1 / ZOOM_STEP), ["-", keys.ZoomOut]
        )
        self.fit_action = self._action(
            "&Fit all", self.timeline.fit_all, ["Home"], "Show the whole filtered time range"
        )
        self.previous_action = self._action(
            "&Previous event", self.controller.select_previous, ["Left"], "Earlier event"
        )
        self.next_action = self._action(
            "&Next event", self.controller.select_next, ["Right"], "Later event"
        )
        self.clear_selection_action = self._action(
            "&Clear selection", lambda: self.controller.select(None), ["Esc"]
        )
        self.lane_order_group = QtGui.QActionGroup(self)
        self.lane_order_group.setExclusive(True)
        self.lane_order_actions: dict[str, QtGui.QAction] = {}
        for order in LANE_ORDERS:
            action = QtGui.QAction(LANE_ORDER_LABELS.get(order, order), self)
            action.setCheckable(True)
            action.setData(order)
            action.triggered.connect(lambda _checked=False, o=order: self.set_lane_order(o))
            self.lane_order_group.addAction(action)
            self.lane_order_actions[order] = action
        self.lane_order_actions[self.controller.lane_order].setChecked(True)

        self.reset_action = self._action(
            "&Reset filters", self.controller.reset_filters, ["Ctrl+R"], "Show every event"
        )
        self.about_action = self._action("&About Announcement Timeline", self.show_about)
        self.about_action.setMenuRole(QtGui.QAction.MenuRole.AboutRole)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self._fill_recent_menu()

        view_menu = bar.addMenu("&View")
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.previous_action)
        view_menu.addAction(self.next_action)
        view_menu.addAction(self.clear_selection_action)
        view_menu.addSeparator()
        lanes = view_menu.addMenu("&Lane order")
        for action in self.lane_order_actions.values():
            lanes.addAction(action)

        filters_menu = bar.addMenu("F&ilters")
        filters_menu.addAction(self.reset_action)
        search = QtGui.QAction("&Search…", self)
        search.setShortcuts([QtGui.QKeySequence(QtGui.QKeySequence.StandardKey.Find)])
        search.triggered.connect(self.focus_search)
        self.addAction(search)
        filters_menu.addAction(search)

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [path for path in self.settings.recent_files() if path.exists()]
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
        saved = self.settings.filters()
        if saved is not None and saved.file == str(self.controller.path):
            self.controller.restore_filters(saved)
            self.timeline.fit_all()
        time_range = self.settings.time_range(Path(self.controller.path))
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

    def import_dialog(self) -> None:
        if self.controller.store is None:
            self.show_error("Nothing to import into.\n\nOpen a timeline file first.")
            return
        name, _ = QtWidgets.QFileDialog.getOpenFileName(
            self,
            "Import events",
            self._start_dir(),
            "Event files (*.csv *.json);;CSV files (*.csv);;JSON files (*.json)",
        )
        if name:
            self.import_path(name)

    def import_path(self, path: str | Path) -> bool:
        """Import into the open file; a read-only file is first saved as a copy (asked)."""
        path = Path(path)
        if self.controller.readonly and not self._make_writable_copy():
            return False
        progress = QtWidgets.QProgressDialog(f"Importing {path.name}…", "Cancel", 0, 100, self)
        progress.setWindowTitle("Import")
        progress.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
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
        added, present = result.added, result.already_present
        new_companies = list(result.new_companies)
        text = f"Imported {added:,} event(s) from {path.name} into {self.controller.path.name}."
        informative = []
        if present:
            quotes = result.excerpts_added_to_present
            informative.append(
                f"{present:,} event(s) were already there and were kept as they were"
                + (f"; {quotes:,} new quote(s) were added to them." if quotes else ".")
            )
        if new_companies:
            shown = ", ".join(new_companies[:10])
            more = f" and {len(new_companies) - 10} more" if len(new_companies) > 10 else ""
            informative.append(f"New lanes: {shown}{more}.")
        self.statusBar().showMessage(text, 10_000)
        self.show_message(
            QtWidgets.QMessageBox.Icon.Information, "Import finished", text, "\n".join(informative)
        )
        return True

    def _make_writable_copy(self) -> bool:
        current = self.controller.path
        name = current.name if current else "the open file"
        what = "the built-in dataset" if self.controller.is_builtin else f"“{name}”"
        if not self.ask(
            "Save a copy first?",
            f"{what[0].upper()}{what[1:]} is open read-only, so nothing can be imported "
            "into it.\n\nSave a copy of it under a new name and import into the copy?",
        ):
            return False
        suggestion = str(Path(self._start_dir()) / "my-timeline.db")
        target, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, "Save a copy to import into", suggestion, "Timeline databases (*.db)"
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

    def ask(self, title: str, text: str) -> bool:
        """A yes/no question; tests replace this method."""
        box = _plain_box(self, QtWidgets.QMessageBox.Icon.Question, title, text)
        box.setStandardButtons(
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No
        )
        box.setDefaultButton(QtWidgets.QMessageBox.StandardButton.Yes)
        return box.exec() == QtWidgets.QMessageBox.StandardButton.Yes

    def export_image(self) -> None:
        from timeline_app.ui.export_dialog import run_export_dialog  # imports Qt's SVG module

        run_export_dialog(self, self.controller)

    # ------------------------------------------------------------------ messages
    def show_message(
        self,
        icon: QtWidgets.QMessageBox.Icon,
        title: str,
        text: str,
        informative: str = "",
        details: str = "",
    ) -> QtWidgets.QMessageBox:
        """A window-modal box that does not block the caller (tests find and close it)."""
        box = _plain_box(self, icon, title, text, informative, details)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda *_a, b=box: self._forget_box(b))
        self.messages.append(box)
        self.last_message = (title, "\n\n".join(p for p in (text, informative) if p))
        box.open()
        return box

    def _forget_box(self, box: QtWidgets.QMessageBox) -> None:
        if box in self.messages:
            self.messages.remove(box)

    def show_error(self, message: str) -> QtWidgets.QMessageBox:
        """The controller's messages: the first paragraph says what failed."""
        text, _, rest = message.partition("\n\n")
        self.statusBar().showMessage(text, 10_000)
        return self.show_message(QtWidgets.QMessageBox.Icon.Warning, APP_TITLE, text, rest)

    def show_notice(self, text: str) -> None:
        """Something worth knowing that is not a failure: in the status bar, for a while
        (an empty notice clears it)."""
        if not text:
            self.statusBar().clearMessage()
            return
        self.statusBar().showMessage(text, 20_000)
        self.notices.append(text)

    def close_messages(self) -> None:
        for box in list(self.messages):
            box.close()

    def show_about(self) -> None:
        sources, total = self.controller.sources()
        if self.controller.is_builtin and sources:
            title, publisher, published = sources[0]
            data = (
                f"The built-in dataset records what companies announced about police use of "
                f"facial recognition in June 2020, taken from one article: “{title}” "
                f"({publisher}, {published}). Every event quotes that article word for word; "
                "dates are only as precise as the article's wording, and approximate ones are "
                "marked “c.”."
            )
        elif sources:
            data = (
                f"This file's events quote {total:,} source{'s' if total != 1 else ''}; "
                "select an event to read its quotes and source."
            )
        else:
            data = "No sources are recorded in the open file."
        self.show_message(
            QtWidgets.QMessageBox.Icon.Information,
            "About Announcement Timeline",
            f"Announcement Timeline {__version__}\n\n"
            "See what each company announced, and when, on a timeline with one lane per "
            "company, and check every event against the exact words of its source.",
            data,
        )

    # ------------------------------------------------------------------ view
    def focus_search(self) -> None:
        self.filter_panel.search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.filter_panel.search.selectAll()

    def set_lane_order(self, order: str) -> None:
        self.controller.set_lane_order(order)
        self.settings.set_lane_order(order)

    def _dataset_changed(self) -> None:
        c = self.controller
        if c.visible is not None and c.store is not None:
            self.timeline.set_source(c.visible, c, c.categories, keep_range=c.keep_view)
        else:
            self.timeline.clear()
        path = c.path
        if path is not None:
            suffix = " (read-only)" if c.readonly else ""
            self.setWindowTitle(f"{path.name}{suffix} — {APP_TITLE}")
            self.setWindowFilePath(str(path))
        else:
            self.setWindowTitle(APP_TITLE)
        self.import_action.setEnabled(c.store is not None)
        self.export_action.setEnabled(c.store is not None)
        self._update_status()

    def _filters_changed(self) -> None:
        self.timeline.refresh()
        order = self.controller.lane_order
        if order in self.lane_order_actions:
            self.lane_order_actions[order].setChecked(True)
        self._update_status()

    def _update_status(self) -> None:
        c = self.controller
        if c.store is None:
            self.count_label.setText("No file open")
            self.file_label.setText("")
            return
        shown, total = c.shown_count, c.total_count
        self.count_label.setText(f"{shown:,} of {total:,} events")
        name = c.path.name if c.path else ""
        if c.is_builtin:
            name = f"Built-in dataset ({name})"
        self.file_label.setText(f"{name} — read-only" if c.readonly else name)
        self.file_label.setToolTip(str(c.path or ""))
        self.reset_action.setEnabled(not c.state.is_default)
        self.filter_panel.reset_button.setEnabled(not c.state.is_default)

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.ActivationChange and self.isActiveWindow():
            self.controller.check_for_changes()  # back from editing the file elsewhere

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            # Arrow keys step through events from the start, rather than move a text cursor.
            self.table.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

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
        path = files[0]
        suffix = path.suffix.lower()
        if suffix in DATABASE_SUFFIXES:
            self.open_path(path)
        elif suffix in IMPORT_SUFFIXES:
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

    # ------------------------------------------------------------------ persistence
    def restore_layout(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        for name, splitter in (("main", self.main_splitter), ("centre", self.centre_splitter)):
            state = self.settings.splitter_state(name)
            if state is not None:
                splitter.restoreState(state)
        header = self.settings.table_header_state()
        if header is not None:
            table_header = self.table.horizontalHeader()
            table_header.restoreState(header)
            self.table.sortByColumn(
                table_header.sortIndicatorSection(), table_header.sortIndicatorOrder()
            )
        order = self.settings.lane_order()
        if order in LANE_ORDERS:
            self.controller.set_lane_order(order)
            self.lane_order_actions[order].setChecked(True)

    def save_state(self) -> None:
        self.filter_panel.flush_search()
        self.settings.set_window_geometry(self.saveGeometry())
        self.settings.set_splitter_state("main", self.main_splitter.saveState())
        self.settings.set_splitter_state("centre", self.centre_splitter.saveState())
        self.settings.set_table_header_state(self.table.horizontalHeader().saveState())
        self.settings.set_lane_order(self.controller.lane_order)
        if self.controller.path is not None:
            self.settings.set_last_file(self.controller.path)
            self.settings.set_filters(self.controller.saved_filters())
            shown = None if self.timeline.is_fitted() else self.timeline.visible_range()
            self.settings.set_time_range(Path(self.controller.path), shown)
        self.settings.sync()

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802
        try:
            self.save_state()
        except Exception:  # never keep the user from closing the window
            log.exception("could not save the window state")
        self.close_messages()
        self.controller.close()
        super().closeEvent(event)
