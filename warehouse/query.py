"""Read-only access: query() for `thidua sql`, stats() for `thidua status`, render() for people."""
from __future__ import annotations

import csv
import io
import json
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

import duckdb

from schema import ThiduaError
from warehouse.db import first_line, session

READ_ONLY = ("SELECT", "EXPLAIN")
RENDERINGS = ("table", "csv", "json")
TABLES = ("articles", "records", "events", "event_sources", "event_units", "officials",
          "event_movements", "units", "loads", "portals", "pages", "frontier", "fetch_log")
CELL_WIDTH = 60   # table rendering: longer cells are cut with "…"


@contextmanager
def readable(db: str | Path | duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """The caller's connection as it is, or a read-only session on a path."""
    if isinstance(db, duckdb.DuckDBPyConnection):
        yield db
    else:
        with session(db, read_only=True) as con:
            yield con


def query(db: str | Path | duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple]]:
    """Run one read-only statement; (column names, rows). Writes raise ThiduaError.

    Example: cols, rows = query("thidua.duckdb", "SELECT province, count(*) FROM events GROUP BY 1")
    """
    with readable(db) as con:
        try:
            statements = con.extract_statements(sql)
            if len(statements) != 1:
                raise ThiduaError(f"give one SQL statement, not {len(statements)}")
            kind = statements[0].type.name
            if kind not in READ_ONLY:
                raise ThiduaError(f"only read-only queries run here (SELECT, EXPLAIN), not {kind}")
            cursor = con.execute(sql)
            columns = [d[0] for d in cursor.description or []]
            return columns, cursor.fetchall()
        except duckdb.Error as e:
            raise ThiduaError(first_line(e)) from e


def stats(db: str | Path | duckdb.DuckDBPyConnection, last_loads: int = 5) -> dict[str, Any]:
    """Rows per table, schema version, file size and the last loads, newest first.

    Example: stats("thidua.duckdb")["tables"]["events"]
    """
    with readable(db) as con:
        size = None if isinstance(db, duckdb.DuckDBPyConnection) else Path(db).stat().st_size
        present = {name for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()").fetchall()}
        tables = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES if t in present}
        version = (con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
                   if "schema_migrations" in present else None)
        loads: list[dict[str, Any]] = []
        if "loads" in present:
            cursor = con.execute("SELECT * FROM loads ORDER BY started_at DESC, load_id LIMIT ?",
                                 [last_loads])
            names = [d[0] for d in cursor.description]
            loads = [dict(zip(names, row)) for row in cursor.fetchall()]
    return {"database": None if size is None else str(db), "bytes": size,
            "schema_version": version, "tables": tables, "loads": loads}


def render(columns: list[str], rows: list[tuple], format: str = "table") -> str:
    """Rows as an aligned text table, CSV (no BOM) or JSON Lines."""
    check_format(format)
    if format == "json":
        return "".join(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=_plain) + "\n"
                       for row in rows)
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_text(v) for v in row] for row in rows])
        return buffer.getvalue()
    cells = [[_cut(_text(v)) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def check_format(format: str) -> None:
    if format not in RENDERINGS:
        raise ThiduaError(f"no format {format!r} (choose: {', '.join(RENDERINGS)})", exit_code=2)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _cut(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= CELL_WIDTH else text[:CELL_WIDTH - 1] + "…"


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return str(value)
