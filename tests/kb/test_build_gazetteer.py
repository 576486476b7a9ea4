"""The gazetteer build keeps the frequent words the news itself uses as places."""

import gzip
import json
from pathlib import Path

from marsad.kb.build.build_gazetteer import NEWS, _is_common, name_starts, place_words, word_counts
from marsad.text.normalize import norm_key


def _news(shared: Path, texts: list[str]) -> None:
    for rel in NEWS:
        path = shared / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts)
        if rel.endswith(".gz"):
            with gzip.open(path, "wt", encoding="utf-8") as fh:
                fh.write(lines)
        else:
            path.write_text(lines, encoding="utf-8")


def test_a_frequent_word_written_after_a_place_noun_is_a_place(tmp_path: Path) -> None:
    texts = [
        "وصلت القوات إلى مدينة عفرين صباح اليوم",
        "قصفت الطائرات محيط بلدة عفرين",
        "وقال سكان في عفرين إن الوضع هادئ",
        "نزح آلاف من عفرين",
        "ودعا الوزير إلى السلام في المنطقة",
        "وقال إن السلام ممكن",
        "وصل الوفد إلى حي السلام",
        "وقعت اشتباكات في مدينة دير الزور",
        "وتقدمت القوات في ريف دير الزور",
        "ودخلت القوات محافظة دير الزور",
    ]
    _news(tmp_path, texts)
    longer = name_starts([{"alias": "دير الزور"}, {"alias": "عفرين"}])
    counts, after_head = word_counts(tmp_path, longer)
    frequent = {norm_key(w) for w in ("عفرين", "السلام", "دير")}
    places = frozenset(place_words(counts, after_head, frequent))
    # عفرين: 2 of its 4 occurrences after a place noun; السلام: 1 of 3, under the three needed;
    # دير: always the first word of دير الزور, no place of its own
    assert places == {norm_key("عفرين")}
    assert not _is_common("عفرين", frequent, places)
    assert _is_common("السلام", frequent, places)
    assert _is_common("دير", frequent, places)
