"""The window's theme: System, Light or Dark (View > Theme), and the colours that follow it.

"System" keeps the palette the desktop gave the application and only reads whether it is
dark; Light and Dark set a palette of their own on the application, so dialogs follow too.
Everything drawn with fixed colours (the timeline, the detail pane's quotes, the table's
"no source", the category list's shape hints) asks this module for the colours of the
current palette, so nothing stays white on a dark desktop or grey on grey. Text colours
here keep a contrast of at least 4.5:1 against their background (tests/ui/test_theme.py
measures them as they are used).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.ui.palette import Theme

CHOICES = {"system": "&System", "light": "&Light", "dark": "&Dark"}
Role = QtGui.QPalette.ColorRole
Group = QtGui.QPalette.ColorGroup


def is_dark(palette: QtGui.QPalette) -> bool:
    """A palette is dark when its text is lighter than its background."""
    return palette.color(Role.Base).lightness() < palette.color(Role.Text).lightness()


def contrast(a: QtGui.QColor, b: QtGui.QColor) -> float:
    """WCAG 2 contrast ratio of two opaque colours (1 to 21)."""

    def luminance(colour: QtGui.QColor) -> float:
        def linear(c: float) -> float:
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b_ = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _mix(a: QtGui.QColor, b: QtGui.QColor, share_of_b: float) -> QtGui.QColor:
    keep = 1 - share_of_b
    return QtGui.QColor.fromRgbF(
        a.redF() * keep + b.redF() * share_of_b,
        a.greenF() * keep + b.greenF() * share_of_b,
        a.blueF() * keep + b.blueF() * share_of_b,
    )


def readable_muted(palette: QtGui.QPalette, background: Role = Role.Base) -> QtGui.QColor:
    """A quieter text colour (hints beside a name) that still reads on the palette's
    background, whatever the palette: its text colour faded toward the background only as
    far as keeps 6:1, so that small, smoothed letters stay above 4.5:1 on screen. (A
    palette's own PlaceholderText is often left at the default grey by dark desktop
    themes, and vanishes on their dark base.)"""
    text, base = palette.color(Role.Text), palette.color(background)
    for share in (0.45, 0.35, 0.25, 0.15, 0.0):
        colour = _mix(text, base, share)
        if contrast(colour, base) >= 6.0:
            return colour
    return text


def error_text(palette: QtGui.QPalette) -> QtGui.QColor:
    """Red text for a warning ("no source") readable on the palette's background."""
    return QtGui.QColor("#FF8A80" if is_dark(palette) else "#B3261E")


@dataclass(frozen=True)
class DetailInk:
    """The detail pane's colours: quotes in their paragraph, muted notes, links."""

    muted: str = "#5F6368"
    link: str = "#1A5FB4"
    context: str = "#3C4043"  # the paragraph around a quote
    quote_background: str = "#F6F5F0"
    quote_border: str = "#E2DFD3"
    highlight: str = "#FFE08A"  # the quoted words, in every theme
    highlight_text: str = "#1B1B1B"

    @staticmethod
    def for_palette(palette: QtGui.QPalette) -> DetailInk:
        if is_dark(palette):
            return DetailInk(
                muted="#A8B1BC", link="#79B8FF", context="#D0D7DE",
                quote_background="#22272E", quote_border="#3A414B",
            )  # fmt: skip
        return DetailInk()


def timeline_theme(palette: QtGui.QPalette) -> Theme:
    """The timeline's colours for a window palette: dark on a dark palette."""
    return Theme.named("dark" if is_dark(palette) else "light")


def light_palette() -> QtGui.QPalette:
    """Fusion's light palette, with a selection dark enough for white text (4.5:1)."""
    palette = QtWidgets.QStyleFactory.create("Fusion").standardPalette()
    palette.setColor(Role.Highlight, QtGui.QColor("#1F5FA8"))
    palette.setColor(Role.HighlightedText, QtGui.QColor("#FFFFFF"))
    palette.setColor(Role.PlaceholderText, QtGui.QColor("#5F6368"))
    palette.setColor(Role.Link, QtGui.QColor("#1A5FB4"))
    return palette


