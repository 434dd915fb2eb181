"""Fixtures for the run job: the demo's sample sites served on 127.0.0.1, a registry naming them."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from scraper.settings import CrawlSettings
from thidua.config import Settings
from thidua.demo.server import DemoSites

ROOT = Path(__file__).resolve().parents[2]
TWO_PORTALS = ["kbang", "mangyang"]      # Liferay with three listing pages, Joomla with a cp1258 page


@pytest.fixture
def sites():
    with DemoSites(only=TWO_PORTALS) as served:
        yield served


@pytest.fixture
def settings(tmp_path, sites) -> Settings:
    registry = sites.write_registry(tmp_path / "portals.toml")
    return Settings(db=tmp_path / "t.duckdb", portals=registry,
                    crawl=replace(CrawlSettings(), delay_per_host_s=0.0, batch_seconds=0.2, retries=0))


def thidua(*args: str, cwd: Path, env: dict | None = None, **popen) -> subprocess.Popen:
    """`thidua …` in its own process (for SIGKILL and lock tests), sharing this interpreter's venv."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "thidua.cli", *args], cwd=cwd, env=full_env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)
