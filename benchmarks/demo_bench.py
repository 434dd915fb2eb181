"""Wall time of `thidua demo` in a new temporary directory, as a newcomer runs it (target: < 120 s).

Run: .venv/bin/python benchmarks/demo_bench.py [--runs N]
With --fresh-venv it also times `python3 -m venv … && pip install .` of this checkout first.
"""
from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 120.0


def timed(cmd: list[str], cwd: Path) -> float:
    started = time.monotonic()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--fresh-venv", action="store_true")
    args = parser.parse_args()
    thidua = Path(sys.executable).with_name("thidua")
    with tempfile.TemporaryDirectory() as tmp:
        if args.fresh_venv:
            venv = Path(tmp) / "venv"
            took = timed([sys.executable, "-m", "venv", str(venv)], Path(tmp))
            took += timed([str(venv / "bin" / "pip"), "install", "-q", str(ROOT)], Path(tmp))
            thidua = venv / "bin" / "thidua"
            print(f"install into a new venv: {took:.1f} s")
        for n in range(args.runs):
            work = Path(tmp) / f"demo{n}"
            work.mkdir()
            took = timed([str(thidua), "demo", "--quiet"], work)
            with open(work / "thidua-demo" / "cluster_conferences.csv", encoding="utf-8-sig") as f:
                rows = sum(1 for _ in csv.DictReader(f))
            verdict = "ok" if took < TARGET_S else "SLOWER THAN TARGET"
            print(f"thidua demo run {n + 1}: {took:.1f} s wall, {rows} conferences in the CSV "
                  f"(target < {TARGET_S:.0f} s: {verdict})")
            shutil.rmtree(work)


if __name__ == "__main__":
    main()
