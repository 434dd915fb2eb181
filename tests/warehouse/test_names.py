import pytest

from warehouse.names import name_key, unit_key

SAME = [
    ("Hòa Bình", "Hoà  Bình"),                # tone placement and spacing
    ("Thủy Nguyên", "thuỷ nguyên"),
    ("khỏe", "KHOẺ"),
]
DIFFERENT = [
    ("Tân Hòa", "Tân Hóa"),                   # another tone is another name
    ("Hoàn Kiếm", "Hoan Kiếm"),
]


@pytest.mark.parametrize("a, b", SAME)
def test_spellings_of_one_name_share_a_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_different_names_keep_different_keys(a, b):
    assert name_key(a) != name_key(b)


def test_school_level_words_are_dropped_for_block_members_only():
    assert unit_key("Trường THPT Lê Duẩn", None) == unit_key("THPT Lê Duẩn", None) == unit_key("Lê Duẩn", None)
    assert unit_key("Trường Mầm non Hoa Sen", "cơ quan") == "cơ quan|hoa sen"
    assert unit_key("Trường Sa", "huyện") == "huyện|trường sa"        # a huyện, not a school


def test_type_separates_units_of_one_name():
    assert unit_key("Duyên Hải", "huyện") != unit_key("Duyên Hải", "thị xã")
