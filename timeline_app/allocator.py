"""How the C allocator hands memory back to the system, set once when the app starts.

glibc's malloc raises its mmap threshold each time a large block is freed (up to 32 MB), so
after the first big numpy array or SQLite buffer is released, the next ones of that size are
carved out of the main heap instead of mapped on their own. A long import or an export
frees and allocates such blocks all the time, and the heap then keeps holes that are never
returned: measured on a million-row CSV import, 140 MB of the process's 434 MB peak was
freed memory still held. A fixed threshold (glibc's own default of 128 KiB) keeps every
large block in its own mapping, given back the moment it is freed. Elsewhere than glibc
nothing is done."""

from __future__ import annotations

import ctypes
import sys

M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters (malloc.h)
M_MMAP_THRESHOLD = -3
LARGE_BLOCK = 128 * 1024  # glibc's initial threshold, kept from now on


def return_large_blocks_promptly() -> bool:
    """Fix glibc's mmap and trim thresholds; True when they were set."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library the interpreter runs on
    except (OSError, AttributeError):  # musl and other C libraries have no mallopt
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK)) and bool(
        mallopt(M_TRIM_THRESHOLD, 2 * LARGE_BLOCK)
    )
