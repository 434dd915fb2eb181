"""Place-name text rules for the gazetteer: the matching key, type words, written variants, host labels."""
from __future__ import annotations

import re
import unicodedata
from itertools import product

# tone marks become Telex letters at the end of their syllable, so "hòa" and "hoà" share a key
_TONE_LETTER = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_APOSTROPHES = "'’‘ʼ´`"
_SPLIT = re.compile(r"[\s\-–—_.,;:()/]+")

# type words as news writes them before a name; abbreviations need their dot, except TP/TX/TT
_TYPE_WORD = re.compile(r"^\s*(thành phố|thị xã|thị trấn|huyện|quận|phường|xã|tỉnh)\s+", re.I)
_TYPE_ABBR = re.compile(r"^\s*(t\.?p|t\.?x|t\.?t|h|q|p|x)\s*\.\s*|^\s*(tp|tx|tt)\s+", re.I)
_ABBR_TYPE = {"tp": "thành phố", "tx": "thị xã", "tt": "thị trấn", "h": "huyện", "q": "quận",
              "p": "phường", "x": "xã"}


def _strip_marks(text: str) -> str:
    d = unicodedata.normalize("NFD", text)
    return "".join(c for c in d if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")


def key(name: str) -> str:
    """Matching key: case, tone-mark placement, spaces, hyphens and apostrophes do not count.

    Each syllable keeps its vowel letters (â ă ê ô ơ ư đ) and carries its tone as a trailing Telex
    letter (s f r x j): key("Hòa Bình") == key("hoà bình") == "hoafbinhf". Syllables ending in "k"
    are never native Vietnamese (Đắk, Lắk, KBang): they are written with varying marks, so they are
    folded to plain letters: key("Đăk Hà") == key("Đắk Hà") == "dakhaf". key("Ia H' Drai") ==
    key("Ia H’Drai") == "iahdrai".
    """
    text = unicodedata.normalize("NFC", name).lower()
    for a in _APOSTROPHES:
        text = text.replace(a, "")
    out = []
    for token in _SPLIT.split(text):
        if not token:
            continue
        tone, base = "", []
        for ch in unicodedata.normalize("NFD", token):
            if ch in _TONE_LETTER:
                tone = _TONE_LETTER[ch]
            else:
                base.append(ch)
        syllable = unicodedata.normalize("NFC", "".join(base))
        if syllable.endswith("k"):
            syllable, tone = _strip_marks(syllable), ""
        out.append(syllable + tone)
    return "".join(out)


def ascii_key(name: str) -> str:
    """The diacritics-free fallback key: key("Hòa Bình") → "hoabinh"."""
    return re.sub(r"[^0-9a-z]", "", _strip_marks(unicodedata.normalize("NFC", name)).lower())


def split_type(name: str) -> tuple[str | None, str]:
    """("huyện Kiên Hải") → ("huyện", "Kiên Hải"); "TP. Hà Tiên", "TX Duyên Hải", "H. Tam Nông" too."""
    text = unicodedata.normalize("NFC", name).strip()
    m = _TYPE_WORD.match(text)
    if m:
        return m.group(1).lower(), text[m.end():].strip()
    m = _TYPE_ABBR.match(text)
    if m:
        abbr = (m.group(1) or m.group(2)).lower().replace(".", "")
        return _ABBR_TYPE[abbr], text[m.end():].strip()
    return None, text


# ---- written variants (for the PhraseMatcher) ----

_T = "[\u0300\u0301\u0303\u0309\u0323]?"
_ON_FIRST = re.compile(rf"^(.*?)(o{_T}a{_T}|o{_T}e{_T}|u{_T}y{_T})$", re.I)


def _tone_styles(syllable: str) -> set[str]:
    """"Hòa" → {"Hòa", "Hoà"}: old and new tone placement for open syllables in oa, oe, uy."""
    d = unicodedata.normalize("NFD", syllable)
    m = _ON_FIRST.match(d)
    if not m or m.group(1).lower().endswith("q"):
        return {syllable}
    head, cluster = m.group(1), m.group(2)
    tones = [c for c in cluster if c in _TONE_LETTER]
    if not tones:
        return {syllable}
    bare = "".join(c for c in cluster if c not in _TONE_LETTER)
    old, new = bare[0] + tones[0] + bare[1], bare + tones[0]
    return {unicodedata.normalize("NFC", head + old), unicodedata.normalize("NFC", head + new)}


def _k_forms(syllable: str) -> set[str]:
    """"Đắk" → {"Đắk", "Đăk", "Đak"}: minority-language syllables are spelled with varying marks."""
    m = re.match(r"^(.*?)([aăắ])k$", syllable, re.I)
    if not m:
        return {syllable}
    head = m.group(1)
    up = m.group(2).isupper()
    return {head + (v.upper() if up else v) + "k" for v in ("a", "ă", "ắ")}


def _case_forms(word: str) -> set[str]:
    """"KBang" → {"KBang", "Kbang"}; "H'Drai" → {"H'Drai", "H'drai"}."""
    lower_tail = word[:1] + word[1:].lower()
    return {word, lower_tail}


def written_variants(name: str, limit: int = 48) -> list[str]:
    """Common ways news writes a short name: tone style, Đắk/Đăk/Đak, hyphen and apostrophe spacing."""
    name = unicodedata.normalize("NFC", name)
    words = name.split()
    options = []
    for w in words:
        forms = set()
        for part_form in _case_forms(w):
            forms |= {s for f in _k_forms(part_form) for s in _tone_styles(f)}
        options.append(sorted(forms))
    joined = [" ".join(combo) for combo in product(*options)][:limit]
    out: list[str] = []
    for form in joined:
        for f in _punct_forms(form):
            if f not in out:
                out.append(f)
    return out[:limit]


def _punct_forms(text: str) -> list[str]:
    forms = [text]
    if " - " in text or "-" in text:
        core = re.sub(r"\s*[-–]\s*", "-", text)
        forms = [core.replace("-", " - "), core, core.replace("-", " – ")]
    if any(a in text for a in "'’"):
        more = []
        for f in forms:
            core = re.sub(r"['’]\s*", "'", f)
            more += [core, core.replace("'", "’"), core.replace("'", "' "), core.replace("'", "’ ")]
        forms = more
    return list(dict.fromkeys(forms))


# ---- web hosts ----

_HOST_NOISE = {"www", "gov", "vn", "com", "net", "org", "edu", "info", "online", "tv", "news"}
_HOST_PREFIXES = ("bao", "tinh", "thanhpho", "tp")
_HOST_SUFFIXES = ("online", "tv", "news", "dientu", "city", "portal")


def host_labels(host: str) -> list[str]:
    """Candidate place keys in a host: "baolamdong.vn" → ["baolamdong", "lamdong"]; "dienbientv" → "dienbien"."""
    host = host.lower().split("://")[-1].split("/")[0].split(":")[0]
    out: list[str] = []
    for label in host.split("."):
        label = label.replace("-", "").replace("_", "")
        if not label or label in _HOST_NOISE:
            continue
        forms = {label}
        for _ in range(2):
            for f in list(forms):
                forms |= {f[len(p):] for p in _HOST_PREFIXES if f.startswith(p) and len(f) > len(p) + 2}
                forms |= {f[:-len(s)] for s in _HOST_SUFFIXES if f.endswith(s) and len(f) > len(s) + 2}
        out += sorted(forms, key=len, reverse=True)
    return out
