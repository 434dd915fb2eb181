import json
from dataclasses import replace

import duckdb
import pytest
from warehouse_builders import VERSION, kien_hai_three_sources, not_an_event, other_events

from schema import ThiduaError
from warehouse import connect, load_records, transaction

DATA_TABLES = ("articles", "records", "events", "event_sources", "event_units", "officials",
               "event_movements")


def snapshot(db):
    con = connect(db, read_only=True)
    try:
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in DATA_TABLES}
    finally:
        con.close()


def test_first_load_reports_articles_events_merges_and_sources(db, three_sources):
    report = load_records(db, three_sources + [not_an_event()], load_id="load-1")
    assert (report.load_id, report.articles, report.unchanged, report.replaced) == ("load-1", 4, 0, 0)
    assert (report.events_new, report.events_merged, report.sources, report.non_events) == (1, 2, 3, 1)
    con = connect(db, read_only=True)
    assert con.execute("SELECT load_id, articles, events_new, events_merged, sources, extractor_versions "
                       "FROM loads").fetchall() == [("load-1", 4, 1, 2, 3, [VERSION])]
    assert con.execute("SELECT count(*), count(*) FILTER (WHERE is_event) FROM articles").fetchone() == (4, 3)
    con.close()


def test_loading_the_same_articles_again_changes_nothing(db, three_sources):
    load_records(db, three_sources + [not_an_event()])
    before = snapshot(db)
    again = load_records(db, three_sources + [not_an_event()])
    assert (again.unchanged, again.replaced, again.events_new, again.sources) == (4, 0, 0, 0)
    assert snapshot(db) == before


def test_new_extractor_version_replaces_that_articles_rows_and_keeps_the_event_id(db, three_sources):
    load_records(db, three_sources)
    con = connect(db, read_only=True)
    (event_id,) = con.execute("SELECT event_id FROM events").fetchone()
    con.close()
    art, rec = three_sources[1]
    newer = replace(rec, extractor_version="test-2", officials=rec.officials[:1], movements=())
    report = load_records(db, [(art, newer)])
    assert (report.replaced, report.unchanged, report.events_new, report.events_merged) == (1, 0, 0, 1)
    con = connect(db, read_only=True)
    assert con.execute("SELECT event_id, source_count FROM events").fetchall() == [(event_id, 3)]
    assert con.execute("SELECT extractor_version FROM records WHERE article_id = ?", [art.page_id]).fetchone() \
        == ("test-2",)
    assert con.execute("SELECT name FROM officials WHERE article_id = ?", [art.page_id]).fetchall() \
        == [("Trần Thị Mai",)]
    assert con.execute("SELECT count(*) FROM event_movements").fetchone() == (0,)
    con.close()


def test_re_extraction_of_a_lone_report_keeps_its_event_id(db):
    art, rec = kien_hai_three_sources()[0]
    load_records(db, [(art, rec)])
    con = connect(db, read_only=True)
    first = con.execute("SELECT event_id FROM events").fetchall()
    con.close()
    report = load_records(db, [(art, replace(rec, extractor_version="test-2", venue="Hội trường"))])
    assert (report.replaced, report.events_new) == (1, 0)
    con = connect(db, read_only=True)
    assert con.execute("SELECT event_id, venue FROM events").fetchall() == [(first[0][0], "Hội trường")]
    con.close()


def test_article_that_stops_being_an_event_leaves_no_event_behind(db):
    art, rec = kien_hai_three_sources()[2]
    load_records(db, [(art, rec)])
    load_records(db, [(art, replace(rec, is_event=False, extractor_version="test-2"))])
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM events").fetchone() == (0,)
    assert con.execute("SELECT is_event FROM articles").fetchall() == [(False,)]
    con.close()


def test_changed_text_counts_as_replaced(db, three_sources):
    load_records(db, three_sources)
    art, rec = three_sources[2]
    report = load_records(db, [(replace(art, text=art.text + " Bài đã cập nhật."), rec)])
    assert (report.replaced, report.unchanged) == (1, 0)


def test_a_load_that_fails_half_way_leaves_the_database_as_before(db, three_sources):
    load_records(db, three_sources[:1])
    before = snapshot(db)

    def items():
        yield from three_sources[1:]
        yield from other_events()
        raise RuntimeError("extractor crashed")

    with pytest.raises(RuntimeError, match="extractor crashed"):
        load_records(db, items(), chunk_size=2)      # several chunks were written before the crash
    assert snapshot(db) == before
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM loads").fetchone() == (1,)
    con.close()


