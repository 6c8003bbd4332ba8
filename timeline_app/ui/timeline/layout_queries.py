"""What the timeline view has laid out, in the viewport's pixels: where each event, label,
badge and density strip is, and what lies under a point. Picking uses it, and so do tests,
benchmarks and exports; a part of TimelineView, kept apart so that each file stays readable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6 import QtCore, QtGui

from timeline_app.ui.timeline.layout import Hit, TimelineLayout
from timeline_app.ui.timeline.packing import Box

if TYPE_CHECKING:
    import pyqtgraph as pg

    from timeline_app.model.visible import VisibleEvents
    from timeline_app.ui.timeline.axes import TimeViewBox
    from timeline_app.ui.timeline.layer import EventLayer


class LayoutQueries:
    """Mixed into TimelineView, which has these:"""

    layer: EventLayer
    plot: pg.PlotWidget
    viewbox: TimeViewBox
    visible: VisibleEvents | None

    def current_layout(self) -> TimelineLayout | None:
        return self.layer.layout()

    def _to_viewport(self) -> QtGui.QTransform:
        """From the layout's pixels to the viewport's: the layout's origin is the plot
        area's top-left corner, one pixel for one pixel. (Taken from the view box's place,
        not from the items' transforms, which pyqtgraph brings up to date only later.)"""
        corner = self.plot.mapFromScene(self.viewbox.sceneBoundingRect().topLeft())
        return QtGui.QTransform.fromTranslate(corner.x(), corner.y())

    def rect_of(self, box: Box) -> QtCore.QRectF:
        """Where a box of the layout is in the viewport (for clicks and pictures)."""
        return self._to_viewport().mapRect(QtCore.QRectF(box.x, box.y, box.w, box.h))

    def hits(self) -> list[Hit]:
        layout = self.current_layout()
        return list(layout.hits) if layout is not None else []

    def hit_at_viewport(self, point: QtCore.QPointF) -> Hit | None:
        layout = self.current_layout()
        inverse, invertible = self._to_viewport().inverted()
        if layout is None or not invertible:
            return None
        at = inverse.map(QtCore.QPointF(point))
        return layout.hit_at(at.x(), at.y())

    def lane_names(self) -> list[str]:
        return [lane.company.name for lane in self.visible.lanes] if self.visible else []

    def drawn_event_ids(self) -> set[int]:
        layout = self.current_layout()
        return set(layout.markers) if layout is not None else set()

    def label_texts(self) -> list[str]:
        layout = self.current_layout()
        return layout.label_texts if layout is not None else []

    def point_of_event(self, event_id: int) -> QtCore.QPoint | None:
        layout = self.current_layout()
        mark = layout.markers.get(event_id) if layout is not None else None
        if mark is None:
            return None
        point = self._to_viewport().map(QtCore.QPointF(*mark.anchor))
        return QtCore.QPoint(round(point.x()), round(point.y()))

    def density_strips(self) -> list[tuple[QtCore.QRectF, np.ndarray, np.ndarray, str]]:
        """(band in the viewport, bucket edges, counts, lane name) of each density strip."""
        layout = self.current_layout()
        if layout is None:
            return []
        return [
            (self.rect_of(lane.strip.band), lane.strip.edges, lane.strip.counts, lane.name)
            for lane in layout.lanes
            if lane.strip is not None
        ]
