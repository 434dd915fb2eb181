"""thidua.pipeline.process: extract and load Articles in batches into a real DuckDB file."""
from __future__ import annotations

import duckdb

from schema import Article
from thidua.pipeline import process

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


def test_extractor_pool_loads_big_batches_in_the_background_in_order(tmp_path):
    from thidua.pipeline import ExtractorPool
    db = tmp_path / "t.duckdb"
    batches = [[Article(text=f"{TEXT} Lô {b}, bài {i}.", url=f"https://x.gov.vn/{b}/{i}.html",
                        page_id=f"https://x.gov.vn/{b}/{i}.html") for i in range(3)] for b in range(2)]
    with ExtractorPool(workers=1, min_batch=3) as pool:
        futures = [pool.submit(db, batch) for batch in batches]
        reports = [f.result(timeout=120) for f in futures]
        small = pool.submit(db, batches[0][:1])                   # below min_batch: done inline, at once
        assert small.done() and small.result().articles == 1
    assert [r.articles for r in reports] == [3, 3]
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (6,)
        loads = [r[0] for r in con.execute("SELECT load_id FROM loads ORDER BY started_at").fetchall()]
        assert len(loads) == 3
    finally:
        con.close()
