"""WordPress sites: /YYYY/MM/slug/ or ?p=N articles, /page/N/ paging, /feed/ and /wp-sitemap.xml."""
from __future__ import annotations

from scraper.cms.base import Adapter


class WordPress(Adapter):
    name = "wordpress"
    markers = (r'<meta[^>]+name="generator"[^>]+WordPress', r"/wp-content/", r"/wp-includes/", r"wp-json")
    article_urls = (r"/\d{4}/\d{2}/(?:\d{2}/)?[\w%-]+/?$", r"[?&]p=\d+$", r"/[\w%]+(?:-[\w%]+){3,}/?$")
    paging = (r"/page/(\d+)/?", r"[?&]paged=(\d+)")

    class Theme(Adapter.Version):           # core themes and most child themes keep these classes
        listing_item = ("article h2.entry-title", "article h3.entry-title", "h2.entry-title", "article.post")
        listing_link = "a[href]"
        listing_date = "time"
        pager = ("nav.pagination a", ".nav-links a", ".navigation a")
        title_node = ("article h1.entry-title", "h1.entry-title", "h1.post-title")
        body_node = ("article div.entry-content", "div.entry-content", "div.post-content")
        date_node = ("article time.entry-date", "time.entry-date", "time.published", "time")
        date_attr = "datetime"
        author_node = ("article .byline .author a", ".byline .author", "span.author.vcard", ".author a")
        drop_nodes = "div.sharedaddy, div.jp-relatedposts, div.wp-block-buttons, .post-tags, nav"

    class BlockTheme(Adapter.Version):      # block (site-editor) themes, Twenty Twenty-Two and later
        listing_item = ("li.wp-block-post h2.wp-block-post-title", ".wp-block-post-template h2")
        listing_link = "a[href]"
        listing_date = "div.wp-block-post-date time"
        pager = ("nav.wp-block-query-pagination a", ".wp-block-query-pagination-next")
        title_node = ("h1.wp-block-post-title", "h2.wp-block-post-title")
        body_node = ("div.wp-block-post-content", "div.entry-content")
        date_node = "div.wp-block-post-date time"
        date_attr = "datetime"
        author_node = ("div.wp-block-post-author-name", "div.wp-block-post-author__name")
        drop_nodes = "div.wp-block-buttons, div.sharedaddy, nav"
