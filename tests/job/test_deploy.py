"""The scheduling recipes under deploy/ parse: systemd units (systemd-analyze when present), crontab, example config."""
from __future__ import annotations

import configparser
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from thidua.cli import app
from thidua.config import resolve

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
INSTALLED = "/opt/thidua/.venv/bin/thidua"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str
    parser.read_string((DEPLOY / name).read_text(encoding="utf-8"))
    return parser


def run_options() -> set[str]:
    command = typer.main.get_command(app).commands["run"]
    return {opt for param in command.params for opt in param.opts + param.secondary_opts}


def check_run_command(line: str) -> None:
    """`…/thidua run --flags`: the program is the installed thidua and every flag is one `run` takes."""
    words = shlex.split(line)
    assert words[0] == INSTALLED and words[1] == "run"
    flags = [w.split("=", 1)[0] for w in words[2:] if w.startswith("-")]
    assert flags and set(flags) <= run_options()


def test_service_runs_thidua_run_quietly_and_accepts_the_locked_status():
    service = unit("thidua.service")
    assert service["Service"]["Type"] == "oneshot"
    check_run_command(service["Service"]["ExecStart"])
    assert service["Service"]["SuccessExitStatus"] == "3"
    assert service["Service"]["WorkingDirectory"] in service["Service"]["ReadWritePaths"].split()


def test_timer_starts_the_service_nightly_and_catches_up():
    timer = unit("thidua.timer")
    assert timer["Timer"]["Unit"] == "thidua.service" and timer["Timer"]["Persistent"] == "true"
    assert re.fullmatch(r"\*-\*-\* \d\d:\d\d:\d\d", timer["Timer"]["OnCalendar"])
    assert timer["Install"]["WantedBy"] == "timers.target"


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_units_pass_systemd_analyze_verify(tmp_path):
    here = shutil.which("thidua") or str(Path(sys.executable).with_name("thidua"))
    text = (DEPLOY / "thidua.service").read_text(encoding="utf-8").replace(INSTALLED, here)
    (tmp_path / "thidua.service").write_text(text, encoding="utf-8")
    shutil.copy(DEPLOY / "thidua.timer", tmp_path / "thidua.timer")
    done = subprocess.run(["systemd-analyze", "verify", "thidua.service", "thidua.timer"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    ours = [line for line in done.stderr.splitlines() if "thidua." in line]
    assert done.returncode == 0 and not ours, done.stderr


def test_crontab_line_is_valid_and_quiet():
    lines = [l for l in (DEPLOY / "crontab").read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.startswith("#") and "=" not in l.split()[0]]
    assert len(lines) == 1
    fields = lines[0].split(None, 5)
    ranges = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]
    for field, (low, high) in zip(fields[:5], ranges):
        assert field == "*" or low <= int(field) <= high
    command = fields[5].split("&&")
    assert command[0].strip().startswith("cd /") and "--quiet" in command[-1]
    check_run_command(command[-1].strip())


def test_example_config_is_accepted():
    settings = resolve(config=DEPLOY / "thidua.toml", env={}).settings
    assert settings.db == Path("/var/lib/thidua/thidua.duckdb") and settings.crawl.delay_per_host_s == 2.0