def test_a_bad_date_in_a_later_chunk_rolls_back_the_whole_load(db, three_sources):
    art, rec = other_events()[0]
    with pytest.raises(ThiduaError, match=r"event_date '2021-13-45' is not an ISO date"):
        load_records(db, three_sources + [(art, replace(rec, event_date="2021-13-45"))], chunk_size=1)
    assert all(rows == [] for rows in snapshot(db).values())


def test_a_load_id_is_used_once(db, three_sources):
    load_records(db, three_sources[:1], load_id="daily")
    with pytest.raises(ThiduaError, match="load id 'daily' was already used"):
        load_records(db, three_sources[1:], load_id="daily")


def test_a_repeated_article_in_one_load_keeps_the_last_version(db, three_sources):
    art, rec = three_sources[0]
    later = replace(rec, extractor_version="test-2")
    report = load_records(db, [(art, rec), *three_sources[1:], (art, later)], chunk_size=2)
    assert report.replaced == 1
    con = connect(db, read_only=True)
    assert con.execute("SELECT extractor_version FROM articles WHERE article_id = ?", [art.page_id]).fetchall() \
        == [("test-2",)]
    assert con.execute("SELECT source_count FROM events").fetchall() == [(3,)]
    con.close()


def test_the_whole_record_is_stored_as_the_contract_json(db, three_sources):
    load_records(db, three_sources)
    con = connect(db, read_only=True)
    stored = dict(con.execute("SELECT article_id, record FROM records").fetchall())
    con.close()
    for art, rec in three_sources:
        assert json.loads(stored[art.page_id]) == rec.to_json()
    art, rec = not_an_event()
    failed = replace(rec, error="cannot decode")
    load_records(db, [(art, failed)])
    con = connect(db, read_only=True)
    (record,) = con.execute("SELECT record FROM records WHERE article_id = ?", [art.page_id]).fetchone()
    con.close()
    assert json.loads(record) == failed.to_json() == {"source": rec.source, "error": "cannot decode"}


def test_every_event_value_traces_to_its_sentence(db, three_sources):
    load_records(db, three_sources)
    con = connect(db, read_only=True)
    rows = con.execute("SELECT field, value, url, fetched_at, quote FROM event_evidence "
                       "WHERE quote IS NOT NULL ORDER BY field, value").fetchall()
    con.close()
    quotes = {(f, v): q for f, v, _, _, q in rows}
    assert quotes[("event_date", "2021-03-24")] == "Hôm 24/3/2021"
    assert quotes[("venue", "Hội trường Huyện ủy Kiên Hải")] == "Hội trường Huyện ủy Kiên Hải"
    assert quotes[("members", "thành phố Hà Tiên")] == "thành phố Hà Tiên"
    assert all(url.startswith("https://") and fetched is not None for _, _, url, fetched, _ in rows)


def test_load_joins_a_transaction_the_caller_opened(db, three_sources):
    con = connect(db)
    with pytest.raises(RuntimeError):
        with transaction(con):
            load_records(con, three_sources)
            assert con.execute("SELECT count(*) FROM events").fetchone() == (1,)
            raise RuntimeError("caller changes its mind")
    assert con.execute("SELECT count(*) FROM events").fetchone() == (0,)
    con.close()


def test_fetch_time_comes_from_the_crawled_page_when_there_is_one(db, three_sources):
    con = connect(db)
    art = three_sources[0][0]
    con.execute("INSERT INTO pages (canonical_url, url, portal_id, fetched_at, status) "
                "VALUES (?, ?, 'kien-hai', TIMESTAMP '2021-03-25 01:02:03', 200)", [art.page_id, art.url])
    load_records(con, three_sources)
    got = con.execute("SELECT DISTINCT fetched_at FROM event_evidence WHERE article_id = ?", [art.page_id]).fetchall()
    con.close()
    assert [str(t) for (t,) in got] == ["2021-03-25 01:02:03"]


def test_duckdb_errors_do_not_leak_a_half_load(db, three_sources):
    con = connect(db)
    con.execute("DROP VIEW event_evidence")      # the load itself must not need views
    con.execute("ALTER TABLE officials ADD COLUMN must_fill VARCHAR NOT NULL DEFAULT 'x'")
    con.execute("ALTER TABLE officials ALTER COLUMN must_fill DROP DEFAULT")
    with pytest.raises(duckdb.Error):
        load_records(con, three_sources)
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (0,)
    con.close()


def test_running_out_of_memory_is_one_line_and_writes_nothing(db, three_sources):
    con = connect(db)
    con.execute("SET memory_limit = '1MB'")
    with pytest.raises(ThiduaError, match=r"^the load ran out of memory .*: load fewer articles at a time$"):
        load_records(con, three_sources * 1 + other_events())
    con.execute("SET memory_limit = '256MB'")
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (0,)
    con.close()
