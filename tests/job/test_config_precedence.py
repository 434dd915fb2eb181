"""Settings precedence, written once: defaults < thidua.toml (cwd, then ~/.config) < THIDUA_* < flags."""
from __future__ import annotations

from pathlib import Path

import pytest

from schema import ThiduaError
from thidua.config import USAGE_ERROR, Settings, describe, resolve


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    work = tmp_path / "work"
    work.mkdir()
    return tmp_path


def test_defaults_and_folders_beside_the_database(home):
    found = resolve(env={}, cwd=home / "work")
    assert found.settings == Settings() and found.config_file is None
    s = resolve({"db": Path("/srv/x/thidua.duckdb")}, env={}, cwd=home / "work").settings
    assert (s.archive_dir, s.export_path, s.log_path) == (
        Path("/srv/x/thidua-archive"), Path("/srv/x/thidua-export"), Path("/srv/x/thidua-logs"))


def test_each_layer_overrides_the_one_before(home, monkeypatch):
    user = home / "xdg" / "thidua" / "thidua.toml"
    user.parent.mkdir(parents=True)
    user.write_text('db = "user.duckdb"\nlog_keep = 5\n[crawl]\ndelay_per_host_s = 3\n', encoding="utf-8")
    found = resolve(env={}, cwd=home / "work")
    assert found.config_file == user and found.settings.db == Path("user.duckdb")
    assert found.settings.crawl.delay_per_host_s == 3

    local = home / "work" / "thidua.toml"
    local.write_text('db = "local.duckdb"\nexports = ["csv"]\n[crawl]\ndelay_per_host_s = 2\n', encoding="utf-8")
    found = resolve(env={}, cwd=home / "work")
    assert found.config_file == local and found.settings.log_keep == 30      # only the first file found is read
    assert (found.settings.db, found.settings.exports) == (Path("local.duckdb"), ("csv",))

    env = {"THIDUA_DB": "env.duckdb", "THIDUA_CRAWL_DELAY_PER_HOST_S": "1.5", "THIDUA_CRAWL_FETCH_ALL": "yes"}
    found = resolve(env=env, cwd=home / "work")
    assert found.settings.db == Path("env.duckdb") and found.settings.crawl.delay_per_host_s == 1.5
    assert found.settings.crawl.fetch_all is True

    found = resolve({"db": Path("flag.duckdb"), "crawl.delay_per_host_s": 0.5, "exports": None}, env=env,
                    cwd=home / "work")
    assert found.settings.db == Path("flag.duckdb") and found.settings.crawl.delay_per_host_s == 0.5
    assert found.sources["db"] == "--db" and found.sources["exports"] == str(local)
    assert found.sources["crawl.fetch_all"] == "THIDUA_CRAWL_FETCH_ALL"
    rows = {k: (v, s) for k, v, s in describe(found)}
    assert rows["crawl.delay_per_host_s"] == ("0.5", "--delay-per-host-s") and rows["log_keep"] == ("30", "default")


def test_explicit_config_file_replaces_the_lookup(home):
    (home / "work" / "thidua.toml").write_text('db = "local.duckdb"\n', encoding="utf-8")
    chosen = home / "chosen.toml"
    chosen.write_text('db = "chosen.duckdb"\n', encoding="utf-8")
    assert resolve(config=chosen, env={}, cwd=home / "work").settings.db == Path("chosen.duckdb")
    assert resolve(env={"THIDUA_CONFIG": str(chosen)}, cwd=home / "work").settings.db == Path("chosen.duckdb")


@pytest.mark.parametrize("text, message", [
    ('dbb = "x"\n', "unknown setting 'dbb'"),
    ("log_keep = 0\n", "log_keep must be 1 or more"),
    ('exports = ["xlsx"]\n', "no export format 'xlsx'"),
    ("[crawl]\nspeed = 2\n", "unknown crawl setting 'speed'"),
    ("[crawl]\nobey_robots = 1\n", "obey_robots must be true or false"),
    ("db = \n", "thidua.toml"),
])
def test_bad_file_is_a_usage_error(home, text, message):
    (home / "work" / "thidua.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ThiduaError, match=message) as bad:
        resolve(env={}, cwd=home / "work")
    assert bad.value.exit_code == USAGE_ERROR


@pytest.mark.parametrize("env, message", [
    ({"THIDUA_LOG_KEEP": "many"}, "THIDUA_LOG_KEEP must be a whole number"),
    ({"THIDUA_CRAWL_TIMEOUT_S": "soon"}, "THIDUA_CRAWL_TIMEOUT_S='soon' is not a valid value"),
    ({"THIDUA_CRAWL_NOPE": "1"}, "THIDUA_CRAWL_NOPE: unknown crawl setting"),
    ({"THIDUA_CONFIG": "/nowhere/thidua.toml"}, "no such config file"),
])
def test_bad_environment_is_a_usage_error(home, env, message):
    with pytest.raises(ThiduaError, match=message) as bad:
        resolve(env=env, cwd=home / "work")
    assert bad.value.exit_code == USAGE_ERROR
