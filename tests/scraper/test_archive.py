"""The raw archive: every request and response kept, rotation, and articles rebuilt from it offline."""
from __future__ import annotations

import gzip


from scraper.archive import Archive, read_record, read_records
from scraper.crawl import crawl
from scraper.portals import load_portals
from scraper.rebuild import archived_articles
from sites import STYLES, portal_toml, relevant, stories, with_base
from warehouse import session
from warehouse.crawl_state import stored_articles


def test_rotates_and_reads_back_every_response(tmp_path):
    archive = Archive(tmp_path, rotate_bytes=2_000)
    pointers = [archive.write(f"http://127.0.0.1/a{i}", "GET", {"User-Agent": "thidua"}, 200, "OK",
                              [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")],
                              f"<p>Bài {i} {'x' * 1500}</p>".encode(), canonical=f"http://127.0.0.1/a{i}",
                              portal_id="p", kind="article") for i in range(4)]
    archive.close()
    assert len({name for name, _ in pointers}) >= 2
    records = list(read_records(tmp_path))
    assert [r.url for r in records] == [f"http://127.0.0.1/a{i}" for i in range(4)]
    again = read_record(tmp_path, *pointers[2])
    assert again.body.startswith("<p>Bài 2".encode()) and again.kind == "article" and again.portal_id == "p"
    assert "Content-Encoding" not in again.headers
    kinds = [line for line in gzip.open(tmp_path / pointers[0][0]).read().split(b"\r\n") if line.startswith(b"WARC-Type")]
    assert kinds == [b"WARC-Type: response", b"WARC-Type: request"] * (len(kinds) // 2) and kinds


def test_a_torn_last_record_is_skipped(tmp_path):
    archive = Archive(tmp_path)
    name, _ = archive.write("http://127.0.0.1/a", "GET", {}, 200, "OK", [], b"<p>mot</p>", canonical="http://127.0.0.1/a",
                            portal_id=None, kind="article")
    archive.close()
    with open(tmp_path / name, "ab") as handle:
        handle.write(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n")[:20])
    assert [r.url for r in read_records(tmp_path)] == ["http://127.0.0.1/a"]


def test_reextract_rebuilds_articles_from_the_archive_without_network(serve, tmp_path, fast):
    items = stories(6)
    routes, extra = STYLES["joomla"](items)
    site = serve(routes)
    with_base(routes, site.base)
    (tmp_path / "p.toml").write_text(portal_toml([("joomla", site.base, extra)]), encoding="utf-8")
    portals = load_portals(tmp_path / "p.toml")
    live = []
    crawl(portals, fast, tmp_path / "t.duckdb", tmp_path / "archive", on_articles=live.extend)
    site.__exit__(None, None, None)                                   # the network is gone
    with session(tmp_path / "t.duckdb") as con:
        stored = stored_articles(con)
    from_db = list(archived_articles(tmp_path / "archive", portals, stored))
    from_scan = list(archived_articles(tmp_path / "archive", portals))
    key = lambda a: (a.page_id, a.title, a.published, a.text, a.portal_id, a.unit_hint)   # noqa: E731
    assert sorted(map(key, from_db)) == sorted(map(key, from_scan)) == sorted(map(key, live))
    assert len(live) == sum(map(relevant, items))
