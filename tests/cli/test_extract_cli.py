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


ARTICLE = ("Tin tức\nCụm thi đua số 4 ký giao ước năm 2024\n"
           "Sáng ngày 7/3, tại huyện Hòn Đất, Cụm thi đua số 4 gồm các huyện Hòn Đất, Tân Hiệp và Giồng Riềng "
           "cùng ký giao ước thi đua năm 2024 tại hội trường. Các huyện thống nhất nội dung thi đua.\n")


def test_standard_input_and_published_hint():
    out = run("extract", "-", "--published", "2024-03-08", stdin=ARTICLE)
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout)
    assert rec["source"] == "-" and rec["event_date"] == "2024-03-07" and rec["published"] == "2024-03-08"
    assert rec["province"] == "Kiên Giang"


def test_table_and_explain_are_for_people(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    table = run("extract", str(path), "--format", "table")
    assert table.returncode == 0 and "event_types" in table.stdout and "huyện Hòn Đất" in table.stdout
    explain = run("extract", str(path), "--explain")
    assert "event_date: «Sáng ngày 7/3" in explain.stdout


def test_undecodable_file_and_bad_format(tmp_path):
    bad = tmp_path / "latin.txt"
    bad.write_bytes("Cụm thi đua".encode("utf-16"))
    out = run("extract", str(bad))
    assert out.returncode == 1 and json.loads(out.stdout)["error"].startswith("not UTF-8 text")
    usage = run("extract", str(bad), "--format", "xml")
    assert usage.returncode == 2 and usage.stderr == "Error: --format must be json or table, not 'xml'\n"
