"""Decoding a response body: declared charset (header, then <meta>), else detection; text in NFC."""
from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

_META = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_HEADER = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
# Letters only Vietnamese uses; a decoding that yields more of them is the better guess.
_WESTERN = {"latin_1", "iso8859-1", "cp1252", "ascii", "iso8859-15"}
_VIETNAMESE = set("ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def header_charset(content_type: str | None) -> str | None:
    m = _HEADER.search(content_type or "")
    return m.group(1) if m else None


def meta_charset(body: bytes) -> str | None:
    m = _META.search(body[:4096])
    return m.group(1).decode("ascii") if m else None


def codec(label: str | None) -> str | None:
    """Python's codec name for a charset label, or None when unknown ("windows-1258" → "cp1258")."""
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def decode(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, codec used). Portals mislabel often: a body that is valid UTF-8 is read as UTF-8.

    Example: decode("Thi đua".encode("cp1258"), "text/html; charset=windows-1258") == ("Thi đua", "cp1258")
    """
    if _is_utf8(body):
        return _nfc(body.decode("utf-8-sig")), "utf-8"
    for label in (header_charset(content_type), meta_charset(body)):
        name = codec(label)
        if name and name != "utf-8":
            try:
                text = _nfc(body.decode(name))
            except UnicodeDecodeError:
                continue
            if name in _WESTERN:   # servers default to Latin-1 for pages written in cp1258
                return _best([(text, name), _decoded(body, "cp1258")])
            return text, name
    return _detect(body)


def _detect(body: bytes) -> tuple[str, str]:
    guesses = []
    best = from_bytes(body[:200_000]).best()
    if best is not None:
        guesses.append(_decoded(body, codec(best.encoding) or "utf-8"))
    # Vietnamese Windows pages use cp1258 (tone marks as combining characters); detectors rarely say so.
    guesses.append(_decoded(body, "cp1258"))
    return _best(guesses)


def _decoded(body: bytes, name: str) -> tuple[str, str]:
    return _nfc(body.decode(name, errors="replace")), name


def _best(candidates: list[tuple[str, str]]) -> tuple[str, str]:
    def score(candidate: tuple[str, str]) -> int:
        text = candidate[0]
        return sum(c in _VIETNAMESE for c in text) - 5 * text.count("\ufffd")
    return max(candidates, key=score)


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
