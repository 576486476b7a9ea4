"""How often each word is part of a name, counted by trained NER taggers over the news corpus.

Every article of the corpus is cut into sentences and tokens as the pipeline does, tagged by a
trained tagger (the "teachers" take turns, article by article) and harmonised per article; for
each word key the script counts its occurrences and how many of them fall inside a PERS, LOC, ORG
or MISC name, and how many start one. ``marsad train ner --word-stats`` turns the counts into six
features per word (log count and the five shares; :func:`marsad.nlp.ner_train.word_stats_table`),
so a name the labelled file never shows still arrives with what the teachers made of it in
thousands of other sentences. The counts are derived from the shared corpus and written outside
the project; the table the model is trained with is stored in the model (see
``marsad/kb/models/ner/MODEL.md``).

Usage::

    python -m marsad.kb.build.build_ner_word_stats --corpus ../shared/data/news/all_articles.jsonl.gz \\
        --teacher /tmp/ner/a --teacher /tmp/ner/b --jobs 2 --out /tmp/ner/word_stats.npz
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from pathlib import Path

import numpy as np

from marsad.kb.build.build_ner_pseudo import article_sentences, corpus_texts
from marsad.nlp.ner import NerTagger, harmonise
from marsad.nlp.ner_features import vector_key
from marsad.nlp.ner_train import WORD_STATS_COLUMNS as COLUMNS

__all__ = ["COLUMNS", "count_words", "main", "merge_counts"]

_COLUMN = {name: i for i, name in enumerate(COLUMNS)}
Counts = dict[str, np.ndarray]


def count_words(texts: Iterable[str], teachers: Sequence[NerTagger]) -> Counts:
    """Per word key: [occurrences, inside PERS, LOC, ORG, MISC, name starts]; teachers take turns per article."""
    counts: Counts = {}
    for i, text in enumerate(texts):
        sents = article_sentences(text)
        if not sents:
            continue
        labels = harmonise(sents, teachers[i % len(teachers)].tag_tokens(sents))
        for words, tags in zip(sents, labels, strict=True):
            for word, tag in zip(words, tags, strict=True):
                row = counts.get(key := vector_key(word))
                if row is None:
                    row = counts[key] = np.zeros(len(COLUMNS), dtype=np.int64)
                row[_COLUMN["n"]] += 1
                if tag != "O":
                    row[_COLUMN[tag[2:]]] += 1
                    row[_COLUMN["begins"]] += tag.startswith("B-")
    return counts


def merge_counts(parts: Iterable[Counts]) -> Counts:
    out: Counts = {}
    for part in parts:
        for key, row in part.items():
            if key in out:
                out[key] += row
            else:
                out[key] = row.copy()
    return out


def _count_part(corpus: Path, teachers: Sequence[Path], part: int, parts: int, limit: int) -> Counts:
    loaded = [NerTagger.load(path) for path in teachers]
    return count_words(_texts(corpus, part, parts, limit), loaded)


def _texts(corpus: Path, part: int, parts: int, limit: int) -> Iterable[str]:
    """Every ``parts``-th article from number ``part`` on, of the first ``limit`` (0: all)."""
    return islice(corpus_texts(corpus), part, limit or None, parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="JSON lines with a 'text' field (.gz or plain)")
    parser.add_argument("--teacher", type=Path, action="append", required=True, help="a model folder (repeat)")
    parser.add_argument("--articles", type=int, default=0, help="only the first N articles (default: all)")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="processes (each reads every N-th article)")
    parser.add_argument("--out", type=Path, required=True, help="the .npz to write (keys, counts)")
    args = parser.parse_args(argv)
    started = time.time()
    jobs = max(1, args.jobs)
    with ProcessPoolExecutor(jobs) as pool:
        parts = [pool.submit(_count_part, args.corpus, args.teacher, part, jobs, args.articles) for part in range(jobs)]
        counts = merge_counts(part.result() for part in parts)
    keys = sorted(counts)
    matrix = np.stack([counts[k] for k in keys]) if keys else np.zeros((0, len(COLUMNS)), dtype=np.int64)
    np.savez_compressed(args.out, keys=np.array(keys, dtype=str), counts=matrix, columns=np.array(COLUMNS))
    print(f"{len(keys)} word keys, {int(matrix[:, 0].sum()) if keys else 0} tokens in {time.time() - started:.0f} s"
          f" -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
