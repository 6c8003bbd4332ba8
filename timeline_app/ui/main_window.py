"""The main window: filters at the left, the timeline over the event table in the middle,
the selected event and its sources at the right."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app import __version__
from timeline_app.log import get_logger
from timeline_app.model.visible import LANE_ORDERS
from timeline_app.ui.application import app_icon
from timeline_app.ui.controller import Controller
from timeline_app.ui.detail_pane import DetailPane
from timeline_app.ui.empty_notice import EmptyNotice
from timeline_app.ui.event_table import EventTable
from timeline_app.ui.filter_panel import FilterPanel
from timeline_app.ui.messages import APP_TITLE
from timeline_app.ui.settings import AppSettings
from timeline_app.ui.side_pane import SidePane
from timeline_app.ui.source_actions import SourceWindow
from timeline_app.ui.source_reader import SourceReader
from timeline_app.ui.theme import DetailInk, WindowTheme, timeline_theme
from timeline_app.ui.timeline.keys import PAN_FRACTION
from timeline_app.ui.timeline.view import TimelineView

log = get_logger("ui.window")

ZOOM_STEP = 1.5
LANE_ORDER_LABELS = {
    "name": "By &name",
    "count": "By number of &events",
    "first": "By &first event",
}
DEFAULT_SIZE = QtCore.QSize(1400, 900)


class MainWindow(SourceWindow):
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
        self.setWindowTitle(APP_TITLE)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self._shown_once = False

        self.filter_panel = FilterPanel(self.controller)
        self.timeline = TimelineView()
        self.timeline.setObjectName("timelineView")
        self.empty_notice = EmptyNotice(
            self.timeline,
            self.controller,
            {"source": lambda: self.add_source(), "import": lambda: self.import_dialog()},
        )
        self.table = EventTable(self.controller)
        self.detail = DetailPane(self.controller)
        self.reader = SourceReader(self.controller)
        self.side_tabs = QtWidgets.QTabWidget()
        self.side_tabs.setObjectName("sideTabs")
        self.side_tabs.addTab(self.detail, "E&vent")
        self.side_tabs.addTab(self.reader, "Sour&ces")
        self.side_tabs.setDocumentMode(True)

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
        self.main_splitter.addWidget(self.side_tabs)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setStretchFactor(2, 0)
        self.main_splitter.setCollapsible(1, False)
        self.main_splitter.setHandleWidth(6)
        self.centre_splitter.setHandleWidth(6)
        self.main_splitter.setSizes([270, 770, 360])
        self.centre_splitter.setSizes([600, 260])
        self.setCentralWidget(self.main_splitter)
        self.side_pane = SidePane(self, self.main_splitter)
        self.window_theme = WindowTheme(self, self.settings.theme())

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
        c.selectionChanged.connect(self.side_pane.selection_changed)
        c.errorRaised.connect(self.show_error)
        c.noticeRaised.connect(self.show_notice)
        c.readableAgain.connect(self.timeline.forget_titles)
        self.timeline.eventClicked.connect(c.select)
        self.filter_panel.datesApplied.connect(self.timeline.fit_all)
        self.timeline.eventActivated.connect(self.edit_event)
        self.table.eventActivated.connect(self.edit_event)

        self.window_theme.changed.connect(self._theme_changed)
        self.window_theme.apply()

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
            "&Open…", self.open_dialog, [QtGui.QKeySequence(keys.Open)], "Open a timeline database"
        )
        self.new_timeline_action = self._action(
            "&New timeline…", self.new_timeline, tip="Make an empty timeline file of your own"
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
            "Zoom &in",
            lambda: self.timeline.zoom(ZOOM_STEP),
            ["+", "=", QtGui.QKeySequence(keys.ZoomIn)],
        )
        self.zoom_out_action = self._action(
            "Zoom &out",
            lambda: self.timeline.zoom(1 / ZOOM_STEP),
            ["-", QtGui.QKeySequence(keys.ZoomOut)],
        )
        self.fit_action = self._action(
            "&Fit all", self.timeline.fit_all, ["Home"], "Show the whole filtered time range"
        )
        self.pan_left_action = self._action(
            "Pan &earlier", lambda: self.timeline.keys.pan(-PAN_FRACTION), ["Shift+Left"],
            "Move the view back in time (PgUp on the timeline)",
        )  # fmt: skip
        self.pan_right_action = self._action(
            "Pan &later", lambda: self.timeline.keys.pan(PAN_FRACTION), ["Shift+Right"],
            "Move the view on in time (PgDn on the timeline)",
        )  # fmt: skip
        self.focus_timeline_action = self._action(
            "Focus the &timeline", self.focus_timeline, ["Ctrl+T"],
            "Put the keyboard in the timeline: PgUp/PgDn pan, ↓/↑ and Enter open badges",
        )  # fmt: skip
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
        self._create_edit_actions()
        self._create_source_actions()
        self.about_action = self._action("&About Announcement Timeline", self.show_about)
        self.about_action.setMenuRole(QtGui.QAction.MenuRole.AboutRole)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_timeline_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.add_source_action)
        file_menu.addAction(self.propose_action)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self._fill_recent_menu()

        self._fill_edit_menu(bar.addMenu("&Edit"))

        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.fit_action])
        view_menu.addActions([self.pan_left_action, self.pan_right_action])
        view_menu.addAction(self.focus_timeline_action)
        view_menu.addSeparator()
        view_menu.addAction(self.previous_action)
        view_menu.addAction(self.next_action)
        view_menu.addAction(self.clear_selection_action)
        view_menu.addSeparator()
        lanes = view_menu.addMenu("&Lane order")
        for action in self.lane_order_actions.values():
            lanes.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.side_pane.action)
        themes = view_menu.addMenu("T&heme")
        for action in self.window_theme.actions.values():
            themes.addAction(action)

        filters_menu = bar.addMenu("F&ilters")
        filters_menu.addAction(self.reset_action)
        search = QtGui.QAction("&Search…", self)
        search.setShortcuts([QtGui.QKeySequence(QtGui.QKeySequence.StandardKey.Find)])
        search.triggered.connect(self.focus_search)
        self.addAction(search)
        filters_menu.addAction(search)

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)

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

    def focus_timeline(self) -> None:
        self.timeline.plot.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    def export_theme(self) -> str:
        """Exports are drawn in the window's theme unless the dialog says otherwise."""
        return self.window_theme.name

    def _theme_changed(self) -> None:
        palette = QtWidgets.QApplication.palette()
        self.timeline.set_theme(timeline_theme(palette))
        self.detail.set_ink(DetailInk.for_palette(palette))
        self.table.viewport().update()
        self.settings.set_theme(self.window_theme.choice)

    def set_lane_order(self, order: str) -> None:
        self.controller.set_lane_order(order)
        self.settings.set_lane_order(order)

    def _dataset_changed(self) -> None:
        c = self.controller
        if c.visible is not None and c.store is not None:
            retitled = c.following.events if c.following is not None else None
            self.timeline.set_source(
                c.visible, c, c.categories, keep_range=c.keep_view, retitled=retitled
            )
            self.timeline.set_eras(c.eras)
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
            self.side_pane.fit_window(self.controller.selected_id is None)

    # ------------------------------------------------------------------ persistence
    def restore_layout(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        for name, splitter in (("main", self.main_splitter), ("centre", self.centre_splitter)):
            state = self.settings.splitter_state(name)
            if state is not None:
                splitter.restoreState(state)
        self.side_pane.sync()
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
        self.window_theme.restore_system()
        super().closeEvent(event)
