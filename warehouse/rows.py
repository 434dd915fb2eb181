"""(Article, EventRecord) pairs → one chunk's staging table, the Python half of a load.

Python copies values out of the frozen records into one row per article, lists as nested columns,
plus what only Python knows: the keys of names (warehouse.names, cached per name) and evidence spans
per item. Everything derived from them (the contract JSON, labels, match keys, one row per unit,
official and movement) is computed by DuckDB in derive.py.
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import Any

import orjson
import pyarrow as pa

from schema import Article, EventRecord, Unit
from warehouse.names import name_key, unit_key

_UNIT = pa.struct([("name", pa.string()), ("type", pa.string()), ("province", pa.string()), ("code", pa.string())])
_SPANS = pa.list_(pa.list_(pa.int32()))
_TEXTS = pa.list_(pa.string())
ARROW = {"VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
         "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"), "VARCHAR[]": _TEXTS}

# the contract's single-valued fields, as `events` merges them (and events.evidence names them)
FIELDS = ("event_date", "period", "cluster", "province", "host", "venue", "cluster_leader",
          "cluster_deputy", "theme")

# the staging table `_c`, one row per article, in the order Staging builds its tuples
STAGING: dict[str, pa.DataType] = {
    "article_id": pa.string(), "page_id": pa.string(), "url": pa.string(),
    "portal_id": pa.string(), "title": pa.string(), "published": pa.string(), "author": pa.string(),
    "fetched_at": pa.timestamp("us"), "province_hint": pa.string(), "unit_hint": pa.string(),
    "text": pa.string(), "text_sha256": pa.string(), "extractor_version": pa.string(), "is_event": pa.bool_(), "error": pa.string(),
    # the record as extracted, for its JSON and its event
    "source": pa.string(), "r_title": pa.string(), "r_published": pa.string(), "r_author": pa.string(),
    "r_is_event": pa.bool_(), "event_types": _TEXTS, "event_date": pa.string(), "period": pa.string(),
    "cluster": pa.struct([("kind", pa.string()), ("number", pa.int64()), ("name", pa.string())]),
    "province": pa.string(), "host": _UNIT, "venue": pa.string(), "members": pa.list_(_UNIT),
    "cluster_leader": _UNIT, "cluster_deputy": _UNIT,
    "officials": pa.list_(pa.struct([("name", pa.string()), ("title", pa.string()), ("unit", _UNIT),
                                     ("roles", _TEXTS)])),
    "movements": pa.list_(pa.struct([("name", pa.string()), ("canonical", pa.string())])),
    "theme": pa.string(), "evidence": pa.string(),
    # for events only: evidence spans and the keys of names (warehouse.names), computed once per name
    "field_spans": _SPANS, "member_spans": _SPANS, "official_spans": _SPANS, "movement_spans": _SPANS,
    "host_key": pa.string(), "leader_key": pa.string(), "deputy_key": pa.string(), "member_keys": _TEXTS,
    "official_keys": _TEXTS, "movement_keys": _TEXTS, "place_key": pa.string(),
    "cluster_name_key": pa.string(), "host_place_key": pa.string(),
    # the lists as event_sources shows them: each item once (by key), as a reader sees it
    "member_labels": _TEXTS, "member_label_keys": _TEXTS, "official_labels": _TEXTS,
    "official_label_keys": _TEXTS, "movement_labels": _TEXTS, "movement_label_keys": _TEXTS,
}
_NO_EVENT = (None,) * 19
_SEQUENCES = (list, tuple)


def article_id(article: Article) -> str:
    """The article's key: its page's canonical URL, else its URL, else a hash of its text."""
    return article.page_id or article.url or "sha256:" + text_sha256(article.text)


def text_sha256(text: str) -> str:
    """The same hex digest DuckDB's sha256(text) gives, which the loader stores."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Staging:
    """One chunk as the staging table `_c`: one row per article, its lists as nested columns."""

    def __init__(self, pairs: dict[str, tuple[Article, EventRecord]], digests: dict[str, str]) -> None:
        self.rows = [_row(aid, article, record, digests[aid]) for aid, (article, record) in pairs.items()]

    def arrow(self) -> pa.Table:
        columns = list(zip(*self.rows)) or [()] * len(STAGING)
        return pa.table({c: pa.array(v, t) for (c, t), v in zip(STAGING.items(), columns)})


