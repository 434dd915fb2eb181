"""cluster: which cụm/khối thi đua the article is about — kind, number, descriptive name."""
from __future__ import annotations

import re

from extract.context import Context, matches
from extract.text import fold
from schema import Cluster

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
          "XI": 11, "XII": 12}
_NUMBER = re.compile(r"^(\d{1,2}|[IVX]{1,4})$")
_STOP_WORDS = {fold(w) for w in """tổng sơ ký đã vừa gồm bao do có năm thuộc trên tại của với được là trong lần
hội lễ cùng và nhằm để về họp đạt làm tham dự""".split()}
_STOP_PHRASES = tuple(fold(p) for p in ("tổ chức", "tiến hành", "diễn ra", "triển khai", "đẩy mạnh", "thống nhất",
                                        "giao ước", "đăng cai", "thực hiện", "phối hợp", "tăng cường", "nâng cao",
                                        "xây dựng", "đánh giá", "chấm điểm", "kiểm tra"))
_UNIT_PLURALS = ("thành phố", "thị xã", "thị trấn", "phường", "xã", "huyện", "quận", "cơ quan", "đơn vị", "trường",
                 "sở", "ban", "ngành", "đoàn thể", "doanh nghiệp")      # "các sở, ban, ngành tỉnh"
_TAIL_PUNCT = set(".;:()–-—\"“”'\n")


def _number(tok: str) -> int | None:
    if not _NUMBER.match(tok):
        return None
    return int(tok) if tok.isdigit() else _ROMAN.get(tok)


def _parse(span) -> Cluster | None:
    doc = span.doc
    kind = span[0].norm_
    i = span.end
    number = None
    for tok in span[1:]:
        if _number(tok.text) is not None:
            number = _number(tok.text)
    while i < len(doc) and doc[i].is_space:
        i += 1
    if number is None and i + 1 < len(doc) and doc[i].norm_ == "số" and _number(doc[i + 1].text) is not None:
        number, i = _number(doc[i + 1].text), i + 2
    elif number is None and i < len(doc) and _number(doc[i].text) is not None and doc[i].text != "I" * 0 + doc[i].text:
        number, i = _number(doc[i].text), i + 1
    words: list[str] = []
    while i < len(doc):
        t = doc[i]
        if t.is_space or t.text in _TAIL_PUNCT:
            break
        if t.text == ",":
            nxt = fold(doc[i + 1:i + 3].text) if i + 1 < len(doc) else ""
            if words and nxt.startswith(_UNIT_PLURALS):
                words.append(",")
                i += 1
                continue
            break
        if t.norm_ in _STOP_WORDS or fold(doc[i:i + 2].text).startswith(_STOP_PHRASES) or t.like_num or (t.norm_ == "tỉnh" and i + 1 < len(doc) and doc[i + 1].text[:1].isupper()):
            break
        if t.norm_ in ("huyện", "thành", "thị", "quận") and i + 1 < len(doc) and doc[i + 1].text[:1].isupper():
            break
        words.append(t.text)
        i += 1
    name = " ".join(words).replace(" ,", ",").strip(" ,“”\"") or None
    if name and fold(name) in ("khen thưởng", "số"):
        name = None
    return Cluster(kind, number, name)


def _generic(span) -> bool:
    """"các cụm, khối thi đua" or "cụm, khối" speak of clusters in general, not of one."""
    doc = span.doc
    before = doc[max(0, span.start - 2):span.start].text.lower()
    after = doc[span.end:span.end + 2].text.lower()
    return before.endswith(("các", "cụm,", "khối,", "cụm ,", "khối ,")) or after.startswith((", khối", ", cụm"))


def find_cluster(ctx: Context, event_sentence: tuple[int, int] | None = None
                 ) -> tuple[Cluster | None, tuple[int, int] | None]:
    """The first specific cluster named in the title or the lead, up to the sentence after the event sentence.

    Later mentions are background: "An Khê dẫn đầu Cụm thi đua số 2" in a town's own review."""
    body = ctx.body_sentences()
    upto = body.index(event_sentence) + 2 if event_sentence in body else 2
    zones = ([ctx.layout.title_span] if ctx.layout.title_span else []) + body[:min(upto, 4)]
    generic = None
    for sent in zones:
        thi_dua = "thi đua" in fold(ctx.text[sent[0]:sent[1]]) or bool(ctx.layout.title and "thi đua" in fold(ctx.layout.title))
        for pid, span in matches(ctx, "cluster", *sent):
            if _generic(span) or (pid != "cum-thi-dua" and not thi_dua):
                continue
            c = _parse(span)
            if c and (c.number is not None or c.name):
                return c, sent
            if c and generic is None:
                generic = (c, sent)
    return generic if generic else (None, None)
