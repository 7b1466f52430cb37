"""Shared helpers: time a callable repeatedly and report median and p95 in milliseconds."""

import statistics
import time
from collections.abc import Callable


def measure(func: Callable[[], object], repeat: int = 30, warmup: int = 3) -> dict[str, float]:
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[max(0, int(round(0.95 * len(samples))) - 1)]
    return {"median_ms": statistics.median(samples), "p95_ms": p95, "n": len(samples)}


def report(label: str, figures: dict[str, float]) -> None:
    median, p95, n = figures["median_ms"], figures["p95_ms"], figures["n"]
    print(f"{label:<45} median {median:8.1f} ms   p95 {p95:8.1f} ms   (n={n})")
