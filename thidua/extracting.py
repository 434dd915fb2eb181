"""Reading article files for `thidua extract`, and rendering records for people."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Iterator

from extract import extract_article, read_text_article
from schema import Article, EventRecord

HTML_SUFFIXES = (".html", ".htm")


def read_article(path: str, published: str | None = None) -> Article:
    """Read a .txt article (with optional header) or a saved .html page; `-` is standard input."""
    if path == "-":
        raw = sys.stdin.buffer.read()
    else:
        raw = Path(path).read_bytes()
    if path.lower().endswith(HTML_SUFFIXES) or raw.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        from scraper.article import article_from_html
        article = article_from_html(raw, url=None)
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise ValueError(f"not UTF-8 text (byte {e.start})") from None
        article = read_text_article(text)
    if published and not article.published:
        article = _replace(article, published=published)
    return article


def _replace(article: Article, **changes) -> Article:
    from dataclasses import replace
    return replace(article, **changes)


def extract_paths(paths: Iterable[str], published: str | None = None
                  ) -> Iterator[tuple[str, EventRecord, Article | None]]:
    """Yield (path, record, article) per path; an unreadable file gets a record with `error`."""
    for path in paths:
        try:
            article = read_article(path, published)
        except (OSError, ValueError) as e:
            reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            yield path, EventRecord(source=path, error=reason), None
            continue
        yield path, extract_article(article, source=path), article


def render_table(record: EventRecord) -> str:
    if record.error:
        return f"{record.source}\terror: {record.error}"
    data = record.to_json()
    keys = [k for k in data if k not in ("evidence", "source")]
    width = max(len(k) for k in keys)
    lines = [f"== {record.source}"]
    for k in keys:
        lines.append(f"{k:<{width}}  {_short(data[k])}")
    return "\n".join(lines)


def render_explain(record: EventRecord, article: Article) -> str:
    """Each field with the sentence it came from, for a person checking the extraction."""
    lines = [render_table(record), "-- evidence"]
    for field, spans in record.evidence.items():
        for span in (spans if spans and isinstance(spans[0], (tuple, list)) else [spans]):
            if span:
                s, e = span
                lines.append(f"{field}: «{article.text[s:e].strip()}»")
    return "\n".join(lines)


def _short(value) -> str:
    import json
    if isinstance(value, dict) and "name" in value and "type" in value:
        return " ".join(x for x in (value.get("type"), value["name"]) if x)
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "; ".join(_short(v) if "type" in v else v.get("name", "") for v in value)
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else str(value)
