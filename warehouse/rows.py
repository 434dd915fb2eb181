"""(Article, EventRecord) → rows for articles, records, event_sources and the child tables."""
from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timezone
from typing import Any

import duckdb
import orjson
import pyarrow as pa

from schema import Article, EventRecord, ThiduaError, Unit
from warehouse.names import name_key, unit_key

ARROW = {"VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
          "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
          "VARCHAR[]": pa.list_(pa.string())}
_UNIT = ("name", "type", "province", "code")

# the columns each batch fills, in the order Rows appends them (event_id comes from dedupe)
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id", "page_id", "url", "portal_id", "title", "published", "published_date",
                 "author", "fetched_at", "province_hint", "unit_hint", "text",
                 "extractor_version", "is_event", "load_id", "loaded_at"),
    "records": ("article_id", "extractor_version", "is_event", "error", "record"),
    "event_sources": ("article_id", "event_date", "event_types", "period", "cluster_kind",
                      "cluster_number", "cluster_name", "province",
                      *(f"host_{k}" for k in _UNIT), "venue", *(f"leader_{k}" for k in _UNIT),
                      *(f"deputy_{k}" for k in _UNIT), "theme", "host_key", "leader_key",
                      "deputy_key", "members", "officials", "movements", "member_keys", "official_keys",
                      "movement_keys", "match_keys", "evidence", "load_id"),
    "event_units": ("article_id", "role", "ord", "name", "type", "province", "code", "unit_key",
                    "span_start", "span_end"),
    "officials": ("article_id", "ord", "name", "title", *(f"unit_{k}" for k in _UNIT), "roles",
                  "official_key", "span_start", "span_end"),
    "event_movements": ("article_id", "ord", "name", "canonical", "movement_key", "span_start",
                        "span_end"),
}
_NO_UNIT = (None, None, None, None)
_SEQUENCES = (list, tuple)


