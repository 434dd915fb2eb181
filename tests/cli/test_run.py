"""thidua run: arguments, exit statuses and output; the job itself is tested in tests/job/."""
from __future__ import annotations


import pytest
from typer.testing import CliRunner

from thidua.cli import app
from thidua.demo.server import DemoSites
from thidua.lock import RunLock


@pytest.fixture
def registry(tmp_path):
    with DemoSites(only=["ankhe"]) as sites:
        yield sites.write_registry(tmp_path / "portals.toml")


def invoke(*args: str, env: dict | None = None):
    return CliRunner().invoke(app, list(args), env={"THIDUA_CRAWL_DELAY_PER_HOST_S": "0", **(env or {})})


def test_run_prints_a_summary_and_exits_0(tmp_path, registry):
    result = invoke("run", "--portals", str(registry), "--db", str(tmp_path / "t.duckdb"),
                    "--export-dir", str(tmp_path / "out"), "--exports", "csv")
    assert result.exit_code == 0, result.output
    assert "run run-" in result.output and "articles" in result.output
    assert f"export   {tmp_path / 'out' / 'cluster_conferences.csv'}" in result.output
    assert not (tmp_path / "out" / "cluster_conferences.parquet").exists()


def test_quiet_run_prints_nothing_when_all_is_well(tmp_path, registry):
    result = invoke("run", "--quiet", "--portals", str(registry), "--db", str(tmp_path / "t.duckdb"))
    assert result.exit_code == 0 and result.output == ""
    assert (tmp_path / "t-export" / "cluster_conferences.csv").exists()


def test_unreachable_portal_exits_1_and_is_named_even_when_quiet(tmp_path):
    registry = tmp_path / "down.toml"
    registry.write_text('[[portal]]\nid = "down"\nname = "Cổng đã tắt"\nbase_url = "http://127.0.0.1:9"\n'
                        'cms = "generic"\n', encoding="utf-8")
    result = invoke("run", "-q", "--portals", str(registry), "--db", str(tmp_path / "t.duckdb"),
                    "--set", "retries=0", "--set", "timeout_s=2")
    assert result.exit_code == 1
    assert "failed   down: all " in result.output


@pytest.mark.parametrize("args, message", [
    (["--portals", "nowhere.toml"], "Error: nowhere.toml: no such portal registry"),
    (["--portal", "nope"], "Error: no portal 'nope' in the registry"),
    (["--since", "yesterday"], "Error: --since must be YYYY-MM-DD, not 'yesterday'"),
    (["--set", "delay"], "Error: --set takes NAME=VALUE, not 'delay'"),
    (["--exports", "xlsx"], "Error: --exports: no export format 'xlsx' (choose from: csv, parquet)"),
])
def test_bad_usage_exits_2_with_one_line(tmp_path, args, message):
    result = invoke("run", "--db", str(tmp_path / "t.duckdb"), *args)
    assert result.exit_code == 2
    assert result.output.strip() == message


def test_locked_database_exits_3(tmp_path, registry):
    db = tmp_path / "t.duckdb"
    with RunLock(db, "run-other"):
        result = invoke("run", "--portals", str(registry), "--db", str(db))
    assert result.exit_code == 3
    assert result.output.startswith(f"Error: another thidua run holds {db}.lock (pid ")
