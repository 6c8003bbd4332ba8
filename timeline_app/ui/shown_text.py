"""Text from a file, as widgets show it: invisible and direction characters made visible
(text_rules.visible) and, where Qt would read markup, escaped so it shows as typed."""

from __future__ import annotations

import html

from timeline_app.model.text_rules import visible


def shown(text: str) -> str:
    """For plain-text places: labels drawn with drawText, list items, table cells."""
    return visible(text)


def tooltip(text: str) -> str:
    """Qt guesses whether a tooltip is rich text; this one always is, with the file's text
    escaped, so a company called "<b>Evil</b>" is shown as those characters."""
    return "<p>" + html.escape(visible(text, prose=True)).replace("\n", "<br>") + "</p>"
