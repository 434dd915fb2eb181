"""The shipped portal registry: valid, unique, all 63 provinces, honest evidence, units in the gazetteer."""
from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from extract.gazetteer import Gazetteer
from scraper.cms import ADAPTERS
from scraper.portals import default_registry, load_portals, select
from scraper.registry_file import dump_portals
from scraper.urls import host_of, is_http_url

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("build_registry", ROOT / "tools" / "build_registry.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def portals():
    return load_portals()                  # the loader's strict validation is the first test


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def test_every_entry_names_a_known_cms_and_an_http_base(portals):
    assert all(p.cms in ADAPTERS and is_http_url(p.base_url) for p in portals)


def test_ids_and_hosts_are_unique(portals):
    ids = Counter(p.id for p in portals)
    hosts = Counter(host_of(p.base_url).removeprefix("www.") for p in portals)
    assert [i for i, n in ids.items() if n > 1] == []
    assert [h for h, n in hosts.items() if n > 1] == []


def test_all_63_provinces_have_a_seen_portal_and_a_newspaper(portals, gazetteer):
    names = {p.name for p in gazetteer.places("province")}
    assert {p.province for p in portals} == names
    seen = [p for p in portals if p.evidence != "pattern"]
    assert {p.province for p in seen if p.unit and p.unit.endswith(p.province) and ".gov.vn" in p.base_url} == names
    assert {p.province for p in seen if p.unit is None} == names          # newspapers and TV have no unit


def test_at_least_150_sources_were_seen_in_public_material(portals):
    seen = [p for p in portals if p.evidence != "pattern"]
    assert len(seen) >= 150
    assert all(is_http_url(p.evidence) for p in seen)


def test_every_district_level_portal_unit_is_in_the_gazetteer(portals, gazetteer):
    levels = Counter()
    for p in (p for p in portals if p.unit):
        place = gazetteer.resolve(p.unit, province=p.province)
        assert place is not None and place.province == p.province, p.id
        levels[place.level] += 1
    assert levels["district"] >= 690
    assert levels["province"] >= 63


def test_every_standing_district_level_unit_has_a_portal(portals, gazetteer):
    units = {(p.province, p.unit) for p in portals}
    standing = [d for d in gazetteer.places("district") if d.valid_until is None]
    missing = [d.name for d in standing if (d.province, f"{d.type} {d.name}") not in units]
    assert missing == []


def test_pattern_entries_wait_for_a_check(portals):
    chosen = select(portals)
    assert chosen and all(p.evidence != "pattern" for p in chosen)
    assert len(chosen) == sum(p.evidence != "pattern" for p in portals)
    pattern = next(p for p in portals if p.evidence == "pattern")
    assert select(portals, [pattern.id]) == [pattern]                    # named on the command line: crawled


def test_the_crawler_seed_entries_are_kept(portals):
    by_id = {p.id: p for p in portals}
    assert by_id["kienluong"].base_url == "https://kienluong.kiengiang.gov.vn"
    assert by_id["tienphuoc"].cms == "webcenter"
    assert by_id["hanoimoi"].sitemaps == ("https://hanoimoi.vn/sitemap.xml",)
    assert by_id["baoquangbinh"].start_urls == ("https://www.baoquangbinh.vn/chinh-tri/",)


def test_the_shipped_file_is_what_the_builder_writes():
    tool = _tool()
    built, counts = tool.build()
    text = default_registry().read_text(encoding="utf-8")
    assert text == dump_portals(built, tool.HEADER.format(**counts)), "rerun tools/build_registry.py"


@pytest.mark.parametrize("url, cms", [
    ("https://a.gov.vn/Lists/TinTuc/View_Detail.aspx?ItemID=7", "sharepoint"),
    ("https://a.gov.vn/PublishingImages/TinTuc/anh.jpg", "sharepoint"),
    ("https://a.gov.vn/web/guest/chi-tiet/-/asset_publisher/AbCd/content/id/42", "liferay"),
    ("https://a.gov.vn/documents/10181/10956/anh.jpg", "liferay"),
    ("https://a.gov.vn/webcenter/portal/x/pages_tin-tuc/chi-tiet?dDocName=PORTAL1", "webcenter"),
    ("http://a.gov.vn/tin/tabid/236/Default.aspx", "dnn"),
    ("http://a.gov.vn/index.php?option=com_content&view=article&id=5", "joomla"),
    ("https://a.gov.vn/uploads/news/2020_07/anh.png", "nukeviet"),
    ("https://a.gov.vn/wp-content/uploads/2019/01/anh.jpg", "wordpress"),
    ("https://a.gov.vn/tin-hoat-dong-cua-huyen-ky-ket-giao-uoc", "generic"),   # a slug alone says nothing
    ("pattern", "generic"),
])
def test_guess_cms_reads_platform_paths(url, cms):
    assert _tool().guess_cms(url) == cms
