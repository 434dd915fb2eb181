"""SharePoint and ASP.NET portals of ministries and provinces: /Pages/*.aspx, /Lists/*/View_Detail.aspx?ItemID=."""
from __future__ import annotations

import re

from scraper.cms.base import Adapter
from scraper.urls import canonical_url

# the same list item is linked as ItemID, ItemId and itemid
_ITEM_ID = re.compile(r"([?&])itemid=", re.I)


class SharePoint(Adapter):
    name = "sharepoint"
    markers = (r"/_layouts/", r"SPWebPartManager", r"MSOWebPartPage", r'content="Microsoft SharePoint',
               r"_spPageContextInfo", r"ctl00_PlaceHolderMain")
    article_urls = (r"/Lists/[^?]+/View_Detail\.aspx\?(?:.*&)?ItemID=\d+", r"/Pages/[\w%-]*chi-?tiet[\w%-]*\.aspx\?",
                    r"/Pages/[\w%-]+(?:-[\w%]+){3,}\.aspx$", r"[?&](?:idTin|NewsID|ArticleID)=\d+")
    paging = (r"[?&](?:Page|page|p|PageIndex)=(\d+)",)

    def canonical(self, url: str) -> str:
        return canonical_url(_ITEM_ID.sub(r"\1ItemID=", url))

    class ArticleDescription(Adapter.Version):   # one vendor's product on mt.gov.vn, most.gov.vn, moc.gov.vn
        listing_item = "[id$=_ctl00_pnListNews] ul li div"
        listing_link = "a[href]"
        pager = "[id$=_ctl00_PhanTrang_D] a"
        title_node = "#divArticleDescription3 h1"
        lead_node = "#divArticleDescription1"
        body_node = "#divArticleDescription2"
        date_node = "[id$=_ctl00_pnHide] span"
        author_node = "[id$=_ctl00_pnNguontin]"

    class Tandan(Adapter.Version):          # vendor Tandan's news web parts (mpi.gov.vn)
        listing_item = ".channel-news-title"
        listing_link = "a[href]"
        pager = "span.CurrentPage + a"
        title_node = ("h1.article-title", ".article-header h1", "h1")
        lead_node = ".article-summary"
        body_node = ".article-contents"
        date_node = ".tandan-span-date-publish"
        author_node = (".article-author", ".tandan-span-author")
