"""Every CMS adapter reproduces its golden pages; every Version has at least one."""
from __future__ import annotations

import pytest

from scraper.cms import ADAPTERS
from scraper.cms.detect import detect_cms
from cms_golden import golden_cases, produce


@pytest.mark.parametrize("adapter", ADAPTERS.values(), ids=lambda a: a.name)
def test_adapter_reproduces_golden_pages(adapter):
    cases = golden_cases(adapter.name)
    articles = [c for c in cases if c.kind == "article"]
    assert {c.version for c in articles} >= {v.__name__ for v in adapter.versions}, "each version needs a golden page"
    assert any(c.kind == "listing" for c in cases), "each adapter needs a golden listing page"
    for case in cases:
        assert produce(adapter, case) == case.expected, case.html_path.name


@pytest.mark.parametrize("adapter", ADAPTERS.values(), ids=lambda a: a.name)
def test_golden_articles_have_every_field(adapter):
    for case in golden_cases(adapter.name):
        if case.kind == "article":
            got = case.expected
            assert got["title"] and got["published"] and got["author"] and len(got["text"]) > 100, case.html_path.name


@pytest.mark.parametrize("adapter", [a for a in ADAPTERS.values() if a.name != "generic"], ids=lambda a: a.name)
def test_detect_names_the_platform_of_its_golden_pages(adapter):
    for case in golden_cases(adapter.name):
        assert detect_cms(case.html, case.url).cms == adapter.name, case.html_path.name


def test_golden_listings_recognise_their_own_articles():
    for adapter in ADAPTERS.values():
        for case in golden_cases(adapter.name):
            if case.kind == "listing":
                urls = case.expected["articles"]
                assert urls and all(adapter.is_article_url(u) for u in urls), case.html_path.name
