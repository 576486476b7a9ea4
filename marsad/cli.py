"""The ``marsad`` command line: thin wrappers over the library.

Exit codes: 0 success; 1 some documents failed (each is reported on stderr, the rest is
written); 2 usage or input errors (one line, no traceback).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from marsad.corpus import Failure, RunStats, pipeline_for, process_function, run
from marsad.export.report import format_report
from marsad.ingest import InputError, iter_documents
from marsad.model import Result
from marsad.pipeline import Pipeline

__all__ = ["main", "cli"]

EXIT_PARTIAL = 1


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="marsad")
def cli() -> None:
    """Marsad: political-violence events and actor networks from Arabic news, with evidence."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Where to write SPEC JSONL results (default: stdout).")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes.")
@click.option("--no-ner", is_flag=True, help="Skip the neural NER tagger (knowledge base and gazetteer only).")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
def extract(inputs: tuple[str, ...], output: str, jobs: int, no_ner: bool, quiet: bool) -> None:
    """Extract events, relations and entities from INPUTS.

    INPUTS are SPEC JSONL files (.jsonl, .jsonl.gz), .txt or .html files (id = file name),
    directories of those, or - for JSONL on stdin.
    """
    process = process_function(ner=not no_ner)
    items = iter_documents(list(inputs), stdin=sys.stdin.buffer)
    stats = RunStats()
    with click.open_file(output, "w", encoding="utf-8") as out:
        _write_results(run(items, process=process, jobs=jobs, progress=not quiet, stats=stats), out)
    if not quiet:
        click.echo(f"marsad: {stats.ok} documents processed, {stats.failed} failed in {stats.seconds:.1f} s",
                   err=True)
    if stats.failed:
        sys.exit(EXIT_PARTIAL)


def _write_results(outcomes: Iterator[Result | Failure], out: IO[str]) -> None:
    for outcome in outcomes:
        if isinstance(outcome, Failure):
            click.echo(f"marsad: error: {outcome}", err=True)
        else:
            out.write(json.dumps(outcome.to_json(), ensure_ascii=False) + "\n")


@cli.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--id", "doc_id", help="Show only the article with this id.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Show at most this many articles.")
@click.option("--no-ner", is_flag=True, help="Skip the neural NER tagger.")
def show(input_path: str, doc_id: str | None, limit: int | None, no_ner: bool) -> None:
    """Print a readable report of the articles in INPUT: each field with its evidence."""
    pipeline = pipeline_for(not no_ner)
    shown = failed = 0
    for item in iter_documents([input_path], stdin=sys.stdin.buffer):
        if isinstance(item, InputError):
            failed += 1
            click.echo(f"marsad: error: {item.source}: {item.message}", err=True)
            continue
        if doc_id is not None and item.id != doc_id:
            continue
        click.echo(format_report(item, pipeline(item)))
        shown += 1
        if limit is not None and shown >= limit:
            break
    if doc_id is not None and not shown:
        raise click.UsageError(f"no article with id {doc_id!r} in {input_path}")
    if failed:
        sys.exit(EXIT_PARTIAL)


def _everyday_options(f: Any) -> Any:
    f = click.option("--everyday-per-category", "per_category", type=click.IntRange(0), default=150, show_default=True,
                     help="Everyday articles taken per category.")(f)
    return click.option("--everyday", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
                        help="News corpus JSONL(.gz) with a 'category' field: its sport, technology, culture and "
                             "economy articles (a fixed quarter of them) teach the detector what is no event, "
                             "e.g. ../shared/data/news/all_articles.jsonl.gz.")(f)


def _reviewed_option(f: Any) -> Any:
    return click.option("--reviewed", "reviewed", multiple=True,
                        type=click.Path(exists=True, dir_okay=False, path_type=Path),
                        help="Review file (TSV: n, article, evidence_start, evidence_end, event_type, verdict) of "
                             "event records read by hand, e.g. benchmarks/data/open_stream_review.tsv; its verdicts "
                             "teach the incident keeper. The texts come from the --everyday corpus. Repeatable.")(f)


def _reviewed(paths: tuple[Path, ...], corpus: Path | None, pipeline: Pipeline) -> list[Any]:
    if not paths:
        return []
    if corpus is None:
        raise click.UsageError("--reviewed needs --everyday CORPUS: the review files keep offsets, not texts")
    from marsad.learn.events import prepare
    from marsad.learn.reviewed import read_reviews, reviewed_articles

    try:
        articles = reviewed_articles(read_reviews(paths), corpus)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    docs = prepare((record for record, _ in articles), pipeline, weak=True)
    return [(doc, spans) for doc, (_, spans) in zip(docs, articles, strict=True)]


