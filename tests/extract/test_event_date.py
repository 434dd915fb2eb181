import pytest

from extract import event_date as dates
from extract.context import build_plain

CASES = [
    ("Chiều 17/7, tại huyện Hòn Đất, cụm thi đua họp.", (17, 7, None)),
    ("Sáng ngày 04/8/2023, Cụm thi đua số 1 tổ chức sơ kết.", (4, 8, 2023)),
    ("Ngày 04 tháng 8 năm 2023, Khối thi đua ký kết giao ước.", (4, 8, 2023)),
    ("Chiều ngày 13 tháng 01, UBND xã tổ chức hội nghị.", (13, 1, None)),
    ("Sáng 17-1, các huyện trong cụm ký giao ước thi đua.", (17, 1, None)),
    ("(Báo Tỉnh) - Chiều 5/12, tại thành phố, khối thi đua tổng kết.", (5, 12, None)),
    # document references and anniversaries are not the event's date
    ("Thực hiện Chỉ thị 05-CT/TW ngày 15/5/2016, các đơn vị đăng ký thi đua.", None),
    ("Lễ kỷ niệm Lời kêu gọi thi đua của Bác (ngày 11/6/1948) được tổ chức.", None),
    ("Theo Kế hoạch số 12/KH-UBND ngày 20/1/2024 của UBND huyện, cụm tổ chức ký kết.", None),
    ("Vừa qua, Cụm thi đua số 4 tổ chức ký kết giao ước thi đua.", None),
    ("(PV) - Sáng nay (7.10), tại Phù Cát, các huyện phía Nam sơ kết 9 tháng.", (7, 10, None)),
    ("TTO - Ngày 16/2/2023, tại huyện Bến Cầu, cụm các huyện biên giới họp.", (16, 2, 2023)),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:30] for c in CASES])
def test_first_date(text, expected):
    ctx = build_plain(text)
    found = dates.date_mentions(ctx.text, ctx.sentences[0])
    got = (found[0].day, found[0].month, found[0].year) if found else None
    assert got == expected


YEARS = [
    # (day, month), published, period, types → year
    ((17, 7), "2019-07-18T15:54", None, ["midyear_review"], 2019),
    ((28, 12), "2024-01-03", None, ["annual_review"], 2023),        # a December event published in January
    ((7, 2), None, "2022", ["annual_review"], 2023),               # tổng kết năm 2022 is held in 2023
    ((15, 2), None, "2023", ["covenant_signing"], 2023),
    ((16, 7), None, "2020-H1", ["midyear_review"], 2020),
    ((10, 9), None, "2023-2024", ["covenant_signing"], 2023),      # a school year opens in its first year
]


@pytest.mark.parametrize("dm, published, period, types, year", YEARS)
def test_resolve_year(dm, published, period, types, year):
    d = dates.DateMention(dm[0], dm[1], None, 0, 1, True)
    assert dates.resolve_year(d, published, period, types) == year
