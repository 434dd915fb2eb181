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
