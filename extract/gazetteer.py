"""gazetteer: Vietnam's administrative units before the July 2025 reorganisation, with their types over time.

Data: extract/data/gazetteer.json.gz, built by tools/build_gazetteer.py from vietnamadminunits
(MIT) plus the hand-checked changes in extract/data/unit_history.jsonl (docs/gazetteer.md).
"""
from __future__ import annotations

import gzip
import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator, Sequence

from extract.gazetteer_names import ascii_key, host_labels, key as _key, split_type, written_variants

LEVELS = ("province", "district", "ward")
_LEVEL_RANK = {lvl: i for i, lvl in enumerate(LEVELS)}
_TYPE_LEVELS = {"tỉnh": ("province",), "thành phố": ("province", "district"), "thị xã": ("district",),
                "quận": ("district",), "huyện": ("district",), "phường": ("ward",), "xã": ("ward",),
                "thị trấn": ("ward",)}


@dataclass(frozen=True, slots=True)
class Place:
    code: str                 # GSO code: province 2 digits, district 3, ward 5; "769@2020" = code 769 until 2020
    name: str                 # short official name, NFC: "Kiên Hải", "Phan Rang - Tháp Chàm", "Ia H'Drai"
    type: str                 # latest type before July 2025: tỉnh | thành phố | thị xã | quận | huyện | phường | xã | thị trấn
    level: str                # province | district | ward
    province: str             # short pre-2025 province name ("Kiên Giang")
    province_code: str
    district_code: str | None  # for wards
    history: tuple[tuple[int, str], ...] = ()   # every known type with the year it took effect; 0 = before records
    valid_from: int | None = None               # first and last calendar years the unit existed, where known
    valid_until: int | None = None
    province_2025: str | None = None            # the province it belongs to after 1 July 2025

    def types_in(self, year: int | None) -> frozenset[str]:
        """Every type the unit had during `year` (both, in the year of a change); all types when None."""
        if not self.history:
            return frozenset((self.type,))
        if year is None:
            return frozenset(t for _, t in self.history) | {self.type}
        held = set()
        for (start, typ), nxt in zip(self.history, [*self.history[1:], (10_000, "")]):
            if start <= year <= nxt[0]:
                held.add(typ)
        return frozenset(held or (self.history[0][1],))

    def exists_in(self, year: int | None) -> bool:
        return year is None or ((self.valid_from or 0) <= year <= (self.valid_until or 10_000))


