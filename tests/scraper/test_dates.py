import pytest

from scraper.cms.dates import parse_portal_datetime

CASES = [
    ("Thứ hai - 17/07/2023 08:30", "2023-07-17T08:30"),          # NukeViet detail
    ("17/07/2023 08:30:00", "2023-07-17T08:30"),                 # NukeViet listing
    ("2023-07-17ICT08:30:00", "2023-07-17T08:30"),               # NukeViet meta: zone name where T should be
    ("2024-09-10T02:15:00+00:00", "2024-09-10T09:15"),           # UTC shown in Vietnam time
    ("2024-05-22T09:10:00+07:00", "2024-05-22T09:10"),
    ("03/04/2024", "2024-04-03"),                                # day first, always
    ("05:30:00 PM 3/4/2024", "2024-04-03T17:30"),
    ("8h30 ngày 12-3-2021", "2021-03-12T08:30"),
    ("Ngày 5 tháng 9 năm 2022", "2022-09-05"),
    ("Thứ ba, 20 Tháng 12 2011 16:05", "2011-12-20T16:05"),      # Joomla 1.5 vi-VN
    ("Thứ Hai, 17 Tháng Bảy 2023", "2023-07-17"),
    ("31/02/2023", None),
    ("Lượt xem: 318", None),
    (None, None),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[str(c[0])[:24] for c in CASES])
def test_parse_portal_datetime(text, expected):
    assert parse_portal_datetime(text) == expected
