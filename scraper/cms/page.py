"""HtmlPage: one parsed HTML document with the few reading helpers adapters need."""
from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from typing import Iterable, Iterator

import lxml.html
from lxml import etree
from lxml.cssselect import CSSSelector

Selector = str | tuple[str, ...]   # a tuple is tried in order: the first selector that matches wins

_BLOCKS = {"p", "div", "li", "ul", "ol", "br", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
           "blockquote", "section", "article", "figure", "figcaption", "header", "footer", "dd", "dt",
           "pre", "hr"}
_CELLS = {"td", "th"}
_SKIP = {"script", "style", "noscript", "iframe", "template", "svg", "form", "button", "select"}


@lru_cache(maxsize=512)
def css(selector: str) -> CSSSelector:
    return CSSSelector(selector)


def clean(text: str | None) -> str | None:
    """Whitespace collapsed, NFC (portals mix decomposed and precomposed tone marks); None if empty."""
    if text is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", text).replace("\xa0", " ").split())
    return text or None


class HtmlPage:
    def __init__(self, html: str | bytes, url: str | None = None):
        if isinstance(html, bytes):
            html = html.decode("utf-8", errors="replace")
        self.html = html
        self.url = url
        try:
            self.root = lxml.html.document_fromstring(html or "<html></html>")
        except (etree.ParserError, ValueError):
            self.root = lxml.html.document_fromstring("<html></html>")

    def select(self, selector: Selector, within=None) -> list:
        node = self.root if within is None else within
        for one in ((selector,) if isinstance(selector, str) else selector):
            found = css(one)(node)
            if found:
                return found
        return []

    def first(self, selector: Selector | None, within=None):
        if not selector:
            return None
        found = self.select(selector, within)
        return found[0] if found else None

    def text(self, selector: Selector | None, within=None) -> str | None:
        node = self.first(selector, within)
        return clean(node.text_content()) if node is not None else None

    def attr(self, selector: Selector | None, name: str, within=None) -> str | None:
        node = self.first(selector, within)
        return clean(node.get(name)) if node is not None else None

    def meta(self, *keys: str) -> str | None:
        """content of the first <meta property|name|itemprop=key> present, in the order given."""
        for key in keys:
            for attr in ("property", "name", "itemprop"):
                for node in self.root.iter("meta"):
                    if (node.get(attr) or "").lower() == key.lower() and clean(node.get("content")):
                        return clean(node.get("content"))
        return None

    def json_ld(self) -> list[dict]:
        """Every JSON-LD object on the page, @graph members flattened."""
        found: list[dict] = []
        for node in self.root.iter("script"):
            if (node.get("type") or "").lower() != "application/ld+json":
                continue
            try:
                data = json.loads(node.text or "")
            except ValueError:
                continue
            found.extend(_flatten(data))
        return found

    def block_text(self, node, drop: Selector | None = None) -> str | None:
        """A node's text as paragraphs separated by blank lines, without scripts or `drop` parts."""
        if node is None:
            return None
        dropped = set(self.select(drop, node)) if drop else set()   # the set keeps lxml proxies alive
        parts: list[str] = []
        _walk(node, parts, dropped)
        paragraphs = [clean(p.strip().strip("|")) for p in "".join(parts).split("\n")]
        return "\n\n".join(p for p in paragraphs if p) or None

    def anchors(self, within=None) -> Iterator:
        yield from (self.root if within is None else within).iter("a")


def _walk(node, parts: list[str], dropped: set) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    if not tag or tag in _SKIP or node in dropped:
        if node.tail:
            parts.append(node.tail)
        return
    block = tag in _BLOCKS
    if block:
        parts.append("\n")
    elif tag in _CELLS:
        parts.append(" | ")
    if node.text:
        parts.append(node.text)
    for child in node:
        _walk(child, parts, dropped)
    if block:
        parts.append("\n")
    if node.tail:
        parts.append(node.tail)


def _flatten(data) -> Iterable[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _flatten(data["@graph"])


def inner_text(node) -> str | None:
    return clean(node.text_content()) if node is not None else None

