"""File > Export: choose what to draw (the visible range or the whole filtered timeline),
the size, title and theme, then the file; the kind follows the file name's extension."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from timeline_app.errors import TimelineError
from timeline_app.export import ImageOptions, export
from timeline_app.export.options import (
    DEFAULT_FONT_PX,
    DEFAULT_TITLE,
    DEFAULT_WIDTH_PX,
    FONT_PX_RANGE,
    MAX_SIDE_PX,
    PRESETS,
)
from timeline_app.formats import registry

if TYPE_CHECKING:
    from timeline_app.ui.controller import Controller
from timeline_app.log import get_logger

log = get_logger("export")

FILE_FILTERS = registry.dialog_filter(registry.writers())


class ExportDialog(QtWidgets.QDialog):
    def __init__(self, parent: QtWidgets.QWidget, default_title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export timeline")
        self.whole = QtWidgets.QRadioButton("The whole filtered timeline")
        self.visible_range = QtWidgets.QRadioButton("Only the range visible in the window")
        self.whole.setChecked(True)
        self.preset_box = QtWidgets.QComboBox()
        self.preset_box.addItem("Custom", None)
        for preset in PRESETS.values():
            self.preset_box.addItem(preset.label, preset.name)
        self.preset_box.setToolTip("Where the picture goes: fills in the size and text size")
        self.width_box = QtWidgets.QSpinBox(
            minimum=300, maximum=MAX_SIDE_PX, value=DEFAULT_WIDTH_PX, suffix=" px"
        )
        self.height_box = QtWidgets.QSpinBox(minimum=0, maximum=MAX_SIDE_PX, value=0, suffix=" px")
        self.height_box.setSpecialValueText("as tall as the lanes need")
        self.font_box = QtWidgets.QDoubleSpinBox(
            minimum=FONT_PX_RANGE[0], maximum=FONT_PX_RANGE[1], value=DEFAULT_FONT_PX,
            singleStep=1, decimals=0, suffix=" px",
        )  # fmt: skip
        self.font_box.setToolTip("The smallest text in the picture; the rest keep proportion")
        self._compact = False
        self.preset_box.currentIndexChanged.connect(self._preset_chosen)
        self.scale_box = QtWidgets.QDoubleSpinBox(minimum=0.25, maximum=8, value=1, singleStep=0.5)
        self.scale_box.setToolTip("PNG only: 2 doubles the pixels for print")
        self.title_edit = QtWidgets.QLineEdit(default_title)
        self.theme_box = QtWidgets.QComboBox()
        self.theme_box.addItems(["light", "dark"])
        form = QtWidgets.QFormLayout()
        form.addRow("Draw", self.whole)
        form.addRow("", self.visible_range)
        form.addRow("Made for", self.preset_box)
        form.addRow("Width", self.width_box)
        form.addRow("Height", self.height_box)
        form.addRow("Text size", self.font_box)
        form.addRow("PNG scale", self.scale_box)
        form.addRow("Title", self.title_edit)
        form.addRow("Theme", self.theme_box)
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        note = QtWidgets.QLabel(
            "The image shows exactly the events your filters select. Choose CSV or JSON data "
            "as the file type to save the events themselves, TimelineJS JSON or its "
            "spreadsheet (CSV) to publish them with Knight Lab's TimelineJS, or an interactive "
            "web page (HTML): one file to open in a browser or put on a web site (it takes "
            "the title, theme and range chosen here)."
        )
        note.setWordWrap(True)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _preset_chosen(self) -> None:
        """A preset fills in the fields (which stay editable), as --preset does."""
        preset = PRESETS.get(self.preset_box.currentData())
        if preset is None:  # custom: the fields as they are, lanes roomy
            self._compact = False
            return
        self.width_box.setValue(preset.width)
        self.height_box.setValue(preset.height)
        self.font_box.setValue(preset.font_size)
        self._compact = preset.compact

    def options(self, visible: tuple[float, float]) -> ImageOptions:
        return ImageOptions(
            width=self.width_box.value(),
            height=self.height_box.value(),
            font_size=self.font_box.value(),
            compact=self._compact,
            scale=self.scale_box.value(),
            title=self.title_edit.text(),
            theme=self.theme_box.currentText(),
            time_range=visible if self.visible_range.isChecked() else None,
        )


def choose_export_path(parent: QtWidgets.QWidget, start: str) -> tuple[Path, str | None] | None:
    """The file to write, and the format chosen in the dialog's file types when it names
    one the extension alone would not ("TimelineJS JSON" for a .json file)."""
    path, chosen_filter = QtWidgets.QFileDialog.getSaveFileName(
        parent, "Export timeline", start, FILE_FILTERS
    )
    if not path:
        return None
    result = Path(path)
    if not result.suffix and chosen_filter:  # "timeline" + "PNG image (*.png)" -> timeline.png
        patterns = chosen_filter.rsplit("(", 1)[-1].rstrip(")").split()
        result = result.with_suffix(patterns[0].lstrip("*") if patterns else "")
    chosen = next((f for f in registry.writers() if chosen_filter.startswith(f"{f.label} (")), None)
    if chosen is not None and result.suffix.lower() in chosen.extensions:
        return result, chosen.name
    return result, None


def run_export_dialog(
    window: QtWidgets.QMainWindow,
    controller: Controller,
    in_view: tuple[float, float],
    theme: str = "light",
) -> Path | None:
    """Ask, export, and tell the user where the file went (`in_view`: the time range the
    window shows, which the user may choose to draw; `theme`: the one offered first, the
    window's); errors go to the controller's error channel, which the window shows as a
    dialog."""
    if controller.store is None or controller.timeline is None:
        return None
    # the title the file keeps (Edit > Eras and title…), as the command line uses it
    dialog = ExportDialog(window, controller.timeline.title or DEFAULT_TITLE)
    dialog.theme_box.setCurrentText(theme)
    if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
        return None
    options = dialog.options(in_view)
    start = str(Path(controller.store.path).with_suffix(".png").name)
    chosen = choose_export_path(window, start)
    if chosen is None:
        return None
    out, format_name = chosen
    QtWidgets.QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
    try:
        result = export(controller.timeline, controller.state, out, options, format_name)
    except TimelineError as exc:
        log.warning("export failed: %s", exc)
        controller.errorRaised.emit(f"The timeline could not be exported.\n\n{exc}")
        return None
    finally:
        QtWidgets.QApplication.restoreOverrideCursor()
    note = f" ({result.note})" if result.note else ""
    window.statusBar().showMessage(f"Exported to {out}{note}", 15_000)
    return out
