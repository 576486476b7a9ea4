"""The self-training sentence builder, run on a small JSON-lines file with the shipped tagger."""

import gzip
import json
from pathlib import Path

from marsad.eval.conll import read_conll
from marsad.kb.build.build_ner_pseudo import agreed_sentences, article_sentences, main, sample_texts
from marsad.nlp.ner import default_tagger

TEXTS = [
    "قال مسؤولون في لندن إن خالد مسعود نفذ الهجوم على البرلمان البريطاني بمفرده. انتهى الاجتماع.",
    "وصل الوفد إلى القاهرة صباح اليوم في زيارة تستمر ثلاثة أيام لبحث التعاون الاقتصادي.",
    "كان الطقس معتدلا طوال اليوم والناس يتنزهون على شاطئ البحر حتى المساء.",
]


def test_article_sentences_keep_six_to_sixty_words() -> None:
    sents = article_sentences(TEXTS[0] + " " + " ".join(["كلمة"] * 70) + ".")
    assert sents[0][:4] == ["قال", "مسؤولون", "في", "لندن"]
    assert all(6 <= len(words) <= 60 for words in sents)
    assert ["انتهى", "الاجتماع", "."] not in sents


def test_article_sentences_skip_markup_leftovers() -> None:
    sents = article_sentences("[caption id=\"attachment_1\"] " + TEXTS[1])
    assert sents and not any("caption" in w or "[" in w for words in sents for w in words)


def test_sample_texts_draws_the_same_articles_for_a_seed(tmp_path: Path) -> None:
    plain, packed = tmp_path / "news.jsonl", tmp_path / "news.jsonl.gz"
    lines = "".join(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(TEXTS))
    plain.write_text(lines, encoding="utf-8")
    with gzip.open(packed, "wt", encoding="utf-8") as fh:
        fh.write(lines)
    first = sample_texts(plain, 2, seed=5)
    assert len(first) == 2 and set(first) <= set(TEXTS)
    assert sample_texts(packed, 2, seed=5) == first
    assert sorted(sample_texts(plain, 10, seed=0)) == sorted(TEXTS)


def test_agreed_sentences_have_entities_and_one_label_per_word() -> None:
    tagger = default_tagger()
    found = list(agreed_sentences(TEXTS, [tagger, tagger]))
    assert found and all(len(words) == len(labels) for words, labels in found)
    assert all(any(t != "O" for t in labels) for _, labels in found)
    assert not any(words[0] == "كان" for words, _ in found)  # no entity: left out


def test_main_writes_a_conll_file_the_trainer_reads(tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(TEXTS))
    out = tmp_path / "pseudo.txt"
    model = Path(__file__).parents[2] / "marsad" / "kb" / "models" / "ner"
    main(["--corpus", str(corpus), "--teacher", str(model), "--articles", "3", "--out", str(out)])
    sentences = read_conll(out)
    assert sentences and any("لندن" in words for words, _ in sentences)
    assert all(len(words) == len(tags) for words, tags in sentences)
