"""detect_cms: which platform a page was made with, from markup markers and URL shapes."""
from __future__ import annotations

import re
from dataclasses import dataclass

from scraper.cms import ADAPTERS
from scraper.cms.page import HtmlPage
from scraper.urls import absolute


@dataclass(frozen=True, slots=True)
class Guess:
    cms: str
    score: int
    reasons: tuple[str, ...]


def detect_cms(html: str | bytes, url: str | None = None) -> Guess:
    """The best-scoring adapter: 2 points per markup marker, 1 per article-URL shape seen (page or links).

    Example: detect_cms(open("page.html", "rb").read()).cms == "nukeviet"
    """
    page = HtmlPage(html, url)
    links = [u for u in (absolute(url or "http://localhost/", a.get("href")) for a in page.anchors()) if u]
    best = Guess("generic", 0, ())
    for name, adapter in ADAPTERS.items():
        if name == "generic":
            continue
        reasons = [f"marker {m}" for m in adapter.markers if re.search(m, page.html, re.I)]
        shaped = [u for u in ([url] if url else []) + links if adapter.is_article_url(u)]
        if shaped:
            reasons.append(f"article URLs like {shaped[0]}")
        score = 2 * (len(reasons) - bool(shaped)) + min(len(shaped), 3)
        if score > best.score:
            best = Guess(name, score, tuple(reasons))
    return best
