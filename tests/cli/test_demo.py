"""thidua demo in a temporary directory: the sample's cluster conferences, with members, in the CSV."""
from __future__ import annotations

import csv

from typer.testing import CliRunner

from thidua.cli import app


def test_demo_writes_the_conferences_csv_and_prints_queries(tmp_path):
    result = CliRunner().invoke(app, ["demo", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "thidua-demo" / "cluster_conferences.csv"
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    cum2 = [r for r in rows if r["cluster_kind"] == "cụm" and r["cluster_number"] == "2"]
    assert len(rows) >= 8 and len(cum2) >= 5
    assert all(r["province"] == "Gia Lai" for r in cum2)
    signing = [r for r in cum2 if r["event_date"] == "2023-02-16" and "covenant_signing" in r["event_types"]]
    assert len(signing) == 1 and int(signing[0]["member_count"]) >= 4
    assert {"thị xã An Khê", "huyện KBang", "huyện Mang Yang"} <= set(signing[0]["members"].split("; "))
    assert (tmp_path / "thidua-demo.duckdb").exists() and (tmp_path / "thidua-demo" / "cluster_conferences.parquet").exists()

    assert "cluster conferences found" in result.output and "2023-02-16" in result.output
    assert result.output.count("thidua sql '") == 3 and f"--db {tmp_path / 'thidua-demo.duckdb'}" in result.output


def test_demo_starts_afresh_each_time(tmp_path):
    first = CliRunner().invoke(app, ["demo", "--quiet", "--dir", str(tmp_path)])
    second = CliRunner().invoke(app, ["demo", "--quiet", "--dir", str(tmp_path)])
    assert first.exit_code == second.exit_code == 0
    counted = [r.output.split(" cluster conferences found")[0].split()[-1] for r in (first, second)]
    assert counted[0] == counted[1] and int(counted[0]) >= 8
    with open(tmp_path / "thidua-demo" / "cluster_conferences.csv", encoding="utf-8-sig") as f:
        assert sum(1 for _ in f) == int(counted[1]) + 1      # header + one row per conference, not doubled
    assert len(list((tmp_path / "thidua-demo" / "logs").glob("run-*.jsonl"))) == 1
