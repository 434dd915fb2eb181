"""ensure_units: the warehouse's `units` table filled from the gazetteer — every pre-2025 unit with the
province it belongs to since 1 July 2025 (province_2025), so events can be asked for by today's map."""
from __future__ import annotations

import threading
from pathlib import Path

from warehouse import load_units
from warehouse.crawl_state import patient_session

_done: set[str] = set()
_lock = threading.Lock()


def ensure_units(db: str | Path) -> int:
    """Load the gazetteer into `units` when the table does not hold it yet; returns the rows loaded (0: current).

    Checked once per database per process, so the pipeline may call it before every load.
    Example: ensure_units("thidua.duckdb")
    """
    key = str(Path(db).resolve())
    with _lock:
        if key in _done:
            return 0
        from extract.gazetteer import Gazetteer
        rows = list(Gazetteer.load().rows())
        with patient_session(db) as con:
            have = con.execute("SELECT count(*), count(province_2025) FROM units").fetchone()
            loaded = 0 if have == (len(rows), sum(r["province_2025"] is not None for r in rows)) \
                else load_units(con, rows)
        _done.add(key)
        return loaded
