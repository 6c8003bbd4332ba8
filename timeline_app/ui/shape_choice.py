"""Choosing a category's marker shape (the names dialog's Shape… and the category context
menus): a list of the shapes drawn in the category's colour, leaving out those another
category already has in that colour, so every category keeps a look of its own."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from timeline_app.colours import SHAPE_NAMES, SHAPES
from timeline_app.model.text_rules import visible
from timeline_app.ui.palette import Colours, marker_icon


def free_shapes(colours: Colours, category_id: int, others: list[int]) -> list[str]:
    """Shapes that, in this category's colour, no other category is drawn as."""
    colour = colours.category_hex(category_id).lower()
    taken = {
        colours.shape(other).name
        for other in others
        if other != category_id and colours.category_hex(other).lower() == colour
    }
    return [shape.name for shape in SHAPES if shape.name not in taken]


def choose_shape(
    parent: QtWidgets.QWidget, colours: Colours, category_id: int, name: str, others: list[int]
) -> str | None:
    """The shape picked (None: cancelled, or the one it has)."""
    current = colours.shape(category_id).name
    offered = free_shapes(colours, category_id, others)
    dialog = QtWidgets.QInputDialog(parent)
    dialog.setObjectName("shapeDialog")
    dialog.setWindowTitle(f"Shape of category “{visible(name)}”")
    dialog.setLabelText(
        f"Draw the markers of “{visible(name)}” as (shapes another category has in this "
        "colour are not offered):"
    )
    dialog.setOption(QtWidgets.QInputDialog.InputDialogOption.UseListViewForComboBoxItems)
    dialog.setComboBoxItems(offered)
    dialog.setTextValue(current)
    for label in dialog.findChildren(QtWidgets.QLabel):
        label.setWordWrap(True)
    view = dialog.findChild(QtWidgets.QListView)
    if view is not None:  # each entry shows the marker it would draw
        model = view.model()
        colour = colours.category(category_id)
        for row, shape_name in enumerate(offered):
            icon = marker_icon(colour, SHAPE_NAMES[shape_name])
            model.setData(model.index(row, 0), icon, QtCore.Qt.ItemDataRole.DecorationRole)
    accepted = dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted
    picked = dialog.textValue()
    dialog.deleteLater()
    if not accepted or picked == current or picked not in offered:
        return None
    return picked
