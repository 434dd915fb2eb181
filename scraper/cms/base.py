"""Adapter: what every CMS module subclasses — URL recognisers, listing reading, article fields."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field as dc_field
from datetime import date
from typing import Callable, ClassVar

from scraper.cms import signals
from scraper.cms.dates import parse_portal_datetime
from scraper.cms.page import HtmlPage, Selector, clean
from scraper.urls import absolute, canonical_url

FIELDS = ("title", "body", "published", "author")
_NEXT_WORDS = {"sau", "trang sau", "tiếp", "tiếp theo", "next", "»", "›", ">", ">>", "trang tiếp"}
_GENERIC_PAGING = (r"[?&](?:page|Page|p|trang|pg|paged|PageIndex|pageindex)=(\d+)", r"/(?:page|trang)[-/](\d+)")
# Links that are never articles: files, media, feeds, account and search pages.
_NOT_ARTICLE = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|zip|rar|jpe?g|png|gif|mp4|mp3|xml|rss)(?:$|\?)|"
                          r"/(?:rss|feed|search|tim-kiem|login|dang-nhap|lien-he|contact)(?:/|$|\?)", re.I)
_AUTHOR_LABEL = re.compile(r"^\s*(?:tác giả|viết bởi|người viết|nguồn tin|nguồn|tin|bài|bài và ảnh|"
                           r"tin và ảnh|tin, ảnh|by|written by)\s*[:：]?\s*", re.I)


def field(method: Callable) -> Callable:
    """Marks a Version method as the reader of the record field it is named after."""
    method.is_field = True
    return method


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    title: str | None = None
    snippet: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    articles: tuple[Link, ...]
    next_url: str | None


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    title: str | None
    published: str | None
    author: str | None
    text: str
    version: str
    sources: dict = dc_field(default_factory=dict, compare=False)   # field → "version" | "signals" | "trafilatura"

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("sources")
        return data


class Adapter:
    name: ClassVar[str] = ""
    markers: ClassVar[tuple[str, ...]] = ()        # regexes over the HTML that betray the platform
    article_urls: ClassVar[tuple[str, ...]] = ()   # regexes over an absolute URL
    paging: ClassVar[tuple[str, ...]] = ()         # regexes whose group 1 is a page number or offset
    article_noise: ClassVar[str | None] = None     # query parameters dropped from article URLs only
    paging_state: ClassVar[str | None] = None      # query parameters ignored when comparing listing pages
    versions: ClassVar[tuple[type["Adapter.Version"], ...]] = ()

    class Version:
        valid_until: ClassVar[date | None] = None  # template replaced after this day (None: current)
        listing_item: ClassVar[Selector | None] = None
        listing_link: ClassVar[Selector] = "a[href]"
        listing_date: ClassVar[Selector | None] = None
        pager: ClassVar[Selector | None] = None
        title_node: ClassVar[Selector | None] = None
        lead_node: ClassVar[Selector | None] = None
        body_node: ClassVar[Selector | None] = None
        date_node: ClassVar[Selector | None] = None
        date_attr: ClassVar[str | None] = None
        author_node: ClassVar[Selector | None] = None
        drop_nodes: ClassVar[Selector | None] = None

        @field
        def title(self, page: HtmlPage) -> str | None:
            return page.text(self.title_node)

        @field
        def body(self, page: HtmlPage) -> str | None:
            text = page.block_text(page.first(self.body_node), self.drop_nodes)
            lead = page.block_text(page.first(self.lead_node)) if self.lead_node else None
            if lead and text and lead not in text:
                return f"{lead}\n\n{text}"
            return text or None

        @field
        def published(self, page: HtmlPage) -> str | None:
            if self.date_attr:
                value = parse_portal_datetime(page.attr(self.date_node, self.date_attr))
                if value:
                    return value
            return parse_portal_datetime(page.text(self.date_node))

        @field
        def author(self, page: HtmlPage) -> str | None:
            return author_name(page.text(self.author_node))

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.versions = tuple(v for v in vars(cls).values()
                             if isinstance(v, type) and issubclass(v, Adapter.Version))
        cls._article_res = tuple(re.compile(p, re.I) for p in cls.article_urls)
        cls._paging_res = tuple(re.compile(p) for p in cls.paging + _GENERIC_PAGING)
        cls._noise_re = re.compile(cls.article_noise, re.I) if cls.article_noise else None
        cls._state_re = re.compile(cls.paging_state, re.I) if cls.paging_state else None

    # -- URLs ----------------------------------------------------------------------------------
    def is_article_url(self, url: str) -> bool:
        return not _NOT_ARTICLE.search(url) and any(r.search(url) for r in self._article_res)

    def canonical(self, url: str) -> str:
        return canonical_url(url, drop=self._noise_re if self.is_article_url(url) else None)

    def page_key(self, url: str) -> int | None:
        for regex in self._paging_res:
            m = regex.search(url)
            if m:
                return int(m.group(1))
        return None

    def listing_base(self, url: str) -> str:
        for regex in self._paging_res:
            url = regex.sub(lambda m: m.group(0)[0] if m.group(0)[0] in "?&" else "", url)
        return canonical_url(url, drop=self._state_re).rstrip("/?&=-")

    # -- reading pages -------------------------------------------------------------------------
    def ordered_versions(self, day: date | None = None) -> list["Adapter.Version"]:
        """Versions to try: the one current on `day` first, then the others newest first."""
        versions = sorted(self.versions, key=lambda v: v.valid_until or date.max, reverse=True)
        if day:
            fitting = [v for v in reversed(versions) if (v.valid_until or date.max) >= day]
            versions = fitting[:1] + [v for v in versions if v not in fitting[:1]]
        return [v() for v in versions]

    def listing(self, html: str | bytes | HtmlPage, url: str) -> Listing:
        """Article links of a listing page (absolute, as written; deduplicated by canonical URL) and its next page."""
        page = html if isinstance(html, HtmlPage) else HtmlPage(html, url)
        found: dict[str, Link] = {}
        for version in self.ordered_versions():
            for item in page.select(version.listing_item) if version.listing_item else ():
                link = self._link(page, version, item)
                if link:
                    found.setdefault(self.canonical(link.url), link)
            if found:
                break
        for a in page.anchors():
            target = absolute(url, a.get("href"))
            if target and self.is_article_url(target):
                found.setdefault(self.canonical(target), Link(target, clean(a.text_content()) or clean(a.get("title")),
                                                              _snippet(a), None))
        return Listing(tuple(found.values()), self.next_page(page))

    def _link(self, page: HtmlPage, version: "Adapter.Version", item) -> Link | None:
        a = item if item.tag == "a" else page.first(version.listing_link, item)
        target = absolute(page.url or "", a.get("href")) if a is not None else None
        if not target or _NOT_ARTICLE.search(target):
            return None
        text = clean(item.text_content())
        when = page.text(version.listing_date, item) if version.listing_date else text
        return Link(target, clean(a.text_content()) or clean(a.get("title")), text, parse_portal_datetime(when))

    def next_page(self, page: HtmlPage) -> str | None:
        url = page.url or ""
        rel = page.attr("link[rel=next], a[rel=next]", "href")
        if rel and absolute(url, rel):
            return absolute(url, rel)
        here, base = self.page_key(url) or 1, self.listing_base(url)   # no key: the first page
        candidates = []
        for a in page.anchors():
            target = absolute(url, a.get("href"))
            if not target or self.is_article_url(target):
                continue
            key = self.page_key(target)
            if key is not None and key > here and self.listing_base(target) == base:
                candidates.append((key, target))
            elif clean(a.text_content() or "") and clean(a.text_content()).lower() in _NEXT_WORDS and target != url:
                candidates.append((10**9, target))
        return min(candidates)[1] if candidates else None

    def parse(self, html: str | bytes | HtmlPage, url: str | None = None, fetched_on: date | None = None) -> ParsedArticle:
        """An article page's fields: the platform's selectors, then og:/JSON-LD signals, then trafilatura."""
        page = html if isinstance(html, HtmlPage) else HtmlPage(html, url)
        sources: dict[str, str] = {}
        tried = []
        for version in self.ordered_versions(fetched_on):
            got = {name: getattr(version, name)(page) for name in FIELDS}
            tried.append((2 * bool(got["title"] and got["body"]) + sum(map(bool, got.values())) / 10, version, got))
            if got["title"] and got["body"]:
                break
        _, chosen, values = max(tried, key=lambda t: t[0])     # first of equals: max keeps the earliest
        sources.update({k: "version" for k, v in values.items() if v})
        for name, reader in (("title", signals.title), ("published", signals.published),
                             ("author", signals.author), ("body", signals.body)):
            if not values.get(name):
                values[name] = reader(page)
                sources[name] = "signals"
        if not values.get("body") or not values.get("title") or not values.get("published"):
            fallback = signals.trafilatura_fields(page)
            for name in FIELDS:
                if not values.get(name) and fallback.get(name):
                    values[name], sources[name] = fallback[name], "trafilatura"
        return ParsedArticle(title=values["title"], published=values["published"], author=values["author"],
                             text=values["body"] or "", version=type(chosen).__name__,
                             sources={k: v for k, v in sources.items() if values.get(k)})


def author_name(text: str | None) -> str | None:
    """"Tác giả: Nguyễn Văn A" → "Nguyễn Văn A"; the label words are Vietnamese bylines."""
    if not text:
        return None
    text = _AUTHOR_LABEL.sub("", clean(text) or "").strip(" -–:()")
    return text or None


def _snippet(a) -> str | None:
    parent = a.getparent()
    return clean(parent.text_content()) if parent is not None else None
