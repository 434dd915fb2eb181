import csv
from dataclasses import replace

import pyarrow.parquet as pq
import pytest
from warehouse_builders import not_an_event, other_events

from schema import ThiduaError
from warehouse import EXPORTS, connect, export, load_records

CLUSTER_COLUMNS = ["event_id", "event_date", "year", "event_types", "period", "province", "cluster_kind",
                   "cluster_number", "cluster_name", "host", "venue", "cluster_leader", "cluster_deputy",
                   "members", "member_count", "officials", "movements", "theme", "sources",
                   "first_source_url", "first_published"]


@pytest.fixture
def loaded(db, three_sources):
    art, rec = other_events()[1]
    risky = replace(rec, theme="=HYPERLINK(\"http://x\")", venue="+84 Kiên Hải", period="-2021",
                    members=(replace(rec.members[0], name="@Hà Tiên", type=None), *rec.members[1:]))
    load_records(db, three_sources + [(art, risky)] + [not_an_event()])
    return db


def read_csv(path):
    raw = path.read_bytes()
    with open(path, encoding="utf-8-sig", newline="") as f:
        return raw, list(csv.DictReader(f))


def test_cluster_conferences_csv_is_excel_safe(loaded, tmp_path):
    out = tmp_path / "hoi_nghi.csv"
    assert export(loaded, out) == 2
    raw, rows = read_csv(out)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0].split(",") == CLUSTER_COLUMNS
    first = rows[0]
    assert first["event_date"] == "2021-03-24" and first["first_published"] == "2021-03-24"
    assert first["members"] == "huyện Kiên Hải; huyện Kiên Lương; thành phố Hà Tiên; huyện Giang Thành"
    assert first["officials"].startswith("Nguyễn Quốc Tuấn (Chủ tịch UBND huyện Kiên Hải); Trần Thị Mai")
    assert first["venue"] == "Hội trường Huyện ủy Kiên Hải" and first["cluster_deputy"] == ""
    risky = rows[1]
    assert risky["theme"] == "'=HYPERLINK(\"http://x\")"
    assert risky["venue"] == "'+84 Kiên Hải" and risky["period"] == "'-2021"
    assert risky["members"] == "'@Hà Tiên; huyện Kiên Hải; huyện Giang Thành"
    assert not list(tmp_path.glob(".*.tmp"))


def test_every_export_has_its_documented_columns_and_rows(loaded, tmp_path):
    expected_rows = {"cluster-conferences": 2, "events": 2, "officials": 4, "membership": 6}
    for what, (_, columns, _) in EXPORTS.items():
        out = tmp_path / f"{what}.csv"
        assert export(loaded, out, what) == expected_rows[what], what
        raw, rows = read_csv(out)
        assert list(rows[0]) == list(columns) and len(rows) == expected_rows[what]


def test_parquet_reads_back_with_types(loaded, tmp_path):
    out = tmp_path / "hoi_nghi.parquet"
    assert export(loaded, out, "cluster-conferences", "parquet") == 2
    table = pq.read_table(out)
    assert table.column_names == CLUSTER_COLUMNS
    first = table.to_pylist()[0]
    assert str(first["event_date"]) == "2021-03-24" and first["member_count"] == 4
    assert first["members"][3] == "huyện Giang Thành"


def test_a_failed_export_leaves_the_old_file_untouched(loaded, tmp_path):
    out = tmp_path / "hoi_nghi.csv"
    out.write_text("old contents", encoding="utf-8")
    con = connect(loaded)
    con.execute("DROP VIEW cluster_conferences")
    with pytest.raises(ThiduaError, match=r"^cannot export cluster-conferences: Catalog Error"):
        export(con, out)
    con.close()
    assert out.read_text(encoding="utf-8") == "old contents"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_unknown_export_format_and_directory_are_one_line_errors(loaded, tmp_path):
    with pytest.raises(ThiduaError) as e:
        export(loaded, tmp_path / "x.csv", "meetings")
    assert str(e.value) == "no export 'meetings' (choose: cluster-conferences, events, officials, membership)"
    with pytest.raises(ThiduaError) as e:
        export(loaded, tmp_path / "x.xlsx", "events", "xlsx")
    assert str(e.value) == "no format 'xlsx' (choose: csv, parquet)"
    with pytest.raises(ThiduaError) as e:
        export(loaded, tmp_path / "nope" / "x.csv")
    assert str(e.value) == f"no directory {tmp_path / 'nope'} for x.csv"


def test_an_empty_database_exports_a_header(db, tmp_path):
    connect(db).close()
    out = tmp_path / "empty.csv"
    assert export(db, out) == 0
    assert read_csv(out)[0].decode("utf-8-sig").strip() == ",".join(CLUSTER_COLUMNS)
