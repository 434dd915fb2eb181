"""The frozen records that pass between rooms: Page → Article → EventRecord → warehouse rows."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

Span = tuple[int, int]  # [start, end) character offsets into Article.text

UNIT_TYPES = ("tỉnh", "thành phố", "thị xã", "quận", "huyện", "phường", "xã", "thị trấn", "cơ quan")
EVENT_TYPES = ("covenant_signing", "midyear_review", "annual_review", "movement_launch",
               "cross_inspection", "other")
ROLES = ("host", "member", "leader", "deputy")  # a unit's part in an event (warehouse event_units)


@dataclass(frozen=True, slots=True)
class Page:
    """One HTTP response as the crawler fetched it (live or a Wayback capture)."""
    url: str                       # as requested
    canonical_url: str             # the key: tracking/session parameters and fragments stripped
    portal_id: str | None
    fetched_at: datetime           # UTC
    status: int
    content_type: str | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None      # of the body bytes
    warc_file: str | None = None   # relative to the archive dir
    warc_offset: int | None = None
    source: str = "live"           # live | wayback
    captured_at: datetime | None = None   # Wayback capture time; None for live pages


@dataclass(frozen=True, slots=True)
class Article:
    """An article's metadata and clean text; every evidence offset points into `text`."""
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None   # YYYY-MM-DD or YYYY-MM-DDTHH:MM
    author: str | None = None
    fetched_at: datetime | None = None
    page_id: str | None = None     # Page.canonical_url of the page it was read from
    portal_id: str | None = None
    province_hint: str | None = None   # the portal's pre-2025 province, when known
    unit_hint: str | None = None       # the portal's unit, e.g. "huyện Kiên Lương"


@dataclass(frozen=True, slots=True)
class Unit:
    name: str                      # short name, no type word: "Kiên Hải"
    type: str | None = None        # one of UNIT_TYPES
    province: str | None = None    # pre-2025 province, from the gazetteer
    code: str | None = None        # gazetteer code

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "province": self.province, "code": self.code}


@dataclass(frozen=True, slots=True)
class Cluster:
    kind: str                      # cụm | khối
    number: int | None = None
    name: str | None = None        # descriptive name: "biên giới hải đảo"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "number": self.number, "name": self.name}


@dataclass(frozen=True, slots=True)
class Official:
    name: str
    title: str | None = None       # as written: "Phó Chủ tịch UBND huyện"
    unit: Unit | None = None
    roles: tuple[str, ...] = ()    # cluster_leader, cluster_deputy, chair, co_chair, attend, direct, speak, launch, sign

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title,
                "unit": self.unit.to_json() if self.unit else None, "roles": list(self.roles)}


@dataclass(frozen=True, slots=True)
class Movement:
    name: str
    canonical: str | None = None   # official national movement name, when known

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "canonical": self.canonical}


def _unit(u: Unit | None) -> dict[str, Any] | None:
    return u.to_json() if u else None


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One article's emulation-event record, shaped as shared/spec/extraction-contract.md says."""
    source: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    is_event: bool = False
    event_types: tuple[str, ...] = ()
    event_date: str | None = None
    period: str | None = None
    cluster: Cluster | None = None
    province: str | None = None
    host: Unit | None = None
    venue: str | None = None
    members: tuple[Unit, ...] = ()
    cluster_leader: Unit | None = None
    cluster_deputy: Unit | None = None
    officials: tuple[Official, ...] = ()
    movements: tuple[Movement, ...] = ()
    theme: str | None = None
    # field name → sentence span, or one span per item for list fields
    evidence: dict[str, Any] = field(default_factory=dict, compare=False)
    extractor_version: str = ""
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON object, plus `evidence` and `extractor_version` (and `error` if any)."""
        if self.error is not None:
            return {"source": self.source, "error": self.error}
        return {
            "source": self.source, "title": self.title, "published": self.published,
            "author": self.author, "is_event": self.is_event,
            "event_types": list(self.event_types), "event_date": self.event_date,
            "period": self.period, "cluster": self.cluster.to_json() if self.cluster else None,
            "province": self.province, "host": _unit(self.host), "venue": self.venue,
            "members": [m.to_json() for m in self.members],
            "cluster_leader": _unit(self.cluster_leader), "cluster_deputy": _unit(self.cluster_deputy),
            "officials": [o.to_json() for o in self.officials],
            "movements": [m.to_json() for m in self.movements],
            "theme": self.theme,
            "evidence": {k: _plain(v) for k, v in self.evidence.items()},
            "extractor_version": self.extractor_version,
        }


def _plain(v: Any) -> Any:
    if isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, int) for x in v):
        return [v[0], v[1]]
    if isinstance(v, (tuple, list)):
        return [_plain(x) for x in v]
    return v
