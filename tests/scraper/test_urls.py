import pytest

from scraper.cms import ADAPTERS
from scraper.urls import canonical_url, netloc, same_site

CASES = [
    ("HTTPS://Kienluong.KienGiang.gov.vn:443/tin-tuc?id=2&utm_source=zalo&fbclid=x#top",
     "https://kienluong.kiengiang.gov.vn/tin-tuc?id=2"),
    ("http://a.gov.vn:8080/a;jsessionid=ABC123?b=2&a=1", "http://a.gov.vn:8080/a?a=1&b=2"),
    ("http://a.gov.vn/tin?PHPSESSID=1&_afrLoop=99&_adf.ctrl-state=x_4&dDocName=PORTAL1", "http://a.gov.vn/tin?dDocName=PORTAL1"),
    ("http://a.gov.vn/tin tức/bài%20viết", "http://a.gov.vn/tin%20t%E1%BB%A9c/b%C3%A0i%20vi%E1%BA%BFt"),
    ("http://a.gov.vn", "http://a.gov.vn/"),
]


@pytest.mark.parametrize("url, expected", CASES)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_adapters_drop_their_own_noise_on_article_urls_only():
    liferay = ADAPTERS["liferay"]
    article = "https://a.gov.vn/web/x/chi-tiet/-/asset_publisher/Ab12/content/bai-viet?redirect=%2Fweb&inheritRedirect=true"
    assert liferay.canonical(article) == "https://a.gov.vn/web/x/chi-tiet/-/asset_publisher/Ab12/content/bai-viet"
    listing = "https://a.gov.vn/web/x/tin-tuc?p_p_id=101&_101_INSTANCE_Ab12_cur=2"
    assert "_cur=2" in liferay.canonical(listing)
    assert ADAPTERS["nukeviet"].canonical("https://a.gov.vn/news/print/tin/bai-viet-12.html") == \
        "https://a.gov.vn/news/tin/bai-viet-12.html"
    assert ADAPTERS["sharepoint"].canonical("https://a.gov.vn/Lists/T/View_Detail.aspx?itemid=4") == \
        "https://a.gov.vn/Lists/T/View_Detail.aspx?ItemID=4"
    assert ADAPTERS["webcenter"].canonical(
        "https://a.gov.vn/webcenter/portal/x/pages_tin-tuc/chi-tiet?dDocName=PORTAL5&_afrLoop=1&pageId=3") == \
        "https://a.gov.vn/webcenter/portal/x/pages_tin-tuc/chi-tiet?dDocName=PORTAL5"


def test_netloc_and_same_site():
    assert netloc("http://127.0.0.2:8001/a") == "127.0.0.2:8001"
    assert same_site("https://www.baoquangbinh.vn/a", frozenset({"baoquangbinh.vn"}))
    assert not same_site("https://facebook.com/a", frozenset({"baoquangbinh.vn"}))
