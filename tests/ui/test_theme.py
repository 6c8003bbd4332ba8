"""View > Theme and the detail pane's room: text that reads (WCAG contrast, measured from
the colours actually used) in Light and Dark and on a dark desktop, a remembered choice,
exports in the window's theme, and a detail pane that leaves a laptop's width to the
timeline until there is something to show."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.ui.event_table import NO_SOURCE

LAPTOP = QtCore.QSize(1366, 768)
Role = QtGui.QPalette.ColorRole
NO_BRUSH = QtCore.Qt.BrushStyle.NoBrush


def luminance(colour: QtGui.QColor) -> float:
    """WCAG 2 relative luminance, written out here rather than taken from the app."""
    channels = []
    for c in (colour.redF(), colour.greenF(), colour.blueF()):
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def ratio(a: QtGui.QColor | str, b: QtGui.QColor | str) -> float:
    la, lb = sorted((luminance(QtGui.QColor(a)), luminance(QtGui.QColor(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def over(top: QtGui.QColor, under: QtGui.QColor) -> QtGui.QColor:
    """A translucent colour as seen over another."""
    a = top.alphaF()
    return QtGui.QColor.fromRgbF(*(t * a + u * (1 - a) for t, u in zip(
        (top.redF(), top.greenF(), top.blueF()), (under.redF(), under.greenF(), under.blueF()),
        strict=True)))  # fmt: skip


def typical_luminance(widget: QtWidgets.QWidget, rect: QtCore.QRect) -> float:
    """The median luminance of a grid of pixels of `rect` of a widget: its background,
    whatever few marks and labels are drawn over it."""
    image = widget.grab().toImage()
    scale = image.devicePixelRatio()
    values = sorted(
        luminance(image.pixelColor(int(x * scale), int(y * scale)))
        for x in range(rect.left() + 2, rect.right() - 2, max(1, rect.width() // 12))
        for y in range(rect.top() + 2, rect.bottom() - 2, max(1, rect.height() // 8))
    )
    return values[len(values) // 2]


def timeline_pairs(window) -> Iterator[tuple[str, QtGui.QColor, QtGui.QColor]]:
    """Each text colour of the timeline, legend and overview with its background, as
    layer.py, legend.py, overview.py and the axes paint them."""
    theme = window.timeline.theme
    c = QtGui.QColor
    for band in (theme.lane_even, theme.lane_odd):
        yield "label", c(theme.text), c(band)
        yield "selected label", c(theme.selection), c(band)
        pill = c(theme.background)
        pill.setAlphaF(0.72)
        yield "label on its bar", c(theme.text), over(pill, c(band))
    yield "badge count", c(theme.density), c(theme.cluster_fill)
    yield "legend", c(theme.text), c(theme.background)
    yield "axes", c(theme.text), c(theme.background)
    yield "overview years", c(theme.muted), c(theme.lane_odd)


def detail_pairs(window) -> Iterator[tuple[str, QtGui.QColor, QtGui.QColor]]:
    """Every run of text in the detail pane's document with the colour it is drawn in and
    the background behind it (its own, its frame's, or the pane's)."""
    browser = window.detail.browser
    palette = browser.palette()
    document = browser.document()
    block = document.begin()
    while block.isValid():
        frame_background = palette.color(Role.Base)
        frame = QtGui.QTextCursor(block).currentFrame()
        shaded = frame is not None and frame.frameFormat().background().style() != NO_BRUSH
        if shaded:
            frame_background = frame.frameFormat().background().color()
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            text = fragment.text().strip()
            fmt = fragment.charFormat()
            if text and text not in ("■", "●", "■ ", "⬢", "▲", "▼", "◆", "★", "✚"):  # symbols
                colour = palette.color(Role.Text)
                if fmt.foreground().style() != QtCore.Qt.BrushStyle.NoBrush:
                    colour = fmt.foreground().color()
                background = frame_background
                if fmt.background().style() != QtCore.Qt.BrushStyle.NoBrush:
                    background = fmt.background().color()
                yield f"detail {text[:30]!r}", colour, background
            it += 1
        block = block.next()


def table_pairs(window) -> Iterator[tuple[str, QtGui.QColor, QtGui.QColor]]:
    table = window.table
    palette = table.palette()
    model = table.model()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            brush = index.data(QtCore.Qt.ItemDataRole.ForegroundRole)
            colour = brush.color() if brush is not None else palette.color(Role.Text)
            background = palette.color(Role.AlternateBase if row % 2 else Role.Base)
            yield f"table {index.data()!r}", colour, background
    yield "selected row", palette.color(Role.HighlightedText), palette.color(Role.Highlight)


def hint_pixels_contrast(check_list) -> float:
    """The strongest contrast between the pixels of the shape hints ("circle") drawn at the
    right of the category list and the list's background, as on screen."""
    view = check_list.view
    image = view.viewport().grab().toImage()
    scale = image.devicePixelRatio()
    base = view.palette().color(Role.Base)
    best = 1.0
    for row in range(check_list.proxy.rowCount()):
        rect = view.visualRect(check_list.proxy.index(row, 0))
        for x in range(rect.right() - 60, rect.right() - 4):
            for y in range(rect.top() + 2, rect.bottom() - 1):
                best = max(best, ratio(image.pixelColor(int(x * scale), int(y * scale)), base))
    return best


