"""thidua crawl / reextract / portals detect: arguments, exit codes and messages (the work is tested in tests/scraper)."""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scraper"))

from loopback import LoopbackSite  # noqa: E402
from sites import STYLES, portal_toml, stories  # noqa: E402

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


def test_sigterm_and_ctrl_c_ask_the_crawl_to_stop():
    from thidua.commands.crawl import stop_on_signals
    before = signal.getsignal(signal.SIGTERM)
    with stop_on_signals() as stop:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.05)
        assert stop.is_set()
    assert signal.getsignal(signal.SIGTERM) is before


def test_a_stopped_crawl_says_so_and_the_next_one_continues(site, tmp_path, monkeypatch):
    import threading

    from scraper import crawl as crawl_module
    stop = threading.Event()
    real = crawl_module.crawl

    def stopping(*args, **kw):                       # the signal handler's effect, after the first page
        kw["progress"] = lambda event, inner=kw["progress"]: (inner(event), event.stage == "page" and stop.set())
        return real(*args, **{**kw, "stop": stop})

    monkeypatch.setattr(crawl_module, "crawl", stopping)
    first = run("crawl", "--portals", tmp_path / "portals.toml", "--db", tmp_path / "t.duckdb", "--delay", "0")
    assert first.exit_code == 0 and first.stdout.rstrip().endswith("stopped early: run it again to continue")
    assert first.stderr.startswith("tanhiep: ") and first.stderr.rstrip().endswith("(not finished)")
    monkeypatch.setattr(crawl_module, "crawl", real)
    second = run("crawl", "--portals", tmp_path / "portals.toml", "--db", tmp_path / "t.duckdb", "--delay", "0")
    fetched = int(first.stdout.split()[0]) + int(second.stdout.split()[0])
    assert fetched == 6 and "stopped early" not in second.stdout
