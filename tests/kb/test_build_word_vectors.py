"""Reading the word vectors back from a trained tagger (``build_word_vectors --from-model``)."""

from pathlib import Path

import numpy as np

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
