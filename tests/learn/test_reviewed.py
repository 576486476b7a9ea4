"""Hand-read records as keeper labels: reading review files, joining them with a corpus, training."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from marsad.learn.events import TrainingOptions, predict, prepare, train_models
from marsad.learn.reviewed import ReviewedSpan, read_reviews, reviewed_articles
from marsad.pipeline import Pipeline, PipelineOptions

_HEADER = "# a comment\nn\tarticle\tevidence_start\tevidence_end\tevent_type\tverdict\treason\n"
_ARREST = "اعتقلت الشرطة خمسة أشخاص في مدينة سوسة، الأحد."


def _review(tmp_path: Path, rows: list[str], name: str = "review.tsv") -> Path:
    path = tmp_path / name
    path.write_text(_HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def _corpus(tmp_path: Path, articles: dict[str, str]) -> Path:
    path = tmp_path / "corpus.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for article_id, text in articles.items():
            fh.write(json.dumps({"id": article_id, "text": text, "title": None}, ensure_ascii=False) + "\n")
    return path


def test_review_files_are_read_in_order_skipping_comments_and_header(tmp_path: Path) -> None:
    first = _review(tmp_path, ["1\ta1\t0\t10\tprotests\t1\t", "2\ta2\t5\t9\tbattles\t0\tstatement"], "one.tsv")
    second = _review(tmp_path, ["1\ta3\t2\t4\triots\t0\tfragment"], "two.tsv")
    spans = read_reviews([first, second])
    assert [(s.article, s.start, s.end, s.label) for s in spans] == [
        ("a1", 0, 10, "1"), ("a2", 5, 9, "0"), ("a3", 2, 4, "0")]


@pytest.mark.parametrize("row", ["1\ta1\t10\t5\tprotests\t1\t", "1\ta1\tx\t5\tprotests\t1\t", "1\ta1\t0\t5\tprotests\tyes\t",
                                 "1\ta1\t0"])
def test_a_malformed_review_line_names_its_file_and_line(tmp_path: Path, row: str) -> None:
    path = _review(tmp_path, ["1\ta0\t0\t4\tprotests\t1\t", row])
    with pytest.raises(ValueError, match=r"review\.tsv:4: expected the tab-separated columns"):
        read_reviews([path])


def test_reviewed_articles_come_from_the_corpus_with_their_verdicts(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, {"a1": _ARREST, "other": "نص آخر.", "a2": "نص ثان طويل بما يكفي."})
    spans = read_reviews([_review(tmp_path, ["1\ta2\t0\t5\tbattles\t0\t", "2\ta1\t0\t12\tarrests\t1\t"])])
    joined = reviewed_articles(spans, corpus)
    assert [(record["id"], [s.label for s in verdicts]) for record, verdicts in joined] == [("a1", ["1"]), ("a2", ["0"])]
    assert joined[0][0]["text"] == _ARREST


def test_a_review_made_on_another_corpus_is_refused(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, {"a1": "نص قصير."})
    with pytest.raises(ValueError, match="not in the corpus"):
        reviewed_articles(read_reviews([_review(tmp_path, ["1\tmissing\t0\t5\tbattles\t0\t"])]), corpus)
    with pytest.raises(ValueError, match="outside its text"):
        reviewed_articles(read_reviews([_review(tmp_path, ["1\ta1\t0\t500\tbattles\t0\t"])]), corpus)


def test_a_readers_rejections_teach_the_keeper_to_drop_such_records() -> None:
    pytest.importorskip("sklearn", reason="training needs scikit-learn (the dev extra)")
    pipeline = Pipeline(PipelineOptions(ner=False))
    events = [("قتل ثلاثة أشخاص في انفجار عبوة ناسفة بمدينة الموصل، الاثنين.", "انفجار عبوة ناسفة بمدينة الموصل",
               "explosions_remote_violence"),
              ("اندلعت اشتباكات عنيفة بين الجيش ومسلحين في مدينة درعا، الأحد.", "اندلعت اشتباكات عنيفة بين الجيش ومسلحين",
               "battles"),
              (_ARREST, "اعتقلت الشرطة خمسة أشخاص", "strategic_developments")]
    gold = [{"id": f"g{i}-{j}", "text": text, "events": [{"anchor": anchor, "event_type": [kind], "background": False}],
             "relations": []} for i in range(4) for j, (text, anchor, kind) in enumerate(events)]
    docs = prepare(gold, pipeline)
    rejected = prepare([{"id": f"r{i}", "text": _ARREST, "events": [], "relations": []} for i in range(40)], pipeline,
                       weak=True)
    reviewed = [(doc, [ReviewedSpan(doc.id, 0, len(_ARREST), False)]) for doc in rejected]
    options = TrainingOptions(keeper_folds=3)
    plain = train_models(docs, options)
    taught = train_models(docs, options, reviewed=reviewed)
    new_arrest, new_blast = prepare([{"id": "arrest", "text": _ARREST, "events": [], "relations": []},
                                     {"id": "blast", "text": events[0][0], "events": [], "relations": []}], pipeline)
    assert [e.event_type for e in predict(new_arrest, plain).events] == ["strategic_developments"]
    assert predict(new_arrest, taught).events == ()
    assert [e.event_type for e in predict(new_blast, taught).events] == ["explosions_remote_violence"]
