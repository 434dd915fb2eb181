"""robots.txt per netloc, read once per run (protego): Allow/Disallow, Crawl-delay, Sitemap lines."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable

from protego import Protego

from scraper.urls import netloc

AGENT = "thidua"


@dataclass(frozen=True, slots=True)
class RobotsFile:
    rules: Protego | None        # None: allow everything (404 and other 4xx)
    unreachable: str | None = None   # 5xx, 429 or no answer: assume complete disallow (RFC 9309 §2.3.1.4)

    def allowed(self, url: str) -> bool:
        if self.unreachable:
            return False
        return self.rules is None or self.rules.can_fetch(url, AGENT)

    def crawl_delay(self) -> float | None:
        if self.rules is None:
            return None
        delay = self.rules.crawl_delay(AGENT)
        return float(delay) if delay is not None else None

    def sitemaps(self) -> list[str]:
        return list(self.rules.sitemaps) if self.rules is not None else []


class Robots:
    """fetch_robots(url) → (status or None, text) is the fetcher's raw GET (polite, archived, no robots check)."""

    def __init__(self, fetch_robots: Callable[[str], tuple[int | None, str]], obey: bool = True):
        self.fetch_robots = fetch_robots
        self.obey = obey
        self._files: dict[str, RobotsFile] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def for_url(self, url: str) -> RobotsFile:
        key = netloc(url)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._files:
                self._files[key] = self._read(url)
            return self._files[key]

    def allowed(self, url: str) -> bool:
        return not self.obey or self.for_url(url).allowed(url)

    def unreachable(self, url: str) -> str | None:
        """Why robots.txt could not be read (the host is then left for the next run), or None."""
        return self.for_url(url).unreachable if self.obey else None

    def _read(self, url: str) -> RobotsFile:
        scheme = url.split(":", 1)[0]
        status, text = self.fetch_robots(f"{scheme}://{netloc(url)}/robots.txt")
        if status is None or status >= 500 or status == 429:
            return RobotsFile(None, unreachable=f"robots.txt unreachable ({f'HTTP {status}' if status else 'no answer'})")
        if status >= 400:
            return RobotsFile(None)
        return RobotsFile(Protego.parse(text))
