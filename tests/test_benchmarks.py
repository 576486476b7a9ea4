"""The benchmark scripts still run against the current pipeline (their figures are not asserted)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_pipeline_benchmark_runs_and_times_every_stage(tmp_path: Path) -> None:
    sample = tmp_path / "sample.jsonl"
    texts = ["قتل ثلاثة أشخاص في انفجار عبوة ناسفة في مدينة العريش يوم الأحد.",
             "وصل الوفد إلى القاهرة صباح اليوم في زيارة تستمر ثلاثة أيام."]
    sample.write_text("".join(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n"
                              for i, t in enumerate(texts)), encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_pipeline.py"), "--input", str(sample)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for stage in ("throughput", "peak RSS", "ner.tag", "tokenize", "sentences", "places.find"):
        assert stage in done.stdout, done.stdout


def test_dask_benchmark_prints_the_ratio_and_checks_identical_records(tmp_path: Path) -> None:
    sample = tmp_path / "sample.jsonl"
    texts = ["قتل ثلاثة أشخاص في انفجار عبوة ناسفة في مدينة العريش يوم الأحد.",
             "وصل الوفد إلى القاهرة صباح اليوم في زيارة تستمر ثلاثة أيام.",
             "اشتبك مسلحون مع قوات الأمن في ضواحي بنغازي وقتل جنديان."]
    sample.write_text("".join(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n"
                              for i, t in enumerate(texts)), encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_dask.py"), "--input", str(sample)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "identical records and incidents on all three: yes (3 records)" in done.stdout
    assert "speed ratio dask/2 workers vs local 1 process" in done.stdout


def test_incident_benchmark_scores_labelled_pairs_on_a_store(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "observatory"))
    from news_corpus import records, write_jsonl

    from marsad.observatory import ingest
    from marsad.store import open_store

    db = tmp_path / "m.db"
    store = open_store(str(db))
    ingest(store, [str(write_jsonl(tmp_path / "news.jsonl", records()))])
    store.close()
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("pair\tarticle_a\tstart_a\tarticle_b\tstart_b\tlabel\tdrawn\treason\n"
                     "1\tr-00\t0\tr-01\t0\tsame\tM\tone bombing in Kirkuk told twice\n"
                     "2\tr-00\t0\tr-10\t0\tdifferent\tR\ta bombing in Kirkuk vs a shooting in Arish\n"
                     "3\tr-02\t0\tno-such-article\t0\tdifferent\tR\tunmatched on purpose\n"
                     "4\tr-00\t0\tr-02\t0\tsame\tR\tlabelled same on purpose: Kirkuk and Benghazi\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_incidents.py"), "--db", str(db),
                           "--pairs", str(pairs), "--show-errors"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "labelled pairs: 4 (2 same, 2 different); unmatched (events no longer found): 1 [3]" in done.stdout
    assert "all                      precision 1.000  recall 0.500  (tp 1, fp 0, fn 1, tn 1)" in done.stdout
    # why the step missed pair 4: the rule that keeps the two reports apart, and the recall no score can pass
    assert "hard rules: 1 of 2 matched 'same' pairs may merge (recall ceiling 0.500); kept apart by country 1" \
        in done.stdout
    assert "missed pairs by cause: kept apart by a hard rule 1" in done.stdout
    assert "missed      pair 4 [R]: labelled same on purpose: Kirkuk and Benghazi — kept apart by a hard rule, " \
        "country: IQ/LY" in done.stdout
    assert "events in incidents from 2+ outlets" in done.stdout


def test_span_check_passes_real_output_and_catches_a_shifted_span(tmp_path: Path) -> None:
    sample = ROOT / "marsad" / "samples" / "sample.jsonl"
    output = tmp_path / "out.jsonl"
    marsad = Path(sys.executable).with_name("marsad")
    extracted = subprocess.run([str(marsad), "extract", str(sample), "-o", str(output), "-q"],
                               capture_output=True, text=True, timeout=300)
    assert extracted.returncode == 0, extracted.stderr
    check = [sys.executable, str(ROOT / "benchmarks" / "check_spans.py")]
    done = subprocess.run([*check, str(output), "--input", str(sample)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout
    assert "inexact spans    0" in done.stdout and "spans checked    0" not in done.stdout
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    evidence = next(r for r in records if r["events"])["events"][0]["evidence"][0]
    evidence["start"] += 1
    shifted = tmp_path / "shifted.jsonl"
    shifted.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    done = subprocess.run([*check, str(shifted), "--input", str(sample)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "inexact spans    1" in done.stdout
