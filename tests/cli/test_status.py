"""thidua status: runs, portal health and size after a run; a clear error before any."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from thidua.cli import app
from thidua.demo.server import DemoSites


def test_status_lists_runs_and_portal_health(tmp_path):
    db = tmp_path / "t.duckdb"
    with DemoSites(only=["mangyang"]) as sites:
        registry = sites.write_registry(tmp_path / "portals.toml")
        for _ in range(2):
            done = CliRunner().invoke(app, ["run", "-q", "--portals", str(registry), "--db", str(db),
                                            "--set", "delay_per_host_s=0"])
            assert done.exit_code == 0, done.output
    result = CliRunner().invoke(app, ["status", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"database  {db}  ") and " MB;" in result.output
    assert result.output.count("run-") == 2 and "mangyang" in result.output
    assert "last_success" in result.output and "consecutive_failures" in result.output

    data = json.loads(CliRunner().invoke(app, ["status", "--db", str(db), "--json"]).output)
    first, second = data["runs"][1], data["runs"][0]
    assert first["articles"] >= 3 and second["articles"] == 0 and second["fetched"] == 0
    assert data["health"][0]["portal_id"] == "mangyang" and data["health"][0]["consecutive_failures"] == 0
    assert data["bytes"] > 0 and data["running"] is None


def test_status_without_a_database_says_what_to_do(tmp_path):
    result = CliRunner().invoke(app, ["status", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert result.output == f"Error: no database at {tmp_path / 'none.duckdb'} (run `thidua run` or `thidua demo` first)\n"
