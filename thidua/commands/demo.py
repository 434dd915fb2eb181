"""thidua demo: the whole job on a bundled sample of portal sites served on 127.0.0.1 — no network."""
from __future__ import annotations

import shlex
import shutil
import time
from pathlib import Path

import typer

from thidua.errors import one_line_errors


def demo(
    dir: Path = typer.Option(Path("."), "--dir", help="Where thidua-demo.duckdb and thidua-demo/ are written."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the conferences table and queries."),
) -> None:
    """Crawl a bundled sample of five portal sites (five CMS styles) on 127.0.0.1, extract, load into
    ./thidua-demo.duckdb and write ./thidua-demo/cluster_conferences.csv; starts afresh each time.

    Example: thidua demo --dir /tmp/try-thidua
    """
    from thidua.demo.runner import DEMO_DB, EXAMPLES, render_conferences, run_demo
    from thidua.progress import Display

    started = time.monotonic()
    with one_line_errors():
        result = run_demo(dir, Display(quiet=quiet))
    if not quiet:
        print("\n".join(result.summary.lines()))
    width = shutil.get_terminal_size((120, 20)).columns
    print(f"\n{len(result.conferences)} cluster conferences found ({time.monotonic() - started:.0f} s):\n")
    print(render_conferences(result.conferences, width))
    print(f"\nCSV: {result.csv}\nTry:")
    db = shlex.quote(str(result.db if dir != Path(".") else DEMO_DB))
    for why, sql in EXAMPLES:
        print(f"  # {why}\n  thidua sql {shlex.quote(sql)} --db {db}")
    raise typer.Exit(result.summary.exit_code)
