"""roles: the host (đăng cai, "tại …", "UBND huyện X tổ chức"), the venue, and the cụm/khối trưởng and phó."""
from __future__ import annotations

import re

from extract.context import Context
from extract.officials import Person
from extract.text import fold
from extract.units import Mention

_VENUE_NOUNS = ("hội trường", "trụ sở", "ubnd", "ủy ban", "uỷ ban", "trung tâm", "nhà văn hóa", "nhà văn hoá",
                "phòng họp", "khách sạn", "nhà khách", "văn phòng", "huyện ủy", "huyện uỷ", "thành ủy", "thị ủy",
                "đảng ủy", "trường", "sân", "công viên", "khu", "cơ quan", "nhà", "đền", "quảng trường")
_AT = re.compile(r"(?:^|[\s,(])[Tt]ại\s+")
_VENUE_END = re.compile(r"\s*(?:[,;.(]|\s[-–]\s|\s(?:đã|đơn vị|diễn ra|tổ chức|cụm|khối|trưởng)\b)", re.I)
_LEADER = re.compile(r"(?<!phó )(?:cụm trưởng|trưởng cụm|khối trưởng|trưởng khối)", re.I)
_DEPUTY = re.compile(r"(?:cụm phó|phó cụm|khối phó|phó khối|phó trưởng cụm|phó trưởng khối)", re.I)
_ORGANISE = re.compile(r"\b(?:đã\s+|vừa\s+)?(?:tổ chức|tiến hành|phát động|sơ kết|tổng kết|ký kết)\b", re.I)
_NEXT_TERM = re.compile(r"suy tôn|bầu|bình chọn|bình bầu|luân phiên|đề cử|giới thiệu", re.I)


def find_venue_host(ctx: Context, sentences: list[tuple[int, int]], mentions: list[Mention], bare=None
                    ) -> tuple[str | None, Mention | None, tuple[int, int] | None]:
    """(venue as written, host unit, sentence) from the first "tại …" that names a place."""
    for sent in sentences:
        chunk = ctx.text[sent[0]:sent[1]]
        for m in _AT.finditer(chunk):
            start = sent[0] + m.end()
            rest = ctx.text[start:sent[1]]
            end_m = _VENUE_END.search(rest)
            phrase = rest[:end_m.start()] if end_m else rest
            inside = [u for u in mentions if start <= u.start < start + len(phrase) + 1 and u.via != "bare"]
            if not inside and bare is not None:
                found = bare(start)
                inside = [found] if found else []
            if not inside:
                continue
            venue = phrase.strip() if fold(phrase).startswith(_VENUE_NOUNS) else None
            units = [u for u in inside if u.via != "agency"]     # "Trung tâm Hội nghị huyện KBang": the huyện
            return venue, (units or inside)[0], sent
    return None, None, None


def find_organiser(ctx: Context, sent: tuple[int, int] | None, mentions: list[Mention],
                   prefer_agency: bool = False) -> Mention | None:
    """"UBND huyện Phước Sơn tổ chức…": the unit just before the organising verb of the event sentence."""
    if not sent:
        return None
    chunk = ctx.text[sent[0]:sent[1]]
    m = _ORGANISE.search(chunk)
    if not m:
        return None
    verb = sent[0] + m.start()
    before = [u for u in mentions if sent[0] <= u.start < verb and u.via != "bare" and verb - u.end < 90
              and not listed(ctx, u, mentions) and not parent(ctx, u)]
    if prefer_agency:       # "Văn phòng Huyện ủy Mang Yang - đơn vị khối trưởng": the agency, not the huyện
        before = [u for u in before if u.via == "agency"] or before
    return before[0] if before else None


_LIST_GAP = re.compile(r"^[\s,;:]*(?:và|cùng|,)?[\s,;:]*(?:(?:các\s+)?(?:huyện|xã|phường|thị xã|thị trấn|thành phố|quận|"
                       r"TP\.?|TX\.?|Trường|THPT|THCS)\s*)?$", re.I)


