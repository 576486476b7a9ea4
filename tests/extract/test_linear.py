from pathlib import Path

import numpy as np

from marsad.extract.linear import LinearModel


def _model() -> LinearModel:
    return LinearModel(("none", "battles", "protests"), {"cls=clash": 0, "cls=protest": 1, "bias": 2},
                       np.array([[0.0, 2.0, -1.0], [0.0, -1.0, 3.0], [0.5, 0.0, 0.0]]), np.array([0.1, -0.2, 0.0]))


def test_scores_are_a_softmax_of_the_summed_rows_and_unseen_features_count_nothing() -> None:
    model = _model()
    [row] = model.scores([{"cls=clash": 1.0, "bias": 1.0, "never-seen": 5.0}])
    logits = np.array([0.1 + 0.5, -0.2 + 2.0, 0.0 - 1.0])
    expected = np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum()
    assert np.allclose(row, expected)
    assert model.proba({"cls=protest": 1.0})["protests"] > 0.9
    assert model.positive([], "battles").shape == (0,)


def test_saved_model_loads_back_identical(tmp_path: Path) -> None:
    model = _model()
    model.save(tmp_path / "m.npz")
    loaded = LinearModel.load(tmp_path / "m.npz")
    assert loaded.classes == model.classes and loaded.vocab == model.vocab
    rows = [{"cls=clash": 1.0}, {"cls=protest": 2.0, "bias": 1.0}]
    assert np.allclose(loaded.scores(rows), model.scores(rows), atol=1e-6)
