"""Fetcher concerns one by one against 127.0.0.1: conditional GET, robots, Crawl-delay, redirects, size cap."""
from __future__ import annotations

from dataclasses import replace

from loopback import Reply, Route
from scraper.conditional import Validators
from scraper.fetch import Fetcher


def test_conditional_get_answers_304(serve, fast):
    site = serve({"/tin": Route("<p>tin</p>", etag='"v1"', last_modified=1_700_000_000)})
    fetcher = Fetcher(fast, None)
    first = fetcher.fetch(site.url("/tin"))
    assert first.outcome == "fetched" and first.page.etag == '"v1"' and first.page.last_modified
    again = fetcher.fetch(site.url("/tin"), validators=Validators(first.page.etag, first.page.last_modified))
    assert (again.outcome, again.status) == ("not_modified", 304)


def test_robots_rules_and_crawl_delay_for_our_agent(serve, fast):
    site = serve({"/robots.txt": Route("User-agent: *\nDisallow: /\n\nUser-agent: thidua\nDisallow: /rieng/\n"
                                       "Crawl-delay: 0.2\nSitemap: http://x/sitemap.xml\n", content_type="text/plain"),
                  "/tin": Route("<p>tin</p>"), "/rieng/a": Route("<p>a</p>")})
    fetcher = Fetcher(fast, None)
    assert fetcher.fetch(site.url("/rieng/a")).outcome == "robots_disallowed"
    assert fetcher.fetch(site.url("/tin")).outcome == "fetched"
    assert fetcher.fetch(site.url("/tin")).outcome == "fetched"
    times = site.times["/tin"]
    assert times[1] - times[0] >= 0.19 and site.hits["/rieng/a"] == 0 and site.hits["/robots.txt"] == 1
    assert fetcher.robots.for_url(site.url("/")).sitemaps() == ["http://x/sitemap.xml"]


def test_redirects_are_followed_within_the_limit_and_checked_against_robots(serve, fast):
    site = serve({"/robots.txt": Route("User-agent: *\nDisallow: /cam/\n", content_type="text/plain"),
                  "/cu": Route(status=301, headers={"Location": "/moi"}), "/moi": Route("<p>mới</p>"),
                  "/sang-cam": Route(status=302, headers={"Location": "/cam/x"}), "/cam/x": Route("<p>x</p>"),
                  **{f"/r{i}": Route(status=302, headers={"Location": f"/r{i + 1}"}) for i in range(10)}})
    fetcher = Fetcher(replace(fast, max_redirects=3), None)
    moved = fetcher.fetch(site.url("/cu"))
    assert moved.outcome == "fetched" and moved.final_url == site.url("/moi") and moved.text == "<p>mới</p>"
    assert fetcher.fetch(site.url("/sang-cam")).outcome == "robots_disallowed" and site.hits["/cam/x"] == 0
    chain = fetcher.fetch(site.url("/r0"))
    assert (chain.outcome, chain.error) == ("failed", "more than 3 redirects") and site.hits["/r4"] == 0


def test_retries_are_bounded(serve, fast):
    site = serve({"/hong": Route(replies=[Reply(503)] * 10)})
    result = Fetcher(replace(fast, retries=2), None).fetch(site.url("/hong"))
    assert (result.outcome, result.status, site.hits["/hong"]) == ("failed", 503, 3)


def test_size_cap_uses_content_length_and_streamed_length(serve, fast):
    site = serve({"/lon": Route("x" * 5000)})
    result = Fetcher(replace(fast, max_page_bytes=1000), None).fetch(site.url("/lon"))
    assert result.outcome == "too_large" and result.page is None


def test_identifies_itself_with_a_contact_url(serve, fast):
    site = serve({"/": Route("<p>a</p>")})
    Fetcher(replace(fast, contact_url="https://thidua.example/lien-he"), None).fetch(site.url("/"))
    assert site.headers["/"]["User-Agent"] == "thidua/0.1.0 (+https://thidua.example/lien-he)"
    assert site.headers["/robots.txt"]["User-Agent"].startswith("thidua/")


def test_a_session_cookie_set_by_a_portal_is_sent_back_to_that_host_only(serve, fast):
    site = serve({"/": Route("<p>trang chủ</p>", headers={"Set-Cookie": "ASP.NET_SessionId=abc123; Path=/"}),
                  "/tin": Route("<p>tin</p>")})
    other = serve({"/tin": Route("<p>khác</p>")})
    fetcher = Fetcher(fast, None)
    fetcher.fetch(site.url("/"))
    fetcher.fetch(site.url("/tin"))
    fetcher.fetch(other.url("/tin"))
    assert "Cookie" not in site.headers["/"]
    assert site.headers["/tin"]["Cookie"] == "ASP.NET_SessionId=abc123"
    assert "Cookie" not in other.headers["/tin"]
    assert site.headers["/tin"]["Accept-Encoding"] == "gzip, deflate"
