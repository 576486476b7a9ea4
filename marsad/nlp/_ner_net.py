"""The PyTorch BiLSTM-CRF used only at training time (imported lazily by :mod:`marsad.nlp.ner_train`).

Its forward pass mirrors :meth:`marsad.nlp.ner.NerTagger.emissions` exactly, and
:meth:`TaggerNet.export_arrays` names the arrays the numpy runtime reads.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from torch import nn

from marsad.nlp.ner_features import SentenceFeatures

__all__ = ["TaggerNet"]


def _pad(rows: list[np.ndarray], width: int, tail: tuple[int, ...] = ()) -> torch.Tensor:
    out = np.zeros((len(rows), width, *tail), dtype=np.int64)
    for b, row in enumerate(rows):
        index: tuple[int | slice, ...] = (b, slice(0, row.shape[0]), *[slice(0, n) for n in row.shape[1:]])
        out[index] = row
    return torch.from_numpy(out)


class TaggerNet(nn.Module):
    def __init__(self, table: np.ndarray, *, n_chars: int, n_prefixes: int, n_suffixes: int, n_shapes: int,
                 n_gaz: int, n_tags: int, n_local: int, opts: Any, trainable_words: bool,
                 word_stats: np.ndarray | None = None) -> None:
        super().__init__()
        self.opts = opts
        self.words = nn.Embedding.from_pretrained(torch.from_numpy(table), freeze=not trainable_words,
                                                  padding_idx=0)
        self.stats = (nn.Embedding.from_pretrained(torch.from_numpy(word_stats), freeze=True, padding_idx=0)
                      if word_stats is not None else None)
        self.local = nn.Embedding(n_local, opts.local_dim, padding_idx=0) if opts.local_dim else None
        self.chars = nn.Embedding(n_chars, opts.char_dim, padding_idx=0)
        self.conv = nn.Conv1d(opts.char_dim, opts.char_filters, 3, padding=1)
        self.shape = nn.Embedding(n_shapes, 8)
        self.prefix = nn.Embedding(n_prefixes, 8)
        self.suffix = nn.Embedding(n_suffixes, 4)
        self.gaz = nn.Embedding(3 * n_gaz, 4)
        n_stats = 2 * word_stats.shape[1] if word_stats is not None else 0
        in_dim = 2 * table.shape[1] + opts.local_dim + opts.char_filters + 8 + 8 + 4 + n_stats + 4 * n_gaz
        self.drop = nn.Dropout(opts.dropout)
        self.lstm = nn.LSTM(in_dim, opts.hidden, batch_first=True, bidirectional=True)
        self.proj = nn.Linear(2 * opts.hidden, n_tags)
        self.trans = nn.Parameter(torch.zeros(n_tags, n_tags))
        self.start = nn.Parameter(torch.zeros(n_tags))
        self.end = nn.Parameter(torch.zeros(n_tags))

    def _inputs(self, feats: list[SentenceFeatures]) -> tuple[torch.Tensor, torch.Tensor]:
        lengths = torch.tensor([len(f.word) for f in feats])
        width = int(lengths.max())
        word, stem = self._word_ids([f.word for f in feats], width), self._word_ids([f.stem for f in feats], width)
        local = self._word_ids([f.local for f in feats], width)
        rows = [f.chars for f in feats if f.chars is not None]
        n_chars = max(r.shape[1] for r in rows)
        chars = _pad(rows, width, (n_chars,))
        small = _pad([f.small for f in feats], width, (feats[0].small.shape[1],))
        gaz_ids = small[:, :, 3:] + 3 * torch.arange(small.shape[2] - 3)
        parts = [self.words(word), self.words(stem), *([self.local(local)] if self.local else []),
                 self._char_cnn(chars), self.shape(small[:, :, 0]),
                 self.prefix(small[:, :, 1]), self.suffix(small[:, :, 2]),
                 *([self.stats(word), self.stats(stem)] if self.stats is not None else []),
                 self.gaz(gaz_ids).reshape(len(feats), width, -1)]
        return torch.cat(parts, dim=2), lengths

    def _word_ids(self, rows: list[np.ndarray], width: int) -> torch.Tensor:
        ids = _pad(rows, width)
        if self.training and self.opts.word_dropout > 0:
            ids = ids.masked_fill((torch.rand(ids.shape) < self.opts.word_dropout) & (ids > 0), 1)
        return ids

    def _char_cnn(self, chars: torch.Tensor) -> torch.Tensor:
        batch, width, n_chars = chars.shape
        flat = chars.reshape(-1, n_chars)
        y = self.conv(self.chars(flat).transpose(1, 2))  # (N, F, L)
        mask = (flat > 0).unsqueeze(1)
        y = y.masked_fill(~mask, -1e4).max(dim=2).values
        y = torch.where(mask.any(dim=2), y, torch.zeros_like(y))
        return y.reshape(batch, width, -1)

    def emissions(self, feats: list[SentenceFeatures]) -> tuple[torch.Tensor, torch.Tensor]:
        x, lengths = self._inputs(feats)
        packed = nn.utils.rnn.pack_padded_sequence(self.drop(x), lengths, batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True)
        return self.proj(self.drop(h)), lengths

    def loss(self, feats: list[SentenceFeatures], tags: list[list[int]]) -> torch.Tensor:
        """Mean CRF negative log-likelihood of the gold paths."""
        scores, lengths = self.emissions(feats)
        gold = _pad([np.array(t) for t in tags], scores.shape[1])
        mask = torch.arange(scores.shape[1])[None, :] < lengths[:, None]
        return (self._log_partition(scores, mask) - self._path_score(scores, gold, mask, lengths)).mean()

    def _path_score(self, scores: torch.Tensor, gold: torch.Tensor, mask: torch.Tensor,
                    lengths: torch.Tensor) -> torch.Tensor:
        emit = scores.gather(2, gold.unsqueeze(2)).squeeze(2)
        trans = self.trans[gold[:, :-1], gold[:, 1:]]
        total = (emit * mask).sum(1) + (trans * mask[:, 1:]).sum(1) + self.start[gold[:, 0]]
        last = gold.gather(1, (lengths - 1).unsqueeze(1)).squeeze(1)
        return total + self.end[last]

    def _log_partition(self, scores: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        alpha = self.start.unsqueeze(0) + scores[:, 0]
        for t in range(1, scores.shape[1]):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans.unsqueeze(0), dim=1) + scores[:, t]
            alpha = torch.where(mask[:, t : t + 1], nxt, alpha)
        return torch.logsumexp(alpha + self.end.unsqueeze(0), dim=1)

    def export_arrays(self) -> dict[str, np.ndarray]:
        """Float32 numpy arrays under the names :class:`marsad.nlp.ner.NerTagger` reads."""
        def arr(t: torch.Tensor) -> np.ndarray:
            return t.detach().cpu().numpy().astype(np.float32)

        p = dict(self.lstm.named_parameters())
        p_conv = dict(self.conv.named_parameters())
        local = {"local_emb": arr(self.local.weight)} if self.local is not None else {}
        stats = {"word_stats": arr(self.stats.weight)} if self.stats is not None else {}
        return {**local, **stats,
            "word_emb": arr(self.words.weight), "char_emb": arr(self.chars.weight),
            "conv_w": arr(self.conv.weight), "conv_b": arr(p_conv["bias"]),
            "shape_emb": arr(self.shape.weight), "prefix_emb": arr(self.prefix.weight),
            "suffix_emb": arr(self.suffix.weight), "gaz_emb": arr(self.gaz.weight),
            "lstm_f_wih": arr(p["weight_ih_l0"]), "lstm_f_whh": arr(p["weight_hh_l0"]),
            "lstm_f_b": arr(p["bias_ih_l0"] + p["bias_hh_l0"]),
            "lstm_b_wih": arr(p["weight_ih_l0_reverse"]), "lstm_b_whh": arr(p["weight_hh_l0_reverse"]),
            "lstm_b_b": arr(p["bias_ih_l0_reverse"] + p["bias_hh_l0_reverse"]),
            "proj_w": arr(self.proj.weight), "proj_b": arr(self.proj.bias),
            "trans": arr(self.trans), "start": arr(self.start), "end": arr(self.end),
        }
