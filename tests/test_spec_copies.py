"""The package ships the annotation guide and the result contract; they must not drift from the spec."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlkit import evaluate

DATA = Path(__file__).resolve().parents[1] / "mlkit" / "data"


@pytest.mark.parametrize("name", ["ANNOTATION.md", "analysis-json.md"])
def test_copy_matches_the_shared_spec(name: str) -> None:
    shared = evaluate.shared_dir() / "spec" / name
    if not shared.is_file():
        pytest.skip(f"{shared} is not here: nothing to compare the shipped copy with")
    assert (DATA / name).read_text(encoding="utf-8") == shared.read_text(encoding="utf-8")
