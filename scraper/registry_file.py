"""Writing a portal registry back to TOML: one [[portal]] table per Portal, keys in a fixed order,
defaults left out, so `load_portals(write_portals(...))` gives the same portals back."""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Iterable

from scraper.portals import Portal

_DEFAULTS = {f.name: f.default for f in fields(Portal)}
_ORDER = ("id", "name", "base_url", "province", "unit", "cms", "start_urls", "feeds", "sitemaps", "delay",
          "verify_tls", "evidence", "checked", "dead")


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return repr(float(value))
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)       # a JSON string is a valid TOML basic string


def dump_portals(portals: Iterable[Portal], header: str = "") -> str:
    """The registry text. Example: dump_portals(load_portals()).startswith("[[portal]]")"""
    out = [f"# {line}".rstrip() for line in header.splitlines()]
    if out:
        out.append("")
    for portal in portals:
        out.append("[[portal]]")
        for key in _ORDER:
            if key not in _DEFAULTS:
                continue
            value = getattr(portal, key)
            if key in ("id", "name", "base_url", "cms") or value != _DEFAULTS[key]:
                out.append(f"{key} = {_value(value)}")
        out.append("")
    return "\n".join(out)


def header_of(path: str | Path) -> str:
    """The comment block a registry file starts with, without its "# " marks (kept when it is rewritten)."""
    lines = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].removeprefix(" "))
    return "\n".join(lines)


def write_portals(path: str | Path, portals: Iterable[Portal], header: str = "") -> Path:
    """Write atomically (a crash never leaves half a registry). Example: write_portals("p.toml", portals)"""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(dump_portals(portals, header))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
