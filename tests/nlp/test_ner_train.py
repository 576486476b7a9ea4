"""Training end to end on a tiny corpus (needs the ``train`` extra; skipped without torch)."""

from pathlib import Path

import pytest

from marsad.nlp.ner import NerTagger

SENTENCES = [
    [("زار", "O"), ("محمود", "B-PERS"), ("عباس", "I-PERS"), ("القاهرة", "B-LOC"), (".", "O")],
    [("وصل", "O"), ("الوفد", "O"), ("إلى", "O"), ("عمان", "B-LOC"), ("أمس", "O"), (".", "O")],
    [("قالت", "O"), ("وكالة", "O"), ("رويترز", "B-ORG"), ("إن", "O"), ("الاجتماع", "O"), ("انتهى", "O")],
    [("التقى", "O"), ("جون", "B-PERS"), ("كيري", "I-PERS"), ("في", "O"), ("جنيف", "B-LOC")],
]


def _corpus(path: Path, copies: int) -> Path:
    path.write_text("\n\n".join("\n".join(f"{w} {t}" for w, t in s) for s in SENTENCES * copies) + "\n",
                    encoding="utf-8")
    return path


def test_train_on_the_whole_file_for_fixed_epochs_and_load(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from marsad.nlp.ner_train import train

    report = train(_corpus(tmp_path / "train.txt", 5), tmp_path / "model", dev_fraction=0.0, epochs=2)
    assert report["dev"] is None and report["dev_sentences"] == 0 and report["train_sentences"] == 20
    assert report["best_epoch"] == 2 and report["complete"]
    tagger = NerTagger.load(tmp_path / "model")
    labels = tagger.tag_tokens([["زار", "محمود", "عباس", "القاهرة"]])
    assert len(labels[0]) == 4 and all(t in tagger.tags for t in labels[0])


def test_train_with_a_held_out_part_reports_dev_scores(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from marsad.nlp.ner_train import train

    report = train(_corpus(tmp_path / "train.txt", 5), tmp_path / "model", dev_fraction=0.2, epochs=2)
    assert report["dev_sentences"] == 4 and report["dev"]["ALL"]["gold"] > 0