def _row(aid: str, a: Article, r: EventRecord, digest: str) -> tuple:
    ev = r.evidence or {}
    c = r.cluster
    is_event = bool(r.is_event) and r.error is None
    members, officials, movements = r.members, r.officials, r.movements
    return (
        aid, a.page_id, a.url, a.portal_id, a.title or r.title, a.published or r.published,
        a.author or r.author, _utc(a.fetched_at), a.province_hint, a.unit_hint, a.text, digest,
        r.extractor_version or "", is_event, r.error, r.source, r.title, r.published, r.author, r.is_event,
        list(r.event_types), r.event_date, r.period, (c.kind, c.number, c.name) if c else None, r.province,
        _unit(r.host), r.venue, [_unit(u) for u in members], _unit(r.cluster_leader), _unit(r.cluster_deputy),
        [(o.name, o.title, _unit(o.unit), list(o.roles)) for o in officials],
        [(m.name, m.canonical) for m in movements], r.theme,
        orjson.dumps(ev).decode() if ev else "{}",
        *(_event_keys(a, r, ev) if is_event else _NO_EVENT))


def _event_keys(a: Article, r: EventRecord, ev: dict) -> tuple:
    """Spans per field and per list item, and the keys of every name the event's rows carry."""
    place = r.province or a.province_hint
    host = r.host
    member_keys = [_key(u) for u in r.members]
    members: dict[str, str] = {}
    for u, key in zip(r.members, member_keys):
        if key is not None and key not in members:
            members[key] = f"{u.type} {u.name}" if u.type else u.name
    official_keys = [name_key(o.name) for o in r.officials]
    people: dict[str, tuple[str, str | None]] = {}       # key → first spelling, first of the longest titles
    for o, key in zip(r.officials, official_keys):
        name, title = people.get(key, (o.name, None))
        if len(o.title or "") > len(title or ""):
            title = o.title
        people[key] = (name, title)
    shown = [m.canonical or m.name for m in r.movements]
    movement_keys = [name_key(m) for m in shown]
    movements: dict[str, str] = {}
    for key, label in zip(movement_keys, shown):
        movements.setdefault(key, label)
    return (
        [_pair(ev[f]) if f in ev else None for f in FIELDS] if ev else None,
        _spans(ev.get("members"), len(r.members)), _spans(ev.get("officials"), len(r.officials)),
        _spans(ev.get("movements"), len(r.movements)),
        _key(host), _key(r.cluster_leader), _key(r.cluster_deputy),
        member_keys, official_keys, movement_keys, name_key(place),
        name_key(r.cluster.name) if r.cluster else None,
        name_key(host.province or place) if host else None,
        list(members.values()), list(members), [f"{n} ({t})" if t else n for n, t in people.values()],
        list(people), list(movements.values()), list(movements))


def _key(unit: Unit | None) -> str | None:
    return unit_key(unit.name, unit.type) if unit is not None and unit.name else None


def _unit(unit: Unit | None) -> tuple | None:
    return None if unit is None else (unit.name, unit.type, unit.province, unit.code)


def _spans(evidence: Any, n: int) -> list[list[int] | None] | None:
    """One [start, end] per item: evidence is one [start, end] for all, or a list with one per item."""
    if not n or evidence is None:
        return None
    if _is_pair(evidence):
        return [[evidence[0], evidence[1]]] * n
    if isinstance(evidence, _SEQUENCES):
        return [[s[0], s[1]] if _is_pair(s) else None for s in evidence[:n]]
    return None


def _pair(v: Any) -> list[int] | None:
    return [v[0], v[1]] if _is_pair(v) else None


def _is_pair(v: Any) -> bool:
    return type(v) in _SEQUENCES and len(v) == 2 and type(v[0]) is int and type(v[1]) is int


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(timezone.utc).replace(tzinfo=None)
