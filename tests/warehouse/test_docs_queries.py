"""Every example query in docs/warehouse.md runs on a loaded database."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from warehouse_builders import kien_hai_three_sources, other_events

from warehouse import connect, load_records, query

DOC = Path(__file__).resolve().parents[2] / "docs" / "warehouse.md"
BLOCKS = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
STATEMENTS = [s.strip() for block in BLOCKS for s in block.split(";") if s.strip()]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    db = tmp_path_factory.mktemp("docs") / "thidua.duckdb"
    load_records(db, kien_hai_three_sources() + other_events())
    return db


def test_the_doc_has_examples_for_every_view():
    text = " ".join(STATEMENTS)
    for view in ("cluster_conferences", "cluster_membership", "officials_at_events", "movements_by_year",
                 "unit_activity", "event_evidence", "crawl_health"):
        assert f"FROM {view}" in text, view


@pytest.mark.parametrize("sql", STATEMENTS, ids=[s.split("\n")[0][:50] for s in STATEMENTS])
def test_example_query_runs(loaded, sql):
    columns, rows = query(loaded, sql)
    assert columns


def test_the_doc_lists_every_view_in_the_database(loaded):
    con = connect(loaded, read_only=True)
    views = {v for (v,) in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    con.close()
    text = DOC.read_text(encoding="utf-8")
    assert all(f"`{v}`" in text for v in views)
