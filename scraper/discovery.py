"""Discovery documents: sitemaps (index, urlset, gzip), RSS and Atom feeds → links with dates."""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from lxml import etree

from scraper.cms.base import Link
from scraper.cms.dates import VIETNAM, parse_portal_datetime
from scraper.cms.page import clean

_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True, slots=True)
class Sitemap:
    sitemaps: tuple[Link, ...]      # children of a sitemap index
    pages: tuple[Link, ...]         # <url> entries (title from news:title when present)


def gunzip(body: bytes) -> bytes:
    """Sitemaps are often served as .xml.gz with a plain content type."""
    if body[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(body)
        except (OSError, EOFError):
            return b""
    return body


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(node, name: str) -> str | None:
    for child in node.iter():
        if _local(child.tag) == name:
            return clean(child.text)
    return None


def parse_sitemap(body: bytes) -> Sitemap:
    root = _root(gunzip(body))
    indexes, pages = [], []
    if root is None:
        return Sitemap((), ())
    for node in root:
        kind = _local(node.tag)
        loc = _child_text(node, "loc")
        if not loc:
            continue
        link = Link(loc, _child_text(node, "title"), None,
                    parse_portal_datetime(_child_text(node, "publication_date") or _child_text(node, "lastmod")))
        (indexes if kind == "sitemap" else pages).append(link)
    return Sitemap(tuple(indexes), tuple(pages))


def parse_feed(body: bytes) -> tuple[Link, ...]:
    """RSS 2.0 <item> and Atom <entry> links with title, description and date."""
    root = _root(gunzip(body))
    if root is None:
        return ()
    links = []
    for node in root.iter():
        kind = _local(node.tag)
        if kind not in ("item", "entry"):
            continue
        url = _child_text(node, "link")
        if kind == "entry" or not url:
            for child in node:
                if _local(child.tag) == "link" and child.get("href") and child.get("rel", "alternate") == "alternate":
                    url = child.get("href")
                    break
        if not url:
            continue
        snippet = _child_text(node, "description") or _child_text(node, "summary")
        when = _child_text(node, "pubdate") or _child_text(node, "published") or _child_text(node, "updated")
        links.append(Link(url.strip(), _child_text(node, "title"), _strip_tags(snippet), feed_date(when)))
    return tuple(links)


def feed_date(text: str | None) -> str | None:
    """RSS dates are RFC 822 ("Mon, 17 Jul 2023 08:30:00 +0700"); Atom's are ISO."""
    try:
        stamp = parsedate_to_datetime(text or "")
    except (TypeError, ValueError, IndexError):
        return parse_portal_datetime(text)
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(VIETNAM)
    return stamp.strftime("%Y-%m-%dT%H:%M")


def is_feed(body: bytes) -> bool:
    root = _root(gunzip(body[:2000]) if body[:2] != b"\x1f\x8b" else gunzip(body))
    return root is not None and _local(root.tag) in ("rss", "feed", "rdf")


def _root(body: bytes):
    if not body.strip():
        return None
    try:
        return etree.fromstring(body.strip(), _PARSER)
    except etree.XMLSyntaxError:
        return None


def _strip_tags(text: str | None) -> str | None:
    if not text or "<" not in text:
        return text
    try:
        return clean(etree.fromstring(f"<x>{text}</x>", etree.HTMLParser()).xpath("string()"))
    except (etree.XMLSyntaxError, ValueError):
        return text
