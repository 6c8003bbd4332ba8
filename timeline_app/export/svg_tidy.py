"""An SVG from Qt's generator, made to look the same in every reader: its size in pixels
(not millimetres at the screen's resolution), and every text's font named as it was drawn,
followed by the generic family, so that a reader without that font still shows sans-serif
text instead of its default serif."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

_FAMILY = re.compile(r'font-family="([^"]*)"')
_SIZE = re.compile(r'<svg width="[^"]*" height="[^"]*"')
_PLAIN_NAME = re.compile(r"[A-Za-z_-][A-Za-z0-9_ -]*")
GENERIC = "sans-serif"


def font_list(family: str) -> str:
    """ "DejaVu Sans, sans-serif": a CSS font list; names a CSS identifier cannot spell
    are quoted."""
    if not family or family == GENERIC:
        return GENERIC
    name = family if _PLAIN_NAME.fullmatch(family) else "'" + family.replace("'", "") + "'"
    return f"{name}, {GENERIC}"


def tidy_svg(text: str, size: tuple[int, int], resolve: Callable[[str], str]) -> str:
    """`text` with its outer size in pixels and each font-family as `resolve` names the
    font really drawn for it (Qt writes the family asked for, e.g. the alias "Sans Serif",
    which browsers do not know)."""
    width, height = size
    text = _SIZE.sub(f'<svg width="{width}" height="{height}"', text, count=1)
    resolved: dict[str, str] = {}

    def family(match: re.Match[str]) -> str:
        asked = match.group(1)
        if asked not in resolved:
            resolved[asked] = escape(font_list(resolve(asked)), quote=True)
        return f'font-family="{resolved[asked]}"'

    return _FAMILY.sub(family, text)
