"""export: a view as Excel-safe CSV (BOM, fixed columns, ISO dates, "; " lists) or as Parquet."""
from __future__ import annotations

import codecs
import os
import shutil
from pathlib import Path

import duckdb

from schema import ThiduaError
from warehouse.query import readable

_SUMMARY = ("event_id", "event_date", "year", "event_types", "period", "province", "cluster_kind",
            "cluster_number", "cluster_name", "host", "venue", "cluster_leader", "cluster_deputy",
            "members", "member_count", "officials", "movements", "theme", "sources",
            "first_source_url", "first_published")

# what → (view, columns in file order, row order); the columns are documented in docs/warehouse.md
EXPORTS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "cluster-conferences": ("cluster_conferences", _SUMMARY, "event_date NULLS LAST, event_id"),
    "events": ("event_summary", _SUMMARY, "event_date NULLS LAST, event_id"),
    "officials": ("officials_at_events",
                  ("event_id", "event_date", "year", "event_types", "province", "cluster_kind",
                   "cluster_number", "cluster_name", "host", "name", "title", "unit", "unit_code",
                   "roles", "sources", "source_url"),
                  "event_date NULLS LAST, event_id, name"),
    "membership": ("cluster_membership",
                   ("province", "cluster_kind", "cluster_number", "cluster_name", "year", "unit",
                    "unit_name", "unit_type", "unit_code", "role", "events", "first_event_date",
                    "last_event_date"),
                   "province, cluster_kind, cluster_number, cluster_name, year, role, unit"),
}
FORMATS = ("csv", "parquet")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")   # a spreadsheet reads these as a formula


def export(db: str | Path | duckdb.DuckDBPyConnection, out: str | Path,
           what: str = "cluster-conferences", format: str = "csv") -> int:
    """Write one export to `out` (via a temp file and a rename); returns the rows written.

    Example: export("thidua.duckdb", Path("hoi_nghi.csv"), "cluster-conferences")
    """
    if what not in EXPORTS:
        raise ThiduaError(f"no export {what!r} (choose: {', '.join(EXPORTS)})", exit_code=2)
    if format not in FORMATS:
        raise ThiduaError(f"no format {format!r} (choose: {', '.join(FORMATS)})", exit_code=2)
    out = Path(out)
    if not out.parent.is_dir():
        raise ThiduaError(f"no directory {out.parent} for {out.name}")
    view, columns, order = EXPORTS[what]
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with readable(db) as con:
            if format == "csv":
                rows = _write_csv(con, view, columns, order, tmp)
            else:
                rows = _write_parquet(con, view, columns, order, tmp)
        os.replace(tmp, out)
    except duckdb.Error as e:
        raise ThiduaError(f"cannot export {what}: {str(e).strip().splitlines()[0]}") from e
    finally:
        tmp.unlink(missing_ok=True)
    return rows


def _write_csv(con, view: str, columns: tuple[str, ...], order: str, path: Path) -> int:
    """DuckDB writes the rows; the file gets a byte-order mark in front so Excel reads UTF-8."""
    types = dict((name, type_) for name, type_, *_ in
                 con.execute(f"DESCRIBE SELECT {', '.join(columns)} FROM {view}").fetchall())
    cells = ", ".join(_csv_cell(c, types[c]) for c in columns)
    body = path.with_name(path.name + ".body")
    try:
        (rows,) = con.execute(f"COPY (SELECT {cells} FROM {view} ORDER BY {order}) TO '{_quoted(body)}' "
                              f"(FORMAT csv, HEADER)").fetchone()
        with open(path, "wb") as out, open(body, "rb") as text:
            out.write(codecs.BOM_UTF8)
            shutil.copyfileobj(text, out, 1 << 20)
    finally:
        body.unlink(missing_ok=True)
    return rows


def _csv_cell(column: str, type_: str) -> str:
    """SQL turning a column into its CSV text: ISO dates, lists joined by "; ", formulas defused."""
    if type_ == "DATE":
        return f"strftime({column}, '%Y-%m-%d') AS {column}"
    if type_.startswith("TIMESTAMP"):
        return f"strftime({column}, '%Y-%m-%dT%H:%M:%S') AS {column}"
    if type_.endswith("[]"):
        text = f"array_to_string({column}, '; ')"
    elif type_ == "VARCHAR":
        text = column
    else:
        return column
    starts = ", ".join(f"chr({ord(c)})" for c in FORMULA_STARTS)
    return f"CASE WHEN left({text}, 1) IN ({starts}) THEN '''' || {text} ELSE {text} END AS {column}"


def _write_parquet(con, view: str, columns: tuple[str, ...], order: str, path: Path) -> int:
    (rows,) = con.execute(f"COPY (SELECT {', '.join(columns)} FROM {view} ORDER BY {order}) "
                          f"TO '{_quoted(path)}' (FORMAT parquet)").fetchone()
    return rows


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
