"""portals check against loopback sites: alive (CMS, feeds, sitemaps), dead, moved, unsure; the registry written back."""
from __future__ import annotations

import socket
from datetime import date
from pathlib import Path

from loopback import Reply, Route
from scraper.portal_check import apply_check, check_portals, check_registry
from scraper.portals import Portal, load_portals, select
from scraper.registry_file import write_portals

RSS = "application/rss+xml; charset=utf-8"
FEED = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin</title>'
        '<item><title>Huyện phát động thi đua</title><link>{base}/news/thi-dua/phat-dong-12.html</link></item>'
        '</channel></rss>')
SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           '<url><loc>{base}/news/thi-dua/phat-dong-12.html</loc></url></urlset>')
NUKEVIET_HOME = ('<html><head><meta name="generator" content="NukeViet v4.5">'
                 '<link rel="alternate" type="application/rss+xml" href="/news/rss/"></head><body>'
                 '<a href="/index.php?language=vi&nv=news&op=thi-dua/phat-dong-12">Phát động thi đua</a>'
                 '<a href="/lien-he">Liên hệ</a></body></html>')
PLAIN_HOME = '<html><body><h1>Trang chủ</h1><a href="/rss/tin-moi.rss">RSS</a><a href="/gioi-thieu">Giới thiệu</a></body></html>'


def portal(pid: str, base: str, **kw) -> Portal:
    return Portal(id=pid, name=f"Cổng {pid}", base_url=base, cms=kw.pop("cms", "generic"), province="Kiên Giang",
                  unit="huyện Kiên Lương", evidence=kw.pop("evidence", "pattern"), **kw)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nukeviet_site(serve):
    site = serve({})
    site.routes.update({
        "/robots.txt": Route(f"User-agent: *\nDisallow: /admin/\nSitemap: {site.base}/sitemap-vi.xml\n",
                             content_type="text/plain"),
        "/": Route(NUKEVIET_HOME),
        "/news/rss/": Route(FEED.format(base=site.base), content_type=RSS),
        "/sitemap-vi.xml": Route(SITEMAP.format(base=site.base), content_type="application/xml"),
    })
    return site


def test_alive_site_gives_cms_feed_and_robots_sitemap(serve, fast):
    site = nukeviet_site(serve)
    [result] = check_portals([portal("a", site.base)], fast)
    assert (result.verdict, result.why, result.cms) == ("alive", "HTTP 200", "nukeviet")
    assert result.feeds == (site.url("/news/rss/"),)
    assert result.sitemaps == (site.url("/sitemap-vi.xml"),)
    assert site.hits["/robots.txt"] == 1 and "/sitemap.xml" not in site.hits      # robots named one: no probing


def test_sitemap_probed_and_linked_feed_confirmed_when_robots_says_nothing(serve, fast):
    site = serve({})
    site.routes.update({"/": Route(PLAIN_HOME), "/rss/tin-moi.rss": Route(FEED.format(base=site.base), content_type=RSS),
                        "/sitemap.xml": Route(SITEMAP.format(base=site.base), content_type="application/xml")})
    [result] = check_portals([portal("b", site.base, cms="liferay")], fast)
    assert (result.verdict, result.cms) == ("alive", None)                         # no marker: keep the guess
    assert result.feeds == (site.url("/rss/tin-moi.rss"),) and result.sitemaps == (site.url("/sitemap.xml"),)
    assert apply_check(portal("b", site.base, cms="liferay"), result, date(2025, 8, 1)).cms == "liferay"


def test_host_that_does_not_answer_is_dead(fast):
    [result] = check_portals([portal("c", f"http://127.0.0.1:{free_port()}")], fast)
    assert (result.verdict, result.why) == ("dead", "robots.txt unreachable (no answer)")


def test_home_redirecting_to_another_host_is_dead(serve, fast):
    target = serve({"/": Route(PLAIN_HOME)})
    elsewhere = target.url("/").replace("127.0.0.1", "localhost")              # the province portal, say
    site = serve({"/": Route(status=301, headers={"Location": elsewhere})})
    [result] = check_portals([portal("d", site.base)], fast)
    assert (result.verdict, result.why) == ("dead", f"redirects to {elsewhere}")


