"""The CLI as a user runs it: a real subprocess, real files, exit codes and stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "marsad" / "samples" / "sample.jsonl"


def marsad(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=300)


def test_extract_sample_writes_spec_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    done = marsad("extract", str(SAMPLE), "-o", str(out), "--no-ner", "-q")
    assert done.returncode == 0, done.stderr.decode()
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in SAMPLE.read_text("utf-8").splitlines()}
    assert [r["id"] for r in results] == list(texts)
    by_id = {r["id"]: r for r in results}
    assert by_id["sample-2018-04-15-football-no-violence"]["events"] == []
    assert any(r["events"] for r in results)
    for r in results:
        for ev in r["events"]:
            for span in ev["evidence"]:
                assert texts[r["id"]][span["start"]:span["end"]] == span["text"]


def test_bad_lines_are_reported_and_the_rest_is_kept(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "ok", "text": "قتل ثلاثة أشخاص في انفجار عبوة ناسفة في بغداد."}\n{broken\n'
                   '{"id": "empty", "text": "  "}\n', encoding="utf-8")
    done = marsad("extract", str(src), "--no-ner", "-q")
    assert done.returncode == 1
    assert [json.loads(line)["id"] for line in done.stdout.decode().splitlines()] == ["ok"]
    errors = done.stderr.decode().splitlines()
    assert any("in.jsonl:2" in e for e in errors) and any("in.jsonl:3" in e for e in errors)
    assert "Traceback" not in done.stderr.decode()


def test_stdin_and_text_files(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_bytes("قتل جنديان في هجوم مسلح على نقطة تفتيش في العريش.".encode("cp1256"))
    done = marsad("extract", str(tmp_path / "story.txt"), "--no-ner", "-q")
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["id"] == "story"
    piped = marsad("extract", "-", "--no-ner", "-q", stdin=b'{"id": "x", "text": "\xd8\xa7\xd9\x86\xd9\x81\xd8\xac\xd8\xa7\xd8\xb1"}\n')
    assert piped.returncode == 0 and json.loads(piped.stdout)["id"] == "x"


def test_show_prints_fields_with_evidence() -> None:
    done = marsad("show", str(SAMPLE), "--id", "sample-2018-05-13-paris-opera", "--no-ner")
    assert done.returncode == 0, done.stderr.decode()
    report = done.stdout.decode()
    assert "Event e1" in report and "evidence:" in report and "باريس" in report


def test_usage_errors_exit_2_without_traceback() -> None:
    done = marsad("extract", "/no/such/file.jsonl", "-q")
    assert done.returncode in (1, 2)
    assert "Traceback" not in done.stderr.decode()
    missing = marsad("show", str(SAMPLE), "--id", "nope", "--no-ner")
    assert missing.returncode == 2 and "nope" in missing.stderr.decode()


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help(command: str) -> None:
    done = marsad(command, "--help")
    assert done.returncode == 0 and b"Usage" in done.stdout


def test_eval_ner_prints_scores_with_and_without_document_context(tmp_path: Path) -> None:
    gold = tmp_path / "gold.txt"
    gold.write_text("زار O\nمحمود B-PERS\nعباس I-PERS\nالقاهرة B-LOC\n\nوقال O\nمحمود B-PERS\nعباس I-PERS\n",
                    encoding="utf-8")
    for context in ("0", "20"):
        done = marsad("eval", "ner", "--test", str(gold), "--context", context)
        assert done.returncode == 0, done.stderr.decode()
        rows = {line.split()[0]: line.split()[1:] for line in done.stdout.decode().splitlines()[1:]}
        gold_n, pred_n, correct = (int(x) for x in rows["ALL"][3:6])
        assert gold_n == 3 and correct <= min(gold_n, pred_n)
    assert marsad("eval", "ner", "--test", str(gold), "--context", "-1").returncode == 2


def test_train_ner_shows_progress_per_epoch_and_takes_extra_training_files(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    import numpy as np

    sentence = "زار O\nمحمود B-PERS\nعباس I-PERS\nالقاهرة B-LOC\n. O\n\n"
    (tmp_path / "train.txt").write_text(sentence * 10, encoding="utf-8")
    (tmp_path / "extra.txt").write_text(sentence * 3, encoding="utf-8")
    stats = tmp_path / "stats.npz"
    np.savez_compressed(stats, keys=np.array(["محمود", "عباس"]), counts=np.array([[9, 9, 0, 0, 0, 9], [9, 8, 0, 0, 0, 1]]))
    done = marsad("train", "ner", "--train", str(tmp_path / "train.txt"), "--out", str(tmp_path / "model"),
                  "--dev-fraction", "0", "--epochs", "2", "--seed", "14", "--extra-train", str(tmp_path / "extra.txt"),
                  "--word-stats", str(stats))
    assert done.returncode == 0, done.stderr.decode()
    assert "epoch 2 of 2" in done.stderr.decode()
    report = json.loads(done.stdout)
    assert report["train_sentences"] == 13 and report["options"]["seed"] == 14
    assert report["word_stats"] == str(stats)
    with np.load(tmp_path / "model" / "model.npz") as npz:
        assert npz["word_stats"].dtype == np.float16 and npz["word_stats"][2:].any()
