"""NER tagger speed, load time and size: ``python benchmarks/bench_ner.py [--model DIR] [--texts N]``.

Runs on one core (BLAS threads pinned to 1 before numpy loads) and reports tokens per CPU-second
(process time), which a busy shared machine distorts far less than wall time. Speed counts everything from
words to labels (feature extraction, char CNN, BiLSTM, Viterbi): on the ANERcorp test tokens
(first pass with cold caches, then a warm pass) and on tokenised news articles through
``tag(text, tokens)``.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from marsad.eval.conll import read_conll  # noqa: E402
from marsad.nlp import ner_features  # noqa: E402
from marsad.nlp.ner import NerTagger, default_model_path  # noqa: E402
from marsad.text.segment import sentences, tokenize  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TEST = SHARED / "data" / "ner" / "ANERCorp_CamelLabRecipe_test.txt"
NEWS = SHARED / "data" / "news" / "random_sample.jsonl"


def _clear_caches() -> None:
    for fn in (ner_features.vector_key, ner_features.stem_key, ner_features.shape_id):
        fn.cache_clear()


def bench_conll(tagger: NerTagger) -> None:
    words = [w for w, _ in read_conll(TEST)]
    n = sum(len(w) for w in words)
    _clear_caches()
    for label in ("cold", "warm"):
        t0, c0 = time.perf_counter(), time.process_time()
        tagger.tag_tokens(words)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"ANERcorp test, {label} caches: {n} tokens in {dt:.2f}s wall, {cpu:.2f}s CPU = "
              f"{n / cpu:,.0f} tokens per CPU-second")


def bench_news(tagger: NerTagger, limit: int) -> None:
    texts = [json.loads(line)["text"] for line in NEWS.read_text(encoding="utf-8").splitlines()[:limit]]
    t0 = time.process_time()
    tokens = [[t for s in sentences(x) for t in tokenize(x, s.start, s.end, s.index)] for x in texts]
    t1 = time.process_time()
    found = sum(len(tagger.tag(x, toks)) for x, toks in zip(texts, tokens, strict=True))
    t2 = time.process_time()
    n = sum(len(t) for t in tokens)
    print(f"news ({len(texts)} articles, one tag() call each): {n} tokens; tokenise {n / (t1 - t0):,.0f}, "
          f"tag {n / (t2 - t1):,.0f} tokens per CPU-second; {found} entities")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--texts", type=int, default=300)
    args = parser.parse_args()
    folder = args.model or default_model_path()
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    t0 = time.perf_counter()
    tagger = NerTagger.load(folder)
    print(f"model {folder}: {size / 1e6:.1f} MB on disk, loaded in {time.perf_counter() - t0:.2f}s")
    if TEST.is_file():
        bench_conll(tagger)
    if NEWS.is_file():
        bench_news(tagger, args.texts)
    if not TEST.is_file() and not NEWS.is_file():
        print(f"no shared data at {SHARED}: speed not measured")


if __name__ == "__main__":
    main()
