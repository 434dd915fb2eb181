"""Retry: exponential backoff on retry_on statuses and timeouts, honouring a bounded Retry-After."""
from __future__ import annotations

from email.utils import parsedate_to_datetime
from datetime import datetime, timezone

from scraper.settings import CrawlSettings


class GiveUp(Exception):
    """The server asked for a longer wait than the settings allow: try again next run."""


def retry_after_s(value: str | None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


class Retry:
    def __init__(self, settings: CrawlSettings):
        self.settings = settings

    def should_retry(self, attempt: int, status: int | None) -> bool:
        """status None means a timeout or a dropped connection."""
        return attempt < self.settings.retries and (status is None or status in self.settings.retry_on)

    def wait_s(self, attempt: int, retry_after: str | None = None) -> float:
        asked = retry_after_s(retry_after)
        if asked is not None:
            if asked > self.settings.retry_after_cap_s:
                raise GiveUp(f"Retry-After {asked:.0f}s is longer than {self.settings.retry_after_cap_s:.0f}s")
            return asked
        return min(self.settings.backoff_max_s, self.settings.backoff_base_s * 2 ** attempt)