@pytest.fixture
def with_source_less_event(write_db, tmp_path):
    text = "On 3 May 2021 Acme said it would stop."
    return write_db(tmp_path / "t.db", [
        {"company": "Acme", "title": "Acme stops", "start": "2021-05-03", "quote": "Acme said",
         "summary": "A summary."},
        {"company": "Beta", "title": "Beta with no source", "start": "2021-06-01"},
    ], source_text=text)  # fmt: skip


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_text_reads_at_4_5_to_1(qtbot, make_window, with_source_less_event, theme):
    window = make_window(with_source_less_event)
    window.window_theme.actions[theme].trigger()  # View > Theme > Light / Dark
    qtbot.wait(20)  # the widgets take the new palette from the event loop
    window.controller.select(window.table.model().id_at(0))  # the detail pane has a quote
    assert NO_SOURCE in window.table.model().index(1, 4).data()
    pairs = [*timeline_pairs(window), *detail_pairs(window), *table_pairs(window)]
    assert any(name.startswith("detail 'Acme said'") for name, _c, _b in pairs)
    low = [(name, c.name(), b.name(), round(ratio(c, b), 2)) for name, c, b in pairs
           if ratio(c, b) < 4.5]  # fmt: skip
    assert low == []
    assert hint_pixels_contrast(window.filter_panel.categories) >= 4.5
    background = typical_luminance(window.timeline, window.timeline.plot.geometry())
    assert background < 0.1 if theme == "dark" else background > 0.8


@pytest.fixture
def dark_desktop(qtbot) -> Iterator[QtGui.QPalette]:
    """A desktop with a dark colour scheme that (as many do) leaves the placeholder grey."""
    app = QtWidgets.QApplication.instance()
    before = QtGui.QPalette(app.palette())
    dark = QtGui.QPalette(before)
    for role, colour in ((Role.Window, "#202124"), (Role.WindowText, "#E8EAED"),
                         (Role.Base, "#171717"), (Role.AlternateBase, "#242424"),
                         (Role.Text, "#E8EAED"), (Role.Button, "#303134"),
                         (Role.ButtonText, "#E8EAED")):  # fmt: skip
        dark.setColor(role, QtGui.QColor(colour))
    dark.setColor(Role.PlaceholderText, QtGui.QColor(0, 0, 0, 128))
    app.setPalette(dark)
    yield dark
    app.setPalette(before)


def test_a_dark_desktop_gets_a_dark_timeline_and_readable_hints(
    qtbot, make_window, builtin_copy, dark_desktop
):
    window = make_window(builtin_copy)
    assert window.window_theme.choice == "system"
    assert window.window_theme.actions["system"].isChecked()
    timeline = window.timeline
    for part in (timeline.plot, timeline.legend, timeline.overview):
        assert typical_luminance(timeline, part.geometry()) < 0.1, part
    assert hint_pixels_contrast(window.filter_panel.categories) >= 4.5
    low = [(name, c.name(), b.name()) for name, c, b in timeline_pairs(window) if ratio(c, b) < 4.5]
    assert low == []


def test_the_theme_is_remembered_and_exports_start_in_it(
    qtbot, make_window, builtin_copy, tmp_path, monkeypatch
):
    window = make_window(builtin_copy)
    window.window_theme.actions["dark"].trigger()
    window.close()
    again = make_window(builtin_copy)
    assert again.window_theme.actions["dark"].isChecked()
    assert ratio(QtWidgets.QApplication.palette().color(Role.Base), "#000000") < 1.5
    out = tmp_path / "dark.png"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))

    from timeline_app.ui.export_dialog import ExportDialog

    seen = []

    def accept(dialog: ExportDialog) -> int:
        seen.append(dialog.theme_box.currentText())  # as the person finds the dialog
        return QtWidgets.QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", accept)
    again.export_image()
    assert seen == ["dark"]
    image = QtGui.QImage(str(out))
    assert luminance(image.pixelColor(5, 5)) < 0.1  # the picture is dark too
    again.window_theme.actions["light"].trigger()
    again.export_image()
    assert seen == ["dark", "light"]


def test_on_a_laptop_screen_the_timeline_gets_the_width_until_an_event_is_chosen(
    qtbot, make_window, builtin_copy
):
    window = make_window(builtin_copy, size=LAPTOP)
    assert window.width() == LAPTOP.width()
    assert not window.side_tabs.isVisible() or window.side_tabs.width() == 0
    assert window.timeline.width() > 0.7 * window.width()  # was ~470 px of 1366
    assert not window.side_pane.action.isChecked()
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Right)  # select the first event
    assert window.side_tabs.isVisible() and window.side_tabs.width() >= 260
    assert window.side_pane.action.isChecked()
    title = window.table.model().event_at(0).title
    assert title in window.detail.plain_text()
    assert window.timeline.width() > 0.5 * window.width()
    # F9 folds it away again, and then a selection leaves it folded: the person chose.
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_F9)
    assert window.side_tabs.width() == 0 and not window.side_pane.action.isChecked()
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Right)
    assert window.side_tabs.width() == 0
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_F9)
    assert window.side_tabs.width() >= 260


def test_a_wide_window_keeps_the_detail_pane_open(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy, size=QtCore.QSize(1600, 900))
    assert window.side_tabs.width() >= 260 and window.side_pane.action.isChecked()
