"""Fit a :class:`~marsad.extract.linear.LinearModel` with scikit-learn (training time only)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from marsad.extract.linear import LinearModel

__all__ = ["fit_linear"]


def fit_linear(rows: Sequence[Mapping[str, float]], labels: Sequence[str], c: float = 1.0,
               balanced: bool = False, weights: Sequence[float] | None = None) -> LinearModel:
    """L2-regularised logistic regression (multinomial for more than two classes); ``weights``
    count some rows less (weak labels)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len(set(labels)) < 2:
        return constant_model(labels[0] if labels else "0")
    vectorizer = DictVectorizer(sparse=True)
    x = vectorizer.fit_transform(rows)
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None)
    clf.fit(x, list(labels), sample_weight=None if weights is None else np.asarray(weights, dtype=float))
    classes = tuple(str(k) for k in clf.classes_)
    if len(classes) == 2:  # one weight column for the second class; the first one scores 0
        coef = np.zeros((x.shape[1], 2))
        coef[:, 1] = clf.coef_[0]
        bias = np.array([0.0, clf.intercept_[0]])
    else:
        coef, bias = clf.coef_.T.copy(), clf.intercept_.copy()
    vocab = {name: i for i, name in enumerate(vectorizer.feature_names_)}
    return LinearModel(classes, vocab, coef, bias)


def constant_model(label: str) -> LinearModel:
    """What a training set with one class teaches: that class, always (a binary model keeps both
    labels, the other one never given)."""
    other = {"0": "1", "1": "0"}.get(label)
    classes = tuple(sorted({label, other})) if other else (label,)
    bias = np.array([10.0 if c == label else -10.0 for c in classes])
    return LinearModel(classes, {}, np.zeros((0, len(classes))), bias)
