"""Word vectors for the tagger: read back from a trained tagger (`--from-model`) or from published word2vec files."""

from pathlib import Path

import numpy as np
import pytest

from marsad.kb.build.build_word_vectors import main
from marsad.nlp.ner import NerTagger, default_model_path
from marsad.nlp.ner_features import vector_key


def test_vectors_read_back_from_the_shipped_model_are_its_word_table(tmp_path: Path) -> None:
    out = tmp_path / "vectors.npz"
    main(["--from-model", str(default_model_path()), "--out", str(out)])
    tagger = NerTagger.load()
    with np.load(out) as npz:
        words, vectors = list(npz["words"]), npz["vectors"]
    assert len(words) == vectors.shape[0] == len(tagger.featurizer.vocab)
    key = vector_key("القاهرة")
    word_id = tagger.featurizer.vocab[key]
    assert words[word_id - 2] == key
    assert np.allclose(vectors[word_id - 2], tagger.word_vectors(np.array([word_id]))[0])
    assert np.linalg.norm(vectors[word_id - 2]) > 1


def test_published_word2vec_vectors_are_keyed_as_the_tagger_keys_words(tmp_path: Path) -> None:
    gensim = pytest.importorskip("gensim", reason="reading word2vec files needs the train extra")
    words = ["القاهرة", "القاهره", "ٱلقاهرة", "،", "دمشق", "2018"]
    vectors = np.arange(len(words) * 4, dtype=np.float32).reshape(len(words), 4) + 1
    table = gensim.models.KeyedVectors(vector_size=4)
    table.add_vectors(words, vectors)
    for binary in (False, True):
        published = tmp_path / f"published{int(binary)}.w2v"
        table.save_word2vec_format(str(published), binary=binary)
        out = tmp_path / f"vectors{int(binary)}.npz"
        main(["--from-word2vec", str(published), *(["--binary"] if binary else []), "--out", str(out)])
        with np.load(out) as npz:
            kept, rows = [str(w) for w in npz["words"]], npz["vectors"]
        # the three spellings of Cairo share one key and keep the first (most frequent) vector;
        # the comma has no letter or digit and is dropped; digits become 0 as in the tagger
        assert kept == [vector_key("القاهرة"), vector_key("دمشق"), vector_key("2018")]
        assert np.allclose(rows, vectors[[0, 4, 5]])
    main(["--from-word2vec", str(tmp_path / "published0.w2v"), "--top", "2", "--out", str(tmp_path / "top.npz")])
    with np.load(tmp_path / "top.npz") as npz:
        assert npz["vectors"].shape == (2, 4)
