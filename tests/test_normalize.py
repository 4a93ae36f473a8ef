"""nlp.normalize: NFC, one tone-mark placement, dashes and spaces, with offsets back to the source."""
import unicodedata

from hypothesis import given, strategies as st

from nlp.normalize import fold_tones, norm_key, normalize_text


def test_nfd_input_is_composed_and_spans_map_back():
    src = unicodedata.normalize("NFD", "Sở Tư pháp tỉnh Hoà Bình")
    norm = normalize_text(src)
    assert norm.text == "Sở Tư pháp tỉnh Hòa Bình"
    start = norm.text.index("Hòa Bình")
    s, e = norm.to_source(start, start + len("Hòa Bình"))
    assert unicodedata.normalize("NFC", src[s:e]) == "Hoà Bình"
    assert len(norm.offsets) == len(norm.text) + 1


def test_tone_marks_move_only_at_the_end_of_a_syllable():
    assert fold_tones("hoà thuận, Thuỷ, uỷ ban") == "hòa thuận, Thủy, ủy ban"
    # closed syllables keep their mark where it is
    assert fold_tones("kiểm soát, Toàn, hoàn thành, khuỷu") == "kiểm soát, Toàn, hoàn thành, khuỷu"


def test_dashes_spaces_and_zero_width_characters():
    src = "Sở Lao động\u00a0\u2013 Thương binh\u200b và Xã hội"
    norm = normalize_text(src)
    assert norm.text == "Sở Lao động - Thương binh và Xã hội"
    i = norm.text.index("Thương")
    assert src[slice(*norm.to_source(i, i + 6))] == "Thương"


def test_norm_key_folds_case_quotes_and_spaces():
    assert norm_key("  “Cục Kiểm soát  Thủ tục hành chính”. ") == "cục kiểm soát thủ tục hành chính"
    assert norm_key("Ban Thi đua–Khen thưởng") == norm_key("ban thi đua - khen thưởng")
    assert norm_key(None) is None


@given(st.text(alphabet=st.sampled_from(list("aàáoòóuủyỳ \u0300\u0301\u0309\u2013\u00a0\u200bĐđ\n")), max_size=40))
def test_offsets_are_monotonic_and_in_range(src):
    norm = normalize_text(src)
    assert len(norm.offsets) == len(norm.text) + 1
    assert all(a <= b for a, b in zip(norm.offsets, norm.offsets[1:]))
    assert all(0 <= o <= len(src) for o in norm.offsets)


def test_qu_keeps_the_tone_mark_on_y():
    from nlp.normalize import fold_tones
    assert fold_tones("Trường THPT Lê Quý Đôn, chị Quỳnh, thuỷ lợi") == "Trường THPT Lê Quý Đôn, chị Quỳnh, thủy lợi"
