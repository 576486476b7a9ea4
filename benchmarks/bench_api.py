"""Latency of the HTTP API under concurrent clients: filtered event queries and the graph.

    python benchmarks/bench_api.py --db corpus.db [--clients 20] [--requests 100] [--workers 2]
                                   [--think SECONDS] [--cache-size N]

Starts ``marsad serve`` on 127.0.0.1 (a free port, keyless single-user mode) on a copy-free
read of ``--db`` (a database built by ``marsad ingest``), then runs ``--clients`` threads, each
sending ``--requests`` requests (a bounded loop; loopback traffic only) drawn from a fixed mix of
filters whose values come from the database itself. Prints p50/p95/p99 latency per kind of
request, throughput and the number of errors (any answer but 200, or no answer).
"""

from __future__ import annotations

import argparse
import http.client
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
MARSAD = Path(sys.executable).with_name("marsad")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(db: str, port: int, workers: int, cache_size: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen([str(MARSAD), "serve", "--db", db, "--port", str(port), "--workers", str(workers),
                               "--cache-size", str(cache_size)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/events?limit=1", timeout=5).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit(f"the server did not start: {server.stderr.read().decode() if server.stderr else ''}")


def request_mix(client: httpx.Client, rng: random.Random) -> list[tuple[str, str, dict[str, Any]]]:
    """Filters an analyst would use, with values found in the database."""
    sample = client.get("/api/events", params={"limit": 500, "sort": "-fatalities"}).json()["data"]
    countries = sorted({e["country"] for e in sample if e["country"]}) or ["IQ"]
    types = sorted({e["event_type"] for e in sample}) or ["battles"]
    actors = [a["name"] for a in client.get("/api/actors", params={"limit": 30}).json()["data"]] or ["x"]
    years = sorted({e["date"][:4] for e in sample if e["date"]}) or ["2018"]
    words = ["انفجار", "هجوم", "مسلحين", "قتلى", "الجيش"]
    mix: list[tuple[str, str, dict[str, Any]]] = []
    for _ in range(200):
        country, kind, actor, year = rng.choice(countries), rng.choice(types), rng.choice(actors), rng.choice(years)
        mix += [
            ("events", "/api/events", {"country": country, "date_from": f"{year}-01-01", "date_to": f"{year}-12-31"}),
            ("events", "/api/events", {"event_type": kind, "country": country, "sort": "-fatalities"}),
            ("events", "/api/events", {"actor": actor, "limit": 50}),
            ("events", "/api/events", {"certainty": rng.choice(["hedged", "reported"]), "offset": rng.choice([0, 50, 500])}),
            ("events", "/api/events", {"claimed": "true", "date_from": f"{year}-01-01"}),
            ("events", "/api/events", {"q": rng.choice(words), "country": country}),
            ("graph", "/api/graph", {}),
            ("graph", "/api/graph", {"type": rng.choice(["allegiance", "membership", "support", "role"])}),
            ("graph", "/api/graph", {"actor": actor}),
        ]
    rng.shuffle(mix)
    return mix


def client_loop(port: int, mix: list[tuple[str, str, dict[str, Any]]], n: int, start: int, think: float,
                times: dict[str, list[float]], errors: list[str], lock: threading.Lock) -> None:
    """One client: a keep-alive connection (the standard library's, lighter than httpx on the
    same two cores as the server), ``n`` requests, each answer read to its end."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    pause = random.Random(start)
    for i in range(n):
        if think and i:
            time.sleep(pause.uniform(0.5 * think, 1.5 * think))
        kind, path, params = mix[(start + i) % len(mix)]
        t0 = time.perf_counter()
        try:
            connection.request("GET", f"{path}?{urlencode(params)}")
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as err:
            status, reason = 0, str(err)
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        elapsed = time.perf_counter() - t0
        with lock:
            times[kind].append(elapsed)
            if status != 200:
                errors.append(f"{path} {params}: {status or reason}")
    connection.close()


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=100, help="requests per client")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean pause of a client between an answer and its next request, in seconds "
                             "(0: none, the server saturated)")
    parser.add_argument("--cache-size", type=int, default=512, help="the server's answer cache (0: off)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(args.db, port, args.workers, args.cache_size)
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            mix = request_mix(client, random.Random(args.seed))
            counts = client.get("/api/events", params={"limit": 1}).json()["count"]
            graph = client.get("/api/graph").json()
        times: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        lock = threading.Lock()
        threads = [threading.Thread(target=client_loop, args=(port, mix, args.requests, i * 37, args.think, times, errors, lock))
                   for i in range(args.clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(30)
    total = sum(len(v) for v in times.values())
    print(f"database: {args.db} ({counts:,} events; graph {len(graph['nodes']):,} nodes, {len(graph['edges']):,} edges)")
    print(f"{args.clients} concurrent clients x {args.requests} requests, think time {args.think} s, "
          f"server workers {args.workers}, answer cache {args.cache_size or 'off'}: "
          f"{total:,} requests in {wall:.1f} s ({total / wall:.0f} req/s), errors {len(errors)}")
    for kind, values in sorted(times.items()):
        ms = [v * 1000 for v in values]
        print(f"  {kind:<7} n={len(ms):<6} p50 {percentile(ms, 50):7.1f} ms   p95 {percentile(ms, 95):7.1f} ms   "
              f"p99 {percentile(ms, 99):7.1f} ms   max {max(ms):7.1f} ms")
    for error in errors[:5]:
        print(f"  error: {error}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
