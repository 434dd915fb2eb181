"""The demo's sites read through the real CMS adapters: listings paginate, every article parses, one is cp1258."""
from __future__ import annotations

import unicodedata
from urllib.request import Request, urlopen

import pytest

from scraper.article import article_from_html
from scraper.charset import decode
from scraper.cms import get_adapter
from scraper.discovery import parse_feed, parse_sitemap
from thidua.demo.server import DemoSites
from thidua.demo.site import LEGACY_CHARSET, article_path, listing_path, load_sample


@pytest.fixture(scope="module")
def served():
    with DemoSites() as sites:
        yield sites


def get(url: str, headers: dict | None = None):
    return urlopen(Request(url, headers=headers or {}), timeout=10)


def test_listings_lead_to_every_article_and_each_parses(served):
    portals, articles = load_sample()
    assert len({p.cms for p in portals}) >= 3 and len(articles) >= 30
    for portal in portals:
        adapter, base = get_adapter(portal.cms), served.bases[portal.id]
        url, found = base + listing_path(portal.cms, portal.id, 1), []
        while url:
            listing = adapter.listing(get(url).read().decode("utf-8"), url)
            found += [link.url for link in listing.articles]
            url = listing.next_url
        mine = {(a.title, a.published): a for a in articles if a.portal == portal.id}
        assert len(found) == len(set(found)) == len(mine), portal.id
        for link in found:
            page = get(link)
            article = article_from_html(page.read(), url=link, cms=portal.cms)
            sample = mine[(article.title, article.published)]
            assert article.author == sample.author
            assert sample.paragraphs[-1] in article.text and all(c in article.text for c in sample.captions)


def test_legacy_page_is_windows_1258_and_decodes_to_the_same_text(served):
    _, articles = load_sample()
    legacy = [a for a in articles if a.charset == "cp1258"]
    assert len(legacy) == 1
    response = get(served.bases[legacy[0].portal] + article_path(legacy[0], legacy[0].portal))
    body = response.read()
    assert response.headers["Content-Type"].endswith(f"charset={LEGACY_CHARSET}")
    assert b"&#" not in body                     # every letter written in cp1258 bytes, none as an entity
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text, charset = decode(body, response.headers["Content-Type"])
    assert legacy[0].title in unicodedata.normalize("NFC", text)


def test_feeds_sitemap_robots_and_304(served):
    base = served.bases["baogialai"]
    robots = get(base + "/robots.txt").read().decode()
    assert f"Sitemap: {base}/wp-sitemap.xml" in robots and "Disallow:" in robots
    assert len(parse_sitemap(get(base + "/wp-sitemap.xml").read()).pages) == 7
    assert len(parse_feed(get(base + "/feed/").read())) == 7
    first = get(base + "/feed/")
    with pytest.raises(Exception) as not_modified:
        get(base + "/feed/", {"If-None-Match": first.headers["ETag"]})
    assert getattr(not_modified.value, "code", None) == 304
