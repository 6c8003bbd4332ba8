"""The interactive timeline: view.py (the widget: axes, scrolling, mouse), layout.py (where
everything goes, Qt-free and cached), layer.py (draws a layout), overview.py (the strip
below), lane_heights.py (how tall each lane is, Qt-free)."""
