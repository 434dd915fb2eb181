"""thidua portals: the portal registry — list it, check its hosts, guess a page's CMS."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from thidua.errors import one_line_errors

app = typer.Typer(help="The portal registry: list it, check its hosts, guess a page's CMS.", no_args_is_help=True,
                  add_completion=False,
                  rich_markup_mode=None)


@app.callback()
def portals() -> None:
    """The portal registry: list it, check its hosts, guess a page's CMS."""

REGISTRY = typer.Option(None, "--portals", help="Portal registry TOML (default: the bundled one).")


@app.command("list")
def list_(province: Optional[str] = typer.Option(None, "--province", help="Only this pre-2025 province."),
          portals: Optional[Path] = REGISTRY) -> None:
    """Show the registry, one portal a line: id, province, unit, CMS, standing (seen, pattern, checked, dead), URL.

    Example: thidua portals list --province "Kiên Giang"
    """
    from scraper.portal_table import by_province, counts, table
    from scraper.portals import load_portals
    from thidua.config import resolve

    with one_line_errors():
        chosen = by_province(load_portals(resolve({"portals": portals}).settings.portals), province)
        print("\n".join([*table(chosen), counts(chosen)]))


@app.command()
def check(portals: Optional[Path] = REGISTRY,
          out: Optional[Path] = typer.Option(None, "--out", help="Write the checked registry to this file."),
          write: bool = typer.Option(False, "--write", help="Write the findings back into the registry file."),
          portal: List[str] = typer.Option([], "--portal", help="Check only this portal id (repeatable).")) -> None:
    """Fetch each portal's robots.txt and home page politely, detect its CMS, find feeds and sitemaps, mark dead hosts.

    Without --out or --write the findings are only printed.

    Example: thidua portals check --portal kienluong --out checked.toml
    """
    from schema import ThiduaError
    from scraper.portal_check import check_registry, summary
    from scraper.portals import default_registry
    from thidua.config import resolve

    with one_line_errors():
        if out and write:
            raise ThiduaError("give --out FILE or --write, not both", 2)
        settings = resolve({"portals": portals}).settings
        target = out or ((settings.portals or default_registry()) if write else None)
        results, written = check_registry(settings.portals, settings.crawl, portal, out=target,
                                          progress=lambda r: print(f"{r.portal_id}\t{r.verdict}\t{r.why}\t"
                                                                   f"{r.cms or '-'}\t{len(r.feeds)} feeds, "
                                                                   f"{len(r.sitemaps)} sitemaps", flush=True))
        print(summary(results) + (f"; written to {written}" if written else "; registry unchanged"))


@app.command()
def detect(target: str = typer.Argument(..., help="A page URL (fetched politely) or a saved HTML file.")) -> None:
    """Guess which CMS made a page, and say why.

    Example: thidua portals detect https://kienluong.kiengiang.gov.vn/tin-tuc
    """
    from schema import ThiduaError
    from scraper.cms.detect import detect_cms
    from scraper.fetch import Fetcher
    from scraper.settings import CrawlSettings
    from scraper.urls import is_http_url

    with one_line_errors():
        if is_http_url(target):
            result = Fetcher(CrawlSettings(delay_per_host_s=0), None).fetch(target)
            if result.text is None:
                raise ThiduaError(f"{target}: {result.error or result.outcome}")
            html, url = result.text, result.final_url or target
        else:
            html, url = Path(target).read_bytes(), None
        guess = detect_cms(html, url)
        why = "; ".join(guess.reasons) or "no platform markers"
        print(f"{guess.cms}\t({why})")
