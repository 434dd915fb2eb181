"""The Wayback Machine's CDX API and replay addresses: which captures a host has, and where the raw
bytes of one capture are (the `id_` form replays the page as captured, without the archive's toolbar)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest")
_REPLAY = re.compile(r"/web/(\d{4,14})id_/(.+)$")


@dataclass(frozen=True, slots=True)
class Capture:
    timestamp: str               # YYYYMMDDhhmmss as the archive writes it (UTC)
    original: str                # the URL as the portal served it
    mimetype: str | None = None
    digest: str | None = None

    @property
    def captured_at(self) -> datetime:
        return capture_time(self.timestamp)

    def replay_url(self, base: str) -> str:
        return f"{base.rstrip('/')}/web/{self.timestamp}id_/{self.original}"


@dataclass(frozen=True, slots=True)
class CdxPage:
    captures: tuple[Capture, ...]
    resume_key: str | None       # None: the listing is complete


def cdx_url(base: str, host: str, *, from_year: int | None = None, to_year: int | None = None,
            limit: int | None = 1000, resume_key: str | None = None) -> str:
    """One listing request: HTML captures answered 200, one per URL (collapse=urlkey), in pages of `limit`.

    Example: cdx_url("https://web.archive.org", "kienluong.kiengiang.gov.vn", from_year=2015, to_year=2025)
    """
    params = [("url", f"{host}/*"), ("output", "json"), ("fl", ",".join(FIELDS)),
              ("filter", "statuscode:200"), ("filter", "mimetype:text/html"), ("collapse", "urlkey")]
    if from_year:
        params.append(("from", str(from_year)))
    if to_year:
        params.append(("to", str(to_year)))
    if limit:                              # without a limit: the listing's key, whatever the page size
        params += [("limit", str(limit)), ("showResumeKey", "true")]
    if resume_key:
        params.append(("resumeKey", resume_key))
    return f"{base.rstrip('/')}/cdx/search/cdx?{urlencode(params)}"


def parse_cdx(body: bytes) -> CdxPage:
    """The JSON answer: a header row, capture rows, then (when more remain) an empty row and [resumeKey].

    Raises ValueError on anything else (an error page, a truncated answer).
    """
    text = body.decode("utf-8", errors="replace").strip()
    if not text:
        return CdxPage((), None)
    rows = json.loads(text)
    if not isinstance(rows, list) or (rows and not isinstance(rows[0], list)):
        raise ValueError("not a CDX JSON answer")
    if not rows:
        return CdxPage((), None)
    header, captures, resume_key = rows[0], [], None
    for n, row in enumerate(rows[1:], 1):
        if not row:
            tail = rows[n + 1] if n + 1 < len(rows) else []
            resume_key = tail[0] if tail else None
            break
        values = dict(zip(header, row))
        if values.get("timestamp") and values.get("original"):
            captures.append(Capture(values["timestamp"], values["original"], values.get("mimetype"),
                                    values.get("digest")))
    return CdxPage(tuple(captures), resume_key)


def capture_time(timestamp: str) -> datetime:
    """"20190315083000" → 2019-03-15 08:30:00 (UTC); shorter stamps are padded as the archive does."""
    digits = (timestamp + "01010000000000"[len(timestamp) - 4:])[:14] if len(timestamp) < 14 else timestamp[:14]
    return datetime.strptime(digits, "%Y%m%d%H%M%S")


def from_replay(url: str) -> tuple[str, str] | None:
    """(timestamp, original) of a replay address, or None. The archive may redirect to the nearest capture."""
    m = _REPLAY.search(url)
    return (m.group(1), m.group(2)) if m else None
