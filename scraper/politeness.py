"""Politeness: one request at a time per netloc (host:port), with a pause between requests."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator


class Politeness:
    def __init__(self, default_delay_s: float):
        self.default_delay_s = default_delay_s
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._next_at: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, netloc: str, seconds: float) -> None:
        """A portal's own delay or a robots.txt Crawl-delay; the larger one set wins."""
        with self._guard:
            self._delays[netloc] = max(seconds, self._delays.get(netloc, 0.0))

    def delay(self, netloc: str) -> float:
        return self._delays.get(netloc, self.default_delay_s)

    def defer(self, netloc: str, seconds: float) -> None:
        """No request to netloc for `seconds` (a 429/503 Retry-After, or backoff)."""
        with self._guard:
            self._next_at[netloc] = max(self._next_at.get(netloc, 0.0), time.monotonic() + seconds)

    @contextmanager
    def slot(self, netloc: str) -> Iterator[None]:
        """Hold netloc's only slot for one request, after waiting out its delay."""
        with self._guard:
            lock = self._locks.setdefault(netloc, threading.Lock())
        with lock:
            wait = self._next_at.get(netloc, 0.0) - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                with self._guard:
                    self._next_at[netloc] = max(self._next_at.get(netloc, 0.0), time.monotonic() + self.delay(netloc))
