"""thidua sql: formats, exit codes and exact messages, including a database another process writes."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "warehouse"))

from warehouse_builders import kien_hai_three_sources  # noqa: E402

from thidua.cli import app  # noqa: E402
from warehouse import load_records  # noqa: E402

SQL = "SELECT event_date, member_count, host FROM cluster_conferences"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "thidua.duckdb"
    load_records(path, kien_hai_three_sources())
    return path


def run(*args):
    return CliRunner().invoke(app, ["sql", *map(str, args)])


def test_table_is_the_default(db):
    result = run(SQL, "--db", db)
    assert result.exit_code == 0
    assert result.output.splitlines() == ["event_date  member_count  host",
                                          "----------  ------------  --------------",
                                          "2021-03-24  4             huyện Kiên Hải",
                                          "(1 row)"]


def test_csv_and_json(db):
    assert run(SQL, "--db", db, "--format", "csv").output == \
        "event_date,member_count,host\n2021-03-24,4,huyện Kiên Hải\n"
    result = run(SQL, "--db", db, "-f", "json")
    assert json.loads(result.output) == {"event_date": "2021-03-24", "member_count": 4, "host": "huyện Kiên Hải"}


def test_a_write_is_refused_with_exit_1(db):
    result = run("DELETE FROM events", "--db", db)
    assert (result.exit_code, result.stderr) == (1, "Error: only read-only queries run here (SELECT, EXPLAIN), not DELETE\n")
    assert run("SELECT count(*) AS n FROM events", "--db", db, "-f", "csv").output == "n\n1\n"


def test_bad_sql_is_one_line(db):
    result = run("SELEC 1", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Parser Error: syntax error at or near \"SELEC\"")
    assert result.stderr.count("\n") == 1


def test_unknown_format_is_a_usage_error_before_the_query_runs(tmp_path):
    result = run("SELECT 1", "--db", tmp_path / "none.duckdb", "--format", "xml")
    assert (result.exit_code, result.stderr) == (2, "Error: no format 'xml' (choose: table, csv, json)\n")


def test_missing_default_database_says_what_to_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("THIDUA_DB", raising=False)
    result = run("SELECT 1")
    assert (result.exit_code, result.stderr) == \
        (1, "Error: no database at thidua.duckdb (run `thidua run` or `thidua demo` first)\n")


HOLDER = textwrap.dedent("""
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.read()
""")


def test_a_database_being_written_gives_a_retry_message_not_a_traceback(db):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = subprocess.run([sys.executable, "-m", "thidua.cli", "sql", SQL, "--db", str(db)],
                                capture_output=True, text=True, timeout=60)
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"Error: {db} is being written by another thidua process; retry in a moment\n"
