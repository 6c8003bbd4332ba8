"""Progress of a long command (import, generate, a rebuild), told in one place to whoever
listens: a window's progress bar through a callback, a terminal through one line rewritten
in place. Qt-free, so the model and the command line use it as the window does."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping
from typing import IO

Callback = Callable[[int, int], object]  # (done, total); raising from it cancels the work
STEPS = 10_000  # what a callback's total is: fine enough for any progress bar


class TerminalProgress:
    """One status line on stderr, rewritten in place at most `per_second` times a second."""

    def __init__(self, stream: IO[str] | None = None, per_second: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        self.interval = 1.0 / per_second
        self._last = 0.0
        self._width = 0

    def show(self, text: str, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        pad = " " * max(0, self._width - len(text))
        self._width = len(text)
        self.stream.write(f"\r{text}{pad}")
        self.stream.flush()

    def clear(self) -> None:
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0


class Progress:
    """A piece of work in named phases, each with its share of the whole.

    show(phase, fraction) moves the callback's `done` from 0 to STEPS over every phase in
    order, and rewrites the terminal line as "<title> 42% (<phase>; <detail>)"."""

    def __init__(
        self,
        title: str,
        phases: Mapping[str, float],
        *,
        callback: Callback | None = None,
        terminal: TerminalProgress | None = None,
    ) -> None:
        self.title = title
        self.callback = callback
        self.terminal = terminal
        total = sum(phases.values()) or 1.0
        self._share: dict[str, float] = {}
        self._before: dict[str, float] = {}
        done = 0.0
        for name, weight in phases.items():
            self._before[name] = done / total
            self._share[name] = weight / total
            done += weight
        self.started = time.monotonic()

    @classmethod
    def on_terminal(cls, title: str, phases: Mapping[str, float], shown: bool) -> Progress:
        return cls(title, phases, terminal=TerminalProgress() if shown else None)

    @property
    def active(self) -> bool:
        return self.callback is not None or self.terminal is not None

    def fraction_done(self, phase: str, fraction: float) -> float:
        return self._before[phase] + self._share[phase] * min(max(fraction, 0.0), 1.0)

    def show(self, phase: str, fraction: float = 0.0, detail: str = "", force: bool = False):
        done = self.fraction_done(phase, fraction)
        if self.callback is not None:
            self.callback(round(done * STEPS), STEPS)
        if self.terminal is not None:
            self.terminal.show(
                f"{self.title} {100 * done:3.0f}% ({phase}{'; ' + detail if detail else ''})",
                force,
            )

    def clear(self) -> None:
        if self.terminal is not None:
            self.terminal.clear()
