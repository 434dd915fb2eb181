from loopback import cp1258
from scraper.charset import decode

PAGE = "<html><head><title>Hội nghị sơ kết Cụm thi đua số 3</title></head><body><p>Đồng chí Phó Chủ tịch UBND huyện phát biểu chỉ đạo.</p></body></html>"


def test_declared_windows_1258_is_read_and_composed():
    text, used = decode(cp1258(PAGE), "text/html; charset=windows-1258")
    assert (text, used) == (PAGE, "cp1258")


def test_meta_charset_when_the_header_says_nothing():
    body = cp1258(PAGE.replace("<head>", "<head><meta charset='windows-1258'>"))
    assert decode(body, "text/html")[1] == "cp1258"


def test_undeclared_legacy_page_is_detected():
    text, used = decode(cp1258(PAGE), None)
    assert used == "cp1258" and "Phó Chủ tịch" in text


def test_wrong_latin_1_header_on_a_cp1258_page():
    assert decode(cp1258(PAGE), "text/html; charset=iso-8859-1")[1] == "cp1258"


def test_utf8_body_wins_over_a_wrong_header():
    assert decode(PAGE.encode("utf-8"), "text/html; charset=windows-1258") == (PAGE, "utf-8")
