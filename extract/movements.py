"""movements and theme: quoted names after "phong trào"/"cuộc vận động", slogans after "chủ đề"/"khẩu hiệu"."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from extract.context import Context, patterns
from extract.text import fold

_QUOTE = re.compile(r"[“\"]([^”\"]{3,200})[”\"]")
_ORPHAN_CLOSE = re.compile(r"(?:^|[,;:])\s*([^,;:“”\"]{6,120})”")
# the nearest cue before a quote decides what the quote names
_CUES = [("movement", ("phong trào", "cuộc vận động", "phong trao")),
         ("theme", ("chủ đề", "khẩu hiệu", "phương châm", "thông điệp")),
         ("other", ("nghị quyết", "chỉ thị", "kết luận", "hội nghị", "chương trình", "đề án", "kế hoạch", "quyết định",
                    "nghị định", "luật", "cuộc thi", "hội thi", "giải", "dự án", "mô hình", "chuyên đề", "tác phẩm",
                    "lời kêu gọi", "tài liệu", "sách", "bài viết"))]
MATCH = 85          # rapidfuzz ratio on folded names


@dataclass(frozen=True, slots=True)
class Quoted:
    text: str
    start: int
    end: int
    sentence: tuple[int, int]
    kind: str           # movement | theme | other


@lru_cache(maxsize=1)
def national() -> list[tuple[str, list[str]]]:
    """(canonical, folded forms) of the national movements in patterns/movements.jsonl."""
    return [(r["canonical"], [fold(v) for v in [r["canonical"], *r["variants"]]]) for r in patterns("movements")]


def canonical(name: str) -> str | None:
    f = fold(name).replace("–", "-")
    best, score = None, 0.0
    for canon, forms in national():
        s = max(fuzz.ratio(f, form) for form in forms)
        if s > score:
            best, score = canon, s
    return best if score >= MATCH else None


def _kind(before: str) -> str:
    found = []
    for kind, cues in _CUES:
        for cue in cues:
            i = before.rfind(cue)
            if i >= 0:
                found.append((i, kind))
    return max(found)[1] if found else "none"


def quoted(ctx: Context, sentences: list[tuple[int, int]]) -> list[Quoted]:
    out = []
    for sent in sentences:
        chunk = ctx.text[sent[0]:sent[1]]
        spans = [(m.start(1), m.end(1)) for m in _QUOTE.finditer(chunk)]
        for m in _ORPHAN_CLOSE.finditer(chunk):     # a closing quote whose opener was lost
            if not any(s <= m.start(1) < e for s, e in spans) and chunk[:m.start(1)].count("“") <= chunk[:m.start(1)].count("”"):
                spans.append((m.start(1), m.end(1)))
        for s, e in sorted(spans):
            before = fold(chunk[:s])
            # earlier quotes of the same list share the cue: drop their text from the look-back
            before = re.sub(r"[“\"][^”\"]*[”\"]", " ", before)
            kind = _kind(before)
            text = chunk[s:e].strip()
            if kind in ("none", "other") and canonical(text):
                kind = "movement"
            out.append(Quoted(text, sent[0] + s, sent[0] + e, sent, kind))
    return out


def find_movements(quotes: list[Quoted]) -> list[tuple[str, str | None, tuple[int, int]]]:
    """(name as written, canonical national name or None, sentence) for each movement, once each."""
    seen, out = set(), []
    for q in quotes:
        if q.kind != "movement" or len(q.text.split()) < 2:
            continue
        key = fold(q.text)
        if key in seen:
            continue
        seen.add(key)
        out.append((q.text, canonical(q.text), q.sentence))
    return out


def find_theme(quotes: list[Quoted]) -> tuple[str, tuple[int, int]] | None:
    for q in quotes:
        if q.kind == "theme" and len(q.text.split()) >= 3:
            return q.text, q.sentence
    return None
