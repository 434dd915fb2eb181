"""(Article, EventRecord) → column lists for articles, records, event_sources and the child tables."""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from datetime import date, datetime, timezone
from typing import Any

import duckdb
import pyarrow as pa

from schema import Article, EventRecord, ThiduaError, Unit
from warehouse.names import name_key, unit_key

_ARROW = {"VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
          "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
          "VARCHAR[]": pa.list_(pa.string())}


def article_id(article: Article) -> str:
    """The article's key: its page's canonical URL, else its URL, else a hash of its text."""
    return article.page_id or article.url or "sha256:" + text_sha256(article.text)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Rows:
    """Column lists, one dict per table, filled record by record and handed to DuckDB as Arrow."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))

    def add(self, table: str, **values: Any) -> None:
        cols = self.tables[table]
        for k, v in values.items():
            cols[k].append(v)

    def arrow(self, con: duckdb.DuckDBPyConnection, table: str) -> pa.Table:
        """The rows for `table`, typed after the table's own columns (no inference from Python values)."""
        types = dict(con.execute(f"SELECT column_name, data_type FROM duckdb_columns() "
                                 f"WHERE table_name = '{table}' AND schema_name = 'main' "
                                 f"AND database_name = current_database()").fetchall())
        cols = self.tables.get(table, {})
        return pa.table({k: pa.array(v, type=_ARROW[types[k]]) for k, v in cols.items()})

    def count(self, table: str) -> int:
        cols = self.tables.get(table)
        return len(next(iter(cols.values()))) if cols else 0

    def add_article(self, aid: str, article: Article, record: EventRecord, sha: str,
                    load_id: str, now: datetime) -> None:
        """The article row and its whole record as JSON; then its event rows when it reports one."""
        data = record.to_json()
        version = record.extractor_version or ""
        self.add("articles", article_id=aid, page_id=article.page_id, url=article.url,
                 portal_id=article.portal_id, title=article.title or record.title,
                 published=article.published or record.published,
                 published_date=_day(article.published or record.published, aid, "published", strict=False),
                 author=article.author or record.author, fetched_at=_utc(article.fetched_at),
                 province_hint=article.province_hint, unit_hint=article.unit_hint, text=article.text,
                 text_sha256=sha, extractor_version=version, is_event=_is_event(record),
                 load_id=load_id, loaded_at=now)
        self.add("records", article_id=aid, extractor_version=version, is_event=_is_event(record),
                 error=record.error, record=json.dumps(data, ensure_ascii=False))
        if _is_event(record):
            self._add_event(aid, article, record, data.get("evidence", {}), load_id)

    def _add_event(self, aid: str, article: Article, record: EventRecord, evidence: dict,
                   load_id: str) -> None:
        ev = record.evidence or {}
        province = record.province or article.province_hint
        host, leader, deputy = record.host, record.cluster_leader, record.cluster_deputy
        cluster = record.cluster
        self.add("event_sources", article_id=aid, event_date=_day(record.event_date, aid, "event_date"),
                 event_types=list(record.event_types), period=record.period,
                 cluster_kind=cluster.kind if cluster else None,
                 cluster_number=cluster.number if cluster else None,
                 cluster_name=cluster.name if cluster else None, province=record.province,
                 **_unit_cols("host", host), venue=record.venue, **_unit_cols("leader", leader),
                 **_unit_cols("deputy", deputy), theme=record.theme,
                 host_key=_ukey(host), leader_key=_ukey(leader), deputy_key=_ukey(deputy),
                 match_keys=match_keys(record, province),
                 evidence=json.dumps(evidence), load_id=load_id)
        for role, field, units in (("host", "host", [host]), ("leader", "cluster_leader", [leader]),
                                   ("deputy", "cluster_deputy", [deputy]),
                                   ("member", "members", record.members)):
            for i, unit in enumerate(units):
                if unit is None or not unit.name:
                    continue
                start, end = _span(ev.get(field), i, len(units))
                self.add("event_units", article_id=aid, role=role, ord=i, name=unit.name,
                         type=unit.type, province=unit.province, code=unit.code,
                         unit_key=unit_key(unit.name, unit.type), span_start=start, span_end=end)
        for i, o in enumerate(record.officials):
            start, end = _span(ev.get("officials"), i, len(record.officials))
            self.add("officials", article_id=aid, ord=i, name=o.name, title=o.title,
                     **_unit_cols("unit", o.unit),
                     roles=list(o.roles), official_key=name_key(o.name), span_start=start, span_end=end)
        for i, m in enumerate(record.movements):
            start, end = _span(ev.get("movements"), i, len(record.movements))
            self.add("event_movements", article_id=aid, ord=i, name=m.name, canonical=m.canonical,
                     movement_key=name_key(m.canonical or m.name), span_start=start, span_end=end)


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


def _is_event(record: EventRecord) -> bool:
    return bool(record.is_event) and record.error is None


def _ukey(unit: Unit | None) -> str | None:
    return unit_key(unit.name, unit.type) if unit and unit.name else None


def _unit_cols(prefix: str, unit: Unit | None) -> dict[str, Any]:
    if unit is None or not unit.name:
        return {f"{prefix}_name": None, f"{prefix}_type": None, f"{prefix}_province": None,
                f"{prefix}_code": None}
    return {f"{prefix}_name": unit.name, f"{prefix}_type": unit.type,
            f"{prefix}_province": unit.province, f"{prefix}_code": unit.code}


def _span(evidence: Any, i: int, n: int) -> tuple[int | None, int | None]:
    """Item i's span: evidence is one [start, end] (for every item) or a list with one per item."""
    if _is_pair(evidence):
        return int(evidence[0]), int(evidence[1])
    if isinstance(evidence, (list, tuple)) and i < len(evidence) and _is_pair(evidence[i]):
        return int(evidence[i][0]), int(evidence[i][1])
    return None, None


def _is_pair(v: Any) -> bool:
    return isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, int) for x in v)


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
