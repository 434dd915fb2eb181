"""article_from_html: a saved or fetched article page → Article (CMS adapter first, trafilatura last)."""
from __future__ import annotations

from datetime import datetime

from schema import Article
from scraper.charset import decode
from scraper.cms import get_adapter
from scraper.cms.detect import detect_cms
from scraper.cms.page import HtmlPage
from scraper.cms.signals import strip_site


def article_from_html(html: bytes | str, url: str | None = None, *, cms: str | None = None,
                      fetched_at: datetime | None = None, portal=None, page_id: str | None = None) -> Article:
    """Read an article page with its portal's adapter (or the detected one when `cms` is None).

    Example: article_from_html(Path("page.html").read_bytes(), url="https://x.gov.vn/tin/a-1.html").title
    """
    if isinstance(html, bytes):
        html = decode(html)[0]
    page = HtmlPage(html, url)
    if url is None:        # a saved page still says where it lives: the portal (and province) behind it
        url = page.attr("link[rel=canonical]", "href") or page.meta("og:url") or None
        page = HtmlPage(html, url) if url else page
    name = cms or (portal.cms if portal is not None else None) or detect_cms(page.html, url).cms
    parsed = get_adapter(name).parse(page, url=url, fetched_on=fetched_at.date() if fetched_at else None)
    text = parsed.text or ""
    title = strip_site(parsed.title)
    if title and title.strip() not in text[:len(title) + 300]:
        # the headline opens the stored text, as in a saved article, so headline evidence has offsets too
        text = f"{title.strip()}\n\n{text}"
    return Article(text=text, url=url, title=title, published=parsed.published,
                   author=parsed.author, fetched_at=fetched_at, page_id=page_id,
                   portal_id=getattr(portal, "id", None), province_hint=getattr(portal, "province", None),
                   unit_hint=getattr(portal, "unit", None))
