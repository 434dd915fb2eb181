"""Any other site, chiefly provincial newspapers: article-shaped links, common news selectors, trafilatura."""
from __future__ import annotations

from scraper.cms.base import Adapter


class Generic(Adapter):
    name = "generic"
    # long slugs, trailing numeric ids and dated paths are how Vietnamese news sites name articles
    article_urls = (r"/[\w%]+(?:-[\w%]+){3,}(?:-\d+)?(?:\.html?|\.aspx|\.htm|\.php)?/?(?:\?|$)",
                    r"[-/_](?:\d{5,}|\d{4}/\d{2}/[\w%-]+)(?:\.html?|\.aspx|/)?$",
                    r"[?&](?:id|newsid|NewsID|ArticleID|idTin)=\d+")

    class Newsroom(Adapter.Version):        # selectors public crawlers use for VN newspapers (notes §8)
        listing_item = (".box-latestnews .items-news div.content > h3", "article h3", "article h2",
                        ".story h3", ".news-item h3", "li h3")
        listing_link = "a[href]"
        title_node = ("h1[itemprop=headline]", "h2#title", "h1.detail-title", "h1.article__title",
                      "article h1", "h1")
        lead_node = ("div.sapo", "h2.sapo", ".detail-sapo", ".article__sapo")
        body_node = ("[itemprop=articleBody]", "div.detail-content", "div.singular-content", "div.article__body",
                     "#entry-body", "div.entry", "div.content-detail", "div.news-content")
        date_node = ("div.detail-time", ".page-detail-meta li.list-inline-item", "span.time", ".date-time",
                     "time")
        date_attr = "datetime"
        author_node = ("span.c-detail-head__author", ".detail-author", ".author", "p.author")
        drop_nodes = ".author, .detail-author, .related, .tags, .share, .social, .box-related"
