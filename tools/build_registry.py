"""Build the default portal registry scraper/portals.toml from cited sources and the gazetteer.

Inputs:
- tools/data/registry_sources.toml: every host seen in public material (provincial portals, boards,
  newspapers, TV, district portals), each with the URL where it was seen (`evidence`) and the material
  (`via`): article headers of ../shared/corpus/dev, ../shared/notes/portal-markup.md, public
  repositories found with the public-code search.
- extract/data/gazetteer.json.gz: the 696 district-level units standing before 1 July 2025. A unit
  with no seen portal gets the pattern host <unit>.<province portal host> and evidence = "pattern";
  `thidua crawl` skips such rows until `thidua portals check` confirms them.

CMS guesses: a seen host's evidence URL read by the adapters' article-URL shapes and platform path
markers; a pattern host takes the platform most seen district portals of its province use, else
generic. `thidua portals check` replaces guesses with what it detects.

Example: .venv/bin/python tools/build_registry.py            # writes scraper/portals.toml
         .venv/bin/python tools/build_registry.py --out /tmp/p.toml
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.gazetteer import Gazetteer  # noqa: E402
from extract.gazetteer_names import ascii_key  # noqa: E402
from scraper.cms import ADAPTERS  # noqa: E402
from scraper.portals import Portal, load_portals  # noqa: E402
from scraper.registry_file import write_portals  # noqa: E402

if sys.version_info >= (3, 11):
    import tomllib
else:                                    # pragma: no cover - Python 3.10
    import tomli as tomllib

SOURCES = ROOT / "tools" / "data" / "registry_sources.toml"
OUT = ROOT / "scraper" / "portals.toml"
KINDS = ("province", "board", "paper", "tv", "district", "commune", "other")
_KEYS = {"host", "kind", "province", "unit", "name", "cms", "base_url", "evidence", "via", "start_urls", "feeds",
         "sitemaps"}

# Path shapes that betray a platform in any URL of a host (images and documents too, not only articles).
PLATFORM_PATHS = {
    "sharepoint": (r"/PublishingImages/", r"/_layouts/", r"/Lists/", r"/SiteAssets/", r"/SiteCollectionDocuments/",
                   r"/Shared%20Documents/", r"/Pages/[^/]+\.aspx", r"/portal/(?:Pages|Photos|KenhTin|VanBan)/"),
    "liferay": (r"/documents/\d+/", r"/-/(?:asset_publisher|view_content|view-article|details)/", r"/web/[\w-]+/",
                r"/image/journal/article", r"Portal_CMS-portlet"),
    "webcenter": (r"/webcenter/",),
    "dnn": (r"/tabid/\d+", r"[?&]tabid=\d+", r"/Portals/\d+/", r"/DesktopModules/"),
    "joomla": (r"option=com_content", r"/images/stories/"),
    "nukeviet": (r"[?&]nv=\w+", r"/uploads/(?:[\w-]+/)?news/\d{4}_\d{2}/", r"/assets/news/\d{4}_\d{2}/"),
    "wordpress": (r"/wp-content/", r"/wp-includes/"),
}
# District portals whose label carries the unit type ("huyendakto"): used for a province's pattern
# hosts once two seen portals there share the prefix.
TYPE_PREFIXES = {"huyện": ("huyen",), "thị xã": ("thixa", "tx"), "thành phố": ("thanhpho", "tp"), "quận": ("quan",)}
HEADER = """The default portal registry, written by tools/build_registry.py — edit tools/data/registry_sources.toml
and rerun it rather than editing this file by hand.
{total} portals in {provinces} pre-2025 provinces: {seen} seen in public material (`evidence` is the URL
where the host was seen; tools/data/registry_sources.toml says in which material), {pattern} derived from the
<unit>.<province portal host> naming pattern (evidence = "pattern": `thidua crawl` skips them until
`thidua portals check` confirms them). `checked` is the day `thidua portals check` last confirmed a host;
`dead = true` marks a host that check found gone (its news may survive in the Wayback Machine).
See docs/coverage.md."""


def guess_cms(url: str | None) -> str:
    """The platform an evidence URL shows, or generic. Example: guess_cms("https://a.gov.vn/Lists/T/View_Detail.aspx?ItemID=1")"""
    if not url or not url.startswith("http"):
        return "generic"
    for name, adapter in ADAPTERS.items():
        if name not in ("generic", "wordpress") and adapter.is_article_url(url):   # WordPress slugs look like any news slug
            return name
    for name, patterns in PLATFORM_PATHS.items():
        if any(re.search(p, url, re.I) for p in patterns):
            return name
    return "generic"


def read_sources(path: Path = SOURCES) -> list[dict]:
    rows = tomllib.loads(path.read_text(encoding="utf-8")).get("source", [])
    for n, row in enumerate(rows, 1):
        unknown = set(row) - _KEYS
        if unknown or row.get("kind") not in KINDS or not row.get("evidence") or not row.get("host"):
            raise SystemExit(f"{path}: source {n} ({row.get('host')}): bad kind, key {sorted(unknown)} or no evidence")
    return rows


def unit_label(type_: str, name: str) -> str:
    return f"{type_} {name}"


def _base_url(row: dict) -> str:
    if row.get("base_url"):
        return row["base_url"]
    evidence = row["evidence"]
    scheme = "https"
    if evidence.startswith("http"):
        parts = urlsplit(evidence)
        if (parts.hostname or "").removeprefix("www.") == row["host"]:
            return f"{parts.scheme}://{parts.hostname}"
        scheme = parts.scheme if (parts.hostname or "").endswith(row["host"]) else scheme
    return f"{scheme}://{row['host']}"


class Builder:
    def __init__(self, gazetteer: Gazetteer, sources: list[dict]):
        self.g, self.sources = gazetteer, sources
        self.provinces = {p.name: p for p in gazetteer.places("province")}
        self.portal_host: dict[str, str] = {}        # province name → its portal host (no www.)
        self.seen_units: dict[str, dict] = {}        # district code → source row
        self.rows: list[dict] = []

    def province_unit(self, name: str) -> str:
        # provinces keep their 2017-2024 type: Thừa Thiên Huế was a tỉnh until 2025
        place = self.provinces[name]
        return unit_label(self.g.type_in(place, 2024), place.name)

    def district(self, row: dict):
        place = self.g.resolve(row["unit"], province=row["province"])
        if place is None or place.level not in ("district", "ward"):
            raise SystemExit(f"{row['host']}: unit {row['unit']!r} is not a unit of {row['province']}")
        return place

    def seen(self) -> None:
        for row in self.sources:
            if row["province"] not in self.provinces:
                raise SystemExit(f"{row['host']}: unknown province {row['province']!r}")
            kind, unit = row["kind"], None
            if kind in ("district", "commune") or (kind == "other" and row.get("unit")):
                place = self.district(row)
                unit = unit_label(place.type, place.name)
                if kind == "district":
                    self.seen_units[place.code] = row
            elif kind in ("province", "board", "other"):
                unit = self.province_unit(row["province"])
            if kind == "province":
                self.portal_host[row["province"]] = row["host"].removeprefix("www.")
            name = row.get("name") or self._name(kind, row, unit)
            cms = row.get("cms") or ("generic" if kind in ("paper", "tv") else guess_cms(row["evidence"]))
            self.rows.append({"kind": kind, "host": row["host"], "name": name, "base_url": _base_url(row),
                              "province": row["province"], "unit": unit, "cms": cms, "evidence": row["evidence"],
                              "start_urls": tuple(row.get("start_urls", ())), "feeds": tuple(row.get("feeds", ())),
                              "sitemaps": tuple(row.get("sitemaps", ()))})

    def _name(self, kind: str, row: dict, unit: str | None) -> str:
        if kind == "paper":
            return f"Báo {row['province']}"
        if kind == "board":
            return f"Sở Nội vụ {unit}"
        return f"Cổng thông tin điện tử {unit}"

    def patterns(self) -> None:
        cms_by_province: dict[str, Counter] = defaultdict(Counter)
        prefixes: dict[tuple[str, str], Counter] = defaultdict(Counter)
        for code, src in self.seen_units.items():
            if src["evidence"] == "pattern":          # a guess teaches nothing about its neighbours
                continue
            place = self.g.by_code(code)
            row = next(r for r in self.rows if r["host"] == src["host"])
            cms_by_province[place.province][row["cms"]] += 1
            label = src["host"].split(".")[0]
            for prefix in TYPE_PREFIXES.get(place.type, ()):
                if label == prefix + ascii_key(place.name):
                    prefixes[(place.province, place.type)][prefix] += 1
        taken = {r["host"].removeprefix("www.") for r in self.rows}
        for place in self.g.places("district"):
            if place.valid_until is not None or place.code in self.seen_units:
                continue
            base = self.portal_host[place.province]
            province_label = base.split(".")[0].replace("-", "")
            label = ascii_key(place.name)
            common = prefixes.get((place.province, place.type), Counter()).most_common(1)
            if common and common[0][1] >= 2:
                label = common[0][0] + label
            elif label == province_label or f"{label}.{base}" in taken:
                label = {"thành phố": "tp", "thị xã": "tx", "quận": "quan"}.get(place.type, "huyen") + label
            host = f"{label}.{base}"
            taken.add(host)
            cms = cms_by_province[place.province].most_common(1)
            unit = unit_label(place.type, place.name)
            self.rows.append({"kind": "district", "host": host, "name": f"Cổng thông tin điện tử {unit}",
                              "base_url": f"https://{host}", "province": place.province, "unit": unit,
                              "cms": cms[0][0] if cms else "generic", "evidence": "pattern",
                              "start_urls": (), "feeds": (), "sitemaps": ()})

    def portals(self) -> list[Portal]:
        ids = self._ids()
        order = {p.name: i for i, p in enumerate(self.g.places("province"))}
        rows = sorted(self.rows, key=lambda r: (order[r["province"]], KINDS.index(r["kind"]), ids[r["host"]]))
        return [Portal(id=ids[r["host"]], name=r["name"], base_url=r["base_url"], cms=r["cms"],
                       province=r["province"], unit=r["unit"], start_urls=r["start_urls"], feeds=r["feeds"],
                       sitemaps=r["sitemaps"], evidence=r["evidence"]) for r in rows]

    def _ids(self) -> dict[str, str]:
        """A site's own domain gives its label ("baolongan", "kiengiang"); a subdomain gives label-domain
        ("sonoivu-quangnam"), except district portals whose label no other portal shares ("kienluong")."""
        names = {r["host"]: _labels(r["host"]) for r in self.rows}
        counts = Counter(labels[0] for labels in names.values())
        ids = {}
        for r in self.rows:
            labels = names[r["host"]]
            short = len(labels) == 1 or (r["kind"] == "district" and counts[labels[0]] == 1)
            ids[r["host"]] = labels[0] if short else f"{labels[0]}-{labels[1]}"
        dupes = [i for i, n in Counter(ids.values()).items() if n > 1]
        if dupes:
            raise SystemExit(f"duplicate ids: {dupes[:5]}")
        return ids


def _labels(host: str) -> list[str]:
    """"kienluong.kiengiang.gov.vn" → ["kienluong", "kiengiang"]; "www.baotayninh.vn" → ["baotayninh"]."""
    host = re.sub(r"\.(?:gov|com|org|net|edu)\.vn$|\.vn$", "", host.removeprefix("www."))
    return host.split(".")


def build(sources: Path = SOURCES) -> tuple[list[Portal], dict[str, int]]:
    builder = Builder(Gazetteer.load(), read_sources(sources))
    builder.seen()
    missing = set(builder.provinces) - set(builder.portal_host)
    if missing:
        raise SystemExit(f"no provincial portal for {sorted(missing)}")
    builder.patterns()
    portals = builder.portals()
    counts = {"total": len(portals), "provinces": len({p.province for p in portals}),
              "seen": sum(p.evidence != "pattern" for p in portals),
              "pattern": sum(p.evidence == "pattern" for p in portals)}
    return portals, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=SOURCES)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    portals, counts = build(args.sources)
    tmp = args.out.with_name(args.out.name + ".new")
    write_portals(tmp, portals, HEADER.format(**counts))
    load_portals(tmp)                     # the loader's strict validation, before replacing anything
    tmp.replace(args.out)
    by_kind = Counter(p.evidence == "pattern" for p in portals)
    print(f"{args.out}: {counts['total']} portals, {counts['provinces']} provinces, "
          f"{counts['seen']} seen in public material, {by_kind[True]} from the naming pattern")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
