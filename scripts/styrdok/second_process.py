"""A second process for the work done on written pages (the output rules, the copy for the search
index), so that on a 2-core machine it runs while the build renders the next pages.

One object lives there for the whole build and keeps what it gathers (refusals, words, its own
helpers); the build calls its methods in order and takes the answers when it needs them. Calls
carry small values only (file paths, short texts): the written pages are read from disk there.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor

_held = None  # the object, in the second process only


def _make(factory, args) -> None:
    global _held
    _held = factory(*args)


def _call(method: str, args):
    return getattr(_held, method)(*args)


class SecondProcess:
    """Makes ``factory(*args)`` in one forked process; ``call`` runs its methods there, in order."""

    def __init__(self, factory, *args):
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        self._pending: list[tuple[object, Future]] = []
        self._taken = 0
        # A job, not the pool's initializer: an error there reaches the build as itself, not as a
        # broken pool.
        self._pending.append((None, self._pool.submit(_make, factory, args)))

    def call(self, key, method: str, *args) -> None:
        """Run method(*args) on the object there; its answer comes back with key (with key None
        it is not kept; an error there is raised all the same)."""
        self._pending.append((key, self._pool.submit(_call, method, args)))

    def finished(self) -> list[tuple[object, object]]:
        """(key, answer) of the calls finished since the last time, in order, without waiting; an
        error there is raised here."""
        done = []
        while self._taken < len(self._pending) and self._pending[self._taken][1].done():
            key, future = self._pending[self._taken]
            result = future.result()
            if key is not None:
                done.append((key, result))
            self._taken += 1
        return done

    def rest(self) -> list[tuple[object, object]]:
        """(key, answer) of every call not yet taken, waiting for them; then the process stops."""
        try:
            done = [(key, future.result()) for key, future in self._pending[self._taken:]]
            self._taken = len(self._pending)
            return [(key, result) for key, result in done if key is not None]
        finally:
            self.close()

    def close(self) -> None:
        self._pending, self._taken = [], 0
        self._pool.shutdown(wait=True, cancel_futures=True)
