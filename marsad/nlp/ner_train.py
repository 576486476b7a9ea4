"""Train the BiLSTM-CRF named-entity tagger and export it for the numpy runtime (:mod:`marsad.nlp.ner`).

Needs the ``train`` extra (torch); torch is imported inside the functions that use it, so this
module imports without it. The last ``dev_fraction`` of the training file (sequential, like the
ANERcorp split itself) is held out for early stopping; with ``dev_fraction=0`` the whole file is
used for a fixed number of epochs (chosen beforehand on a held-out run). The test file is never
read here.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from marsad.eval.conll import read_conll, score, to_iob2
from marsad.nlp.ner import default_model_path, to_bioes, to_iob2_labels, transition_penalties, viterbi
from marsad.nlp.ner_features import (
    GAZ_TYPES,
    SHAPES,
    Featurizer,
    SentenceFeatures,
    read_gazetteer,
    vector_key,
)
from marsad.text.segment import split_clitics

__all__ = ["TAGS", "WORD_STATS_COLUMNS", "TrainOptions", "train", "word_stats_table"]

log = logging.getLogger(__name__)

TYPES = ("PERS", "LOC", "ORG", "MISC")
TAGS = ["O", *(f"{p}-{t}" for t in TYPES for p in "BI")]
BIOES_TAGS = ["O", *(f"{p}-{t}" for t in TYPES for p in "BIES")]
Data = list[tuple[list[str], list[str]]]
# What marsad/kb/build/build_ner_word_stats.py counts per word key, in this order.
WORD_STATS_COLUMNS = ("n", "PERS", "LOC", "ORG", "MISC", "begins")


@dataclass(frozen=True, slots=True)
class TrainOptions:
    epochs: int = 40
    patience: int = 8
    batch_size: int = 32
    lr: float = 1e-3
    hidden: int = 128
    char_dim: int = 32
    char_filters: int = 64
    max_chars: int = 20
    dropout: float = 0.5
    word_dropout: float = 0.05
    vocab_size: int = 250_000
    tune_vectors: bool = False
    local_dim: int = 50
    vector_norm: float = 5.0
    save_from: int = 10
    local_min_count: int = 2
    seed: int = 13
    threads: int = 1
    scheme: str = "iob2"  # or "bioes": the tags the network learns (output is IOB2 either way)
    average_from: int = 0  # from this epoch on, keep the running mean of the weights (0: off)


def train(train_path: str | Path, out_path: str | Path, vectors_path: str | Path | None = None,
          dev_fraction: float = 0.1, epochs: int = 40, seed: int = 13,
          gazetteer_path: str | Path | None = None, options: TrainOptions | None = None,
          extra_train: Sequence[str | Path] = (), word_stats_path: str | Path | None = None) -> dict[str, Any]:
    """Train on ``train_path`` (CoNLL ``token TAG``), write the model folder ``out_path``.

    ``extra_train`` files (e.g. machine-labelled sentences) join the training part only; the
    held-out part always comes from ``train_path``.

    Returns a report: dev scores (per type and overall) of the best epoch, epochs run, seconds.
    """
    import torch

    opts = replace(options or TrainOptions(), epochs=epochs, seed=seed)
    torch.set_num_threads(opts.threads)
    _seed_all(opts.seed)
    started = time.time()
    data = [(words, to_iob2(tags)) for words, tags in read_conll(train_path)]
    n_dev = round(len(data) * dev_fraction)
    train_data, dev_data = (data[:-n_dev], data[-n_dev:]) if n_dev else (data, [])
    train_data += [(words, to_iob2(tags)) for path in extra_train for words, tags in read_conll(path)]
    gaz_file = Path(gazetteer_path) if gazetteer_path else default_model_path() / "gazetteer.tsv"
    gaz_lines = gaz_file.read_text(encoding="utf-8").splitlines()
    words, table = _word_table(train_data, vectors_path, opts.vocab_size, opts.vector_norm)
    featurizer = _featurizer(train_data, words, gaz_lines, opts)
    stats = word_stats_table(words, word_stats_path) if word_stats_path else None
    net = _build_net(table, featurizer, opts, trainable_words=vectors_path is None or opts.tune_vectors,
                     word_stats=stats)
    out = Path(out_path)

    def save(best: dict[str, Any], done: bool) -> dict[str, Any]:
        _export(net, best["state"], featurizer, words, gaz_lines, out, _tags(opts))
        report = {"dev": best["dev"] if dev_data else None, "best_epoch": best["epoch"], "epochs_run": best["epochs_run"],
                  "complete": done, "seconds": round(time.time() - started),
                  "train_sentences": len(train_data), "dev_sentences": len(dev_data),
                  "extra_train": [str(p) for p in extra_train],
                  "word_stats": str(word_stats_path) if word_stats_path else None, "options": asdict(opts)}
        (out / "train_report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
        return report

    best = _fit(net, featurizer, train_data, dev_data, opts, on_best=lambda b: save(b, False))
    return save(best, True)


def _tags(opts: TrainOptions) -> list[str]:
    if opts.scheme not in ("iob2", "bioes"):
        raise ValueError(f"unknown tag scheme {opts.scheme!r}: use 'iob2' or 'bioes'")
    return BIOES_TAGS if opts.scheme == "bioes" else TAGS


def _seed_all(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _word_table(train_data: Data, vectors_path: str | Path | None, size: int,
                norm: float) -> tuple[list[str], np.ndarray]:
    """Vocabulary (ids from 2) and its initial vectors (L2 norm ``norm``); rows 0 (pad), 1 (unknown) zero."""
    if vectors_path is None:
        counts = Counter(vector_key(w) for words, _ in train_data for w in words)
        words = [w for w, n in counts.most_common(size) if n >= 2]
        vectors = np.random.default_rng(0).normal(0, 0.1, (len(words), 100)).astype(np.float32)
    else:
        with np.load(vectors_path) as npz:
            words = [str(w) for w in npz["words"][:size]]
            vectors = npz["vectors"][:size].astype(np.float32)
    vectors = norm * vectors / np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-6)
    table = np.concatenate([np.zeros((2, vectors.shape[1]), dtype=np.float32), vectors])
    return words, table


def _featurizer(train_data: Data, words: list[str], gaz_lines: list[str], opts: TrainOptions) -> Featurizer:
    keys = [vector_key(w) for ws, _ in train_data for w in ws]
    chars = Counter(ch for k in keys for ch in k)
    splits = [split_clitics(k) for k in keys]
    prefixes = Counter(s[0] for s in splits)
    suffixes = Counter(s[2] for s in splits)
    return Featurizer(
        vocab={w: i + 2 for i, w in enumerate(words)},
        alphabet={ch: i + 2 for i, ch in enumerate(sorted(c for c, n in chars.items() if n >= 2))},
        prefixes={p: i + 2 for i, p in enumerate(sorted(p for p, n in prefixes.items() if n >= 2))},
        suffixes={s: i + 2 for i, s in enumerate(sorted(s for s, n in suffixes.items() if n >= 2))},
        gazetteer=read_gazetteer(gaz_lines), max_chars=opts.max_chars,
        local_vocab=_local_vocab(keys, opts))


def _local_vocab(keys: list[str], opts: TrainOptions) -> dict[str, int]:
    """Training words seen ``local_min_count`` times or more, for the trainable word table."""
    if not opts.local_dim:
        return {}
    counts = Counter(keys)
    return {w: i + 2 for i, w in enumerate(sorted(w for w, n in counts.items() if n >= opts.local_min_count))}


def word_stats_table(words: list[str], path: str | Path) -> np.ndarray:
    """Rows aligned with the word table (ids from 2) for counts in :data:`WORD_STATS_COLUMNS` order:
    log count / 10, then the share of occurrences inside a PERS, LOC, ORG, MISC name and at a name's start."""
    with np.load(path) as npz:
        found = {str(k): row for k, row in zip(npz["keys"], npz["counts"], strict=True)}
    table = np.zeros((len(words) + 2, len(WORD_STATS_COLUMNS)), dtype=np.float32)
    for i, word in enumerate(words):
        row = found.get(word)
        if row is not None and row[0] > 0:
            table[i + 2] = [np.log1p(row[0]) / 10, *(row[1:] / row[0])]
    return table


