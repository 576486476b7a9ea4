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
