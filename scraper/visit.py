"""What a fetched page teaches the crawl: links from hubs (sitemap, feed, listing), an Article from an article."""
from __future__ import annotations

from schema import Article
from scraper.article import article_from_html
from scraper.cms.page import HtmlPage
from scraper.conditional import Validators
from scraper.discovery import is_feed, parse_feed, parse_sitemap
from scraper.fetch import FetchResult
from scraper.frontier import PortalFrontier
from scraper.settings import CrawlSettings
from scraper.urls import absolute
from warehouse.crawl_state import FrontierRow

_FEED_TYPES = ("application/rss+xml", "application/atom+xml")


def visit(frontier: PortalFrontier, row: FrontierRow, result: FetchResult, settings: CrawlSettings,
          validators: Validators | None = None) -> Article | None:
    """Settle the row; queue what a hub links to; return the Article an article page holds."""
    if result.outcome == "robots_disallowed":
        frontier.settle(row, "skipped", "robots.txt")
    elif result.outcome == "too_large":
        frontier.settle(row, "failed", result.error, attempts_limit=1)
    elif result.outcome == "failed":
        frontier.settle(row, "failed", result.error, settings.retry_later_s, settings.url_attempts)
    elif result.outcome == "not_modified" or result.page is None:
        frontier.settle(row, "done")
    elif row.kind == "article":
        frontier.settle(row, "done")
        if result.text is None:
            return None
        return article_from_html(result.text, url=result.final_url or row.url, cms=frontier.portal.cms,
                                 fetched_at=result.page.fetched_at, portal=frontier.portal, page_id=row.canonical_url)
    else:
        unchanged = validators is not None and validators.sha256 == result.page.sha256
        if not unchanged:
            discover(frontier, row, result, settings)
        frontier.settle(row, "done")
    return None


def discover(frontier: PortalFrontier, row: FrontierRow, result: FetchResult, settings: CrawlSettings) -> None:
    body, depth = result.body or b"", row.depth + 1
    kind = row.kind
    if kind == "listing" and is_feed(body):
        kind = "feed"          # a start URL may well be a feed
    if kind == "sitemap":
        sitemap = parse_sitemap(body)
        for child in sitemap.sitemaps:
            if depth <= settings.listing_depth:
                frontier.offer_hub(child.url, "sitemap", depth)
        for link in sitemap.pages:
            if link.title or frontier.adapter.is_article_url(link.url):
                frontier.offer_article(link, depth)
    elif kind == "feed" and is_feed(body):
        for link in parse_feed(body):
            frontier.offer_article(link, depth)
    elif result.text is not None:
        page = HtmlPage(result.text, result.final_url or row.url)
        listing = frontier.adapter.listing(page, page.url)
        new = sum(frontier.offer_article(link, depth) for link in listing.articles)
        dated = [link.published for link in listing.articles if link.published]
        all_old = bool(dated) and all(frontier.too_old(d) for d in dated)
        if new and listing.next_url and depth <= settings.listing_depth and not all_old:
            frontier.offer_hub(listing.next_url, "listing", depth)
        if row.depth == 0:
            for node in page.select("link[rel=alternate]"):
                if (node.get("type") or "").lower() in _FEED_TYPES and absolute(page.url, node.get("href")):
                    frontier.offer_hub(absolute(page.url, node.get("href")), "feed", 0)
