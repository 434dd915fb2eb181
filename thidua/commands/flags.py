"""The flags every settings-reading command shares (run, status, config show), and their translation."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from schema import ThiduaError
from thidua.config import USAGE_ERROR, Effective, resolve

CONFIG = typer.Option(None, "--config", help="Read this TOML file instead of looking for thidua.toml.")
DB = typer.Option(None, "--db", help="The warehouse file [THIDUA_DB; default thidua.duckdb].")
PORTALS = typer.Option(None, "--portals", help="Portal registry TOML [THIDUA_PORTALS; default: the bundled one].")
ARCHIVE = typer.Option(None, "--archive", help="WARC directory [THIDUA_ARCHIVE; default <db>-archive/].")
EXPORT_DIR = typer.Option(None, "--export-dir", help="Where exports go [THIDUA_EXPORT_DIR; default <db>-export/].")
EXPORTS = typer.Option(None, "--exports", metavar="FORMATS", help="Export formats, comma-separated [THIDUA_EXPORTS; default csv,parquet].")
LOG_DIR = typer.Option(None, "--log-dir", help="Run logs [THIDUA_LOG_DIR; default <db>-logs/].")
LOG_KEEP = typer.Option(None, "--log-keep", metavar="N", help="Run logs kept [THIDUA_LOG_KEEP; default 30].")
CRAWL_SET = typer.Option([], "--set", metavar="NAME=VALUE", help="A crawl setting, NAME=VALUE (repeatable), e.g. delay_per_host_s=2 "
                                          "[THIDUA_CRAWL_NAME; thidua.toml [crawl]].")


def effective(config: Optional[Path] = None, crawl_set: List[str] | None = None, **flags) -> Effective:
    """Settings with the given flags on top; `--set name=value` pairs become crawl.<name> flags."""
    values = dict(flags)
    for pair in crawl_set or []:
        name, sep, raw = pair.partition("=")
        if not sep or not name.strip():
            raise ThiduaError(f"--set takes NAME=VALUE, not {pair!r}", USAGE_ERROR)
        values[f"crawl.{name.strip()}"] = _typed(name.strip(), raw.strip())
    return resolve(values, config=config)


def _typed(name: str, raw: str):
    from thidua.config import _crawl_env
    return _crawl_env(name, raw, f"--set {name}")
