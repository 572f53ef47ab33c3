"""Benchmark: how long the highlighter takes to re-render after a category toggle (target < 100 ms).

Run ``python -m mlkit.bench_widgets``; it prints figures rather than asserting, so a slow CI machine
cannot make the test suite flaky. The analysis runs once, outside the timing: a toggle never re-analyses.
"""

from __future__ import annotations

import statistics
import time

import mlkit
from mlkit.widgets.highlighter import highlighter

TARGET_MS = 100.0


def main(repeats: int = 200) -> dict[str, float]:
    """Toggle each category off and on ``repeats`` times; print median, 95th percentile and worst."""
    text = mlkit.seed_article()
    start = time.perf_counter()
    widget = highlighter(text)
    build_ms = (time.perf_counter() - start) * 1000
    boxes = list(widget.checkboxes.values())
    times = []
    for i in range(repeats):
        box = boxes[i % len(boxes)]
        t0 = time.perf_counter()
        box.value = not box.value  # the observer re-renders text, legend, summary and table
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    figures = {
        "chars": float(len(text)),
        "marks": float(len(widget.marks)),
        "first_build_ms_incl_analysis": build_ms,
        "toggle_median_ms": statistics.median(times),
        "toggle_p95_ms": times[int(0.95 * (len(times) - 1))],
        "toggle_max_ms": times[-1],
    }
    print(f"highlighter on the seed article: {len(text)} characters, {len(widget.marks)} marks")
    print(f"first build (analysis included): {build_ms:.1f} ms")
    print(
        f"re-render after a toggle, {repeats} toggles: median {figures['toggle_median_ms']:.2f} ms, "
        f"p95 {figures['toggle_p95_ms']:.2f} ms, max {figures['toggle_max_ms']:.2f} ms "
        f"(target < {TARGET_MS:.0f} ms: {'met' if figures['toggle_p95_ms'] < TARGET_MS else 'NOT met'})"
    )
    return figures


if __name__ == "__main__":
    main()
