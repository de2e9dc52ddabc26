"""``python -m benchmarks load --users 50 [--workers 2] [--threads N] [--worker-class …]``.

A closed-loop load test with locust (headless, in this process; ``pip install -e '.[bench]'``):
the server is started as ``Procfile`` says (:mod:`benchmarks.server`) unless ``--url`` names
one already running on this machine. Each simulated user repeats: pick one request at random
(uniformly) among every case of :data:`benchmarks.scenarios.CASES` (each server callback found
in the server's ``/_dash-dependencies``, its body built by
:func:`dashboard.callback_requests.request_body`, posted to ``/_dash-update-component``) and of
:data:`benchmarks.scenarios.DOWNLOADS` (the CSV routes, plain GETs); send it, wait for the
answer, then think for an exponentially distributed time (``--think``, 2 s mean) before the
next one. Users start ``--spawn-rate`` per second; every request from the first one on counts.

Prints, per endpoint (a callback's output or a download route) and overall: requests, errors
(HTTP status ≥ 400 or no answer), p50/p95/p99 of the response time (exact, from every
request's own time) and requests per second over the run; then the CPU time the server used
per request (its master and workers, from psutil): on a machine shared with other jobs the
response times swing with their load, the CPU per request much less.
"""

from __future__ import annotations

# isort: off
# locust patches the standard library with gevent: it comes before anything networked.
import locust
from locust import FastHttpUser, task
from locust.env import Environment

# isort: on
import argparse
import json
import os
import random
import sys
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import gevent

from benchmarks import stats
from benchmarks.scenarios import DOWNLOADS
from benchmarks.server import ROOT, ServerOptions, procfile_server

UPDATE = "/_dash-update-component"


@dataclass(frozen=True)
class Work:
    """One request a user may send: its endpoint's name, method, path and JSON body."""

    name: str
    method: str
    path: str
    body: bytes | None = None


def work_items(url: str) -> list[Work]:
    """Every case of every server callback of the running app, and every download case."""
    from benchmarks.callbacks import case_key, cases_for, display_name
    from dashboard.callback_requests import request_body

    with urllib.request.urlopen(f"{url}/_dash-dependencies", timeout=60) as response:
        dependencies = json.load(response)
    callbacks = [d for d in dependencies if not d.get("clientside_function")]
    items = []
    for dependency in callbacks:
        key = case_key(dependency)
        if key is None:
            raise RuntimeError(f"no benchmark case for {dependency['output']}")
        name = display_name(dependency, callbacks)
        for values in cases_for(dependency, key).values():
            body = json.dumps(request_body(dependency, values, values)).encode()
            items.append(Work(name, "POST", UPDATE, body))
    for path, cases in DOWNLOADS.items():
        items += [Work(path, "GET", path + query) for query in cases.values()]
    return items


@dataclass
class Recorded:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    #: What went wrong, by endpoint (each distinct message once).
    failures: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: CPU seconds the server (master and workers) used during the run, if known.
    server_cpu_s: float = 0.0


def user_class(items: list[Work], think_s: float, seed: int) -> type:
    chooser = random.Random(seed)

    class DashboardUser(FastHttpUser):
        def wait_time(self) -> float:
            return chooser.expovariate(1 / think_s)

        @task
        def one_request(self) -> None:
            work = chooser.choice(items)
            headers = {"Accept-Encoding": "gzip, br"}
            if work.method == "POST":
                headers["Content-Type"] = "application/json"
                with self.client.post(
                    work.path, data=work.body, headers=headers, name=work.name, catch_response=True
                ) as response:
                    self._judge(response)
            else:
                with self.client.get(
                    work.path, headers=headers, name=work.name, catch_response=True
                ) as response:
                    self._judge(response)

        @staticmethod
        def _judge(response) -> None:
            if response.status_code in (200, 204):
                response.success()
            elif response.status_code == 0:  # no answer: the connection failed
                response.failure(f"no answer: {response.error!r}"[:200])
            else:
                response.failure(f"HTTP {response.status_code}")

    return DashboardUser


def server_cpu_s(pid: int | None) -> float:
    """CPU seconds used so far by the server ``pid`` and its workers (0 if unknown)."""
    if pid is None:
        return 0.0
    import psutil  # a dependency of locust

    master = psutil.Process(pid)
    total = 0.0
    for process in [master, *master.children(recursive=True)]:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


