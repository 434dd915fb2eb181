"""Opening the DuckDB file: ordered SQL migrations, a schema_migrations table, friendly lock errors."""
from __future__ import annotations

import re
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Iterator

import duckdb

from schema import ThiduaError

MIGRATIONS = "warehouse.migrations"
MEMORY_LIMIT = "256MB"   # DuckDB buffer pool per process; loads of a few 100k articles fit, spilling to disk
_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every packaged migration, in order; numbers must be unique."""
    found: dict[int, tuple[int, str, str]] = {}
    for entry in resources.files(MIGRATIONS).iterdir():
        m = _NAME.match(entry.name)
        if not m:
            continue
        version = int(m.group(1))
        if version in found:
            raise RuntimeError(f"two migrations numbered {version:03d}: {found[version][1]}, {m.group(2)}")
        found[version] = (version, m.group(2), entry.read_text(encoding="utf-8"))
    return [found[v] for v in sorted(found)]


def connect(path: str | Path, read_only: bool = False, threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, upgrading its schema first when opened read-write; `threads` caps DuckDB's own.

    Example: con = connect("thidua.duckdb"); con.sql("SELECT * FROM cluster_conferences")
    """
    path = Path(path)
    if read_only and not path.exists():
        raise ThiduaError(f"no database at {path} (run `thidua run` or `thidua demo` first)")
    try:
        con = duckdb.connect(str(path), read_only=read_only, config={"threads": threads} if threads else {})
    except duckdb.Error as e:
        if "lock" in str(e).lower():
            if read_only:
                raise ThiduaError(f"{path} is being written by another thidua process; retry in a moment") from e
            raise ThiduaError(f"{path} is open in another process; retry in a moment") from e
        raise ThiduaError(f"cannot open {path}: {first_line(e)}") from e
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    if not read_only:
        try:
            upgrade(con)
        except BaseException:
            con.close()
            raise
    return con


def first_line(error: BaseException) -> str:
    """DuckDB messages can run to several lines; users get the first."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def upgrade(con: duckdb.DuckDBPyConnection, target: int | None = None) -> list[int]:
    """Apply the migrations this database has not seen (up to `target`), each in its own transaction."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)")
    done = {v for (v,) in con.execute("SELECT version FROM schema_migrations").fetchall()}
    known = migrations()
    newest = max((v for v, _, _ in known), default=0)
    if done and max(done) > newest:
        raise ThiduaError(f"this database has schema version {max(done)}, newer than this thidua "
                          f"knows ({newest}); upgrade thidua")
    applied = []
    for version, name, sql in known:
        if version in done or (target is not None and version > target):
            continue
        with transaction(con):
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now()::TIMESTAMP)", [version, name])
        applied.append(version)
    return applied


_OPEN: set[int] = set()   # connections inside a transaction() block


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN … COMMIT, or ROLLBACK on any exception, so a failed load leaves nothing behind.

    Inside another transaction() block on the same connection, it joins that one: the outer commits.
    """
    if id(con) in _OPEN:
        yield con
        return
    con.execute("BEGIN TRANSACTION")
    _OPEN.add(id(con))
    try:
        yield con
    except BaseException:
        _OPEN.discard(id(con))
        con.execute("ROLLBACK")
        raise
    _OPEN.discard(id(con))
    con.execute("COMMIT")


@contextmanager
def session(path: str | Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived connection: the crawl job opens the file only for the length of one batch."""
    con = connect(path, read_only=read_only)
    try:
        yield con
    finally:
        con.close()
