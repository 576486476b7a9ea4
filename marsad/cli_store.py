"""The store's commands: ``ingest``, ``reprocess``, ``events``, ``search``, ``incidents``, ``export``.

Thin wrappers: each parses its options into the library's frozen options objects and calls
:mod:`marsad.observatory`, :mod:`marsad.store` or :mod:`marsad.export`. Every command takes
``--db`` (a file path or a SQLAlchemy URL; default ``$MARSAD_DB`` or ``marsad.db``).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from typing import Any, TextIO, TypeVar, cast

import click

from marsad.export.acled import EVENT_TYPES as ACLED_EVENT_TYPES
from marsad.ingest import IngestOptions
from marsad.ingest.neardup import NearDupOptions
from marsad.observatory import EngineOptions, IngestReport, IngestRunOptions, ingest
from marsad.observatory.progress import Progress, count_inputs
from marsad.observatory.reprocess import ReprocessOptions, ReprocessReport, reprocess
from marsad.store import EVENT_SORTS, EventFilter, Store, open_store, query_events
from marsad.store.articles import StoreCounts, search_articles
from marsad.store.incident_queries import INCIDENT_SORTS, IncidentFilter, incident_detail, query_incidents
from marsad.store.queries import CERTAINTIES

__all__ = ["COMMANDS"]

F = TypeVar("F", bound=Callable[..., Any])
EXIT_PARTIAL = 1
EVENT_TYPES = tuple(ACLED_EVENT_TYPES)


def db_option(fn: F) -> F:
    return click.option("--db", "db", envvar="MARSAD_DB", default="marsad.db", show_default=True,
                        help="Database: a SQLite file path or a URL (postgresql+psycopg://USER@HOST/DB); "
                             "env MARSAD_DB.")(fn)


def engine_options(fn: F) -> F:
    for option in reversed((
        click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
                     help="Worker processes of the local engine."),
        click.option("--engine", type=click.Choice(("local", "dask")), default="local", show_default=True,
                     help="Where extraction runs; store writes and incidents always run here."),
        click.option("--workers", type=click.IntRange(1, 256), default=None,
                     help="Dask: start a local cluster of N worker processes (default 2)."),
        click.option("--scheduler", metavar="ADDRESS", default=None,
                     help="Dask: use the cluster at this scheduler address (tcp://host:8786)."),
        click.option("--no-ner", is_flag=True, help="Skip the neural NER tagger."),
    )):
        fn = option(fn)
    return fn


def event_filter_options(fn: F) -> F:
    for option in reversed((
        click.option("--from", "date_from", type=click.DateTime(("%Y-%m-%d",)), help="Events on or after (YYYY-MM-DD)."),
        click.option("--to", "date_to", type=click.DateTime(("%Y-%m-%d",)), help="Events on or before (YYYY-MM-DD)."),
        click.option("--country", metavar="CC", help="ISO 3166-1 alpha-2 code (IQ, SY, EG…)."),
        click.option("--place", help="Place name, admin-1 area, or the words of the text."),
        click.option("--actor", help="Actor's canonical name or knowledge-base id, in any role."),
        click.option("--type", "event_type", type=click.Choice(EVENT_TYPES), help="ACLED event type."),
        click.option("--sub-type", "sub_event_type", help="ACLED sub-event type (snake_case)."),
        click.option("--certainty", type=click.Choice(CERTAINTIES)),
        click.option("--claimed/--unclaimed", default=None, help="Only claimed (or only unclaimed) events."),
        click.option("--text", help="Full-text query on the article (normalised Arabic)."),
        click.option("--outlet", help="Only articles of this outlet."),
    )):
        fn = option(fn)
    return fn


def _event_filter(kw: dict[str, Any], **extra: Any) -> EventFilter:
    return EventFilter(date_from=_day(kw["date_from"]), date_to=_day(kw["date_to"]), country=kw["country"],
                       place=kw["place"], actor=kw["actor"], event_type=kw["event_type"],
                       sub_event_type=kw["sub_event_type"], certainty=kw["certainty"], claimed=kw["claimed"],
                       text=kw["text"], outlet=kw["outlet"], **extra)


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def _engine(engine: str, jobs: int, workers: int | None, scheduler: str | None, no_ner: bool) -> EngineOptions:
    return EngineOptions(engine=engine, jobs=jobs, workers=workers, scheduler=scheduler, ner=not no_ner)


@click.command(name="ingest")
@click.argument("sources", nargs=-1, required=True)
@db_option
@engine_options
@click.option("--fetch-links", is_flag=True, help="For feeds: read the page each entry links to.")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=200, show_default=True,
              help="Documents per transaction.")
@click.option("--near-threshold", type=click.FloatRange(0.05, 1.0), default=0.5, show_default=True,
              help="Least Jaccard similarity of word shingles for a near-duplicate.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no per-document lines.")
def ingest_cmd(sources: tuple[str, ...], db: str, jobs: int, engine: str, workers: int | None,
               scheduler: str | None, no_ner: bool, fetch_links: bool, batch_size: int, near_threshold: float,
               quiet: bool) -> None:
    """Read SOURCES into the store: extract, link near-duplicates, group incidents.

    SOURCES are what `marsad extract` reads (.jsonl/.jsonl.gz, .txt, .html, directories, -) plus
    RSS/Atom feeds (.rss/.atom/.xml files or http(s) URLs) and WARC archives (.warc/.warc.gz).
    Ingesting the same input again changes nothing; after an interruption (even kill -9) the same
    command carries on where the store stopped.
    """
    options = IngestRunOptions(reading=IngestOptions(fetch_links=fetch_links),
                               near_duplicates=NearDupOptions(threshold=near_threshold),
                               engine=_engine(engine, jobs, workers, scheduler, no_ner), batch_size=batch_size)
    store = open_store(db)
    progress = Progress(count_inputs(sources), disable=quiet)
    try:
        report = ingest(store, list(sources), options, progress=progress,
                        notice=None if quiet else progress.write, stdin=sys.stdin.buffer)
    finally:
        progress.close()
        store.close()
    click.echo(format_ingest(report, store))
    if report.failures:
        sys.exit(EXIT_PARTIAL)


def format_ingest(report: IngestReport, store: Store) -> str:
    rate = report.input / report.seconds if report.seconds else 0.0
    lines = [f"marsad: input {report.input:,} = stored {report.stored:,} + duplicates {report.duplicates:,} "
             f"+ failures {report.failures:,}" + ("" if report.balanced else "  (UNBALANCED: a bug, please report)"),
             f"marsad: this run: {report.new_articles:,} new articles, {report.new_records:,} records extracted, "
             f"{report.date_problems:,} unreadable publication dates; {report.seconds:,.1f} s, {rate:,.1f} articles/s; "
             f"pipeline {report.pipeline_version}"]
    if report.totals is not None:
        lines.append(_totals(report.totals, store))
    return "\n".join(lines)


def _totals(t: StoreCounts, store: Store) -> str:
    return (f"marsad: store {store.engine.url.render_as_string(hide_password=True)}: {t.articles:,} articles "
            f"({t.near_duplicates:,} near-duplicates in {t.near_duplicate_clusters:,} clusters, "
            f"{t.exact_duplicate_ids:,} exact copies under other ids), {t.events:,} events, {t.relations:,} relations, "
            f"{t.incidents:,} incidents ({t.multi_source_incidents:,} from 2+ outlets, holding "
            f"{t.events_in_multi_source_incidents:,} events), {t.failures:,} failures recorded")


@click.command(name="reprocess")
@db_option
@engine_options
@click.option("--all", "everything", is_flag=True, help="Re-extract every article, not only stale ones.")
@click.option("-q", "--quiet", is_flag=True)
def reprocess_cmd(db: str, jobs: int, engine: str, workers: int | None, scheduler: str | None, no_ner: bool,
                  everything: bool, quiet: bool) -> None:
    """Re-extract stored articles made by another pipeline version; old records are kept, versioned."""
    store = open_store(db)
    try:
        report = reprocess(store, ReprocessOptions(engine=_engine(engine, jobs, workers, scheduler, no_ner),
                                                   everything=everything))
    finally:
        store.close()
    click.echo(format_reprocess(report, store))
    if report.failures:
        sys.exit(EXIT_PARTIAL)


def format_reprocess(report: ReprocessReport, store: Store) -> str:
    line = (f"marsad: re-extracted {report.articles:,} articles with pipeline {report.pipeline_version}: "
            f"{report.changed:,} changed, {report.unchanged:,} unchanged, {report.failures:,} failed "
            f"in {report.seconds:,.1f} s")
    return line + ("\n" + _totals(report.totals, store) if report.totals else "")


@click.command(name="events")
@db_option
@event_filter_options
@click.option("--sort", type=click.Choice(tuple(EVENT_SORTS)), default="-date", show_default=True)
@click.option("--limit", type=click.IntRange(0, 10_000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per event.")
def events_cmd(db: str, sort: str, limit: int, offset: int, as_json: bool, **filters: Any) -> None:
    """List events (each reported event once) matching the filters."""
    flt = _event_filter(filters, sort=sort, limit=limit, offset=offset)
    store = open_store(db)
    try:
        with store.session() as session:
            page = query_events(session, flt)
    finally:
        store.close()
    for row in page.rows:
        click.echo(_json(asdict(row)) if as_json else _event_line(row))
    if not as_json:
        click.echo(f"marsad: {len(page.rows):,} of {page.total:,} events", err=True)


def _event_line(row: Any) -> str:
    toll = "" if row.fatalities_max is None else f" killed={_range(row.fatalities_min, row.fatalities_max)}"
    who = f" by={', '.join(row.perpetrators)}" if row.perpetrators else ""
    where = ", ".join(x for x in (row.place, row.country) if x)
    return (f"{row.id}\t{row.date or '?'}\t{row.event_type}/{row.sub_event_type}\t{where}{toll}{who}"
            f"\t[{row.certainty}] {row.outlet or ''} {row.article}")


def _range(low: int | None, high: int | None) -> str:
    return str(high) if low == high else f"{low}-{high}"


@click.command(name="search")
@click.argument("query")
@db_option
@click.option("--outlet", help="Only articles of this outlet.")
@click.option("--limit", type=click.IntRange(0, 10_000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article.")
def search_cmd(query: str, db: str, outlet: str | None, limit: int, offset: int, as_json: bool) -> None:
    """Full-text search of the articles (Arabic normalised: "الإسلامية" finds "الاسلامية"); "quoted phrases"."""
    store = open_store(db)
    try:
        with store.session() as session:
            page = search_articles(session, query, limit=limit, offset=offset, outlet=outlet)
    finally:
        store.close()
    for hit in page.rows:
        if as_json:
            click.echo(_json(asdict(hit)))
        else:
            click.echo(f"{hit.id}\t{hit.published or '?'}\t{hit.outlet or ''}\t{hit.events} events\t{hit.title or ''}"
                       f"\n    {hit.snippet}")
    if not as_json:
        click.echo(f"marsad: {len(page.rows):,} of {page.total:,} articles", err=True)


@click.command(name="incidents")
@db_option
@click.option("--id", "incident_id", type=int, help="Show one incident: every source, its evidence and why it merged.")
@click.option("--from", "date_from", type=click.DateTime(("%Y-%m-%d",)))
@click.option("--to", "date_to", type=click.DateTime(("%Y-%m-%d",)))
@click.option("--country", metavar="CC")
@click.option("--type", "event_type", type=click.Choice(EVENT_TYPES))
@click.option("--min-sources", type=click.IntRange(1), default=1, show_default=True,
              help="Reported by at least this many outlets.")
@click.option("--sort", type=click.Choice(tuple(INCIDENT_SORTS)), default="-date", show_default=True)
@click.option("--limit", type=click.IntRange(0, 10_000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--json", "as_json", is_flag=True)
def incidents_cmd(db: str, incident_id: int | None, date_from: dt.datetime | None, date_to: dt.datetime | None,
                  country: str | None, event_type: str | None, min_sources: int, sort: str, limit: int, offset: int,
                  as_json: bool) -> None:
    """List incidents (one per real-world event, across outlets), or show one with --id."""
    store = open_store(db)
    try:
        with store.session() as session:
            if incident_id is not None:
                detail = incident_detail(session, incident_id)
                if detail is None:
                    raise ValueError(f"no incident with id {incident_id}; list them with marsad incidents")
                click.echo(_json(detail) if as_json else _incident_text(detail))
                return
            page = query_incidents(session, IncidentFilter(date_from=_day(date_from), date_to=_day(date_to),
                                                           country=country, event_type=event_type,
                                                           min_sources=min_sources, sort=sort, limit=limit,
                                                           offset=offset))
    finally:
        store.close()
    for row in page.rows:
        if as_json:
            click.echo(_json(asdict(row)))
        else:
            toll = "" if row.fatalities_max is None else f" killed={_range(row.fatalities_min, row.fatalities_max)}"
            click.echo(f"{row.id}\t{row.date_start or '?'}\t{row.event_type}\t"
                       f"{', '.join(x for x in (row.place, row.country) if x)}{toll}\t{row.sources} outlets, "
                       f"{row.events} reports")
    if not as_json:
        click.echo(f"marsad: {len(page.rows):,} of {page.total:,} incidents", err=True)


def _incident_text(detail: dict[str, Any]) -> str:
    toll = ("" if detail["fatalities_max"] is None
            else f", killed {_range(detail['fatalities_min'], detail['fatalities_max'])}")
    lines = [f"== incident {detail['id']}: {detail['event_type']} {detail['date'] or '?'} "
             f"{detail['place'] or ''} {detail['country'] or ''}{toll}"]
    for event in detail["events"]:
        f = event["fatalities"]
        said = "" if f["max"] is None else f" says {_range(f['min'], f['max'])} killed"
        lines.append(f"  {event['outlet'] or '?'}: {event['article']} {event['event']}{said}")
        if event["reason"]:
            lines.append(f"    merged: {event['reason']}")
    return "\n".join(lines)


@click.command(name="export")
@db_option
@click.option("--format", "fmt", type=click.Choice(("csv", "jsonl", "geojson", "acled", "graphml", "incidents", "gold")),
              required=True, help="csv/geojson: events (with reviewed values); jsonl: SPEC records; acled: ACLED-shaped "
                                  "CSV, one row per incident; graphml: actor network; incidents: incident JSONL; "
                                  "gold: reviewed articles in the SPEC gold format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Output file (default: stdout).")
@event_filter_options
def export_cmd(db: str, fmt: str, output: str, **filters: Any) -> None:
    """Write the store's events, records, incidents or actor network in an analyst's format."""
    from marsad.export.formats import export

    flt = _event_filter(filters, sort="id", limit=0)
    store = open_store(db)
    try:
        with store.session() as session, click.open_file(output, "w", encoding="utf-8") as out:
            count = export(session, fmt, cast(TextIO, out), flt)
    finally:
        store.close()
    click.echo(f"marsad: wrote {count:,} {fmt} rows", err=True)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


COMMANDS = (ingest_cmd, reprocess_cmd, events_cmd, search_cmd, incidents_cmd, export_cmd)
