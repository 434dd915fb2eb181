"""units: administrative units and agencies named in the text, with lists where one type word distributes."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extract.context import Context
from extract.text import fold

# type words as written → contract type; plural forms ("các huyện", "05 xã") open a list
TYPE_WORDS = {"thành phố": "thành phố", "tp": "thành phố", "thị xã": "thị xã", "tx": "thị xã",
              "thị trấn": "thị trấn", "tt": "thị trấn", "huyện": "huyện", "quận": "quận", "phường": "phường",
              "xã": "xã", "tỉnh": "tỉnh", "hyện": "huyện", "h": "huyện", "q": "quận"}
_NEEDS_DOT = ("h", "q")          # "H. Tân Hồng", "Q. Ninh Kiều": a lone capital is an initial otherwise
ORG_TYPES = {"huyện ủy": "huyện", "huyện uỷ": "huyện", "thành ủy": "thành phố", "thành uỷ": "thành phố",
             "thị ủy": "thị xã", "thị uỷ": "thị xã", "tỉnh ủy": "tỉnh", "tỉnh uỷ": "tỉnh"}
LEVEL = {"tỉnh": "province", "thành phố": "district", "thị xã": "district", "huyện": "district", "quận": "district",
         "phường": "ward", "xã": "ward", "thị trấn": "ward", "cơ quan": "agency"}
_FIRST_WORDS = {"thành", "thị", "huyện", "tỉnh", "các", "đơn", "địa"}
_TYPE_STARTS = {"các", *_FIRST_WORDS, *TYPE_WORDS}      # the first token of "các huyện", "thành phố", "tx"…
_LIST_ENDS, _LIST_END_WORDS = (".", "(", ")", ";"), ("tổ", "đã", "vừa", "có")     # a distributed type stops here
_MAY_MATTER = _TYPE_STARTS | {"gồm", "bao", *_LIST_END_WORDS}   # with capitals and numbers: where a case may start
GENERIC_LIST = ("các địa phương", "các đơn vị", "đơn vị", "địa phương", "các huyện, thành phố", "các huyện, thị xã")
_ORG_HEADS = (r"Công ty|Tổng công ty|Liên đoàn Lao động|Hội Liên hiệp|Hội Nông dân|Hội Cựu chiến binh|Hội Chữ thập đỏ|"
              r"Ủy ban MTTQ|Uỷ ban MTTQ|Ủy ban Mặt trận|Uỷ ban Mặt trận|Huyện đoàn|Tỉnh đoàn|Thành đoàn|Thị đoàn|"
              r"Trường Chính trị|Trung tâm Chính trị|Trung tâm|Báo|Đài Phát thanh|Đảng ủy Khối|Đảng uỷ Khối|Ngân hàng|Chi cục|"
              r"Kho bạc Nhà nước|Bảo hiểm xã hội|Viện kiểm sát|Tòa án|Toà án|Công an|Bộ Chỉ huy Quân sự|Ban Chỉ huy Quân sự|"
              r"Phòng|Văn phòng HĐND và UBND|Văn phòng")
_AGENCY = re.compile(
    r"(?:Trường\s+)?(?:THPT|THCS|TH|PTDTNT|PTDTBT|PT DTNT|Tiểu học|Mầm non|MN)\s+(?:số\s+\d+\s+)?(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ’']*\s?){1,4}"
    r"|(?:Ban|Văn phòng|Ủy ban Kiểm tra|Uỷ ban Kiểm tra)\s+(?:[\wÀ-ỹ]+\s+){0,4}?(?:Tỉnh|Tinh|tỉnh|tinh|Huyện|huyện|Thành|thành)\s+[ủu][ỷy]"
    r"|Sở\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+(?!tỉnh\b|thành\b|huyện\b)(?:và\s+|-\s+|–\s+)?[\wÀ-ỹ]+){0,5}"
    rf"|(?:{_ORG_HEADS})(?!\s+(?:nghị|trường|thi|thao|diễn|đồng))(?:\s+[\wÀ-ỹ’'.]+|\s+-\s+[\wÀ-ỹ]+){{1,9}}")


@dataclass(frozen=True, slots=True)
class Mention:
    name: str
    type: str | None           # contract type; None for a bare name not yet resolved
    start: int
    end: int
    sentence: tuple[int, int]
    via: str                   # typed | list | org | bare | agency
    list_id: int | None = None
    code: str | None = None
    province: str | None = None

    @property
    def level(self) -> str | None:
        return LEVEL.get(self.type) if self.type else None


# capitalised words that end a place name: "tại xã Kim Long Trưởng khối…", "huyện Kiên Lương Cụm phó…"
_NOT_NAME = {"trưởng", "phó", "cụm", "khối", "chủ", "bí", "ban", "ubnd", "hđnd", "ủy", "uỷ", "đảng", "hội", "sở",
             "phòng", "ông", "bà", "tổng", "lãnh", "các", "tỉnh", "huyện", "xã", "phường", "quận", "năm", "ngày",
             "sáng", "chiều", "tại", "trong", "với", "theo", "đồng chí", "đ/c"}


def _is_name_token(t) -> bool:
    return t.text[:1].isupper() and not t.is_punct and t.norm not in _NOT_NAME


def _capitalised_run(toks, i: int, allow_digit: bool = False) -> int:
    """End token index of the capitalised name starting at i ("Phan Rang - Tháp Chàm", "Ia H’Drai")."""
    j, n = i, len(toks)
    if allow_digit and j < n and toks[j].text.isdigit() and len(toks[j].text) <= 2:
        return j + 1
    while j < n and j - i < 6:
        t = toks[j]
        if _is_name_token(t):
            j += 1
        elif t.text in ("-", "–") and j > i and j + 1 < n and _is_name_token(toks[j + 1]) and \
                (toks[j - 1].ws and t.ws or t.text == "-" and not toks[j - 1].ws):
            j += 1
        else:
            break
    return j


def _pair(toks, k: int) -> str:
    return toks[k].norm + (" " if toks[k].ws else "") + toks[k + 1].norm if k + 1 < len(toks) else toks[k].norm


def _type_at(toks, i: int) -> tuple[str | None, int, bool]:
    """(contract type, tokens used, plural?) if a type word starts at token i."""
    if toks[i].norm not in _TYPE_STARTS and not toks[i].like_num:    # most tokens: no type word here
        return None, 0, False
    plural = False
    k, n = i, len(toks)
    if toks[k].norm == "các" or (toks[k].like_num and k + 1 < n):
        plural, k = True, k + 1
        while k < n and toks[k].is_space:
            k += 1
    if k >= n:
        return None, 0, False
    two = _pair(toks, k) if k + 1 < n and toks[k].norm in _FIRST_WORDS else ""
    for words, w in ((two, 2), (toks[k].norm, 1)):
        if words in TYPE_WORDS:
            dot = k + 1 < n and toks[k + 1].text == "."
            if words in _NEEDS_DOT:
                if not dot:
                    continue
                return TYPE_WORDS[words], k + 2 - i, plural
            used = k + w - i
            if w == 1 and words in ("tp", "tx", "tt") and dot:
                used += 1
            return TYPE_WORDS[words], used, plural
    return None, 0, False


def find_units(ctx: Context, spans: list[tuple[int, int]]) -> list[Mention]:
    """Every unit mention in the given sentences, typed where the text types it."""
    out: list[Mention] = []
    list_id = 0
    toks = ctx.toks
    for sent in spans:
        tokens = ctx.token_range(*sent)
        if tokens is None:
            continue
        i, end = tokens
        pending: str | None = None     # type distributed over a list ("các huyện A, B và C")
        generic = False
        while i < end:
            t = toks[i]
            if t.norm not in _MAY_MATTER and not t.like_num and not t.text[:1].isupper() and t.text not in _LIST_ENDS:
                i += 1                          # a plain lower-case word: none of the cases below can start here
                continue
            folded2 = _pair(toks, i) if t.norm in _FIRST_WORDS else ""
            if folded2 in ORG_TYPES and i + 2 < end and _is_name_token(toks[i + 2]):
                j = _capitalised_run(toks, i + 2)
                out.append(Mention(ctx.between(i + 2, j), ORG_TYPES[folded2], toks[i + 2].idx,
                                   toks[j - 1].idx + len(toks[j - 1].text), sent, "org"))
                i = j
                continue
            typ, used, plural = _type_at(toks, i)
            if typ and i + used < end and toks[i + used].norm in ("ủy", "uỷ"):
                typ = None                      # "Tỉnh ủy", "Huyện ủy" name a Party committee
            if typ:
                k = i + used
                while k < end and toks[k].is_space:
                    k += 1
                if k < end and toks[k].text == ":":
                    k += 1
                    while k < end and toks[k].is_space:
                        k += 1
                if k < end and (_is_name_token(toks[k]) or (typ in ("phường", "quận") and toks[k].text.isdigit())):
                    j = _capitalised_run(toks, k, allow_digit=typ in ("phường", "quận"))
                    list_id += 1 if pending is None else 0
                    out.append(Mention(ctx.between(k, j), typ, toks[k].idx, toks[j - 1].idx + len(toks[j - 1].text),
                                       sent, "typed", list_id))
                    pending, generic = typ, False
                    i = j
                    continue
                pending, generic = typ, False
                list_id += 1
                i += max(used, 1)
                continue
            if t.norm in ("gồm", "bao") or t.norm in _FIRST_WORDS and \
                    fold(ctx.between(i, min(i + 3, end))).startswith(GENERIC_LIST):
                generic, pending = True, None
                list_id += 1
                i += 1
                continue
            if _is_name_token(t) and (pending or generic) and i > 0:
                prev = toks[i - 1]
                if prev.text in (",", ":", ";") or prev.norm == "và" or (i > 1 and toks[i - 2].norm == "và") or \
                        (generic and not prev.is_space and prev.norm in ("gồm", "phương", "vị")):
                    j = _capitalised_run(toks, i)
                    out.append(Mention(ctx.between(i, j), pending, t.idx, toks[j - 1].idx + len(toks[j - 1].text), sent,
                                       "list" if pending else "bare", list_id))
                    i = j
                    continue
            if t.text in _LIST_ENDS or t.norm in _LIST_END_WORDS:
                pending, generic = None, False
            i += 1
    return out


_NEXT_AGENCY = re.compile(rf"\s+và\s+(?=(?:{_ORG_HEADS}|Trường|THPT|THCS|Ban|Sở|Ủy ban|Uỷ ban)\b)")
_AGENCY_STOP = re.compile(r"\s+(?:gồm|bao gồm|đã|vừa|tổ chức|có|tại|cùng|chủ trì|dự|về|trong|với|là|đến|được|các|"
                          r"của|do|làm|tham dự|đăng cai|giữ|đạt|nhận|trao|tặng|phát biểu|năm|ký|tham gia|thực hiện|"
                          r"triển khai|đề nghị|đánh giá|thống nhất|sơ kết|tổng kết|phát động|dẫn đầu|xếp|-|–|đơn vị)(?:\s|$).*$")


def find_agencies(ctx: Context, spans: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for sent in spans:
        chunk = ctx.text[sent[0]:sent[1]]
        pos = 0
        while (m := _AGENCY.search(chunk, pos)) is not None:
            raw = m.group()
            cut = _NEXT_AGENCY.search(raw)            # "… Cựu chiến binh huyện và Huyện đoàn": two members
            if cut:
                raw = raw[:cut.start()]
            name = re.sub(r"\s+", " ", _AGENCY_STOP.sub("", raw).strip(" ,.;"))
            pos = m.start() + max(len(raw), 1)
            out.append(Mention(canonical_agency(name), "cơ quan", sent[0] + m.start(), sent[0] + m.start() + len(raw),
                               sent, "agency"))
    return out


def canonical_agency(name: str) -> str:
    """Party committees are proper nouns: "Ban Nội chính tinh ủy" → "Ban Nội chính Tỉnh ủy"."""
    name = re.sub(r"\b(?:[Tt]ỉnh|[Tt]inh) [ủu][ỷy]$", "Tỉnh ủy", name)
    name = re.sub(r"\b[Hh]uyện [ủu][ỷy]$", "Huyện ủy", name)
    return re.sub(r"\b[Tt]hành [ủu][ỷy]$", "Thành ủy", name)


def with_place(m: Mention, place, year: int | None, gaz) -> Mention:
    """Attach the gazetteer's province and code; the type stays as the text gives it, else the gazetteer's."""
    if place is None:
        return m
    typ = m.type if m.type and m.type != "tỉnh" or place.level == "province" else gaz.type_in(place, year)
    if m.type is None:
        typ = gaz.type_in(place, year)
    return replace(m, type=typ, code=place.code, province=place.province)
