"""A second process for the work done on each written page (the document rules, the copy for the
search index), so that on a 2-core machine it runs while the build writes the next page."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor


class SecondProcess:
    """Runs ``work(*args)`` for each job in one forked process, in the order jobs are added."""

    def __init__(self):
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        self._pending: list[tuple[object, Future]] = []
        self._taken = 0

    def add(self, key, work, *args) -> None:
        """Run work(*args) there; work must be a module-level function (it travels by name)."""
        self._pending.append((key, self._pool.submit(work, *args)))

    def finished(self) -> list[tuple[object, object]]:
        """(key, result) of the jobs finished since the last call, in order, without waiting."""
        done = []
        while self._taken < len(self._pending) and self._pending[self._taken][1].done():
            key, future = self._pending[self._taken]
            done.append((key, future.result()))
            self._taken += 1
        return done

    def rest(self) -> list[tuple[object, object]]:
        """(key, result) of every job not yet taken, waiting for them; then the process stops."""
        try:
            done = [(key, future.result()) for key, future in self._pending[self._taken:]]
            self._taken = len(self._pending)
            return done
        finally:
            self.close()

    def close(self) -> None:
        self._pending, self._taken = [], 0
        self._pool.shutdown(wait=True, cancel_futures=True)
