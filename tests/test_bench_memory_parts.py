"""The pieces of the memory benchmark that can be checked without a server: the process-tree sampler
(psutil and the /proc fallback must see the same processes) and the choice of cells to run."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mlkit import kernelrun, procmem

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
HOLD_MB = 60


@pytest.fixture
def child() -> subprocess.Popen[bytes]:
    """A child process holding about HOLD_MB of memory until it is killed."""
    # Bytes that are written, so the pages are really resident (a zeroed block may not be).
    code = f"import time; block = b'x' * ({HOLD_MB} * 10**6); print('ready', flush=True); time.sleep(60)"
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
    yield proc
    proc.kill()
    proc.wait(timeout=10)


@pytest.mark.parametrize("use_psutil", [True, False], ids=["psutil", "/proc"])
def test_tree_finds_a_child_and_its_memory(
    child: subprocess.Popen[bytes], use_psutil: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not use_psutil:
        monkeypatch.setattr(procmem, "psutil", None)
    mems = {m.pid: m for m in procmem.tree(os.getpid())}
    assert os.getpid() in mems and child.pid in mems
    assert mems[child.pid].rss >= HOLD_MB * procmem.MB, "the child's bytearray is not counted"
    rss, pss = procmem.total(list(mems.values()))
    assert rss == sum(m.rss for m in mems.values())
    assert pss is None or 0 < pss <= rss


def test_peak_remembers_a_process_that_has_gone(child: subprocess.Popen[bytes]) -> None:
    with procmem.PeakSampler(os.getpid(), interval_s=0.05) as sampler:
        time.sleep(0.3)
        with_child = sampler.peak()[0]
        child.kill()
        child.wait(timeout=10)
        time.sleep(0.3)
        after = procmem.total(procmem.tree(os.getpid()))[0]
        assert sampler.peak()[0] == with_child > after + (HOLD_MB // 2) * procmem.MB


def test_code_cells_are_the_non_empty_code_sources_in_order() -> None:
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": "# Title"},
            {"cell_type": "code", "source": ["import mlkit\n", "import mlkit.widgets"]},
            {"cell_type": "code", "source": "   \n"},
            {"cell_type": "code", "source": "mlkit.widgets.my_work()"},
        ]
    }
    assert kernelrun.code_cells(notebook) == ["import mlkit\nimport mlkit.widgets", "mlkit.widgets.my_work()"]
