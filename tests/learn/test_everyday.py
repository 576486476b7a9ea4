import gzip
import json
from pathlib import Path

from marsad.learn.everyday import everyday_articles, is_training_article


def test_a_fixed_quarter_of_articles_trains(tmp_path: Path) -> None:
    ids = [f"article-{i}" for i in range(4000)]
    share = sum(is_training_article(i) for i in ids) / len(ids)
    assert 0.22 < share < 0.28
    assert [is_training_article(i) for i in ids[:50]] == [is_training_article(i) for i in ids[:50]]


def test_everyday_articles_take_only_training_ones_of_everyday_categories_outside_gold(tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl.gz"
    rows = [{"id": f"a{i}", "text": "نص", "category": cat} for i in range(200) for cat in ("sport", "middleEast")]
    rows = [dict(r, id=f"{r['id']}-{r['category']}") for r in rows]
    with gzip.open(corpus, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    gold = {next(r["id"] for r in rows if r["category"] == "sport" and is_training_article(r["id"]))}
    taken = list(everyday_articles(corpus, per_category=5, exclude=gold))
    assert len(taken) == 5 and not {a["id"] for a in taken} & gold
    assert all(a["id"].endswith("-sport") and is_training_article(a["id"]) and a["events"] == [] for a in taken)
