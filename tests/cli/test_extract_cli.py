import json
import subprocess
import sys


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "thidua.cli", *args], input=stdin,
                          capture_output=True, text=True)


def test_missing_file_gets_error_record_and_exit_1(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("url: https://x.example.gov.vn/a\n---\nTin ngắn.\n", encoding="utf-8")
    out = run("extract", str(tmp_path / "missing.txt"), str(good))
    assert out.returncode == 1
    lines = [json.loads(l) for l in out.stdout.splitlines()]
    assert lines[0] == {"source": str(tmp_path / "missing.txt"), "error": "No such file or directory"}
    assert lines[1]["source"] == str(good) and lines[1]["is_event"] is False
