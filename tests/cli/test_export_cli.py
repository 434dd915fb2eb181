"""thidua export: arguments, exit codes and messages; the writing itself is tested in tests/warehouse."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "warehouse"))

from warehouse_builders import kien_hai_three_sources  # noqa: E402

from thidua.cli import app  # noqa: E402
from warehouse import load_records  # noqa: E402


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "thidua.duckdb"
    load_records(path, kien_hai_three_sources())
    return path


def run(*args):
    return CliRunner().invoke(app, ["export", *map(str, args)])


def test_export_writes_the_file_and_says_how_many_rows(db, tmp_path):
    out = tmp_path / "hoi_nghi.csv"
    result = run("cluster-conferences", "--db", db, "--out", out)
    assert (result.exit_code, result.output) == (0, f"1 rows → {out}\n")
    assert out.read_bytes().startswith(b"\xef\xbb\xbfevent_id,event_date,")


def test_parquet_and_default_file_name_in_the_working_directory(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("officials", "--db", db, "--format", "parquet")
    assert (result.exit_code, result.output) == (0, "2 rows → officials.parquet\n")
    assert (tmp_path / "officials.parquet").stat().st_size > 0


def test_default_database_is_thidua_duckdb_here(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("THIDUA_DB", raising=False)
    result = run("membership", "-o", "m.csv")
    assert (result.exit_code, result.output) == (0, "5 rows → m.csv\n")


def test_unknown_export_is_a_usage_error(db):
    result = run("meetings", "--db", db)
    assert result.exit_code == 2
    assert result.stderr == "Error: no export 'meetings' (choose: cluster-conferences, events, officials, membership)\n"


def test_unknown_format_is_a_usage_error(db, tmp_path):
    result = run("events", "--db", db, "--format", "xlsx", "--out", tmp_path / "e.xlsx")
    assert (result.exit_code, result.stderr) == (2, "Error: no format 'xlsx' (choose: csv, parquet)\n")


def test_missing_database_is_one_line(tmp_path):
    result = run("events", "--db", tmp_path / "none.duckdb", "--out", tmp_path / "e.csv")
    assert result.exit_code == 1
    assert result.stderr == f"Error: no database at {tmp_path / 'none.duckdb'} (run `thidua run` or `thidua demo` first)\n"
    assert not (tmp_path / "e.csv").exists()


def test_what_is_required():
    result = run()
    assert result.exit_code == 2 and "Missing argument 'WHAT'" in result.output
