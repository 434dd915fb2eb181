"""The portal registry: a TOML file of [[portal]] rows, validated strictly, each naming a CMS adapter."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from schema import ThiduaError
from scraper.cms import ADAPTERS
from scraper.urls import canonical_url, host_of, is_http_url

if sys.version_info >= (3, 11):
    import tomllib
else:                                    # pragma: no cover - Python 3.10
    import tomli as tomllib

_ID = re.compile(r"^[a-z0-9_-]+$")
_TYPES = {"id": str, "name": str, "base_url": str, "province": str, "unit": str, "cms": str,
          "start_urls": list, "feeds": list, "sitemaps": list, "delay": (int, float), "verify_tls": bool,
          "evidence": str, "checked": date, "dead": bool}
_REQUIRED = ("id", "name", "base_url", "cms")


@dataclass(frozen=True, slots=True)
class Portal:
    id: str
    name: str
    base_url: str
    cms: str
    province: str | None = None
    unit: str | None = None              # None for a newspaper
    start_urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    delay: float | None = None           # seconds between requests to this host; None: the settings' default
    verify_tls: bool = True
    evidence: str | None = None          # where the host was seen, or "pattern"
    checked: date | None = None          # when `thidua portals check` last confirmed it
    dead: bool = False                   # `thidua portals check` found the host gone (Wayback may still hold it)

    @property
    def hosts(self) -> frozenset[str]:
        """Hosts whose links belong to this portal (www. and bare forms alike)."""
        found = {host_of(u) for u in (self.base_url, *self.start_urls, *self.feeds, *self.sitemaps)}
        return frozenset(found | {h.removeprefix("www.") for h in found})

    @property
    def crawlable_by_default(self) -> bool:
        """Hosts guessed from a naming pattern wait until `portals check` confirms them; dead hosts are left."""
        return not self.dead and not (self.evidence == "pattern" and self.checked is None)


def default_registry() -> Path:
    return Path(str(resources.files("scraper").joinpath("portals.toml")))


def load_portals(path: str | Path | None = None) -> list[Portal]:
    """Read and validate a registry; any problem raises ThiduaError("FILE: line N: …").

    Example: [p.id for p in load_portals("portals.toml")]
    """
    path = Path(path) if path else default_registry()
    label = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ThiduaError(f"{path}: no such portal registry") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+)", str(e))
        where = f"line {m.group(1)}: " if m else ""
        raise ThiduaError(f"{label}: {where}{str(e).split(' (at')[0]}") from None
    lines = raw.splitlines()
    for key in data:
        if key != "portal":
            raise ThiduaError(f"{label}: line {_line_of(lines, key)}: unknown table {key!r} (expected [[portal]])")
    starts = [i for i, line in enumerate(lines) if line.strip() == "[[portal]]"]
    portals: list[Portal] = []
    seen_ids: dict[str, int] = {}
    seen_urls: dict[str, str] = {}
    for n, row in enumerate(data.get("portal", [])):
        start = starts[n] if n < len(starts) else 0
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)

        def fail(message: str, key: str | None = None) -> None:
            line = _line_of(lines, key, start, end) if key else start + 1
            raise ThiduaError(f"{label}: line {line}: {message}")

        portal = _portal(row, fail)
        if portal.id in seen_ids:
            fail(f"duplicate id {portal.id!r} (first at line {seen_ids[portal.id]})", "id")
        seen_ids[portal.id] = start + 1
        base = canonical_url(portal.base_url).rstrip("/")
        if base in seen_urls:
            fail(f"base_url {portal.base_url} is already portal {seen_urls[base]!r}", "base_url")
        seen_urls[base] = portal.id
        portals.append(portal)
    return portals


def _portal(row: dict, fail) -> Portal:
    for key, value in row.items():
        if key not in _TYPES:
            fail(f"unknown key {key!r} (known: {', '.join(_TYPES)})", key)
        want = _TYPES[key]
        if not isinstance(value, want) or (want is not bool and isinstance(value, bool)):
            fail(f"{key} has the wrong type ({type(value).__name__})", key)
    for key in _REQUIRED:
        if key not in row:
            fail(f"missing key {key!r}")
    if not _ID.match(row["id"]):
        fail(f"id {row['id']!r} must be lowercase letters, digits, - or _", "id")
    if row["cms"] not in ADAPTERS:
        fail(f"unknown cms {row['cms']!r} (known: {', '.join(ADAPTERS)})", "cms")
    for key in ("base_url", "evidence"):
        value = row.get(key)
        if value and (key == "base_url" or value.startswith("http")) and not is_http_url(value):
            fail(f"bad URL in {key}: {value!r}", key)
    for key in ("start_urls", "feeds", "sitemaps"):
        for value in row.get(key, []):
            if not isinstance(value, str) or not is_http_url(value):
                fail(f"bad URL in {key}: {value!r}", key)
    if row.get("delay", 0) < 0:
        fail("delay must be 0 or more seconds", "delay")
    return Portal(id=row["id"], name=row["name"], base_url=row["base_url"], cms=row["cms"],
                  province=row.get("province") or None, unit=row.get("unit") or None,
                  start_urls=tuple(row.get("start_urls", ())), feeds=tuple(row.get("feeds", ())),
                  sitemaps=tuple(row.get("sitemaps", ())),
                  delay=float(row["delay"]) if "delay" in row else None,
                  verify_tls=row.get("verify_tls", True), evidence=row.get("evidence"), checked=row.get("checked"),
                  dead=row.get("dead", False))


def _line_of(lines: list[str], key: str | None, start: int = 0, end: int | None = None) -> int:
    pattern = re.compile(rf"^\s*(\[+\s*)?{re.escape(key or '')}\s*(=|\])")
    for i in range(start, len(lines) if end is None else end):
        if pattern.match(lines[i]):
            return i + 1
    return start + 1


def select(portals: list[Portal], ids: list[str] | None = None) -> list[Portal]:
    """The portals a crawl visits: the named ones, or every one crawlable by default."""
    if not ids:
        return [p for p in portals if p.crawlable_by_default]
    by_id = {p.id: p for p in portals}
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise ThiduaError(f"no portal {missing[0]!r} in the registry")
    return [by_id[i] for i in ids]
