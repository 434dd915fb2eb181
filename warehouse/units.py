"""load_units: the administrative gazetteer's rows into `units`, replacing what was there."""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable

import duckdb
import pyarrow as pa

from schema import ThiduaError
from warehouse.db import transaction
from warehouse.load import writable
from warehouse.staging import registered

COLUMNS = ("code", "name", "type", "level", "province", "province_code", "district_code",
           "valid_from", "valid_until", "province_2025", "history")
_TYPES = {"valid_from": pa.date32(), "valid_until": pa.date32()}


def load_units(db: str | Path | duckdb.DuckDBPyConnection, rows: Iterable[dict[str, Any]]) -> int:
    """Replace the `units` table by the gazetteer's rows (one per code); returns how many.

    Example: load_units("thidua.duckdb", Gazetteer.load().rows())
    """
    cols: dict[str, list] = {c: [] for c in COLUMNS}
    seen: set[str] = set()
    for row in rows:
        code, name = row.get("code"), row.get("name")
        if not code or not name:
            raise ThiduaError(f"gazetteer row without code or name: {_short(row)}")
        code = str(code)
        if code in seen:
            raise ThiduaError(f"gazetteer code {code} appears twice")
        seen.add(code)
        for c in COLUMNS:
            value = row.get(c)
            if c == "code":
                value = code
            elif c in _TYPES:
                value = _day(value, start=(c == "valid_from"), code=code)
            elif c == "history" and value is not None and not isinstance(value, str):
                value = json.dumps(value, ensure_ascii=False, default=str)
            elif value is not None:
                value = str(value)
            cols[c].append(value)
    table = pa.table({c: pa.array(v, type=_TYPES.get(c, pa.string())) for c, v in cols.items()})
    with writable(db) as con, transaction(con), registered(con, _units=table):
        con.execute("DELETE FROM units")
        con.execute(f"INSERT INTO units ({', '.join(COLUMNS)}) SELECT * FROM _units")
    return len(seen)


def _day(value: Any, start: bool, code: str) -> date | None:
    """A validity bound as a date; a bare year means its first (from) or last (until) day."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if text.isdigit() and len(text) == 4:
            return date(int(text), 1, 1) if start else date(int(text), 12, 31)
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ThiduaError(f"gazetteer code {code}: {value!r} is not a date or year") from None


def _short(row: dict) -> str:
    text = json.dumps(row, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "..."
