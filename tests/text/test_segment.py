import pytest

from marsad.model import Span
from marsad.text.segment import segment, sentences, split_clitics, stem_candidates, tokenize


def test_sentences_keep_abbreviations_and_decimals() -> None:
    text = "لفت انتباه جهاز «إم.آي5» البريطاني. ارتفع العدد إلى 2.5 مليون! وقال: نعم؟"
    got = [text[s.start:s.end] for s in sentences(text)]
    assert got == ["لفت انتباه جهاز «إم.آي5» البريطاني.", "ارتفع العدد إلى 2.5 مليون!", "وقال: نعم؟"]


def test_sentences_split_on_lines_and_skip_noise() -> None:
    text = "العنوان هنا\n\nالفقرة الأولى تبدأ\n[gallery ids=\"1\"]\nالفقرة الثانية"
    noise = [Span(text.index("["), text.index("]") + 1, "shortcode")]
    got = [text[s.start:s.end] for s in sentences(text, noise)]
    assert got == ["العنوان هنا", "الفقرة الأولى تبدأ", "الفقرة الثانية"]
    assert [s.index for s in sentences(text, noise)] == [0, 1, 2]


def test_tokens_have_exact_offsets_and_normal_forms() -> None:
    text = "وبالقاهرةِ، قُتل ٣ جنود"
    toks = tokenize(text)
    assert [t.text for t in toks] == ["وبالقاهرةِ", "،", "قُتل", "٣", "جنود"]
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert toks[0].norm == "وبالقاهره"
    assert (toks[0].prefix, toks[0].stem) == ("وبال", "قاهره")
    assert toks[3].norm == "3"


@pytest.mark.parametrize(
    ("word", "analysis"),
    [
        ("وبالهجوم", ("وبال", "هجوم")),
        ("للتنظيم", ("لل", "تنظيم")),
        ("والقوات", ("وال", "قوات")),
    ],
)
def test_stem_candidates_include_the_clitic_split(word: str, analysis: tuple[str, str]) -> None:
    assert analysis in stem_candidates(word)
    assert stem_candidates(word)[0] == ("", word)


def test_short_words_are_not_over_segmented() -> None:
    assert split_clitics("وزير") == ("", "وزير", "")
    assert all(len(rest) >= 3 for _, rest in stem_candidates("بلد"))


def test_segment_numbers_tokens_across_sentences_and_skips_noise() -> None:
    text = "قتل ثلاثة أشخاص. [caption]صورة[/caption] وأصيب آخرون."
    noise = [Span(text.index("[caption]"), text.index("[/caption]") + len("[/caption]"))]
    sents, tokens = segment(text, noise)
    assert [t.index for t in tokens] == list(range(len(tokens)))
    assert {t.sentence for t in tokens} == {s.index for s in sents}
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert "caption" not in " ".join(t.text for t in tokens)
    assert tokens[-2].text == "آخرون"