def column_types(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """table → column → DuckDB type, for the tables Rows fills."""
    return {table: dict(con.execute("SELECT name, type FROM pragma_table_info(?)", [table]).fetchall())
            for table in COLUMNS}


def article_id(article: Article) -> str:
    """The article's key: its page's canonical URL, else its URL, else a hash of its text."""
    return article.page_id or article.url or "sha256:" + text_sha256(article.text)


def text_sha256(text: str) -> str:
    """The same hex digest DuckDB's sha256(text) gives, which the loader uses."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Rows:
    """Row tuples per table, filled record by record and handed to DuckDB as Arrow."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple]] = {table: [] for table in COLUMNS}

    def arrow(self, types: dict[str, dict[str, str]], table: str) -> pa.Table:
        """The rows for `table`, typed after the table's own columns (see column_types)."""
        names = COLUMNS[table]
        values = list(zip(*self.rows[table])) or [()] * len(names)
        return pa.table({n: pa.array(v, type=ARROW[types[table][n]]) for n, v in zip(names, values)})

    def count(self, table: str) -> int:
        return len(self.rows[table])

    def add_article(self, aid: str, article: Article, record: EventRecord, load_id: str,
                    now: datetime) -> bool:
        """The article row and its whole record as JSON, then its event rows; True for an event."""
        version = record.extractor_version or ""
        is_event = bool(record.is_event) and record.error is None
        published = article.published or record.published
        self.rows["articles"].append((
            aid, article.page_id, article.url, article.portal_id, article.title or record.title,
            published, _day(published, aid, "published", strict=False), article.author or record.author,
            _utc(article.fetched_at), article.province_hint, article.unit_hint, article.text,
            version, is_event, load_id, now))
        self.rows["records"].append((aid, version, is_event, record.error, record_json(record)))
        if is_event:
            self._add_event(aid, article, record, load_id)
        return is_event

    def _add_event(self, aid: str, article: Article, record: EventRecord, load_id: str) -> None:
        ev = record.evidence or {}
        host, leader, deputy, cluster = record.host, record.cluster_leader, record.cluster_deputy, record.cluster
        self.rows["event_sources"].append((
            aid, _day(record.event_date, aid, "event_date"), list(record.event_types), record.period,
            cluster.kind if cluster else None, cluster.number if cluster else None,
            cluster.name if cluster else None, record.province, *_unit(host), record.venue,
            *_unit(leader), *_unit(deputy), record.theme, _ukey(host), _ukey(leader), _ukey(deputy),
            *_labels(record), match_keys(record, record.province or article.province_hint),
            _field_evidence(aid, record), load_id))
        units = self.rows["event_units"]
        for role, field, unit in (("host", "host", host), ("leader", "cluster_leader", leader),
                                  ("deputy", "cluster_deputy", deputy)):
            if unit is not None and unit.name:
                units.append((aid, role, 0, *_unit(unit), unit_key(unit.name, unit.type),
                              *_spans(ev.get(field), 1)[0]))
        spans = _spans(ev.get("members"), len(record.members))
        units.extend((aid, "member", i, *_unit(u), unit_key(u.name, u.type), *spans[i])
                     for i, u in enumerate(record.members) if u.name)
        spans = _spans(ev.get("officials"), len(record.officials))
        self.rows["officials"].extend(
            (aid, i, o.name, o.title, *_unit(o.unit), list(o.roles), name_key(o.name), *spans[i])
            for i, o in enumerate(record.officials))
        spans = _spans(ev.get("movements"), len(record.movements))
        self.rows["event_movements"].extend(
            (aid, i, m.name, m.canonical, name_key(m.canonical or m.name), *spans[i])
            for i, m in enumerate(record.movements))


def record_json(record: EventRecord) -> bytes:
    """record.to_json() as UTF-8 JSON, built in one pass (tests keep the two equal)."""
    if record.error is None:
        c = record.cluster
        data = {
            "source": record.source, "title": record.title, "published": record.published,
            "author": record.author, "is_event": record.is_event, "event_types": record.event_types,
            "event_date": record.event_date, "period": record.period,
            "cluster": {"kind": c.kind, "number": c.number, "name": c.name} if c else None,
            "province": record.province, "host": _unit_json(record.host), "venue": record.venue,
            "members": [_unit_json(m) for m in record.members],
            "cluster_leader": _unit_json(record.cluster_leader),
            "cluster_deputy": _unit_json(record.cluster_deputy),
            "officials": [{"name": o.name, "title": o.title, "unit": _unit_json(o.unit), "roles": o.roles}
                          for o in record.officials],
            "movements": [{"name": m.name, "canonical": m.canonical} for m in record.movements],
            "theme": record.theme, "evidence": record.evidence or {},
            "extractor_version": record.extractor_version}
        try:
            return orjson.dumps(data)
        except TypeError:
            pass
    return json.dumps(record.to_json(), ensure_ascii=False, default=str).encode("utf-8")


def _unit_json(u: Unit | None) -> dict | None:
    return {"name": u.name, "type": u.type, "province": u.province, "code": u.code} if u else None


# the contract's single-valued fields, as `events` merges them (and events.evidence names them)
FIELDS = ("event_date", "period", "cluster", "province", "host", "venue", "cluster_leader",
          "cluster_deputy", "theme")


def _field_evidence(aid: str, record: EventRecord) -> bytes:
    """field → {"article_id", "span"} where this record gives the field a value, else null."""
    ev = record.evidence or {}
    data: dict[str, Any] = {}
    for name in FIELDS:
        value = getattr(record, name)
        data[name] = None
        if value is not None and (not isinstance(value, Unit) or value.name):
            span = ev.get(name)
            data[name] = {"article_id": aid, "span": list(span) if _is_pair(span) else None}
    return orjson.dumps(data)


def _labels(record: EventRecord) -> tuple[list[str], ...]:
    """Members, officials and movements as a reader sees them, each once, then their keys."""
    members: dict[str, str] = {}
    for u in record.members:
        if u.name:
            members.setdefault(unit_key(u.name, u.type), label(u))
    people: dict[str, tuple[str, str | None]] = {}
    for o in record.officials:
        key = name_key(o.name)
        name, title = people.get(key, (o.name, None))
        if len(o.title or "") > len(title or ""):
            title = o.title
        people[key] = (name, title)
    movements: dict[str, str] = {}
    for m in record.movements:
        movements.setdefault(name_key(m.canonical or m.name), m.canonical or m.name)
    return (list(members.values()), [f"{n} ({t})" if t else n for n, t in people.values()],
            list(movements.values()), list(members), list(people), list(movements))


def label(unit: Unit) -> str:
    """"huyện Kiên Hải"; the name alone when the type is unknown (the views' unit_label)."""
    return f"{unit.type} {unit.name}" if unit.type else unit.name


def match_keys(record: EventRecord, province: str | None) -> list[str]:
    """Keys two reports of one event share: province + cluster (by number and by name), and host."""
    keys = []
    place = name_key(province)
    c = record.cluster
    if c and place:
        if c.number is not None:
            keys.append(f"cluster|{place}|{c.kind}|{c.number}")
        if c.name:
            keys.append(f"cluster|{place}|{c.kind}|{name_key(c.name)}")
    if record.host and record.host.name:
        host_place = name_key(record.host.province or province)
        keys.append(f"host|{host_place}|{unit_key(record.host.name, record.host.type)}")
    return keys


def _ukey(unit: Unit | None) -> str | None:
    return unit_key(unit.name, unit.type) if unit and unit.name else None


def _unit(unit: Unit | None) -> tuple:
    if unit is None or not unit.name:
        return _NO_UNIT
    return (unit.name, unit.type, unit.province, unit.code)


def _spans(evidence: Any, n: int) -> list[tuple[int | None, int | None]]:
    """One (start, end) per item: evidence is one [start, end] for all, or a list with one per item."""
    if _is_pair(evidence):
        return [(evidence[0], evidence[1])] * n
    if isinstance(evidence, (list, tuple)):
        spans = [(s[0], s[1]) if _is_pair(s) else (None, None) for s in evidence[:n]]
        return spans + [(None, None)] * (n - len(spans))
    return [(None, None)] * n


def _is_pair(v: Any) -> bool:
    return type(v) in _SEQUENCES and len(v) == 2 and type(v[0]) is int and type(v[1]) is int


def _day(value: str | None, aid: str, field: str, strict: bool = True) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        if strict:
            raise ThiduaError(f"{aid}: {field} {value!r} is not an ISO date") from None
        return None


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(timezone.utc).replace(tzinfo=None)
