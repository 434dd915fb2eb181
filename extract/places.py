"""places: the event's province, unit mentions resolved against the gazetteer, and the member units."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from urllib.parse import urlparse

from extract.context import Context
from extract.gazetteer import Gazetteer
from extract.text import fold
from extract.units import LEVEL, Mention, find_agencies, find_units, with_place
from schema import Cluster, Unit

# words in a cluster's name that say what its members are
_NAME_LEVELS = (("xã", "ward"), ("phường", "ward"), ("thị trấn", "ward"), ("cơ quan", "agency"), ("trường", "agency"),
                ("doanh nghiệp", "agency"), ("đảng", "agency"), ("sở", "agency"), ("ban", "agency"),
                ("đoàn thể", "agency"), ("huyện", "district"), ("thành phố", "district"), ("thị xã", "district"))


_SCHOOL = re.compile(r"^(?:trường )?(?:thpt|thcs|th|tiểu học|mầm non|mn|ptdtnt|ptdtbt) ")


def bare_after(ctx: Context, start: int, province: str | None, year: int | None) -> Mention | None:
    """"tại Hoài Nhơn, …": a district named without its type word, when the gazetteer knows it."""
    span = ctx.doc.char_span(start, min(len(ctx.text), start + 40), alignment_mode="expand")
    if span is None:
        return None
    words = []
    for tok in span:
        if not tok.text[:1].isupper() or len(words) == 4:
            break
        words.append(tok)
    for n in range(len(words), 1, -1):
        name = " ".join(w.text for w in words[:n])
        place = gazetteer().resolve(name, province=province, year=year)
        if place is not None and place.level == "district":
            m = Mention(name, None, words[0].idx, words[n - 1].idx + len(words[n - 1]), ctx.sent_of(start), "bare")
            return with_place(m, place, year, gazetteer())
    return None


def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def vote_province(ctx: Context, mentions: list[Mention]) -> str | None:
    """The province most mentions agree on; explicit "tỉnh X", the portal and the URL weigh more."""
    gaz = gazetteer()
    votes: Counter = Counter()
    for m in mentions:
        if m.via == "agency":
            continue
        level = "province" if m.type == "tỉnh" else None
        found = gaz.find(m.name, type=m.type if m.type != "tỉnh" else None, level=level)
        if m.via == "bare":
            found = [p for p in found if p.level != "ward"]
        provinces = {p.province for p in found}
        for p in provinces:
            votes[p] += (2.0 if m.type == "tỉnh" else 1.0) / len(provinces)
    if ctx.article.province_hint:
        votes[ctx.article.province_hint] += 3.0
    site = ctx.article.unit_hint or ctx.layout.site_unit
    if site:
        found = {p.province for p in gaz.find(site)}
        for p in found:
            votes[p] += 2.0 / len(found)
    if ctx.article.url:
        host_province = gaz.province_of_host(urlparse(ctx.article.url).hostname or "")
        if host_province:
            votes[host_province] += 1.5
    if not votes:       # schools named after their district: "THPT Bác Ái"
        for m in mentions:
            for word_count in (3, 2):
                tail = " ".join(m.name.split()[-word_count:])
                found = {p.province for p in gaz.find(tail, level="district")}
                if len(found) == 1:
                    votes[found.pop()] += 0.5
    return votes.most_common(1)[0][0] if votes else None


def resolve(mentions: list[Mention], province: str | None, year: int | None) -> list[Mention]:
    """Attach code and province; bare or listed names the gazetteer does not know are dropped."""
    gaz = gazetteer()
    context = []
    out = []
    for m in mentions:
        if m.via == "agency":
            out.append(replace(m, province=province))
            continue
        level = "province" if m.type == "tỉnh" else ("district" if m.via == "bare" else None)
        place = gaz.resolve(m.name, type=m.type if m.type != "tỉnh" else None, province=province,
                            context=context, year=year)
        if place is None and m.type in ("xã", "phường", "thị trấn", "thị xã", "thành phố", "huyện", "quận"):
            # xã → thị trấn, huyện → thị xã upgrades: the text keeps the type of its day
            found = gaz.find(m.name, level=LEVEL[m.type], province=province)
            place = found[0] if len(found) == 1 else None
        if place is None and level:
            found = gaz.find(m.name, level=level, province=province)
            place = found[0] if len(found) == 1 else None
        if place is None and (m.via in ("bare", "list") and not gaz.find(m.name) or len(m.name.split()) < 2):
            continue                          # "UBND huyện Ta…": a name cut short by the page
        if place is not None:
            context.append(place)
            m = with_place(m, place, year, gaz)
        out.append(m)
    return out


def all_mentions(ctx: Context) -> list[Mention]:
    sents = ctx.sentences
    found = find_units(ctx, sents) + find_agencies(ctx, sents) + _headline_unit(ctx)
    return sorted(found, key=lambda m: m.start)


def _headline_unit(ctx: Context) -> list[Mention]:
    """"Chợ Đồn phát động…", "Long An: Cụm thi đua…": a headline may open with a bare unit name."""
    t = ctx.layout.title_span
    span = ctx.span(*t) if t else None
    if span is None:
        return []
    gaz = gazetteer()
    words = [tok for tok in span[:5]]
    for n in (4, 3, 2):
        if len(words) < n or not all(w.text[:1].isupper() for w in words[:n]):
            continue
        name = " ".join(w.text for w in words[:n])
        found = [p for p in gaz.find(name) if p.level in ("province", "district")]
        if found:
            typ = "tỉnh" if found[0].level == "province" else None
            return [Mention(name, typ, words[0].idx, words[n - 1].idx + len(words[n - 1]), t, "bare")]
    return []


def member_level(cluster: Cluster | None, mentions: list[Mention]) -> str:
    if cluster and cluster.name:
        name = f" {fold(cluster.name).replace(',', ' ')} "
        for level in ("district", "ward", "agency"):      # "các huyện, thị xã": the xã is a thị xã
            words = [w for w, lv in _NAME_LEVELS if lv == level]
            rest = name.replace(" thị xã ", " thịxã ") if level == "ward" else name
            if any(f" {w} " in rest for w in words):
                return level
    listed = Counter(m.level for m in mentions if m.via in ("list", "typed", "bare") and m.list_id is not None
                     and sum(1 for n in mentions if n.list_id == m.list_id) >= 2 and m.level)
    if listed:
        return listed.most_common(1)[0][0]
    typed = Counter(m.level for m in mentions if m.level and m.level != "province")
    return typed.most_common(1)[0][0] if typed else "district"


def members(ctx: Context, cluster: Cluster | None, mentions: list[Mention], province: str | None
            ) -> list[Mention]:
    """Every unit of the cluster's level named in the article, each once."""
    if cluster is None:
        return []
    level = member_level(cluster, mentions)
    seen, out = set(), []
    for m in mentions:
        if (m.level or ("agency" if m.via == "agency" else None)) != level:
            continue
        if m.via == "agency" and m.type != "cơ quan":
            continue
        if province and m.province and m.province != province:
            continue
        if m.via != "agency" and m.code is None and m.via != "typed":
            continue
        if m.via == "agency" and fold(ctx.text[max(0, m.start - 14):m.start]).rstrip().endswith(("thuộc", "của")):
            continue                       # the parent body of the block, not a member
        key = m.code or (_SCHOOL.sub("", fold(m.name)), m.type)    # "Trường THPT X" = "THPT X"
        if key in seen:
            continue
        seen.add(key)
        out.append(m)
    return out


def to_unit(m: Mention | None) -> Unit | None:
    if m is None:
        return None
    return Unit(name=m.name, type=m.type, province=m.province, code=m.code)


def level_of(m: Mention) -> str | None:
    return LEVEL.get(m.type or "")