def _everyday(path: Path | None, per_category: int, gold: tuple[Path, ...], pipeline: Pipeline) -> list[Any]:
    if path is None or per_category == 0:
        return []
    from marsad.learn.events import prepare
    from marsad.learn.everyday import everyday_articles
    from marsad.learn.gold import read_gold

    exclude = {str(r["id"]) for g in gold for r in read_gold(g)}
    return prepare(everyday_articles(path, per_category, exclude), pipeline, weak=True)


@cli.group(name="eval")
def eval_group() -> None:
    """Measure quality against gold files."""


@eval_group.command(name="events")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--cv", "folds", type=click.IntRange(2, 20), default=None,
              help="Cross-validate the learned event models on GOLD with this many folds of whole articles "
                   "(each article scored by models that never saw it) instead of scoring the shipped models.")
@click.option("--test", "test", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="With --cv: also score this gold file with models trained on all of GOLD.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to keep the system output (with --cv: the cross-validated output; default: "
                   "a temporary file, not kept).")
@click.option("--scorer", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Path of the official score_events.py (default: ../shared/tools/score_events.py).")
@click.option("--seed", "seeds", type=int, multiple=True,
              help="With --cv: shuffle the articles into folds with this seed (default 13). Repeat it "
                   "to score several shuffles: each is printed, then their pooled counts.")
@_everyday_options
@_reviewed_option
@click.option("--no-ner", is_flag=True, help="Skip the neural NER tagger.")
def eval_events(gold: Path, folds: int | None, test: Path | None, out: Path | None, scorer: Path | None,
                seeds: tuple[int, ...], everyday: Path | None, per_category: int, reviewed: tuple[Path, ...],
                no_ner: bool) -> None:
    """Extract from the texts of GOLD and score with the official SPEC scorer."""
    if test is not None and folds is None:
        raise click.UsageError("--test needs --cv (it scores models trained on GOLD)")
    if reviewed and folds is None:
        raise click.UsageError("--reviewed needs --cv (it teaches models trained on GOLD)")
    if seeds and folds is None:
        raise click.UsageError("--seed needs --cv (it shuffles the folds)")
    if folds is not None:
        from marsad.eval.learned import evaluate_learned

        pipeline = pipeline_for(not no_ner)
        reports = evaluate_learned(gold, pipeline, folds, test, scorer=scorer,
                                   negatives=_everyday(everyday, per_category, (gold,), pipeline),
                                   progress=lambda msg: click.echo(f"marsad: {msg}", err=True),
                                   reviewed=_reviewed(reviewed, everyday, pipeline), out=out,
                                   seeds=tuple(dict.fromkeys(seeds)) or (13,))
        for seed, report in reports.get("cv_seeds", []):
            click.echo(f"== {gold.name}, {folds}-fold cross-validation, fold seed {seed}")
            _echo_report(report)
        pooled = f", pooled over fold seeds {', '.join(str(s) for s, _ in reports['cv_seeds'])}" \
            if "cv_seeds" in reports else ""
        click.echo(f"== {gold.name}, {folds}-fold cross-validation{pooled} (text the models did not learn from)")
        _echo_report(reports["cv"])
        if test is not None:
            click.echo(f"== {test.name}, models trained on all of {gold.name}")
            _echo_report(reports["test"])
        return
    import tempfile

    from marsad.eval.events import extract_gold, score_file

    with tempfile.TemporaryDirectory() as tmp:
        system = out or Path(tmp) / "system.jsonl"
        extract_gold(gold, system, pipeline_for(not no_ner))
        report = score_file(gold, system, scorer)
    _echo_report(report)


def _echo_report(report: dict[str, Any]) -> None:
    ev, rel = report["events"], report["relations"]
    click.echo(f"events    P={ev['precision']:.3f} R={ev['recall']:.3f} F1={ev['f1']:.3f} "
               f"(tp={ev['tp']} fp={ev['fp']} fn={ev['fn']})")
    click.echo(f"relations P={rel['precision']:.3f} R={rel['recall']:.3f} F1={rel['f1']:.3f} "
               f"(tp={rel['tp']} fp={rel['fp']} fn={rel['fn']})")
    for field, value in report["fields"].items():
        counts = report["field_counts"][field]
        click.echo(f"  {field:<15} {value if value is not None else '-'}  ({counts[0]}/{counts[1]})")


@eval_group.command(name="ner")
@click.option("--test", "test_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CoNLL file: one 'token TAG' per line, blank line between sentences.")
@click.option("--model", type=click.Path(exists=True, path_type=Path), default=None,
              help="Model directory (default: the shipped model).")
@click.option("--context", type=click.IntRange(0), default=20, show_default=True,
              help="Sentences on each side read as one document when harmonising repeated names "
                   "(CoNLL files have no document boundaries); 0 tags each sentence alone.")
def eval_ner(test_path: Path, model: Path | None, context: int) -> None:
    """CoNLL exact-match precision, recall and F1 per type and overall."""
    from marsad.eval.conll import evaluate_ner
    from marsad.eval.conll import format_report as format_conll

    click.echo(format_conll(evaluate_ner(test_path, model, context=context)))


@cli.group(name="train")
def train_group() -> None:
    """Train models (needs the optional `train` extra: pip install 'marsad[train]';
    `train events` needs only scikit-learn, which the dev extra has)."""


@train_group.command(name="events")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_path", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Model directory (the shipped one is marsad/kb/models/extraction).")
@_everyday_options
@_reviewed_option
@click.option("--no-ner", is_flag=True, help="Analyse the gold texts without the NER tagger.")
def train_events_cmd(gold: tuple[Path, ...], out_path: Path, everyday: Path | None, per_category: int,
                     reviewed: tuple[Path, ...], no_ner: bool) -> None:
    """Train the extraction models (event detector, grouping, type, argument rankers, relation
    filter) on GOLD files and write them to OUT."""
    from marsad.learn.events import TrainingOptions, prepare, provenance, train_models
    from marsad.learn.gold import read_gold

    options = TrainingOptions()
    pipeline = pipeline_for(not no_ner)
    docs = [d for path in gold for d in prepare(read_gold(path), pipeline)]
    negatives = _everyday(everyday, per_category, gold, pipeline)
    hand_read = _reviewed(reviewed, everyday, pipeline)
    models = train_models(docs, options, negatives, hand_read)
    records = sum(len(spans) for _, spans in hand_read)
    info = provenance(list(gold), docs, options, everyday, len(negatives), list(reviewed), records)
    models.save(out_path, info)
    click.echo(f"marsad: trained on {info['articles']} articles ({info['required_events']} required events, "
               f"{info['candidates']} candidates), {len(negatives)} everyday articles and "
               f"{records} hand-read records → {out_path}", err=True)


