"""The gazetteer: ambiguous names, types over time, spelling variants, hosts, and the shipped data."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from extract.gazetteer import LEVELS, Gazetteer, Place
from schema.records import UNIT_TYPES


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _code(place: Place | None) -> str | None:
    return place.code if place else None


# (name as written, resolve() arguments — context as names resolved first, expected code)
RESOLVE = [
    ("huyện Kiên Hải", {}, "912"),
    ("TP. Hà Tiên", {}, "900"),
    ("TX Kiến Tường", {}, "795"),
    ("Thành phố Phú Quốc", {}, "911"),
    ("tỉnh Đồng Tháp", {}, "87"),
    ("thị xã Duyên Hải", {}, "851"),
    ("huyện Duyên Hải", {}, "850"),
    ("Duyên Hải", {}, None),                                   # two units in Trà Vinh, type unknown
    ("Duyên Hải", {"year": 2014}, "850"),                      # the thị xã dates from 2015
    ("Châu Thành", {}, None),                                  # about ten provinces have one
    ("Châu Thành", {"province": "Trà Vinh"}, "847"),
    ("huyện Châu Thành", {"province": "tỉnh Kiên Giang"}, "905"),
    ("Châu Thành", {"context": ["Càng Long", "Tiểu Cần", "thị xã Duyên Hải"]}, "847"),
    ("Châu Thành", {"context": ["Giồng Riềng", "huyện Kiên Hải", "Long An"]}, "905"),
    ("Đăk Hà", {}, "615"),
    ("Đắk Hà", {}, "615"),
    ("Ia H’Drai", {}, "618"),
    ("Ia H' Drai", {}, "618"),
    ("Phan Rang-Tháp Chàm", {}, "582"),
    ("Kbang", {}, "625"),
    ("Hoà Bình", {"type": "thành phố"}, "148"),
    ("Hòa Bình", {}, "17"),                                     # type unknown: the province before the city
    ("Phú Quốc", {"type": "huyện", "year": 2019}, "911"),
    ("Phú Quốc", {"type": "thành phố", "year": 2019}, None),
    ("phường Huyền Tụng", {"province": "Bắc Kạn"}, "01846"),
    ("xã An Hiệp", {}, None),                                  # five provinces have one
    ("xã An Hiệp", {"context": ["huyện Tuy An"]}, "22150"),
    ("xã An Hiệp", {"province": "Phú Yên"}, "22150"),
    ("Thông Nông", {"year": 2019}, "044"),                     # merged into Hà Quảng in 2020
    ("huyện Thông Nông", {"year": 2021}, None),
    ("Thông Nông", {"year": 2021}, "01363"),                   # its thị trấn lives on
    ("Quận 2", {"year": 2019}, "769@2020"),
    ("Thủ Đức", {"year": 2019}, "762"),
    ("Thủ Đức", {"year": 2022}, "769"),
    ("Đạ Huoai", {"year": 2020}, "681"),
    ("Đạ Huoai", {"year": 2025}, "682"),
    ("Tân Thành", {"province": "Bà Rịa - Vũng Tàu", "year": 2017}, "754@2018"),
    ("tỉnh Thừa Thiên Huế", {}, "46"),
    ("thành phố Huế", {"year": 2020}, "474@2024"),
    ("TP.HCM", {}, "79"),
    ("Q.1", {}, "760"),
    ("huyện Tam Nông", {}, None),                              # Phú Thọ and Đồng Tháp
    ("Hà Tiên", {"type": "huyện"}, None),
]


@pytest.mark.parametrize("name, args, expected", RESOLVE, ids=[f"{n}-{a}"[:40] for n, a, _ in RESOLVE])
def test_resolve(gaz, name, args, expected):
    args = dict(args)
    if "context" in args:
        args["context"] = [gaz.resolve(n) for n in args["context"]]
        assert all(args["context"]), "every context name resolves on its own"
    assert _code(gaz.resolve(name, **args)) == expected


TYPE_IN = [
    ("911", 2019, "huyện"), ("911", 2020, "huyện"), ("911", 2021, "thành phố"), ("911", None, "thành phố"),
    ("723", 2012, "huyện"), ("723", 2016, "thị xã"), ("723", 2023, "thành phố"),
    ("900", 2017, "thị xã"), ("900", 2019, "thành phố"),
    ("754", 2019, "thị xã"), ("754", 2025, "thành phố"),
    ("46", 2024, "tỉnh"), ("46", 2025, "thành phố"),
    ("851", 2020, "thị xã"),                                  # no change: its one type
]


@pytest.mark.parametrize("code, year, expected", TYPE_IN)
def test_type_in(gaz, code, year, expected):
    assert gaz.type_in(gaz.by_code(code), year) == expected


HOSTS = [
    ("kienluong.kiengiang.gov.vn", "Kiên Giang"), ("sonoivu.quangnam.gov.vn", "Quảng Nam"),
    ("yenbai.noichinh.vn", "Yên Bái"), ("baolamdong.vn", "Lâm Đồng"), ("dienbientv.vn", "Điện Biên"),
    ("kontumtv.vn", "Kon Tum"), ("baolongan.vn", "Long An"), ("travinh.gov.vn", "Trà Vinh"),
    ("tamduong.vinhphuc.gov.vn", "Vĩnh Phúc"), ("https://www.baoninhthuan.com.vn/news", "Ninh Thuận"),
    ("tuoitre.vn", None), ("example.com", None),
]


@pytest.mark.parametrize("host, expected", HOSTS)
def test_province_of_host(gaz, host, expected):
    assert gaz.province_of_host(host) == expected


@pytest.mark.parametrize("a, b", [
    ("Hòa Bình", "hoà bình"), ("Thủy Nguyên", "THUỶ NGUYÊN"), ("Đăk Hà", "Đắk Hà"), ("Đak Đoa", "Đăk Đoa"),
    ("Ia H’Drai", "Ia H' Drai"), ("Phan Rang-Tháp Chàm", "Phan Rang - Tháp Chàm"), ("KBang", "Kbang"),
])
def test_key_ignores_spelling_noise(a, b):
    assert Gazetteer.key(a) == Gazetteer.key(b)


@pytest.mark.parametrize("a, b", [("Hà Tiên", "Hà Tĩnh"), ("Hòa An", "Hoàn"), ("Quận 1", "Quận 10")])
def test_key_keeps_distinct_names_apart(a, b):
    assert Gazetteer.key(a) != Gazetteer.key(b)


def test_find_falls_back_to_diacritics_free_key_only_when_exact_finds_nothing(gaz):
    assert [p.code for p in gaz.find("Kien Hai", level="district")] == ["912"]
    assert [p.code for p in gaz.find("Hà Tiên", level="district")] == ["900"]   # not Hà Tĩnh's ascii twin
    assert {p.province for p in gaz.find("H. Tam Nông")} == {"Phú Thọ", "Đồng Tháp"}


def test_find_lists_every_chau_thanh_district(gaz):
    found = gaz.find("huyện Châu Thành")
    assert len(found) >= 10 and {p.name for p in found} == {"Châu Thành"}
    assert len({p.province for p in found}) == len(found)


def test_dissolved_units_stay_findable(gaz):
    (old,) = gaz.find("Hoành Bồ", level="district")
    assert (old.valid_until, old.province, old.type) == (2019, "Quảng Ninh", "huyện")
    assert gaz.by_code("413").name == "Cửa Lò" and gaz.by_code("413").valid_until == 2024


def test_surface_forms_cover_variants_and_ambiguity(gaz):
    forms = dict(gaz.surface_forms())
    for written in ("Ia H’Drai", "Ia H'Drai", "Phan Rang-Tháp Chàm", "Đắk Hà", "Đăk Hà", "Hoà Bình", "Kbang"):
        assert written in forms, written
    assert forms["Duyên Hải"] == ("850", "851")
    assert len(forms["Châu Thành"]) >= 10
    assert "Huyền Tụng" not in forms and "Huyền Tụng" in dict(gaz.surface_forms(("ward",)))


def test_data_counts_and_provenance(gaz):
    counts = {lvl: len(gaz.places(lvl)) for lvl in LEVELS}
    assert counts["province"] == 63 and counts["district"] >= 700 and counts["ward"] >= 10_000
    prov = gaz.provenance
    assert (prov["package"], prov["version"], prov["licence"]) == ("vietnamadminunits", "1.0.4", "MIT")
    assert len({p.code for p in gaz.places()}) == len(gaz.places())
    assert {p.type for p in gaz.places()} <= set(UNIT_TYPES)
    assert all(p.province_2025 for p in gaz.places())


def _history_lines() -> list[dict]:
    text = resources.files("extract.data").joinpath("unit_history.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_every_history_line_cites_an_act_and_is_in_the_data(gaz):
    for line in _history_lines():
        assert "Nghị quyết" in line["source"], line
        place = gaz.by_code(line["code"])
        assert place is not None, line
        year = int(line["effective"][:4])
        if line["change"] == "type":
            assert (year, line["to_type"]) in place.history, line
        elif line["change"] == "established":
            assert place.valid_from == year, line
        else:
            assert place.valid_until in (year - 1, year) and gaz.by_code(line["into"]), line


def test_rows_are_plain_dicts_for_the_units_table(gaz):
    rows = {r["code"]: r for r in gaz.rows()}
    assert len(rows) == len(gaz.places())
    row = rows["911"]
    assert set(row) == {"code", "name", "type", "level", "province", "province_code", "district_code",
                        "valid_from", "valid_until", "province_2025", "history"}
    assert json.loads(row["history"]) == [[0, "huyện"], [2021, "thành phố"]]
    assert rows["22150"]["district_code"] == "559" and rows["22150"]["province_2025"] == "Đắk Lắk"
