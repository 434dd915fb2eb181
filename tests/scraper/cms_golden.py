"""Golden CMS pages: tests/golden/cms/<adapter>/<host>_<YYYY-MM-DD>[.listing].{html,json}."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from scraper.cms import ADAPTERS, Adapter
from scraper.cms.page import HtmlPage

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "cms"


@dataclass(frozen=True)
class Case:
    adapter: str
    html_path: Path
    kind: str          # article | listing
    day: date
    url: str

    @property
    def json_path(self) -> Path:
        return self.html_path.with_suffix(".json")

    @property
    def html(self) -> bytes:
        return self.html_path.read_bytes()

    @property
    def expected(self) -> dict:
        return json.loads(self.json_path.read_text(encoding="utf-8"))

    @property
    def version(self) -> str | None:
        return self.expected.get("version") if self.json_path.exists() else None


def golden_cases(adapter: str) -> list[Case]:
    cases = []
    for path in sorted((GOLDEN / adapter).glob("*.html")):
        stem = path.name.removesuffix(".html")
        kind = "listing" if stem.endswith(".listing") else "article"
        host, day = stem.removesuffix(".listing").rsplit("_", 1)
        page = HtmlPage(path.read_bytes())
        url = page.attr("link[rel=canonical]", "href") or page.meta("og:url") or f"https://{host}/"
        cases.append(Case(adapter, path, kind, date.fromisoformat(day), url))
    return cases


def produce(adapter: Adapter, case: Case) -> dict:
    """What the adapter reads from a golden page, in the shape the .json file holds."""
    if case.kind == "listing":
        listing = adapter.listing(case.html, case.url)
        return {"url": case.url, "articles": [adapter.canonical(link.url) for link in listing.articles], "next_url": listing.next_url}
    parsed = adapter.parse(case.html, url=case.url, fetched_on=case.day)
    return {"url": case.url, **parsed.as_dict()}


def all_cases() -> list[Case]:
    return [c for name in ADAPTERS for c in golden_cases(name)]
