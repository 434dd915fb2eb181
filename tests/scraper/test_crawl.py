"""crawl() against loopback portals in six CMS styles: discovery, relevance, politeness, resumable state."""
from __future__ import annotations

from dataclasses import replace

import duckdb
import pytest

from loopback import HTML, Reply, Route, cp1258
from scraper.crawl import crawl
from scraper.portals import load_portals
from sites import STYLES, portal_toml, relevant, stories, with_base


def build(serve, tmp_path, styles, count=8):
    """One site per style, each with `count` stories; returns (sites, portals, stories by style)."""
    sites, entries, told = {}, [], {}
    for n, style in enumerate(styles):
        items = stories(count, first_id=100, day=n)
        routes, extra = STYLES[style](items)
        site = serve(routes)
        with_base(routes, site.base)
        sites[style], told[style] = site, items
        entries.append((style, site.base, extra))
    path = tmp_path / "portals.toml"
    path.write_text(portal_toml(entries), encoding="utf-8")
    return sites, load_portals(path), told


def run(portals, settings, tmp_path, **kw):
    found = []
    report = crawl(portals, settings, tmp_path / "t.duckdb", tmp_path / "archive",
                   on_articles=lambda articles: found.extend(articles) or 0, **kw)
    return report, found


def db_rows(tmp_path, sql):
    con = duckdb.connect(str(tmp_path / "t.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_discovers_through_sitemap_feed_and_listings_in_six_cms_styles(serve, tmp_path, fast):
    sites, portals, told = build(serve, tmp_path, list(STYLES))
    report, articles = run(portals, fast, tmp_path)
    assert not report.interrupted
    by_url = {a.page_id: a for a in articles}
    for style, items in told.items():
        wanted = {s.title for s in items if relevant(s)}
        got = {a.title for a in articles if a.portal_id == style}
        assert got == wanted, style
        article_hits = [p for p in sites[style].hits if "tin-tuc/" in p and p.endswith(".html") or "ID=" in p]
        assert all(sites[style].hits[p] == 1 for p in article_hits), style
    sample = next(a for a in articles if a.portal_id == "joomla")
    assert sample.published.startswith("2024-05-") and sample.text.startswith("Sáng nay") or sample.text
    assert all(a.province_hint == "Kiên Giang" and a.unit_hint == f"huyện {a.portal_id}" for a in by_url.values())
    assert report.total("skipped") == 6 * 3                       # three stories in eight carry no cue
    assert sites["nukeviet"].hits["/news/tin-tuc/page-3"] == 1      # pagination followed to the end
    assert sites["joomla"].hits["/sitemap-1.xml.gz"] == 1           # robots.txt Sitemap → index → gzip child
    assert db_rows(tmp_path, "SELECT count(*) FROM pages p JOIN frontier f USING (canonical_url) "
                             "WHERE f.kind = 'article'")[0][0] == 6 * 5


def test_all_fetches_articles_without_cues(serve, tmp_path, fast):
    _, portals, _ = build(serve, tmp_path, ["wordpress"])
    _, articles = run(portals, replace(fast, fetch_all=True), tmp_path)
    assert len(articles) == 8


def test_second_run_refetches_nothing_unchanged(serve, tmp_path, fast):
    sites, portals, _ = build(serve, tmp_path, ["nukeviet", "wordpress", "joomla"])
    run(portals, fast, tmp_path)
    before = {style: dict(site.hits) for style, site in sites.items()}
    report, articles = run(portals, fast, tmp_path)
    assert articles == [] and report.total("fetched") == 0
    assert report.total("not_modified") == 4                      # the first hubs (and joomla's home page) answer 304
    for style, site in sites.items():
        again = {p: n - before[style].get(p, 0) for p, n in site.hits.items() if n - before[style].get(p, 0)}
        assert set(again) <= {"/robots.txt", "/", "/news/tin-tuc/", "/feed/", "/sitemap.xml"}, again


def test_listing_that_brings_nothing_new_ends_pagination(serve, tmp_path, fast):
    items = stories(9)
    routes, extra = STYLES["nukeviet"](items)
    for route in routes.values():
        route.etag = None                                        # no 304: page 1 is read again
    site = serve(routes)
    path = tmp_path / "p.toml"
    path.write_text(portal_toml([("nv", site.base, extra)]), encoding="utf-8")
    portals = load_portals(path)
    run(portals, fast, tmp_path)
    newer = stories(1, first_id=200)[0]
    routes["/news/tin-tuc/"].body = routes["/news/tin-tuc/"].body.replace(
        "<div class='news_column'>", f"<div class='news_column'><div class='panel-body'><h3><a href='/news/tin-tuc/"
                                     f"{newer.slug}-{newer.id}.html'>{newer.title}</a></h3></div>")
    routes[f"/news/tin-tuc/{newer.slug}-{newer.id}.html"] = routes[f"/news/tin-tuc/{items[0].slug}-{items[0].id}.html"]
    report, articles = run(portals, fast, tmp_path)
    assert [a.page_id.rsplit("/", 1)[1] for a in articles] == [f"{newer.slug}-{newer.id}.html"]
    assert site.hits["/news/tin-tuc/page-2"] == 2 and site.hits["/news/tin-tuc/page-3"] == 1


def test_robots_disallow_is_never_fetched(serve, tmp_path, fast):
    items = stories(4)
    routes, extra = STYLES["dnn"](items)
    routes["/robots.txt"] = Route(f"User-agent: *\nDisallow: /Default.aspx?tabid=135&ID={items[0].id}\n",
                                  content_type="text/plain")
    site = serve(routes)
    (tmp_path / "p.toml").write_text(portal_toml([("dnn", site.base, extra)]), encoding="utf-8")
    report, articles = run(load_portals(tmp_path / "p.toml"), fast, tmp_path)
    assert site.hits[f"/Default.aspx?tabid=135&ID={items[0].id}"] == 0
    assert report.total("robots_skipped") == 1
    assert {a.title for a in articles} == {s.title for s in items[1:] if relevant(s)}


def _one_portal(serve, tmp_path, items, style="dnn", change=None):
    routes, extra = STYLES[style](items)
    if change:
        change(routes)
    site = serve(routes)
    with_base(routes, site.base)
    (tmp_path / "p.toml").write_text(portal_toml([(style, site.base, extra)]), encoding="utf-8")
    return site, load_portals(tmp_path / "p.toml")


def test_503_then_200_and_429_with_retry_after(serve, tmp_path, fast):
    items = stories(2)
    first, second = (f"/Default.aspx?tabid=135&ID={s.id}" for s in items)

    def flaky(routes):
        routes[first].replies = [Reply(503, "bận")]
        routes[second].replies = [Reply(429, "chậm lại", {"Retry-After": "1"})]

    site, portals = _one_portal(serve, tmp_path, items, change=flaky)
    report, articles = run(portals, fast, tmp_path)
    assert site.hits[first] == 2 and site.hits[second] == 2
    assert site.times[second][1] - site.times[second][0] >= 0.9     # Retry-After: 1 was waited out
    assert len(articles) == 2 and report.total("failed") == 0


def test_retry_after_beyond_the_cap_leaves_the_url_for_the_next_run(serve, tmp_path, fast):
    items = stories(1)
    path = f"/Default.aspx?tabid=135&ID={items[0].id}"
    site, portals = _one_portal(serve, tmp_path, items,
                                change=lambda r: r[path].replies.append(Reply(429, "", {"Retry-After": "3600"})))
    report, _ = run(portals, fast, tmp_path)
    assert site.hits[path] == 1 and report.total("failed") == 1
    assert db_rows(tmp_path, "SELECT state, attempts FROM frontier WHERE kind = 'article'") == [("pending", 1)]
    _, articles = run(portals, fast, tmp_path)
    assert len(articles) == 1 and site.hits[path] == 2


def test_page_in_windows_1258_is_read(serve, tmp_path, fast):
    items = stories(1)
    path = f"/Default.aspx?tabid=135&ID={items[0].id}"

    def legacy(routes):
        routes[path].body = cp1258(routes[path].body.replace("charset='utf-8'", "charset='windows-1258'"))
        routes[path].content_type = "text/html"

    _, portals = _one_portal(serve, tmp_path, items, change=legacy)
    _, articles = run(portals, fast, tmp_path)
    assert articles[0].title == items[0].title
    assert items[0].paragraphs[0] in articles[0].text
    assert db_rows(tmp_path, "SELECT charset FROM pages WHERE url LIKE '%ID=%'") == [("cp1258",)]


def test_redirect_loop_and_oversized_page_fail_without_harm(serve, tmp_path, fast):
    items = stories(3)
    loop, big, fine = (f"/Default.aspx?tabid=135&ID={s.id}" for s in items)

    def traps(routes):
        routes[loop] = Route(status=302, headers={"Location": "/vong-lap"})
        routes["/vong-lap"] = Route(status=301, headers={"Location": loop})
        routes[big].body = routes[big].body + "<!-- " + "x" * 300_000 + " -->"

    site, portals = _one_portal(serve, tmp_path, items, change=traps)
    report, articles = run(portals, replace(fast, max_page_bytes=100_000, fetch_all=True), tmp_path)
    assert site.hits[loop] == 1 and site.hits["/vong-lap"] == 1
    assert [a.title for a in articles] == [items[2].title]
    log = dict(db_rows(tmp_path, "SELECT url, coalesce(error, outcome) FROM fetch_log"))
    assert log[site.url(loop)] == "redirect loop"
    assert "exceeds 100000 bytes" in log[site.url(big)]
    assert report.total("failed") == 2


def test_duplicate_url_with_tracking_parameters_is_fetched_once(serve, tmp_path, fast):
    items = stories(2)

    def tracked(routes):
        listing = routes["/tintuc/Pages/tin-tuc.aspx"]
        extra = (f"<a href='/tintuc/Lists/TinTuc/View_Detail.aspx?ItemID={items[0].id}&amp;utm_source=zalo&amp;fbclid=1'>"
                 f"{items[0].title}</a><a href='/tintuc/Lists/TinTuc/View_Detail.aspx?itemid={items[0].id}#binh-luan'>x</a>")
        listing.body = listing.body.replace("</ul></div>", f"</ul></div>{extra}")

    site, portals = _one_portal(serve, tmp_path, items, style="sharepoint", change=tracked)
    _, articles = run(portals, fast, tmp_path)
    assert site.hits[f"/tintuc/Lists/TinTuc/View_Detail.aspx?ItemID={items[0].id}"] == 1
    assert sum(v for k, v in site.hits.items() if "View_Detail" in k) == 2
    assert len(articles) == 2


def test_one_request_in_flight_per_host_and_delay_honoured(serve, tmp_path, fast):
    items = stories(6)
    site, portals = _one_portal(serve, tmp_path, items)
    site.slow_s = 0.02
    run(portals, replace(fast, delay_per_host_s=0.1, fetch_all=True, threads=8), tmp_path)
    assert site.max_in_flight == 1
    stamps = sorted(t for times in site.times.values() for t in times)
    assert min(b - a for a, b in zip(stamps, stamps[1:])) >= 0.1


def test_since_leaves_out_older_articles(serve, tmp_path, fast):
    from datetime import date
    _, portals, told = build(serve, tmp_path, ["wordpress"])
    cut = date(2024, 5, 5)
    _, articles = run(portals, replace(fast, fetch_all=True), tmp_path, since=cut)
    assert articles and all(a.published[:10] >= cut.isoformat() for a in articles)
    assert len(articles) == sum(1 for s in told["wordpress"] if s.iso[:10] >= cut.isoformat())


def test_max_pages_stops_early_and_the_next_run_continues(serve, tmp_path, fast):
    sites, portals, _ = build(serve, tmp_path, ["liferay"])
    report, first = run(portals, replace(fast, fetch_all=True), tmp_path, max_pages=4)
    assert report.interrupted and report.total("fetched") == 4
    report, rest = run(portals, replace(fast, fetch_all=True), tmp_path)
    assert not report.interrupted
    assert len(first) + len(rest) == 8 and len({a.page_id for a in first + rest}) == 8
    assert all(n == 1 for p, n in sites["liferay"].hits.items() if "/content/" in p)


def test_progress_reports_start_pages_and_done(serve, tmp_path, fast):
    _, portals, _ = build(serve, tmp_path, ["nukeviet"])
    events = []
    crawl(portals, fast, tmp_path / "t.duckdb", tmp_path / "archive", progress=events.append)
    stages = [e.stage for e in events]
    assert stages[0] == "start" and stages[-1] == "done" and stages.count("page") == events[-1].counts.fetched


@pytest.mark.parametrize("status", [503, None])
def test_unreadable_robots_txt_leaves_the_host_alone(serve, tmp_path, fast, status):
    items = stories(2)
    site, portals = _one_portal(serve, tmp_path, items)
    if status:
        site.routes["/robots.txt"] = Route("lỗi", status=status, content_type=HTML)
    else:
        site.__exit__(None, None, None)                            # nothing listens any more
    report, articles = run(portals, fast, tmp_path)
    assert articles == [] and report.total("fetched") == 0 and report.total("failed") >= 1
    assert all(p == "/robots.txt" for p in site.hits)
