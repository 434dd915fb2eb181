"""Build extract/data/gazetteer.json.gz from vietnamadminunits' legacy (pre-July-2025) units.

Reads the package's dataset.db (table admin_units_legacy) and converter_2025.json, applies the
hand-checked changes in extract/data/unit_history.jsonl, and writes one compact gzip'd JSON file.
Needs the `gazetteer` extra: pip install -e '.[gazetteer]'.

Example: .venv/bin/python tools/build_gazetteer.py
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import re
import sqlite3
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "extract" / "data" / "gazetteer.json.gz"
HISTORY = ROOT / "extract" / "data" / "unit_history.jsonl"
PACKAGE = "vietnamadminunits"
TYPES = ("tỉnh", "thành phố", "thị xã", "quận", "huyện", "phường", "xã", "thị trấn")
LEVELS = ("province", "district", "ward")

# names news also uses for a unit (old spellings, abbreviations); keyed by GSO code
ALIASES = {
    "46": ["Huế"],
    "79": ["HCM", "TPHCM", "TP.HCM", "Sài Gòn"],
    "77": ["BR-VT", "BRVT", "Bà Rịa Vũng Tàu"],
    "06": ["Bắc Cạn"],
    "66": ["Đắc Lắc"],
    "540": ["Qui Nhơn"],
}


def package_dir() -> Path:
    import vietnamadminunits  # the build's only use of the package: where its data lives
    return Path(vietnamadminunits.__file__).parent / "data"


def short(name: str) -> str:
    # the package disambiguates same-named siblings: "Duyên Hải (Thị xã)"
    return re.sub(r"\s*\((?:Huyện|Thị xã|Thành phố|Xã|Thị trấn|Phường|Quận)\)$", "", name).strip()


def read_snapshot(data: Path) -> tuple[dict, dict, list]:
    con = sqlite3.connect(data / "dataset.db")
    rows = con.execute(
        "select province, provinceShort, provinceCode, provinceKey, districtShort, districtType,"
        " districtCode, wardShort, wardType, wardCode from admin_units_legacy").fetchall()
    new_names = dict(con.execute("select distinct provinceKey, provinceShort from admin_units"))
    merged = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    after = {old: new_names[new] for new, olds in merged.items() for old in olds}
    provinces: dict[str, dict] = {}
    districts: dict[str, dict] = {}
    wards: list = []
    for (pfull, pshort, pcode, pkey, dshort, dtype, dcode, wshort, wtype, wcode) in rows:
        provinces.setdefault(pcode, {
            "code": pcode, "name": pshort, "level": "province", "province_code": pcode,
            "type": "thành phố" if pfull.startswith("Thành phố") else "tỉnh",
            "province_2025": after[pkey]})
        districts.setdefault(dcode, {
            "code": dcode, "name": short(dshort), "type": dtype.lower(), "level": "district",
            "province_code": pcode})
        if wcode:
            wards.append({"code": wcode, "name": short(wshort), "type": wtype.lower(),
                          "level": "ward", "province_code": pcode, "district_code": dcode})
    return provinces, districts, wards


def effective(line: dict) -> tuple[int, int]:
    """(first year under the new state, last year of the old one) from "YYYY" or "YYYY-MM-DD"."""
    text = line["effective"]
    if len(text) == 4:
        return int(text), int(text)
    day = dt.date.fromisoformat(text)
    return day.year, (day - dt.timedelta(days=1)).year


def apply_history(places: dict[str, dict], lines: list[dict]) -> None:
    for line in lines:  # a province renamed in 2025 keeps the name news used before
        if line["level"] == "province" and line.get("name_after"):
            places[line["code"]]["name"] = line["name"]
    by_name = {p["name"]: c for c, p in places.items() if p["level"] == "province"}
    changes: dict[str, list] = {}
    for n, line in enumerate(lines, 1):
        where = f"unit_history.jsonl line {n} ({line['name']})"
        first, last = effective(line)
        kind, code = line["change"], line["code"]
        if kind == "dissolved":
            if code in places:
                sys.exit(f"{where}: dissolved code {code} is still in the snapshot")
            if "@" in code and not code.endswith(f"@{last}"):
                sys.exit(f"{where}: a reused code must end with @<last year>, here @{last}")
            pcode = by_name[line["province"]]
            places[code] = {"code": code, "name": line["name"], "type": line["type"],
                            "level": line["level"], "province_code": pcode, "valid_until": last}
            continue
        if code not in places:
            sys.exit(f"{where}: code {code} is not in the snapshot")
        if kind == "established":
            places[code]["valid_from"] = first
        elif kind == "type":
            changes.setdefault(code, []).append((first, line["from_type"], line["to_type"]))
        else:
            sys.exit(f"{where}: unknown change {kind!r}")
    for code, steps in changes.items():
        steps.sort()
        place = places[code]
        for (_, _, to), (_, frm, _) in zip(steps, steps[1:]):
            if to != frm:
                sys.exit(f"{place['name']} ({code}): type chain breaks at {to} → {frm}")
        if steps[-1][2] != place["type"]:
            sys.exit(f"{place['name']} ({code}): history ends in {steps[-1][2]}, snapshot says {place['type']}")
        place["history"] = [[place.get("valid_from") or 0, steps[0][1]]] + [[y, to] for y, _, to in steps]


def build(out: Path = OUT) -> dict:
    data = package_dir()
    provinces, districts, wards = read_snapshot(data)
    places = {**provinces, **districts, **{w["code"]: w for w in wards}}
    lines = [json.loads(x) for x in HISTORY.read_text(encoding="utf-8").splitlines() if x.strip()]
    apply_history(places, lines)
    names = {c: p["name"] for c, p in places.items() if p["level"] == "province"}
    rows = []
    for p in sorted(places.values(), key=lambda p: (LEVELS.index(p["level"]), p["code"])):
        if p["type"] not in TYPES:
            sys.exit(f"{p['name']} ({p['code']}): unknown type {p['type']!r}")
        rows.append([p["code"], p["name"], TYPES.index(p["type"]), LEVELS.index(p["level"]),
                     p["province_code"], p.get("district_code"), p.get("valid_from"),
                     p.get("valid_until"), p.get("history") or []])
    doc = {
        "provenance": {
            "package": PACKAGE, "version": metadata.version(PACKAGE), "licence": "MIT",
            "homepage": "https://github.com/tranngocminhhieu/vietnamadminunits",
            "table": "admin_units_legacy (+ converter_2025.json for province_2025)",
            "history": f"extract/data/unit_history.jsonl ({len(lines)} hand-checked lines)",
            "built": dt.date.today().isoformat()},
        "types": list(TYPES), "levels": list(LEVELS),
        "provinces": {c: {"name": names[c], "province_2025": provinces[c]["province_2025"]}
                      for c in sorted(provinces)},
        "aliases": ALIASES,
        "columns": ["code", "name", "type", "level", "province_code", "district_code",
                    "valid_from", "valid_until", "history"],
        "places": rows,
    }
    blob = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    out.write_bytes(gzip.compress(blob, compresslevel=9, mtime=0))
    return doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    doc = build(args.out)
    counts = {lvl: sum(1 for r in doc["places"] if r[3] == i) for i, lvl in enumerate(LEVELS)}
    print(f"{args.out}: {args.out.stat().st_size} bytes, {counts}")


if __name__ == "__main__":
    main()