def _build_net(table: np.ndarray, featurizer: Featurizer, opts: TrainOptions, trainable_words: bool,
               word_stats: np.ndarray | None = None) -> Any:
    from marsad.nlp._ner_net import TaggerNet

    return TaggerNet(table, n_chars=len(featurizer.alphabet) + 2, n_prefixes=len(featurizer.prefixes) + 2,
                     n_suffixes=len(featurizer.suffixes) + 2, n_shapes=len(SHAPES), n_gaz=len(GAZ_TYPES),
                     n_tags=len(_tags(opts)),
                     n_local=len(featurizer.local_vocab) + 2, opts=opts, trainable_words=trainable_words,
                     word_stats=word_stats)


def _fit(net: Any, featurizer: Featurizer, train_data: Data, dev_data: Data, opts: TrainOptions,
         on_best: Callable[[dict[str, Any]], Any] | None = None) -> dict[str, Any]:
    """Adam with early stopping on dev micro F1; returns the best epoch's weights and scores.

    ``on_best`` is called with each new best (so an interrupted run still leaves a model behind).
    """
    import torch

    tag_set = _tags(opts)
    tag_ids = {t: i for i, t in enumerate(tag_set)}
    learned = to_bioes if opts.scheme == "bioes" else list
    train_feats = [(featurizer.sentence(w), [tag_ids[t] for t in learned(tags)]) for w, tags in train_data]
    dev_feats = [featurizer.sentence(w) for w, _ in dev_data]
    optimizer = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=opts.lr)
    rng = random.Random(opts.seed)
    best: dict[str, Any] = {"f1": -1.0}
    stale = 0
    mean: dict[str, Any] = {}
    for epoch in range(1, opts.epochs + 1):
        t0 = time.time()
        loss = _epoch(net, optimizer, train_feats, opts, rng)
        trained = None
        if opts.average_from and epoch >= opts.average_from:  # score and keep the running mean
            trained = {k: v.detach().clone() for k, v in net.state_dict().items()}
            n = epoch - opts.average_from
            mean = {k: (mean[k] * n + v) / (n + 1) if mean else v.clone() for k, v in trained.items()}
            net.load_state_dict(mean)
        if dev_feats:
            dev = _dev_scores(net, dev_feats, [tags for _, tags in dev_data], tag_set)
        else:  # no held-out part: the last epoch is kept
            dev = {"ALL": {"f1": float(epoch)}}
        held_out = f"dev F1 {dev['ALL']['f1']:.4f}" if dev_feats else "nothing held out"
        log.info("epoch %d of %d: loss %.1f, %s (%.0f s)", epoch, opts.epochs, loss, held_out, time.time() - t0)
        improved = dev["ALL"]["f1"] > best["f1"]
        if improved:
            state = {k: v.detach().clone() for k, v in net.state_dict().items()}
            best = {"f1": dev["ALL"]["f1"], "dev": dev, "epoch": epoch, "state": state, "epochs_run": epoch}
            stale = 0
            if on_best is not None and epoch >= opts.save_from:
                on_best(best)
        if trained is not None:  # training goes on from the trained weights, not the mean
            net.load_state_dict(trained)
        if not improved:
            stale += 1
            if stale >= opts.patience:
                break
    best["epochs_run"] = epoch
    return best


