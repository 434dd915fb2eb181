"""RunLock: one scheduled run at a time per database — a file lock beside it, plus a note of who holds it.

The lock is an OS file lock (filelock), which the kernel drops when its process dies, so a run killed
with SIGKILL never blocks the next one. The note (`<db>.run.json`: pid, host, start) names the holder
in the "already running" message, and a note left behind tells the next run it took over after a
killed run.
"""
from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock, Timeout

from schema import ThiduaError

LOCKED = 3                                # exit status when another run holds the lock


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    started: str
    run_id: str | None = None

    def alive(self) -> bool:
        """Whether the holder's process still exists (only knowable on this host)."""
        if self.host != socket.gethostname():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def describe(self) -> str:
        return f"pid {self.pid} on {self.host}, started {self.started}"


class RunLock:
    """`with RunLock(db, run_id) as lock:` — raises ThiduaError(exit 3) when another run holds it.

    Example: with RunLock(Path("thidua.duckdb"), "run-1") as lock: print(lock.stale)
    """

    def __init__(self, db: Path, run_id: str | None = None):
        self.path = Path(f"{db}.lock")
        self.note = Path(f"{db}.run.json")
        self.run_id = run_id
        self.stale: Holder | None = None          # the killed run whose lock this one took over
        self._lock = FileLock(str(self.path), timeout=0)

    def __enter__(self) -> "RunLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire()
        except Timeout:
            holder = read_holder(self.note)
            who = f" ({holder.describe()})" if holder else ""
            raise ThiduaError(f"another thidua run holds {self.path}{who}; this run stops", LOCKED) from None
        self.stale = read_holder(self.note)       # we hold the lock, so whoever wrote this note is gone
        me = Holder(os.getpid(), socket.gethostname(),
                    datetime.now(timezone.utc).isoformat(timespec="seconds"), self.run_id)
        tmp = self.note.with_name(self.note.name + ".tmp")
        tmp.write_text(json.dumps(me.__dict__), encoding="utf-8")
        os.replace(tmp, self.note)
        return self

    def __exit__(self, *exc) -> None:
        self.note.unlink(missing_ok=True)
        self._lock.release()


def read_holder(note: Path) -> Holder | None:
    """The run named in a lock note, or None when there is none (or it is unreadable)."""
    try:
        data = json.loads(note.read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data["started"]), data.get("run_id"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def holder_of(db: Path) -> Holder | None:
    """Who runs against `db` right now, for `thidua status`; None when no run is in progress."""
    holder = read_holder(Path(f"{db}.run.json"))
    if holder is None:
        return None
    probe = FileLock(f"{db}.lock", timeout=0)
    try:
        probe.acquire()
    except Timeout:
        return holder
    probe.release()
    return None
