"""The timeline as a person uses it: markers, spans, labels, clusters, density, zoom, pan,
hover, scrolling through many lanes, and the overview strip."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from tests.ui.test_layout import unnamed_markers
from timeline_app.model import query
from timeline_app.model.dates import epoch_seconds, period_start
from timeline_app.model.derived import lane_index
from timeline_app.model.store import open_store
from timeline_app.model.types import DatePrecision
from timeline_app.model.visible import VisibleEvents
from timeline_app.ui.palette import Theme
from timeline_app.ui.timeline.hover import describe_hit
from timeline_app.ui.timeline.lane_heights import LANE_MIN_PX
from timeline_app.ui.timeline.view import TimelineView

DAY = 86_400


def day(text: str) -> int:
    return epoch_seconds(period_start(text, DatePrecision.DAY))


@pytest.fixture
def show(qtbot):
    """show(path) -> a TimelineView of 1200x600 on that database."""
    stores = []

    def make(path: Path, width: int = 1200, height: int = 600) -> TimelineView:
        store = open_store(path, readonly=True)
        stores.append(store)
        visible = VisibleEvents(lane_index(store)[0], query.list_companies(store))
        view = TimelineView()
        qtbot.addWidget(view)
        view.resize(width, height)
        view.show()
        qtbot.waitExposed(view)
        view.set_source(visible, query.StoreReader(store), query.list_categories(store))
        QtWidgets.QApplication.processEvents()
        view.fit_all()
        return view

    yield make
    for store in stores:
        store.close()


def double_click(widget: QtWidgets.QWidget, pos: QtCore.QPoint) -> None:
    """The events a real double-click delivers: press, release, double-click, release."""
    local = QtCore.QPointF(pos)
    left = QtCore.Qt.MouseButton.LeftButton
    none = QtCore.Qt.KeyboardModifier.NoModifier
    for kind, buttons in (
        (QtCore.QEvent.Type.MouseButtonPress, left),
        (QtCore.QEvent.Type.MouseButtonRelease, QtCore.Qt.MouseButton.NoButton),
        (QtCore.QEvent.Type.MouseButtonDblClick, left),
        (QtCore.QEvent.Type.MouseButtonRelease, QtCore.Qt.MouseButton.NoButton),
    ):
        event = QtGui.QMouseEvent(kind, local, widget.mapToGlobal(local), left, buttons, none)
        QtWidgets.QApplication.sendEvent(widget, event)


def label_rects(view: TimelineView) -> list[QtCore.QRectF]:
    return [view.rect_of(hit.box) for hit in view.hits() if hit.kind == "event" and hit.box.w > 30]


def test_same_day_events_of_one_lane_are_all_visible(show, write_db, tmp_path):
    events = [
        {"company": "Acme", "title": f"Same-day news {n}", "start": "2020-06-10"} for n in range(3)
    ] + [{"company": "Acme", "title": "Later news", "start": "2020-09-01"}]
    view = show(write_db(tmp_path / "t.db", events))
    view.set_visible_range(day("2020-06-01"), day("2020-06-20"))
    drawn = view.drawn_event_ids()
    assert len(drawn) == 3
    points = {(p.x(), p.y()) for p in map(view.point_of_event, drawn)}
    assert len(points) == 3  # stacked, not on top of each other
    assert set(view.label_texts()) >= {"Same-day news 0", "Same-day news 1", "Same-day news 2"}


def test_labels_never_overlap_and_give_way_when_zoomed_out(show, write_db, tmp_path):
    events = [
        {"company": "Acme", "title": f"Announcement number {n} with a long title", "start": d}
        for n, d in enumerate(f"2020-{m:02d}-{dd:02d}" for m in range(1, 13) for dd in (3, 17))
    ]
    view = show(write_db(tmp_path / "t.db", events))
    rects = label_rects(view)
    layout = view.current_layout()
    assert layout is not None and unnamed_markers(layout) == []  # a name, or a count
    for a, b in itertools.combinations(rects, 2):
        assert not a.intersects(b)
    shown_when_fitted = len(view.label_texts())
    view.set_visible_range(day("2020-03-01"), day("2020-04-01"))
    assert len(view.label_texts()) >= 2
    for a, b in itertools.combinations(label_rects(view), 2):
        assert not a.intersects(b)
    assert shown_when_fitted < len(events)  # zoomed out, markers stay and labels give way


def test_month_and_year_precision_are_drawn_as_spans_over_their_period(show, write_db, tmp_path):
    events = [
        {"company": "Acme", "title": "Known to the day", "start": "2020-03-15"},
        {"company": "Acme", "title": "Known to the month", "start": "2020-05",
         "precision": "month"},
        {"company": "Beta", "title": "Known to the year", "start": "2020", "precision": "year",
         "approximate": True},
    ]  # fmt: skip
    view = show(write_db(tmp_path / "t.db", events))
    view.set_visible_range(day("2019-12-01"), day("2021-02-01"))
    widths = {}
    for hit in view.hits():
        if hit.kind == "event":
            widths.setdefault(hit.event_id, []).append(hit.box.w)
    by_title = {e.title: e.id for e in query.find_events(view.reader.store)}
    px_per_day = view.viewbox.width() / (day("2021-02-01") - day("2019-12-01")) * DAY
    # The first hit of an event is its marker or bar (its label, if any, comes after).
    marker = widths[by_title["Known to the day"]][0]
    month_bar = widths[by_title["Known to the month"]][0]
    year_bar = widths[by_title["Known to the year"]][0]
    assert marker < 20
    assert month_bar == pytest.approx(31 * px_per_day + 4, abs=6)  # May is 31 days
    assert year_bar == pytest.approx(366 * px_per_day + 4, abs=8)
    assert "~ Known to the year" in view.label_texts()  # approximate is marked


def test_hover_tells_company_date_as_precise_as_known_and_title(show, builtin_copy):
    view = show(builtin_copy)
    events = {e.title: e for e in query.find_events(view.reader.store)}
    pause = events["Amazon pauses police facial recognition for a year"]
    ban = events["Oakland bans police use of facial recognition"]
    view.set_visible_range(day("2019-01-01"), day("2021-01-01"))
    for event, expected in (
        (pause, "Amazon\n10 June 2020 – 10 June 2021\nAmazon pauses police"),
        (ban, "Oakland\nc. June 2019\nOakland bans"),
    ):
        point = view.point_of_event(event.id)
        assert point is not None
        hit = view.hit_at_viewport(QtCore.QPointF(point))
        assert describe_hit(hit, view.reader).startswith(expected)


def test_clicking_a_marker_selects_it_and_the_selection_is_drawn(show, qtbot, builtin_copy):
    view = show(builtin_copy)
    target = next(
        e for e in query.find_events(view.reader.store) if e.company == "Washington Post Live"
    )
    view.set_visible_range(day("2020-06-01"), day("2020-06-30"))
    point = view.point_of_event(target.id)
    with qtbot.waitSignal(view.eventClicked) as clicked:
        qtbot.mouseClick(view.viewport_widget(), QtCore.Qt.MouseButton.LeftButton, pos=point)
    assert clicked.args == [target.id]
    before = view.plot.grab().toImage()
    view.set_selected(target.id)
    after = view.plot.grab().toImage()
    selection = QtGui.QColor(view.theme.selection)
    assert count_colour(after, selection) > count_colour(before, selection) + 20


def count_colour(image: QtGui.QImage, colour: QtGui.QColor) -> int:
    found = 0
    for x in range(0, image.width(), 2):
        for y in range(0, image.height(), 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red()) < 40
                and abs(pixel.green() - colour.green()) < 40
                and abs(pixel.blue() - colour.blue()) < 40
            ):
                found += 1
    return found


def wheel(widget: QtWidgets.QWidget, pos: QtCore.QPointF, notches: int, shift=False) -> None:
    modifiers = (
        QtCore.Qt.KeyboardModifier.ShiftModifier if shift else QtCore.Qt.KeyboardModifier.NoModifier
    )
    event = QtGui.QWheelEvent(
        pos, widget.mapToGlobal(pos), QtCore.QPoint(0, 0), QtCore.QPoint(0, 120 * notches),
        QtCore.Qt.MouseButton.NoButton, modifiers, QtCore.Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QtWidgets.QApplication.sendEvent(widget, event)


def test_lanes_scroll_with_the_wheel_over_their_names_or_with_shift(show, write_db, tmp_path):
    events = [{"company": f"Company {n:03d}", "title": f"News {n}", "start": "2021-01-05"}
              for n in range(60)]  # fmt: skip
    view = show(write_db(tmp_path / "t.db", events), height=500)
    viewport = view.viewport_widget()
    names = QtCore.QPointF(40, viewport.height() / 2)  # over the lane names
    (t0, t1), _ = view.viewbox.viewRange()
    wheel(viewport, names, -2)  # towards the user: further down the list
    assert view.scrollbar.value() == 6
    plot_centre = QtCore.QPointF(viewport.width() / 2, viewport.height() / 2)
    wheel(viewport, plot_centre, 1, shift=True)
    assert view.scrollbar.value() == 3
    assert view.viewbox.viewRange()[0] == pytest.approx([t0, t1])  # time did not move


def test_wheel_zooms_time_only_and_drag_pans(show, qtbot, builtin_copy):
    view = show(builtin_copy)
    (t0, t1), (y0, y1) = view.viewbox.viewRange()
    viewport = view.viewport_widget()
    centre = QtCore.QPointF(viewport.width() / 2, viewport.height() / 2)
    wheel = QtGui.QWheelEvent(
        centre, viewport.mapToGlobal(centre), QtCore.QPoint(0, 0), QtCore.QPoint(0, 240),
        QtCore.Qt.MouseButton.NoButton, QtCore.Qt.KeyboardModifier.NoModifier,
        QtCore.Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QtWidgets.QApplication.sendEvent(viewport, wheel)
    (z0, z1), (w0, w1) = view.viewbox.viewRange()
    assert z1 - z0 < (t1 - t0) * 0.9  # time zoomed in
    assert (w0, w1) == pytest.approx((y0, y1))  # lanes did not
    start = QtCore.QPoint(int(centre.x()), int(centre.y()))
    qtbot.mousePress(viewport, QtCore.Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 11):
        qtbot.mouseMove(viewport, start + QtCore.QPoint(step * 20, 0))
    qtbot.mouseRelease(
        viewport, QtCore.Qt.MouseButton.LeftButton, pos=start + QtCore.QPoint(200, 0)
    )
    (p0, p1), _ = view.viewbox.viewRange()
    assert p0 < z0 and p1 - p0 == pytest.approx(z1 - z0, rel=1e-6)  # dragged right: earlier


def test_piles_become_counted_badges_and_dense_lanes_become_strips(show, write_db, tmp_path, qtbot):
    pile = [{"company": "Acme", "title": f"Pile {n}", "start": "2020-06-10"} for n in range(12)]
    dense = [
        {"company": "Busy", "title": f"Busy day {n}", "start": f"{2000 + n // 300}-"
         f"{1 + (n // 25) % 12:02d}-{1 + n % 25:02d}"}
        for n in range(3000)
    ]  # fmt: skip
    view = show(write_db(tmp_path / "t.db", pile + dense))
    view.set_visible_range(day("2020-05-20"), day("2020-07-01"))
    QtWidgets.QApplication.processEvents()  # lane heights settle, as before a person clicks
    badges = [hit for hit in view.hits() if hit.kind == "cluster"]
    assert badges and sum(b.count for b in badges) + len(view.drawn_event_ids()) == 12
    assert f"{badges[0].count:,} events" in describe_hit(badges[0], view.reader)
    before = view.visible_range()
    badge_centre = view.rect_of(badges[0].box).center().toPoint()
    double_click(view.viewport_widget(), badge_centre)
    after = view.visible_range()
    assert after[1] - after[0] < before[1] - before[0]
    view.fit_all()
    strips = view.density_strips()
    assert strips, "the busy lane is drawn as a density strip when zoomed out"
    strip_band, edges, counts, name = strips[0]
    assert name == "Busy" and counts.sum() == 3000
    # The strip is really painted: columns of the density colour across the lane's band.
    picture = view.viewport_widget().grab().toImage()
    y = round(strip_band.center().y())
    density = QtGui.QColor(view.theme.density)
    painted = [
        x for x in range(round(strip_band.left()) + 6, round(strip_band.right()))
        if (c := picture.pixelColor(x, y)).blue() > c.red() + 40 and c.blue() < 250
    ]  # fmt: skip
    assert density.blue() > density.red() + 40
    assert len(painted) > strip_band.width() * 0.15  # ten years of 3,000 events
    # Painted again (its image kept), the strip is the same, and in a new theme, new.
    assert view.viewport_widget().grab().toImage() == picture
    view.set_theme(Theme.named("dark"))
    dark = view.viewport_widget().grab().toImage()
    assert dark.pixelColor(painted[0], y) != picture.pixelColor(painted[0], y)


def test_a_busy_lane_grows_to_show_each_event_and_its_title(show, write_db, tmp_path):
    same_day = [{"company": "Busy", "title": f"Statement {n}", "start": "2020-06-10"}
                for n in range(5)]  # fmt: skip
    quiet = [{"company": name, "title": f"{name} news", "start": "2020-06-10"}
             for name in ("Quiet A", "Quiet B", "Quiet C", "Quiet D", "Quiet E")]  # fmt: skip
    view = show(write_db(tmp_path / "t.db", same_day + quiet), height=400)
    labels = view.label_texts()
    assert not [hit for hit in view.hits() if hit.kind == "cluster"]  # no pile
    assert {f"Statement {n}" for n in range(5)} <= set(labels)  # each one, titled
    busy, quiet_a, quiet_b = view.slots[:3]  # lanes by name: Busy, Quiet A, Quiet B, …
    assert busy.height > quiet_a.height == pytest.approx(quiet_b.height)
    assert lane_name_ticks(view)[:3] == ["Busy", "Quiet A", "Quiet B"]
    # Each name sits in the middle of its own lane, however tall the lane is.
    ticks = dict((name, y) for y, name in view.axis_lanes._tickLevels[0])
    assert ticks["Busy"] == pytest.approx(busy.centre)
    assert ticks["Quiet A"] == pytest.approx(quiet_a.centre)


def test_a_pile_of_long_bars_keeps_its_count_on_screen(show, write_db, tmp_path):
    pile = [{"company": "Acme", "title": f"Plan {n}", "start": "2015", "precision": "year"}
            for n in range(10)]  # fmt: skip
    view = show(write_db(tmp_path / "t.db", pile), width=900, height=300)
    view.set_visible_range(day("2015-01-01"), day("2015-03-01"))  # the bars run far right
    badges = [hit for hit in view.hits() if hit.kind == "cluster"]
    assert badges and sum(b.count for b in badges) + len(view.drawn_event_ids()) == 10
    viewport = QtCore.QRectF(view.viewport_widget().rect())
    assert all(viewport.contains(view.rect_of(badge.box)) for badge in badges)  # seen


def test_hundreds_of_lanes_stay_readable_and_scroll(show, write_db, tmp_path, qtbot):
    events = [{"company": f"Company {n:03d}", "title": f"News {n}", "start": "2021-01-05"}
              for n in range(300)]  # fmt: skip
    view = show(write_db(tmp_path / "t.db", events), height=700)
    assert all(slot.height >= LANE_MIN_PX for slot in view.slots)
    assert 5 < len(view.slots) < 30
    assert view.scrollbar.isVisible()
    assert lane_name_ticks(view)[0] == "Company 000"
    view.scrollbar.setValue(view.scrollbar.maximum())
    assert lane_name_ticks(view)[-1] == "Company 299"  # the last lane is in view now
    last = view.slots[-1]
    assert last.top + last.height <= view.viewbox.height() + 0.5  # whole, not cut off
    assert all(slot.height >= LANE_MIN_PX for slot in view.slots)


def lane_name_ticks(view: TimelineView) -> list[str]:
    """The company names the lane axis shows, top to bottom."""
    ticks = view.axis_lanes._tickLevels[0] if view.axis_lanes._tickLevels else []
    height = view.viewbox.height()
    return [name for y, name in sorted(ticks) if 0 <= y <= height]


def test_overview_window_follows_the_view_and_moves_it(show, qtbot, builtin_copy):
    view = show(builtin_copy)
    view.set_visible_range(day("2019-01-01"), day("2019-07-01"))
    overview = view.overview
    assert overview.shown_range == pytest.approx((day("2019-01-01"), day("2019-07-01")))
    x = int(overview._x_of(day("2020-06-10")))
    qtbot.mouseClick(overview, QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(x, 20))
    t0, t1 = view.visible_range()
    assert t0 < day("2020-06-10") < t1
    assert t1 - t0 == pytest.approx(day("2019-07-01") - day("2019-01-01"), rel=1e-6)


def test_the_builtin_timeline_names_or_counts_every_marker_it_draws(show):
    """As drawn with the real font, fitted and zoomed to June 2020 (where Amazon's, IBM's and
    Washington Post Live's markers had no label) and March 2020 (Microsoft's two)."""
    from timeline_app.model.dataset import builtin_database_path

    view = show(builtin_database_path(), width=1000, height=700)
    seen = 0
    for t0, t1 in (("", ""), ("2020-05-28", "2020-06-16"), ("2020-02-20", "2020-04-10")):
        if t0:
            view.set_visible_range(day(t0), day(t1))
        layout = view.current_layout()
        assert layout is not None
        assert unnamed_markers(layout) == [], (t0, t1)
        seen += len(view.drawn_event_ids())
    assert seen >= 15
