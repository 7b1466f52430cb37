"""Every page of issue 14's table at the default and the large demo size, against its floor.

Served by gunicorn as `scripts/portal web` starts it (debug off, 2 workers) on a copy of the
seeded database; one connection at a time. Per page: median and p95 of the time to the last
byte, CPU time per request in the worker and queries (from the benchmark-only header of
benchmarks/middleware.py, median over the requests), HTML size, and the median's ratio to the
floor of the same kind (anonymous pages to the anonymous floor, signed-in pages to the
signed-in floor). The last table puts the two sizes side by side with the issue's targets:
CPU at large ≤ 1.5× CPU at default, signed-in pages ≤ 5× the signed-in floor, public pages
(cached) ≤ 3× the anonymous floor, the XLSX export ≤ 3× the CSV of the same rows.
"""

from __future__ import annotations

import os
import statistics

from benchmarks import _server
from membership.exports import IMMEDIATE_ROWS

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
SCALES = {"default": "small", "large": "large"}

# (label, who, url key, repeat): who is "anonymous" or a role of benchmarks._fixtures.
PAGES = [
    ("anonymous floor", "anonymous", "floor_anonymous", REPEAT),
    ("signed-in floor (staff)", "staff", "floor_signed_in", REPEAT),
    ("front page, public", "anonymous", "front", REPEAT),
    ("front page, NGO contact", "ngo", "front", REPEAT),
    ("front page, council member", "member", "front", REPEAT),
    ("front page, board member", "board", "front", REPEAT),
    ("front page, HYTE staff", "staff", "front", REPEAT),
    ("NGO nomination form", "ngo", "nomination_form", REPEAT),
    ("staff composition board", "staff", "board", REPEAT),
    ("public plan progress", "anonymous", "progress", REPEAT),
    ("plan progress, staff", "staff", "progress", REPEAT),
    ("public member list", "anonymous", "members", REPEAT),
    ("member list, staff", "staff", "members", REPEAT),
    ("public archive", "anonymous", "archive", REPEAT),
    ("staff grants list", "staff", "grants", REPEAT),
    ("staff grants list, filtered", "staff", "grants_filtered", REPEAT),
    ("CSV export, all grants", "staff", "export_csv", max(3, REPEAT // 6)),
    ("XLSX export, all grants", "staff", "export_xlsx", max(3, REPEAT // 6)),
]
WARMUP = 2
# BENCH_PAGES="board,grants" measures only the pages whose label contains one of the words (and the floors).
ONLY = [word for word in os.environ.get("BENCH_PAGES", "").split(",") if word]


def _pages() -> list[tuple[str, str, str, int]]:
    return [page for page in PAGES if "floor" in page[0] or not ONLY or any(w in page[0] for w in ONLY)]


def _measure(path: str, session: str | None, repeat: int) -> dict[str, float]:
    answers = [_server.get(path, session) for _ in range(WARMUP + repeat)][WARMUP:]
    bad = {a.status for a in answers if a.status != 200}
    if bad:
        raise RuntimeError(f"{path} answered {sorted(bad)}")
    times = sorted(a.seconds * 1000 for a in answers)
    return {
        "p50": statistics.median(times),
        "p95": times[max(0, round(0.95 * len(times)) - 1)],
        "cpu": statistics.median(a.cpu_ms for a in answers),
        "queries": statistics.median(a.queries for a in answers),
        "kb": len(answers[-1].body) / 1024,
        "n": len(answers),
    }


def _run_scale(scale: str) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    with _server.portal(scale) as fixtures:
        counts = ", ".join(f"{v} {k}" for k, v in fixtures["counts"].items())
        print(f"-- {scale}: {counts}", flush=True)
        print(
            f"{'page':<30} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms':>8} {'queries':>7} {'KB':>7} "
            f"{'× floor':>8} {'CPU×fl':>7}"
        )
        for label, who, key, repeat in _pages():
            session = None if who == "anonymous" else fixtures["sessions"][who][0]
            figures = _measure(fixtures["urls"][key], session, repeat)
            floor = results.get(
                "anonymous floor" if who == "anonymous" else "signed-in floor (staff)", figures
            )
            figures["floor_ratio"] = figures["p50"] / floor["p50"]
            figures["cpu_floor_ratio"] = figures["cpu"] / floor["cpu"] if floor["cpu"] else float("nan")
            figures["public"] = who == "anonymous"
            results[label] = figures
            print(
                f"{label:<30} {figures['p50']:8.1f} {figures['p95']:8.1f} {figures['cpu']:8.1f} "
                f"{figures['queries']:7.0f} {figures['kb']:7.1f} {figures['floor_ratio']:8.1f} "
                f"{figures['cpu_floor_ratio']:7.1f}",
                flush=True,
            )
        results["_grants"] = {"count": fixtures["counts"].get("grants", 0)}
    return results


def _mark(ok: bool) -> str:
    return "ok" if ok else "OVER"


def _summary(default: dict, large: dict) -> None:
    print("-- default → large, with the issue's targets")
    print(
        f"{'page':<30} {'p50 def':>8} {'p50 large':>9} {'× floor':>8} {'target':>7} "
        f"{'CPU×fl':>7} {'CPU def':>8} {'CPU large':>9} {'CPU ×':>6}"
    )
    for label, *_ in _pages()[2:]:
        d, g = default[label], large[label]
        target = 3 if g["public"] else 5
        cpu_ratio = g["cpu"] / d["cpu"] if d["cpu"] else float("nan")
        export = label.startswith(("CSV", "XLSX"))
        floor_mark = "" if export else f"{target}× {_mark(g['floor_ratio'] <= target)}"
        print(
            f"{label:<30} {d['p50']:8.1f} {g['p50']:9.1f} {g['floor_ratio']:8.1f} {floor_mark:>7} "
            f"{g['cpu_floor_ratio']:7.1f} "
            f"{d['cpu']:8.1f} {g['cpu']:9.1f} {cpu_ratio:6.2f} {_mark(cpu_ratio <= 1.5)}"
        )
    for name, figures in (("default", default), ("large", large)):
        if "XLSX export, all grants" not in figures:
            continue
        if figures["_grants"]["count"] > IMMEDIATE_ROWS:
            # The export URL then answers with the page that starts a worker job, not with the file.
            print(
                f"XLSX / CSV at {name}: above {IMMEDIATE_ROWS} rows the export is a worker job and the "
                "rows above time its confirm page; the files themselves: python -m benchmarks grants"
            )
            continue
        ratio = figures["XLSX export, all grants"]["p50"] / figures["CSV export, all grants"]["p50"]
        print(f"XLSX / CSV of the same rows at {name}: {ratio:.1f}× (target 3×) {_mark(ratio <= 3)}")


def run() -> None:
    print(f"gunicorn, {_server.WORKERS} workers, debug off; one connection; {REPEAT} requests a page")
    wanted = os.environ.get("BENCH_SCALES", "default,large").split(",")
    results = {name: _run_scale(scale) for name, scale in SCALES.items() if name in wanted}
    if len(results) == 2:
        _summary(results["default"], results["large"])
