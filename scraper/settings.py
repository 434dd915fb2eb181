"""CrawlSettings: every knob of the crawler, with its default and the reason for it."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, Mapping

from schema import ThiduaError
from thidua import __version__

# Title/URL/snippet cues that an article may report an emulation event; matched without diacritics,
# so "thi-dua" in a URL slug matches "thi đua".
RELEVANCE_CUES = ("thi đua", "giao ước", "sơ kết", "tổng kết", "phát động", "khen thưởng",
                  "ký kết", "cụm thi đua", "khối thi đua", "điển hình tiên tiến")


@dataclass(frozen=True)
class CrawlSettings:
    obey_robots: bool = True                 # public bodies' sites: always polite
    contact_url: str = "https://example.org/thidua"   # set to a page that says who runs the crawl
    delay_per_host_s: float = 1.0            # many portals are small servers; a portal's own `delay` replaces it
    max_crawl_delay_s: float = 30.0          # a larger robots.txt Crawl-delay is capped here
    timeout_s: float = 30.0                  # connect and read, on every request
    retries: int = 3                         # extra attempts on retry_on statuses and timeouts
    retry_on: tuple[int, ...] = (429, 500, 502, 503, 504)
    backoff_base_s: float = 2.0              # wait base * 2**attempt between attempts
    backoff_max_s: float = 60.0
    retry_after_cap_s: float = 120.0         # a longer Retry-After leaves the URL for the next run
    max_page_bytes: int = 10_000_000         # larger pages are logged and skipped
    max_redirects: int = 5                   # longer chains are loops or traps
    listing_depth: int = 20                  # pages of one listing followed from its first page
    relevance_cues: tuple[str, ...] = RELEVANCE_CUES
    fetch_all: bool = False                  # True: fetch every article, not only those with a cue
    threads: int = 16                        # hosts crawled in parallel; one request at a time per host
    archive_rotate_bytes: int = 100_000_000  # start a new .warc.gz past this size
    batch_seconds: float = 5.0               # crawl state and articles written this often (a kill loses no more)
    batch_size: int = 5000                   # ... or at this many crawl-state rows, should a fast crawl get there
                                             # first (each write costs ~0.2 s of fixed work: fewer, larger ones)
    url_attempts: int = 3                    # a URL failing in this many runs is marked failed for good
    retry_later_s: float = 6 * 3600.0        # a failed URL waits this long before the next run tries it
    wayback_url: str = "https://web.archive.org"   # the archive `crawl --source wayback` reads (CDX API + replay)
    wayback_delay_s: float = 1.0             # at most one request a second to the archive
    wayback_page_size: int = 1000            # CDX rows per listing request (resumeKey pages through the rest)

    @property
    def user_agent(self) -> str:
        return f"thidua/{__version__} (+{self.contact_url})"

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], base: "CrawlSettings | None" = None) -> "CrawlSettings":
        """Settings from a config table (thidua.toml [crawl], env): unknown keys are errors.

        Example: CrawlSettings.from_mapping({"delay_per_host_s": 2})
        """
        known = {f.name: f for f in fields(cls)}
        changes: dict[str, Any] = {}
        for key, value in values.items():
            if key not in known:
                raise ThiduaError(f"unknown crawl setting {key!r} (known: {', '.join(sorted(known))})")
            default = getattr(cls, key)
            if isinstance(default, tuple):
                value = tuple(value)
            elif isinstance(default, bool):
                if not isinstance(value, bool):
                    raise ThiduaError(f"crawl setting {key} must be true or false")
            elif isinstance(default, (int, float)) and not isinstance(value, (int, float)):
                raise ThiduaError(f"crawl setting {key} must be a number")
            changes[key] = value
        return replace(base or cls(), **changes)
