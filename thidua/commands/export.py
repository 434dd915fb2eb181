"""thidua export: a warehouse view as Excel-safe CSV or as Parquet."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from thidua.commands import flags
from thidua.errors import one_line_errors


def export(
    what: str = typer.Argument(..., metavar="WHAT", help="cluster-conferences, events, officials or membership."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="File to write [default: WHAT.FORMAT here]."),
    format: str = typer.Option("csv", "--format", "-f", help="csv (UTF-8 with BOM, for Excel) or parquet."),
    db: Optional[Path] = flags.DB, config: Optional[Path] = flags.CONFIG,
) -> None:
    """Write cluster conferences, events, officials or membership to a CSV or Parquet file.

    Example: thidua export cluster-conferences --out hoi_nghi.csv
    """
    import warehouse

    with one_line_errors():
        path = out or Path(f"{what.replace('-', '_')}.{format}")
        rows = warehouse.export(flags.effective(config, db=db).settings.db, path, what, format)
    print(f"{rows} rows → {path}")
