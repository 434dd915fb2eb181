"""Small portal sites in six CMS styles, built from one pool of invented articles, for crawl tests."""
from __future__ import annotations

from dataclasses import dataclass

from loopback import Route, gz


@dataclass(frozen=True)
class Story:
    id: int
    slug: str
    title: str
    when: str                    # dd/mm/yyyy HH:MM as the portals print it
    paragraphs: tuple[str, ...]

    @property
    def iso(self) -> str:
        d, m, rest = self.when.split("/")
        y, hm = rest.split(" ")
        return f"{y}-{m}-{d}T{hm}:00+07:00"

    @property
    def body(self) -> str:
        return "".join(f"<p>{p}</p>" for p in self.paragraphs)


_POOL = [
    ("cum-thi-dua-so-1-ky-ket-giao-uoc", "Cụm thi đua số 1 ký kết giao ước năm 2024",
     ("Sáng nay, năm xã trong Cụm thi đua số 1 cùng ký bản giao ước thi đua năm 2024.",
      "Xã đăng cai được giao làm cụm trưởng; các xã còn lại cam kết hoàn thành chỉ tiêu nông thôn mới.")),
    ("so-ket-phong-trao-thi-dua-6-thang", "Sơ kết phong trào thi đua 6 tháng đầu năm",
     ("Hội đồng Thi đua - Khen thưởng huyện họp sơ kết sáu tháng với sự tham dự của các khối thi đua.",
      "Nhiều đơn vị vượt tiến độ thu ngân sách và giải ngân vốn đầu tư công.")),
    ("tiem-chung-mo-rong-cho-tre-em", "Tiêm chủng mở rộng cho trẻ em dưới một tuổi",
     ("Trạm y tế các xã tổ chức tiêm vắc xin cho trẻ trong hai ngày cuối tuần.",
      "Phụ huynh được nhắc mang theo sổ theo dõi sức khỏe khi đưa trẻ đến trạm.")),
    ("tong-ket-cong-tac-thi-dua-khen-thuong", "Huyện tổng kết thi đua, khen thưởng năm 2023 và trao cờ",
     ("Huyện tổ chức hội nghị tổng kết, trao cờ thi đua cho các đơn vị dẫn đầu cụm.",
      "Chủ tịch UBND huyện đề nghị các xã duy trì phong trào thi đua yêu nước trong năm mới.")),
    ("khai-giang-lop-tin-hoc-cho-cong-chuc", "Khai giảng lớp tin học cho công chức xã",
     ("Ba mươi công chức cấp xã tham gia lớp bồi dưỡng kỹ năng sử dụng phần mềm văn phòng.",
      "Lớp học kéo dài mười ngày tại trung tâm chính trị huyện.")),
    ("phat-dong-thi-dua-chao-mung-dai-hoi", "Phát động thi đua chào mừng đại hội Đảng bộ các cấp",
     ("Lễ phát động được tổ chức tại hội trường Huyện ủy với sự tham gia của các cơ quan, đoàn thể.",
      "Các đơn vị đăng ký công trình, phần việc cụ thể để chào mừng đại hội.")),
    ("ra-quan-ve-sinh-moi-truong", "Ra quân vệ sinh môi trường cuối tuần",
     ("Đoàn viên thanh niên các ấp dọn dẹp kênh mương và trồng cây xanh dọc tuyến đường liên xã.",
      "Hoạt động sẽ được duy trì vào sáng chủ nhật hằng tháng.")),
    ("khoi-thi-dua-co-quan-dang-kiem-tra-cheo", "Khối thi đua các cơ quan Đảng kiểm tra chéo",
     ("Đoàn kiểm tra chéo của khối làm việc tại Ban Tuyên giáo và Ban Dân vận Huyện ủy.",
      "Kết quả kiểm tra là căn cứ bình xét thi đua cuối năm của khối.")),
]
RELEVANT = {0, 1, 3, 5, 7}


def stories(count: int = 8, first_id: int = 100, day: int = 1) -> list[Story]:
    """count stories cycling through the pool; even pool positions and 1, 3, 5, 7 carry emulation cues."""
    out = []
    for i in range(count):
        slug, title, paragraphs = _POOL[i % len(_POOL)]
        suffix = f" (lần {i // len(_POOL) + 1})" if i >= len(_POOL) else ""
        out.append(Story(first_id + i, f"{slug}-{i}", title + suffix, f"{(day + i) % 28 + 1:02d}/05/2024 08:{i % 60:02d}",
                         paragraphs))
    return out


def relevant(story: Story) -> bool:
    return (story.id - 100) % len(_POOL) in RELEVANT


