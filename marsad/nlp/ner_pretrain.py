"""Pre-train the NER tagger's encoder as a bidirectional language model on unlabelled news.

The tagger's BiLSTM reads each word through the same inputs as when tagging (word vectors,
characters, clitics, gazetteer matches). Here its forward half learns to predict the next word and
its backward half the previous one, over the sentences of news articles
(:mod:`marsad.nlp.news_sentences`). A tagger training run then starts from these weights
(``marsad train ner --encoder FILE``) and learns the entity tags on top. The encoder so learns
in which contexts words occur from millions of words instead of the 150,000 of the labelled file,
and tagging costs nothing more: the shipped network is the same.

The vocabularies (characters, clitics, the trainable word table) are built from the news
sentences and the training file without its held-out last part (``dev_fraction``); a training
run that starts from the encoder uses them as they are. So one encoder serves both the held-out
run that makes the choices and the final run, whatever extra sentences each adds.

Needs the ``train`` extra (torch).
"""

from __future__ import annotations

import logging
import math
import random
import time
from collections import Counter
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from marsad.nlp.ner_features import vector_key
from marsad.nlp.ner_train import (
    ENCODER_FORMAT,
    TrainOptions,
    _build_net,
    _featurizer,
    _seed_all,
    _word_table,
    gazetteer_lines,
    split_data,
)
from marsad.nlp.news_sentences import MAX_WORDS, MIN_WORDS, article_sentences, sample_texts

__all__ = ["PretrainOptions", "pretrain"]

log = logging.getLogger(__name__)

BOUNDARY, UNKNOWN = 0, 1  # target classes before the words: sentence edge, word outside the LM vocabulary


@dataclass(frozen=True, slots=True)
class PretrainOptions:
    articles: int = 20_000  # articles drawn from the corpus
    seed: int = 1
    max_words: int = 0  # stop after this many words (0: every sentence of the drawn articles, once)
    lm_vocab: int = 20_000  # most frequent word keys predicted; the rest are one "unknown" class
    cutoffs: tuple[int, ...] = (500, 4000)  # adaptive softmax: head classes, then two tails
    local_vocab: int = 40_000  # the trainable word table: this many of the most frequent words
    batch_size: int = 64
    lr: float = 1e-3
    dropout: float = 0.2
    chunk: int = 4096  # sentences featurised at a time
    log_every: int = 200  # batches
    save_every: int = 2000  # batches


