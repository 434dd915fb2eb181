import pytest

from extract import event_types
from extract.context import build_plain, patterns

CASES = [
    ("Sáng 9/3, Cụm thi đua số 2 ký giao ước thi đua năm 2024 tại xã.", ["covenant_signing"]),
    ("Khối thi đua các trường THPT ký giao ước thi đua năm học 2024 - 2025.", ["covenant_signing"]),
    ("Ngày 12/7, các xã trong cụm sơ kết công tác thi đua 6 tháng đầu năm.", ["midyear_review"]),
    ("Cụm thi đua số 5 sơ kết 9 tháng thực hiện giao ước thi đua.", ["midyear_review"]),
    ("Ngày 20/12, UBND huyện tổng kết phong trào thi đua yêu nước năm 2023.", ["annual_review"]),
    ("Hội nghị tổng kết công tác thi đua năm 2022 và ký kết giao ước thi đua năm 2023 diễn ra sáng nay.",
     ["covenant_signing", "annual_review"]),
    ("UBND xã Tân Lập phát động phong trào thi đua năm 2025.", ["movement_launch"]),
    ("Tại hội nghị đầu xuân, huyện phát động thi đua và ký giao ước năm 2024.",
     ["covenant_signing", "movement_launch"]),
    ("Đoàn kiểm tra chéo của Khối thi đua số 3 làm việc tại Sở Tư pháp.", ["cross_inspection"]),
    ("Cụm tiến hành kiểm tra, chấm điểm chéo kết quả thi đua năm 2023.", ["cross_inspection"]),
    # a review of the covenant signs none
    ("Mặt trận huyện tổng kết ký kết giao ước thi đua của cụm III năm 2021.", ["annual_review"]),
    # passive "do tỉnh phát động" launches nothing; a plan to review is no review
    ("Các xã hưởng ứng mọi phong trào thi đua do tỉnh phát động, bám sát nhiệm vụ.", []),
    ("Khối bàn kế hoạch kiểm tra, tổng kết thi đua cuối năm.", []),
    ("Huyện họp trực báo tình hình kinh tế - xã hội tháng 10.", []),
    ("Lễ trao Huân chương Lao động hạng Ba cho ba cá nhân có thành tích xuất sắc.", []),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:30] for c in CASES])
def test_event_types(text, expected):
    ctx = build_plain(text)
    found = event_types.triggers_in(ctx, ctx.sentences[0])
    assert event_types.resolve_types(found, month=None) == expected


def test_conference_is_dated_by_its_month():
    ctx = build_plain("Chiều 14/1, UBND xã Hòa Bình tổ chức Hội nghị thi đua khen thưởng năm 2025.")
    found = event_types.triggers_in(ctx, ctx.sentences[0])
    assert event_types.resolve_types(found, month=1) == ["annual_review"]
    assert event_types.resolve_types(found, month=7) == ["midyear_review"]


def test_every_pattern_fires():
    texts = [c[0] for c in CASES] + ["Chiều 14/1, UBND xã Hòa Bình tổ chức Hội nghị thi đua khen thưởng năm 2025.",
                                     "Lễ ký kết thi đua giữa hai xã."]
    fired = set()
    for text in texts:
        ctx = build_plain(text)
        from extract.context import matches
        fired |= {pid for pid, _ in matches(ctx, "event_types")}
    assert {r["id"] for r in patterns("event_types")} <= fired


@pytest.mark.parametrize("text, expected", [
    ("Tin tức\nNgày 3/10/2024, Cụm thi đua số 1 tổ chức sinh hoạt chuyên đề về nhân rộng điển hình tiên tiến. "
     "Các huyện chia sẻ cách làm hay.", ["other"]),
    ("Tin tức\nNgày 3/10/2024, Khối thi đua số 2 tổ chức hội thao chào mừng ngày thành lập ngành. "
     "Các đội thi đấu sôi nổi.", []),
    ("Tin tức\nSáng 7/7, UBND xã Hải An sơ kết kinh tế - xã hội 6 tháng đầu năm. Diện tích lúa đạt kế hoạch. "
     "Hội nghị đề ra nhiệm vụ. Xã tiếp tục phát động các phong trào thi đua để hoàn thành chỉ tiêu.", []),
], ids=["thematic session", "sports day", "passing launch"])
def test_whole_article_event_types(text, expected):
    from extract.context import build
    from schema import Article
    found, _ = event_types.find_event_types(build(Article(text=text)))
    assert event_types.resolve_types(found, month=10) == expected
