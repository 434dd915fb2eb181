import pytest

from extract.context import build_plain
from extract.officials import find_officials

CASES = [
    ("Đồng chí Trần Văn Hải - Phó Chủ tịch UBND huyện Tân Phước chủ trì hội nghị.",
     [("Trần Văn Hải", "Phó Chủ tịch UBND huyện Tân Phước", ["chair"])]),
    ("Ông Lê Minh Hoàng, Chủ tịch UBND thị xã Cai Lậy, Cụm trưởng và bà Phạm Thị Thu, Phó Chủ tịch UBND huyện Cái Bè, "
     "Cụm phó đồng chủ trì hội nghị.",
     [("Lê Minh Hoàng", "Chủ tịch UBND thị xã Cai Lậy, Cụm trưởng", ["cluster_leader", "co_chair"]),
      ("Phạm Thị Thu", "Phó Chủ tịch UBND huyện Cái Bè, Cụm phó", ["cluster_deputy", "co_chair"])]),
    ("Dự hội nghị có đồng chí Nguyễn Thị Mai, Phó Trưởng ban Thi đua - Khen thưởng tỉnh.",
     [("Nguyễn Thị Mai", "Phó Trưởng ban Thi đua - Khen thưởng tỉnh", ["attend"])]),
    ("Đ/c Hoàng Văn Bình – P.trưởng phòng Nội vụ huyện phát biểu.",
     [("Hoàng Văn Bình", "P.trưởng phòng Nội vụ huyện", ["speak"])]),
    ("Tham dự có đồng chí Vũ Văn An - Bí thư Huyện ủy, đồng chí Đỗ Thị Lan - Chủ tịch HĐND huyện.",
     [("Vũ Văn An", "Bí thư Huyện ủy", ["attend"]), ("Đỗ Thị Lan", "Chủ tịch HĐND huyện", ["attend"])]),
    ("Thay mặt lãnh đạo huyện, đồng chí Chủ tịch UBND Bùi Quang Huy kêu gọi nhân dân hưởng ứng.",
     [("Bùi Quang Huy", "Chủ tịch UBND", ["launch"])]),
    # places, institutions and the President of 1948 are not participants
    ("Lãnh đạo xã Đồng Tâm và Trường THPT Lê Quý Đôn học tập tư tưởng Hồ Chí Minh.", []),
    ("Kết thúc hội nghị, các đơn vị suy tôn xã Đồng Thịnh làm trưởng khối năm sau.", []),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:32] for c in CASES])
def test_find_officials(text, expected):
    ctx = build_plain(text)
    got = [(p.name, p.title, p.roles) for p in find_officials(ctx, ctx.sentences)]
    assert got == expected


def test_one_person_named_twice_is_one_official():
    ctx = build_plain("Đồng chí Ngô Văn Tư - Chủ tịch UBND huyện chủ trì. Phát biểu bế mạc, đồng chí Ngô Văn Tư, "
                      "Chủ tịch UBND huyện, Trưởng cụm thi đua nhấn mạnh nhiệm vụ.")
    people = find_officials(ctx, ctx.sentences)
    assert [p.name for p in people] == ["Ngô Văn Tư"]
    assert "Trưởng cụm" in people[0].title and "chair" in people[0].roles


def test_long_highland_names_after_a_cue():
    ctx = build_plain("Dự hội nghị có đồng chí Y Giang Gry Niê Knơng, Phó Chủ tịch UBND tỉnh.")
    assert [p.name for p in find_officials(ctx, ctx.sentences)] == ["Y Giang Gry Niê Knơng"]


def test_a_title_right_after_the_name_is_not_part_of_it():
    ctx = build_plain("Đồng chí Lê Văn Hùng Chủ tịch UBND huyện Tam Nông chủ trì hội nghị.")
    assert [p.name for p in find_officials(ctx, ctx.sentences)] == ["Lê Văn Hùng"]


def test_ner_second_opinion_finds_the_person_span():
    from extract.officials import _ner_people
    assert "Nguyễn Văn Bình" in _ner_people("Ông Nguyễn Văn Bình phát biểu tại hội nghị ở Hà Nội.")


def test_a_title_after_the_cue_is_not_a_name():
    ctx = build_plain("Phát biểu tại hội nghị, đồng chí Phó Chủ tịch UBND huyện đề nghị các xã tập trung chỉ tiêu.")
    assert find_officials(ctx, ctx.sentences) == []
