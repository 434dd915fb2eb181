"""Oracle WebCenter portals (Quảng Nam and its districts): …/chi-tiet?dDocName=PORTAL<n>."""
from __future__ import annotations

from scraper.cms.base import Adapter


class WebCenter(Adapter):
    name = "webcenter"
    markers = (r"/webcenter/portal/", r"_adf\.ctrl-state", r"_afrLoop", r"AdfPage", r'class="af_',
               r"/webcenter/documentContent")
    # dDocName (the UCM content id) identifies an article; …/chi-tiet and …/detail both show it
    article_urls = (r"/webcenter/portal/[^?#]+[?&]dDocName=[A-Z0-9]+", r"[?&]dDocName=PORTAL\d+")
    paging = (r"[?&](?:pageIndex|page)=(\d+)",)
    # everything beside dDocName on an article URL is ADF window and navigation state
    article_noise = r"^(?!ddocname$).*$"

    class Adf2020(Adapter.Version):         # no public detail markup found: fields come from og:/JSON-LD and trafilatura
        listing_item = ("div.af_panelGroupLayout a[href*=dDocName]", "a[href*=dDocName]")
        title_node = ("h1.title", "div.news-detail h1", "h1")
