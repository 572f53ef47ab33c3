"""`python -m mlkit.bench_shapes [--quick]`: seconds per MB for text shapes that once made time grow
faster than the text (issue 13), at two sizes, and the ratio between them.

A student may paste anything: a transcript with no full stops, text copied from a web page with an
invisible character after every full stop, lines ending in a bare carriage return. Each shape is built
here from a fixed seed, analysed in a fresh interpreter (so a slow shape shows as a MISS after a time
limit instead of hanging), and timed in CPU seconds. A ratio near 1 between the two sizes means the time
grows with the text; 4 would mean it grows with the square of the text.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections.abc import Callable

from mlkit.bench import MB, Figure, _env_with_repo, format_table

TARGET_RATIO = 1.5  # per-MB cost at the larger size / at the smaller: linear is 1, quadratic 4
FORMAT_CHARS = ("\u200e", "\u200f", "\u200b", "\ufeff", "\u2060", "\u00ad")
WORDS = (
    "the officials activists city council reportedly government army commander said would could may "
    "report claimed people killed statement according to sources in on of and a about many some ministry "
    "rebels town water plan school vote party leader week police"
).split()
SPEECH = ("he said", "she told reporters", "they claimed", "officials said", "according to the ministry")


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _fill(n_chars: int, piece: Callable[[random.Random], str], seed: int = 13) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < n_chars:
        p = piece(rng)
        out.append(p)
        total += len(p)
    return "".join(out)[:n_chars]


def lowercase_prose(n: int) -> str:
    """A transcript or a social-media post: lower case, no full stop anywhere."""
    return _fill(n, lambda rng: _words(rng, 12) + " ")


def said_no_stops(n: int) -> str:
    """Reported speech run together with no full stop ("he said ... she told reporters ...")."""
    return _fill(n, lambda rng: f"{rng.choice(SPEECH)} {_words(rng, 8)} ")


def format_after_stops(n: int) -> str:
    """An invisible format character (left-to-right mark, zero-width space, byte-order mark ...) after
    each full stop, as in text copied from web pages."""
    k = iter(range(10**9))
    return _fill(
        n,
        lambda rng: f"Officials said the {_words(rng, 8)}.{FORMAT_CHARS[next(k) % len(FORMAT_CHARS)]} ",
    )


def bare_carriage_returns(n: int) -> str:
    """Lines ending in a bare carriage return (old Mac files), no full stops."""
    return _fill(n, lambda rng: f"{rng.choice(SPEECH)} {_words(rng, 9)}\r")


def rtl_overrides(n: int) -> str:
    """Right-to-left override and pop-direction characters between words and after full stops."""
    return _fill(n, lambda rng: f"\u202e{rng.choice(SPEECH)} {_words(rng, 6)}\u202c.\u202e {_words(rng, 3)} ")


def nested_quotes(n: int) -> str:
    """Quotation marks of every kind nested ever deeper, then closed, in one long paragraph, with stray
    and mismatched marks between (each quotation holds all the ones inside it)."""
    opens, closes = '“‘«„"', '”’»""'
    half = _fill(n // 2, lambda rng: f"{rng.choice(opens)}{_words(rng, 2)} ")
    rest = _fill(n - len(half), lambda rng: f"{_words(rng, 2)}{rng.choice(closes)} [sic] ", seed=14)
    return half + rest


SHAPES: dict[str, Callable[[int], str]] = {
    "lowercase prose, no full stops": lowercase_prose,
    '"he said ..." with no full stops': said_no_stops,
    "format character after each full stop": format_after_stops,
    "lines ending in a bare carriage return": bare_carriage_returns,
    "right-to-left override characters": rtl_overrides,
    "nested mixed quotation marks": nested_quotes,
}

RUN_SCRIPT = """
import gc, json, sys, time
import mlkit
from mlkit.bench_shapes import SHAPES
from mlkit.findings import all_findings, quotation_integrity
text = SHAPES[sys.argv[1]](int(sys.argv[2]))
mlkit.analyze("A warm-up sentence, reportedly.")
def best(run):
    times = []
    for _ in range(2):
        gc.collect()
        t0 = time.process_time()
        out = run()
        times.append(time.process_time() - t0)
    return min(times), out
t_analyze, result = best(lambda: mlkit.analyze(text))
t_quotes, _ = best(lambda: quotation_integrity(result))
t_all, _ = best(lambda: all_findings(result))
print(json.dumps({"analyze": t_analyze, "quotation_integrity": t_quotes, "all findings": t_all}))
"""
PARTS = ("analyze", "quotation_integrity", "all findings")
CHECKED = ("analyze", "quotation_integrity")  # the engine's own; the other findings are reported


def measure(shape: str, n_chars: int, timeout_s: float) -> dict[str, float] | None:
    """CPU seconds (best of two) of analyze(), the quotation finding and all findings on one shape and
    size, in a fresh interpreter; None when it did not finish in time."""
    try:
        proc = subprocess.run(
            [sys.executable, "-c", RUN_SCRIPT, shape, str(n_chars)],
            capture_output=True,
            env=_env_with_repo(),
            timeout=timeout_s,
        )
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode("utf-8", "replace")[-500:])
    return json.loads(proc.stdout.decode("utf-8").strip().splitlines()[-1])


def run(sizes_mb: tuple[float, float], timeout_s: float, shapes: list[str]) -> list[Figure]:
    """Two sizes per shape: CPU seconds per MB for each part, and the ratio of the larger to the smaller."""
    figures = []
    for shape in shapes:
        print(f"{shape} ...", flush=True)
        per_mb: dict[str, list[float]] = {p: [] for p in PARTS}
        for size in sizes_mb:
            got = measure(shape, int(size * MB), timeout_s)
            if got is None:
                figures.append(Figure(f"{shape}, {size:g} MB", f"> {timeout_s:g} s", "finishes", False))
                break
            for part in PARTS:
                per_mb[part].append(got[part] / size)
            shown = " / ".join(f"{per_mb[p][-1]:.2f}" for p in PARTS)
            figures.append(Figure(f"{shape}, {size:g} MB (s per MB)", shown, "-", None))
        if len(per_mb["analyze"]) == 2:
            ratios = {p: per_mb[p][1] / max(per_mb[p][0], 1e-3) for p in PARTS}
            worst = max(ratios[p] for p in CHECKED)
            figures.append(
                Figure(
                    f"{shape}: ratio {sizes_mb[1]:g} MB / {sizes_mb[0]:g} MB",
                    " / ".join(f"{ratios[p]:.2f}" for p in PARTS),
                    f"<= {TARGET_RATIO}",
                    worst <= TARGET_RATIO,
                )
            )
    return figures


def main(argv: list[str] | None = None) -> int:
    """Print the table; with --check, exit 1 when a shape is not linear."""
    parser = argparse.ArgumentParser(prog="python -m mlkit.bench_shapes", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="0.01 and 0.04 MB: checks every shape runs")
    parser.add_argument("--check", action="store_true", help="exit 1 if any shape is not linear")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds allowed per run")
    parser.add_argument("--shape", choices=list(SHAPES), action="append", help="only this shape (repeatable)")
    args = parser.parse_args(argv)
    sizes = (0.01, 0.04) if args.quick else (0.1, 0.4)
    figures = run(sizes, args.timeout, args.shape or list(SHAPES))
    print()
    print(f"each figure: {' / '.join(PARTS)}; the target applies to {' and '.join(CHECKED)}")
    print(format_table(figures))
    return 1 if args.check and any(f.ok is False for f in figures) else 0


if __name__ == "__main__":
    sys.exit(main())
