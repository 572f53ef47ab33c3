"""`python -m mlkit.bench [--quick]`: the speed and memory figures the issue sets targets for.

Measured here, in one run, and printed as a table with PASS/MISS, rather than asserted in unit tests:
timings depend on the machine, so a test can only check that every figure is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import spacy

import mlkit

MB = 1_000_000  # characters (one byte each for ASCII news text) or bytes, as stated per figure
REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_ENV = "MLKIT_SHARED_DIR"

# Targets from the issue; linearity and n_process have none there, so these are stated choices.
TARGET_RATIO = 0.6  # mlkit throughput / bare blank-English tokenizer throughput (issue 12)
TARGET_RSS_MB = 250.0
TARGET_COLD_S = 3.0
TARGET_LINEARITY = 1.5  # per-MB cost of the largest text / per-MB cost of the smallest
TARGET_SPEEDUP = 1.0  # n_process=2 should not be slower than 1 on a corpus
WARMUP = 20  # texts both pipelines see before any timing (lexicons loaded, common words cached)

FRESH_PROCESS_SCRIPT = """
import time
t0 = time.perf_counter()
import mlkit
result = mlkit.analyze(mlkit.seed_article())
t1 = time.perf_counter()
import json, resource
print(json.dumps({"inner_s": t1 - t0, "maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "hedges": len(result.hedges)}))
"""

SIZE_SCRIPT = """
import json, sys, time
import mlkit
text = sys.stdin.buffer.read().decode("utf-8")
repeats = int(sys.argv[1])
mlkit.analyze("A warm-up sentence, reportedly.")
times = []
for _ in range(repeats):
    start = time.process_time()
    mlkit.analyze(text)
    times.append(time.process_time() - start)
print(json.dumps({"seconds": min(times)}))
"""


@dataclass
class Figure:
    """One line of the final table."""

    name: str
    measured: str
    target: str
    ok: bool | None  # None: a figure reported for information, with no target


@dataclass
class Settings:
    """How much work each measurement does (--quick shrinks all of it)."""

    n_texts: int
    repeats: int
    sizes_mb: tuple[float, ...]
    fresh_runs: int
    size_timeout_s: float


FULL = Settings(n_texts=150, repeats=3, sizes_mb=(0.25, 0.5, 1.0, 2.0), fresh_runs=3, size_timeout_s=120)
QUICK = Settings(n_texts=12, repeats=2, sizes_mb=(0.01, 0.02, 0.04, 0.08), fresh_runs=1, size_timeout_s=30)


def shared_dir() -> Path:
    """The team's shared folder (../shared next to the repository), or $MLKIT_SHARED_DIR."""
    return Path(os.environ.get(SHARED_ENV, REPO_ROOT.parent / "shared"))


def load_corpus(n_texts: int) -> tuple[str, list[str]]:
    """Real news when PolNeAR is present (the realistic case), else reshuffled seed paragraphs."""
    files = sorted((shared_dir() / "data" / "polnear").glob("*/text/*.txt"))
    if files:
        texts = [f.read_text(encoding="utf-8") for f in files[:n_texts]]
        return f"PolNeAR ({len(texts)} articles)", texts
    return f"seed article variations ({n_texts})", seed_variations(n_texts)


def seed_variations(n_texts: int) -> list[str]:
    """Deterministic variants of the seed article: same vocabulary, paragraphs in another order."""
    paragraphs = [p for p in mlkit.seed_article().split("\n") if p.strip()]
    rng = random.Random(2013)
    out = []
    for _ in range(n_texts):
        rng.shuffle(paragraphs)
        out.append("\n".join(paragraphs) + "\n")
    return out


def text_of_size(corpus: list[str], n_chars: int) -> str:
    """One long text of exactly n_chars characters, made by joining the corpus articles (repeating)."""
    pieces: list[str] = []
    total = 0
    while total < n_chars:
        for text in corpus:
            pieces.append(text)
            total += len(text) + 2
            if total >= n_chars:
                break
    return "\n\n".join(pieces)[:n_chars]


def cpu_time(run: Callable[[], object]) -> float:
    """CPU seconds this process spent in run(): on a shared machine, far steadier than wall time."""
    start = time.process_time()
    run()
    return time.process_time() - start


def measure_throughput(texts: list[str], n_texts: int, repeats: int) -> list[Figure]:
    """(a) chars/s of the bare blank-English tokenizer vs mlkit.analyze_many on the same texts.

    Both are warmed on the same first WARMUP texts, then each round gives both the same slice of texts
    neither has seen: re-running one slice would let the tokenizer's per-string cache make the bare
    baseline look faster than any real corpus run. Rounds alternate the two so that load from other
    programs hits both alike; times are CPU time, and the ratio is the median of the per-round ratios.
    The kit's own tokenizer is also timed alone, in a pipeline of its own that sees each slice for the
    first time too, so the table shows how much of the ratio is tokenizing and how much the rules.
    """
    nlp = spacy.blank("en")
    nlp.max_length = mlkit.get_nlp().max_length
    kit_tokenizer = kit_pipeline_copy().tokenizer
    warm = texts[:WARMUP]
    _consume(nlp.pipe(warm))
    _consume(mlkit.analyze_many(warm))
    _consume(kit_tokenizer(t) for t in warm)
    tok_rates, kit_rates, own_rates, ratios, own_ratios = [], [], [], [], []
    for i in range(repeats):
        batch = [texts[(WARMUP + i * n_texts + j) % len(texts)] for j in range(n_texts)]
        n_chars = sum(len(t) for t in batch)
        runs = [
            (tok_rates, lambda b=batch: _consume(nlp.pipe(b, batch_size=64))),
            (kit_rates, lambda b=batch: _consume(mlkit.analyze_many(b, batch_size=64))),
            (own_rates, lambda b=batch: _consume(kit_tokenizer(t) for t in b)),
        ]
        for rates, run in runs if i % 2 == 0 else runs[::-1]:  # alternate which goes first
            rates.append(n_chars / cpu_time(run))
        ratios.append(kit_rates[-1] / tok_rates[-1])
        own_ratios.append(own_rates[-1] / tok_rates[-1])
    ratio = statistics.median(ratios)
    return [
        Figure("tokenizer throughput (chars/CPU-s)", f"{max(tok_rates):,.0f}", "-", None),
        Figure("mlkit throughput (chars/CPU-s)", f"{max(kit_rates):,.0f}", "-", None),
        Figure(
            "throughput ratio mlkit/tokenizer", f"{ratio:.3f}", f">= {TARGET_RATIO}", ratio >= TARGET_RATIO
        ),
        Figure("  ratio in each round", ", ".join(f"{r:.2f}" for r in ratios), "-", None),
        Figure("  the kit's tokenizer alone / tokenizer", f"{statistics.median(own_ratios):.3f}", "-", None),
    ]


def kit_pipeline_copy() -> spacy.language.Language:
    """A second kit pipeline, so timing its tokenizer alone does not warm the first one's cache."""
    from mlkit.pipeline import get_nlp

    return get_nlp.__wrapped__()


def measure_fresh_process(runs: int) -> list[Figure]:
    """(b)+(c) peak RSS and cold import + first analysis, each in a new interpreter (the worst run)."""
    walls, inner, rss_mb = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", FRESH_PROCESS_SCRIPT],
            capture_output=True,
            text=True,
            env=_env_with_repo(),
            check=True,
        )
        walls.append(time.perf_counter() - start)
        report = json.loads(proc.stdout.strip().splitlines()[-1])
        inner.append(report["inner_s"])
        # ru_maxrss is KiB on Linux, bytes on macOS.
        unit = 1 if sys.platform == "darwin" else 1024
        rss_mb.append(report["maxrss"] * unit / MB)
    rss, wall = max(rss_mb), max(walls)
    return [
        Figure(
            "peak RSS, import + article (MB)", f"{rss:.1f}", f"<= {TARGET_RSS_MB:.0f}", rss <= TARGET_RSS_MB
        ),
        Figure(
            "cold start: python + import + 1st analysis (s)",
            f"{wall:.2f}",
            f"<= {TARGET_COLD_S}",
            wall <= TARGET_COLD_S,
        ),
        Figure("  of which import + 1st analysis (s)", f"{max(inner):.2f}", "-", None),
    ]


def measure_linearity(
    corpus: list[str], sizes_mb: Iterable[float], timeout_s: float, repeats: int
) -> list[Figure]:
    """(d) analyze() per text size (least CPU time of `repeats`), each in a fresh interpreter, time-limited.

    A separate process per size means a super-linear engine shows up as a MISS after timeout_s
    instead of hanging the benchmark, and one size's memory cannot inflate the next one's time.
    """
    figures, per_mb = [], []
    for size in sizes_mb:
        text = text_of_size(corpus, int(size * MB))
        try:
            proc = subprocess.run(
                [sys.executable, "-c", SIZE_SCRIPT, str(repeats)],
                input=text.encode("utf-8"),
                capture_output=True,
                env=_env_with_repo(),
                timeout=timeout_s,
            )
        except subprocess.TimeoutExpired:
            figures.append(Figure(f"analyze {size:g} MB text", f"> {timeout_s:g} s", "works", False))
            break  # larger sizes would only take longer
        if proc.returncode != 0:
            error = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
            figures.append(Figure(f"analyze {size:g} MB text", f"failed: {error[0][:40]}", "works", False))
            break
        seconds = json.loads(proc.stdout.decode("utf-8").strip().splitlines()[-1])["seconds"]
        per_mb.append(seconds / size)
        figures.append(Figure(f"analyze {size:g} MB text (CPU s)", f"{seconds:.2f}", "-", None))
    if len(per_mb) >= 2:
        ratio = per_mb[-1] / per_mb[0]
        figures.append(
            Figure(
                "per-MB cost, largest / smallest text",
                f"{ratio:.2f}",
                f"<= {TARGET_LINEARITY}",
                ratio <= TARGET_LINEARITY,
            )
        )
    return figures


def measure_processes(texts: list[str]) -> list[Figure]:
    """(e) analyze_many with n_process=2 vs 1 on the corpus; the outputs must also be identical."""
    results: dict[int, list[dict]] = {}
    seconds: dict[int, float] = {}
    for n in (1, 2):
        start = time.perf_counter()
        results[n] = [r.to_dict() for r in mlkit.analyze_many(texts, batch_size=16, n_process=n)]
        seconds[n] = time.perf_counter() - start
    speedup = seconds[1] / seconds[2]
    same = results[1] == results[2]
    return [
        Figure("n_process=1 corpus time (s)", f"{seconds[1]:.2f}", "-", None),
        Figure("n_process=2 corpus time (s)", f"{seconds[2]:.2f}", "-", None),
        Figure(
            "speed-up n_process=2 / 1", f"{speedup:.2f}x", f"> {TARGET_SPEEDUP}x", speedup > TARGET_SPEEDUP
        ),
        Figure("n_process=2 output identical to 1", "yes" if same else "NO", "yes", same),
    ]


def format_table(figures: list[Figure]) -> str:
    """A plain-text table (no colour): figure, measured, target, PASS/MISS/info."""
    rows = [("figure", "measured", "target", "status")]
    for f in figures:
        rows.append((f.name, f.measured, f.target, "info" if f.ok is None else ("PASS" if f.ok else "MISS")))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def run(settings: Settings) -> list[Figure]:
    """Every measurement, in order, printing a progress line before each slow one."""
    label, all_texts = load_corpus(WARMUP + settings.repeats * settings.n_texts)
    texts = all_texts[WARMUP : WARMUP + settings.n_texts] or all_texts
    n_chars = sum(len(t) for t in all_texts)
    _say(f"corpus: {label}, {n_chars:,} characters; pipeline: {mlkit.analyze('').pipeline}")
    _say(f"(a) throughput: {settings.repeats} rounds of {settings.n_texts} unseen texts ...")
    figures = measure_throughput(all_texts, settings.n_texts, settings.repeats)
    _say("(b, c) fresh interpreter: memory and cold start ...")
    figures += measure_fresh_process(settings.fresh_runs)
    _say("(d) linearity ...")
    figures += measure_linearity(texts, settings.sizes_mb, settings.size_timeout_s, settings.repeats)
    _say("(e) n_process ...")
    figures += measure_processes(texts)
    return figures


def main(argv: list[str] | None = None) -> int:
    """Print the figures; with --check, exit 1 when any target is missed (for CI that wants it)."""
    parser = argparse.ArgumentParser(prog="python -m mlkit.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes: checks every figure runs")
    parser.add_argument("--check", action="store_true", help="exit 1 if any target is missed")
    parser.add_argument(
        "--texts", type=int, help="articles per round and per corpus test (default 150, quick 12)"
    )
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    if args.texts:
        settings = replace(settings, n_texts=args.texts)
    figures = run(settings)
    print()
    print(format_table(figures))
    if args.quick:
        print("\n(--quick: small sizes, few repeats; run without --quick for the figures the targets mean)")
    missed = [f.name for f in figures if f.ok is False]
    return 1 if args.check and missed else 0


def _consume(items: Iterable[object]) -> None:
    for _ in items:
        pass


def _env_with_repo() -> dict[str, str]:
    """The fresh interpreter must import this checkout's mlkit even when it is not installed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def _say(message: str) -> None:
    print(message, flush=True)


if __name__ == "__main__":
    sys.exit(main())
