"""Small linear classifiers (logistic regression) run with numpy.

A candidate is described by named features (``{"cls=airstrike": 1.0, "L=قصف": 1.0, …}``). A
:class:`LinearModel` holds the feature vocabulary, one weight row per feature and one column per
class; its probabilities are a softmax of the summed rows. Features it never saw in training
are ignored. Models are trained by ``marsad train events`` (scikit-learn, at training time only)
and saved as ``.npz`` files; the runtime needs numpy alone.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["Features", "LinearModel"]

Features = Mapping[str, float]


@dataclass(frozen=True, eq=False)
class LinearModel:
    classes: tuple[str, ...]
    vocab: dict[str, int]
    weights: np.ndarray  # (n_features, n_classes)
    bias: np.ndarray  # (n_classes,)

    def scores(self, rows: Sequence[Features]) -> np.ndarray:
        """Class probabilities, one row per feature mapping."""
        out = np.tile(self.bias, (len(rows), 1)).astype(np.float64)
        vocab = self.vocab
        hits = [(i, vocab[name], value) for i, feats in enumerate(rows) for name, value in feats.items()
                if name in vocab]
        if hits:
            at, cols, vals = (np.array(part) for part in zip(*hits, strict=True))
            np.add.at(out, at, self.weights[cols] * vals[:, None])
        out -= out.max(axis=1, keepdims=True)
        np.exp(out, out=out)
        out /= out.sum(axis=1, keepdims=True)
        return out

    def proba(self, feats: Features) -> dict[str, float]:
        return dict(zip(self.classes, self.scores([feats])[0].tolist(), strict=True))

    def positive(self, rows: Sequence[Features], label: str = "1") -> np.ndarray:
        """Probability of one class (``"1"`` for binary models) for every row."""
        if not rows:
            return np.zeros(0)
        return self.scores(rows)[:, self.classes.index(label)]

    def save(self, path: Path) -> None:
        names = sorted(self.vocab, key=self.vocab.__getitem__)
        np.savez_compressed(path, weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32),
                            meta=np.array(json.dumps({"classes": list(self.classes), "features": names},
                                                     ensure_ascii=False)))

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            return cls(tuple(meta["classes"]), {name: i for i, name in enumerate(meta["features"])},
                       data["weights"].astype(np.float64), data["bias"].astype(np.float64))
