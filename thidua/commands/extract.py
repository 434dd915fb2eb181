"""thidua extract: print the contract's record for each article file."""
from __future__ import annotations

import json
import sys
from typing import List, Optional

import typer


def extract(
    paths: List[str] = typer.Argument(..., help="Article files (.txt, .html); - reads standard input."),
    published: Optional[str] = typer.Option(None, help="YYYY-MM-DD hint for dates written without a year."),
    format: str = typer.Option("json", "--format", "-f", help="json (JSON Lines) or table."),
    explain: bool = typer.Option(False, help="Print each field beside the sentence it came from."),
) -> None:
    """Extract one emulation-event record per article, as JSON Lines.

    Example: thidua extract article.txt page.html --format json
    """
    if format not in ("json", "table"):
        print(f"Error: --format must be json or table, not {format!r}", file=sys.stderr)
        raise typer.Exit(2)
    from thidua.extracting import extract_paths, render_explain, render_table   # spaCy loads only when needed
    failed = False
    for path, record, article in extract_paths(paths, published=published):
        failed |= record.error is not None
        if explain and article is not None:
            print(render_explain(record, article))
        elif format == "table":
            print(render_table(record))
        else:
            print(json.dumps(record.to_json(), ensure_ascii=False))
        sys.stdout.flush()
    raise typer.Exit(1 if failed else 0)