def _epoch(net: Any, optimizer: Any, feats: list[tuple[SentenceFeatures, list[int]]], opts: TrainOptions,
           rng: random.Random) -> float:
    import torch

    net.train()
    order = sorted(range(len(feats)), key=lambda i: (len(feats[i][1]), rng.random()))
    batches = [order[i : i + opts.batch_size] for i in range(0, len(order), opts.batch_size)]
    rng.shuffle(batches)
    total = 0.0
    for batch in batches:
        optimizer.zero_grad()
        loss = net.loss([feats[i][0] for i in batch], [feats[i][1] for i in batch])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
        optimizer.step()
        total += float(loss.detach())
    return total


def _dev_scores(net: Any, feats: list[SentenceFeatures], gold: list[list[str]],
                tags: list[str]) -> dict[str, dict[str, float]]:
    import torch

    net.eval()
    penalty, start_penalty, end_penalty = transition_penalties(tags)
    pred: list[list[str]] = []
    with torch.no_grad():
        for i in range(0, len(feats), 64):
            batch = feats[i : i + 64]
            scores, lengths = net.emissions(batch)
            trans, start, end = (p.detach().numpy() for p in (net.trans, net.start, net.end))
            paths = viterbi(scores.numpy(), lengths.numpy(), trans + penalty, start + start_penalty, end + end_penalty)
            pred.extend(to_iob2_labels([tags[j] for j in p]) for p in paths)
    return score(gold, pred)


def _export(net: Any, state: dict[str, Any], featurizer: Featurizer, words: list[str], gaz_lines: list[str],
            out: Path, tags: list[str]) -> None:
    """Write model.npz (int8 word table with row scales, float16 word statistics, float32 rest), config.json,
    vocab.txt, gazetteer.tsv."""
    net.load_state_dict(state)
    out.mkdir(parents=True, exist_ok=True)
    arrays = net.export_arrays()
    table = arrays.pop("word_emb")
    scale = np.abs(table).max(axis=1) / 127.0
    arrays["word_emb_q"] = np.round(table / np.where(scale > 0, scale, 1.0)[:, None]).astype(np.int8)
    arrays["word_emb_scale"] = scale.astype(np.float32)
    if "word_stats" in arrays:  # shares and log counts in [0, 1.7]: half precision is plenty
        arrays["word_stats"] = arrays["word_stats"].astype(np.float16)
    np.savez(out / "model.npz", **arrays)
    config = {"tags": tags, "gazetteer_types": list(GAZ_TYPES), **featurizer.config()}
    (out / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "vocab.txt").write_text("\n".join(words), encoding="utf-8")
    target = out / "gazetteer.tsv"
    if not target.exists() or target.read_text(encoding="utf-8").splitlines() != gaz_lines:
        target.write_text("".join(line + "\n" for line in gaz_lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """``python -m marsad.nlp.ner_train TRAIN OUT [VECTORS]`` (for development; the CLI wraps train)."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    report = train(args[0], args[1], args[2] if len(args) > 2 else None)
    print(json.dumps({k: v for k, v in report.items() if k != "options"}, indent=1))


if __name__ == "__main__":
    main()
