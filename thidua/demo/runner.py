"""run_demo: the real `thidua run` job against the bundled sample sites, into ./thidua-demo.duckdb."""
from __future__ import annotations

import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from scraper.settings import CrawlSettings
from thidua.config import Settings
from thidua.demo.server import DemoSites
from thidua.job import RunSummary, run_job
from thidua.progress import Display

DEMO_DB = "thidua-demo.duckdb"
DEMO_DIR = "thidua-demo"          # the CSV, Parquet, registry, archive and logs of the demo
CONFERENCE_COLUMNS = ("event_date", "event_types", "cluster_kind", "cluster_number", "cluster_name", "host",
                      "member_count", "members", "sources")
EXAMPLES = (
    ("cluster conferences in date order",
     "SELECT event_date, event_types, cluster_number, host, member_count FROM cluster_conferences ORDER BY event_date"),
    ("who belonged to Cụm thi đua số 2, and as what, each year",
     "SELECT year, unit, role, events FROM cluster_membership WHERE cluster_number = 2 ORDER BY year, role, unit"),
    ("the officials named at events, with their roles",
     "SELECT event_date, name, title, roles FROM officials_at_events ORDER BY event_date, name"),
)


@dataclass
class DemoResult:
    db: Path
    csv: Path
    summary: RunSummary
    conferences: list[dict]


def demo_settings(directory: Path, registry: Path) -> Settings:
    """The run's settings for the demo: everything under `directory`, no delay (the sites are local)."""
    out = directory / DEMO_DIR
    return Settings(db=directory / DEMO_DB, portals=registry, archive=out / "archive", export_dir=out,
                    log_dir=out / "logs",
                    crawl=replace(CrawlSettings(), delay_per_host_s=0.0, contact_url="https://example.org/thidua-demo",
                                  timeout_s=10.0, retries=1))


def reset(directory: Path) -> None:
    """A demo starts afresh: its sites get new ports each time, so yesterday's URLs name other hosts."""
    for name in (DEMO_DB, DEMO_DB + ".wal", DEMO_DB + ".lock", DEMO_DB + ".run.json"):
        (directory / name).unlink(missing_ok=True)
    shutil.rmtree(directory / DEMO_DIR, ignore_errors=True)


def run_demo(directory: Path, display: Display | None = None) -> DemoResult:
    """Serve the sample, run the job on it, return what it found.

    Example: run_demo(Path(".")).csv   # ./thidua-demo/cluster_conferences.csv
    """
    directory.mkdir(parents=True, exist_ok=True)
    reset(directory)
    with DemoSites() as sites:
        registry = sites.write_registry(directory / DEMO_DIR / "portals.toml")
        settings = demo_settings(directory, registry)
        summary = run_job(settings, display=display)
    return DemoResult(settings.db, settings.export_path / "cluster_conferences.csv", summary,
                      conferences(settings.db))


def conferences(db: Path) -> list[dict]:
    from warehouse import query
    columns, rows = query(db, f"SELECT {', '.join(CONFERENCE_COLUMNS)} FROM cluster_conferences "
                              "ORDER BY event_date NULLS LAST, cluster_kind, cluster_number")
    return [dict(zip(columns, row)) for row in rows]


def render_conferences(rows: list[dict], width: int = 100) -> str:
    """A short table: date, types, cluster, host, members — for a person reading a terminal."""
    lines = [f"{'date':<10}  {'event':<28}  {'cluster':<24}  {'host':<20}  members"]
    for r in rows:
        kind = r["cluster_kind"] or ""
        cluster = f"{kind} {r['cluster_number']}" if r["cluster_number"] is not None else f"{kind} {r['cluster_name'] or ''}"
        types = ", ".join(r["event_types"] or [])
        members = f"{r['member_count']}: " + ", ".join(r["members"] or [])
        line = (f"{str(r['event_date'] or '?'):<10}  {_cut(types, 28):<28}  {_cut(cluster.strip(), 24):<24}  "
                f"{_cut(r['host'] or '', 20):<20}  {members}")
        lines.append(_cut(line, width))
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
