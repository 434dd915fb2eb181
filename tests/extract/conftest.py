"""Recogniser tests read short sentences written for the purpose (never copied from real articles)."""
from __future__ import annotations

import pytest

from extract.context import build_plain


@pytest.fixture
def ctx():
    return build_plain
