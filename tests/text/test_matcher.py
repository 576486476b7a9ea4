from marsad.text.matcher import PhraseMatcher
from marsad.text.segment import tokenize


def test_phrases_match_through_proclitics_with_exact_offsets() -> None:
    matcher = PhraseMatcher([("أنصار بيت المقدس", "abm"), ("القاهرة", "cairo"), ("الشيخ زويد", "sz")])
    text = "قالت ولأنصارِ بيت المقدس إن بالقاهرة وفي الشيخ زويد"
    found = matcher.find(text, tokenize(text))
    assert [(m.mention, m.payloads) for m in found] == [
        ("أنصارِ بيت المقدس", ("abm",)), ("القاهرة", ("cairo",)), ("الشيخ زويد", ("sz",))]
    assert all(text[m.start:m.end] == m.mention for m in found)
    assert found[0].prefix == "ول"


def test_longest_match_wins_and_lookup_ignores_article() -> None:
    matcher = PhraseMatcher([("الدولة", "state"), ("الدولة الإسلامية", "isis")])
    text = "أعلنت الدولة الإسلامية"
    assert [m.payloads for m in matcher.find(text, tokenize(text))] == [("isis",)]
    assert matcher.lookup("دولة إسلامية") == ()
    assert matcher.lookup("دولة") == ("state",)


def test_no_match_inside_other_words() -> None:
    matcher = PhraseMatcher([("قتل", "kill")])
    text = "المقاتلون والقتلة"
    assert matcher.find(text, tokenize(text)) == []
