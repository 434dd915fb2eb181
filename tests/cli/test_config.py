"""thidua config show: every setting with its source; bad settings are one-line usage errors."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from thidua.cli import app


def test_show_names_each_source(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    (tmp_path / "thidua.toml").write_text('log_keep = 7\n[crawl]\nthreads = 4\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["config", "show", "--db", "x.duckdb", "--set", "timeout_s=9"],
                                env={"THIDUA_EXPORT_DIR": "/srv/out"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"# config file: {tmp_path / 'thidua.toml'}"
    row = {line.split()[0]: line for line in lines[1:]}
    assert row["db"].split() == ["db", "x.duckdb", "(--db)"]
    assert row["export_dir"].split() == ["export_dir", "/srv/out", "(THIDUA_EXPORT_DIR)"]
    assert row["log_keep"].split() == ["log_keep", "7", f"({tmp_path / 'thidua.toml'})"]
    assert row["crawl.threads"].split()[1] == "4" and row["crawl.timeout_s"].split()[1:] == ["9.0", "(--timeout-s)"]
    assert row["archive"].split()[1:] == ["x-archive", "(default)"]

    data = json.loads(CliRunner().invoke(app, ["config", "show", "--json"]).output)
    assert data["log_keep"] == {"value": "7", "source": str(tmp_path / "thidua.toml")}


def test_bad_setting_exits_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "thidua.toml").write_text('colour = "red"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["config", "show"])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {tmp_path / 'thidua.toml'}: unknown setting 'colour' (known: db, ")
