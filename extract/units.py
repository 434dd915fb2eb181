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
GENERIC_LIST = ("các địa phương", "các đơn vị", "đơn vị", "địa phương", "các huyện, thành phố", "các huyện, thị xã")
_ORG_HEADS = (r"Công ty|Tổng công ty|Liên đoàn Lao động|Hội Liên hiệp|Hội Nông dân|Hội Cựu chiến binh|Hội Chữ thập đỏ|"
              r"Ủy ban MTTQ|Uỷ ban MTTQ|Ủy ban Mặt trận|Uỷ ban Mặt trận|Huyện đoàn|Tỉnh đoàn|Thành đoàn|Thị đoàn|"
              r"Trường Chính trị|Trung tâm Chính trị|Trung tâm|Báo|Đài Phát thanh|Đảng ủy Khối|Đảng uỷ Khối|Ngân hàng|Chi cục|"
              r"Kho bạc Nhà nước|Bảo hiểm xã hội|Viện kiểm sát|Tòa án|Toà án|Công an|Bộ Chỉ huy Quân sự|Ban Chỉ huy Quân sự|"
              r"Phòng|Văn phòng HĐND và UBND|Văn phòng")
_AGENCY = re.compile(
    r"(?:Trường\s+)?(?:THPT|THCS|TH|PTDTNT|PTDTBT|PT DTNT|Tiểu học|Mầm non|MN)\s+(?:số\s+\d+\s+)?(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ’']*\s?){1,4}"
    r"|(?:Ban|Văn phòng|Ủy ban Kiểm tra|Uỷ ban Kiểm tra)\s+(?:[\wÀ-ỹ]+\s+){0,4}?(?:Tỉnh|Tinh|tỉnh|tinh|Huyện|huyện|Thành|thành)\s+[ủu][ỷy]"
    r"|Sở\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+(?!tỉnh\b|thành\b|huyện\b)(?:và\s+|-\s+|–\s+)?[\wÀ-ỹ]+){0,5}?(?=\s+(?:tỉnh|thành phố|huyện)\b|[,.;:)]|$)"
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
    return t.text[:1].isupper() and not t.is_punct and t.norm_ not in _NOT_NAME


def _capitalised_run(doc, i: int, allow_digit: bool = False) -> int:
    """End token index of the capitalised name starting at i ("Phan Rang - Tháp Chàm", "Ia H’Drai")."""
    j = i
    if allow_digit and j < len(doc) and doc[j].text.isdigit() and len(doc[j].text) <= 2:
        return j + 1
    while j < len(doc) and j - i < 6:
        t = doc[j]
        if _is_name_token(t):
            j += 1
        elif t.text in ("-", "–") and j > i and j + 1 < len(doc) and _is_name_token(doc[j + 1]) \
                and doc[j - 1].whitespace_ and doc[j].whitespace_ or (t.text == "-" and j > i and not doc[j - 1].whitespace_
                                                                      and j + 1 < len(doc) and _is_name_token(doc[j + 1])):
            j += 1
        else:
            break
    return j


def _type_at(doc, i: int) -> tuple[str | None, int, bool]:
    """(contract type, tokens used, plural?) if a type word starts at token i."""
    plural = False
    k = i
    if doc[k].norm_ == "các" or (doc[k].like_num and k + 1 < len(doc)):
        plural, k = True, k + 1
        while k < len(doc) and doc[k].is_space:
            k += 1
    if k >= len(doc):
        return None, 0, False
    two = fold(doc[k:k + 2].text) if k + 1 < len(doc) and doc[k].norm_ in _FIRST_WORDS else ""
    for words, n in ((two, 2), (doc[k].norm_, 1)):
        if words in TYPE_WORDS:
            if words in _NEEDS_DOT and not (k + 1 < len(doc) and doc[k + 1].text == "."):
                continue
            if words in _NEEDS_DOT:
                used = k + 2 - i
                return TYPE_WORDS[words], used, plural
            used = k + n - i
            if n == 1 and words in ("tp", "tx", "tt") and k + 1 < len(doc) and doc[k + 1].text == ".":
                used += 1
            return TYPE_WORDS[words], used, plural
    return None, 0, False


def find_units(ctx: Context, spans: list[tuple[int, int]]) -> list[Mention]:
    """Every unit mention in the given sentences, typed where the text types it."""
    out: list[Mention] = []
    list_id = 0
    for sent in spans:
        doc_span = ctx.span(*sent)
        if doc_span is None:
            continue
        doc = ctx.doc
        i, end = doc_span.start, doc_span.end
        pending: str | None = None     # type distributed over a list ("các huyện A, B và C")
        generic = False
        while i < end:
            t = doc[i]
            folded2 = fold(doc[i:i + 2].text) if t.norm_ in _FIRST_WORDS else ""
            if folded2 in ORG_TYPES and i + 2 < end and _is_name_token(doc[i + 2]):
                j = _capitalised_run(doc, i + 2)
                out.append(Mention(doc[i + 2:j].text, ORG_TYPES[folded2], doc[i + 2].idx, doc[j - 1].idx + len(doc[j - 1]),
                                   sent, "org"))
                i = j
                continue
            typ, used, plural = _type_at(doc, i)
            if typ and i + used < end and doc[i + used].norm_ in ("ủy", "uỷ"):
                typ = None                      # "Tỉnh ủy", "Huyện ủy" name a Party committee
            if typ:
                k = i + used
                while k < end and doc[k].is_space:
                    k += 1
                if k < end and doc[k].text == ":":
                    k += 1
                    while k < end and doc[k].is_space:
                        k += 1
                if k < end and (_is_name_token(doc[k]) or (typ in ("phường", "quận") and doc[k].text.isdigit())):
                    j = _capitalised_run(doc, k, allow_digit=typ in ("phường", "quận"))
                    list_id += 1 if pending is None else 0
                    out.append(Mention(doc[k:j].text, typ, doc[k].idx, doc[j - 1].idx + len(doc[j - 1]), sent, "typed",
                                       list_id))
                    pending, generic = typ, False
                    i = j
                    continue
                if plural or typ:
                    pending, generic = typ, False
                    list_id += 1
                i += max(used, 1)
                continue
            if t.norm_ in ("gồm", "bao") or t.norm_ in _FIRST_WORDS and fold(doc[i:i + 3].text).startswith(GENERIC_LIST):
                generic, pending = True, None
                list_id += 1
                i += 1
                continue
            if _is_name_token(t) and (pending or generic):
                prev = doc[i - 1].text if i > 0 else ""
                prev2 = doc[i - 2].norm_ if i > 1 else ""
                if prev in (",", ":", ";") or doc[i - 1].norm_ == "và" or prev2 in ("và",) or \
                        (generic and doc[i - 1].is_space is False and fold(prev) in ("gồm", "phương", "vị")):
                    j = _capitalised_run(doc, i)
                    out.append(Mention(doc[i:j].text, pending, t.idx, doc[j - 1].idx + len(doc[j - 1]), sent,
                                       "list" if pending else "bare", list_id))
                    i = j
                    continue
            if t.text in (".", "(", ")", ";") or t.norm_ in ("tổ", "đã", "vừa", "có"):
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
