"""The app's one caching idiom: LRU maps bounded by **bytes**, safe across threads.

Dash runs callbacks in threads (and gunicorn's ``gthread`` workers do too), so
every cache is a :class:`cachetools.LRUCache` behind a lock. Each entry carries
its own size in bytes (:class:`Sized`), measured once when it is stored, so a
worker's memory is bounded however big the stories it is shown. Values are pure
functions of their keys: a cache holds no per-user state.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from pathlib import Path
from threading import Event, Lock
from typing import Any, Callable, Hashable, NamedTuple

from cachetools import LRUCache

__all__ = ["ByteCache", "Sized", "json_size", "cache_dir", "MB", "layout_disk_cache", "LAYOUT_DISK_BYTES"]

log = logging.getLogger(__name__)

MB = 1024 * 1024


class Sized(NamedTuple):
    """A cached value and what it costs in memory (bytes, an estimate)."""

    value: Any
    nbytes: int


def json_size(obj) -> int:
    """Bytes of ``obj`` as compact JSON: a fair estimate of a figure dict's footprint
    (Python objects take a few times more, which the caches' budgets allow for)."""
    try:
        return len(json.dumps(obj, separators=(",", ":"), default=str))
    except (TypeError, ValueError):
        return sys.getsizeof(obj)


class ByteCache:
    """An LRU map of at most ``max_bytes`` (the sum of its entries' sizes).

    Parameters
    ----------
    name : str
        Shown in log messages.
    max_bytes : int
        Budget; the least recently used entries are dropped beyond it. An entry
        larger than the budget is returned but not kept.
    """

    #: How long a thread waits for another's making of the same key before making it too.
    WAIT_SECONDS = 120.0

    def __init__(self, name: str, max_bytes: int):
        self.name = name
        self.max_bytes = int(max_bytes)
        self._lock = Lock()
        self._items: LRUCache = LRUCache(maxsize=self.max_bytes, getsizeof=lambda e: max(1, e.nbytes))
        self._making: dict[Hashable, Event] = {}  # keys being made now, and their makers' signal

    def get(self, key: Hashable, default=None):
        with self._lock:
            hit = self._items.get(key)
        return default if hit is None else hit.value

    def put(self, key: Hashable, value, nbytes: int):
        """Store ``value`` (``nbytes`` its size) and return it."""
        if nbytes > self.max_bytes:
            log.info("%s: %s (%d bytes) is larger than the cache (%d bytes); not kept",
                     self.name, key, nbytes, self.max_bytes)
            return value
        with self._lock:
            self._items[key] = Sized(value, int(nbytes))
        return value

    def get_or_make(self, key: Hashable, make: Callable[[], Any], size: Callable[[Any], int]):
        """The cached value of ``key``, else ``make()`` stored with ``size(value)`` bytes.

        One thread makes a missing key; others asking for it meanwhile wait for that
        value instead of making it again (a server's first requests all ask for the
        same layout and figures at once: made by each, they would share the cores
        and all answer late). The cache's lock is never held while making; if the
        maker fails, a waiting thread makes the value itself."""
        while True:
            with self._lock:
                hit = self._items.get(key)
                if hit is not None:
                    return hit.value
                pending = self._making.get(key)
                if pending is None:
                    pending = self._making[key] = Event()
                    break
            pending.wait(self.WAIT_SECONDS)
            if not pending.is_set():  # a maker stuck past the wait: make it here too (pure, either is right)
                value = make()
                return self.put(key, value, size(value))
        try:
            value = make()
            return self.put(key, value, size(value))
        finally:
            with self._lock:
                self._making.pop(key, None)
            pending.set()

    def pop(self, key: Hashable, default=None):
        """Forget ``key`` (a value that must not be served any more); its value or ``default``."""
        with self._lock:
            hit = self._items.pop(key, None)
        return default if hit is None else hit.value

    def keys(self) -> list:
        """A snapshot of the keys held."""
        with self._lock:
            return list(self._items.keys())

    @property
    def nbytes(self) -> int:
        with self._lock:
            return int(self._items.currsize)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def __contains__(self, key) -> bool:
        with self._lock:
            return key in self._items

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def cache_dir(name: str) -> Path:
    """A folder for the app's disk caches, shared by every worker process of one server:
    ``$SCENE_TIMELINE_CACHE_DIR/<name>``, else ``<temp dir>/scene-timeline-<uid>/<name>``."""
    root = os.environ.get("SCENE_TIMELINE_CACHE_DIR") or os.path.join(
        tempfile.gettempdir(), f"scene-timeline-{os.getuid() if hasattr(os, 'getuid') else 'user'}")
    path = Path(root) / name
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


#: Bytes of storyline layouts kept on disk for every worker (a feature script's layout
#: pickles to ~100-300 kB).
LAYOUT_DISK_BYTES = 256 * MB
_LAYOUT_DISK: list = []  # [diskcache.Cache], opened on first use (one per process)
_LAYOUT_DISK_LOCK = Lock()


def layout_disk_cache():
    """The storyline layouts on disk, shared by the server's worker processes: a
    ``diskcache.Cache`` (``get``/``set``) in ``cache_dir("layouts")``, bounded by
    :data:`LAYOUT_DISK_BYTES`, least recently used out first. Keys are
    :func:`timeline.storyline.layout_key` (layers of character ids, order, algorithm
    version), so a reload, another worker or an edit that changes no layer finds the
    layout already made. None when the disk store cannot be opened (layouts are then
    only kept in memory)."""
    with _LAYOUT_DISK_LOCK:
        if not _LAYOUT_DISK:
            try:
                import diskcache

                _LAYOUT_DISK.append(diskcache.Cache(str(cache_dir("layouts")), size_limit=LAYOUT_DISK_BYTES,
                                                    eviction_policy="least-recently-used"))
            except Exception:  # noqa: BLE001  (no disk store: memory only)
                log.exception("layout disk cache unavailable")
                _LAYOUT_DISK.append(None)
        return _LAYOUT_DISK[0]
