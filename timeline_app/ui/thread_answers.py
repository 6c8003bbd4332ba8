"""Answers from worker threads, carried to the GUI thread by one object that lives as long
as the application.

A thread that emitted a controller's own signal had to hold the controller, and so could
hold its last reference: Qt then destroyed it on that thread while the GUI thread was
delivering its events, a crash. Receivers here pick their own answers by round number.
"""

from __future__ import annotations

import itertools

from PySide6 import QtCore


class ThreadAnswers(QtCore.QObject):
    # (round, generation, arrays matched, what is wrong with the search index)
    fingerprinted = QtCore.Signal(int, int, bool, str)
    titleRanked = QtCore.Signal(int, int, object)  # (round, generation, rank by title)


_answers: ThreadAnswers | None = None
_rounds = itertools.count(1)


def thread_answers() -> ThreadAnswers:
    """The one relay, made on first use (from the GUI thread, where it must live)."""
    global _answers
    if _answers is None:
        _answers = ThreadAnswers()
    return _answers


def next_round() -> int:
    """A round number no other receiver uses, so that each takes only its own answers."""
    return next(_rounds)
