"""CoNLL-2003 style named-entity scoring: exact-match spans, per type and overall micro P/R/F1.

A predicted entity counts only when its type, first and last token all equal a gold entity's.
Tags are IOB2 (``B-X``/``I-X``/``O``); an ``I-X`` that does not continue an ``X`` entity opens a
new one, as conlleval does, so IOB1 files score the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

__all__ = ["ConllError", "entities", "evaluate_ner", "format_report", "read_conll", "score", "to_iob2"]

Sequences = Sequence[Sequence[str]]


class ConllError(ValueError):
    """A CoNLL file or a pair of tag sequences is malformed."""


def read_conll(path: str | Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a ``token TAG`` file (blank line between sentences) as (words, tags)."""
    out: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            if words:
                out.append((words, tags))
            words, tags = [], []
            continue
        if " " not in line:
            raise ConllError(f"{path}:{n}: expected 'token TAG', got {line!r}")
        word, tag = line.rsplit(" ", 1)
        words.append(word)
        tags.append(tag)
    if words:
        out.append((words, tags))
    return out


def to_iob2(tags: Sequence[str]) -> list[str]:
    """Repair IOB1 leftovers: an ``I-X`` not preceded by ``B-X``/``I-X`` becomes ``B-X``."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def entities(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """Entities of one tag sequence as (type, first token, end token exclusive)."""
    out: list[tuple[str, int, int]] = []
    label, start = "", -1
    for i, tag in enumerate([*tags, "O"]):
        kind = tag[2:] if tag[:2] in ("B-", "I-") else ""
        continues = tag.startswith("I-") and kind == label
        if label and not continues:
            out.append((label, start, i))
            label = ""
        if kind and not continues:
            label, start = kind, i
    return out


def score(gold_seqs: Sequences, pred_seqs: Sequences) -> dict[str, dict[str, float]]:
    """Per-type and overall (key ``"ALL"``) precision, recall, F1, gold/pred/correct counts."""
    if len(gold_seqs) != len(pred_seqs):
        raise ConllError(f"{len(gold_seqs)} gold sentences but {len(pred_seqs)} predicted")
    gold_n: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    hit_n: Counter[str] = Counter()
    for i, (gold, pred) in enumerate(zip(gold_seqs, pred_seqs, strict=True)):
        if len(gold) != len(pred):
            raise ConllError(f"sentence {i}: {len(gold)} gold tags but {len(pred)} predicted")
        g, p = set(entities(gold)), set(entities(pred))
        gold_n.update(e[0] for e in g)
        pred_n.update(e[0] for e in p)
        hit_n.update(e[0] for e in g & p)
    report = {t: _prf(hit_n[t], gold_n[t], pred_n[t]) for t in sorted(gold_n | pred_n)}
    report["ALL"] = _prf(sum(hit_n.values()), sum(gold_n.values()), sum(pred_n.values()))
    return report


def _prf(hit: int, gold: int, pred: int) -> dict[str, float]:
    precision = hit / pred if pred else 0.0
    recall = hit / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold": gold, "pred": pred, "correct": hit}


def format_report(report: dict[str, dict[str, float]]) -> str:
    """A fixed-width table: one row per type, the overall micro average last."""
    lines = [f"{'type':<6} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6} {'pred':>6} {'correct':>7}"]
    for label in [*(k for k in report if k != "ALL"), "ALL"]:
        row = report.get(label)
        if row is None:
            continue
        lines.append(f"{label:<6} {row['precision']:>7.2%} {row['recall']:>7.2%} {row['f1']:>7.2%} "
                     f"{int(row['gold']):>6} {int(row['pred']):>6} {int(row['correct']):>7}")
    return "\n".join(lines)


def evaluate_ner(test_path: str | Path, model_path: str | Path | None = None,
                 context: int = 20) -> dict[str, dict[str, float]]:
    """Score the NER tagger (the shipped model unless ``model_path``) on a CoNLL file; see :func:`score`.

    CoNLL files have no document boundaries, so :func:`marsad.nlp.ner.harmonise` treats the
    ``context`` sentences on each side of a sentence as its document (0: each sentence alone).
    """
    from marsad.nlp.ner import NerTagger, default_tagger, harmonise

    tagger = NerTagger.load(model_path) if model_path is not None else default_tagger()
    gold = read_conll(test_path)
    words = [words for words, _ in gold]
    pred = tagger.tag_tokens(words)
    if context > 0:
        pred = harmonise(words, pred, window=context)
    return score([to_iob2(tags) for _, tags in gold], pred)
