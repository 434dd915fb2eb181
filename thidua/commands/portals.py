"""thidua portals: the portal registry (detect now; list and check join later)."""
from __future__ import annotations

from pathlib import Path

import typer

from thidua.errors import one_line_errors

app = typer.Typer(help="The portal registry: guess a page's CMS.", no_args_is_help=True, add_completion=False,
                  rich_markup_mode=None)


@app.callback()
def portals() -> None:
    """The portal registry: guess a page's CMS (list and check come with the coverage work)."""


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
