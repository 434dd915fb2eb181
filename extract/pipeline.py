"""extract_article: the named steps from an Article to an EventRecord."""
from __future__ import annotations

from schema import Article, EventRecord

EXTRACTOR_VERSION = "0.0.1"


def extract_article(article: Article, source: str | None = None) -> EventRecord:
    """Extract the emulation-event record an article reports.

    Example: extract_article(Article(text="Chiều 17/7, Cụm thi đua số 3 …")).is_event
    """
    return EventRecord(source=source or article.url or "", title=article.title,
                       published=article.published, author=article.author,
                       extractor_version=EXTRACTOR_VERSION)
