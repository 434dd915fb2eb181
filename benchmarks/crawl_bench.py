"""Crawl benchmark: `thidua crawl` and a minimal Scrapy spider over the same loopback site.

The site: HOSTS NukeViet-style portals on 127.0.0.2, 127.0.0.3, … (distinct hosts, so both crawlers
keep one request in flight per host), each with ARTICLES articles and listing pages of 20, served by
an asyncio server in its own process. Delay 0, robots.txt obeyed by both. Prints pages/s of `thidua
crawl` (fetch, read, extract, load), of thidua's crawler alone (no extraction or loading) and of the
spider, and the most requests the server ever saw in flight on one host. The headline is the ratio of
the wall-clock rates of `thidua crawl` and the spider, both timed from process start to exit; the
machine's load average is printed with every figure, since another process on the machine skews them.

    .venv/bin/pip install scrapy   # the `bench` extra
    .venv/bin/python benchmarks/crawl_bench.py [--hosts 20] [--articles 100] [--rounds 3]

A shared or throttled machine changes speed from one minute to the next: each round runs the three
crawlers back to back, and the headline is the median over rounds of the ratio within a round.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PER_PAGE = 20
TITLES = ("Cụm thi đua số {n} ký kết giao ước năm 2024", "Sơ kết phong trào thi đua 6 tháng, bài {n}",
          "Tiêm chủng mở rộng đợt {n}", "Khối thi đua các cơ quan Đảng họp lần {n}")


def site_pages(articles: int) -> dict[str, bytes]:
    """Every path of one host and its body (the same pages on every host)."""
    pages: dict[str, bytes] = {"/robots.txt": b"User-agent: *\nDisallow: /admin/\n"}
    count = (articles + PER_PAGE - 1) // PER_PAGE
    for p in range(1, count + 1):
        items = "".join(f"<div class='panel-body'><h3><a href='/news/tin-tuc/bai-viet-so-{i}-{1000 + i}.html'>"
                        f"{TITLES[i % 4].format(n=i)}</a></h3><ul class='text-muted'><li>{i % 28 + 1:02d}/05/2024 08:30</li></ul></div>"
                        for i in range((p - 1) * PER_PAGE, min(articles, p * PER_PAGE)))
        pager = "".join(f"<li class='page-item'><a class='page-link' href='/news/tin-tuc/page-{k}'>{k}</a></li>"
                        for k in range(2, count + 1))
        path = "/news/tin-tuc/" if p == 1 else f"/news/tin-tuc/page-{p}"
        pages[path] = _html(f"<div class='news_column'>{items}</div><ul class='pagination'>{pager}</ul>")
    for i in range(articles):
        body = "".join(f"<p>Đoạn {k} của bài {i}: các đơn vị trong cụm trao đổi kinh nghiệm, thống nhất chỉ tiêu "
                       f"và lịch kiểm tra chéo trong năm.</p>" for k in range(12))
        pages[f"/news/tin-tuc/bai-viet-so-{i}-{1000 + i}.html"] = _html(
            f"<div class='news_column' itemtype='http://schema.org/NewsArticle'><h1 class='title' itemprop='headline'>"
            f"{TITLES[i % 4].format(n=i)}</h1><span class='h5'>Thứ hai - {i % 28 + 1:02d}/05/2024 08:30</span>"
            f"<div id='news-bodyhtml' class='bodytext'>{body}</div>"
            f"<p class='h5 text-right'><strong>Tác giả: </strong>Văn phòng</p></div>")
    return pages


def _html(body: str) -> bytes:
    return (f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>"
            f"<meta name='generator' content='NukeViet v4.5'></head><body>{body}</body></html>").encode()


def serve(hosts: list[str], port: int, articles: int, ready, stats_path: str) -> None:
    """An asyncio HTTP/1.1 keep-alive server on every host; writes the per-host in-flight maximum on exit."""
    pages = site_pages(articles)
    in_flight = {h: 0 for h in hosts}
    peak = {h: 0 for h in hosts}
    served = {"n": 0}

    async def handle(reader, writer, host):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].decode()
                in_flight[host] += 1
                peak[host] = max(peak[host], in_flight[host])
                body = pages.get(path)
                status = b"200 OK" if body is not None else b"404 Not Found"
                body = body if body is not None else b"not found"
                kind = b"text/plain" if path.endswith(".txt") or body == b"not found" else b"text/html; charset=utf-8"
                writer.write(b"HTTP/1.1 " + status + b"\r\nContent-Type: " + kind + b"\r\nContent-Length: "
                             + str(len(body)).encode() + b"\r\n\r\n" + body)
                await writer.drain()
                in_flight[host] -= 1
                served["n"] += 1
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def main():
        servers = [await asyncio.start_server(lambda r, w, h=h: handle(r, w, h), h, port) for h in hosts]
        ready.set()
        while not Path(stats_path + ".stop").exists():
            await asyncio.sleep(0.1)
            Path(stats_path).write_text(json.dumps({"peak": peak, "served": served["n"]}))
        for s in servers:
            s.close()

    asyncio.run(main())


def run_thidua_registry(tmp: Path, hosts: list[str], port: int) -> None:
    registry = "\n".join(
        f'[[portal]]\nid = "h{n}"\nname = "Cổng {n}"\nbase_url = "http://{h}:{port}"\nprovince = "Kiên Giang"\n'
        f'cms = "nukeviet"\nstart_urls = ["http://{h}:{port}/news/tin-tuc/"]\n' for n, h in enumerate(hosts))
    (tmp / "bench.toml").write_text(registry, encoding="utf-8")


def run_thidua(tmp: Path, hosts: list[str], port: int) -> tuple[float, str]:
    """`thidua crawl` as a user runs it: fetch, read, extract, load."""
    run_thidua_registry(tmp, hosts, port)
    started = time.monotonic()
    out = subprocess.run([sys.executable, "-m", "thidua.cli", "crawl", "--portals", str(tmp / "bench.toml"),
                          "--db", str(tmp / "bench.duckdb"), "--delay", "0", "--all"],
                         capture_output=True, text=True, check=True, cwd=tmp).stdout
    return time.monotonic() - started, out.strip()


FETCH_ONLY = '''
import sys, time
from scraper.crawl import crawl
from scraper.portals import load_portals
from scraper.settings import CrawlSettings
report = crawl(load_portals(sys.argv[1]), CrawlSettings(delay_per_host_s=0, fetch_all=True), sys.argv[2], sys.argv[3])
s = report.summary()
print(f"{s['fetched']} pages fetched, {s['articles']} articles read, no extraction ({report.elapsed_s:.1f} s)")
'''


def run_fetch_only(tmp: Path, hosts: list[str], port: int) -> tuple[float, str]:
    """The crawler alone (fetch, read, archive, state) with extraction and loading left out."""
    run_thidua_registry(tmp, hosts, port)
    (tmp / "fetch_only.py").write_text(FETCH_ONLY, encoding="utf-8")
    started = time.monotonic()
    out = subprocess.run([sys.executable, str(tmp / "fetch_only.py"), str(tmp / "bench.toml"), str(tmp / "fetch.duckdb"),
                          str(tmp / "fetch-archive")], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1]).stdout
    return time.monotonic() - started, out.strip()


SPIDER = '''
import sys, scrapy
from scrapy.crawler import CrawlerProcess

class Bench(scrapy.Spider):
    name = "bench"
    start_urls = sys.argv[1].split(",")

    def parse(self, response):
        for href in response.css("div.panel-body h3 a::attr(href), ul.pagination a::attr(href)").getall():
            yield response.follow(href, self.parse)
        title = response.css("h1.title::text").get()
        if title:
            yield {"title": title}

process = CrawlerProcess({"CONCURRENT_REQUESTS": 64, "CONCURRENT_REQUESTS_PER_DOMAIN": 1, "DOWNLOAD_DELAY": 0,
                          "ROBOTSTXT_OBEY": True, "LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False,
                          "USER_AGENT": "bench"})
crawler = process.create_crawler(Bench)
process.crawl(crawler)
process.start()
print(crawler.stats.get_value("response_received_count"), crawler.stats.get_value("item_scraped_count"))
'''


def run_scrapy(tmp: Path, hosts: list[str], port: int) -> tuple[float, str]:
    (tmp / "spider.py").write_text(SPIDER, encoding="utf-8")
    started = time.monotonic()
    out = subprocess.run([sys.executable, str(tmp / "spider.py"), ",".join(f"http://{h}:{port}/news/tin-tuc/" for h in hosts)],
                         capture_output=True, text=True, check=True, cwd=tmp).stdout
    return time.monotonic() - started, out.strip()


def run_one(label: str, runner, tmp: Path, hosts: list[str], port: int, articles: int) -> float:
    """Serve the site afresh, run one crawler over it, print its figures; returns its wall-clock pages/s."""
    stats = str(tmp / f"{label.replace(' ', '-')}-{time.monotonic_ns()}-stats.json")
    ready = multiprocessing.Event()
    server = multiprocessing.Process(target=serve, args=(hosts, port, articles, ready, stats), daemon=True)
    server.start()
    ready.wait(30)
    load = os.getloadavg()[0]
    try:
        seconds, out = runner(tmp, hosts, port)
    finally:
        time.sleep(0.3)
        Path(stats + ".stop").touch()
        server.join(10)
    served = json.loads(Path(stats).read_text())
    pages = served["served"] - len(hosts)          # robots.txt requests are not pages
    rate = pages / seconds
    print(f"{label:13s} {pages} pages in {seconds:.1f} s wall = {rate:.0f} pages/s; max in flight per "
          f"host: {max(served['peak'].values())}; load average {load:.2f} before, {os.getloadavg()[0]:.2f} after")
    inner = re.search(r"\(([\d.]+) s\)", out)
    if inner:       # the run's own clock starts after interpreter start-up and imports, and stops before exit
        crawl_s = float(inner.group(1))
        print(f"{'':13s} of which {seconds - crawl_s:.1f} s start-up and exit (interpreter, imports, workers' "
              f"shutdown), {crawl_s:.1f} s crawling = {pages / crawl_s:.0f} pages/s")
    print(f"{'':13s} output: {out.splitlines()[-1] if out else ''}")
    return rate


def compiled_bytecode() -> None:
    """Compile thidua's modules (into their __pycache__), as an installed package has them: the crawlers'
    start-up is measured, not the compiling of sources (Scrapy's were compiled at install; a checkout run
    with PYTHONDONTWRITEBYTECODE=1, as here, would recompile thidua's in every process)."""
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *(str(root / p) for p in PACKAGES)], check=True)


