"""nlp.furniture: page furniture yields no entities."""
from extractors.types import CleanDocument
from nlp.furniture import furniture_ranges, tail_start
from nlp.pipeline import extract

ARTICLE = """Huyện Mường Tè tổng kết công tác thi đua năm 2023

Thứ năm, 14/12/2023 - 09:15

Sáng 14/12, UBND huyện Mường Tè tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2023.

Phát biểu tại hội nghị, Chủ tịch UBND huyện Lò Văn Páo đề nghị các xã tiếp tục đổi mới phong trào thi đua.

Quang cảnh hội nghị. Ảnh: Vàng Thị Mai

Minh Khôi

Chia sẻ

Bình luận (0)

Viết bình luận

Các tin tức khác
Trưởng Công an xã Pa Ủ Nguyễn Văn Quyết được khen thưởng
Bí thư Đoàn xã Ka Lăng Pờ Thị Sú nhận Bằng khen của Ban Chấp hành Trung ương Đoàn
"""


def test_comment_box_and_teasers_run_to_the_end():
    start = tail_start(ARTICLE)
    assert ARTICLE[start:].startswith("Bình luận")
    ranges = furniture_ranges(ARTICLE)
    assert (start, len(ARTICLE)) in ranges


def test_share_button_and_photo_credit_are_furniture():
    ranges = furniture_ranges(ARTICLE)
    texts = [ARTICLE[a:b] for a, b in ranges]
    assert "Chia sẻ" in texts
    assert any(t.startswith("Ảnh: Vàng Thị Mai") for t in texts)


def test_a_marker_word_in_the_headline_does_not_cut_the_article():
    text = "Tin liên quan\n\nBài viết thứ nhất nói về Sở Nội vụ tỉnh Lai Châu và công tác thi đua.\n" * 1
    assert tail_start(text) == len(text)


def test_no_entities_from_furniture():
    x = extract(CleanDocument(source="a.txt", uri="a.txt", text=ARTICLE, format="txt"))
    names = {p.name for p in x.people}
    assert "Lò Văn Páo" in names
    assert "Nguyễn Văn Quyết" not in names and "Pờ Thị Sú" not in names
    assert not any("Pa Ủ" in u.name or "Ka Lăng" in u.name for u in x.units)
    assert x.document.authors == ["Minh Khôi"]
