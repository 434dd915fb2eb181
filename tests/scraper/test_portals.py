import pytest

from schema import ThiduaError
from scraper.portals import load_portals, select

GOOD = """[[portal]]
id = "kienluong"
name = "Cổng thông tin điện tử huyện Kiên Lương"
base_url = "https://kienluong.kiengiang.gov.vn"
province = "Kiên Giang"
unit = "huyện Kiên Lương"
cms = "liferay"
start_urls = ["https://kienluong.kiengiang.gov.vn/tin-tuc"]
delay = 2.5
checked = 2025-01-15

[[portal]]
id = "baoquangbinh"
name = "Báo Quảng Bình"
base_url = "https://www.baoquangbinh.vn"
province = "Quảng Bình"
cms = "generic"
evidence = "pattern"
"""


def write(tmp_path, text):
    path = tmp_path / "portals.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_rows_with_defaults(tmp_path):
    kl, bqb = load_portals(write(tmp_path, GOOD))
    assert (kl.id, kl.cms, kl.delay, kl.checked.isoformat(), kl.unit) == ("kienluong", "liferay", 2.5, "2025-01-15", "huyện Kiên Lương")
    assert bqb.unit is None and bqb.delay is None and bqb.verify_tls and bqb.hosts == {"www.baoquangbinh.vn", "baoquangbinh.vn"}


def test_pattern_only_rows_wait_for_a_check_unless_named(tmp_path):
    portals = load_portals(write(tmp_path, GOOD))
    assert [p.id for p in select(portals)] == ["kienluong"]
    assert [p.id for p in select(portals, ["baoquangbinh"])] == ["baoquangbinh"]
    with pytest.raises(ThiduaError, match="no portal 'nope'"):
        select(portals, ["nope"])


@pytest.mark.parametrize("change, message", [
    (('cms = "liferay"', 'cms = "drupal"'), "line 7: unknown cms 'drupal'"),
    (('delay = 2.5', 'dealy = 2.5'), "line 9: unknown key 'dealy'"),
    (('id = "baoquangbinh"', 'id = "kienluong"'), "line 13: duplicate id 'kienluong' (first at line 1)"),
    (('base_url = "https://www.baoquangbinh.vn"', 'base_url = "www.baoquangbinh.vn"'), "line 15: bad URL in base_url"),
    (('start_urls = ["https://kienluong.kiengiang.gov.vn/tin-tuc"]', 'start_urls = ["/tin-tuc"]'), "line 8: bad URL in start_urls"),
    (('delay = 2.5', 'delay = "nhanh"'), "line 9: delay has the wrong type"),
    (('id = "kienluong"', 'id = "Kiên Lương"'), "line 2: id 'Kiên Lương' must be"),
    (('name = "Báo Quảng Bình"\n', ''), "line 12: missing key 'name'"),
    (('cms = "generic"', 'cms = generic'), "line 17: "),
])
def test_strict_validation_names_file_and_line(tmp_path, change, message):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(ThiduaError) as e:
        load_portals(path)
    assert str(e.value).startswith(f"{path}: {message}")


def test_the_shipped_registry_is_valid():
    portals = load_portals()
    assert len(portals) >= 5 and all(p.province for p in portals)
