"""Spreadsheet safety for exported text cells, undone exactly on import.

A cell starting with =, +, - or @ is run as a formula by spreadsheets, so export puts an
apostrophe before it. To make the round trip exact for text that itself starts with
apostrophes before such a character, the rule counts those too: export adds one apostrophe
to anything matching '*[=+-@], and import removes one from anything matching '+[=+-@].
"""

from __future__ import annotations

import re

_NEEDS_GUARD = re.compile(r"'*[=+\-@]")
_GUARDED = re.compile(r"'+[=+\-@]")


def neutralise(value: object) -> object:
    if isinstance(value, str) and _NEEDS_GUARD.match(value):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    return value[1:] if _GUARDED.match(value) else value
