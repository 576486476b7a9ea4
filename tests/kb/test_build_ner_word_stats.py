"""Per-word entity counts over news, made with the shipped tagger from a small JSON-lines file."""

import gzip
import json
from pathlib import Path

import numpy as np

from marsad.kb.build.build_ner_word_stats import COLUMNS, count_words, main, merge_counts
from marsad.nlp.ner import default_model_path, default_tagger
from marsad.nlp.ner_features import vector_key
from marsad.nlp.ner_train import word_stats_table

TEXTS = [
    "قال مسؤولون في لندن إن خالد مسعود نفذ الهجوم على البرلمان البريطاني بمفرده. انتهى الاجتماع.",
    "وصل الوفد إلى القاهرة صباح اليوم في زيارة تستمر ثلاثة أيام لبحث التعاون الاقتصادي مع لندن.",
    "كان الطقس معتدلا طوال اليوم والناس يتنزهون على شاطئ البحر حتى المساء.",
]


def test_counts_say_how_often_a_word_is_inside_each_type() -> None:
    counts = count_words(TEXTS, [default_tagger()])
    london = counts[vector_key("لندن")]
    assert london[0] == 2 and london[COLUMNS.index("LOC")] == 2 and london[COLUMNS.index("begins")] == 2
    weather = counts[vector_key("الطقس")]
    assert weather[0] == 1 and not weather[1:].any()
    assert all(row[0] >= row[1:5].sum() >= row[5] for row in counts.values())


def test_merge_adds_the_parts_and_leaves_them_unchanged() -> None:
    first, second = count_words(TEXTS[:1], [default_tagger()]), count_words(TEXTS[1:], [default_tagger()])
    before = {k: v.copy() for k, v in first.items()}
    merged = merge_counts([first, second])
    assert merged[vector_key("لندن")][0] == 2
    assert all((first[k] == v).all() for k, v in before.items())


def test_main_writes_counts_the_trainer_reads(tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(TEXTS))
    out = tmp_path / "stats.npz"
    main(["--corpus", str(corpus), "--teacher", str(default_model_path()), "--jobs", "2", "--out", str(out)])
    with np.load(out) as npz:
        assert list(npz["columns"]) == list(COLUMNS)
        assert len(npz["keys"]) == len(npz["counts"]) > 20
    table = word_stats_table(["لندن", "الطقس", "غير"], out)
    assert table[2, COLUMNS.index("LOC")] == 1.0 and table[3, 0] > 0 and not table[3, 1:].any()
    assert not table[4].any()
