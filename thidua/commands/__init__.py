"""The explicit list of commands; a test walks it to check each has --help text and a docs entry."""
from __future__ import annotations

from typing import Callable

import typer

COMMANDS: dict[str, Callable] = {}      # verb → function, e.g. "extract"
GROUPS: dict[str, typer.Typer] = {}     # noun → sub-app, e.g. "portals" (list|check|detect)


def _register() -> None:
    from thidua.commands import extract
    COMMANDS["extract"] = extract.extract
    from thidua.commands import crawl, portals, reextract
    COMMANDS["crawl"] = crawl.crawl
    COMMANDS["reextract"] = reextract.reextract
    GROUPS["portals"] = portals.app
    from thidua.commands import config, demo, run, status
    COMMANDS["run"] = run.run
    COMMANDS["demo"] = demo.demo
    COMMANDS["status"] = status.status
    GROUPS["config"] = config.app
    from thidua.commands import export, sql
    COMMANDS["export"] = export.export
    COMMANDS["sql"] = sql.sql


_register()
