"""A long write's SQLite statements run in order on a thread of their own.

SQLite lets go of Python's lock while a statement runs, so on a machine with two cores the
next rows of a file are read and checked while the last ones are written (the import of a
million events spends about as long in each). At most `depth` jobs wait, so memory stays
bounded however far the reading gets ahead. Only this thread uses the connection until
join() or stop() returns."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

Job = Callable[[], None]


class StatementThread:
    def __init__(self, depth: int = 2, *, threaded: bool = True) -> None:
        self._jobs: queue.Queue[Job | None] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._stopping = False
        self._thread: threading.Thread | None = None
        if threaded:
            self._thread = threading.Thread(target=self._run, name="import-writes", daemon=True)
            self._thread.start()

    def submit(self, job: Job) -> None:
        """Run `job` after those before it; raises the first error a job raised."""
        self._raise()
        if self._thread is None:
            job()
        else:
            self._jobs.put(job)

    def join(self) -> None:
        """Wait for every job; raises the first error a job raised."""
        self._finish()
        self._raise()

    def stop(self) -> None:
        """Wait for the job under way and drop the others (the write is being given up)."""
        self._stopping = True
        self._finish()

    def _finish(self) -> None:
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join()
            self._thread = None

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            if self._error is None and not self._stopping:
                try:
                    job()
                except BaseException as exc:  # handed to the thread that waits for it
                    self._error = exc
