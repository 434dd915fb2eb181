"""thidua.pipeline.process: extract and load Articles in batches into a real DuckDB file."""
from __future__ import annotations

import duckdb
import pytest

from schema import Article, EventRecord, Page
from thidua.pipeline import process
from warehouse.crawl_state import CrawlBatch, now

TEXT = ("Sáng 14/5/2024, tại hội trường UBND xã Tân An, Cụm thi đua số 2 của huyện Tân Hiệp tổ chức hội nghị "
        "ký kết giao ước thi đua năm 2024 giữa năm xã trong cụm.")


def test_process_loads_each_article_once_in_batches(tmp_path):
    db = tmp_path / "t.duckdb"
    articles = [Article(text=f"{TEXT} Bài số {i}.", url=f"https://x.gov.vn/tin/{i}.html", title=f"Tin {i}",
                        page_id=f"https://x.gov.vn/tin/{i}.html", portal_id="x") for i in range(5)]
    report = process(db, articles, batch_size=2)
    assert report.articles == 5 and report.errors == 0
    again = process(db, articles[:2])
    assert again.articles == 2
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*), count(DISTINCT page_id) FROM articles").fetchone() == (5, 5)
        assert con.execute("SELECT count(*) FROM loads").fetchone()[0] == 4
    finally:
        con.close()


def _batch(urls: list[str]) -> CrawlBatch:
    return CrawlBatch(pages={u: Page(url=u, canonical_url=u, portal_id="x", fetched_at=now(), status=200) for u in urls})


def test_writer_stores_small_crawls_inline_then_big_ones_through_workers_in_order(tmp_path):
    from thidua.pipeline import Writer
    db = tmp_path / "t.duckdb"
    batches = [[Article(text=f"{TEXT} Lô {b}, bài {i}.", url=f"https://x.gov.vn/{b}/{i}.html",
                        page_id=f"https://x.gov.vn/{b}/{i}.html") for i in range(3)] for b in range(2)]
    stored = []
    with Writer(db, workers=1, min_articles=3, on_stored=stored.append) as writer:
        writer.read(batches[0][:1])                                  # below min_articles, no worker yet: inline
        small = writer.store(_batch([batches[0][0].url]))
        assert small.done() and small.result().articles == 1 and writer._pool is None
        futures = []
        for batch in batches:
            writer.read(batch[:2])                                   # read in pieces, as a crawl reads them
            writer.read(batch[2:])
            futures.append(writer.store(_batch([a.url for a in batch])))
        late = writer.store(_batch([]))                               # a batch with no article: state only
        reports = [f.result(timeout=120) for f in [*futures, late]]
    assert [r.articles for r in reports] == [3, 3, 0] and len(stored) == 4
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (6,)
        assert con.execute("SELECT count(*) FROM loads").fetchone() == (3,)      # no load row for an empty batch
        assert con.execute("SELECT count(*) FROM pages").fetchone() == (6,)
    finally:
        con.close()


def test_a_batch_is_stored_whole_or_not_at_all(tmp_path):
    from thidua.pipeline import store
    db = tmp_path / "t.duckdb"
    article = Article(text=TEXT, url="https://x.gov.vn/1.html", page_id="https://x.gov.vn/1.html")
    bad = _batch([article.url])
    bad.log.append("not a log row")                                  # fails after the articles were loaded
    with pytest.raises(AttributeError, match="canonical_url|run_id"):
        store(db, [(article, EventRecord(source=article.url))], bad)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM pages)").fetchone() == (0, 0)
    finally:
        con.close()


PARENT = """
import sys
from schema import Article
from thidua.pipeline import Writer
from warehouse.crawl_state import CrawlBatch
with Writer(sys.argv[1], workers=1, min_articles=1) as writer:
    writer.read([Article(text=sys.argv[2], url="https://x.gov.vn/tin/1.html", page_id="https://x.gov.vn/tin/1.html")])
    report = writer.store(CrawlBatch()).result(timeout=120)
print(report.articles, report.events, "spacy" in sys.modules, "extract" in sys.modules)
"""


def test_a_crawl_process_never_loads_the_extractor_itself(tmp_path):
    # its core is the fetching's: the workers extract and fill the units table
    import subprocess
    import sys
    db = tmp_path / "t.duckdb"
    out = subprocess.run([sys.executable, "-c", PARENT, str(db), TEXT], capture_output=True, text=True, check=True,
                         timeout=180).stdout.split()
    assert out == ["1", "1", "False", "False"]
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM units WHERE province_2025 IS NOT NULL").fetchone()[0] > 100
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    finally:
        con.close()