def _page(head: str, body: str) -> str:
    return f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def nukeviet(items: list[Story], per_page: int = 3) -> tuple[dict[str, Route], dict]:
    routes = {}
    pages = [items[i:i + per_page] for i in range(0, len(items), per_page)]
    for n, chunk in enumerate(pages, 1):
        path = "/news/tin-tuc/" if n == 1 else f"/news/tin-tuc/page-{n}"
        entries = "".join(f"<div class='panel-body'><h3><a href='/news/tin-tuc/{s.slug}-{s.id}.html'>{s.title}</a></h3>"
                          f"<ul class='text-muted'><li>{s.when}:00</li></ul></div>" for s in chunk)
        pager = "".join(f"<li class='page-item'><a class='page-link' href='/news/tin-tuc/page-{k}'>{k}</a></li>"
                        for k in range(2, len(pages) + 1))
        routes[path] = Route(_page("<meta name='generator' content='NukeViet v4.5'>",
                                   f"<div class='news_column'>{entries}</div><ul class='pagination'>{pager}</ul>"),
                             etag=f'"list-{n}"')
    for s in items:
        routes[f"/news/tin-tuc/{s.slug}-{s.id}.html"] = Route(_page(
            f"<title>{s.title}</title>",
            f"<div class='news_column' itemtype='http://schema.org/NewsArticle'><h1 class='title' itemprop='headline'>"
            f"{s.title}</h1><span class='h5'>Thứ hai - {s.when}</span><div id='news-bodyhtml' class='bodytext'>{s.body}</div>"
            f"<p class='h5 text-right'><strong>Tác giả: </strong>Phòng Văn hóa</p></div>"))
    return routes, {"cms": "nukeviet", "start_urls": ["/news/tin-tuc/"]}


def wordpress(items: list[Story]) -> tuple[dict[str, Route], dict]:
    entries = "".join(f"<item><title>{s.title}</title><link>{{base}}/2024/05/{s.slug}/</link>"
                      f"<pubDate>Mon, {s.when[:2]} May 2024 08:00:00 +0700</pubDate></item>" for s in items)
    routes = {"/feed/": Route(f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel>{entries}</channel></rss>",
                              content_type="application/rss+xml; charset=UTF-8", etag='"feed"')}
    for s in items:
        routes[f"/2024/05/{s.slug}/"] = Route(_page(
            "<meta name='generator' content='WordPress 6.4'>",
            f"<article class='post'><h1 class='entry-title'>{s.title}</h1><div class='entry-content'>{s.body}</div>"
            f"<time class='entry-date' datetime='{s.iso}'>{s.when}</time><span class='author vcard'><a>Ban biên tập</a></span>"
            f"</article>"))
    return routes, {"cms": "wordpress", "feeds": ["/feed/"]}


