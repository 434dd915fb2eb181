"""DotNetNuke (DNN) portals: Default.aspx?tabid=N&ID=M or /tabid/N/…/Default.aspx, news in a DnnModule."""
from __future__ import annotations

import re

from scraper.cms.base import Adapter, author_name, field
from scraper.cms.dates import parse_portal_datetime
from scraper.cms.page import HtmlPage, clean

_DATE_LINE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")


class DNN(Adapter):
    name = "dnn"
    markers = (r"DnnModule", r"dnn_ctr\d+", r"DotNetNuke", r"/Portals/0/", r"dnncore\.js", r"/DesktopModules/")
    # news modules add key/value pairs after tabid: /tabid/94/ArticleID/123/…, or ?tabid=94&ID=123
    article_urls = (r"^(?=.*[?&]tabid=\d+).*[?&](?:ID|ArticleID|newsid|NewsID|itemid)=\d+",
                    r"/tabid/\d+/(?:[\w-]+/)*(?:ID|ArticleID|ArticleId|NewsID|newsid|ItemID)/\d+",
                    r"/tabid/\d+/[\w%-]+(?:-[\w%]+){3,}(?:/Default\.aspx)?$")
    paging = (r"/(?:page|trang|currentpage)/(\d+)", r"[?&](?:currentpage|pageindex)=(\d+)")

    class NewsModule(Adapter.Version):      # the news module is chosen by its name, never by its per-site id
        listing_item = ("div.xitem", "div.DnnModule li h3", "div.DnnModule li")
        listing_link = ("a.xlink", "a[href*=Default.aspx]", "a[href*=tabid]", "a[href]")
        module = "div.DnnModule[class*=News] .DNNModuleContent, div.DnnModule[class*=news] .DNNModuleContent"
        title_node = ("h1", "h2.title", "h2", "span.xsubject")

        def _module(self, page: HtmlPage):
            return page.first((self.module, "div.DnnModule .DNNModuleContent"))

        @field
        def title(self, page: HtmlPage) -> str | None:
            return page.text(self.title_node, self._module(page)) if self._module(page) is not None else None

        @field
        def body(self, page: HtmlPage) -> str | None:
            module = self._module(page)
            text = page.block_text(module, "h1, h2, .xdate, .date, .xsource, .author") if module is not None else None
            return text if text and len(text) > 80 else None

        @field
        def published(self, page: HtmlPage) -> str | None:
            # DNN and ASP.NET lists print a bare dd/mm/yyyy line beside the title
            module = self._module(page)
            m = _DATE_LINE.search(clean(module.text_content()) or "") if module is not None else None
            return parse_portal_datetime(m.group(0)) if m else None

        @field
        def author(self, page: HtmlPage) -> str | None:
            return author_name(page.text((".xsource", ".author"), self._module(page)))
