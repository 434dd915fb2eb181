"""Warehouse benchmark: load 100,000 synthetic event articles, reload them, export the CSV.

    .venv/bin/python benchmarks/warehouse_bench.py [--events 100000] [--db /tmp/bench.duckdb]

Targets on the 2-core build machine: load ≤ 5 s, export ≤ 2 s, peak memory ≤ 600 MB.
About one event in twenty is also reported by a second portal, so the dedupe path is exercised.
The input is generated lazily, as a crawl hands batches over; its own cost is printed and is part of
the load timings. Other processes on the machine slow every figure: the load average is printed.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Iterator

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from schema import EVENT_TYPES, Article, Cluster, EventRecord, Movement, Official, Unit  # noqa: E402
from warehouse import connect, export, load_records  # noqa: E402

SYLLABLES = ("An", "Bình", "Châu", "Đông", "Giang", "Hà", "Hòa", "Kiên", "Long", "Minh", "Ninh",
             "Phú", "Quảng", "Sơn", "Tân", "Thạnh", "Tiên", "Trà", "Vĩnh", "Xuân", "Hải", "Lương")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi")
TITLES = ("Chủ tịch UBND huyện", "Phó Chủ tịch UBND huyện", "Bí thư Huyện ủy", "Trưởng Ban Thi đua")
MOVEMENTS = ("Cả nước chung sức xây dựng nông thôn mới", "Vì người nghèo", "Chuyển đổi số")
WORDS = ("hội nghị", "cụm thi đua", "ký kết", "giao ước", "phong trào", "đơn vị", "năm", "kết quả",
         "tổ chức", "triển khai", "nhiệm vụ", "thành viên", "đánh giá", "báo cáo", "tiêu chí")


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"


def synthetic(n: int, seed: int = 7) -> Iterator[tuple[Article, EventRecord]]:
    """n article/record pairs, generated lazily; every twentieth repeats an earlier event elsewhere."""
    rng = random.Random(seed)
    provinces = [f"Tỉnh {_name(rng)} {i}" for i in range(63)]
    districts = {p: [Unit(f"{_name(rng)} {j}", "huyện", p, f"{i:02d}{j:03d}") for j in range(12)]
                 for i, p in enumerate(provinces)}
    start = date(2015, 1, 1)
    bodies = [" ".join(rng.choice(WORDS) for _ in range(110)) for _ in range(500)]
    recent: list[EventRecord] = []
    for i in range(n):
        portal = f"portal-{i % 700}"
        url = f"https://{portal}.example.gov.vn/tin-tuc/{i}"
        body = f"{rng.choice(bodies)} (tin số {i})"
        if recent and i % 20 == 19:
            record = EventRecord(**{**_fields(rng.choice(recent)), "source": url})
        else:
            province = rng.choice(provinces)
            units = rng.sample(districts[province], rng.randint(4, 8))
            day = start + timedelta(days=rng.randrange(3800))
            record = EventRecord(
                source=url, is_event=True, event_types=(rng.choice(EVENT_TYPES),),
                event_date=day.isoformat(), period=str(day.year),
                cluster=Cluster("cụm", rng.randint(1, 10), None), province=province, host=units[0],
                venue=f"Hội trường UBND huyện {units[0].name}", members=tuple(units),
                cluster_leader=units[1], cluster_deputy=units[2],
                officials=tuple(Official(f"{rng.choice(SURNAMES)} Văn {_name(rng)}", rng.choice(TITLES),
                                         rng.choice(units), ("attend",)) for _ in range(rng.randint(2, 4))),
                movements=(Movement(rng.choice(MOVEMENTS)),),
                evidence={"event_date": [0, 40], "members": [[40 + 10 * k, 48 + 10 * k] for k in range(len(units))],
                          "host": [0, 60]},
                extractor_version="bench-1")
            recent = (recent + [record])[-200:]
        yield (Article(text=body, url=url, page_id=url, portal_id=portal, title=f"Tin {i}",
                       published=record.event_date, fetched_at=datetime(2025, 1, 1, 8, 0)), record)


def _fields(record: EventRecord) -> dict:
    return {f: getattr(record, f) for f in record.__dataclass_fields__}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def duckdb_floor(loaded: Path, fresh: Path) -> float:
    """Seconds DuckDB takes to insert the rows of a loaded file's tables into a fresh file and commit:
    what any load of the same data costs here before it computes anything."""
    tables = ("articles", "records", "events", "event_sources", "event_units", "officials", "event_movements")
    con = duckdb.connect(str(fresh))
    try:
        con.execute("SET memory_limit = '256MB'")
        con.execute(f"ATTACH '{loaded}' AS src (READ_ONLY)")
        con.execute("CREATE TABLE _ AS SELECT 1")          # make the file, then copy the schema
        for (sql,) in con.execute("SELECT sql FROM duckdb_tables() WHERE database_name = 'src' "
                                  f"AND table_name IN {tables}").fetchall():
            con.execute(sql)
        t = time.perf_counter()
        con.execute("BEGIN")
        for table in tables:
            con.execute(f"INSERT INTO {table} SELECT * FROM src.{table}")
        con.execute("COMMIT")
        return time.perf_counter() - t
    finally:
        con.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    db = args.db or workdir / "bench.duckdb"
    db.unlink(missing_ok=True)
    connect(db).close()

    t = time.perf_counter()
    for _ in synthetic(args.events):
        pass
    gen_s = time.perf_counter() - t              # the input's own cost, included in the load timings
    t = time.perf_counter()
    report = load_records(db, synthetic(args.events))
    load_s = time.perf_counter() - t
    load_mb = peak_mb()
    t = time.perf_counter()
    again = load_records(db, synthetic(args.events))
    reload_s = time.perf_counter() - t
    t = time.perf_counter()
    load_records(db, synthetic(300, seed=99))
    small_s = time.perf_counter() - t
    out = workdir / "cluster_conferences.csv"
    t = time.perf_counter()
    rows = export(db, out, "cluster-conferences")
    export_s = time.perf_counter() - t
    t = time.perf_counter()
    export(db, workdir / "cluster_conferences.parquet", "cluster-conferences", "parquet")
    parquet_s = time.perf_counter() - t

    print(f"input    {args.events:>7} articles  {gen_s:6.2f} s  generating them alone (included below)")
    print(f"load     {args.events:>7} articles  {load_s:6.2f} s  {args.events / load_s:>9,.0f} rows/s"
          f"  ({report.events_new} events, {report.events_merged} merged, {report.sources} sources)")
    print(f"reload   {args.events:>7} articles  {reload_s:6.2f} s  {args.events / reload_s:>9,.0f} rows/s"
          f"  ({again.unchanged} unchanged)")
    print(f"small    {300:>7} articles  {small_s:6.2f} s  into the loaded database")
    print(f"export   {rows:>7} rows CSV     {export_s:6.2f} s  {rows / export_s:>9,.0f} rows/s"
          f"  ({out.stat().st_size / 1e6:.1f} MB)")
    print(f"parquet  {rows:>7} rows         {parquet_s:6.2f} s")
    floor_s = duckdb_floor(db, workdir / "floor.duckdb")
    print(f"floor    {args.events:>7} articles  {floor_s:6.2f} s  DuckDB alone: the loaded rows copied into a fresh "
          f"file and committed, nothing derived")
    print(f"peak memory {peak_mb():.0f} MB (whole process; {load_mb:.0f} MB after the first load); database {db.stat().st_size / 1e6:.0f} MB; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    ok = load_s <= 5 and export_s <= 2 and peak_mb() <= 600
    print("targets (load ≤ 5 s, export ≤ 2 s, ≤ 600 MB):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
