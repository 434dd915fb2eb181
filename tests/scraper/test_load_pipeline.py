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
        small = pool.submit(db, batches[0][:1])                   # below min_batch, no worker yet: inline, at once
        assert small.done() and small.result().articles == 1
        futures = [pool.submit(db, batch) for batch in batches]
        late = pool.submit(db, batches[1][:1])                    # workers running: small batches go to them too
        reports = [f.result(timeout=120) for f in [*futures, late]]
    assert [r.articles for r in reports] == [3, 3, 1]
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (6,)
        loads = [r[0] for r in con.execute("SELECT load_id FROM loads ORDER BY started_at").fetchall()]
        assert len(loads) == 4
    finally:
        con.close()


PARENT = """
import sys
from schema import Article
from thidua.pipeline import ExtractorPool
with ExtractorPool(workers=1, min_batch=1) as pool:
    report = pool.submit(sys.argv[1], [Article(text=sys.argv[2], url="https://x.gov.vn/tin/1.html",
                                               page_id="https://x.gov.vn/tin/1.html")]).result(timeout=120)
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
