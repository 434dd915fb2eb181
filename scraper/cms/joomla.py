"""Joomla sites (com_content): index.php?option=com_content&view=article&id=N or SEF …/<id>-<alias>."""
from __future__ import annotations

from datetime import date

from scraper.cms.base import Adapter, author_name, field
from scraper.cms.page import HtmlPage


class Joomla(Adapter):
    name = "joomla"
    markers = (r'<meta[^>]+name="generator"[^>]+Joomla', r"/media/jui/", r"/media/system/js/",
               r"option=com_content", r'class="contentpaneopen"')
    # SEF URLs end in <id>-<alias>[.html] under a <catid>-<cat> segment; `id` is the key
    article_urls = (r"^(?=.*option=com_content)(?=.*[?&]id=\d+).*[?&](?:view=article|task=view)",
                    r"/\d+-[\w%-]+/\d+-[\w%-]+(?:\.html?)?$")
    paging = (r"[?&](?:start|limitstart)=(\d+)",)
    article_noise = r"^(itemid|catid|print|tmpl|layout)$"

    class Joomla3(Adapter.Version):         # Joomla 3/4 com_content article view (schema.org markup)
        listing_item = ("div.blog [itemprop=blogPost] h2", "div.blog div.item h2", "table.category td.list-title",
                        "div.items-row h2")
        listing_link = "a[href]"
        pager = ("div.pagination a", "ul.pagination a")
        title_node = ("div.item-page [itemprop=headline]", "div.item-page div.page-header h2", "div.item-page h1")
        body_node = ("div.item-page [itemprop=articleBody]", "div.item-page")
        date_node = ("dd.published time", "dd.published")
        date_attr = "datetime"             # vi-VN text ("Được đăng: …") may spell the month; the attribute is ISO
        author_node = ("dd.createdby [itemprop=name]", "dd.createdby")
        drop_nodes = "dl.article-info, ul.pager, div.icons, .btn-group, ul.tags"

        @field
        def author(self, page: HtmlPage) -> str | None:
            return author_name(page.text(self.author_node))   # "Viết bởi Trần Thị B"

    class Joomla15(Adapter.Version):        # Joomla 1.5 table layout (end of life 2012, still served)
        valid_until = date(2012, 9, 30)
        listing_item = ("td.contentheading", "table.blog td a.contentpagetitle", "a.contentpagetitle")
        listing_link = "a[href]"
        title_node = ("td.contentheading", "div.componentheading")
        date_node = "td.createdate"
        author_node = "table.contentpaneopen span.small"

        @field
        def body(self, page: HtmlPage) -> str | None:
            # the second contentpaneopen table holds byline, date and body cells, in that order
            texts = [page.block_text(td) for td in page.select("table.contentpaneopen td[valign=top]")
                     if not td.get("class")]
            return max((t for t in texts if t), key=len, default=None)
