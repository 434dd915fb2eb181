import pytest

from extract.context import build_plain
from extract.movements import canonical, find_movements, find_theme, national, quoted

CASES = [
    ("Các xã đẩy mạnh phong trào như “Cả nước chung tay xây dựng nông thôn mới” trên địa bàn.",
     [("Cả nước chung tay xây dựng nông thôn mới", "Cả nước chung sức xây dựng nông thôn mới")]),
    ("Duy trì các phong trào “Vì an ninh Tổ quốc”, “Dân vận khéo” ở cơ sở.",
     [("Vì an ninh Tổ quốc", "Toàn dân bảo vệ an ninh Tổ quốc"), ("Dân vận khéo", "Dân vận khéo")]),
    ("Các phong trào được triển khai, tiêu biểu như: “Dạy tốt - học tốt”, Doanh nghiệp Việt Nam hội nhập và phát triển”.",
     [("Dạy tốt - học tốt", None),
      ("Doanh nghiệp Việt Nam hội nhập và phát triển", "Doanh nghiệp Việt Nam hội nhập và phát triển")]),
    ("Thực hiện cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam” tại các chợ.",
     [("Người Việt Nam ưu tiên dùng hàng Việt Nam", "Người Việt Nam ưu tiên dùng hàng Việt Nam")]),
    # resolutions, conference names and slogans are not movements
    ("Quán triệt Nghị quyết Trung ương 4 về “Tăng cường xây dựng, chỉnh đốn Đảng” trong chi bộ.", []),
    ("Huyện phát động thi đua với chủ đề “Đoàn kết, đổi mới, tăng tốc về đích”.", []),
    ("Ban tổ chức công bố Hội thi “Tìm hiểu pháp luật về thi đua, khen thưởng” năm nay.", []),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:32] for c in CASES])
def test_find_movements(text, expected):
    ctx = build_plain(text)
    assert [(n, c) for n, c, _ in find_movements(quoted(ctx, ctx.sentences))] == expected


THEMES = [
    ("Huyện phát động thi đua với chủ đề “Đoàn kết, đổi mới, tăng tốc về đích”.", "Đoàn kết, đổi mới, tăng tốc về đích"),
    ("Với khẩu hiệu “Kỷ cương, sáng tạo, hiệu quả”, các xã ký giao ước.", "Kỷ cương, sáng tạo, hiệu quả"),
    ("Bám sát chủ đề công tác năm 2025 của tỉnh \"Hành động quyết liệt - Về đích toàn diện\" để thi đua.",
     "Hành động quyết liệt - Về đích toàn diện"),
    ("Tiếp tục phong trào “Dân vận khéo” ở khu dân cư.", None),
]


@pytest.mark.parametrize("text, expected", THEMES, ids=[c[0][:32] for c in THEMES])
def test_find_theme(text, expected):
    ctx = build_plain(text)
    found = find_theme(quoted(ctx, ctx.sentences))
    assert (found[0] if found else None) == expected


def test_canonical_tolerates_loose_wording_but_not_other_names():
    canon = next(c for c, _ in national() if c.startswith("Cả nước chung tay vì"))
    assert canonical(canon.replace("chung tay", "chung sức").replace(" - ", " – ").lower()) == canon
    assert canonical("Người tốt việc tốt") is None