PACKAGES = ("schema", "scraper", "extract", "warehouse", "thidua")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of all three crawlers, one after another")
    args = parser.parse_args()
    hosts = [f"127.0.0.{n}" for n in range(2, 2 + args.hosts)]
    pages_per_host = len(site_pages(args.articles)) - 1
    print(f"site: {args.hosts} hosts × {pages_per_host} pages = {args.hosts * pages_per_host} pages (+ robots.txt each)")
    ratios, alone = [], []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        compiled_bytecode()
        for round_ in range(1, args.rounds + 1):
            print(f"round {round_}")
            here = tmp / f"round-{round_}"           # a fresh database and archive: every round crawls it all
            here.mkdir()
            rates = {label: run_one(label, runner, here, hosts, args.port, args.articles)
                     for label, runner in (("thidua crawl", run_thidua), ("crawler alone", run_fetch_only),
                                           ("scrapy", run_scrapy))}
            ratios.append(rates["thidua crawl"] / rates["scrapy"])
            alone.append(rates["crawler alone"] / rates["scrapy"])
            print(f"{'':13s} thidua crawl / scrapy = {ratios[-1]:.2f}")
    ratio = statistics.median(ratios)
    print(f"thidua crawl / scrapy = {ratio:.2f}, the median of {len(ratios)} rounds ({', '.join(f'{r:.2f}' for r in ratios)}; "
          f"wall-clock pages/s, start-up included; target ≥ 1.00: {'met' if ratio >= 1 else 'not met'}); "
          f"crawler alone / scrapy = {statistics.median(alone):.2f}")


if __name__ == "__main__":
    main()
