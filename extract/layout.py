"""layout: the page around the article — title, dateline, byline and chrome set aside, body lines kept."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import unquote, urlparse

from extract.text import fold

_DATE = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_TIME = re.compile(r"(?<!\d)(\d{1,2})[:h](\d{2})(?!\d)")
_WORD = re.compile(r"\w+")
_TRAILING_DATE = re.compile(r"\s*\((\d{1,2}/\d{1,2}/\d{4})\)\s*$")
_LEAD_TAG = re.compile(r"^\s*\([^)]{2,40}\)\s*[-–—]")          # "(LĐ online) - ", "(kontumtv.vn) – "
_HEADLINE_WORDS = ("hội nghị", "tổ chức", "ký kết", "sơ kết", "tổng kết", "phát động", "thi đua", "khen thưởng")
_NAME = re.compile(r"^[A-ZÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZÀ-Ỹ][\wÀ-ỹ]*){1,3}$")


@dataclass(frozen=True, slots=True)
class Layout:
    title: str | None
    title_span: tuple[int, int] | None
    published: str | None
    author: str | None
    body: tuple[tuple[int, int], ...]       # line spans of the article body (captions included)
    site_unit: str | None                   # "huyện Cồn Cỏ" from chrome such as "Chi tiết tin tức - Huyện Cồn Cỏ"


@lru_cache(maxsize=1)
def cues() -> dict:
    return json.loads(resources.files("extract.patterns").joinpath("layout.json").read_text("utf-8"))


def lines_of(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        start = pos + (len(line) - len(line.lstrip()))
        end = pos + len(line.rstrip())
        if end > start:
            spans.append((start, end))
        pos += len(line) + 1
    return spans


def words(s: str) -> int:
    return len(_WORD.findall(s))


def alpha_words(s: str) -> int:
    return sum(1 for w in _WORD.findall(s) if not w.isdigit())


_THREE_LETTERS = re.compile(r"[^\W\d_](?:.*?[^\W\d_]){2}", re.S)
_IMAGE = re.compile(r"\.(jpe?g|png|gif)\b")


def is_chrome(line: str) -> bool:
    f = fold(line)
    if _chrome_cue().search(f) or " > " in line or _IMAGE.search(f):
        return True
    return not _THREE_LETTERS.search(line)       # fewer than three letters: numbers, bullets, rules


def is_footer(line: str) -> bool:
    return fold(line).lstrip("•-* ").startswith(_footer_starts())


@lru_cache(maxsize=1)
def _chrome_cue() -> re.Pattern:
    return re.compile("|".join(re.escape(c) for c in cues()["chrome_contains"]))


@lru_cache(maxsize=1)
def _footer_starts() -> tuple[str, ...]:
    return tuple(cues()["footer_starts"])


_DATELINE = re.compile(r"^\s*(?:[\w.]+(?:\s[\w.]+){0,3}\s[-–—]\s+)?(?:(?:sáng|chiều|trưa|tối|đêm)\s+)?(?:ngày\s+)?\d{1,2}[/-]\d{1,2}\b|^\s*(?:[\w.]+(?:\s[\w.]+){0,3}\s[-–—]\s+)?(?:vừa qua|mới đây|sáng|chiều|ngày)\b", re.I)


def is_lead(line: str) -> bool:
    """A body paragraph: long prose with inner sentences, or a lead opening with a source tag or a dateline."""
    n = words(line)
    if _LEAD_TAG.match(line) or _DATELINE.match(line):
        return n >= 8
    return n >= 40 or (n >= 12 and ". " in line.strip().rstrip("."))


def parse_published(line: str) -> str | None:
    """"(10:58 | 25/03/2021)", "08:04, 15/04/2021", "Thứ Tư, 22/05/2024, 17:33" → ISO date[time]."""
    d = _DATE.search(line)
    if not d:
        return None
    day, month, year = int(d.group(1)), int(d.group(2)), int(d.group(3))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    t = _TIME.search(line[:d.start()] + " " + line[d.end():])
    if t and int(t.group(1)) < 24 and int(t.group(2)) < 60:
        iso += f"T{int(t.group(1)):02d}:{t.group(2)}"
    return iso


def _slug(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def _url_slug(url: str | None) -> str:
    if not url:
        return ""
    path = unquote(urlparse(url).path).rstrip("/")
    last = path.rsplit("/", 1)[-1]
    last = re.sub(r"\.(html?|aspx|php)$", "", last)
    return _slug(re.sub(r"[-_](a|post)?\d{3,}$", "", last))


def _author(line: str) -> str | None:
    s = line.strip().strip(".")
    f = fold(s)
    for p in cues()["byline_prefixes"]:
        if f.startswith(p):
            s = s[len(p):].lstrip(" :.-–")
            break
    parts = [p.strip() for p in re.split(r"\s+[-–]\s+|\s*-\s*(?=[A-ZĐ])(?<=\w\s-)", s) if p.strip()]
    names = [p for p in parts if _NAME.match(p) and fold(p.split()[0]) not in cues()["org_words"]
             and not re.search(r"\b[A-ZĐ]{2,}\b", p)]
    if not names and s.isupper() and 2 <= len(s.split()) <= 4:
        names = [s]
    return " – ".join(names) if names else None


def analyse(text: str, url: str | None = None, title_hint: str | None = None) -> Layout:
    """Find title, publication date, byline and body lines in an article's text.

    `title_hint` is the headline a page adapter read, when the article came from HTML."""
    spans = lines_of(text)
    first_lead = next((i for i, (s, e) in enumerate(spans) if is_lead(text[s:e])), len(spans))
    slug = _url_slug(url)
    title = title_span = published = None
    title_idx = None
    window = spans[:max(first_lead, 1) + 3][:14]
    for i, (s, e) in enumerate(window):   # the adapter's headline, or a line that spells the URL slug
        line = _TRAILING_DATE.sub("", text[s:e])
        if title_hint and fold(line.strip()) == fold(title_hint.strip()) or \
                slug and len(slug) > 12 and _slug(line).startswith(slug[:60]) and words(line) >= 4:
            title_idx = i
            break
    if title_idx is None:                                    # else the longest headline-like line above the lead
        best = 0
        for i, (s, e) in enumerate(spans[:first_lead]):
            line = text[s:e]
            if is_chrome(line) or parse_published(line) and alpha_words(line) <= 10 or words(line) < 4:
                continue
            score = words(line) + 10 * any(k in fold(line) for k in _HEADLINE_WORDS) \
                - 15 * line.rstrip().endswith(".")          # headlines rarely end with a full stop
            if score > best:
                title_idx, best = i, score
    if title_idx is not None:
        s, e = spans[title_idx]
        line = text[s:e]
        m = _TRAILING_DATE.search(line)
        if m:
            published = parse_published(m.group(1))
            e = s + m.start()
        if fold(text[s:e]).startswith("null "):          # Liferay prints a null portlet title first
            s += 5
        title = text[s:e].strip()
        title_span = (s, s + len(title))
    if first_lead >= len(spans):        # short prose with no line long enough to be a lead: all after the title
        first_lead = title_idx + 1 if title_idx is not None else 0
    head_end = max(first_lead, (title_idx or 0) + 1)
    for s, e in spans[:head_end + 2]:
        line = text[s:e]
        if published is None and alpha_words(line) <= 12 and not is_lead(line):
            published = parse_published(line)
    body_start = first_lead
    end = len(spans)
    for i in range(body_start, len(spans)):
        if is_footer(text[spans[i][0]:spans[i][1]]):
            end = i
            break
    author = None
    if end > body_start:
        s, e = spans[end - 1]
        if words(text[s:e]) <= 9 and not text[s:e].rstrip().endswith((".", ":", ";")):
            author = _author(text[s:e])
            if author:
                end -= 1
    body = tuple(sp for k, sp in enumerate(spans[body_start:end], start=body_start)
                 if k != title_idx and not is_chrome(text[sp[0]:sp[1]]))
    return Layout(title, title_span, published, author, body, _site_unit(text, spans[:first_lead]))


_SITE = re.compile(r"(?:cổng thông tin điện tử|trang thông tin điện tử|chi tiết tin tức\s*-)\s*(?:ubnd\s+)?"
                   r"((?:huyện|thị xã|thành phố|quận|xã|phường|thị trấn)\s+.+)$", re.I)


def _site_unit(text: str, head: list[tuple[int, int]]) -> str | None:
    for s, e in head:
        m = _SITE.search(text[s:e].strip())
        if m:
            return m.group(1).strip()
    return None
