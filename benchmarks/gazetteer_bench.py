"""Gazetteer benchmark: load time, first and warm lookups, surface forms, memory.

    .venv/bin/python benchmarks/gazetteer_bench.py

Targets: Gazetteer.load() < 0.5 s in a fresh process (wards are indexed on first ward lookup).
Run it in a fresh interpreter: load() is cached per process.
"""
from __future__ import annotations

import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

NAMES = ["huyện Kiên Hải", "TP. Hà Tiên", "TX Duyên Hải", "Châu Thành", "Đăk Hà", "Ia H’Drai",
         "Phan Rang - Tháp Chàm", "tỉnh Đồng Tháp", "Hòa Bình", "Quận 1"]


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main() -> None:
    from extract import gazetteer  # noqa: PLC0415 — imported here so the import is timed apart
    load = gazetteer._load
    gaz, t_load = timed(load)
    _, t_district = timed(lambda: gaz.resolve("huyện Kiên Hải"))
    _, t_ward = timed(lambda: gaz.resolve("xã An Hiệp"))
    _, t_warm = timed(lambda: [gaz.resolve(n, year=2020) for n in NAMES * 100])
    forms, t_forms = timed(lambda: list(gaz.surface_forms()))
    print(f"load                {t_load * 1000:8.1f} ms  ({len(gaz.places())} places)")
    print(f"first district find {t_district * 1000:8.1f} ms")
    print(f"first ward find     {t_ward * 1000:8.1f} ms  (builds the ward index)")
    print(f"warm resolve        {t_warm / (len(NAMES) * 100) * 1e6:8.1f} µs per name")
    print(f"surface_forms()     {t_forms * 1000:8.1f} ms  ({len(forms)} forms, provinces + districts)")
    print(f"max RSS             {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.1f} MB (whole process)")
    load.cache_clear()
    tracemalloc.start()
    gaz = load()
    gaz.resolve("xã An Hiệp")
    print(f"gazetteer memory    {tracemalloc.get_traced_memory()[0] / 1e6:8.1f} MB (loaded, all indexes)")


if __name__ == "__main__":
    main()