@train_group.command(name="ner")
@click.option("--train", "train_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--test", "test_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Scored once after training, for the report only (never used for choices).")
@click.option("--out", "out_path", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--vectors", type=click.Path(exists=True, path_type=Path), default=None,
              help="Pre-trained word vectors (see marsad/kb/build/build_word_vectors.py).")
@click.option("--dev-fraction", type=click.FloatRange(0.0, 0.5), default=0.1, show_default=True,
              help="Last part of TRAIN held out for early stopping; 0 trains on all of it for --epochs.")
@click.option("--epochs", type=click.IntRange(1), default=40, show_default=True,
              help="Most epochs (exactly this many with --dev-fraction 0).")
@click.option("--extra-train", "extra_train", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="More training sentences (e.g. from marsad/kb/build/build_ner_pseudo.py); repeatable. "
                   "They are never held out.")
@click.option("--word-stats", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Per-word entity counts over news (from marsad/kb/build/build_ner_word_stats.py), "
                   "read as extra word features.")
@click.option("--seed", type=int, default=13, show_default=True, help="Random seed (initial weights, batches).")
@click.option("-q", "--quiet", is_flag=True, help="No per-epoch progress on stderr.")
def train_ner_cmd(train_path: Path, test_path: Path | None, out_path: Path, vectors: Path | None,
                  dev_fraction: float, epochs: int, extra_train: tuple[Path, ...], word_stats: Path | None,
                  seed: int, quiet: bool) -> None:
    """Train the NER tagger on TRAIN and write the model to OUT."""
    import logging

    if not quiet:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("marsad: %(message)s"))
        trainer_log = logging.getLogger("marsad.nlp.ner_train")
        trainer_log.addHandler(handler)
        trainer_log.setLevel(logging.INFO)
    from marsad.eval.conll import evaluate_ner
    from marsad.eval.conll import format_report as format_conll
    from marsad.nlp.ner_train import train

    report = train(train_path, out_path, vectors_path=vectors, dev_fraction=dev_fraction, epochs=epochs,
                   seed=seed, extra_train=extra_train, word_stats_path=word_stats)
    click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    if test_path is not None:
        click.echo(format_conll(evaluate_ner(test_path, out_path)))


def _add_store_commands() -> None:
    from marsad.cli_store import COMMANDS

    for command in COMMANDS:
        cli.add_command(command)


_add_store_commands()


from marsad.api.cli import keys, serve  # noqa: E402  (the web app's commands: lazy imports inside)

cli.add_command(serve)
cli.add_command(keys)


def main(argv: list[str] | None = None) -> int:
    """Entry point; user errors become one line on stderr and exit code 2."""
    try:
        cli.main(args=argv, prog_name="marsad", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as err:
        err.show()
        return 2
    except click.exceptions.Abort:
        click.echo("marsad: aborted", err=True)
        return 130
    except (OSError, ValueError) as err:
        click.echo(f"marsad: error: {err}", err=True)
        return 2
    except SystemExit as done:
        return int(done.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