def run_load(
    url: str,
    users: int,
    duration_s: float,
    think_s: float,
    spawn_rate: float,
    seed: int = 0,
    pid: int | None = None,
) -> tuple[Recorded, float]:
    """Drive ``url`` with ``users`` closed-loop users for ``duration_s``; what was recorded and
    the measured seconds."""
    items = work_items(url)
    recorded = Recorded()
    env = Environment(user_classes=[user_class(items, think_s, seed)], host=url)

    def on_request(name, response_time, exception, **_):
        recorded.times[name].append(float(response_time))
        if exception is not None:
            recorded.errors[name] += 1
            recorded.failures[name].add(str(exception)[:200])

    env.events.request.add_listener(on_request)
    runner = env.create_local_runner()
    cpu = server_cpu_s(pid)
    start = time.perf_counter()
    runner.start(users, spawn_rate=spawn_rate)
    gevent.spawn_later(duration_s, runner.quit)
    runner.greenlet.join()
    recorded.server_cpu_s = server_cpu_s(pid) - cpu
    return recorded, time.perf_counter() - start


def table(recorded: Recorded, seconds: float) -> str:
    lines = [
        "| endpoint | requests | errors | p50 ms | p95 ms | p99 ms | req/s |",
        "|---|---|---|---|---|---|---|",
    ]

    def line(name: str, times: list[float], errors: int) -> str:
        return (
            f"| {name} | {len(times)} | {errors} | {stats.median(times):.0f} | "
            f"{stats.p95(times):.0f} | {percentile(times, 99):.0f} | {len(times) / seconds:.1f} |"
        )

    for name in sorted(recorded.times):
        lines.append(line(name, recorded.times[name], recorded.errors[name]))
    every = [t for times in recorded.times.values() for t in times]
    lines.append(line("**all**", every, sum(recorded.errors.values())))
    return "\n".join(lines)


def percentile(values: list[float], percent: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(int(-(-percent * len(ordered) // 100)) - 1, 0)
    return float(ordered[rank])


def summary(recorded: Recorded, seconds: float) -> dict:
    every = [t for times in recorded.times.values() for t in times]
    return {
        "requests": len(every),
        "errors": sum(recorded.errors.values()),
        "p50_ms": stats.median(every),
        "p95_ms": stats.p95(every),
        "p99_ms": percentile(every, 99),
        "rps": len(every) / seconds,
    }


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks load", description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--threads", type=int, help="gunicorn threads per worker")
    parser.add_argument("--worker-class", help="gunicorn worker class, e.g. gthread")
    parser.add_argument("--duration", type=float, default=60, help="seconds (default 60)")
    parser.add_argument("--think", type=float, default=2.0, help="mean think time, seconds")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    parser.add_argument("--url", help="a server already running on this machine instead")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--root",
        type=Path,
        default=ROOT,
        help="serve another checkout of the project (its Procfile)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    options = ServerOptions(args.workers, args.threads, args.worker_class)
    if args.url and not args.url.startswith(("http://127.", "http://localhost", "http://[::1]")):
        print("error: --url must be a server on this machine (loopback)", file=sys.stderr)
        return 2
    label = "the server at " + args.url if args.url else f"the Procfile server ({options.label()})"
    if args.root != ROOT:
        label += f" of {args.root}"
    print(
        f"… {args.users} users, {args.think:g} s mean think time, {args.duration:g} s, "
        f"against {label}; locust {locust.__version__}",
        file=sys.stderr,
        flush=True,
    )

    def go(url: str, pid: int | None = None) -> tuple[Recorded, float]:
        return run_load(url, args.users, args.duration, args.think, args.spawn_rate, args.seed, pid)

    if args.url:
        recorded, seconds = go(args.url.rstrip("/"))
    else:
        pids: list[int] = []
        with procfile_server(options, args.root, pid=pids) as url:
            recorded, seconds = go(url, pids[0])
    print(table(recorded, seconds))
    for name, messages in sorted(recorded.failures.items()):
        print(f"errors of {name}: {'; '.join(sorted(messages))}")
    result = summary(recorded, seconds)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{args.users} users, {label}: p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} "
        f"ms, p99 {result['p99_ms']:.0f} ms, {result['rps']:.1f} req/s, {result['errors']} errors "
        f"of {result['requests']} requests in {seconds:.0f} s (load average {load})"
    )
    if recorded.server_cpu_s:
        print(
            f"server CPU: {recorded.server_cpu_s:.1f} s, "
            f"{1000 * recorded.server_cpu_s / max(result['requests'], 1):.1f} ms per request "
            "(less sensitive than the times to what else runs on the machine)"
        )
    return 0
