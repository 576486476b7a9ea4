"""Near-duplicate detection: MinHash LSH candidates confirmed by exact Jaccard on normalised shingles."""

from __future__ import annotations

from marsad.ingest.neardup import NearDuplicateIndex, NearDupOptions, jaccard, shingles

STORY = ("قتل سبعة أشخاص وأصيب عشرون آخرون في انفجار سيارة مفخخة قرب سوق الخضار في مدينة كركوك صباح الاثنين، "
         "حسبما أفاد مصدر في الشرطة. وأضاف المصدر أن الانفجار ألحق أضرارا بعدد من المحال التجارية.")
OTHER = ("افتتح وزير الثقافة معرضا للكتاب في العاصمة يضم أكثر من مئتي دار نشر، وقال في كلمته إن المعرض يستمر "
         "عشرة أيام ويستقبل الزوار من الصباح حتى المساء.")


def test_shingles_are_read_on_normalised_words() -> None:
    with_hamza = shingles("أعلنت الدولة الإسلامية مسؤوليتها عن الهجوم")
    without = shingles("اعلنت الدوله الاسلاميه مسؤوليتها عن الهجوم")
    assert jaccard(with_hamza, without) == 1.0
    assert len(with_hamza) == 4  # six words, 3-word shingles


def test_a_republished_story_is_found_and_an_unrelated_one_is_not() -> None:
    index = NearDuplicateIndex()
    index.add("story", index.signature(shingles(STORY)) or b"")
    copy = shingles("(رويترز) " + STORY + " وتابع مراسلنا تطورات الحادث.")
    signature = index.signature(copy)
    assert signature is not None
    assert index.candidates(signature) == ["story"]
    assert jaccard(copy, shingles(STORY)) >= 0.5
    other = index.signature(shingles(OTHER))
    assert other is not None and index.candidates(other) == []


def test_signatures_are_the_same_in_every_process_and_reload() -> None:
    index = NearDuplicateIndex(NearDupOptions(num_perm=32))
    first = index.signature(shingles(STORY))
    assert first == NearDuplicateIndex(NearDupOptions(num_perm=32)).signature(shingles(STORY))
    assert first is not None and len(first) == 32 * 4
    reloaded = NearDuplicateIndex(NearDupOptions(num_perm=32))
    reloaded.add_many([("story", first)])
    assert "story" in reloaded and reloaded.candidates(first) == ["story"]


def test_texts_too_short_to_compare_get_no_signature() -> None:
    assert NearDuplicateIndex().signature(shingles("عاجل: انفجار")) is None