def pretrain(corpus: str | Path, out_path: str | Path, train_path: str | Path, vectors_path: str | Path, *,
             dev_fraction: float = 0.1, options: PretrainOptions | None = None, train_options: TrainOptions | None = None,
             gazetteer_path: str | Path | None = None) -> dict[str, Any]:
    """Pre-train on ``corpus`` (JSON lines with ``text``) and write the encoder file ``out_path``.

    Returns a report: sentences and words seen, the last mean loss (and its perplexity), seconds.
    """
    import torch
    from torch import nn

    popts = options or PretrainOptions()
    topts = replace(train_options or TrainOptions(), local_max=popts.local_vocab)
    torch.set_num_threads(topts.threads)
    _seed_all(popts.seed)
    started = time.time()
    sentences = [s for text in sample_texts(Path(corpus), popts.articles, popts.seed) for s in article_sentences(text)]
    random.Random(popts.seed).shuffle(sentences)
    train_data, _ = split_data(train_path, dev_fraction)
    words, table = _word_table(train_data, vectors_path, topts.vocab_size, topts.vector_norm)
    featurizer = _featurizer(train_data + [(s, []) for s in sentences], words, gazetteer_lines(gazetteer_path), topts)
    net = _build_net(table, featurizer, topts, trainable_words=False)
    net.drop.p = popts.dropout
    counts = Counter(vector_key(w) for s in sentences for w in s)
    targets = {w: i + 2 for i, (w, _) in enumerate(counts.most_common(popts.lm_vocab))}
    n_classes = len(targets) + 2
    if len(targets) < 2:
        raise ValueError(f"{corpus}: too few sentences of {MIN_WORDS}-{MAX_WORDS} words to pre-train on")
    cutoffs = [c for c in popts.cutoffs if c < n_classes - 1] or [n_classes // 2]
    heads = nn.ModuleList(nn.AdaptiveLogSoftmaxWithLoss(topts.hidden, n_classes, cutoffs=cutoffs, div_value=4.0)
                          for _ in range(2))
    params = [p for p in net.parameters() if p.requires_grad] + list(heads.parameters())
    optimizer = torch.optim.Adam(params, lr=popts.lr)
    log.info("%d sentences, %d words from %d articles; predicting %d word classes",
             len(sentences), sum(counts.values()), popts.articles, n_classes)

    report: dict[str, Any] = {"corpus": str(corpus), "train": str(train_path), "dev_fraction": dev_fraction,
                              "lm_classes": n_classes, "local_vocab": len(featurizer.local_vocab),
                              "pretrain": asdict(popts), "options": asdict(topts)}

    def save(done: bool) -> None:
        report.update(complete=done, seconds=round(time.time() - started))
        encoder = {"format": ENCODER_FORMAT, "featurizer": featurizer.config(), "state": net.encoder_state(),
                   "n_words": len(words), "options": asdict(topts), "report": dict(report)}
        tmp = Path(str(out_path) + ".tmp")
        torch.save(encoder, tmp)
        tmp.replace(out_path)

    rng = random.Random(popts.seed)
    seen = batches = 0
    window: list[float] = []
    t0 = time.time()
    net.train()
    for first in range(0, len(sentences), popts.chunk):
        chunk = sentences[first : first + popts.chunk]
        feats = [featurizer.sentence(s) for s in chunk]
        ids = [np.array([targets.get(vector_key(w), UNKNOWN) for w in s], dtype=np.int64) for s in chunk]
        order = sorted(range(len(chunk)), key=lambda i: (len(chunk[i]), rng.random()))
        groups = [order[i : i + popts.batch_size] for i in range(0, len(order), popts.batch_size)]
        rng.shuffle(groups)
        for group in groups:
            optimizer.zero_grad()
            loss = _lm_loss(net, heads, [feats[i] for i in group], [ids[i] for i in group], topts.hidden)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 5.0)
            optimizer.step()
            seen += sum(len(chunk[i]) for i in group)
            batches += 1
            window.append(float(loss.detach()))
            if batches % popts.log_every == 0:
                mean = sum(window) / len(window)
                window.clear()
                report.update(words_seen=seen, batches=batches, loss=round(mean, 4),
                              perplexity=round(math.exp(mean), 1))
                log.info("%d words (%.0f words/s): loss %.3f, perplexity %.1f", seen, seen / (time.time() - t0),
                         mean, math.exp(mean))
            if batches % popts.save_every == 0:
                save(False)
            if popts.max_words and seen >= popts.max_words:
                break
        else:
            continue
        break
    report.update(words_seen=seen, batches=batches)
    save(True)
    return report


def _lm_loss(net: Any, heads: Any, feats: list[Any], ids: list[np.ndarray], hidden: int) -> Any:
    """Mean of the forward (next word) and backward (previous word) adaptive-softmax losses."""
    import torch

    h, lengths = net.encode(feats)
    h = net.drop(h)
    width = h.shape[1]
    nxt = np.full((len(ids), width), BOUNDARY, dtype=np.int64)
    prev = np.full((len(ids), width), BOUNDARY, dtype=np.int64)
    for b, row in enumerate(ids):
        nxt[b, : len(row) - 1] = row[1:]
        prev[b, 1 : len(row)] = row[:-1]
    mask = torch.arange(width)[None, :] < lengths[:, None]
    forward = heads[0](h[:, :, :hidden][mask], torch.from_numpy(nxt)[mask]).loss
    backward = heads[1](h[:, :, hidden:][mask], torch.from_numpy(prev)[mask]).loss
    return (forward + backward) / 2
