import subprocess
import sys
import textwrap

import duckdb
import pytest

from schema import ThiduaError
from warehouse import connect, load_records, upgrade
from warehouse.db import migrations

VIEWS = {"event_summary", "cluster_conferences", "cluster_membership", "officials_at_events",
         "movements_by_year", "unit_activity", "event_evidence", "crawl_health"}
TABLES = {"units", "articles", "records", "events", "event_sources", "event_units", "officials",
          "event_movements", "loads", "portals", "pages", "frontier", "fetch_log", "schema_migrations"}


def names(con, kind):
    if kind == "views":
        return {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    return {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


def test_migrations_are_numbered_once_and_in_order():
    versions = [v for v, _, _ in migrations()]
    assert versions == sorted(set(versions)) and versions[:3] == [1, 2, 3]


def test_empty_database_gets_every_table_and_view(db):
    con = connect(db)
    assert names(con, "tables") >= TABLES
    assert names(con, "views") >= VIEWS
    assert [v for (v,) in con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()] == \
        [v for v, _, _ in migrations()]
    assert upgrade(con) == []     # opening again applies nothing
    con.close()


def test_older_schema_upgrades_without_losing_rows(db, three_sources):
    con = duckdb.connect(str(db))
    assert upgrade(con, target=1) == [1]
    assert "pages" not in names(con, "tables") and not names(con, "views") & VIEWS
    con.execute("INSERT INTO units (code, name, type, province) VALUES ('91-kh', 'Kiên Hải', 'huyện', 'Kiên Giang')")
    con.close()

    con = connect(db)           # a newer thidua opens the old file
    assert names(con, "views") >= VIEWS and "pages" in names(con, "tables")
    assert con.execute("SELECT name FROM units").fetchall() == [("Kiên Hải",)]
    load_records(con, three_sources)
    assert con.execute("SELECT count(*) FROM cluster_conferences").fetchone() == (1,)
    con.close()


def test_database_from_a_newer_thidua_is_refused(db):
    connect(db).close()
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_migrations VALUES (999, 'future', now()::TIMESTAMP)")
    con.close()
    with pytest.raises(ThiduaError, match=r"schema version 999, newer than this thidua knows"):
        connect(db)


def test_read_only_open_of_a_missing_file_says_what_to_run(tmp_path):
    with pytest.raises(ThiduaError) as e:
        connect(tmp_path / "none.duckdb", read_only=True)
    assert str(e.value) == f"no database at {tmp_path / 'none.duckdb'} (run `thidua run` or `thidua demo` first)"


HOLDER = textwrap.dedent("""
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])
    con.execute("CREATE TABLE IF NOT EXISTS held (x INTEGER)")
    print("ready", flush=True)
    sys.stdin.read()
""")


@pytest.fixture
def writer_process(db):
    """Another process holding the database open read-write, as a crawl's load would."""
    connect(db).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    yield proc
    proc.stdin.close()
    proc.wait(timeout=10)


def test_reader_meeting_a_writer_gets_one_line_retry_message(db, writer_process):
    with pytest.raises(ThiduaError) as e:
        connect(db, read_only=True)
    assert str(e.value) == f"{db} is being written by another thidua process; retry in a moment"


def test_writer_meeting_a_writer_gets_one_line_retry_message(db, writer_process):
    with pytest.raises(ThiduaError) as e:
        load_records(db, [])
    assert str(e.value) == f"{db} is open in another process; retry in a moment"


def test_reader_succeeds_once_the_writer_is_gone(db, writer_process):
    writer_process.stdin.close()
    writer_process.wait(timeout=10)
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM events").fetchone() == (0,)
    con.close()
