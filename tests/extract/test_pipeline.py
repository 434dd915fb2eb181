import json

from extract import extract_article, read_text_article

ARTICLE = """url: https://tanphuoc.tiengiang.gov.vn/tin-tuc/cum-thi-dua-so-2-ky-ket
---
Cổng thông tin điện tử huyện Tân Phước
Cụm thi đua số 2 ký kết giao ước thi đua năm 2024
(09:15 | 06/03/2024)
Sáng ngày 5/3, tại Hội trường UBND huyện Tân Phước, Cụm thi đua số 2 gồm các huyện Tân Phước, Cai Lậy, Cái Bè và thị xã Cai Lậy cùng ký giao ước thi đua năm 2024.
Ông Trần Văn Hải - Chủ tịch UBND huyện Tân Phước, Cụm trưởng chủ trì hội nghị. Các huyện cam kết đẩy mạnh phong trào mang tên “Cả nước chung sức xây dựng nông thôn mới” ở mọi xã.
Tin, ảnh: Minh Khoa
"""

NON_EVENT = """Tin tức
Huyện trao Huân chương Lao động cho ba tập thể
Chiều 2/9, huyện trao Huân chương Lao động hạng Ba cho ba tập thể xuất sắc nhiều năm liền. Đồng chí Lê Văn Tâm - Chủ tịch UBND huyện trao thưởng.
"""


def test_record_follows_the_contract():
    rec = extract_article(read_text_article(ARTICLE), source="a.txt").to_json()
    assert list(rec)[:18] == ["source", "title", "published", "author", "is_event", "event_types", "event_date",
                              "period", "cluster", "province", "host", "venue", "members", "cluster_leader",
                              "cluster_deputy", "officials", "movements", "theme"]
    assert rec["is_event"] and rec["event_types"] == ["covenant_signing"]
    assert (rec["event_date"], rec["period"], rec["published"]) == ("2024-03-05", "2024", "2024-03-06T09:15")
    assert rec["cluster"] == {"kind": "cụm", "number": 2, "name": None}
    assert rec["province"] == "Tiền Giang" and rec["host"]["name"] == "Tân Phước"
    assert rec["venue"] == "Hội trường UBND huyện Tân Phước"
    assert {(m["name"], m["type"]) for m in rec["members"]} == {
        ("Tân Phước", "huyện"), ("Cai Lậy", "huyện"), ("Cái Bè", "huyện"), ("Cai Lậy", "thị xã")}
    assert all(m["code"] for m in rec["members"])             # linked to the gazetteer
    assert rec["cluster_leader"]["name"] == "Tân Phước"
    assert rec["officials"][0]["name"] == "Trần Văn Hải" and "chair" in rec["officials"][0]["roles"]
    assert rec["movements"][0]["canonical"] == "Cả nước chung sức xây dựng nông thôn mới"
    assert rec["author"] == "Minh Khoa"


def test_evidence_points_at_the_sentence_each_field_came_from():
    article = read_text_article(ARTICLE)
    rec = extract_article(article)
    s, e = rec.evidence["event_date"]
    assert "5/3" in article.text[s:e]
    s, e = rec.evidence["cluster_leader"]
    assert "Cụm trưởng" in article.text[s:e]
    assert len(rec.evidence["members"]) == len(rec.members)
    json.dumps(rec.to_json())                                  # evidence serialises


def test_award_story_is_not_an_event():
    rec = extract_article(read_text_article(NON_EVENT)).to_json()
    assert rec["is_event"] is False
    assert rec["event_types"] == [] and rec["members"] == [] and rec["officials"] == [] and rec["host"] is None
    assert rec["title"] == "Huyện trao Huân chương Lao động cho ba tập thể"


def test_named_district_cluster_with_bare_host():
    text = ("Báo tỉnh\nCụm các huyện, thị xã phía Bắc sơ kết 9 tháng\n"
            "(BĐ) - Sáng nay (6.10), tại Hoài Nhơn, Cụm thi đua các huyện, thị xã phía Bắc gồm thị xã Hoài Nhơn, các "
            "huyện Hoài Ân, Phù Mỹ, An Lão tổ chức sơ kết thi đua 9 tháng năm 2023.\n")
    rec = extract_article(read_text_article(text), source="x").to_json()
    assert rec["event_types"] == ["midyear_review"] and rec["period"] == "2023-9M"
    assert rec["host"]["name"] == "Hoài Nhơn" and rec["province"] == "Bình Định"
    assert {m["name"] for m in rec["members"]} == {"Hoài Nhơn", "Hoài Ân", "Phù Mỹ", "An Lão"}   # "thị xã" is not a ward


def test_news_that_never_names_thi_dua_skips_the_nlp_pass_but_keeps_its_metadata():
    text = "Tin tức\nXã Tân Lập làm đường giao thông nông thôn\n(08:15 | 02/04/2024)\n" \
           "Sáng 1/4, xã Tân Lập khởi công tuyến đường liên thôn dài 2 km. Người dân góp công, hiến đất.\nMinh Anh\n"
    rec = extract_article(read_text_article(text)).to_json()
    assert rec["is_event"] is False and rec["evidence"] == {}
    assert (rec["title"], rec["published"], rec["author"]) == \
        ("Xã Tân Lập làm đường giao thông nông thôn", "2024-04-02T08:15", "Minh Anh")
