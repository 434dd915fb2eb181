"""The demo's portal sites: articles.jsonl rendered in each portal's CMS markup, with listings, feeds,
sitemaps and robots.txt — a dict of path → Resource per portal, served by thidua.demo.server."""
from __future__ import annotations

import hashlib
import html
import json
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from importlib import resources
from itertools import combinations
from string import Template
from typing import Iterable

PER_PAGE = 4                     # articles per listing page: small, so every site has pagination
LEGACY_CHARSET = "windows-1258"
WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


@dataclass(frozen=True)
class Resource:
    body: bytes
    content_type: str
    last_modified: str           # HTTP date
    etag: str


@dataclass(frozen=True)
class DemoPortal:
    id: str
    name: str
    province: str
    unit: str | None
    cms: str


@dataclass(frozen=True)
class DemoArticle:
    number: int                  # the CMS's own item id
    portal: str
    cms: str
    slug: str
    title: str
    published: str               # YYYY-MM-DDTHH:MM, Vietnam time
    author: str | None
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...]
    charset: str
    expected: dict


# Each CMS's URL shapes, as its adapter recognises them: article path, first listing page, page n.
SCHEMES = {
    "liferay": ("/web/{site}/chi-tiet-bai-viet/-/asset_publisher/Tq4mZ8pLk2Wd/content/{slug}",
                "/web/{site}/tin-tuc", "/web/{site}/tin-tuc?_101_INSTANCE_Tq4mZ8pLk2Wd_cur={n}"),
    "nukeviet": ("/news/tin-hoat-dong/{slug}-{number}.html", "/news/tin-hoat-dong/", "/news/tin-hoat-dong/page-{n}"),
    "wordpress": ("/{year}/{month}/{slug}/", "/category/thi-dua/", "/category/thi-dua/page/{n}/"),
    "joomla": ("/index.php/tin-tuc/12-tin-hoat-dong/{number}-{slug}", "/index.php/tin-tuc/12-tin-hoat-dong",
               "/index.php/tin-tuc/12-tin-hoat-dong?start={offset}"),
    "sharepoint": ("/Lists/TinTucSuKien/View_Detail.aspx?ItemID={number}", "/Pages/tin-tuc-su-kien.aspx",
                   "/Pages/tin-tuc-su-kien.aspx?Page={n}"),
}
# How each demo portal is discovered, as real ones are: listings only, a feed, or a sitemap in robots.txt.
FEEDS = {"nukeviet": "/news/rss/", "wordpress": "/feed/"}
SITEMAPS = {"wordpress": "/wp-sitemap.xml"}


def load_sample() -> tuple[list[DemoPortal], list[DemoArticle]]:
    """The bundled sample: portals.json and articles.jsonl (written by hand, not scraped)."""
    root = resources.files("thidua.demo")
    portals = [DemoPortal(p["id"], p["name"], p["province"], p.get("unit"), p["cms"])
               for p in json.loads(root.joinpath("portals.json").read_text(encoding="utf-8"))]
    articles = []
    for n, line in enumerate(root.joinpath("articles.jsonl").read_text(encoding="utf-8").splitlines()):
        if line.strip():
            a = json.loads(line)
            articles.append(DemoArticle(2100 + n, a["portal"], a["cms"], a["slug"], a["title"], a["published"],
                                        a.get("author"), tuple(a["paragraphs"]), tuple(a.get("captions", ())),
                                        a.get("charset", "utf-8"), a.get("expected", {})))
    return portals, articles


def article_path(article: DemoArticle, site: str) -> str:
    when = datetime.fromisoformat(article.published)
    return SCHEMES[article.cms][0].format(site=site, slug=article.slug, number=article.number,
                                          year=f"{when:%Y}", month=f"{when:%m}")


def listing_path(cms: str, site: str, n: int) -> str:
    first, nth = SCHEMES[cms][1], SCHEMES[cms][2]
    return first.format(site=site) if n == 1 else nth.format(site=site, n=n, offset=(n - 1) * PER_PAGE)


def portal_entry(portal: DemoPortal, base: str) -> dict:
    """The portals.toml row for a served demo portal."""
    return {"id": portal.id, "name": portal.name, "base_url": base, "province": portal.province,
            "unit": portal.unit, "cms": portal.cms, "start_urls": [base + listing_path(portal.cms, portal.id, 1)],
            "feeds": [base + FEEDS[portal.cms]] if portal.cms in FEEDS else [], "delay": 0}


