"""Keys that make two spellings of one unit, person or movement compare equal across sources."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# Vietnamese tone marks (huyền, sắc, ngã, hỏi, nặng): "hoà" and "hòa" differ only in where they sit
TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
# a school member may be named with or without "Trường" and its level word
SCHOOL_WORDS = ("truong", "thpt", "thcs", "th", "tieu hoc", "mam non", "mau giao", "mn", "ptdtnt", "ptdtbt")


@lru_cache(maxsize=1 << 16)
def name_key(name: str | None) -> str:
    """Case-, spacing- and tone-placement-insensitive form of a name: "Hòa  Bình" → "hoà bình"."""
    if not name:
        return ""
    return " ".join(_syllable(w) for w in name.casefold().split())


def _syllable(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = "".join(c for c in decomposed if c in TONES)
    base = "".join(c for c in decomposed if c not in TONES)
    # old style "hòa, khỏe, thủy" and new style "hoà, khoẻ, thuỷ": the tone goes on the last vowel
    if tones and base.endswith(("oa", "oe", "uy")):
        return unicodedata.normalize("NFC", base + tones)
    return unicodedata.normalize("NFC", decomposed)


def _bare(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)).replace("đ", "d")


@lru_cache(maxsize=1 << 16)
def unit_key(name: str | None, type_: str | None) -> str:
    """The same unit across sources: type | normalised name; a school's level words are dropped."""
    words = name_key(name).split()
    if type_ in (None, "cơ quan"):
        while len(words) > 1:
            bare = [_bare(w) for w in words[:2]]
            if len(words) > 2 and " ".join(bare) in SCHOOL_WORDS:
                words = words[2:]
            elif bare[0] in SCHOOL_WORDS:
                words = words[1:]
            else:
                break
    return f"{name_key(type_)}|{' '.join(words)}"
