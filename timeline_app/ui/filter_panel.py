"""Choosing what to see: companies, categories, a date range and a text search.

The panel tells the controller what the user changed and redraws itself from the
controller's filter whenever it changes (e.g. "Reset filters" or a restored session), with
its own signals blocked so that the update does not echo back. A date being typed is applied
only once the user has finished it (Enter, leaving the field, or a pause): applying "2" of
"25" would redraw the field under the cursor and turn the next key into another date.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from timeline_app.model.dates import from_epoch_seconds
from timeline_app.ui.check_list import CheckList, Entry, heading, isolate
from timeline_app.ui.shown_text import shown, tooltip

SEARCH_DELAY_MS = 250
DATE_DELAY_MS = 1000  # a pause this long in typing a date applies it


def _iso(date: QtCore.QDate) -> str:
    return date.toString("yyyy-MM-dd")


class FilterPanel(QtWidgets.QWidget):
    # The user chose other dates: the window shows the new range.
    datesApplied = QtCore.Signal()

    def __init__(self, controller, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterPanel")
        self.controller = controller

        self.search = QtWidgets.QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText("Search titles, summaries, quotes…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            "Shows events whose title, summary or quoted source words contain every word "
            "you type (word beginnings match: “recog” finds “recognition”)."
        )
        self._search_timer = QtCore.QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textEdited.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_search)

        self.companies = CheckList("Companies", "Filter companies…")
        self.companies.changed.connect(self._companies_changed)
        self.categories = CheckList("Categories", "Filter categories…")
        self.categories.changed.connect(self._categories_changed)

        self.from_check = QtWidgets.QCheckBox("From")
        self.to_check = QtWidgets.QCheckBox("To")
        self.from_edit = QtWidgets.QDateEdit()
        self.to_edit = QtWidgets.QDateEdit()
        self._date_timer = QtCore.QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(DATE_DELAY_MS)
        self._date_timer.timeout.connect(self._apply_dates)
        self._dates_shown: tuple[str | None, str | None] = (None, None)  # the controller's
        for check, edit, tip in (
            (self.from_check, self.from_edit, "Only events still going on at or after this day"),
            (self.to_check, self.to_edit, "Only events that began on or before this day"),
        ):
            check.setToolTip(tip + " (untick for any date)")
            edit.setToolTip(tip)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setEnabled(False)
            edit.setSpecialValueText("")
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._apply_dates)
            edit.dateChanged.connect(lambda _date, e=edit: self._date_edited(e))
            edit.editingFinished.connect(self._apply_dates)  # Enter, or focus leaves
            # A day picked in the calendar is finished: applied once the field shows it.
            edit.calendarWidget().clicked.connect(
                lambda _date: QtCore.QTimer.singleShot(0, self._apply_dates)
            )
        self.date_warning = QtWidgets.QLabel()
        self.date_warning.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.date_warning.setWordWrap(True)
        self.date_warning.setStyleSheet("color: #B3261E;")
        self.date_warning.setVisible(False)

        self.reset_button = QtWidgets.QPushButton("Reset filters")
        self.reset_button.setObjectName("resetFilters")
        self.reset_button.setToolTip("Show every event again (Ctrl+R)")
        self.reset_button.clicked.connect(self.controller.reset_filters)

        search_title = QtWidgets.QLabel("Search")
        heading(search_title)
        dates_title = QtWidgets.QLabel("Dates")
        heading(dates_title)
        dates = QtWidgets.QGridLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.setHorizontalSpacing(8)
        dates.addWidget(self.from_check, 0, 0)
        dates.addWidget(self.from_edit, 0, 1)
        dates.addWidget(self.to_check, 1, 0)
        dates.addWidget(self.to_edit, 1, 1)
        dates.setColumnStretch(1, 1)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 6, 10)
        layout.setSpacing(6)
        layout.addWidget(search_title)
        layout.addWidget(self.search)
        layout.addSpacing(8)
        layout.addWidget(self.companies, 100)
        layout.addSpacing(8)
        layout.addWidget(self.categories, 0)
        layout.addSpacing(8)
        layout.addWidget(dates_title)
        layout.addLayout(dates)
        layout.addWidget(self.date_warning)
        layout.addStretch(1)  # takes what a short company list leaves
        layout.addSpacing(8)
        layout.addWidget(self.reset_button)
        self.setMinimumWidth(220)

        self._shows: tuple | None = None  # what the lists were last built from
        self._counted: tuple | None = None  # (_shows, view version) the counts show
        controller.datasetChanged.connect(self.rebuild)
        controller.filtersChanged.connect(self.sync_from_controller)
        self.rebuild()

    # ----- from the controller
    def rebuild(self) -> None:
        """New file: new company and category lists, date edits spanning its events. An
        edit that changed none of what the lists say (a title, a summary) only re-ticks."""
        controller = self.controller
        colours = controller.colours  # chosen ones, else the palette's
        counts = self._category_counts()
        shows = (
            [(c.id, c.name, c.kind, c.event_count) for c in controller.companies],
            list(controller.categories),
            counts,
            colours.chosen,
            colours.shapes,  # a category's shape is its list icon and hint
            controller.time_bounds(),
        )
        if shows == self._shows:
            self.sync_from_controller()
            return
        self._shows = shows
        self.companies.set_entries(
            [
                Entry(
                    key=c.id,
                    text=f"{isolate(shown(c.name))} ({c.event_count:,})",
                    icon=colours.company_icon(c.id),
                    tooltip=tooltip(f"{c.name}: {c.kind}, {c.event_count:,} event(s)"),
                )
                for c in controller.companies
            ]
        )
        entries = []
        for cid, name in controller.categories:
            shape_name = colours.shape(cid).name
            entries.append(
                Entry(
                    key=cid,
                    text=f"{isolate(shown(name))} ({counts.get(cid, 0):,})",
                    icon=colours.category_icon(cid),
                    hint=shape_name,
                    tooltip=tooltip(f"{name}: drawn as a {shape_name} on the timeline"),
                )
            )
        self.categories.set_entries(entries, filter_threshold=20)
        self._fit_lists()
        bounds = controller.time_bounds()
        with QtCore.QSignalBlocker(self.from_edit), QtCore.QSignalBlocker(self.to_edit):
            if bounds:
                first = from_epoch_seconds(bounds[0])
                last = from_epoch_seconds(bounds[1] - 1)
                self.from_edit.setDate(QtCore.QDate(first.year, first.month, first.day))
                self.to_edit.setDate(QtCore.QDate(last.year, last.month, last.day))
            else:
                today = QtCore.QDate.currentDate()
                self.from_edit.setDate(today)
                self.to_edit.setDate(today)
        self.sync_from_controller()

    def _category_counts(self) -> dict[int, int]:
        index = self.controller.lane_index
        return {} if index is None else dict(index.category_counts)

    def _fit_lists(self) -> None:
        """Short lists are as tall as their entries; long ones scroll."""
        for check_list, most in ((self.companies, 40), (self.categories, 10)):
            view = check_list.view
            count = check_list.model.rowCount()
            row_height = max(view.sizeHintForRow(0), 18)
            frame = view.frameWidth() * 2 + 2
            if count <= most:
                view.setMaximumHeight(max(count, 1) * row_height + frame)
            else:
                view.setMaximumHeight(16_777_215)
            view.setMinimumHeight(min(max(count, 1), 4) * row_height + frame)

    def sync_from_controller(self) -> None:
        state = self.controller.state
        with QtCore.QSignalBlocker(self.companies), QtCore.QSignalBlocker(self.categories):
            self.companies.set_checked(state.companies)
            self.categories.set_checked(state.categories)
        if self.search.text() != state.text and not self._search_timer.isActive():
            with QtCore.QSignalBlocker(self.search):
                self.search.setText(state.text)
        blockers = [
            QtCore.QSignalBlocker(widget)
            for widget in (self.from_check, self.to_check, self.from_edit, self.to_edit)
        ]
        try:
            # A date being typed is left alone, unless the controller's dates changed
            # meanwhile (Reset filters): then they win.
            typing = self._date_timer.isActive()
            if typing and (state.date_from, state.date_to) != self._dates_shown:
                self._date_timer.stop()
                typing = False
            self._dates_shown = (state.date_from, state.date_to)
            for check, edit, value in (
                (self.from_check, self.from_edit, state.date_from),
                (self.to_check, self.to_edit, state.date_to),
            ):
                if typing and edit.hasFocus():
                    continue  # never rewrite a date under the user's cursor
                check.setChecked(value is not None)
                edit.setEnabled(value is not None)
                if value:
                    date = QtCore.QDate.fromString(value, "yyyy-MM-dd")
                    if date.isValid() and date != edit.date():
                        edit.setDate(date)
        finally:
            for blocker in blockers:
                blocker.unblock()
        self._update_date_warning()
        self._show_counts()

    def _show_counts(self) -> None:
        """Each entry's count: its events, or under a filter "shown / total", so that a
        list says where the filtered events are."""
        if self._shows is None:
            return
        controller = self.controller
        visible = controller.visible
        filtered = visible is not None and not controller.state.is_default
        # The lists as last built, and what was shown of them: the same again (an edit
        # announces the rows and then the filter; a title changes no count) is nothing
        # to do, where five hundred labels made again cost more than the edit itself.
        counted = (self._shows, visible.version if filtered and visible is not None else None)
        known = self._counted
        if known is not None and counted[0] is known[0] and counted[1] == known[1]:
            return
        self._counted = counted
        totals = {cid: count for cid, _name, _kind, count in self._shows[0]}
        category_totals = self._shows[2]
        company_shown: dict[int, int] = {}
        category_shown: dict[int, int] = {}
        if filtered:
            assert visible is not None
            company_shown = {lane.company.id: visible.lane_total(lane) for lane in visible.lanes}
            category_shown = visible.category_counts()

        def label(name: str, total: int, shown_count: int | None) -> str:
            count = f"{total:,}" if shown_count is None else f"{shown_count:,} / {total:,}"
            return f"{isolate(shown(name))} ({count})"

        self.companies.set_texts(
            {
                c.id: label(
                    c.name, totals.get(c.id, 0), company_shown.get(c.id, 0) if filtered else None
                )
                for c in controller.companies
            }
        )
        self.categories.set_texts(
            {
                cid: label(
                    name,
                    category_totals.get(cid, 0),
                    category_shown.get(cid, 0) if filtered else None,
                )
                for cid, name in controller.categories
            }
        )

    # ----- from the user
    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.controller.set_text(self.search.text())

    def flush_search(self) -> None:
        """Apply typed text and dates now rather than after the pause (e.g. before
        closing)."""
        if self._search_timer.isActive():
            self._apply_search()
        if self._date_timer.isActive():
            self._apply_dates()

    def _companies_changed(self) -> None:
        self.controller.set_companies(self.companies.checked_keys())

    def _categories_changed(self) -> None:
        self.controller.set_categories(self.categories.checked_keys())

    def _date_edited(self, edit: QtWidgets.QDateEdit) -> None:
        """Typing waits for the user to finish; a date set otherwise (the calendar) applies
        at once."""
        if edit.hasFocus():
            self._date_timer.start()
        else:
            self._apply_dates()

    def _apply_dates(self, *_args: object) -> None:
        self._date_timer.stop()
        date_from = _iso(self.from_edit.date()) if self.from_check.isChecked() else None
        date_to = _iso(self.to_edit.date()) if self.to_check.isChecked() else None
        changed = (date_from, date_to) != (
            self.controller.state.date_from,
            self.controller.state.date_to,
        )
        self.controller.set_dates(date_from, date_to)
        self._update_date_warning()
        if changed:
            self.datesApplied.emit()

    def _update_date_warning(self) -> None:
        state = self.controller.state
        wrong = bool(state.date_from and state.date_to and state.date_from > state.date_to)
        self.date_warning.setText(
            "“From” is after “To”: only events spanning both days can match." if wrong else ""
        )
        self.date_warning.setVisible(wrong)
