"""thidua sql: one read-only query on the warehouse, for people without the duckdb CLI."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from thidua.commands import flags
from thidua.errors import one_line_errors


def sql(
    statement: str = typer.Argument(..., metavar="SQL", help="One read-only statement (SELECT or EXPLAIN)."),
    format: str = typer.Option("table", "--format", "-f", help="table, csv or json (JSON Lines)."),
    db: Optional[Path] = flags.DB, config: Optional[Path] = flags.CONFIG,
) -> None:
    """Run a read-only SQL query on the warehouse and print the rows.

    Example: thidua sql "SELECT year, count(*) FROM cluster_conferences GROUP BY 1" -f csv
    """
    import warehouse

    with one_line_errors():
        warehouse.check_format(format)
        columns, rows = warehouse.query(flags.effective(config, db=db).settings.db, statement)
        sys.stdout.write(warehouse.render(columns, rows, format))
