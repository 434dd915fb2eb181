import pytest

from extract.text import fold, make_doc, tone_style


@pytest.mark.parametrize("text", ["Chiều 17/7, tại  huyện Kiên Lương,\n\nCụm số 3 (TP. Hà Tiên) họp. ", "", "  x",
                                  "Ia H’Drai–Phan Rang-Tháp Chàm\t2016-2020"])
def test_tokens_keep_exact_offsets(text):
    doc = make_doc(text)
    assert doc.text == text
    assert all(text[t.idx:t.idx + len(t)] == t.text for t in doc)


def test_dates_years_and_apostrophe_names_stay_whole():
    assert [t.text for t in make_doc("ngày 04/8/2023, giai đoạn 2016-2020, Ia H’Drai")] == \
        ["ngày", "04/8/2023", ",", "giai", "đoạn", "2016-2020", ",", "Ia", "H’Drai"]


def test_fold_unifies_case_tone_style_and_punctuation():
    assert tone_style("Hòa Thủy quý") == "Hoà Thuỷ quý"          # "qu" keeps its tone where it is
    assert fold("Khánh Hòa – H’Drai") == fold("khánh hoà - h'drai")
