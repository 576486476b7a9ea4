"""Train the word vectors the NER tagger starts from, on the shared Arabic news corpus.

Build-time only (needs gensim: ``pip install marsad[train]``). Two steps:

1. every article of ``all_articles.jsonl.gz`` (title + text) is cut into paragraphs and words
   with the project tokeniser's word pattern; each word becomes its :func:`vector_key`
   (``norm_key`` + digits → 0) and punctuation is dropped; one paragraph per line of a temporary
   corpus file;
2. gensim skip-gram word2vec (one worker, fixed seed) runs over that file, and the ``--top``
   most frequent words with their vectors are written to an ``.npz`` (``words``, ``vectors``).

Usage (the defaults are the settings of the shipped model: 100 dimensions, 8 epochs,
min_count 2, all 207,225 words kept)::

    OMP_NUM_THREADS=1 PYTHONHASHSEED=0 python -m marsad.kb.build.build_word_vectors \\
        --corpus ../shared/data/news/all_articles.jsonl.gz --out build/vectors.npz

Input used for the shipped model: ``all_articles.jsonl.gz`` sha256
``b4857547c6d7c1acbc6f26b038745d2e810de4e05fde1153bebac4650f585318`` (69,867 articles,
17,640,247 words after tokenisation). Cost on one core: ~55 s for step 1, ~2 min per epoch
(~110k words/s) on a quiet core; the shipped run took 28 min in all on a shared, busy machine.
Measure first with ``--limit 2000`` (about 0.5M words: a few seconds per epoch).

``--from-model DIR`` instead reads the vectors back from a trained tagger (its int8 rows times
their scales): how later models start from the same vectors without training them again.

``--from-word2vec FILE`` (add ``--binary`` for the binary format) instead reads published vectors in
word2vec format, e.g. vectors pre-trained on a corpus far larger than ours, and keys each word as
the tagger does (:func:`vector_key`); words that share a key keep the first vector (such files
list the most frequent word first), and keys without a letter or digit are dropped.

The vectors are an intermediate: the tagger ships only the rows it keeps (see
``marsad/kb/models/ner/MODEL.md``).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from marsad.nlp.ner_features import vector_key
from marsad.text.segment import _WORD

__all__ = ["corpus_lines", "write_corpus", "train_vectors", "vectors_from_model", "vectors_from_word2vec",
           "sha256_of", "main"]

log = logging.getLogger(__name__)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def corpus_lines(path: Path, limit: int | None = None) -> Iterator[str]:
    """Normalised paragraphs (space-joined word keys) of the articles in a ``.jsonl.gz`` file."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                return
            article = json.loads(line)
            text = f"{article.get('title') or ''}\n{article.get('text') or ''}"
            for paragraph in text.split("\n"):
                words = [vector_key(m.group()) for m in _WORD.finditer(paragraph)]
                words = [w for w in words if any(ch.isalnum() for ch in w)]
                if len(words) > 1:
                    yield " ".join(words)


def write_corpus(src: Path, dst: Path, limit: int | None = None) -> int:
    """Write the normalised corpus file for gensim; returns the number of words."""
    total = 0
    with dst.open("w", encoding="utf-8") as out:
        for line in corpus_lines(src, limit):
            out.write(line + "\n")
            total += line.count(" ") + 1
    return total


def train_vectors(corpus_file: Path, dim: int = 100, epochs: int = 8, min_count: int = 2,
                  seed: int = 1) -> tuple[list[str], np.ndarray]:
    """Skip-gram word2vec over the corpus file; words sorted by frequency, most frequent first."""
    from gensim.models import Word2Vec

    model = Word2Vec(corpus_file=str(corpus_file), vector_size=dim, window=5, min_count=min_count, sg=1,
                     negative=5, sample=1e-4, workers=1, epochs=epochs, seed=seed)
    words = list(model.wv.index_to_key)
    return words, np.asarray(model.wv.vectors, dtype=np.float32)


def vectors_from_model(model: Path) -> tuple[list[str], np.ndarray]:
    """The pre-trained word table a trained tagger keeps (int8 rows times their scale), with its words."""
    words = (model / "vocab.txt").read_text(encoding="utf-8").split("\n")
    with np.load(model / "model.npz") as npz:
        table = npz["word_emb_q"][2:].astype(np.float32) * npz["word_emb_scale"][2:, None]
    return words, table


def vectors_from_word2vec(path: Path, binary: bool = False, top: int | None = None) -> tuple[list[str], np.ndarray]:
    """Word2vec-format vectors keyed by :func:`vector_key`, the first vector of each key, in file order."""
    from gensim.models import KeyedVectors

    table = KeyedVectors.load_word2vec_format(str(path), binary=binary, unicode_errors="ignore")
    rows: dict[str, int] = {}
    for row, word in enumerate(table.index_to_key):
        key = vector_key(word)
        if key not in rows and any(ch.isalnum() for ch in key):
            rows[key] = row
            if top is not None and len(rows) >= top:
                break
    return list(rows), np.asarray(table.vectors[list(rows.values())], dtype=np.float32)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--corpus", type=Path)
    source.add_argument("--from-model", type=Path, help="read the vectors back from a trained tagger's folder")
    source.add_argument("--from-word2vec", type=Path, help="read published vectors in word2vec format")
    parser.add_argument("--binary", action="store_true", help="--from-word2vec FILE is in the binary format")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=None, help="temporary corpus file (default: OUT.txt)")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--top", type=int, default=250_000)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if args.from_model:
        words, vectors = vectors_from_model(args.from_model)
        meta: dict[str, object] = {"from_model": str(args.from_model), "vocab": len(words)}
    elif args.from_word2vec:
        words, vectors = vectors_from_word2vec(args.from_word2vec, args.binary, args.top)
        meta = {"from_word2vec": args.from_word2vec.name, "sha256": sha256_of(args.from_word2vec),
                "vocab": len(words), "dim": int(vectors.shape[1])}
    else:
        words, vectors, meta = _trained_on_corpus(args)
    np.savez(args.out, words=np.array(words[: args.top]), vectors=vectors[: args.top],
             meta=np.array(json.dumps(meta)))
    log.info("wrote %s: %s", args.out, meta)


def _trained_on_corpus(args: argparse.Namespace) -> tuple[list[str], np.ndarray, dict[str, object]]:
    work = args.work or args.out.with_suffix(".txt")
    t0 = time.time()
    n_words = write_corpus(args.corpus, work, args.limit)
    log.info("corpus: %d words in %.0fs", n_words, time.time() - t0)
    t1 = time.time()
    words, vectors = train_vectors(work, args.dim, args.epochs, args.min_count)
    log.info("word2vec: %d words in %.0fs", len(words), time.time() - t1)
    meta = {"corpus": str(args.corpus.name), "corpus_sha256": sha256_of(args.corpus), "limit": args.limit,
            "corpus_words": n_words, "dim": args.dim, "epochs": args.epochs, "min_count": args.min_count,
            "vocab": len(words), "kept": min(args.top, len(words)),
            "seconds": round(time.time() - t0)}
    return words, vectors, meta

if __name__ == "__main__":
    main()
