"""Report how long each test layer took, so CI logs (and the delivery note) carry the figures.

Layers: unit tests of mlkit, widget tests in plain Python, lesson notebooks run headless, the
packaging test, the launch tests (make lab, make lab-teacher, the Binder build) and the browser tests.
A test's layer comes from its file name.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePath

import pytest

LAYER_ORDER = ("unit", "widgets", "notebooks", "packaging", "launch", "browser")
_seconds: dict[str, float] = defaultdict(float)
_tests: dict[str, set[str]] = defaultdict(set)


def layer_of(nodeid: str) -> str:
    """Which layer a test belongs to, from its path (tests/browser/..., test_notebooks.py, ...)."""
    path = PurePath(nodeid.split("::", 1)[0])
    if "browser" in path.parts:
        return "browser"
    name = path.name
    for layer in ("notebooks", "packaging", "launch"):
        if layer in name:
            return layer
    return "widgets" if "widget" in name else "unit"


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    layer = layer_of(report.nodeid)
    _seconds[layer] += report.duration
    _tests[layer].add(report.nodeid)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _tests:
        return
    terminalreporter.section("time per test layer")
    for layer in sorted(_tests, key=LAYER_ORDER.index):
        terminalreporter.write_line(f"{layer:<10} {_seconds[layer]:7.1f} s  {len(_tests[layer]):4d} tests")
