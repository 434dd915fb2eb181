"""Size cap: read a streamed response up to max bytes (and a time budget), else refuse it."""
from __future__ import annotations

import time

import requests


class TooLarge(Exception):
    pass


class TooSlow(Exception):
    pass


def read_capped(response: requests.Response, max_bytes: int, budget_s: float) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(f"Content-Length {declared} exceeds {max_bytes} bytes")
    started, chunks, size = time.monotonic(), [], 0
    for chunk in response.iter_content(chunk_size=65536):
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(f"body exceeds {max_bytes} bytes")
        if time.monotonic() - started > budget_s:
            raise TooSlow(f"body not read within {budget_s:.0f}s")
        chunks.append(chunk)
    return b"".join(chunks)
