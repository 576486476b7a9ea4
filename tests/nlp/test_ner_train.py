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


def test_train_bioes_with_weight_averaging_outputs_iob2(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from marsad.nlp.ner_train import TrainOptions, train

    options = TrainOptions(scheme="bioes", average_from=2, save_from=1)
    report = train(_corpus(tmp_path / "train.txt", 5), tmp_path / "model", dev_fraction=0.2, epochs=3,
                   options=options)
    assert report["options"]["scheme"] == "bioes" and report["dev"]["ALL"]["gold"] > 0
    tagger = NerTagger.load(tmp_path / "model")
    assert any(t.startswith("S-") for t in tagger.tags)
    labels = tagger.tag_tokens([["زار", "محمود", "عباس", "القاهرة"]])[0]
    assert len(labels) == 4 and all(t == "O" or t[:2] in ("B-", "I-") for t in labels)


def test_unknown_tag_scheme_is_refused(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from marsad.nlp.ner_train import TrainOptions, train

    with pytest.raises(ValueError, match="tag scheme"):
        train(_corpus(tmp_path / "train.txt", 2), tmp_path / "model", dev_fraction=0.0, epochs=1,
              options=TrainOptions(scheme="iobes2"))


def test_extra_training_files_join_the_training_part_only(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from marsad.nlp.ner_train import train

    extra = _corpus(tmp_path / "extra.txt", 2)
    report = train(_corpus(tmp_path / "train.txt", 5), tmp_path / "model", dev_fraction=0.2, epochs=1,
                   extra_train=[extra])
    assert report["train_sentences"] == 16 + 8 and report["dev_sentences"] == 4
    assert report["extra_train"] == [str(extra)]
