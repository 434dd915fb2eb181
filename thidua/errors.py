"""one_line_errors: what every command wraps its work in, so users see `Error: …`, never a traceback."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

import typer

from schema import ThiduaError


@contextmanager
def one_line_errors() -> Iterator[None]:
    try:
        yield
    except ThiduaError as e:
        print(f"Error: {e}", file=sys.stderr)
        raise typer.Exit(e.exit_code) from None
    except OSError as e:   # unreadable paths, full disks: the user can act on these
        where = f" {e.filename}" if getattr(e, "filename", None) else ""
        print(f"Error:{where}: {e.strerror or e}", file=sys.stderr)
        raise typer.Exit(1) from None
