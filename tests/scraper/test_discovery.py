import gzip

from scraper.discovery import feed_date, is_feed, parse_feed, parse_sitemap

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://a.gov.vn/sitemap-vi.news.xml</loc><lastmod>2024-05-01</lastmod></sitemap></sitemapindex>"""
URLSET = """<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://a.gov.vn/news/tin/hoi-nghi-1.html</loc><lastmod>2024-05-02T08:00:00+07:00</lastmod></url>
<url><loc>https://a.gov.vn/news/tin/so-ket-2.html</loc><news:news><news:publication_date>2024-05-03</news:publication_date>
<news:title>Sơ kết cụm thi đua</news:title></news:news></url></urlset>"""


def test_sitemap_index_and_gzipped_urlset():
    index = parse_sitemap(INDEX)
    assert [s.url for s in index.sitemaps] == ["https://a.gov.vn/sitemap-vi.news.xml"] and index.pages == ()
    pages = parse_sitemap(gzip.compress(URLSET.encode())).pages
    assert [(p.url[-15:], p.title, p.published) for p in pages] == [
        ("hoi-nghi-1.html", None, "2024-05-02T08:00"), ("n/so-ket-2.html", "Sơ kết cụm thi đua", "2024-05-03")]


def test_rss_and_atom():
    rss = """<?xml version="1.0"?><rss version="2.0"><channel><item><title>Phát động thi đua</title>
    <link>https://a.gov.vn/news/tin/phat-dong-3.html</link><description>&lt;p&gt;Lễ phát động &lt;b&gt;năm 2024&lt;/b&gt;&lt;/p&gt;</description>
    <pubDate>Mon, 15 Jan 2024 01:30:00 GMT</pubDate></item></channel></rss>""".encode()
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title><link rel="alternate" href="https://a.gov.vn/b/"/>
    <updated>2024-01-15T08:30:00+07:00</updated></entry></feed>"""
    assert is_feed(rss) and is_feed(atom) and not is_feed(b"<html><body>x</body></html>")
    (item,) = parse_feed(rss)
    assert (item.title, item.snippet, item.published) == ("Phát động thi đua", "Lễ phát động năm 2024", "2024-01-15T08:30")
    assert [(e.url, e.published) for e in parse_feed(atom)] == [("https://a.gov.vn/b/", "2024-01-15T08:30")]


def test_broken_documents_give_nothing():
    assert parse_sitemap(b"") .pages == () and parse_feed(b"<rss><channel><item>") == ()
    assert feed_date("không phải ngày") is None
