"""Liferay portals, incl. VNPT ePortal portlets: articles under /-/asset_publisher/ or /-/view_content/."""
from __future__ import annotations

from scraper.cms.base import Adapter


class Liferay(Adapter):
    name = "liferay"
    markers = (r"Liferay\.(?:ThemeDisplay|Portlet|Browser)", r"/html/js/liferay/", r"p_p_id(?:=|_)",
               r"portlet-boundary", r"_WAR_vnpteportal")
    # {instanceId}/content/{urlTitle} and {instanceId}/content/id/{assetEntryId}, optionally /{groupId}
    article_urls = (r"/-/asset_publisher/\w+/content/", r"/-/view_content/content/\d+",
                    r"/-/\w+/\w+/chi-tiet(?:-bai-viet)?/")
    paging = (r"[?&]_[\w]+_cur=(\d+)", r"[?&]cur=(\d+)")
    # render-URL state (p_p_*) and the asset publisher's own paging parameters are noise on articles
    article_noise = r"^(p_p_\w+|_[\w]+_(?:cur|delta|redirect|assetEntryId|type|urlTitle)|p_r_p_\w+|_\d+_\w+)$"

    paging_state = r"^(p_p_\w+|_[\w]+_delta|p_r_p_\w+)$"

    def canonical(self, url: str) -> str:
        if self.is_article_url(url):
            url = url.split("?", 1)[0]       # redirect=, inheritRedirect= and ids after ? only repeat the path
        return super().canonical(url)

    class Stock62(Adapter.Version):         # stock Asset Publisher (portlet 101) abstracts and full view
        listing_item = ("div.asset-abstract", "div.asset-title")
        listing_link = ("h3.asset-title a", "div.asset-more a", "a[href]")
        listing_date = "span.metadata-publish-date"
        pager = ("ul.pagination a", "div.taglib-page-iterator a")
        title_node = ("h3.header-title span", "h1.header-title span", ".header-title")
        body_node = ("div.asset-full-content div.journal-content-article", "div.journal-content-article",
                     "div.asset-full-content div.asset-content")
        date_node = ("div.asset-full-content span.metadata-publish-date", "span.metadata-publish-date")
        author_node = "div.asset-full-content span.metadata-author"
        drop_nodes = "div.asset-ratings, div.taglib-social-bookmarks, div.asset-links, div.taglib-discussion"

    class VnptEportal(Adapter.Version):     # VNPT ePortal news portlet (dsnews_WAR_vnpteportalnewsportlet)
        listing_item = ("[id^=p_p_id_dsnews_WAR_vnpteportalnewsportlet] h2", "[id*=vnpteportalnewsportlet] h3")
        listing_link = "a[href]"
        pager = "[id$=_ocerSearchContainerPageIterator] ul li a"
        # detail markup is theme-made (one site: "#testabc > div > h1"); date and body come from signals
        title_node = ("[id*=vnpteportalnews] h1", "div.portlet-body > div > h1")
