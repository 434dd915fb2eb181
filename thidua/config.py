"""Settings of a scheduled run, and the one place their precedence is written:
defaults < thidua.toml (working directory, then ~/.config/thidua/) < THIDUA_* environment < CLI flags."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from schema import ThiduaError
from scraper.settings import CrawlSettings

if sys.version_info >= (3, 11):
    import tomllib
else:                                    # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAME = "thidua.toml"
ENV_PREFIX = "THIDUA_"
CRAWL_ENV_PREFIX = "THIDUA_CRAWL_"
USAGE_ERROR = 2                          # exit status of a bad setting or flag


@dataclass(frozen=True)
class Settings:
    db: Path = Path("thidua.duckdb")     # the warehouse; the run lock and default folders sit beside it
    portals: Path | None = None          # portal registry; None: the one shipped with thidua
    archive: Path | None = None          # WARC archive; None: <db name>-archive/ beside the database
    export_dir: Path | None = None       # CSV and Parquet exports; None: <db name>-export/ beside the database
    exports: tuple[str, ...] = ("csv", "parquet")   # formats written after each run
    log_dir: Path | None = None          # one JSON-lines log per run; None: <db name>-logs/ beside the database
    log_keep: int = 30                   # newest run logs kept; older ones are deleted
    crawl: CrawlSettings = field(default_factory=CrawlSettings)

    @property
    def archive_dir(self) -> Path:
        return self.archive or _beside(self.db, "archive")

    @property
    def export_path(self) -> Path:
        return self.export_dir or _beside(self.db, "export")

    @property
    def log_path(self) -> Path:
        return self.log_dir or _beside(self.db, "logs")


def _beside(db: Path, what: str) -> Path:
    return db.parent / f"{db.stem}-{what}"


_PATHS = ("db", "portals", "archive", "export_dir", "log_dir")
_KEYS = tuple(f.name for f in fields(Settings) if f.name != "crawl")
_FORMATS = ("csv", "parquet")


@dataclass(frozen=True)
class Effective:
    """The settings in force, where each came from (default, a file, THIDUA_X, --flag), and the file read."""
    settings: Settings
    sources: dict[str, str]
    config_file: Path | None


def config_files(cwd: Path | None = None, home: Path | None = None) -> list[Path]:
    """Where thidua.toml is looked for, in order; the first that exists is read (only that one)."""
    cwd = cwd or Path.cwd()
    base = Path(os.environ["XDG_CONFIG_HOME"]) if os.environ.get("XDG_CONFIG_HOME") else (home or Path.home()) / ".config"
    return [cwd / CONFIG_NAME, base / "thidua" / CONFIG_NAME]


def resolve(flags: Mapping[str, Any] | None = None, *, config: Path | None = None,
            env: Mapping[str, str] | None = None, cwd: Path | None = None) -> Effective:
    """The effective settings. `flags` holds CLI values (None = not given); `config` (--config or
    THIDUA_CONFIG) names the file instead of the lookup.

    Example: resolve({"db": Path("x.duckdb")}).settings.db == Path("x.duckdb")
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    crawl: dict[str, Any] = {}
    sources: dict[str, str] = {}
    path = config or (Path(env["THIDUA_CONFIG"]) if env.get("THIDUA_CONFIG") else None)
    if path is not None and not path.is_file():
        raise ThiduaError(f"{path}: no such config file", USAGE_ERROR)
    if path is None:
        path = next((p for p in config_files(cwd) if p.is_file()), None)
    if path is not None:
        table, crawl_table = _read_file(path)
        for key, value in table.items():
            values[key], sources[key] = value, str(path)
        for key, value in crawl_table.items():
            crawl[key], sources[f"crawl.{key}"] = value, str(path)
    for name, raw in sorted(env.items()):
        if name.startswith(CRAWL_ENV_PREFIX):
            key = name[len(CRAWL_ENV_PREFIX):].lower()
            crawl[key], sources[f"crawl.{key}"] = _crawl_env(key, raw, name), name
        elif name.startswith(ENV_PREFIX) and name[len(ENV_PREFIX):].lower() in _KEYS:
            key = name[len(ENV_PREFIX):].lower()
            values[key], sources[key] = _convert(key, raw, name), name
    for key, value in (flags or {}).items():
        if value is None:
            continue
        if key.startswith("crawl."):
            crawl[key[6:]], sources[key] = value, "--" + key[6:].replace("_", "-")
        else:
            values[key], sources[key] = _convert(key, value, "--" + key.replace("_", "-")), "--" + key.replace("_", "-")
    try:
        crawl_settings = CrawlSettings.from_mapping(crawl)
    except ThiduaError as e:
        raise ThiduaError(str(e), USAGE_ERROR) from None
    settings = replace(Settings(), **values, crawl=crawl_settings)
    for key in _KEYS:
        sources.setdefault(key, "default")
    for f in fields(CrawlSettings):
        sources.setdefault(f"crawl.{f.name}", "default")
    return Effective(settings, sources, path)


