"""thidua crawl / reextract / portals detect: arguments, exit codes and messages (the work is tested in tests/scraper)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scraper"))

from loopback import LoopbackSite  # noqa: E402
from sites import STYLES, portal_toml, stories, with_base  # noqa: E402

from thidua.cli import app  # noqa: E402

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "cms"


@pytest.fixture
def site(tmp_path):
    routes, extra = STYLES["nukeviet"](stories(6))
    with LoopbackSite(routes) as served:
        (tmp_path / "portals.toml").write_text(portal_toml([("tanhiep", served.base, extra)]), encoding="utf-8")
        yield served


def run(*args, env=None):
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def test_crawl_prints_the_summary_and_reextract_rereads_the_archive(site, tmp_path):
    db = tmp_path / "t.duckdb"
    result = run("crawl", "--portals", tmp_path / "portals.toml", "--db", db, "--delay", "0")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("6 pages fetched, 0 not modified, 0 skipped by robots.txt, 0 failed, 4 articles, ")
    assert (tmp_path / "t-archive").is_dir()
    again = run("crawl", "--portals", tmp_path / "portals.toml", "--db", db, "--delay", "0")
    assert again.stdout.startswith("0 pages fetched, 1 not modified, 0 skipped by robots.txt, 0 failed, 0 articles, 0 events")
    reread = run("reextract", "--db", db, "--portals", tmp_path / "portals.toml")
    assert (reread.exit_code, reread.stdout.split(",")[0]) == (0, "4 articles re-read")


@pytest.mark.parametrize("args, message", [
    (["--portal", "nope"], "Error: no portal 'nope' in the registry\n"),
    (["--since", "17/07/2023"], "Error: --since must be YYYY-MM-DD, not '17/07/2023'\n"),
])
def test_crawl_usage_errors(site, tmp_path, args, message):
    result = run("crawl", "--portals", tmp_path / "portals.toml", "--db", tmp_path / "t.duckdb", *args)
    assert result.exit_code != 0 and result.stderr == message
    assert sum(site.hits.values()) == 0


def test_bad_registry_names_file_and_line_and_crawls_nothing(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[portal]]\nid = "a"\nname = "A"\nbase_url = "https://a.gov.vn"\ncms = "plone"\n', encoding="utf-8")
    result = run("crawl", "--portals", bad, "--db", tmp_path / "t.duckdb")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}: line 5: unknown cms 'plone' (known: liferay, ")
    assert not (tmp_path / "t.duckdb").exists()


def test_reextract_without_an_archive(tmp_path):
    result = run("reextract", "--db", tmp_path / "t.duckdb")
    assert (result.exit_code, result.stderr) == (1, f"Error: no archive at {tmp_path / 't-archive'}\n")


def test_portals_detect_a_file_and_a_url(site):
    page = GOLDEN / "joomla" / "thanhson.phutho.gov.vn_2024-05-22.html"
    result = run("portals", "detect", page)
    assert result.exit_code == 0 and result.stdout.startswith("joomla\t(marker ")
    result = run("portals", "detect", site.url("/news/tin-tuc/"))
    assert result.exit_code == 0 and result.stdout.startswith("nukeviet\t(")
    missing = run("portals", "detect", site.url("/khong-co"))
    assert (missing.exit_code, missing.stderr) == (1, f"Error: {site.url('/khong-co')}: HTTP 404\n")


def test_sigterm_stops_the_crawl_gracefully(tmp_path):
    routes, extra = STYLES["liferay"](stories(30), per_page=5)
    with LoopbackSite(routes, slow_s=0.1) as slow:
        (tmp_path / "portals.toml").write_text(portal_toml([("ll", slow.base, extra)]), encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "thidua.cli", "crawl", "--portals", str(tmp_path / "portals.toml"),
                                 "--db", str(tmp_path / "t.duckdb"), "--delay", "0", "--all"], cwd=tmp_path,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
        deadline = time.monotonic() + 30
        while sum(n for p, n in slow.hits.items() if "/content/" in p) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert out.rstrip().endswith("stopped early: run it again to continue")
    assert "ll: " in err and "(not finished)" in err
