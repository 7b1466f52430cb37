"""50 simulated people with 2–5 s between clicks over each role's journey, at the large size.

The server is gunicorn as `scripts/portal web` starts it (debug off, 2 workers) on a copy of the
large demo database; locust (headless) drives benchmarks/_locustfile.py and this prints its
p50/p95/p99 per page and the errors. Target of issue 14: p95 ≤ 150 ms on every page, 0 errors.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

from benchmarks import _server

USERS = 50
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "120"))
SCALE = os.environ.get("BENCH_LOAD_SCALE", "large")


def run() -> None:
    out = _server.RUN_DIR.parent / "load"
    with _server.portal(SCALE, sessions_per_role=20) as fixtures:
        fixtures_file = _server.RUN_DIR.parent / "load-fixtures.json"
        fixtures_file.write_text(json.dumps(fixtures))
        print(f"{USERS} users, 2–5 s think time, {SECONDS} s, {SCALE} demo data, {_server.WORKERS} workers")
        with (_server.RUN_DIR.parent / "locust.log").open("w") as log:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "locust",
                    "-f",
                    "benchmarks/_locustfile.py",
                    "--headless",
                    "--users",
                    str(USERS),
                    "--spawn-rate",
                    "10",
                    "--run-time",
                    f"{SECONDS}s",
                    "--host",
                    f"http://127.0.0.1:{_server.PORT}",
                    "--csv",
                    str(out),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                    "--exit-code-on-error",
                    "0",
                ],
                cwd=_server.ROOT,
                env={**os.environ, "BENCH_FIXTURES": str(fixtures_file)},
                check=True,
                stdout=log,
                stderr=log,
            )
    _print_stats(out.with_name(out.name + "_stats.csv"), out.with_name(out.name + "_failures.csv"))


def _print_stats(stats_file, failures_file) -> None:
    print(
        f"{'page':<30} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}  p95 ≤ 150 ms"
    )
    with stats_file.open() as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "all pages"
        p95 = float(row["95%"] or 0)
        print(
            f"{name:<30} {row['Request Count']:>8} {row['Failure Count']:>6} {row['50%']:>7} {row['95%']:>7} "
            f"{row['99%']:>7}  {'ok' if p95 <= 150 else 'OVER'}"
        )
    with failures_file.open() as handle:
        for failure in csv.DictReader(handle):
            print(f"error: {failure['Name']}: {failure['Error']} ×{failure['Occurrences']}")
