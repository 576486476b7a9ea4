from marsad.text.clean import noise_spans


def _labels(text: str) -> list[tuple[str, str]]:
    return [(s.label, text[s.start:s.end]) for s in noise_spans(text)]


def test_shortcodes_entities_and_urls_are_spans() -> None:
    text = 'قال المتحدث&nbsp;إن [gallery ids="1,2"] الوضع هادئ https://example.com/a?b=1 اليوم'
    assert _labels(text) == [("html_entity", "&nbsp;"), ("shortcode", '[gallery ids="1,2"]'),
                             ("url", "https://example.com/a?b=1")]


def test_stray_ampersand_before_a_number_is_noise_but_the_number_stays() -> None:
    text = "قطع رؤوس&4 رهائن"
    assert _labels(text) == [("broken_entity", "&")]


def test_read_also_lines_are_boilerplate() -> None:
    text = "سطر الخبر.\nاقرأ أيضا: عنوان خبر آخر\nسطر أخير"
    assert _labels(text) == [("boilerplate_line", "اقرأ أيضا: عنوان خبر آخر")]


def test_plain_text_has_no_noise() -> None:
    assert noise_spans("قتل ثلاثة أشخاص في انفجار بمدينة حمص، الأربعاء.") == []


def test_datelines_are_not_part_of_the_story() -> None:
    text = "دبي، الإمارات العربية المتحدة (CNN)-- قتل ثلاثة أشخاص في صنعاء."
    assert _labels(text) == [("dateline", "دبي، الإمارات العربية المتحدة (CNN)--")]
