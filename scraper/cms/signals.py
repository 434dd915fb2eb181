"""Platform-independent signals: og:/article: meta, schema.org itemprops, JSON-LD, then trafilatura."""
from __future__ import annotations

import re

from scraper.cms.dates import parse_portal_datetime
from scraper.cms.page import HtmlPage, clean

_ARTICLE_TYPES = {"newsarticle", "article", "blogposting", "reportagenewsarticle", "webpage"}


def _ld_article(page: HtmlPage) -> dict:
    for item in page.json_ld():
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(str(k).lower() in _ARTICLE_TYPES for k in kinds) and (item.get("headline") or item.get("datePublished")):
            return item
    return {}


def title(page: HtmlPage) -> str | None:
    found = (page.meta("og:title", "twitter:title") or page.text("[itemprop=headline]")
             or clean(str(_ld_article(page).get("headline") or "")) or page.text("h1"))
    site = page.meta("og:site_name")
    if found and site:
        for sep in (" - ", " | ", " – "):
            if found.endswith(sep + site):
                found = found[: -len(sep + site)]
    return strip_site(found) or strip_site(clean(page.text("title")))


def strip_site(title: str | None) -> str | None:
    """"… | Báo Quảng Bình", "… - Cổng thông tin điện tử huyện X": the site's name is not the headline."""
    return _SITE_SUFFIX.sub("", title) if title else title


_SITE_SUFFIX = re.compile(r"\s+\|\s+[^|]{2,60}$|\s+[-–]\s+(?:Báo|Cổng|Trang|Đài|Tạp chí|Tin tức)\b[^-–]{0,60}$")


def published(page: HtmlPage) -> str | None:
    for raw in (page.meta("article:published_time", "datePublished", "pubdate", "publishdate",
                          "dc.date.issued", "dc.date", "date"),
                page.attr("[itemprop=datePublished]", "content") or page.attr("[itemprop=datePublished]", "datetime"),
                page.text("[itemprop=datePublished]"),
                str(_ld_article(page).get("datePublished") or "")):
        value = parse_portal_datetime(raw)
        if value:
            return value
    return None


def author(page: HtmlPage) -> str | None:
    ld = _ld_article(page).get("author")
    if isinstance(ld, list):
        ld = ld[0] if ld else None
    if isinstance(ld, dict):
        ld = ld.get("name")
    return (page.meta("author", "article:author", "dc.creator") or clean(str(ld or ""))
            or page.text("[itemprop=author]"))


def body(page: HtmlPage) -> str | None:
    return clean_paragraphs(str(_ld_article(page).get("articleBody") or "")) or None


def clean_paragraphs(text: str) -> str:
    return "\n\n".join(p for p in (clean(line) for line in text.splitlines()) if p)


def trafilatura_fields(page: HtmlPage) -> dict[str, str | None]:
    """title, body, published, author as trafilatura reads them (the last resort)."""
    import trafilatura          # imported when first needed: most portals' pages never get this far (0.1 s)
    doc = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True, include_comments=False,
                                      include_tables=True, deduplicate=False)
    if not doc:
        return {}
    text = clean_paragraphs((doc.text if hasattr(doc, "text") else doc.get("text")) or "")
    get = (lambda k: getattr(doc, k, None)) if hasattr(doc, "text") else doc.get
    return {"title": clean(get("title")), "body": text or None,
            "published": parse_portal_datetime(get("date")), "author": clean(get("author"))}
