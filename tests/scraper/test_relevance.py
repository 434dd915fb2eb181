import pytest

from scraper.relevance import Relevance
from scraper.settings import CrawlSettings

relevant = Relevance(CrawlSettings().relevance_cues)
CASES = [
    (("https://x.gov.vn/tin/ky-ket-giao-uoc-thi-dua-nam-2024-12.html", None, None), True),   # slug without diacritics
    (("https://x.gov.vn/a-1.html", "Hội nghị sơ kết 6 tháng Cụm số 3", None), True),
    (("https://x.gov.vn/a-1.html", "Tin hoạt động", "Huyện phát động phong trào ..."), True),
    (("https://x.gov.vn/a-1.html", "Tiêm chủng mở rộng đợt 3", "Trạm y tế xã"), False),
    (("https://x.gov.vn/thu-tuc-hanh-chinh.html", None, None), False),
]


@pytest.mark.parametrize("args, expected", CASES, ids=[c[0][1] or c[0][0][-30:] for c in CASES])
def test_relevance_cues(args, expected):
    assert relevant(*args) is expected


def test_all_fetches_everything_and_cues_are_configurable():
    assert Relevance((), fetch_all=True)("https://x.gov.vn/a.html")
    assert Relevance(("tiêm chủng",))("https://x.gov.vn/a.html", "Tiêm chủng mở rộng")
