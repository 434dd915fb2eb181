"""article_from_html: a saved or fetched article page → Article (CMS adapter first, trafilatura last)."""
from __future__ import annotations

import trafilatura

from schema import Article


def article_from_html(html: bytes | str, url: str | None = None) -> Article:
    """Placeholder until the CMS adapters land: trafilatura's body, title, date and author."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if not doc:
        return Article(text="", url=url)
    return Article(text=doc.text or "", url=url or doc.url, title=doc.title, published=doc.date,
                   author=doc.author)
