"""RunLock: one holder at a time, a note naming it, a dead holder's note taken over."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from schema import ThiduaError
from thidua.lock import LOCKED, RunLock, holder_of, read_holder


def test_second_holder_is_refused_with_exit_3_and_the_first_holders_pid(tmp_path):
    db = tmp_path / "t.duckdb"
    with RunLock(db, "run-a"):
        assert holder_of(db).run_id == "run-a"
        with pytest.raises(ThiduaError) as refused:
            with RunLock(db, "run-b"):
                pass
    assert refused.value.exit_code == LOCKED
    assert f"pid {os.getpid()}" in str(refused.value)
    assert holder_of(db) is None and not (tmp_path / "t.duckdb.run.json").exists()


def test_note_of_a_killed_holder_is_reported_as_taken_over(tmp_path):
    db = tmp_path / "t.duckdb"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    (tmp_path / "t.duckdb.run.json").write_text(json.dumps(
        {"pid": pid, "host": os.uname().nodename, "started": "2025-01-01T02:30:00+00:00", "run_id": "run-old"}))
    assert read_holder(tmp_path / "t.duckdb.run.json").alive() is False
    with RunLock(db, "run-new") as lock:
        assert lock.stale.run_id == "run-old" and lock.stale.pid == pid
        assert read_holder(lock.note).run_id == "run-new"


def test_lock_held_by_another_process_is_seen(tmp_path):
    db = tmp_path / "t.duckdb"
    code = (f"import sys, time; from pathlib import Path; from thidua.lock import RunLock\n"
            f"with RunLock(Path({str(db)!r}), 'run-other'):\n    print('held', flush=True); sys.stdin.readline()")
    other = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "held"
        assert holder_of(db).pid == other.pid
        with pytest.raises(ThiduaError, match=f"pid {other.pid}"):
            RunLock(db).__enter__()
    finally:
        other.communicate("\n", timeout=30)
    with RunLock(db) as lock:
        assert lock.stale is None
