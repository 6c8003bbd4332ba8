"""Spreadsheet safety for exported text cells, undone exactly on import.

A cell starting with =, +, - or @ is run as a formula by spreadsheets (and one starting with
a tab or a carriage return can be read as one after the spreadsheet trims it, as OWASP's
CSV-injection advice says), so export puts an apostrophe before it. To make the round trip
exact for text that itself starts with apostrophes before such a character, the rule counts
those too: export adds one apostrophe to anything matching '*[=+-@\t\r], and import removes
one from anything matching '+[=+-@\t\r].
"""

from __future__ import annotations

import re

_NEEDS_GUARD = re.compile(r"'*[=+\-@\t\r]")
_GUARDED = re.compile(r"'+[=+\-@\t\r]")


def neutralise(value: object) -> object:
    if isinstance(value, str) and _NEEDS_GUARD.match(value):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    return value[1:] if _GUARDED.match(value) else value
