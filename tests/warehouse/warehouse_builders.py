"""Articles and records written by hand for warehouse tests: one covenant signing told three ways."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from schema import Article, Cluster, EventRecord, Movement, Official, Unit

KG = "Kiên Giang"
KIEN_HAI = Unit("Kiên Hải", "huyện", KG, "91-kh")
KIEN_LUONG = Unit("Kiên Lương", "huyện", KG, "91-kl")
HA_TIEN = Unit("Hà Tiên", "thành phố", KG, "91-ht")
GIANG_THANH = Unit("Giang Thành", "huyện", KG, None)
VERSION = "test-1"


def span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return (start, start + len(phrase))


def article(url: str, text: str, portal: str | None = None, published: str | None = None) -> Article:
    return Article(text=text, url=url, page_id=url, portal_id=portal, title=text[:40],
                   published=published, fetched_at=datetime(2021, 3, 26, 2, 0),
                   province_hint=KG)


def event(url: str, **fields) -> EventRecord:
    fields.setdefault("extractor_version", VERSION)
    return EventRecord(source=url, is_event=True, **fields)


def kien_hai_three_sources() -> list[tuple[Article, EventRecord]]:
    """The district portal, a neighbour's portal and the provincial paper on one conference."""
    a_url = "https://kienhai.kiengiang.gov.vn/tin/ky-ket-giao-uoc-cum-3"
    a_text = ("Hôm 24/3/2021, Cụm thi đua số 3 (biên giới hải đảo) tỉnh Kiên Giang họp ở Hội trường "
              "Huyện ủy để ký giao ước thi đua năm 2021. Các đơn vị huyện Kiên Hải, huyện "
              "Kiên Lương và thành phố Hà Tiên cùng ký. Ông Nguyễn Quốc Tuấn, Chủ tịch UBND huyện "
              "Kiên Hải, cụm trưởng, chủ trì buổi lễ.")
    a = event(a_url, event_types=("covenant_signing",), event_date="2021-03-24", period="2021",
              cluster=Cluster("cụm", 3, "biên giới hải đảo"), province=KG, host=KIEN_HAI,
              venue="Hội trường Huyện ủy", members=(KIEN_HAI, KIEN_LUONG, HA_TIEN), cluster_leader=KIEN_HAI,
              officials=(Official("Nguyễn Quốc Tuấn", "Chủ tịch UBND huyện Kiên Hải", KIEN_HAI,
                                  ("cluster_leader", "chair")),),
              evidence={"event_date": span(a_text, "Hôm 24/3/2021"),
                        "cluster": span(a_text, "Cụm thi đua số 3 (biên giới hải đảo)"),
                        "venue": span(a_text, "Hội trường Huyện ủy"),
                        "members": [span(a_text, "huyện Kiên Hải"), span(a_text, "Kiên Lương"),
                                    span(a_text, "thành phố Hà Tiên")],
                        "officials": [span(a_text, "Ông Nguyễn Quốc Tuấn")]})
    b_url = "https://hatien.kiengiang.gov.vn/tin/ha-tien-ky-giao-uoc"
    b_text = ("Ngày 24/3, thành phố Hà Tiên cùng các địa phương trong Cụm thi đua số 3 ký giao ước năm "
              "2021 tại Hội trường Huyện ủy Kiên Hải. Bà Trần Thị Mai, Phó Chủ tịch UBND thành phố, ký "
              "thay mặt Hà Tiên; huyện Giang Thành cũng tham gia. Các bên hưởng ứng phong trào "
              "\"Cả nước chung tay xây dựng nông thôn mới\". Ông Nguyễn Quốc Tuấn phát biểu.")
    b = event(b_url, event_types=("covenant_signing",), event_date="2021-03-24", period="2021",
              cluster=Cluster("cụm", 3, None), province=KG, host=KIEN_HAI,
              venue="Hội trường Huyện ủy Kiên Hải", members=(HA_TIEN, KIEN_HAI, GIANG_THANH),
              officials=(Official("Trần Thị Mai", "Phó Chủ tịch UBND thành phố", HA_TIEN, ("sign",)),
                         Official("Nguyễn Quốc Tuấn", None, None, ("speak",))),
              movements=(Movement("Cả nước chung tay xây dựng nông thôn mới",
                                  "Cả nước chung sức xây dựng nông thôn mới"),),
              evidence={"venue": span(b_text, "Hội trường Huyện ủy Kiên Hải"),
                        "officials": [span(b_text, "Bà Trần Thị Mai"), span(b_text, "Ông Nguyễn Quốc Tuấn")]})
    c_url = "https://baokiengiang.example.vn/thoi-su/cum-bien-gioi-hai-dao-ky-giao-uoc"
    c_text = ("Ngày 25/3, các địa phương thuộc cụm thi đua biên giới hải đảo của tỉnh đã ký kết giao "
              "ước thi đua và phát động phong trào thi đua năm 2021.")
    c = event(c_url, event_types=("covenant_signing", "movement_launch"), event_date="2021-03-25",
              period="2021", cluster=Cluster("cụm", None, "Biên giới hải đảo"), province=KG,
              evidence={"event_date": span(c_text, "Ngày 25/3")})
    return [(article(a_url, a_text, "kien-hai", "2021-03-24"), a),
            (article(b_url, b_text, "ha-tien", "2021-03-25"), b),
            (article(c_url, c_text, None, "2021-03-26"), c)]


def other_events() -> list[tuple[Article, EventRecord]]:
    """Near misses of the conference above that must stay separate events."""
    base = kien_hai_three_sources()[1][1]
    cases = {
        "annual-review": dict(event_types=("annual_review",)),
        "three-days-later": dict(event_date="2021-03-27"),
        "cluster-4": dict(cluster=Cluster("cụm", 4, None), host=HA_TIEN),
        "other-province": dict(province="An Giang", host=Unit("Tịnh Biên", "huyện", "An Giang")),
    }
    out = []
    for slug, change in cases.items():
        url = f"https://hatien.kiengiang.gov.vn/tin/{slug}"
        text = f"Tin thi đua của cụm ({slug}): các đơn vị tổ chức hội nghị."
        rec = replace(base, source=url, evidence={}, **change)
        out.append((article(url, text, "ha-tien", "2021-03-25"), rec))
    return out


def not_an_event(url: str = "https://kienhai.kiengiang.gov.vn/tin/trao-thuong") -> tuple[Article, EventRecord]:
    text = "UBND huyện trao thưởng cho học sinh giỏi; bài viết có nhắc đến thi đua học tập."
    return article(url, text, "kien-hai"), EventRecord(source=url, is_event=False, extractor_version=VERSION)
