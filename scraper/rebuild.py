"""Articles rebuilt from the raw archive, with no network: what `thidua reextract` feeds the pipeline."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Iterator

from schema import Article
from scraper.archive import Record, read_record, read_records
from scraper.article import article_from_html
from scraper.charset import decode
from scraper.portals import Portal


def archived_articles(archive: str | Path, portals: list[Portal], stored: list[tuple] | None = None,
                      only: set[str] | None = None) -> Iterator[Article]:
    """Each stored article page read again; `stored` rows come from crawl_state.stored_articles, else the
    archive is scanned and the newest 200 response per article URL is used.

    Example: process(db, archived_articles("thidua-archive", load_portals()))
    """
    by_id = {p.id: p for p in portals}
    for record in (_pointed(archive, stored) if stored else _newest(archive)):
        if only and record.portal_id not in only:
            continue
        portal = by_id.get(record.portal_id or "")
        text, _ = decode(record.body, record.headers.get("Content-Type"))
        fetched = datetime.strptime(record.date[:19], "%Y-%m-%dT%H:%M:%S") if record.date else None
        article = article_from_html(text, url=record.url, cms=portal.cms if portal else None, fetched_at=fetched,
                                    portal=portal, page_id=record.canonical_url)
        if article.text:
            yield article


def _pointed(archive: str | Path, stored: list[tuple]) -> Iterator[Record]:
    for canonical, url, portal_id, fetched_at, warc_file, offset in stored:
        try:
            record = read_record(archive, warc_file, offset)
        except (OSError, ValueError):
            continue
        yield Record(url, canonical, portal_id, "article", record.status, record.headers, record.body,
                     record.date, warc_file, offset)


def _newest(archive: str | Path) -> Iterator[Record]:
    newest: dict[str, tuple[str, str, int]] = {}
    for record in read_records(archive):
        if record.kind == "article" and record.status == 200:
            newest[record.canonical_url] = (record.date, record.warc_file, record.warc_offset)
    for canonical in sorted(newest):
        _, warc_file, offset = newest[canonical]
        yield read_record(archive, warc_file, offset)
