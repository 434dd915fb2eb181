"""The `thidua` command: a thin door onto the library; each verb lives in thidua/commands/<verb>.py."""
from __future__ import annotations

import sys

import typer

from thidua.commands import COMMANDS, GROUPS

app = typer.Typer(
    help="Build the public record of Vietnam's local emulation (thi đua) movement from portal news.",
    no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root() -> None:
    """Build the public record of Vietnam's local emulation (thi đua) movement from portal news."""


for name, fn in COMMANDS.items():
    app.command(name)(fn)
for name, group in GROUPS.items():
    app.add_typer(group, name=name)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        print("Error: interrupted", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()
