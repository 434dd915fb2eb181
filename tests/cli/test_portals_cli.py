"""thidua portals list|check: arguments, output lines, exit codes (the work itself is tested in tests/scraper)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scraper"))

from loopback import LoopbackSite, Route  # noqa: E402
from scraper.portals import Portal, load_portals  # noqa: E402
from scraper.registry_file import write_portals  # noqa: E402
from thidua.cli import app  # noqa: E402


@pytest.fixture(autouse=True)
def _elsewhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)                   # no thidua.toml of the checkout is read


def run(*args, cwd=None):
    env = {"THIDUA_CRAWL_DELAY_PER_HOST_S": "0", "THIDUA_CRAWL_RETRIES": "0"}
    result = CliRunner().invoke(app, ["portals", *map(str, args)], env=env)
    result.returncode = result.exit_code
    return result


def registry(tmp_path, *portals):
    return write_portals(tmp_path / "p.toml", portals)


def one(pid, base, province="Kiên Giang", unit="huyện Kiên Lương", evidence="pattern"):
    return Portal(id=pid, name=f"Cổng {pid}", base_url=base, cms="generic", province=province, unit=unit,
                  evidence=evidence)


def test_list_filters_by_province_without_diacritics(tmp_path):
    path = registry(tmp_path, one("kienluong", "https://kienluong.kiengiang.gov.vn"),
                    one("tienphuoc", "https://tienphuoc.quangnam.gov.vn", "Quảng Nam", "huyện Tiên Phước",
                        "https://tienphuoc.quangnam.gov.vn/webcenter/documentContent?dDocName=PORTAL1"))
    out = run("list", "--portals", str(path), "--province", "quang nam", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["tienphuoc", "Quảng", "Nam", "huyện", "Tiên", "Phước", "generic", "seen",
                                "https://tienphuoc.quangnam.gov.vn"]
    assert lines[1] == ("1 portals in 1 provinces: 1 seen in public material, 0 from the naming pattern; "
                        "0 confirmed by a check, 0 dead")


def test_list_unknown_province_is_one_line_error(tmp_path):
    path = registry(tmp_path, one("kienluong", "https://kienluong.kiengiang.gov.vn"))
    out = run("list", "--portals", str(path), "--province", "Atlantis", cwd=tmp_path)
    assert out.returncode == 1
    assert out.stderr == "Error: no portal in province 'Atlantis' (the registry covers 1 provinces, e.g. Kiên Giang)\n"


def test_check_out_and_write_together_is_a_usage_error(tmp_path):
    path = registry(tmp_path, one("kienluong", "https://kienluong.kiengiang.gov.vn"))
    out = run("check", "--portals", str(path), "--out", str(tmp_path / "o.toml"), "--write", cwd=tmp_path)
    assert (out.returncode, out.stderr) == (2, "Error: give --out FILE or --write, not both\n")


def test_check_writes_in_place_with_write(tmp_path):
    with LoopbackSite({"/": Route("<html><body>Trang chủ</body></html>"),
                       "/robots.txt": Route("User-agent: *\n", content_type="text/plain")}) as site:
        path = registry(tmp_path, one("kienluong", site.base), one("other", "https://khac.example.gov.vn"))
        out = run("check", "--portals", str(path), "--portal", "kienluong", "--write", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["kienluong\talive\tHTTP 200\t-\t0 feeds, 0 sitemaps",
                                       f"1 checked: 1 alive, 0 dead, 0 unsure (left unchanged); written to {path}"]
    by_id = {p.id: p for p in load_portals(path)}
    assert by_id["kienluong"].checked is not None and by_id["other"].checked is None


def test_check_unknown_portal_id(tmp_path):
    path = registry(tmp_path, one("kienluong", "https://kienluong.kiengiang.gov.vn"))
    out = run("check", "--portals", str(path), "--portal", "nope", cwd=tmp_path)
    assert (out.returncode, out.stderr) == (1, "Error: no portal 'nope' in the registry\n")
