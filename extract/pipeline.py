"""extract_article: the named steps from an Article to an EventRecord."""
from __future__ import annotations

import re
from dataclasses import replace

from extract import cluster as cluster_step
from extract import event_date as dates
from extract import event_types, movements, officials, period as period_step, places, roles
from extract.context import Context, build
from extract.layout import analyse
from extract.units import Mention
from schema import Article, EventRecord, Movement, Official, Unit

EXTRACTOR_VERSION = "0.2.0"


def extract_article(article: Article, source: str | None = None) -> EventRecord:
    """Extract the emulation-event record an article reports.

    Example: extract_article(Article(text="Chiều 17/7, Cụm thi đua số 3 …")).is_event
    """
    if not _mentions_emulation(article.text):      # most portal news: no NLP pass needed
        layout = analyse(article.text, article.url, article.title)
        return EventRecord(source=source or article.url or "", title=article.title or layout.title,
                           published=article.published or layout.published, author=article.author or layout.author,
                           extractor_version=EXTRACTOR_VERSION)
    ctx = build(article)
    published = article.published or ctx.layout.published
    base = EventRecord(source=source or article.url or "", title=article.title or ctx.layout.title,
                       published=published, author=article.author or ctx.layout.author,
                       extractor_version=EXTRACTOR_VERSION)
    triggers, event_sentence = event_types.find_event_types(ctx)
    if not triggers:
        return base
    ev: dict = {}
    when = dates.pick_date(ctx, event_sentence)
    rough_year = dates.resolve_year(when, published, None, []) if when else None
    types = event_types.resolve_types(triggers, when.month if when else None)
    ev["event_types"] = event_sentence or triggers[0].sentence
    period, period_sent = period_step.find_period(ctx.text, triggers, rough_year or _year(published))
    year = dates.resolve_year(when, published, period, types) if when else None
    event_date = dates.iso(when, year) if when else None
    if event_date:
        ev["event_date"] = ctx.sent_of(when.start)
    if period is None:                  # "Cụm thi đua số 1 … năm 2022 chủ trì hội nghị ký kết…": stated before
        for sent in [event_sentence, ctx.layout.title_span]:
            found = period_step.period_mentions(ctx.text, sent) if sent else []
            if found and found[0].value():
                period, period_sent = found[0].value(), sent
                break
    if period is None and "annual_review" in types and event_date:
        period = str(int(event_date[:4]) - (1 if int(event_date[5:7]) <= 4 else 0))
    if period_sent:
        ev["period"] = period_sent
    cluster, cluster_sent = cluster_step.find_cluster(ctx, event_sentence)
    if cluster_sent:
        ev["cluster"] = cluster_sent

    mentions = places.all_mentions(ctx)
    province = places.vote_province(ctx, mentions)
    unit_year = int(event_date[:4]) if event_date else (int(period[:4]) if period else _year(published))
    mentions = places.resolve(mentions, province, unit_year)
    body = ctx.body_sentences()
    lead = ([event_sentence] if event_sentence else []) + body[:2]
    venue, host, host_sent = roles.find_venue_host(
        ctx, lead, mentions, bare=lambda at: places.bare_after(ctx, at, province, unit_year))
    if host is None:
        agency_block = cluster is not None and places.member_level(cluster, mentions) == "agency"
        host = roles.find_organiser(ctx, event_sentence, mentions, prefer_agency=agency_block)
        host_sent = event_sentence if host else None
    if host is None:
        host = roles.title_subject(ctx, mentions)
        host_sent = ctx.layout.title_span if host else None
    if host is None and cluster is not None:
        venue2, host, host_sent = roles.find_venue_host(ctx, body, mentions)
    people = officials.find_officials(ctx, body)
    if host is None and cluster is None:
        host = _site_unit(ctx, mentions, event_sentence)
        host_sent = event_sentence if host else None
    leaders = roles.find_leaders(ctx, mentions, people, host, period) if cluster else {}
    leader = leaders.get("leader", (None, None))[0]
    deputy = leaders.get("deputy", (None, None))[0]
    if host is None and leader is not None and any("chair" in p.roles or "co_chair" in p.roles for p in people):
        host, host_sent = leader, leaders["leader"][1]
    member_mentions = places.members(ctx, cluster, mentions, province)
    for extra in (host, leader, deputy):        # the host, leader and deputy of a cluster are members
        if cluster and extra and places.level_of(extra) == places.member_level(cluster, mentions) and \
                all((m.name, m.type) != (extra.name, extra.type) for m in member_mentions):
            member_mentions.append(extra)
    if host_sent:
        ev["host"] = host_sent
    for key, val in (("cluster_leader", leaders.get("leader")), ("cluster_deputy", leaders.get("deputy"))):
        if val:
            ev[key] = val[1]
    ev["members"] = [m.sentence for m in member_mentions]
    people_out = [Official(p.name, p.title, places.to_unit(roles.official_unit(ctx, p, mentions, host))
                           or _province_unit(p, province), tuple(p.roles)) for p in people]
    ev["officials"] = [p.sentence for p in people]
    quotes = movements.quoted(ctx, ctx.sentences)
    found_movements = movements.find_movements(quotes)
    ev["movements"] = [m[2] for m in found_movements]
    theme = movements.find_theme(quotes)
    if theme:
        ev["theme"] = theme[1]
    if province is None:
        province = next((m.province for m in member_mentions if m.province), None)
    return replace(
        base, is_event=True, event_types=tuple(types), event_date=event_date, period=period, cluster=cluster,
        province=province, host=places.to_unit(host), venue=venue,
        members=tuple(places.to_unit(m) for m in member_mentions),
        cluster_leader=places.to_unit(leader), cluster_deputy=places.to_unit(deputy),
        officials=tuple(people_out),
        movements=tuple(Movement(n, c) for n, c, _ in found_movements),
        theme=theme[0] if theme else None, evidence=ev)


_EMULATION = re.compile(r"thi\s+đua|giao\s+ước", re.I)


def _mentions_emulation(text: str) -> bool:
    """Every emulation event names thi đua or giao ước somewhere; an article that never does is not one."""
    return bool(_EMULATION.search(text))


def _year(published: str | None) -> int | None:
    return int(published[:4]) if published and re.match(r"\d{4}", published) else None


def _site_unit(ctx: Context, mentions: list[Mention], sent) -> Mention | None:
    """"UBND huyện tổ chức" with no name: the unit the portal belongs to."""
    label = ctx.article.unit_hint or ctx.layout.site_unit
    if not label:
        return None
    gaz = places.gazetteer()
    parts = label.split(maxsplit=1)
    typ = {"huyện": "huyện", "xã": "xã", "phường": "phường", "quận": "quận"}.get(parts[0].lower())
    name = parts[1] if typ else label
    if typ is None and label.lower().startswith(("thành phố", "thị xã", "thị trấn")):
        typ, name = " ".join(label.split()[:2]).lower(), " ".join(label.split()[2:])
    name = name.title() if name.isupper() else name
    place = gaz.resolve(name, type=typ)
    if place is None:
        return None
    return Mention(place.name if name.lower() == place.name.lower() else name, typ or place.type, sent[0] if sent else 0,
                   sent[0] if sent else 0, sent or (0, 0), "typed", code=place.code, province=place.province)


def _province_unit(p, province: str | None) -> Unit | None:
    title = (p.title or "").lower()
    if province and re.search(r"\btỉnh(?: ủy| uỷ)?$|\btỉnh\b", title):
        return Unit(province, "tỉnh", province, None)
    return None
