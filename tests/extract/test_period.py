import pytest

from extract import event_types, period
from extract.context import build_plain

CASES = [
    ("Cụm thi đua số 3 sơ kết thi đua 6 tháng đầu năm 2019.", "2019-H1"),
    ("Khối sơ kết công tác thi đua 9 tháng năm 2023 và triển khai quý IV.", "2023-9M"),
    ("Các trường ký kết giao ước thi đua năm học 2023 - 2024.", "2023-2024"),
    ("Hội nghị tổng kết phong trào thi đua giai đoạn 2016 – 2020 diễn ra hôm qua.", "2016-2020"),
    ("Tổng kết công tác thi đua năm 2022, phát động phong trào thi đua năm 2023.", "2022"),
    ("Cụm ký kết giao ước thi đua năm 2021 tại huyện.", "2021"),
    ("Khối sơ kết thi đua 6 tháng đầu năm và bàn nhiệm vụ 6 tháng cuối năm 2020.", "2020-H1"),
    ("Hội nghị thi đua khen thưởng lần thứ II năm 2025 của xã.", "2024"),   # January conference reviews 2024
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:30] for c in CASES])
def test_period(text, expected):
    ctx = build_plain(text)
    found = event_types.triggers_in(ctx, ctx.sentences[0])
    assert period.find_period(ctx.text, found, fallback_year=2025)[0] == expected
