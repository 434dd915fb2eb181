import pytest

from extract.context import build_plain
from extract.units import find_agencies, find_units

CASES = [
    ("Cụm gồm các huyện Hòn Đất, Tân Hiệp, Giồng Riềng và thành phố Rạch Giá.",
     [("Hòn Đất", "huyện"), ("Tân Hiệp", "huyện"), ("Giồng Riềng", "huyện"), ("Rạch Giá", "thành phố")]),
    ("Dự có lãnh đạo thị xã Kiến Tường, huyện Mộc Hóa, Vĩnh Hưng và huyện Tân Hưng.",
     [("Kiến Tường", "thị xã"), ("Mộc Hóa", "huyện"), ("Vĩnh Hưng", "huyện"), ("Tân Hưng", "huyện")]),
    ("Cụm có TP. Hà Tiên, TX. Kiến Tường và H. Tân Hồng.", [("Hà Tiên", "thành phố"), ("Kiến Tường", "thị xã"), ("Tân Hồng", "huyện")]),
    ("Khối gồm 4 xã: Phú Lộc, Phú Đông, Phú Tây và Phú Bình.",
     [("Phú Lộc", "xã"), ("Phú Đông", "xã"), ("Phú Tây", "xã"), ("Phú Bình", "xã")]),
    ("Hội nghị tại Hội trường Thành ủy Tân An.", [("Tân An", "thành phố")]),
    ("Đại diện huyện Ia H’Drai và thành phố Phan Rang - Tháp Chàm dự.",
     [("Ia H’Drai", "huyện"), ("Phan Rang - Tháp Chàm", "thành phố")]),
    ("Lãnh đạo Phường 4 và phường Đông Giang nhận cờ.", [("4", "phường"), ("Đông Giang", "phường")]),
    ("Tại xã Kim Long Trưởng khối năm nay đã tổng kết.", [("Kim Long", "xã")]),
    ("Đồng chí Bí thư Tỉnh ủy phát biểu.", []),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:32] for c in CASES])
def test_find_units(text, expected):
    ctx = build_plain(text)
    assert [(m.name, m.type) for m in find_units(ctx, ctx.sentences)] == expected


AGENCIES = [
    ("Khối gồm Văn phòng Tỉnh ủy, Ban Tổ chức Tỉnh ủy và Ủy ban Kiểm tra Tỉnh ủy.",
     ["Văn phòng Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy"]),
    ("Cụm gồm Trường THPT Nguyễn Trãi, THPT số 2 Tư Nghĩa và THCS Lý Thường Kiệt.",
     ["Trường THPT Nguyễn Trãi", "THPT số 2 Tư Nghĩa", "THCS Lý Thường Kiệt"]),
    ("Khối trưởng năm nay là Hội Nông dân huyện và Huyện đoàn làm khối phó.", ["Hội Nông dân huyện", "Huyện đoàn"]),
    ("Giám đốc Sở Nội vụ tỉnh Đồng Nai dự hội nghị.", ["Sở Nội vụ"]),
    ("Ban Nội chính tinh ủy đăng cai hội nghị.", ["Ban Nội chính Tỉnh ủy"]),   # committee names are proper nouns
]


@pytest.mark.parametrize("text, expected", AGENCIES, ids=[c[0][:32] for c in AGENCIES])
def test_find_agencies(text, expected):
    ctx = build_plain(text)
    assert [m.name for m in find_agencies(ctx, ctx.sentences)] == expected


def test_a_department_named_before_its_verb():
    ctx = build_plain("Sáng 11/1, Sở Kế hoạch và Đầu tư tổ chức hội nghị ký giao ước thi đua giữa các phòng.")
    assert [m.name for m in find_agencies(ctx, ctx.sentences)] == ["Sở Kế hoạch và Đầu tư"]