def dark_palette() -> QtGui.QPalette:
    """A dark palette matching the timeline's dark theme."""
    colours = {
        Role.Window: "#1E2227", Role.WindowText: "#E6EDF3", Role.Base: "#15181D",
        Role.AlternateBase: "#1C2027", Role.Text: "#E6EDF3", Role.Button: "#2A3038",
        Role.ButtonText: "#E6EDF3", Role.BrightText: "#FFFFFF", Role.Highlight: "#2F6FB3",
        Role.HighlightedText: "#FFFFFF", Role.Link: "#79B8FF", Role.LinkVisited: "#C39BFF",
        Role.ToolTipBase: "#2A3038", Role.ToolTipText: "#E6EDF3",
        Role.PlaceholderText: "#9DA7B3", Role.Light: "#3D444D", Role.Midlight: "#323840",
        Role.Mid: "#262B32", Role.Dark: "#101317", Role.Shadow: "#000000",
        Role.Accent: "#2F6FB3",
    }  # fmt: skip
    palette = QtGui.QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QtGui.QColor(colour))
    for role in (Role.Text, Role.WindowText, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QtGui.QColor("#6E7681"))
    return palette


def focus_colour(palette: QtGui.QPalette) -> QtGui.QColor:
    """The focus outline: the selection colour, brightened on a dark palette until it
    stands out (3:1) from the background, as a focus indicator must."""
    colour = QtGui.QColor(palette.color(Role.Highlight))
    base = palette.color(Role.Base)
    for _ in range(8):
        if contrast(colour, base) >= 3.0:
            break
        colour = colour.lighter(125) if is_dark(palette) else colour.darker(125)
    return colour


class WindowTheme(QtCore.QObject):
    """The View > Theme choice: applies it to the application's palette, remembers it, and
    says when the colours change (also when the desktop switches under "System")."""

    changed = QtCore.Signal()

    def __init__(self, window: QtWidgets.QWidget, choice: str = "system") -> None:
        super().__init__(window)
        self.window = window
        app = QtWidgets.QApplication.instance()
        assert isinstance(app, QtWidgets.QApplication)
        self.app = app
        self.system_palette = QtGui.QPalette(app.palette())  # the desktop's, before ours
        self.choice = choice if choice in CHOICES else "system"
        self.group = QtGui.QActionGroup(self)
        self.actions: dict[str, QtGui.QAction] = {}
        for name, label in CHOICES.items():
            action = QtGui.QAction(label, self)
            action.setCheckable(True)
            action.setStatusTip(f"{label.replace('&', '')} colours for the window")
            action.triggered.connect(lambda _checked=False, n=name: self.choose(n))
            self.group.addAction(action)
            self.actions[name] = action
        self.actions[self.choice].setChecked(True)
        self._applying = False
        window.installEventFilter(self)

    @property
    def name(self) -> str:
        """The theme in effect, "light" or "dark" (what "System" turned out to be)."""
        return "dark" if is_dark(self.app.palette()) else "light"

    def choose(self, choice: str) -> None:
        self.choice = choice if choice in CHOICES else "system"
        self.actions[self.choice].setChecked(True)
        self.apply()

    def apply(self) -> None:
        palette = {"light": light_palette, "dark": dark_palette}.get(self.choice)
        self._applying = True
        try:
            self.app.setPalette(palette() if palette else self.system_palette)
        finally:
            self._applying = False
        self.changed.emit()

    def restore_system(self) -> None:
        """Leave the application with the desktop's palette (the window is closing)."""
        self.window.removeEventFilter(self)
        if self.choice != "system":
            self.app.setPalette(self.system_palette)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        if (
            watched is self.window
            and event.type() == QtCore.QEvent.Type.PaletteChange
            and not self._applying
            and self.choice == "system"
        ):  # the desktop changed its colours
            self.system_palette = QtGui.QPalette(self.app.palette())
            self.changed.emit()
        return False
