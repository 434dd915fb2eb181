"""The registry as people read it: filter by province, one line per portal with its standing."""
from __future__ import annotations

from schema import ThiduaError
from scraper.portals import Portal


def _fold(name: str) -> str:
    from extract.gazetteer_names import ascii_key
    return ascii_key(name)


def by_province(portals: list[Portal], province: str | None) -> list[Portal]:
    """Portals of one pre-2025 province, named with or without diacritics ("Kien Giang").

    Example: by_province(load_portals(), "Kiên Giang")[0].id == "kiengiang"
    """
    if not province:
        return portals
    want = _fold(province.removeprefix("tỉnh ").removeprefix("thành phố "))
    chosen = [p for p in portals if p.province and _fold(p.province) == want]
    if not chosen:
        known = sorted({p.province for p in portals if p.province})
        raise ThiduaError(f"no portal in province {province!r} (the registry covers {len(known)} provinces, "
                          f"e.g. {', '.join(known[:3])})")
    return chosen


def standing(portal: Portal) -> str:
    """seen | pattern | checked YYYY-MM-DD | dead YYYY-MM-DD: what the registry knows of the host."""
    if portal.dead:
        return f"dead {portal.checked.isoformat()}" if portal.checked else "dead"
    if portal.checked:
        return f"checked {portal.checked.isoformat()}"
    return "pattern" if portal.evidence == "pattern" else "seen"


def table(portals: list[Portal]) -> list[str]:
    """Aligned lines: id, province, unit, cms, standing, base URL."""
    rows = [(p.id, p.province or "", p.unit or "-", p.cms, standing(p), p.base_url) for p in portals]
    widths = [max((len(r[i]) for r in rows), default=0) for i in range(5)]
    return ["  ".join(cell.ljust(w) for cell, w in zip(r[:5], widths)) + "  " + r[5] for r in rows]


def counts(portals: list[Portal]) -> str:
    seen = sum(p.evidence != "pattern" for p in portals)
    checked = sum(p.checked is not None and not p.dead for p in portals)
    dead = sum(p.dead for p in portals)
    provinces = len({p.province for p in portals if p.province})
    return (f"{len(portals)} portals in {provinces} provinces: {seen} seen in public material, "
            f"{len(portals) - seen} from the naming pattern; {checked} confirmed by a check, {dead} dead")
