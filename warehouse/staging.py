"""Arrow tables handed to SQL by name, without DuckDB holding on to them for a whole transaction."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import duckdb
import pyarrow as pa


@contextmanager
def registered(con, **tables: pa.Table) -> Iterator[None]:
    """Arrow tables copied into temp tables of those names for the length of the block.

    For small tables (ids, mappings): con.register would keep every Arrow table alive until the
    transaction ends, and a temp table made and dropped inside a transaction keeps its memory until
    the commit too. Large staging data is queried in place instead (write._query).
    """
    for name, table in tables.items():
        _copy(con, name, table)
    try:
        yield
    finally:
        for name in tables:
            try:
                con.execute(f"DROP TABLE IF EXISTS {name}")
            except duckdb.Error:          # an aborted transaction drops them with its rollback
                pass


def _copy(con, name: str, table: pa.Table) -> None:
    con.from_arrow(table).query("arrow_rows", f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM arrow_rows")
