import json
from datetime import date

import pytest

from extract.gazetteer import Gazetteer
from schema import ThiduaError
from warehouse import connect, load_units

PHU_QUOC = {"code": "911", "name": "Phú Quốc", "type": "thành phố", "level": "district",
            "province": "Kiên Giang", "province_code": "91", "district_code": "911",
            "valid_from": 2021, "valid_until": "2025-06-30", "province_2025": "An Giang",
            "history": [[2019, "huyện"], [2021, "thành phố"]]}


def test_units_are_replaced_by_the_gazetteer_rows(db):
    assert load_units(db, [PHU_QUOC, {"code": "91", "name": "Kiên Giang", "type": "tỉnh"}]) == 2
    assert load_units(db, [PHU_QUOC]) == 1
    con = connect(db, read_only=True)
    assert con.execute("SELECT code, name, type, valid_from, valid_until, province_2025, history->>'$[0][1]' "
                       "FROM units").fetchall() == \
        [("911", "Phú Quốc", "thành phố", date(2021, 1, 1), date(2025, 6, 30), "An Giang", "huyện")]
    con.close()


def test_bad_gazetteer_rows_are_one_line_errors_and_change_nothing(db):
    load_units(db, [PHU_QUOC])
    for rows, message in [
        ([PHU_QUOC, PHU_QUOC], "gazetteer code 911 appears twice"),
        ([{**PHU_QUOC, "valid_from": "mùa xuân"}], "gazetteer code 911: 'mùa xuân' is not a date or year"),
        ([{"name": "Kiên Hải"}], 'gazetteer row without code or name: {"name": "Kiên Hải"}'),
    ]:
        with pytest.raises(ThiduaError) as e:
            load_units(db, rows)
        assert str(e.value) == message
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM units").fetchone() == (1,)
    con.close()


def test_the_real_gazetteer_loads(db):
    rows = list(Gazetteer.load().rows())
    assert load_units(db, rows) == len(rows)
    con = connect(db, read_only=True)
    got = con.execute("SELECT count(*), count(DISTINCT province) FROM units").fetchone()
    sample = con.execute("SELECT history FROM units WHERE history <> '[]' LIMIT 1").fetchall()
    con.close()
    assert got[0] == len(rows) and got[1] >= 63
    assert all(isinstance(json.loads(h), list) for (h,) in sample)