def _read_file(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ThiduaError(f"{path}: {e}", USAGE_ERROR) from None
    except OSError as e:
        raise ThiduaError(f"{path}: {e.strerror}", USAGE_ERROR) from None
    crawl = data.pop("crawl", {})
    if not isinstance(crawl, dict):
        raise ThiduaError(f"{path}: crawl must be a table ([crawl])", USAGE_ERROR)
    unknown = [k for k in data if k not in _KEYS]
    if unknown:
        raise ThiduaError(f"{path}: unknown setting {unknown[0]!r} (known: {', '.join(_KEYS)}, [crawl])",
                          USAGE_ERROR)
    table = {key: _convert(key, value, f"{path}: {key}") for key, value in data.items()}
    return table, crawl


def _convert(key: str, value: Any, where: str) -> Any:
    """A setting's value from TOML, an environment string or a flag, checked against its type."""
    if key in _PATHS:
        if not isinstance(value, (str, Path)) or not str(value):
            raise ThiduaError(f"{where} must be a path", USAGE_ERROR)
        return Path(os.path.expanduser(str(value)))
    if key == "log_keep":
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ThiduaError(f"{where} must be a whole number, not {value!r}", USAGE_ERROR) from None
        if number < 1 or isinstance(value, bool):
            raise ThiduaError(f"{where} must be 1 or more", USAGE_ERROR)
        return number
    if key == "exports":
        items = [v.strip() for v in value.split(",")] if isinstance(value, str) else list(value)
        items = [v for v in items if v]
        bad = [v for v in items if v not in _FORMATS]
        if bad:
            raise ThiduaError(f"{where}: no export format {bad[0]!r} (choose from: {', '.join(_FORMATS)})",
                              USAGE_ERROR)
        return tuple(items)
    raise ThiduaError(f"{where}: unknown setting {key!r}", USAGE_ERROR)   # pragma: no cover


def _crawl_env(key: str, raw: str, name: str) -> Any:
    """THIDUA_CRAWL_<FIELD>=value, typed like the CrawlSettings field it sets."""
    known = {f.name: f for f in fields(CrawlSettings)}
    if key not in known:
        raise ThiduaError(f"{name}: unknown crawl setting (known: {', '.join(sorted(known))})", USAGE_ERROR)
    default = getattr(CrawlSettings, key)
    try:
        if isinstance(default, bool):
            if raw.lower() not in ("1", "0", "true", "false", "yes", "no"):
                raise ValueError(raw)
            return raw.lower() in ("1", "true", "yes")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        if isinstance(default, tuple):
            items = [v.strip() for v in raw.split(",") if v.strip()]
            return tuple(int(v) for v in items) if default and isinstance(default[0], int) else tuple(items)
    except ValueError:
        raise ThiduaError(f"{name}={raw!r} is not a valid value", USAGE_ERROR) from None
    return raw


def describe(effective: Effective) -> list[tuple[str, str, str]]:
    """(key, value, source) rows for `thidua config show`, crawl settings as crawl.<name>."""
    s = effective.settings
    shown = {"archive": s.archive_dir, "export_dir": s.export_path, "log_dir": s.log_path}
    rows = []
    for key in _KEYS:
        value = shown.get(key, getattr(s, key))
        if key == "portals" and value is None:
            value = "(the registry shipped with thidua)"
        rows.append((key, _show(value), effective.sources[key]))
    for f in fields(CrawlSettings):
        rows.append((f"crawl.{f.name}", _show(getattr(s.crawl, f.name)), effective.sources[f"crawl.{f.name}"]))
    return rows


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
