"""NukeViet (VINADES) portals: module `news`, articles /news/<cat>/<alias>-<id>.html or ?nv=news&op=…"""
from __future__ import annotations

import re

from scraper.cms.base import Adapter, author_name, field
from scraper.cms.dates import parse_portal_datetime
from scraper.cms.page import HtmlPage
from scraper.urls import canonical_url

# print/ and savefile/ views repeat the detail page; the trailing -<id>.html is the article's key.
_COPY_VIEW = re.compile(r"(op=|/)(?:print|savefile)/", re.I)


class NukeViet(Adapter):
    name = "nukeviet"
    markers = (r'<meta[^>]+name="generator"[^>]+NukeViet', r"nv_base_siteurl", r"/themes/default/js/main\.js",
               r"index\.php\?(?:language=vi&(?:amp;)?)?nv=")
    # the module is named "news" by default and often renamed (tin-tuc); categories are one alias deep
    article_urls = (r"^(?=.*[?&]nv=[\w-]+).*[?&]op=[\w-]+/[\w%-]+-\d+(?:\.html?)?",
                    r"/(?:vi/)?(?:news|tin-tuc)/[\w%-]+/[\w%-]+-\d+\.html?$")
    paging = (r"/page-(\d+)",)

    def canonical(self, url: str) -> str:
        return canonical_url(_COPY_VIEW.sub(r"\1", url))

    class Theme4(Adapter.Version):          # themes/default since NukeViet 4
        listing_item = ("div.news_column .panel-body h3", "div.list-group a.show.h4", ".news_column h3")
        listing_link = "a[href]"
        pager = "ul.pagination li.page-item a.page-link"
        title_node = ("h1.title[itemprop=headline]", "h1[itemprop=headline]", "div.detail_title h1")
        lead_node = ("div.hometext[itemprop=description]", "div.hometext")
        body_node = ("div#news-bodyhtml", "div.bodytext")
        date_node = ("div.news_column span.h5", "span[itemprop=datePublished]")
        author_node = "p.h5.text-right"

        @field
        def published(self, page: HtmlPage) -> str | None:
            # "Thứ hai - 17/07/2023 08:30" under the title; the hidden itemprop copy is ISO
            return (parse_portal_datetime(page.text(self.date_node))
                    or parse_portal_datetime(page.meta("article:published_time")))

        @field
        def author(self, page: HtmlPage) -> str | None:
            # bylines read "<strong>Tác giả: </strong>…" and "<strong>Nguồn tin: </strong>…"
            for line in page.select(self.author_node):
                label = (line.findtext("strong") or "").lower()
                if "tác giả" in label:
                    return author_name(line.text_content())
            return None
