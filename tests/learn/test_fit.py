import pytest

from marsad.learn.fit import fit_linear

pytest.importorskip("sklearn", reason="training needs scikit-learn (the dev extra)")


def test_a_binary_model_learns_which_feature_says_yes() -> None:
    rows = [{"cue": 1.0}] * 20 + [{"other": 1.0}] * 20
    model = fit_linear(rows, ["1"] * 20 + ["0"] * 20, c=10.0)
    assert model.classes == ("0", "1")
    yes, no = model.positive([{"cue": 1.0}, {"other": 1.0}])
    assert yes > 0.9 and no < 0.1


def test_one_class_gives_a_model_that_always_says_it() -> None:
    model = fit_linear([{"a": 1.0}, {"b": 1.0}], ["0", "0"])
    assert model.classes == ("0", "1") and model.positive([{"a": 1.0}])[0] < 1e-6
    assert fit_linear([], []).classes == ("0", "1")
