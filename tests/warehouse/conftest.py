"""Hand-built articles and records for warehouse tests (our own sentences, facts only from the corpus)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from warehouse_builders import kien_hai_three_sources  # noqa: E402


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "thidua.duckdb"


@pytest.fixture
def three_sources():
    return kien_hai_three_sources()
