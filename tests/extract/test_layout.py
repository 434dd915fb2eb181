import pytest

from extract.layout import analyse, parse_published

PUBLISHED = [
    ("(10:58 | 25/03/2021)", "2021-03-25T10:58"),
    ("08:04, 15/04/2021", "2021-04-15T08:04"),
    ("Thứ Tư, 22/05/2024, 17:33 [GMT+7]", "2024-05-22T17:33"),
    ("Ngày đăng bài: 11/02/2020", "2020-02-11"),
    ("29/05/2018 - 14:21", "2018-05-29T14:21"),
    ("Lượt xem: 1129", None),
]


@pytest.mark.parametrize("line, expected", PUBLISHED)
def test_parse_published(line, expected):
    assert parse_published(line) == expected


PAGE = """Cổng thông tin điện tử huyện Tân Phước
Tin hoạt động
Xem với cỡ chữ A A
Cụm thi đua số 2 ký kết giao ước thi đua năm 2024
(09:15 | 06/03/2024)
Sáng ngày 5/3/2024, tại Hội trường UBND huyện Tân Phước, các huyện trong cụm ký kết giao ước thi đua năm 2024. Các đơn vị thống nhất năm nội dung thi đua trọng tâm.
Quang cảnh hội nghị
Đồng chí Trần Văn Hải phát biểu tại hội nghị. Các đơn vị cam kết hoàn thành chỉ tiêu.
Tin, ảnh: Minh Khoa - Phòng VH-TT
Tin liên quan
Bà Nguyễn Thị Hoa - Trưởng Ban biên tập
"""


def test_page_layout():
    layout = analyse(PAGE)
    assert layout.title == "Cụm thi đua số 2 ký kết giao ước thi đua năm 2024"
    assert layout.published == "2024-03-06T09:15"
    assert layout.author == "Minh Khoa"
    assert layout.site_unit == "huyện Tân Phước"
    body = " ".join(PAGE[s:e] for s, e in layout.body)
    assert body.startswith("Sáng ngày 5/3/2024") and "Quang cảnh hội nghị" in body
    assert "Minh Khoa" not in body and "Ban biên tập" not in body     # byline and footer set aside


def test_title_matching_the_url_slug_wins():
    text = "Vừa qua, Cụm thi đua số 6 gồm sáu trường tổ chức ký kết giao ước thi đua năm học mới. Các trường thống nhất.\n" \
           "Cụm thi đua số 6 ký kết giao ước thi đua năm học 2024 - 2025\n"
    layout = analyse(text, "https://thpt-x.edu.vn/tin-tuc/cum-thi-dua-so-6-ky-ket-giao-uoc-thi-dua-nam-hoc-2024-2025.html")
    assert layout.title == "Cụm thi đua số 6 ký kết giao ước thi đua năm học 2024 - 2025"


def test_a_dateline_after_a_source_tag_opens_the_body():
    text = "Cụm các huyện biên giới tổng kết năm 2023\nTTO - Ngày 6/2/2024, tại huyện Tân Biên, cụm các huyện biên giới " \
           "tổng kết thi đua và ký giao ước năm 2024.\n"
    layout = analyse(text)
    assert layout.title == "Cụm các huyện biên giới tổng kết năm 2023"
    assert text[layout.body[0][0]:].startswith("TTO - Ngày 6/2/2024")
