from datetime import date

import pytest
from warehouse_builders import not_an_event, other_events

from warehouse import connect, load_records

VIEWS = ("event_summary", "cluster_conferences", "cluster_membership", "officials_at_events",
         "movements_by_year", "unit_activity", "event_evidence", "crawl_health")


@pytest.fixture
def con(db, three_sources):
    con = connect(db)
    con.execute("INSERT INTO portals (id, name, base_url, province, unit, cms, updated_at) VALUES "
                "('kien-hai', 'Cổng TTĐT huyện Kiên Hải', 'https://kienhai.kiengiang.gov.vn', 'Kiên Giang', "
                "'huyện Kiên Hải', 'liferay', TIMESTAMP '2021-03-20 00:00:00')")
    con.execute("INSERT INTO pages (canonical_url, url, portal_id, fetched_at, status) VALUES "
                "(?, ?, 'kien-hai', TIMESTAMP '2021-03-25 01:00:00', 200)", [three_sources[0][0].page_id] * 2)
    con.execute("INSERT INTO fetch_log (run_id, portal_id, url, fetched_at, status, outcome) VALUES "
                "('r1', 'kien-hai', 'https://kienhai.kiengiang.gov.vn/a', TIMESTAMP '2021-03-25 01:00:00', 200, 'fetched'),"
                "('r2', 'kien-hai', 'https://kienhai.kiengiang.gov.vn/b', TIMESTAMP '2021-03-26 01:00:00', 503, 'failed'),"
                "('r3', 'kien-hai', 'https://kienhai.kiengiang.gov.vn/c', TIMESTAMP '2021-03-27 01:00:00', NULL, 'failed'),"
                "('r1', 'ha-tien', 'https://hatien.kiengiang.gov.vn/a', TIMESTAMP '2021-03-25 02:00:00', NULL, 'failed')")
    load_records(con, three_sources + other_events() + [not_an_event()])
    yield con
    con.close()


def rows(con, sql):
    return con.execute(sql).fetchall()


def test_every_view_is_commented_and_answers(con):
    comments = dict(rows(con, "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal"))
    for view in VIEWS:
        assert len(comments[view] or "") > 30, view
        assert rows(con, f"SELECT count(*) FROM {view}")[0][0] > 0, view


def test_cluster_conferences_lists_only_cluster_events(con):
    assert rows(con, "SELECT count(*) FROM cluster_conferences") == [(5,)]
    con.execute("UPDATE events SET cluster_kind = NULL WHERE event_date = DATE '2021-03-27'")
    assert rows(con, "SELECT count(*) FROM cluster_conferences") == [(4,)]
    assert rows(con, "SELECT count(*) FROM event_summary") == [(5,)]


def test_cluster_membership_per_year_and_role(con):
    got = rows(con, "SELECT unit, role, events FROM cluster_membership "
                    "WHERE province = 'Kiên Giang' AND cluster_number = 3 AND year = 2021 ORDER BY role, unit")
    assert ("huyện Kiên Hải", "leader", 1) in got
    members = {u: n for u, r, n in got if r == "member"}
    # the conference, the annual review and the meeting three days later all list these three
    assert members == {"huyện Giang Thành": 3, "huyện Kiên Hải": 3, "huyện Kiên Lương": 1, "thành phố Hà Tiên": 3}


def test_officials_at_events_merges_a_person_across_sources(con):
    got = rows(con, "SELECT name, title, unit, roles, sources FROM officials_at_events "
                    "WHERE event_date = DATE '2021-03-24' AND cluster_number = 3 AND province = 'Kiên Giang' "
                    "AND list_contains(event_types, 'covenant_signing') "
                    "ORDER BY name")
    assert got == [("Nguyễn Quốc Tuấn", "Chủ tịch UBND huyện Kiên Hải", "huyện Kiên Hải",
                    ["chair", "cluster_leader", "speak"], 2),
                   ("Trần Thị Mai", "Phó Chủ tịch UBND thành phố", "thành phố Hà Tiên", ["sign"], 1)]


def test_movements_by_year_groups_spellings_under_the_canonical_name(con):
    got = rows(con, "SELECT year, movement, canonical, events, provinces, names_as_written FROM movements_by_year "
                    "WHERE movement LIKE 'Cả nước%'")
    canonical = "Cả nước chung sức xây dựng nông thôn mới"
    assert got[0][:3] == (2021, canonical, canonical)
    assert got[0][5] == ["Cả nước chung tay xây dựng nông thôn mới"]
    assert sum(r[3] for r in got) == 5 and len(got) == 1


def test_unit_activity_counts_hosted_and_attended(con):
    got = rows(con, "SELECT unit, events_hosted, events_attended, as_leader FROM unit_activity "
                    "WHERE year = 2021 AND province = 'Kiên Giang' ORDER BY unit")
    by_unit = {u: (h, a, l) for u, h, a, l in got}
    assert by_unit["huyện Kiên Hải"] == (3, 5, 1)      # a member of every test event, host of three
    assert by_unit["thành phố Hà Tiên"][0] == 1          # host of the cụm 4 meeting


def test_crawl_health_per_portal(con):
    got = {r[0]: r[1:] for r in rows(con, "SELECT portal_id, pages, last_fetch, last_success, failures, "
                                          "consecutive_failures, articles FROM crawl_health")}
    assert got["kien-hai"][0] == 1
    assert str(got["kien-hai"][1]) == "2021-03-27 01:00:00" and str(got["kien-hai"][2]) == "2021-03-25 01:00:00"
    assert got["kien-hai"][3:] == (2, 2, 2)
    assert got["ha-tien"][3:5] == (1, 1)


def test_event_summary_years_and_first_source(con):
    got = rows(con, "SELECT event_date, year, sources, first_published FROM event_summary ORDER BY event_date, sources")
    assert got[0][:2] == (date(2021, 3, 24), 2021)
    assert max(r[2] for r in got) == 3
