"""Arabic named-entity tagger (PERS/LOC/ORG/MISC): a BiLSTM-CRF run with numpy only.

The model (trained by :mod:`marsad.nlp.ner_train`, shipped in ``marsad/kb/models/ner/``) reads,
for every token, a pre-trained vector of its normalised form and of its clitic-stripped stem, a
character CNN over the normalised letters, shape/clitic ids and gazetteer matches
(:mod:`marsad.nlp.ner_features`); a bidirectional LSTM and a CRF with IOB2 constraints give the
labels. :meth:`NerTagger.tag` turns them into :class:`~marsad.model.Entity` spans with raw offsets.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import yaml

from marsad.model import Entity, Token
from marsad.nlp.ner_features import Featurizer, SentenceFeatures, read_gazetteer, vector_key
from marsad.text.normalize import norm_key

__all__ = ["NerError", "NerTagger", "default_tagger", "viterbi", "allowed_transitions", "iob2_spans",
           "is_bioes", "to_bioes", "to_iob2_labels", "transition_penalties",
           "harmonise"]

MAX_WINDOW = 150
_BATCH_TOKENS = 30_000
_WORD_CACHE = 12_000  # words whose input projection is kept (4 KB each with 128 hidden units)


class NerError(RuntimeError):
    """The NER model files are missing or inconsistent."""


def default_model_path() -> Path:
    return Path(str(resources.files("marsad.kb").joinpath("models/ner")))


class NerTagger:
    """A loaded tagger: weights (numpy arrays), the featuriser and the tag set."""

    def __init__(self, weights: dict[str, np.ndarray], featurizer: Featurizer, tags: list[str]) -> None:
        self.w = weights
        self.featurizer = featurizer
        self.tags = tags
        self._word_cache: dict[tuple[str, int], np.ndarray] = {}
        self.lstm = BiLstm.from_weights(weights)
        self.penalty, self.start_penalty, self.end_penalty = transition_penalties(tags)

    @classmethod
    def load(cls, path: str | Path | None = None) -> NerTagger:
        """Load a model folder (``model.npz``, ``config.json``, ``vocab.txt``, ``gazetteer.tsv``)."""
        folder = Path(path) if path is not None else default_model_path()
        missing = [n for n in ("model.npz", "config.json", "vocab.txt", "gazetteer.tsv") if not (folder / n).is_file()]
        if missing:
            raise NerError(f"NER model folder {folder} lacks {', '.join(missing)}")
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        with np.load(folder / "model.npz") as npz:
            weights = {k: npz[k] if k == "word_emb_q" else npz[k].astype(np.float32) for k in npz.files}
        words = (folder / "vocab.txt").read_text(encoding="utf-8").split("\n")
        with (folder / "gazetteer.tsv").open(encoding="utf-8") as fh:
            gazetteer = read_gazetteer(fh)
        featurizer = Featurizer.from_config(config, words, gazetteer)
        return cls(weights, featurizer, list(config["tags"]))

    def tag_tokens(self, words: list[list[str]]) -> list[list[str]]:
        """IOB2 labels for each sentence of words."""
        feats = [self.featurizer.sentence(_as_read(ws), with_chars=False) if ws else None for ws in words]
        out: list[list[str]] = [[] for _ in words]
        order = sorted((i for i, f in enumerate(feats) if f is not None), key=lambda i: -len(words[i]))
        for batch in _batches(order, [len(w) for w in words]):
            batch_feats = [f for f in (feats[i] for i in batch) if f is not None]
            for i, path in zip(batch, self.decode(batch_feats), strict=True):
                out[i] = to_iob2_labels([self.tags[j] for j in path])
        return out

    def tag(self, text: str, tokens: Sequence[Token]) -> list[Entity]:
        """Entities over ``tokens`` (from :func:`marsad.text.segment.tokenize`), raw offsets into ``text``."""
        windows = _windows(tokens)
        words = [[t.text for t in w] for w in windows]
        labels = harmonise(words, self.tag_tokens(words))
        entities = []
        for window, seq in zip(windows, labels, strict=True):
            for label, first, last in iob2_spans(seq):
                start, end = window[first].start, window[last - 1].end
                entities.append(Entity(label, start, end, text[start:end]))
        return entities

    def decode(self, feats: list[SentenceFeatures]) -> list[list[int]]:
        """Best tag-id path for each sentence of a batch."""
        scores, lengths = self.emissions(feats)
        return viterbi(scores, lengths, self.w["trans"] + self.penalty, self.w["start"] + self.start_penalty,
                       self.w["end"] + self.end_penalty)

    def emissions(self, feats: list[SentenceFeatures]) -> tuple[np.ndarray, np.ndarray]:
        """Per-token tag scores (B, T, K) of a batch, with the sentence lengths."""
        lengths = np.array([len(f.word) for f in feats])
        order = np.argsort(-lengths, kind="stable")
        sorted_feats = [feats[i] for i in order]
        h = self.lstm.run(self._projected(sorted_feats, lengths[order]), lengths[order])
        scores = (h @ self.w["proj_w"].T + self.w["proj_b"]).transpose(1, 0, 2)
        back = np.empty_like(order)
        back[order] = np.arange(len(order))
        return scores[back], lengths

    def _projected(self, feats: list[SentenceFeatures], lengths: np.ndarray) -> np.ndarray:
        """The LSTM input projections (T, B, 8H) of a batch sorted by decreasing length.

        Every input but the gazetteer matches depends on the word alone, so its projection is
        computed once per word key and shape and kept (the first ``_WORD_CACHE`` words met);
        the gazetteer part is projected per token.
        """
        batch, width = len(feats), int(lengths.max())
        cache = self._word_cache
        firsts: dict[tuple[str, int], tuple[int, int]] = {}
        token_keys = [list(zip(f.keys, f.small[:, 0].tolist(), strict=True)) for f in feats]
        for b, keys in enumerate(token_keys):
            for t, key in enumerate(keys):
                if key not in cache and key not in firsts:
                    firsts[key] = (b, t)
        found = cache
        if firsts:
            rows = self._word_inputs([feats[b] for b, _ in firsts.values()], [t for _, t in firsts.values()])
            projected = dict(zip(firsts, rows @ self.lstm.w_in[: rows.shape[1]], strict=True))
            if len(cache) + len(projected) <= _WORD_CACHE:
                cache.update(projected)
            else:
                found = {**cache, **projected}
        xp = np.zeros((width, batch, self.lstm.w_in.shape[1]), dtype=np.float32)
        for b, keys in enumerate(token_keys):
            xp[: len(keys), b] = [found[k] for k in keys]
        gaz = np.zeros((batch, width, feats[0].small.shape[1] - 3), dtype=np.int64)
        for b, f in enumerate(feats):
            gaz[b, : len(f.word)] = f.small[:, 3:]
        gaz_vectors = self.w["gaz_emb"][gaz + 3 * np.arange(gaz.shape[2])].reshape(batch, width, -1)
        w_gaz = self.lstm.w_in[-gaz_vectors.shape[2] :]
        xp += (gaz_vectors.transpose(1, 0, 2) @ w_gaz) + self.lstm.b_in
        return xp

    def _word_inputs(self, feats: list[SentenceFeatures], positions: list[int]) -> np.ndarray:
        """(N, D) inputs that depend on the word alone, for token ``positions[i]`` of ``feats[i]``:
        word and stem vectors, training-word vector, char CNN, shape and clitic embeddings."""
        pick = [(f.word[t], f.stem[t], f.local[t], f.small[t, 0], f.small[t, 1], f.small[t, 2], f.keys[t])
                for f, t in zip(feats, positions, strict=True)]
        word, stem, local, shape, prefix, suffix = (np.array([p[i] for p in pick]) for i in range(6))
        chars = self.featurizer.char_matrix([p[6] for p in pick])[None]
        parts = [self.word_vectors(word), self.word_vectors(stem),
                 *([self.w["local_emb"][local]] if "local_emb" in self.w else []),
                 char_cnn(chars, self.w["char_emb"], self.w["conv_w"], self.w["conv_b"])[0],
                 self.w["shape_emb"][shape], self.w["prefix_emb"][prefix], self.w["suffix_emb"][suffix],
                 *([self.w["word_stats"][word], self.w["word_stats"][stem]] if "word_stats" in self.w else [])]
        return np.concatenate(parts, axis=1)

    def text_vector(self, words: Sequence[str], skip_commonest: int = 100) -> np.ndarray:
        """The mean of the pre-trained vectors of ``words`` (the ``skip_commonest`` most frequent
        words and unknown ones left out), scaled to unit length: what the words are about."""
        ids = np.array([i for i in (self.featurizer.word_id(vector_key(w)) for w in words) if i > skip_commonest + 1],
                       dtype=np.int64)
        if ids.size == 0:
            return np.zeros(self.word_vectors(np.array([1])).shape[1], dtype=np.float32)
        mean = self.word_vectors(ids).mean(axis=0)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm > 0 else mean

    def word_vectors(self, ids: np.ndarray) -> np.ndarray:
        """Rows of the word table (stored as int8 with a scale per row, or as floats)."""
        if "word_emb_q" in self.w:
            return self.w["word_emb_q"][ids].astype(np.float32) * self.w["word_emb_scale"][ids][..., None]
        return self.w["word_emb"][ids]


def char_cnn(chars: np.ndarray, emb: np.ndarray, conv_w: np.ndarray, conv_b: np.ndarray) -> np.ndarray:
    """Width-k convolution (zero padding k//2) over character embeddings, max over real characters."""
    batch, width, n_chars = chars.shape
    filters, dim, k = conv_w.shape
    x = emb[chars.reshape(-1, n_chars)]  # (N, L, C)
    pad = k // 2
    x = np.pad(x, ((0, 0), (pad, pad), (0, 0)))
    windows = np.concatenate([x[:, j : j + n_chars] for j in range(k)], axis=2)  # (N, L, k*C)
    kernel = conv_w.transpose(2, 1, 0).reshape(k * dim, filters)
    y = windows @ kernel + conv_b
    mask = (chars.reshape(-1, n_chars) > 0)[:, :, None]
    y = np.where(mask, y, -1e4).max(axis=1)
    y = np.where(mask.any(axis=1), y, 0.0)
    return y.reshape(batch, width, filters).astype(np.float32)


@dataclass(frozen=True, slots=True)
class BiLstm:
    """A one-layer BiLSTM prepared for numpy from PyTorch weights (gate order i, f, g, o).

    Both directions share one input projection; gates are regrouped as (i, f, o, g) and the
    sigmoid rows pre-scaled by 1/2, so one ``tanh`` per step gives every gate
    (sigmoid(x) = (1 + tanh(x/2)) / 2).
    """

    w_in: np.ndarray  # (D, 8H): forward then backward
    b_in: np.ndarray  # (8H,)
    w_hh: tuple[np.ndarray, np.ndarray]  # (H, 4H) per direction

    @classmethod
    def from_weights(cls, w: dict[str, np.ndarray]) -> BiLstm:
        hidden = w["lstm_f_whh"].shape[1]
        order = np.r_[0 : 2 * hidden, 3 * hidden : 4 * hidden, 2 * hidden : 3 * hidden]
        scale = np.r_[np.full(3 * hidden, 0.5), np.ones(hidden)].astype(np.float32)
        ins, biases, recurrent = [], [], []
        for d in ("f", "b"):
            ins.append(w[f"lstm_{d}_wih"][order] * scale[:, None])
            biases.append(w[f"lstm_{d}_b"][order] * scale)
            recurrent.append(np.ascontiguousarray((w[f"lstm_{d}_whh"][order] * scale[:, None]).T))
        return cls(np.ascontiguousarray(np.concatenate(ins).T), np.concatenate(biases),
                   (recurrent[0], recurrent[1]))

    def run(self, xp: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Hidden states (T, B, 2H) of a batch sorted by decreasing length, from its input
        projections ``xp`` (T, B, 8H): inputs @ ``w_in`` + ``b_in``, which the tagger assembles."""
        four_h = self.w_hh[0].shape[1]
        active = (lengths[None, :] > np.arange(xp.shape[0])[:, None]).sum(axis=1)
        forward = _run(xp[:, :, :four_h], active, self.w_hh[0], reverse=False)
        backward = _run(xp[:, :, four_h:], active, self.w_hh[1], reverse=True)
        return np.concatenate([forward, backward], axis=2)


def _run(xp: np.ndarray, active: np.ndarray, w_hh: np.ndarray, reverse: bool) -> np.ndarray:
    """One direction; at step t only the first ``active[t]`` rows (still inside their sentence) run.

    Backwards, a row joins at its last token with a zero state, so no reversal of the input is needed.
    """
    width, batch, four_h = xp.shape
    hidden = four_h // 4
    h = np.zeros((batch, hidden), dtype=np.float32)
    c = np.zeros((batch, hidden), dtype=np.float32)
    out = np.zeros((width, batch, hidden), dtype=np.float32)
    for t in range(width - 1, -1, -1) if reverse else range(width):
        n = active[t]
        g = xp[t, :n] + h[:n] @ w_hh
        np.tanh(g, out=g)
        gates = g[:, : 3 * hidden]
        gates *= 0.5
        gates += 0.5
        c[:n] = gates[:, hidden : 2 * hidden] * c[:n] + gates[:, :hidden] * g[:, 3 * hidden :]
        h[:n] = gates[:, 2 * hidden :] * np.tanh(c[:n])
        out[t, :n] = h[:n]
    return out


def viterbi(scores: np.ndarray, lengths: np.ndarray, trans: np.ndarray, start: np.ndarray,
            end: np.ndarray) -> list[list[int]]:
    """Best paths of a batch of emission scores (B, T, K); ``trans[i, j]`` scores tag i → j."""
    batch, width, _ = scores.shape
    best = start[None, :] + scores[:, 0]
    back = np.zeros(scores.shape, dtype=np.int64)
    for t in range(1, width):
        cand = best[:, :, None] + trans[None]
        back[:, t] = cand.argmax(axis=1)
        nxt = cand.max(axis=1) + scores[:, t]
        live = (t < lengths)[:, None]
        best = np.where(live, nxt, best)
    best = best + end[None, :]
    paths = []
    for b in range(batch):
        tag = int(best[b].argmax())
        path = [tag]
        for t in range(int(lengths[b]) - 1, 0, -1):
            tag = int(back[b, t, tag])
            path.append(tag)
        paths.append(path[::-1])
    return paths


def allowed_transitions(tags: Sequence[str]) -> np.ndarray:
    """Which tag may follow which, in IOB2 or in BIOES (a tag set with ``S-``/``E-`` tags).

    IOB2: ``I-X`` only after ``B-X`` or ``I-X``. BIOES: ``I-X``/``E-X`` only after ``B-X``/``I-X``,
    and ``B-X``/``I-X`` must be followed by ``I-X``/``E-X``.
    """
    bioes = is_bioes(tags)
    allowed = np.ones((len(tags), len(tags)), dtype=bool)
    for i, prev in enumerate(tags):
        for j, tag in enumerate(tags):
            inside = tag[:2] in ("I-", "E-")
            opened = prev[:2] in ("B-", "I-")
            if inside:
                allowed[i, j] = opened and prev[2:] == tag[2:]
            elif bioes and opened:
                allowed[i, j] = False
    return allowed


def transition_penalties(tags: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Viterbi penalties (transitions, first tag, last tag) that forbid invalid tag sequences."""
    bioes = is_bioes(tags)
    trans = np.where(allowed_transitions(tags), 0.0, -1e4).astype(np.float32)
    start = np.array([-1e4 if t[:2] in ("I-", "E-") else 0.0 for t in tags], dtype=np.float32)
    end = np.array([-1e4 if bioes and t[:2] in ("B-", "I-") else 0.0 for t in tags], dtype=np.float32)
    return trans, start, end


def is_bioes(tags: Sequence[str]) -> bool:
    return any(t[:2] in ("S-", "E-") for t in tags)


def to_bioes(labels: Sequence[str]) -> list[str]:
    """IOB2 labels → BIOES (a one-word entity ``S-X``, the last word of a longer one ``E-X``)."""
    out = list(labels)
    for i, label in enumerate(labels):
        continues = i + 1 < len(labels) and labels[i + 1] == "I-" + label[2:]
        if label.startswith("B-") and not continues:
            out[i] = "S-" + label[2:]
        elif label.startswith("I-") and not continues:
            out[i] = "E-" + label[2:]
    return out


_IOB2_PREFIX = {"S-": "B-", "E-": "I-"}


def to_iob2_labels(labels: Sequence[str]) -> list[str]:
    """BIOES (or IOB2) labels → IOB2: ``S-X`` → ``B-X``, ``E-X`` → ``I-X``, the rest unchanged."""
    return [_IOB2_PREFIX.get(label[:2], label[:2]) + label[2:] for label in labels]


def iob2_spans(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """(type, first, end exclusive) of each entity in a valid IOB2 sequence."""
    out: list[tuple[str, int, int]] = []
    for i, label in enumerate(labels):
        if label.startswith("B-") or (label.startswith("I-") and (not out or out[-1][2] != i
                                                                  or out[-1][0] != label[2:])):
            out.append((label[2:], i, i + 1))
        elif label.startswith("I-"):
            out[-1] = (out[-1][0], out[-1][1], i + 1)
    return out


def harmonise(words: Sequence[Sequence[str]], labels: Sequence[Sequence[str]],
              window: int | None = None) -> list[list[str]]:
    """One name, one label within a document.

    A name the tagger found (its normalised words) counts its types over the document
    (``window=None``) or over ``window`` sentences on either side (for corpora without document
    boundaries). Where one type was given strictly more often than any other, every tagged
    occurrence takes it (same words, only the type changes); untagged repeats of the name are
    tagged with its most frequent type, and a one-word name needs three letters or more for that.
    Untagged words never lose their label; tagged spans never change their boundaries.
    """
    keys = [[vector_key(w) for w in ws] for ws in words]
    found = [[(tuple(ks[s:e]), typ, s, e) for typ, s, e in iob2_spans(ls)] for ks, ls in zip(keys, labels, strict=True)]
    out = [list(ls) for ls in labels]
    whole = _name_votes(found)
    whole_lengths = _lengths(whole)
    for i, ks in enumerate(keys):
        votes = whole if window is None else _name_votes(found[max(0, i - window) : i + window + 1])
        lengths = whole_lengths if window is None else _lengths(votes)
        for name, typ, s, e in found[i]:
            ranked = votes[name].most_common(2)
            if len(ranked) > 1 and ranked[0][0] != typ and ranked[0][1] > ranked[1][1]:
                out[i][s:e] = [f"B-{ranked[0][0]}"] + [f"I-{ranked[0][0]}"] * (e - s - 1)
        t = 0
        while t < len(ks):
            step = 1
            for n in lengths.get(ks[t], ()):
                if t + n > len(ks):  # a shorter slice could equal another, shorter name
                    continue
                name_votes = votes.get(tuple(ks[t : t + n]))
                if name_votes and (n > 1 or len(ks[t]) >= 3) and all(x == "O" for x in out[i][t : t + n]):
                    typ = name_votes.most_common(1)[0][0]
                    out[i][t : t + n] = [f"B-{typ}"] + [f"I-{typ}"] * (n - 1)
                    step = n
                    break
            t += step
    return out


def _lengths(names: dict[tuple[str, ...], Counter[str]]) -> dict[str, list[int]]:
    """First word of the names → their lengths in words, longest first."""
    out: dict[str, set[int]] = {}
    for name in names:
        out.setdefault(name[0], set()).add(len(name))
    return {first: sorted(ns, reverse=True) for first, ns in out.items()}


def _name_votes(found: Sequence[Sequence[tuple[tuple[str, ...], str, int, int]]]) -> dict[tuple[str, ...], Counter[str]]:
    """How often each name was given each type."""
    votes: dict[tuple[str, ...], Counter[str]] = {}
    for sentence in found:
        for name, typ, _, _ in sentence:
            votes.setdefault(name, Counter())[typ] += 1
    return votes


def _batches(order: list[int], lengths: list[int]) -> list[list[int]]:
    batches: list[list[int]] = []
    for i in order:
        if batches and (len(batches[-1]) + 1) * lengths[batches[-1][0]] <= _BATCH_TOKENS:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def _windows(tokens: Sequence[Token]) -> list[list[Token]]:
    """Tokens grouped by sentence, long sentences cut into windows of at most MAX_WINDOW tokens."""
    windows: list[list[Token]] = []
    for token in tokens:
        if not windows or windows[-1][-1].sentence != token.sentence or len(windows[-1]) >= MAX_WINDOW:
            windows.append([])
        windows[-1].append(token)
    return windows


_GOD = "الله"


@lru_cache(maxsize=1)
def _theophoric() -> frozenset[str]:
    """First words of theophoric names, shown to the tagger as "عبد" (``kb/lexicons/person_names.yaml``)."""
    raw = resources.files("marsad.kb").joinpath("lexicons/person_names.yaml").read_text(encoding="utf-8")
    return frozenset(norm_key(w) for w in yaml.safe_load(raw)["theophoric_first_words"])


def _as_read(words: list[str]) -> list[str]:
    """The words as the tagger reads them: the first word of a theophoric name as "عبد" (after "و"
    only: "بفضل الله" is "thanks to God")."""
    theophoric = _theophoric()
    out = words
    for i in range(len(words) - 1):
        if norm_key(words[i + 1]) != _GOD:
            continue
        first = norm_key(words[i])
        prefix = "و" if first.startswith("و") and first[1:] in theophoric else ""
        if first[len(prefix):] in theophoric:
            out = out if out is not words else list(words)
            out[i] = prefix + "عبد"
    return out


@lru_cache(maxsize=1)
def default_tagger() -> NerTagger:
    """The shipped model, loaded once."""
    return NerTagger.load()
