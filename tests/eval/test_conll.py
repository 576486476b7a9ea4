from pathlib import Path

import pytest

from marsad.eval.conll import ConllError, entities, format_report, read_conll, score, to_iob2


def test_entities_follow_conlleval_rules() -> None:
    tags = ["B-PERS", "I-PERS", "O", "I-LOC", "B-ORG", "B-ORG", "I-ORG", "I-MISC"]
    assert entities(tags) == [("PERS", 0, 2), ("LOC", 3, 4), ("ORG", 4, 5), ("ORG", 5, 7), ("MISC", 7, 8)]


def test_to_iob2_repairs_iob1_leftovers() -> None:
    assert to_iob2(["O", "I-LOC", "I-LOC", "I-PERS", "B-PERS", "I-PERS"]) == [
        "O", "B-LOC", "I-LOC", "B-PERS", "B-PERS", "I-PERS"]


def test_score_counts_exact_matches_only() -> None:
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "I-ORG", "I-ORG", "O"]]
    # PERS exact, LOC wrong type (ORG), ORG boundary too short, one spurious MISC
    pred = [["B-PERS", "I-PERS", "O", "B-ORG"], ["B-ORG", "I-ORG", "O", "B-MISC"]]
    report = score(gold, pred)
    assert report["ALL"]["correct"] == 1
    assert report["ALL"]["gold"] == 3
    assert report["ALL"]["pred"] == 4
    assert report["ALL"]["precision"] == pytest.approx(1 / 4)
    assert report["ALL"]["recall"] == pytest.approx(1 / 3)
    assert report["ALL"]["f1"] == pytest.approx(2 * (1 / 4) * (1 / 3) / (1 / 4 + 1 / 3))
    assert report["PERS"]["f1"] == pytest.approx(1.0)
    assert report["LOC"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "gold": 1, "pred": 0, "correct": 0}
    assert report["ORG"]["precision"] == pytest.approx(0.0)
    assert report["MISC"]["pred"] == 1


def test_perfect_and_empty_predictions() -> None:
    gold = [["B-LOC", "O", "B-PERS", "I-PERS"]]
    assert score(gold, gold)["ALL"]["f1"] == pytest.approx(1.0)
    empty = score(gold, [["O"] * 4])["ALL"]
    assert (empty["precision"], empty["recall"], empty["f1"]) == (0.0, 0.0, 0.0)


def test_score_rejects_misaligned_sequences() -> None:
    with pytest.raises(ConllError, match="sentence 0"):
        score([["O", "B-LOC"]], [["O"]])
    with pytest.raises(ConllError, match="1 gold sentences but 0"):
        score([["O"]], [])


def test_read_conll_splits_on_last_space(tmp_path: Path) -> None:
    path = tmp_path / "mini.txt"
    path.write_text("زار O\nمحمد B-PERS\nعلي I-PERS\n\nنيو يورك B-LOC\n\n", encoding="utf-8")
    assert read_conll(path) == [(["زار", "محمد", "علي"], ["O", "B-PERS", "I-PERS"]), (["نيو يورك"], ["B-LOC"])]


def test_read_conll_rejects_a_line_without_tag(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("كلمة\n", encoding="utf-8")
    with pytest.raises(ConllError, match="bad.txt:1"):
        read_conll(path)


def test_format_report_ends_with_the_overall_row() -> None:
    table = format_report(score([["B-LOC", "B-PERS"]], [["B-LOC", "O"]]))
    lines = table.splitlines()
    assert lines[0].split()[:4] == ["type", "P", "R", "F1"]
    assert lines[-1].startswith("ALL")
    assert "66.67%" in lines[-1]
