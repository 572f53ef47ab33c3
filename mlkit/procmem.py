"""Memory of a process and everything it started (a Jupyter server and its kernels), sampled in the
background so a benchmark can report the peak.

RSS counts a shared page once per process, so the sum of RSS is an upper bound of what the processes
use together; PSS (Linux: shared pages split between the processes sharing them) is closer to what a
container's memory limit sees. Both are read with psutil (installed with ipykernel) or, without it,
from /proc.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

try:
    import psutil
except ImportError:  # pragma: no cover - ipykernel depends on psutil; /proc is the fallback
    psutil = None

MB = 1_000_000


@dataclass(frozen=True)
class ProcMem:
    pid: int
    cmdline: str
    rss: int
    pss: int | None


def _proc_children(pid: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return children


def _proc_read(pid: int) -> ProcMem | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ").strip()
        rss = int(status.split("VmRSS:")[1].split()[0]) * 1024
    except (OSError, IndexError, ValueError):
        return None
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        pss = int(rollup.split("\nPss:")[1].split()[0]) * 1024
    except (OSError, IndexError, ValueError):
        pss = None
    return ProcMem(pid, cmdline, rss, pss)


def tree(pid: int, with_pss: bool = True) -> list[ProcMem]:
    """``pid`` and all its descendants, with their memory (processes that vanish meanwhile are skipped)."""
    if psutil is None:
        pids, i = [pid], 0
        while i < len(pids):
            pids += _proc_children(pids[i])
            i += 1
        return [m for m in map(_proc_read, pids) if m is not None]
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []
    found = []
    for proc in procs:
        try:
            with proc.oneshot():
                rss, cmdline = proc.memory_info().rss, " ".join(proc.cmdline())
                pss = getattr(proc.memory_full_info(), "pss", None) if with_pss else None
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        found.append(ProcMem(proc.pid, cmdline, rss, pss))
    return found


def total(mems: list[ProcMem]) -> tuple[int, int | None]:
    """(sum of RSS, sum of PSS or None when PSS is unavailable)."""
    pss = [m.pss for m in mems]
    return sum(m.rss for m in mems), (None if None in pss else sum(p for p in pss if p is not None))


class PeakSampler:
    """Samples a process tree every ``interval_s`` in a thread; ``peak()`` since the last ``reset()``."""

    def __init__(self, pid: int, interval_s: float = 0.25) -> None:
        self.pid, self.interval_s = pid, interval_s
        self._lock = threading.Lock()
        self._peak_rss, self._peak_pss = 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            time.sleep(self.interval_s)

    def sample(self) -> tuple[int, int | None]:
        rss, pss = total(tree(self.pid))
        with self._lock:
            self._peak_rss = max(self._peak_rss, rss)
            self._peak_pss = max(self._peak_pss, pss or 0)
        return rss, pss

    def reset(self) -> None:
        with self._lock:
            self._peak_rss, self._peak_pss = 0, 0

    def peak(self) -> tuple[int, int]:
        self.sample()
        with self._lock:
            return self._peak_rss, self._peak_pss
