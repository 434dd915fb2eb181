from dataclasses import replace

from warehouse_builders import HA_TIEN, KG, article, event, kien_hai_three_sources, other_events

from schema import Cluster
from warehouse import connect, load_records


def one(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def test_one_conference_from_three_sources_is_one_event(db, three_sources):
    report = load_records(db, three_sources)
    assert (report.events_new, report.events_merged, report.sources) == (1, 2, 3)
    con = connect(db, read_only=True)
    row = one(con, "SELECT event_date, event_types, cluster_kind, cluster_number, cluster_name, province, "
                   "host, venue, members, member_count, officials, movements, sources, first_source_url "
                   "FROM cluster_conferences")
    con.close()
    assert row == [(
        __import__("datetime").date(2021, 3, 24),            # two sources say the 24th, one the 25th
        ["covenant_signing", "movement_launch"],              # the union of types
        "cụm", 3, "biên giới hải đảo",                         # the most specific cluster
        KG, "huyện Kiên Hải",
        "Hội trường Huyện ủy Kiên Hải",                       # the most specific venue
        ["huyện Kiên Hải", "huyện Kiên Lương", "thành phố Hà Tiên", "huyện Giang Thành"],
        4,
        ["Nguyễn Quốc Tuấn (Chủ tịch UBND huyện Kiên Hải)", "Trần Thị Mai (Phó Chủ tịch UBND thành phố)"],
        ["Cả nước chung sức xây dựng nông thôn mới"],
        3,
        "https://kienhai.kiengiang.gov.vn/tin/ky-ket-giao-uoc-cum-3",   # published first
    )]


def test_each_source_is_kept(db, three_sources):
    load_records(db, three_sources)
    con = connect(db, read_only=True)
    assert one(con, "SELECT count(DISTINCT event_id), count(*) FROM event_sources") == [(1, 3)]
    assert one(con, "SELECT count(*) FROM event_units WHERE role = 'member'") == [(6,)]   # as each reported
    con.close()


def test_sources_arriving_in_separate_loads_join_the_same_event(db, three_sources):
    first = load_records(db, three_sources[2:])
    second = load_records(db, three_sources[:2])
    assert (first.events_new, second.events_new, second.events_merged) == (1, 0, 2)
    con = connect(db, read_only=True)
    assert one(con, "SELECT count(*), max(source_count), min(event_date) FROM events")[0][:2] == (1, 3)
    con.close()


def test_near_misses_stay_separate_events(db, three_sources):
    report = load_records(db, three_sources + other_events())
    assert report.events_new == 5
    con = connect(db, read_only=True)
    assert one(con, "SELECT count(*) FROM events") == [(5,)]
    assert one(con, "SELECT max(source_count) FROM events") == [(3,)]
    con.close()


def test_host_type_and_date_match_without_a_cluster(db):
    urls = [f"https://portal-{i}.example.gov.vn/tin/phat-dong" for i in range(2)]
    items = [(article(u, f"Huyện Kiên Hải phát động phong trào thi đua (bản {i})."),
              event(u, event_types=("movement_launch",), event_date=d, host=replace(HA_TIEN, code=code)))
             for i, (u, d, code) in enumerate(zip(urls, ("2022-02-10", "2022-02-11"), ("91-ht", None)))]
    assert load_records(db, items).events_new == 1


def test_a_report_bridging_two_events_merges_them_into_the_older_id(db):
    c_art, c_rec = kien_hai_three_sources()[2]      # cụm "biên giới hải đảo", no number
    n_url = "https://kienluong.kiengiang.gov.vn/tin/cum-3"
    n_art = article(n_url, "Cụm thi đua số 3 ký giao ước ngày 24/3.")
    n_rec = event(n_url, event_types=("covenant_signing",), event_date="2021-03-24", province=KG,
                  cluster=Cluster("cụm", 3, None))
    load_records(db, [(c_art, c_rec), (n_art, n_rec)])
    con = connect(db, read_only=True)
    ids = sorted(e for (e,) in one(con, "SELECT event_id FROM events"))
    con.close()
    assert len(ids) == 2                              # nothing yet says cụm 3 is "biên giới hải đảo"
    bridge_art, bridge_rec = kien_hai_three_sources()[0]
    report = load_records(db, [(bridge_art, bridge_rec)])
    assert (report.events_new, report.events_merged) == (0, 1)
    con = connect(db, read_only=True)
    assert one(con, "SELECT event_id, source_count FROM events") == [(ids[0], 3)]
    assert one(con, "SELECT DISTINCT event_id FROM event_sources") == [(ids[0],)]
    con.close()


def test_event_ids_are_stable_across_a_rebuilt_database(tmp_path, three_sources):
    ids = []
    for name in ("a.duckdb", "b.duckdb"):
        load_records(tmp_path / name, three_sources + other_events())
        con = connect(tmp_path / name, read_only=True)
        ids.append(one(con, "SELECT event_id FROM events ORDER BY 1"))
        con.close()
    assert ids[0] == ids[1] and all(e.startswith("ev-") for (e,) in ids[0])
