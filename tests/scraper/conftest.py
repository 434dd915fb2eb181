"""Fixtures for crawl tests: loopback sites in several CMS styles and fast crawl settings."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from loopback import LoopbackSite  # noqa: E402
from scraper.settings import CrawlSettings  # noqa: E402

FAST = CrawlSettings(delay_per_host_s=0.0, backoff_base_s=0.01, backoff_max_s=0.05, timeout_s=5.0,
                     batch_seconds=0.2, retry_later_s=0.0)


@pytest.fixture
def fast() -> CrawlSettings:
    return FAST


@pytest.fixture
def serve():
    """serve(routes) → a started LoopbackSite; every site is stopped after the test."""
    sites = []

    def start(routes, **kw) -> LoopbackSite:
        site = LoopbackSite(routes, **kw).__enter__()
        sites.append(site)
        return site

    yield start
    for site in sites:
        site.__exit__(None, None, None)
