import pytest

from extract.cluster import find_cluster
from extract.context import build_plain, matches, patterns
from schema import Cluster

CASES = [
    ("Cụm thi đua số 3 họp sơ kết giữa năm", Cluster("cụm", 3, None)),
    ("Khối thi đua các cơ quan Đảng ký kết giao ước thi đua", Cluster("khối", None, "các cơ quan Đảng")),
    ("Chiều 2/3, Cụm thi đua số 2 biên giới gồm bốn huyện ký giao ước thi đua.", Cluster("cụm", 2, "biên giới")),
    ("Mặt trận huyện tổng kết giao ước thi đua cụm IV của tỉnh năm 2022.", Cluster("cụm", 4, None)),
    ("Cụm Thi đua số II tỉnh Bình Định sơ kết thi đua.", Cluster("cụm", 2, None)),
    ("Cụm thi đua số 04 ký giao ước thi đua năm học mới.", Cluster("cụm", 4, None)),
    ("Cụm thi đua khen thưởng miền núi tổng kết công tác năm 2023.", Cluster("cụm", None, "miền núi")),
    ("Cụm thi đua các huyện, thị xã của tỉnh tổ chức tổng kết thi đua.", Cluster("cụm", None, "các huyện, thị xã")),
    ("Khối thi đua số 5 sơ kết thi đua 9 tháng.", Cluster("khối", 5, None)),
    ("Các xã thuộc cụm số 6 sơ kết công tác thi đua.", Cluster("cụm", 6, None)),
    ("Phát động phong trào thi đua yêu nước năm 2024", None),   # a movement, not a cluster
    ("Duy trì hoạt động của các cụm, khối thi đua trên địa bàn huyện.", None),   # clusters in general
    ("Khu dân cư khối 3 thị trấn Quán Hàu ra quân dọn vệ sinh.", None),   # khối: a neighbourhood
    ("Cụm công nghiệp số 2 đón nhà đầu tư mới.", None),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:32] for c in CASES])
def test_find_cluster(text, expected):
    assert find_cluster(build_plain(text))[0] == expected


def test_every_pattern_fires():
    fired = set()
    for text, _ in CASES:
        fired |= {pid for pid, _ in matches(build_plain(text), "cluster")}
    assert {r["id"] for r in patterns("cluster")} <= fired


def test_a_cluster_named_in_passing_after_the_lead_is_background():
    from extract.context import build
    from schema import Article
    text = ("Tin tức\nSáng 20/1, UBND huyện Đak Pơ tổng kết công tác thi đua năm 2023 và khen thưởng các tập thể. "
            "Các xã vượt chỉ tiêu thu ngân sách. Huyện nhận Cờ thi đua dẫn đầu Cụm thi đua số 2 của tỉnh.\n")
    ctx = build(Article(text=text))
    assert find_cluster(ctx, ctx.body_sentences()[0])[0] is None
