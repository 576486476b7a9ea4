"""Pre-training the tagger's encoder on news, then training the tagger from it (needs torch; skipped without)."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from marsad.nlp.ner import NerTagger
from marsad.nlp.ner_features import vector_key

NEWS = [
    "قال مسؤولون في لندن إن الوفد وصل إلى القاهرة صباح اليوم في زيارة تستمر ثلاثة أيام.",
    "وصل الوفد إلى عمان مساء أمس في زيارة رسمية لبحث التعاون الاقتصادي بين البلدين.",
    "التقى وزير الخارجية نظيره في جنيف وبحثا العلاقات الثنائية والتعاون في مجال التعليم.",
]
LABELLED = "زار O\nمحمود B-PERS\nعباس I-PERS\nالقاهرة B-LOC\n. O\n\nوصل O\nالوفد O\nإلى O\nعمان B-LOC\n. O\n\n"


def marsad(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], capture_output=True, timeout=300)


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n"
                              for i, t in enumerate(NEWS * 4)), encoding="utf-8")
    train = tmp_path / "train.txt"
    train.write_text(LABELLED * 5, encoding="utf-8")
    words = sorted({vector_key(w) for t in NEWS for w in t.split()} | {vector_key(line.split()[0])
                   for line in LABELLED.splitlines() if line})
    vectors = tmp_path / "vectors.npz"
    np.savez(vectors, words=np.array(words), vectors=np.random.default_rng(0).normal(size=(len(words), 20)))
    return {"corpus": corpus, "train": train, "vectors": vectors}


def test_pretrain_writes_an_encoder_that_a_training_run_starts_from(tmp_path: Path, inputs: dict[str, Path]) -> None:
    torch = pytest.importorskip("torch")
    from marsad.nlp.ner_pretrain import PretrainOptions, pretrain
    from marsad.nlp.ner_train import train

    encoder_file = tmp_path / "encoder.pt"
    report = pretrain(inputs["corpus"], encoder_file, inputs["train"], inputs["vectors"], dev_fraction=0.2,
                      options=PretrainOptions(articles=12, batch_size=4, log_every=1))
    assert report["complete"] and report["words_seen"] > 0 and np.isfinite(report["loss"])
    encoder = torch.load(encoder_file, weights_only=False)
    assert not any(k.startswith(("proj", "trans", "words")) for k in encoder["state"])
    assert "لندن" in encoder["featurizer"]["local_vocab"]  # the news words are in the trainable table

    before = {k: v.clone() for k, v in encoder["state"].items()}
    out = tmp_path / "model"
    trained = train(inputs["train"], out, inputs["vectors"], dev_fraction=0.2, epochs=1, encoder_path=encoder_file)
    assert trained["encoder"] == str(encoder_file)
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert config["local_vocab"] == encoder["featurizer"]["local_vocab"]
    tagger = NerTagger.load(out)
    assert not np.allclose(tagger.w["char_emb"], before["chars.weight"].numpy())  # trained further
    assert len(tagger.tag_tokens([["زار", "محمود", "عباس", "لندن"]])[0]) == 4


def test_an_encoder_of_another_shape_is_refused(tmp_path: Path, inputs: dict[str, Path]) -> None:
    pytest.importorskip("torch")
    from marsad.nlp.ner_pretrain import PretrainOptions, pretrain
    from marsad.nlp.ner_train import TrainOptions, train

    encoder_file = tmp_path / "encoder.pt"
    pretrain(inputs["corpus"], encoder_file, inputs["train"], inputs["vectors"],
             options=PretrainOptions(articles=3, batch_size=4), train_options=TrainOptions(hidden=16))
    with pytest.raises(ValueError, match="hidden"):
        train(inputs["train"], tmp_path / "model", inputs["vectors"], epochs=1, encoder_path=encoder_file)
    with pytest.raises(ValueError, match="not a Marsad NER encoder"):
        torch_file = tmp_path / "other.pt"
        torch_file.write_bytes(b"")
        train(inputs["train"], tmp_path / "model", inputs["vectors"], epochs=1, encoder_path=torch_file)


def test_cli_pretrains_with_progress_and_trains_from_the_encoder(tmp_path: Path, inputs: dict[str, Path]) -> None:
    pytest.importorskip("torch")
    encoder_file = tmp_path / "encoder.pt"
    done = marsad("train", "ner-encoder", "--corpus", str(inputs["corpus"]), "--train", str(inputs["train"]),
                  "--vectors", str(inputs["vectors"]), "--out", str(encoder_file), "--articles", "12")
    assert done.returncode == 0, done.stderr.decode()
    assert "sentences" in done.stderr.decode() and json.loads(done.stdout)["complete"]
    done = marsad("train", "ner", "--train", str(inputs["train"]), "--out", str(tmp_path / "model"),
                  "--vectors", str(inputs["vectors"]), "--encoder", str(encoder_file), "--epochs", "1", "-q")
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["encoder"] == str(encoder_file)
    done = marsad("train", "ner", "--train", str(inputs["train"]), "--out", str(tmp_path / "model2"),
                  "--encoder", str(encoder_file), "--epochs", "1", "-q")  # no --vectors: another word table
    assert done.returncode == 2 and "pre-trained with other settings" in done.stderr.decode()
