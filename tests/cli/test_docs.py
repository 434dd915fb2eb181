"""Docs kept honest: every command has --help with an Example: line, an entry in docs/cli.md that is
current, and a mention in the README; the README's set-up commands are the ones CI runs."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import gen_cli_docs  # noqa: E402

COMMANDS = gen_cli_docs.commands()
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_command_has_help_with_an_example(path):
    text = gen_cli_docs.help_text(path)
    assert text.startswith(f"Usage: thidua {' '.join(path)} ")
    assert re.search(rf"^  Example: thidua {' '.join(path)}\b", text, re.M), "docstring needs an `Example:` line"


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_command_has_a_docs_entry_and_a_readme_mention(path):
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"\n## thidua {' '.join(path)}\n" in doc
    assert f"thidua {path[0]}" in README


def test_cli_reference_is_current():
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == gen_cli_docs.rendered(), "docs/cli.md is stale: run .venv/bin/python tools/gen_cli_docs.py"


def test_readme_starts_with_the_two_commands_and_ci_runs_the_second():
    commands = re.findall(r"^(python3 -m venv .*)$", README.split("\n## ")[0], re.M)
    assert commands[0] == "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/thidua demo"
    assert commands[1].startswith("python3 -m venv .venv && .venv/bin/pip install") and "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_crawl_settings_table_shows_the_defaults():
    # the table had drifted once (batch_size 200 in the README, 1000 in the code)
    from dataclasses import fields

    from scraper.settings import CrawlSettings
    defaults = CrawlSettings()
    rows = re.findall(r"^\| (`[a-z_]+`(?:, `[a-z_]+`)*) \| ([^|]+) \|", README.split("`[crawl]` setting")[1], re.M)
    shown = {}
    for names, values in rows:
        names, values = re.findall(r"`([a-z_]+)`", names), re.findall(r"`([^`]+)`", values)
        if len(values) == len(names):
            shown.update(zip(names, values))

    def spelled(value) -> str:
        if isinstance(value, bool):
            return str(value).lower()
        return ", ".join(map(str, value)) if isinstance(value, tuple) else str(value)
    assert {f.name for f in fields(CrawlSettings)} - {"relevance_cues"} <= set(shown)
    assert {k: v for k, v in shown.items() if spelled(getattr(defaults, k)) != v} == {}
