"""Reading a plain-text article file: optional `key: value` header lines closed by `---`."""
from __future__ import annotations

import re
import unicodedata

from schema import Article

_HEADER = re.compile(r"^([a-z_]+):\s*(.*)$")


def read_text_article(raw: str) -> Article:
    """Split header lines (url:, title:, published:, province:) from the article text."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n")).lstrip("\ufeff")
    lines = text.split("\n")
    headers: dict[str, str] = {}
    if "---" in (l.strip() for l in lines[:20]):
        for i, line in enumerate(lines):
            if line.strip() == "---":
                text = "\n".join(lines[i + 1:])
                break
            m = _HEADER.match(line.strip())
            if m:
                headers[m.group(1)] = m.group(2).strip()
    url = headers.get("url")
    if url and not re.match(r"https?://", url):
        url = None
    return Article(text=text, url=url, title=headers.get("title"), published=headers.get("published"),
                   author=headers.get("author"), province_hint=headers.get("province"))
