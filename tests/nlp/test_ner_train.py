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


def _word_stats(path: Path) -> Path:
    """Counts as build_ner_word_stats writes them: n, PERS, LOC, ORG, MISC, begins."""
    import numpy as np

    keys = ["محمود", "عباس", "القاهرة", "الوفد"]
    counts = np.array([[40, 36, 0, 0, 0, 35], [30, 27, 1, 0, 0, 2], [90, 0, 88, 0, 0, 88], [50, 0, 0, 0, 0, 0]])
    np.savez_compressed(path, keys=np.array(keys), counts=counts)
    return path


def test_word_stats_rows_follow_the_word_table(tmp_path: Path) -> None:
    import numpy as np

    from marsad.nlp.ner_train import word_stats_table

    table = word_stats_table(["الوفد", "غير", "القاهرة"], _word_stats(tmp_path / "stats.npz"))
    assert table.shape == (5, 6)
    assert not table[:2].any() and not table[3].any()  # pad, unknown, a word never counted
    assert np.allclose(table[2], [np.log1p(50) / 10, 0, 0, 0, 0, 0])
    assert np.allclose(table[4, 2], 88 / 90) and np.allclose(table[4, 5], 88 / 90)


def test_numpy_runtime_matches_the_training_network_with_word_stats(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    import numpy as np
    import torch

    from marsad.nlp.ner import default_model_path
    from marsad.nlp.ner_train import (
        TrainOptions,
        _build_net,
        _export,
        _featurizer,
        _tags,
        _word_table,
        word_stats_table,
    )

    data = [([w for w, _ in s], [t for _, t in s]) for s in SENTENCES * 3]
    opts = TrainOptions()
    words, table = _word_table(data, None, opts.vocab_size, opts.vector_norm)
    gaz_lines = (default_model_path() / "gazetteer.tsv").read_text(encoding="utf-8").splitlines()[:200]
    featurizer = _featurizer(data, words, gaz_lines, opts)
    stats = word_stats_table(words, _word_stats(tmp_path / "stats.npz"))
    net = _build_net(table, featurizer, opts, trainable_words=True, word_stats=stats)
    _export(net, net.state_dict(), featurizer, words, gaz_lines, tmp_path / "model", _tags(opts))
    tagger = NerTagger.load(tmp_path / "model")
    assert tagger.w["word_stats"].shape == stats.shape
    sentences = [["زار", "محمود", "عباس", "القاهرة", "."], ["وصل", "الوفد", "إلى", "عمان"]]
    net.eval()
    with torch.no_grad():
        expected, _ = net.emissions([featurizer.sentence(s) for s in sentences])
    found, _ = tagger.emissions([tagger.featurizer.sentence(s, with_chars=False) for s in sentences])
    assert np.allclose(found[1, :4], expected.numpy()[1, :4], atol=2e-3)
    assert np.allclose(found[0], expected.numpy()[0], atol=2e-3)
