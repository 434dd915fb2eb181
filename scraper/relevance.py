"""Relevance before fetching: does a link's title, URL slug or snippet carry an emulation cue?"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote


def fold(text: str) -> str:
    """Lowercase, no diacritics, đ → d, punctuation and slug dashes → spaces: "Thi-đua" → "thi dua"."""
    text = unicodedata.normalize("NFD", unquote(text).lower().replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " " + " ".join(re.split(r"[^a-z0-9]+", text)) + " "


class Relevance:
    def __init__(self, cues: tuple[str, ...], fetch_all: bool = False):
        self.cues = tuple(f" {fold(c).strip()} " for c in cues if fold(c).strip())
        self.fetch_all = fetch_all

    def __call__(self, url: str, title: str | None = None, snippet: str | None = None) -> bool:
        """True when any cue appears, diacritics ignored (slugs drop them: "ky-ket-giao-uoc-thi-dua")."""
        if self.fetch_all:
            return True
        text = fold(" ".join(x for x in (url, title, snippet) if x))
        return any(cue in text for cue in self.cues)
