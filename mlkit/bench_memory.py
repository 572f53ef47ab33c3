"""Benchmark: memory of a Jupyter server and its kernels while a student works through the nine lessons.

Run ``python -m mlkit.bench_memory`` (or ``make bench-memory``); it prints figures and asserts nothing.
A real JupyterLab server with the kit's settings runs on 127.0.0.1 over a copy of lessons/; kernels are
started through its REST API (sessions, as JupyterLab does) and every code cell of each lesson is
executed over the kernel websocket. The server and all its kernels are sampled four times a second.

- A, in order: lessons 00 to 08, each closed (File > Close and Shut Down) before the next opens.
- B, all open: the nine lessons run one after another and all left open, websockets connected.
- Culling: on B's server, only lesson 08 stays in use (a widget message every 10 s, as clicks send);
  the others are idle until the server culls them. The benchmark's server uses a SHORT idle timeout
  (printed) instead of the kit's 15 minutes, only so the run does not take a quarter of an hour; the
  rest of the settings are the kit's.

Targets (issue 9): A <= 800 MB; B <= 2 GB; after culling < 1 GB. MB = 1,000,000 bytes. The verdicts use
the sum of RSS (an upper bound: shared pages counted once per process); PSS is printed beside it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from mlkit import kernelrun, labserver, labsetup, procmem
from mlkit.procmem import MB

LESSONS_DIR = Path(__file__).resolve().parent.parent / "lessons"
TARGETS_MB = {"A": 800, "B": 2000, "culled": 1000}
CULL_INTERVAL_S = 5
TOUCH_EVERY_S = 10


@dataclass
class Figures:
    server_idle: int = 0
    kernels: dict[str, int] = field(default_factory=dict)  # lesson -> RSS of its kernel after Run All
    peak: dict[str, tuple[int, int]] = field(default_factory=dict)  # scenario -> (RSS sum, PSS sum)
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def kernel_rss(server_pid: int, kernel_id: str) -> int:
    """RSS of the kernel process whose connection file names ``kernel_id`` (0 if it is gone)."""
    return sum(m.rss for m in procmem.tree(server_pid, with_pss=False) if f"kernel-{kernel_id}" in m.cmdline)


def live_kernels(server: labserver.LabServer) -> set[str]:
    return {k["id"] for k in kernelrun.api(server.url, "GET", "/api/kernels", token=server.token)}


async def run_lesson(server: labserver.LabServer, path: str, root: Path) -> kernelrun.OpenNotebook:
    """Open a lesson and run every code cell, as Run All does."""
    notebook = await kernelrun.open_notebook(server.url, path, server.token)
    for code in kernelrun.code_cells(json.loads((root / path).read_text(encoding="utf-8"))):
        await notebook.run(code)
    return notebook


async def wait_gone(server_pid: int, kernel_id: str, timeout_s: float = 20) -> None:
    deadline = time.monotonic() + timeout_s
    while kernel_rss(server_pid, kernel_id) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)


async def in_order(server: labserver.LabServer, root: Path, paths: list[str], figures: Figures) -> None:
    with procmem.PeakSampler(server.proc.pid) as sampler:
        start = time.monotonic()
        for path in paths:
            notebook = await run_lesson(server, path, root)
            figures.errors += notebook.errors
            notebook.close(shut_down=True)
            await wait_gone(server.proc.pid, notebook.kernel_id)
        figures.seconds["A"] = time.monotonic() - start
        figures.peak["A"] = sampler.peak()


async def all_open_then_culled(
    server: labserver.LabServer, root: Path, paths: list[str], figures: Figures, cull_timeout_s: int
) -> None:
    pid = server.proc.pid
    with procmem.PeakSampler(pid) as sampler:
        start = time.monotonic()
        opened = []
        for path in paths:
            notebook = await run_lesson(server, path, root)
            figures.errors += notebook.errors
            figures.kernels[Path(path).stem] = kernel_rss(pid, notebook.kernel_id)
            opened.append(notebook)
        figures.seconds["B"] = time.monotonic() - start
        figures.peak["B"] = sampler.peak()
        alive = live_kernels(server)
        if len(alive) < len(opened):
            figures.notes.append(
                f"only {len(alive)} of {len(opened)} kernels were alive at the end of B: the benchmark's "
                "cull timeout was shorter than B; rerun with a larger --cull-timeout"
            )

        active = opened[-1]
        start = time.monotonic()
        deadline = start + cull_timeout_s + 4 * CULL_INTERVAL_S + 60
        while live_kernels(server) - {active.kernel_id} and time.monotonic() < deadline:
            if not await active.touch_widget():
                await active.run("pass")  # a lesson without widgets: a cell run is the activity
            await asyncio.sleep(TOUCH_EVERY_S)
        left = live_kernels(server)
        figures.seconds["culling"] = time.monotonic() - start
        if left != {active.kernel_id}:
            figures.notes.append(
                f"after culling {len(left)} kernels remain; lesson 08 alive: {active.kernel_id in left}"
            )
        else:
            figures.notes.append("lesson 08, in use through widget messages only, was not culled")
        for notebook in opened[:-1]:
            await wait_gone(pid, notebook.kernel_id, timeout_s=5)
        sampler.reset()
        await asyncio.sleep(3)
        figures.peak["culled"] = sampler.peak()
        for notebook in opened:
            notebook.close(shut_down=notebook is active)


def report(figures: Figures, cull_timeout_s: int, lessons: int) -> str:
    def mb(value: int) -> str:
        return f"{value / MB:7.0f} MB"

    lines = [
        f"Memory of a JupyterLab server + kernels, {lessons} lessons, kit settings (MB = 10^6 bytes; "
        "RSS sum is the upper bound the verdicts use, PSS sum beside it)",
        f"  server alone, idle:                 {mb(figures.server_idle)}",
    ]
    names = {
        "A": "A  00->08 in order, each closed",
        "B": "B  all nine left open",
        "culled": "B  once idle kernels culled",
    }
    for key, name in names.items():
        if key not in figures.peak:
            continue
        rss, pss = figures.peak[key]
        target = TARGETS_MB[key]
        verdict = "within target" if rss <= target * MB else "MISSES target"
        lines.append(f"  {name:<34}{mb(rss)}  (PSS {pss / MB:5.0f} MB)  target {target} MB: {verdict}")
    if figures.kernels:
        sizes = sorted(figures.kernels.values())
        lines.append(f"  one kernel after Run All:           {mb(sizes[0])} to {mb(sizes[-1]).strip()}")
        lines += [f"      {name:<30}{mb(size)}" for name, size in figures.kernels.items()]
    kit = labsetup.server_config()["MappingKernelManager"]
    lines.append(
        f"  culling for this run: idle timeout {cull_timeout_s} s, checked every {CULL_INTERVAL_S} s "
        f"(SHORTENED for the benchmark only; the kit's own setting is {kit['cull_idle_timeout']} s, "
        f"checked every {kit['cull_interval']} s)"
    )
    lines += [f"  time: {k} {v:.0f} s" for k, v in figures.seconds.items()]
    lines += [f"  note: {n}" for n in figures.notes]
    lines += [f"  ERROR in a lesson: {e}" for e in figures.errors] or ["  no error output in any lesson"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mlkit.bench_memory", description=__doc__.split("\n")[0])
    parser.add_argument("--lessons", type=Path, default=LESSONS_DIR, help="folder of lesson notebooks")
    parser.add_argument(
        "--cull-timeout", type=int, default=0, help="idle timeout for B (default: from A's time)"
    )
    args = parser.parse_args(argv)
    figures = Figures()
    with tempfile.TemporaryDirectory(prefix="mlkit-bench-memory-") as tmp:
        home = Path(tmp)
        lessons = labserver.copy_lessons(args.lessons, home / "root")
        paths = [f"{lessons.name}/{p.name}" for p in sorted(lessons.glob("*.ipynb"))]
        if not paths:
            print(f"no lessons in {args.lessons}", file=sys.stderr)
            return 2
        env = dict(os.environ) | {"MLKIT_WORK_DIR": str(home / "work")}

        token = secrets.token_hex(16)
        server = labserver.start(home / "root", home / "server-a", env=env, token=token)
        try:
            time.sleep(2)
            figures.server_idle = procmem.total(procmem.tree(server.proc.pid))[0]
            asyncio.run(in_order(server, home / "root", paths, figures))
        finally:
            server.stop()

        cull = args.cull_timeout or int(figures.seconds["A"] * 1.5) + 30
        extra = [
            f"--MappingKernelManager.cull_idle_timeout={cull}",
            f"--MappingKernelManager.cull_interval={CULL_INTERVAL_S}",
        ]
        server = labserver.start(home / "root", home / "server-b", extra_args=extra, env=env, token=token)
        try:
            asyncio.run(all_open_then_culled(server, home / "root", paths, figures, cull))
        finally:
            server.stop()
    print(report(figures, cull, len(paths)))
    return 1 if figures.errors else 0


if __name__ == "__main__":
    sys.exit(main())
