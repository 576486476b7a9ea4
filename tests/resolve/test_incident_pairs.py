"""The hand-labelled incident pairs: well formed, both labels, two outlets per pair, ids of the shared corpus."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_incidents import DEFAULT_PAIRS, read_pairs  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "news" / "all_articles.jsonl.gz"


def test_the_labelled_sample_is_large_balanced_enough_and_cross_outlet() -> None:
    pairs = read_pairs(DEFAULT_PAIRS)
    assert len(pairs) >= 100 and len({p.number for p in pairs}) == len(pairs)
    assert sum(p.same for p in pairs) >= 40 and sum(not p.same for p in pairs) >= 40
    assert all(p.a[0].split("-")[0] != p.b[0].split("-")[0] for p in pairs)  # ant:SK-… vs ant:AL-…: two outlets
    assert all(p.reason and p.drawn in ("M", "H", "R", "N", "G", "P") for p in pairs)
    assert sum(p.drawn == "H" and not p.same for p in pairs) >= 20  # hard negatives: same type and place


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/data/news/all_articles.jsonl.gz is not here")
def test_every_labelled_side_points_inside_a_2018_article_of_the_shared_corpus() -> None:
    sides = {side for p in read_pairs(DEFAULT_PAIRS) for side in (p.a, p.b)}
    wanted = {article for article, _ in sides}
    lengths = {}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in wanted:
                lengths[record["id"]] = (len(record["text"]), record["outlet"], record["date"])
    assert set(lengths) == wanted
    assert all(0 <= offset < lengths[article][0] for article, offset in sides)
    assert {outlet for _, outlet, _ in lengths.values()} <= {"skynews", "alarabia", "BBC", "CNN", "france24"}
    assert all("2018" in date for _, _, date in lengths.values())
