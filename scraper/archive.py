"""Raw archive: every request and response written to rotating .warc.gz files (warcio)."""
from __future__ import annotations

import io
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# thidua's own WARC headers make the archive self-describing for `thidua reextract`
KIND, PORTAL, CANONICAL = "WARC-Thidua-Kind", "WARC-Thidua-Portal", "WARC-Thidua-Canonical"


@dataclass(frozen=True, slots=True)
class Record:
    url: str
    canonical_url: str
    portal_id: str | None
    kind: str | None
    status: int
    headers: dict[str, str]
    body: bytes
    date: str
    warc_file: str
    warc_offset: int


class Archive:
    def __init__(self, directory: str | Path, rotate_bytes: int = 100_000_000):
        self.directory = Path(directory)
        self.rotate_bytes = rotate_bytes
        self._lock = threading.Lock()
        self._file = None
        self._name: str | None = None
        self._seq = 0

    def write(self, url: str, method: str, request_headers: dict[str, str], status: int, reason: str,
              response_headers: list[tuple[str, str]], body: bytes, *, canonical: str, portal_id: str | None,
              kind: str | None) -> tuple[str, int]:
        """Append a request and its response; returns (file name, offset of the response record)."""
        extra = {CANONICAL: canonical, KIND: kind or "", PORTAL: portal_id or ""}
        records = io.BytesIO()      # built outside the lock, written with one call: other threads wait less
        writer = WARCWriter(records, gzip=True)
        response = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), warc_headers_dict=extra,
            http_headers=StatusAndHeaders(f"{status} {reason or ''}".strip(), _plain(response_headers),
                                          protocol="HTTP/1.1"))
        request = writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""), length=0,
            warc_headers_dict={**extra, "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")},
            http_headers=StatusAndHeaders(f"{method} {_path(url)} HTTP/1.1", list(request_headers.items()),
                                          is_http_request=True))
        writer.write_record(response)
        writer.write_record(request)
        with self._lock:
            handle = self._open()
            offset = handle.tell()
            handle.write(records.getbuffer())
            handle.flush()                 # on disk when the page is recorded as fetched
            return self._name, offset

    def close(self) -> None:
        with self._lock:
            if self._file:
                self._file.close()
                self._file = None

    def _open(self):
        if self._file is not None and self._file.tell() < self.rotate_bytes:
            return self._file
        if self._file is not None:
            self._file.close()
        self.directory.mkdir(parents=True, exist_ok=True)
        self._seq += 1
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
        # a new file per process and rotation: a killed run never leaves a file that is appended to again
        self._name = f"thidua-{stamp}-{os.getpid()}-{self._seq:05d}.warc.gz"
        self._file = open(self.directory / self._name, "ab")
        return self._file


def _plain(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    # the body is stored decoded; its original encoding and length headers would misdescribe it
    return [(k, v) for k, v in headers if k.lower() not in ("content-encoding", "transfer-encoding", "content-length")]


def _path(url: str) -> str:
    rest = url.split("://", 1)[-1]
    return "/" + rest.split("/", 1)[1] if "/" in rest else "/"


def read_records(directory: str | Path) -> Iterator[Record]:
    """Every response record in the archive, oldest file first; a truncated last record is skipped."""
    for path in sorted(Path(directory).glob("*.warc.gz")):
        with open(path, "rb") as handle:
            iterator = ArchiveIterator(handle)
            try:
                for record in iterator:
                    if record.rec_type != "response":
                        continue
                    yield _record(record, path.name, iterator.get_record_offset())
            except Exception:    # noqa: BLE001 - a crash mid-write leaves a torn gzip member at the end
                continue


def read_record(directory: str | Path, warc_file: str, offset: int) -> Record:
    with open(Path(directory) / warc_file, "rb") as handle:
        handle.seek(offset)
        for record in ArchiveIterator(handle):
            return _record(record, warc_file, offset)
    raise ValueError(f"no record at {warc_file}:{offset}")


def _record(record, name: str, offset: int) -> Record:
    headers = record.http_headers
    return Record(url=record.rec_headers.get_header("WARC-Target-URI"),
                  canonical_url=record.rec_headers.get_header(CANONICAL) or record.rec_headers.get_header("WARC-Target-URI"),
                  portal_id=record.rec_headers.get_header(PORTAL) or None,
                  kind=record.rec_headers.get_header(KIND) or None,
                  status=int(headers.get_statuscode() or 0), headers=dict(headers.headers),
                  body=record.content_stream().read(), date=record.rec_headers.get_header("WARC-Date"),
                  warc_file=name, warc_offset=offset)