def listed(ctx: Context, m: Mention, mentions: list[Mention]) -> bool:
    """Part of an enumeration ("A, B và C"): members being listed, not the subject of the sentence."""
    for other in mentions:
        if other is m or other.sentence != m.sentence:
            continue
        gap = ctx.text[m.end:other.start] if other.start >= m.end else ctx.text[other.end:m.start]
        if len(gap) < 30 and _LIST_GAP.match(gap):
            return True
    return False


def parent(ctx: Context, m: Mention) -> bool:
    """"Cụm thi đua số 4, thuộc Sở Giáo dục…": the body a cluster belongs to is not one of its members."""
    return fold(ctx.text[max(0, m.start - 14):m.start]).rstrip().endswith(("thuộc", "trực thuộc", "của"))


def title_subject(ctx: Context, mentions: list[Mention]) -> Mention | None:
    """"Chợ Đồn phát động…", "Thành phố Đông Hà tổ chức…": a unit opening the headline."""
    t = ctx.layout.title_span
    if not t:
        return None
    first = [u for u in mentions if t[0] <= u.start < t[0] + 25 and u.level in ("district", "ward")]
    return first[0] if first else None


def _period_year(period: str | None) -> int | None:
    return int(period[:4]) if period and period[:4].isdigit() else None


def find_leaders(ctx: Context, mentions: list[Mention], people: list[Person], host: Mention | None,
                 period: str | None) -> dict[str, tuple[Mention, tuple[int, int]]]:
    """{"leader"|"deputy": (unit, sentence)} from titles ("…, Cụm trưởng") and phrases ("do X làm Cụm trưởng")."""
    out: dict[str, tuple[Mention, tuple[int, int]]] = {}
    year = _period_year(period)
    for role, rx in (("deputy", _DEPUTY), ("leader", _LEADER)):
        for sent in ctx.body_sentences():
            chunk = ctx.text[sent[0]:sent[1]]
            for m in rx.finditer(chunk):
                pos = sent[0] + m.start()
                if role == "leader" and _DEPUTY.match(chunk, max(0, m.start() - 4)):
                    continue
                if _NEXT_TERM.search(chunk[:m.start()]) and year and re.search(rf"\b{year + 1}\b", chunk):
                    continue     # "suy tôn … trưởng khối năm 2020" names next year's leader
                unit = _unit_for(ctx, pos, sent, mentions, people, host)
                if unit and role not in out:
                    out[role] = (unit, sent)
    return out


def _unit_for(ctx: Context, pos: int, sent: tuple[int, int], mentions: list[Mention], people: list[Person],
              host: Mention | None) -> Mention | None:
    for p in people:     # in the title, or right after it: "Chủ tịch UBND huyện; Cụm trưởng …"
        if p.title_span and p.title_span[0] <= pos <= p.title_span[1] + 3:
            return official_unit(ctx, p, mentions, host)
    after = ctx.text[pos:sent[1]]
    m = re.match(r"[^,.;]{0,40}?\blà\s+", after)
    if m:
        later = [u for u in mentions if pos + m.end() <= u.start < pos + m.end() + 40 and u.via != "agency" or
                 u.via == "agency" and pos + m.end() <= u.start < pos + m.end() + 40]
        if later:
            return later[0]
    before = [u for u in mentions if sent[0] <= u.end <= pos and pos - u.end < 60 and u.via != "bare"]
    if before:
        return before[-1]
    return None


def official_unit(ctx: Context, p: Person, mentions: list[Mention], host: Mention | None) -> Mention | None:
    """The last unit named in the official's title; a bare "huyện"/"xã" means the host's."""
    if not p.title_span:
        return None
    s, e = p.title_span
    inside = [u for u in mentions if s <= u.start < e]
    if inside:
        return inside[-1]
    t = fold(ctx.text[s:e])
    if host and host.type and re.search(rf"\b{re.escape(host.type)}(?:$|[,;\s-]+(?![A-ZĐ]))", t):
        return host          # "Chủ tịch UBND huyện" with no name: the host's chairman
    return None
