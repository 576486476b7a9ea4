"""Machine-labelled news sentences for self-training the NER tagger (a CoNLL ``token TAG`` file).

Sentences of a random sample of articles (tokenised and cleaned as the pipeline does) are tagged
by one or more trained taggers (the "teachers"); a sentence is kept only when every teacher gives
it the same labels and it has at least one entity. The output is training material derived from
the shared corpus: it is written outside the project and never committed; the model trained on it
is (see ``marsad/kb/models/ner/MODEL.md``).

Usage::

    python -m marsad.kb.build.build_ner_pseudo --corpus ../shared/data/news/all_articles.jsonl.gz \\
        --teacher /tmp/ner/a --teacher /tmp/ner/b --articles 4000 --out /tmp/ner/pseudo.txt
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from marsad.nlp.ner import NerTagger, harmonise
from marsad.text.clean import noise_spans
from marsad.text.segment import segment

__all__ = ["agreed_sentences", "corpus_texts", "main", "sample_texts"]

MIN_WORDS, MAX_WORDS = 6, 60


def corpus_texts(corpus: Path) -> Iterator[str]:
    """The ``text`` of every article of a JSON-lines file (gzip or not), in file order."""
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)["text"]


def sample_texts(corpus: Path, n: int, seed: int) -> list[str]:
    """Texts of ``n`` articles drawn at random (fixed ``seed``) from a JSON-lines file (gzip or not)."""
    texts = list(corpus_texts(corpus))
    random.Random(seed).shuffle(texts)
    return texts[:n]


def article_sentences(text: str) -> list[list[str]]:
    """The article's sentences of MIN_WORDS to MAX_WORDS words, as the pipeline tokenises them."""
    by_sentence: dict[int, list[str]] = {}
    for token in segment(text, tuple(noise_spans(text)))[1]:
        by_sentence.setdefault(token.sentence, []).append(token.text)
    return [words for words in by_sentence.values() if MIN_WORDS <= len(words) <= MAX_WORDS]


def agreed_sentences(texts: Sequence[str], teachers: Sequence[NerTagger]) -> Iterator[tuple[list[str], list[str]]]:
    """(words, IOB2 labels) of the sentences all teachers label alike, with at least one entity."""
    for text in texts:
        sents = article_sentences(text)
        if not sents:
            continue
        labels = [harmonise(sents, teacher.tag_tokens(sents)) for teacher in teachers]
        for i, words in enumerate(sents):
            first = labels[0][i]
            if any(tag != "O" for tag in first) and all(other[i] == first for other in labels[1:]):
                yield words, first


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="JSON lines with a 'text' field (.gz or plain)")
    parser.add_argument("--teacher", type=Path, action="append", required=True, help="a model folder (repeat)")
    parser.add_argument("--articles", type=int, default=4000, help="articles sampled (default 4000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    teachers = [NerTagger.load(path) for path in args.teacher]
    kept = entities = 0
    with args.out.open("w", encoding="utf-8") as out:
        for words, labels in agreed_sentences(sample_texts(args.corpus, args.articles, args.seed), teachers):
            out.write("".join(f"{w} {t}\n" for w, t in zip(words, labels, strict=True)) + "\n")
            kept += 1
            entities += sum(t.startswith("B-") for t in labels)
    print(f"{kept} sentences, {entities} entities -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
