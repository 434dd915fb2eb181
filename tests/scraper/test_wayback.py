"""crawl --source wayback against a loopback fake CDX + replay server: listing, filtering, CDX pagination,
429/503 backoff, the archive's pace, original URL and capture time stored, resume after a kill."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, datetime

import duckdb
import pytest

from fake_wayback import FakeWayback, Snap
from loopback import Route
from scraper.crawl import crawl
from scraper.portals import Portal
from scraper.registry_file import write_portals
from scraper.wayback import crawl_wayback, select_for_wayback
from scraper.wayback_cdx import cdx_url, parse_cdx
from warehouse import crawl_state, session

HOST = "kienluong.kiengiang.gov.vn"
PORTAL = Portal(id="kienluong", name="Cổng huyện Kiên Lương", base_url=f"http://{HOST}", cms="nukeviet",
                province="Kiên Giang", unit="huyện Kiên Lương", evidence="https://kienluong.kiengiang.gov.vn/")


def page(title: str, when: str, text: str) -> str:
    return (f'<html><head><meta name="generator" content="NukeViet v4.0"></head><body>'
            f'<div class="news_column"><h1 class="title" itemprop="headline">{title}</h1>'
            f'<span class="h5">{when}</span><div id="news-bodyhtml" class="bodytext"><p>{text}</p></div>'
            f'</div></body></html>')


def art(slug: str, n: int) -> str:
    return f"http://{HOST}:80/news/thi-dua/{slug}-{n}.html"


A = art("cum-thi-dua-so-1-ky-ket-giao-uoc", 101)
B = art("so-ket-phong-trao-thi-dua-6-thang", 102)
SNAPS = [
    Snap("20190315083000", A, page("Cụm thi đua số 1 ký kết giao ước", "Thứ sáu - 15/03/2019 08:30",
                                   "Các xã trong cụm cùng ký giao ước thi đua năm 2019 tại hội trường huyện.")),
    Snap("20210101000000", A, page("Cụm thi đua số 1 ký kết giao ước", "Thứ sáu - 15/03/2019 08:30", "Bản sau.")),
    Snap("20190401000000", A + "?utm_source=zalo", page("Bản chia sẻ", "01/04/2019", "Trùng bài.")),
    Snap("20200710090000", B, page("Sơ kết phong trào thi đua sáu tháng", "Thứ sáu - 10/07/2020 09:00",
                                   "Hội đồng thi đua huyện họp sơ kết giữa năm.")),
    Snap("20200801000000", f"http://{HOST}/news/y-te/tiem-chung-cho-tre-103.html", page("Tiêm chủng", "", "Y tế.")),
    Snap("20200802000000", f"http://{HOST}/gioi-thieu.html", page("Giới thiệu", "", "Huyện.")),
    Snap("20170101000000", art("tong-ket-thi-dua-nam-2016", 104), page("Tổng kết 2016", "", "Cũ.")),
    Snap("20200901000000", art("phat-dong-thi-dua-quy-ba", 105), status=404),
    Snap("20200902000000", art("phat-dong-thi-dua-anh", 106), mimetype="image/jpeg"),
    Snap("20200903000000", "http://khac.kiengiang.gov.vn/news/thi-dua/hoi-nghi-thi-dua-107.html", page("Khác", "", "")),
]


def run(settings, tmp_path, fake, portals=(PORTAL,), **kw):
    articles = []
    tuned = {"wayback_url": fake.base, "wayback_delay_s": 0.0, **kw.pop("extra", {})}
    report = crawl_wayback(list(portals), replace(settings, **tuned),
                           tmp_path / "w.duckdb", tmp_path / "w-archive",
                           on_articles=lambda items: articles.extend(items) or 0, **kw)
    return report, articles


def rows(tmp_path, sql):
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_lists_only_relevant_article_captures_in_the_years_and_fetches_each_once(tmp_path, fast):
    with FakeWayback(SNAPS) as fake:
        report, articles = run(fast, tmp_path, fake, from_year=2018, to_year=2024)
    assert sorted(fake.replays()) == [f"/web/20190315083000id_/{A}", f"/web/20200710090000id_/{B}"]
    assert {a.url for a in articles} == {A, B} and not report.interrupted
    counts = report.portals["kienluong"]
    assert (counts.fetched, counts.articles, counts.skipped) == (3, 2, 1)      # 1 CDX page + 2 captures
    skipped = rows(tmp_path, "SELECT canonical_url, last_error FROM frontier WHERE state = 'skipped'")
    assert skipped == [(f"http://{HOST}/news/y-te/tiem-chung-cho-tre-103.html", "not relevant")]


def test_capture_stored_like_a_live_page_with_original_url_and_capture_time(tmp_path, fast):
    with FakeWayback(SNAPS) as fake:
        _, articles = run(fast, tmp_path, fake, from_year=2018)
    stored = rows(tmp_path, "SELECT url, canonical_url, portal_id, source, captured_at, status, warc_file IS NOT NULL "
                            "FROM pages ORDER BY url")
    assert stored[0] == (A, f"http://{HOST}/news/thi-dua/cum-thi-dua-so-1-ky-ket-giao-uoc-101.html", "kienluong",
                         "wayback", datetime(2019, 3, 15, 8, 30), 200, True)
    first = next(a for a in articles if a.url == A)
    assert (first.title, first.published, first.fetched_at) == ("Cụm thi đua số 1 ký kết giao ước",
                                                                "2019-03-15T08:30", datetime(2019, 3, 15, 8, 30))
    with session(tmp_path / "w.duckdb") as con:
        again = crawl_state.stored_articles(con, ["kienluong"])
    assert {(r[1], r[3]) for r in again} == {(A, datetime(2019, 3, 15, 8, 30)), (B, datetime(2020, 7, 10, 9, 0))}


def test_cdx_results_are_paged_with_resume_keys(tmp_path, fast):
    many = [Snap(f"2019{m:02d}01000000", art(f"hoi-nghi-thi-dua-thang-{m}", 200 + m), page(f"Tin {m}", "", "Thi đua."))
            for m in range(1, 12)]
    with FakeWayback(many) as fake:
        report, _ = run(fast, tmp_path, fake, extra={"wayback_page_size": 3})
        pages = fake.cdx_requests()
    assert len(pages) == 4 and all("resumeKey=" in p for p in pages[1:]) and "resumeKey" not in pages[0]
    assert len(fake.replays()) == 11 and report.portals["kienluong"].articles == 11


def test_429_and_503_are_backed_off_and_retried(tmp_path, fast):
    with FakeWayback(SNAPS) as fake:
        fake.queued = [("/cdx/", 429, {"Retry-After": "1"}), ("/web/20200710090000", 503, {})]
        report, articles = run(fast, tmp_path, fake, from_year=2018)
        log = fake.log
    cdx = [t for t, p in log if p.startswith("/cdx/")]
    assert len(cdx) == 2 and cdx[1] - cdx[0] >= 0.9                    # Retry-After: 1 honoured
    assert fake.hits[f"/web/20200710090000id_/{B}"] == 2 and len(articles) == 2
    assert report.portals["kienluong"].failed == 0


def test_one_request_at_a_time_to_the_archive_and_paced(tmp_path, fast):
    with FakeWayback(SNAPS, slow_s=0.02) as fake:
        run(fast, tmp_path, fake, from_year=2018, extra={"wayback_delay_s": 0.25})
        times = [t for t, _ in fake.log]
    assert fake.max_in_flight == 1 and len(times) == 4 and fake.log[0][1] == "/robots.txt"   # robots, CDX, 2 captures
    assert all(b - a >= 0.25 for a, b in zip(times, times[1:]))


def test_a_second_run_fetches_nothing_again(tmp_path, fast):
    with FakeWayback(SNAPS) as fake:
        run(fast, tmp_path, fake, from_year=2018)
        first = len(fake.log)
        report, articles = run(fast, tmp_path, fake, from_year=2018)
        assert len(fake.log) == first and articles == [] and not report.interrupted


def test_live_crawl_leaves_capture_rows_to_the_wayback_source(serve, tmp_path, fast):
    site = serve({})
    live = replace(PORTAL, base_url=site.base, start_urls=(site.url("/"),))
    many = [Snap(f"2019{m:02d}01000000", f"{site.base}/news/thi-dua/hoi-nghi-thi-dua-thang-{m}-{200 + m}.html",
                 page(f"Tin {m}", "", "Thi đua.")) for m in range(1, 7)]
    site.routes["/"] = Route("<html><body>" + "".join(
        f'<a href="/news/thi-dua/hoi-nghi-thi-dua-thang-{m}-{200 + m}.html">Hội nghị thi đua {m}</a>' for m in (1, 6, 7))
        + "</body></html>")
    with FakeWayback(many) as fake:
        report, _ = run(fast, tmp_path, fake, portals=(live,), max_pages=3)   # the listing and two captures
        assert report.interrupted and len(fake.replays()) == 2
        crawl([live], fast, tmp_path / "w.duckdb", tmp_path / "w-archive")
        assert len(fake.log) == 4                              # robots, CDX, 2 captures: nothing more ran live
    fetched_live = {p for p in site.hits if p.startswith("/news/")}
    assert fetched_live == {"/news/thi-dua/hoi-nghi-thi-dua-thang-7-207.html"}   # stored or queued captures: left


def test_resume_after_a_kill(tmp_path, fast):
    many = [Snap(f"2019{m:02d}{d:02d}000000", art(f"thi-dua-{m}-{d}", 300 + m * 31 + d), page(f"Tin {m}/{d}", "", "x"))
            for m in range(1, 4) for d in range(1, 9)]
    registry = write_portals(tmp_path / "p.toml", [PORTAL])
    with FakeWayback(many, slow_s=0.05) as fake:
        env = {**os.environ, "THIDUA_CRAWL_WAYBACK_URL": fake.base, "THIDUA_CRAWL_WAYBACK_DELAY_S": "0",
               "THIDUA_CRAWL_WAYBACK_PAGE_SIZE": "5", "THIDUA_CRAWL_BATCH_SIZE": "4", "THIDUA_CRAWL_BATCH_SECONDS": "0.2"}
        proc = subprocess.Popen([sys.executable, "-m", "thidua.cli", "crawl", "--source", "wayback", "--portals",
                                 str(registry), "--db", str(tmp_path / "w.duckdb")], cwd=tmp_path, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None and len(fake.replays()) < 10:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=30)
        before = fake.replays()
        stored_before = {r[0] for r in rows(tmp_path, "SELECT url FROM pages")}
        assert 0 < len(stored_before) < 24, err
        report, _ = run(fast, tmp_path, fake)
        after = fake.replays()
        listing = fake.cdx_requests()
    assert not report.interrupted
    assert all(after[p] == 1 for p in after if p.split("id_/", 1)[1] in stored_before)   # stored: never again
    assert all(n <= 2 for n in after.values()) and len(after) == 24 and sum(before.values()) >= 10
    assert sum("resumeKey" not in p for p in listing) == 1            # the listing went on from its resumeKey
    assert rows(tmp_path, "SELECT count(*), count(DISTINCT url) FROM pages") == [(24, 24)]


def test_portals_for_the_wayback_source():
    dead = replace(PORTAL, id="dead", evidence="pattern", checked=date(2025, 8, 1), dead=True)
    guess = replace(PORTAL, id="guess", evidence="pattern")
    assert [p.id for p in select_for_wayback([PORTAL, dead, guess])] == ["kienluong", "dead"]
    assert [p.id for p in select_for_wayback([PORTAL, dead, guess], ["guess"])] == ["guess"]


def test_cdx_answer_parsing():
    body = b'[["urlkey","timestamp","original"],["k1","2019","http://a.vn/x"],[],["k1 2019"]]'
    listed = parse_cdx(body)
    assert [c.original for c in listed.captures] == ["http://a.vn/x"] and listed.resume_key == "k1 2019"
    assert parse_cdx(b"[]").captures == () and parse_cdx(b"").resume_key is None
    with pytest.raises(ValueError):
        parse_cdx(b"<html>busy</html>")
    assert "collapse=urlkey" in cdx_url("http://x", "a.vn") and "from=2015" in cdx_url("http://x", "a.vn", from_year=2015)


def test_live_source_rejects_wayback_years(tmp_path, monkeypatch):
    from typer.testing import CliRunner
    from thidua.cli import app
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["crawl", "--from", "2019", "--db", str(tmp_path / "x.duckdb")])
    assert (result.exit_code, result.stderr) == (2, "Error: --source is live or wayback; --from and --to go with "
                                                    "--source wayback\n")
