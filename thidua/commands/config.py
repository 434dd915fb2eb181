"""thidua config show: the settings a run would use, and where each one came from."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from thidua.commands import flags
from thidua.errors import one_line_errors

app = typer.Typer(help="Inspect the effective settings (thidua.toml < THIDUA_* < flags).",
                  no_args_is_help=True, add_completion=False, rich_markup_mode=None)


@app.command("show")
def show(
    config: Optional[Path] = flags.CONFIG, db: Optional[Path] = flags.DB, portals: Optional[Path] = flags.PORTALS,
    archive: Optional[Path] = flags.ARCHIVE, export_dir: Optional[Path] = flags.EXPORT_DIR,
    exports: Optional[str] = flags.EXPORTS, log_dir: Optional[Path] = flags.LOG_DIR,
    log_keep: Optional[int] = flags.LOG_KEEP, crawl_set: List[str] = flags.CRAWL_SET,
    as_json: bool = typer.Option(False, "--json", help="One JSON object: key → {value, source}."),
) -> None:
    """Print every setting with its value and its source (default, a thidua.toml, THIDUA_*, --flag).

    Example: thidua config show --db /srv/thidua.duckdb --set delay_per_host_s=2
    """
    from thidua.config import describe

    with one_line_errors():
        found = flags.effective(config, crawl_set, db=db, portals=portals, archive=archive, export_dir=export_dir,
                                exports=exports, log_dir=log_dir, log_keep=log_keep)
    rows = describe(found)
    if as_json:
        print(json.dumps({k: {"value": v, "source": s} for k, v, s in rows}, ensure_ascii=False, indent=1))
        return
    print(f"# config file: {found.config_file or 'none found (looked in ./thidua.toml, ~/.config/thidua/thidua.toml)'}")
    width = max(len(k) for k, _, _ in rows)
    value_width = min(60, max(len(v) for _, v, _ in rows))
    for key, value, source in rows:
        print(f"{key:<{width}}  {value:<{value_width}}  ({source})")
