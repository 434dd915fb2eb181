"""The 2025 map in the warehouse: units loaded from the gazetteer with province_2025, and the documented
query "events in what is now Tây Ninh" answering on a real DuckDB file."""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import duckdb

import thidua.units as units
from extract.gazetteer import Gazetteer
from schema import Article, Cluster, EventRecord, Unit
from thidua.pipeline import process
from warehouse import load_records

DOCS = Path(__file__).resolve().parents[2] / "docs" / "coverage.md"


def fresh(monkeypatch):
    monkeypatch.setattr(units, "_done", set())


def test_units_carry_the_province_each_belongs_to_since_july_2025(tmp_path, monkeypatch):
    fresh(monkeypatch)
    db = tmp_path / "t.duckdb"
    total = len(list(Gazetteer.load().rows()))
    assert units.ensure_units(db) == total
    assert units.ensure_units(db) == 0                              # once per database per process
    fresh(monkeypatch)
    assert units.ensure_units(db) == 0                              # already current: not reloaded
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = dict(con.execute("SELECT name || ' (' || province || ')', province_2025 FROM units "
                                "WHERE level = 'district' AND name IN ('Đức Hòa', 'Kiên Lương', 'Trảng Bàng')"
                                ).fetchall())
        missing = con.execute("SELECT count(*) FROM units WHERE level = 'district' AND valid_until IS NULL "
                              "AND province_2025 IS NULL").fetchone()[0]
    finally:
        con.close()
    assert rows == {"Đức Hòa (Long An)": "Tây Ninh", "Kiên Lương (Kiên Giang)": "An Giang",
                    "Trảng Bàng (Tây Ninh)": "Tây Ninh"}
    assert missing == 0


def test_the_pipeline_loads_units_before_events(tmp_path, monkeypatch):
    fresh(monkeypatch)
    db = tmp_path / "t.duckdb"
    process(db, [])
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM units WHERE province_2025 = 'Tây Ninh'").fetchone()[0] > 100
    finally:
        con.close()


def _event(url: str, host: Unit, province: str, day: str) -> tuple[Article, EventRecord]:
    text = f"Cụm thi đua số 2 của tỉnh {province} ký giao ước tại {host.type} {host.name} ngày {day}."
    return (Article(text=text, url=url, page_id=url, title=text[:30], fetched_at=datetime(2024, 3, 8)),
            EventRecord(source=url, is_event=True, event_types=("covenant_signing",), event_date=day, period="2024",
                        cluster=Cluster("cụm", 2), province=province, host=host, members=(host,),
                        extractor_version="t"))


def test_documented_query_finds_events_in_what_is_now_tay_ninh(tmp_path, monkeypatch):
    fresh(monkeypatch)
    db = tmp_path / "t.duckdb"
    g = Gazetteer.load()
    duc_hoa, kien_luong = g.resolve("huyện Đức Hòa", province="Long An"), g.resolve("huyện Kiên Lương", province="Kiên Giang")
    units.ensure_units(db)
    load_records(db, [_event("https://duchoa.longan.gov.vn/tin/1", Unit("Đức Hòa", "huyện", "Long An", duc_hoa.code),
                             "Long An", "2024-03-07"),
                      _event("https://kienluong.kiengiang.gov.vn/tin/2", Unit("Kiên Lương", "huyện", "Kiên Giang",
                                                                              kien_luong.code), "Kiên Giang", "2024-04-02")])
    queries = re.findall(r"```sql\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert len(queries) >= 2
    con = duckdb.connect(str(db), read_only=True)
    try:
        by_province = con.execute(queries[0]).fetchall()
        by_unit = con.execute(queries[1]).fetchall()
    finally:
        con.close()
    assert [(str(r[0]), r[-1]) for r in by_province] == [("2024-03-07", "Long An")]
    assert [r[1:] for r in by_unit] == [("Đức Hòa", "huyện", "Long An")]