def test_home_gone_is_dead_and_a_503_leaves_it_unsure(serve, fast):
    gone = serve({"/robots.txt": Route("User-agent: *\n", content_type="text/plain"), "/": Route("", status=410)})
    busy = serve({"/robots.txt": Route(status=503)})
    results = check_portals([portal("e", gone.base), portal("f", busy.base)], fast)
    assert [(r.verdict, r.why) for r in results] == [("dead", "HTTP 410"), ("unsure", "robots.txt unreachable (HTTP 503)")]
    unchanged = portal("f", busy.base)
    assert apply_check(unchanged, results[1], date(2025, 8, 1)) == unchanged


def test_same_site_redirect_updates_the_base_url(serve, fast):
    site = serve({})
    site.routes.update({"/": Route(status=301, headers={"Location": site.url("/trang-chu")}),
                        "/trang-chu": Route(PLAIN_HOME)})
    [result] = check_portals([portal("g", site.base.replace("127.0.0.1", "localhost"))], fast)
    assert result.verdict == "dead"                                                # localhost → 127.0.0.1: another host
    [result] = check_portals([portal("g", site.base)], fast)
    assert (result.verdict, result.base_url) == ("alive", site.base)


def test_hosts_in_parallel_one_request_at_a_time_each(serve, fast):
    sites = [serve({"/": Route(PLAIN_HOME), "/robots.txt": Route("User-agent: *\n", content_type="text/plain")},
                   slow_s=0.15) for _ in range(3)]
    check_portals([portal(f"h{i}", s.base) for i, s in enumerate(sites)], fast)
    assert all(s.max_in_flight == 1 for s in sites)
    starts = sorted(min(t for times in s.times.values() for t in times) for s in sites)
    ends = sorted(max(t for times in s.times.values() for t in times) for s in sites)
    assert starts[-1] < ends[0]                       # every host had begun before the first one finished


def test_check_registry_writes_confirmed_dead_and_untouched_rows(serve, fast, tmp_path):
    site = nukeviet_site(serve)
    dead = f"http://127.0.0.1:{free_port()}"
    registry = write_portals(tmp_path / "p.toml", [portal("alive", site.base), portal("gone", dead),
                                                   portal("other", "https://khac.example.gov.vn")],
                             "Registry for the test\nsecond line")
    out = tmp_path / "checked.toml"
    results, written = check_registry(registry, fast, ["alive", "gone"], out=out, today=date(2025, 8, 1))
    assert written == out and [r.verdict for r in results] == ["alive", "dead"]
    assert out.read_text(encoding="utf-8").startswith("# Registry for the test\n# second line\n")
    by_id = {p.id: p for p in load_portals(out)}
    alive, gone, other = by_id["alive"], by_id["gone"], by_id["other"]
    assert (alive.checked, alive.dead, alive.cms, alive.feeds) == (date(2025, 8, 1), False, "nukeviet",
                                                                   (site.url("/news/rss/"),))
    assert (gone.checked, gone.dead) == (date(2025, 8, 1), True)
    assert other == portal("other", "https://khac.example.gov.vn")
    assert [p.id for p in select(list(by_id.values()))] == ["alive"]   # confirmed pattern host: crawled; dead: not
    assert load_portals(registry)[0].checked is None                  # --out leaves the source file alone


def test_only_printing_writes_nothing(serve, fast, tmp_path):
    site = nukeviet_site(serve)
    registry = write_portals(tmp_path / "p.toml", [portal("alive", site.base)])
    before = Path(registry).read_bytes()
    results, written = check_registry(registry, fast)
    assert written is None and results[0].verdict == "alive" and Path(registry).read_bytes() == before


def test_retry_then_alive(serve, fast):
    site = serve({"/robots.txt": Route("User-agent: *\n", content_type="text/plain"),
                  "/": Route(PLAIN_HOME, replies=[Reply(503), Reply(503)])})
    [result] = check_portals([portal("i", site.base)], fast)
    assert result.verdict == "alive" and site.hits["/"] == 3