class Gazetteer:
    """Find and disambiguate unit names. Example: Gazetteer.load().resolve("TX Duyên Hải").code == "851"."""

    def __init__(self, places: Sequence[Place], aliases: dict[str, list[str]], provenance: dict):
        self._places = tuple(places)
        self._by_code = {p.code: p for p in self._places}
        self._by_level = {lvl: tuple(p for p in self._places if p.level == lvl) for lvl in LEVELS}
        self._aliases = aliases
        self._indexes: dict[str, tuple[dict, dict]] = {}
        self._hosts: tuple[dict[str, str], dict[str, set[str]]] | None = None
        self.provenance = provenance

    @classmethod
    def load(cls) -> "Gazetteer":
        return _load()

    def places(self, level: str | None = None) -> Sequence[Place]:
        return self._places if level is None else self._by_level[level]

    def by_code(self, code: str) -> Place | None:
        return self._by_code.get(code)

    @staticmethod
    def key(name: str) -> str:
        """The normaliser used for matching (see extract.gazetteer_names.key)."""
        return _key(name)

    # ---- lookup ----

    def _index(self, level: str) -> tuple[dict, dict]:
        if level not in self._indexes:        # wards are indexed on first use: load stays cheap
            exact: dict[str, list[Place]] = {}
            loose: dict[str, list[Place]] = {}
            for p in self._by_level[level]:
                for name in (p.name, *self._aliases.get(p.code, ())):
                    for k, index in ((_key(name), exact), (ascii_key(name), loose)):
                        if p not in index.setdefault(k, []):
                            index[k].append(p)
            self._indexes[level] = (exact, loose)
        return self._indexes[level]

    def _match(self, name: str, type: str | None, province: str | None, level: str | None,
               year: int | None = None) -> list[Place]:
        said, bare = split_type(name)
        type = type or said
        levels = _TYPE_LEVELS.get(type or "", LEVELS)
        if level:
            levels = tuple(lvl for lvl in levels if lvl == level)
        if bare.isdigit() and type in ("quận", "phường"):
            bare = f"{type.capitalize()} {bare}"   # "Quận 1", "Phường 10" are the official short names
        provinces = self._province_codes(province) if province else None
        if provinces is not None and not provinces:
            return []

        def keep(p: Place) -> bool:
            return ((type is None or type in p.types_in(year)) and p.exists_in(year)
                    and (provinces is None or p.province_code in provinces))

        for which, keyfn in ((0, _key), (1, ascii_key)):   # diacritics-free only when exact finds nothing
            k = keyfn(bare)
            found = [p for lvl in levels for p in self._index(lvl)[which].get(k, ()) if keep(p)]
            if found:
                return found
        return []

    def _province_codes(self, province: str) -> set[str]:
        if province in self._by_code and self._by_code[province].level == "province":
            return {province}
        return {p.code for p in self._match(province, None, None, "province")}

    def find(self, name: str, type: str | None = None, province: str | None = None,
             level: str | None = None) -> list[Place]:
        """Every place `name` can mean: find("huyện Châu Thành", province="Trà Vinh") → [Châu Thành 847]."""
        return self._match(name, type, province, level)

    def resolve(self, name: str, type: str | None = None, province: str | None = None,
                context: Iterable[Place] = (), year: int | None = None) -> Place | None:
        """The one place meant, or None. Example: resolve("Châu Thành", context=[<Càng Long>]) → Châu Thành, Trà Vinh."""
        said, _ = split_type(name)
        type = type or said
        found = self._match(name, type, province, None, year)
        if len(found) > 1:
            found = self._by_context(found, [p for p in context if p is not None])
        if len(found) > 1 and type is None:
            best = min(_LEVEL_RANK[p.level] for p in found)
            found = [p for p in found if _LEVEL_RANK[p.level] == best]
        if len(found) > 1 and year is None:   # undated: the unit as it stood last, not its predecessor
            found = [p for p in found if p.valid_until is None] or found
        return found[0] if len(found) == 1 else None

    @staticmethod
    def _by_context(found: list[Place], context: list[Place]) -> list[Place]:
        if not context:
            return found
        districts = Counter(p.code if p.level == "district" else p.district_code for p in context
                            if p.level != "province")
        provinces = Counter(p.province_code for p in context)
        for votes, of in ((districts, lambda p: p.district_code), (provinces, lambda p: p.province_code)):
            scores = [votes.get(of(p), 0) if of(p) else 0 for p in found]
            top = max(scores)
            if top > 0:
                found = [p for p, s in zip(found, scores) if s == top]
                if len(found) == 1:
                    break
        return found

    def type_in(self, place: Place, year: int | None) -> str:
        """The type the unit had in `year` (the new one in the year of a change): Phú Quốc 2019 → huyện."""
        if year is None or not place.history:
            return place.type
        current = place.history[0][1]
        for start, typ in place.history:
            if start <= year:
                current = typ
        return current

    def province_of_host(self, host: str) -> str | None:
        """"kienluong.kiengiang.gov.vn" → "Kiên Giang"; "baolamdong.vn" → "Lâm Đồng"; unknown → None."""
        provinces, districts = self._host_index()
        labels = host_labels(host)
        for label in labels:
            if label in provinces:
                return provinces[label]
        for label in labels:                  # a district label alone, when only one district has it
            if len(label) >= 6 and len(districts.get(label, ())) == 1:
                return next(iter(districts[label]))
        return None

    def _host_index(self) -> tuple[dict[str, str], dict[str, set[str]]]:
        if self._hosts is not None:
            return self._hosts
        provinces: dict[str, str] = {}
        for p in self._by_level["province"]:
            for name in (p.name, *self._aliases.get(p.code, ())):
                provinces[ascii_key(name)] = p.name
        districts: dict[str, set[str]] = {}
        for p in self._by_level["district"]:
            districts.setdefault(ascii_key(p.name), set()).add(p.province)
        self._hosts = (provinces, districts)
        return self._hosts

    # ---- for other stages ----

    def surface_forms(self, levels: tuple[str, ...] = ("province", "district")
                      ) -> Iterator[tuple[str, tuple[str, ...]]]:
        """Every written form of the short names (and common variants) → the codes it can mean."""
        forms: dict[str, set[str]] = {}
        for lvl in levels:
            for p in self._by_level[lvl]:
                for name in (p.name, *self._aliases.get(p.code, ())):
                    for form in written_variants(name):
                        forms.setdefault(form, set()).add(p.code)
        for form in sorted(forms):
            yield form, tuple(sorted(forms[form]))

    def rows(self) -> Iterator[dict]:
        """One plain dict per place, for the warehouse `units` table (history as JSON text)."""
        for p in self._places:
            yield {"code": p.code, "name": p.name, "type": p.type, "level": p.level,
                   "province": p.province, "province_code": p.province_code,
                   "district_code": p.district_code, "valid_from": p.valid_from,
                   "valid_until": p.valid_until, "province_2025": p.province_2025,
                   "history": json.dumps([list(h) for h in p.history], ensure_ascii=False)}


@lru_cache(maxsize=1)
def _load() -> Gazetteer:
    raw = resources.files("extract.data").joinpath("gazetteer.json.gz").read_bytes()
    doc = json.loads(gzip.decompress(raw))
    types, levels, provinces = doc["types"], doc["levels"], doc["provinces"]
    places = [
        Place(code, name, types[t], levels[lvl], provinces[pc]["name"], pc, dc,
              tuple((y, typ) for y, typ in history), vf, vu, provinces[pc]["province_2025"])
        for code, name, t, lvl, pc, dc, vf, vu, history in doc["places"]]
    return Gazetteer(places, doc["aliases"], doc["provenance"])
