"""status(): what `thidua status` shows — last runs, per-portal health, database size, a run in progress."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schema import ThiduaError
from thidua.lock import Holder, holder_of

RUN_COLUMNS = ("run_id", "started_at", "finished_at", "portals", "fetched", "not_modified", "failed",
               "articles", "events")
HEALTH_COLUMNS = ("portal_id", "pages", "last_success", "failures", "consecutive_failures", "articles",
                  "event_articles")


@dataclass
class Status:
    db: Path
    bytes: int
    running: Holder | None
    runs: list[dict[str, Any]] = field(default_factory=list)
    health: list[dict[str, Any]] = field(default_factory=list)
    tables: dict[str, int] = field(default_factory=dict)


def status(db: Path, last_runs: int = 10) -> Status:
    """Read-only look at a warehouse; raises ThiduaError when there is none.

    Example: status(Path("thidua.duckdb")).runs[0]["articles"]
    """
    from warehouse import stats
    from warehouse.query import readable

    if not db.exists():
        raise ThiduaError(f"no database at {db} (run `thidua run` or `thidua demo` first)")
    size = sum(p.stat().st_size for p in (db, Path(f"{db}.wal")) if p.exists())
    found = Status(db, size, holder_of(db))
    with readable(db) as con:
        found.tables = stats(con)["tables"]
        names = {n for (n,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        names |= {n for (n,) in con.execute("SELECT view_name FROM duckdb_views()").fetchall()}
        if "crawl_runs" in names:
            found.runs = _dicts(con, f"SELECT {', '.join(RUN_COLUMNS)} FROM crawl_runs "
                                     "ORDER BY started_at DESC LIMIT ?", [last_runs])
        if "crawl_health" in names:
            found.health = _dicts(con, f"SELECT {', '.join(HEALTH_COLUMNS)} FROM crawl_health "
                                       "ORDER BY consecutive_failures DESC, portal_id")
    return found


def _dicts(con, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def render(found: Status, portals: int = 20) -> str:
    """The status as a short text screen: running run, size, last runs, the least healthy portals."""
    from warehouse.query import render as table

    lines = [f"database  {found.db}  {_size(found.bytes)}; "
             f"{found.tables.get('articles', 0)} articles, {found.tables.get('events', 0)} events, "
             f"{found.tables.get('pages', 0)} pages"]
    if found.running:
        lines.append(f"running   {found.running.run_id or 'a run'} ({found.running.describe()})")
    lines.append("")
    lines.append("last runs")
    if found.runs:
        rows = [tuple(_cell(r[c]) for c in RUN_COLUMNS) for r in found.runs]
        lines.append(table(list(RUN_COLUMNS), rows).rstrip())
    else:
        lines.append("  none yet")
    lines.append("")
    lines.append("portal health (most consecutive failures first)")
    if found.health:
        rows = [tuple(_cell(r[c]) for c in HEALTH_COLUMNS) for r in found.health[:portals]]
        lines.append(table(list(HEALTH_COLUMNS), rows).rstrip())
        if len(found.health) > portals:
            lines.append(f"  … {len(found.health) - portals} more: thidua sql \"SELECT * FROM crawl_health\"")
    else:
        lines.append("  no portal crawled yet")
    return "\n".join(lines)


def _cell(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ", timespec="seconds") if hasattr(value, "hour") else value.isoformat()
    return "" if value is None else value


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"   # pragma: no cover
