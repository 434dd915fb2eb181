"""Which event each new report belongs to: one conference reported by three portals is one event.

Two reports match when they share an event type, their dates are at most one day apart, and they
share a key: province + cluster (by number or by name), or host unit (see rows.match_keys).
Matches are transitive; a report that bridges two existing events merges them into the older id.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from warehouse.staging import registered

# (article_id, event_date, event_type, key) for every report with a date; `src` is a table or view
_KEYED = """
    SELECT article_id, event_id, event_date, event_type, unnest(match_keys) AS match_key
    FROM (SELECT article_id, {event_id} AS event_id, event_date, unnest(event_types) AS event_type,
                 match_keys
          FROM {src} WHERE event_date IS NOT NULL {where})
"""

_PAIRS = """
WITH new AS ({new}), old AS ({old})
SELECT DISTINCT n.article_id, o.event_id FROM new n JOIN old o
  ON n.match_key = o.match_key AND n.event_type = o.event_type
 AND o.event_date BETWEEN n.event_date - 1 AND n.event_date + 1
"""

_SELF_PAIRS = """
WITH new AS ({new})
SELECT DISTINCT a.article_id, b.article_id FROM new a JOIN new b
  ON a.match_key = b.match_key AND a.event_type = b.event_type AND a.article_id < b.article_id
 AND b.event_date BETWEEN a.event_date - 1 AND a.event_date + 1
"""


@dataclass
class Assignment:
    event_of: dict[str, str] = field(default_factory=dict)      # article_id → event_id
    retired: dict[str, str] = field(default_factory=dict)       # merged-away event_id → survivor
    new_events: set[str] = field(default_factory=set)
    joined: set[str] = field(default_factory=set)               # existing events that gained a report
    reused: set[str] = field(default_factory=set)               # ids kept by re-extracted reports

    @property
    def touched(self) -> set[str]:
        """Events whose rows must be rebuilt: every event a report went to, and those merged away."""
        return set(self.event_of.values()) | set(self.retired)

    @property
    def fresh(self) -> set[str]:
        """New events with exactly one report, all of whose data is in the batch."""
        counts: dict[str, int] = {}
        for event_id in self.event_of.values():
            counts[event_id] = counts.get(event_id, 0) + 1
        return {e for e in self.new_events | self.reused if counts[e] == 1}

    def arrow(self) -> pa.Table:
        return pa.table({"article_id": pa.array(list(self.event_of), pa.string()),
                         "event_id": pa.array(list(self.event_of.values()), pa.string())})


def assign_events(con: duckdb.DuckDBPyConnection, batch: pa.Table, articles: list[str],
                  reusable: dict[str, str]) -> Assignment:
    """Give every report in `batch` (article_id, event_date, event_types, match_keys) an event id,
    matching existing events.

    `reusable` maps a re-extracted article to its old event id when that event lost its last
    report, so re-extraction keeps the id.
    """
    new_keys = _KEYED.format(event_id="NULL::VARCHAR", src="_batch", where="")
    old_keys = _KEYED.format(event_id="event_id", src="event_sources", where=(
        "AND event_date BETWEEN (SELECT min(event_date) - 1 FROM _batch) "
        "AND (SELECT max(event_date) + 1 FROM _batch)"))
    batch = batch.select(["article_id", "event_date", "event_types", "match_keys"])
    parent: dict[object, object] = {a: a for a in articles}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb

    for a, event_id in con.from_arrow(batch).query("_batch", _PAIRS.format(new=new_keys, old=old_keys)).fetchall():
        union(a, ("event", event_id))
    for a, b in con.from_arrow(batch).query("_batch", _SELF_PAIRS.format(new=new_keys)).fetchall():
        union(a, b)

    groups: dict[object, list] = {}
    for node in parent:
        groups.setdefault(find(node), []).append(node)
    result = Assignment()
    fresh: list[tuple[list[str], str | None]] = []
    for nodes in groups.values():
        events = sorted(n[1] for n in nodes if isinstance(n, tuple))
        reports = sorted(n for n in nodes if isinstance(n, str))
        if events:
            survivor = events[0]
            result.joined.add(survivor)
            result.retired.update({e: survivor for e in events[1:]})
            result.event_of.update({a: survivor for a in reports})
        else:
            fresh.append((reports, next((reusable[a] for a in reports if a in reusable), None)))
    _name_fresh(con, fresh, result)
    return result


def _name_fresh(con, fresh: list[tuple[list[str], str | None]], result: Assignment) -> None:
    """Ids for new events: the old id of a re-extracted report, else a hash of the first report."""
    claimed: set[str] = set()
    taken = _existing(con, [_event_id(reports[0]) for reports, _ in fresh])
    for reports, reuse in fresh:
        if reuse and reuse not in claimed:
            event_id = reuse
            result.reused.add(event_id)
        else:
            event_id, salt = _event_id(reports[0]), 0
            while event_id in taken or event_id in claimed:
                salt += 1
                event_id = _event_id(reports[0], salt)
                taken |= _existing(con, [event_id])
            result.new_events.add(event_id)
        claimed.add(event_id)
        result.event_of.update({a: event_id for a in reports})


def _event_id(article_id: str, salt: int = 0) -> str:
    seed = article_id if salt == 0 else f"{article_id}#{salt}"
    return "ev-" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:12]


def _existing(con: duckdb.DuckDBPyConnection, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    with registered(con, _wanted_ids=pa.table({"event_id": pa.array(ids, pa.string())})):
        return {r[0] for r in con.execute(      # event_sources: ids of this load, not yet in events
            "SELECT event_id FROM events WHERE event_id IN (SELECT event_id FROM _wanted_ids) UNION "
            "SELECT event_id FROM event_sources WHERE event_id IN (SELECT event_id FROM _wanted_ids)").fetchall()}