def joomla(items: list[Story]) -> tuple[dict[str, Route], dict]:
    urls = "".join(f"<url><loc>{{base}}/index.php/tin-tuc/12-tin/{s.id}-{s.slug}</loc><lastmod>{s.iso}</lastmod></url>"
                   for s in items)
    routes = {
        "/sitemap.xml": Route("<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                              "<sitemap><loc>{base}/sitemap-1.xml.gz</loc></sitemap></sitemapindex>",
                              content_type="application/xml", etag='"index"'),
        "/sitemap-1.xml.gz": Route(b"", content_type="application/x-gzip", etag='"one"'),
        "/robots.txt": Route("User-agent: *\nDisallow: /administrator/\nSitemap: {base}/sitemap.xml\n",
                             content_type="text/plain"),
        "/": Route(_page("<meta name='generator' content='Joomla! - Open Source Content Management'>", "<p>Trang chủ</p>"),
                   etag='"home"'),
    }
    routes["/sitemap-1.xml.gz"].body = ("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                                        + urls + "</urlset>")
    for s in items:
        routes[f"/index.php/tin-tuc/12-tin/{s.id}-{s.slug}"] = Route(_page(
            "<meta name='generator' content='Joomla! - Open Source Content Management'>",
            f"<div class='item-page' itemtype='https://schema.org/Article'><div class='page-header'><h2 itemprop='headline'>"
            f"{s.title}</h2></div><dl class='article-info'><dd class='createdby'>Viết bởi <span itemprop='name'>Văn phòng"
            f"</span></dd><dd class='published'><time datetime='{s.iso}'>{s.when}</time></dd></dl>"
            f"<div itemprop='articleBody'>{s.body}</div></div>"))
    return routes, {"cms": "joomla", "sitemaps": []}


def liferay(items: list[Story], per_page: int = 4) -> tuple[dict[str, Route], dict]:
    routes = {}
    pages = [items[i:i + per_page] for i in range(0, len(items), per_page)]
    portlet = "_101_INSTANCE_Ab12Cd34Ef56_"
    for n, chunk in enumerate(pages, 1):
        path = "/web/huyen/tin-tuc" + ("" if n == 1 else f"?p_p_id=101&{portlet}cur={n}")
        entries = "".join(f"<div class='asset-abstract'><h3 class='asset-title'><a href='/web/huyen/chi-tiet/-/asset_publisher/"
                          f"Ab12Cd34Ef56/content/{s.slug}?redirect=%2Fweb%2Fhuyen'>{s.title}</a></h3>"
                          f"<span class='metadata-publish-date'>{s.when}</span></div>" for s in chunk)
        pager = "".join(f"<li><a href='/web/huyen/tin-tuc?p_p_id=101&amp;{portlet}cur={k}'>{k}</a></li>"
                        for k in range(1, len(pages) + 1))
        routes[path] = Route(_page("<script>Liferay.Portlet.ready(function(){});</script>",
                                   f"{entries}<ul class='pagination'>{pager}</ul>"))
    for s in items:
        routes[f"/web/huyen/chi-tiet/-/asset_publisher/Ab12Cd34Ef56/content/{s.slug}"] = Route(_page(
            f"<meta property='article:published_time' content='{s.iso}'><meta name='author' content='Ban biên tập'>",
            f"<h3 class='header-title'><span>{s.title}</span></h3><div class='asset-full-content'>"
            f"<div class='journal-content-article'>{s.body}</div></div>"))
    return routes, {"cms": "liferay", "start_urls": ["/web/huyen/tin-tuc"]}


def dnn(items: list[Story], encode=None) -> tuple[dict[str, Route], dict]:
    entries = "".join(f"<div class='xitem'><h1><a class='xlink' href='/Default.aspx?tabid=135&amp;ID={s.id}'>{s.title}</a>"
                      f"</h1><div>{s.when[:10]}</div></div>" for s in items)
    routes = {"/Default.aspx?tabid=135": Route(_page("<script src='/js/dnncore.js'></script>",
                                                     f"<div class='DnnModule DnnModule-TNCategorySolution'>{entries}</div>"))}
    for s in items:
        html = _page(f"<title>{s.title}</title>",
                     f"<div class='DnnModule DnnModule-TNNewsSolution'><div class='DNNModuleContent'><h1>{s.title}</h1>"
                     f"<div class='xdate'>{s.when}</div>{s.body}<div class='xsource'>Tin: Văn phòng</div></div></div>")
        routes[f"/Default.aspx?tabid=135&ID={s.id}"] = Route(html)
    return routes, {"cms": "dnn", "start_urls": ["/Default.aspx?tabid=135"]}


def sharepoint(items: list[Story]) -> tuple[dict[str, Route], dict]:
    entries = "".join(f"<li><div><a href='/tintuc/Lists/TinTuc/View_Detail.aspx?ItemID={s.id}'>{s.title}</a></div></li>"
                      for s in items)
    routes = {"/tintuc/Pages/tin-tuc.aspx": Route(_page(
        "<meta name='GENERATOR' content='Microsoft SharePoint'>",
        f"<div id='ctl00_g_1_ctl00_pnListNews'><ul>{entries}</ul></div>"))}
    for s in items:
        routes[f"/tintuc/Lists/TinTuc/View_Detail.aspx?ItemID={s.id}"] = Route(_page(
            "<meta name='GENERATOR' content='Microsoft SharePoint'>",
            f"<div id='divArticleDescription3'><h1>{s.title}</h1></div><div id='x_ctl00_pnHide'><span>{s.when}</span></div>"
            f"<div id='divArticleDescription2'>{s.body}</div><div id='x_ctl00_pnNguontin'>Nguồn tin: Văn phòng</div>"))
    return routes, {"cms": "sharepoint", "start_urls": ["/tintuc/Pages/tin-tuc.aspx"]}


STYLES = {"nukeviet": nukeviet, "wordpress": wordpress, "joomla": joomla, "liferay": liferay, "dnn": dnn,
          "sharepoint": sharepoint}


def with_base(routes: dict[str, Route], base: str) -> dict[str, Route]:
    """Fill {base} in bodies (feeds and sitemaps need absolute URLs), gzip the .gz routes."""
    for path, route in routes.items():
        if isinstance(route.body, str):
            text = route.body.replace("{base}", base)
            route.body = gz(text) if path.endswith(".gz") else text
    return routes


def portal_toml(entries: list[tuple[str, str, dict]], delay: float | None = None) -> str:
    """[[portal]] rows for (id, base, extras) — start_urls, feeds and sitemaps given as paths."""
    out = []
    for pid, base, extra in entries:
        lines = ["[[portal]]", f'id = "{pid}"', f'name = "Cổng thông tin {pid}"', f'base_url = "{base}"',
                 'province = "Kiên Giang"', f'unit = "huyện {pid}"', f'cms = "{extra["cms"]}"']
        for key in ("start_urls", "feeds", "sitemaps"):
            if extra.get(key):
                lines.append(f"{key} = [{', '.join(repr(base + p).replace(chr(39), chr(34)) for p in extra[key])}]")
        if delay is not None:
            lines.append(f"delay = {delay}")
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"