def build_site(portal: DemoPortal, articles: Iterable[DemoArticle], base: str) -> dict[str, Resource]:
    """Every path of one portal's site → its response."""
    mine = sorted((a for a in articles if a.portal == portal.id), key=lambda a: a.published, reverse=True)
    pages: dict[str, Resource] = {}
    for article in mine:
        path = article_path(article, portal.id)
        charset = LEGACY_CHARSET if article.charset.lower() in ("cp1258", "windows-1258") else "utf-8"
        text = _fill(portal.cms, "article", _fields(article, portal, base + path, charset,
                                                     listing=listing_path(portal.cms, portal.id, 1)))
        pages[path] = _resource(_encode(text, charset), f"text/html; charset={charset}", article.published)
    chunks = [mine[i:i + PER_PAGE] for i in range(0, len(mine), PER_PAGE)] or [[]]
    newest = mine[0].published if mine else "2024-01-01T00:00"
    for n, chunk in enumerate(chunks, start=1):
        path = listing_path(portal.cms, portal.id, n)
        items = "".join(_fill(portal.cms, "item", _fields(a, portal, article_path(a, portal.id), "utf-8"))
                        for a in chunk)
        pager = "".join(_fill(portal.cms, "page", {"url": html.escape(listing_path(portal.cms, portal.id, k)),
                                                   "n": str(k)})
                        for k in range(2, len(chunks) + 1) if k != n)   # page 1 is the start URL
        text = _fill(portal.cms, "listing", {"items": items, "pager": pager, "site_name": html.escape(portal.name),
                                             "canonical": html.escape(base + path)})
        pages[path] = _resource(text.encode("utf-8"), "text/html; charset=utf-8", newest)
    if portal.cms in FEEDS:
        pages[FEEDS[portal.cms]] = _resource(_rss(portal, mine, base), "application/rss+xml; charset=utf-8", newest)
    if portal.cms in SITEMAPS:
        pages[SITEMAPS[portal.cms]] = _resource(_sitemap(portal, mine, base), "application/xml; charset=utf-8", newest)
    robots = "User-agent: *\nDisallow: /tim-kiem/\nDisallow: /search\n"
    robots += "".join(f"Sitemap: {base}{path}\n" for path in ([SITEMAPS[portal.cms]] if portal.cms in SITEMAPS else []))
    pages["/robots.txt"] = _resource(robots.encode(), "text/plain; charset=utf-8", newest)
    return pages


def _fields(article: DemoArticle, portal: DemoPortal, url: str, charset: str, listing: str = "") -> dict[str, str]:
    when = datetime.fromisoformat(article.published)
    body = [f"     <p>{html.escape(p)}</p>" for p in article.paragraphs]
    for caption in article.captions:           # portals put the photo and its caption after the lead
        body.insert(min(1, len(body)), f'     <figure class="image"><img src="/images/{article.number}.jpg" '
                                        f'alt=""><figcaption>{html.escape(caption)}</figcaption></figure>')
    return {"title": html.escape(article.title), "site_name": html.escape(portal.name), "canonical": html.escape(url),
            "url": html.escape(url), "charset": charset, "listing": listing, "number": str(article.number),
            "author": html.escape(article.author or ""), "body": "\n".join(body),
            "summary": html.escape(article.paragraphs[0][:160] if article.paragraphs else ""),
            "date_dmy": f"{when:%d/%m/%Y %H:%M}", "date_day": f"{when:%d/%m/%Y}",
            "date_iso": f"{when:%Y-%m-%dT%H:%M}:00+07:00", "weekday": WEEKDAYS[when.weekday()]}


def _fill(cms: str, kind: str, values: dict[str, str]) -> str:
    template = resources.files("thidua.demo").joinpath("templates", f"{cms}.{kind}.html").read_text(encoding="utf-8")
    return Template(template).substitute(values)


def _rss(portal: DemoPortal, articles: list[DemoArticle], base: str) -> bytes:
    items = "".join(
        f"<item><title>{html.escape(a.title)}</title><link>{html.escape(base + article_path(a, portal.id))}</link>"
        f"<description>{html.escape(a.paragraphs[0][:160] if a.paragraphs else '')}</description>"
        f"<pubDate>{format_datetime(_vietnam(a.published))}</pubDate></item>\n" for a in articles)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>{html.escape(portal.name)}'
            f"</title><link>{base}/</link>\n{items}</channel></rss>\n").encode("utf-8")


def _sitemap(portal: DemoPortal, articles: list[DemoArticle], base: str) -> bytes:
    urls = "".join(f"<url><loc>{html.escape(base + article_path(a, portal.id))}</loc>"
                   f"<lastmod>{a.published}:00+07:00</lastmod></url>\n" for a in articles)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{urls}</urlset>\n").encode("utf-8")


def _vietnam(published: str) -> datetime:
    from datetime import timedelta, timezone
    return datetime.fromisoformat(published).replace(tzinfo=timezone(timedelta(hours=7)))


def _resource(body: bytes, content_type: str, published: str) -> Resource:
    from datetime import timezone
    stamp = format_datetime(_vietnam(published).astimezone(timezone.utc), usegmt=True)
    return Resource(body, content_type, stamp,
                    '"' + hashlib.sha256(body).hexdigest()[:20] + '"')


def _encode(text: str, charset: str) -> bytes:
    """UTF-8, or windows-1258: letters it lacks precomposed are written base letter + combining tone mark."""
    if charset == "utf-8":
        return text.encode("utf-8")
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        out += _cp1258_letter(ch)
    return bytes(out)


def _cp1258_letter(ch: str) -> bytes:
    """A letter cp1258 lacks: a precomposed base (â, ơ, …) plus the tone mark as a combining byte."""
    base, *marks = unicodedata.normalize("NFD", ch)
    for k in range(len(marks), -1, -1):
        for kept in combinations(range(len(marks)), k):      # "ậ" is NFD a + dot below + circumflex
            head = unicodedata.normalize("NFC", base + "".join(marks[i] for i in kept))
            rest = "".join(m for i, m in enumerate(marks) if i not in kept)
            try:
                return head.encode("cp1258") + rest.encode("cp1258")
            except UnicodeEncodeError:
                continue
    return f"&#{ord(ch)};".encode("ascii")
