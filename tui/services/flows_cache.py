"""The links and moves the flows screen shows: derived once, in a worker, and kept until a user
action changes what they are made of, so F opens at once on a large corpus too."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from sqlite_utils import Database
from textual.app import App

if TYPE_CHECKING:
    from talent.flows import LinkFact, Move

# What the moves are made of: a change to any of these makes them stale.
SOURCE_TABLES = frozenset({"links", "entities", "claims"})

Flows = tuple[list["LinkFact"], list["Move"]]


class FlowsCache:
    """Safe to fill from a worker thread while the interface forgets it."""

    def __init__(self, connect: Callable[[], AbstractContextManager[Database]]) -> None:
        self._connect = connect
        self._flows: Flows | None = None
        self._generation = 0  # counts forgets: a fill that raced one is not kept
        self._lock = threading.Lock()
        self._filling = threading.Lock()  # one derivation at a time; a second caller waits

    def get(self) -> Flows:
        """The links and their moves, derived now if nothing is kept."""
        with self._filling:
            with self._lock:
                flows, generation = self._flows, self._generation
            if flows is not None:
                return flows
            # Imported here, in the worker: the reader's first paint does not wait for them.
            from store.flows import link_facts
            from talent.flows import derive_moves

            with self._connect() as db:
                facts = link_facts(db)
            flows = (facts, derive_moves(facts))
            with self._lock:
                if generation == self._generation:
                    self._flows = flows
            return flows

    def forget_if_changed(self, tables: set[str]) -> bool:
        """Drop what is kept if an action changed one of these tables; whether it did."""
        if not tables & SOURCE_TABLES:
            return False
        with self._lock:
            self._flows = None
            self._generation += 1
        return True


WARM_DELAY = 2.0  # seconds after the last change (or the first paint)


class FlowsWarmer:
    """Derives the moves in a worker before F is pressed: once after a burst of links, and
    never while the reader draws its first screen."""

    def __init__(self, app: App, cache: FlowsCache) -> None:
        self.app = app
        self.cache = cache
        self._timer = None

    def changed(self, tables: set[str]) -> None:
        """A user action changed these tables: derive again once the keys rest."""
        if self.cache.forget_if_changed(tables):
            self.warm_soon()

    def warm_soon(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.app.set_timer(WARM_DELAY, self._warm)

    def _warm(self) -> None:
        self.app.run_worker(
            self.cache.get, thread=True, exclusive=True, group="flows", exit_on_error=False
        )
