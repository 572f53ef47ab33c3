"""Read a file as committed, not as it is in the working tree.

A teacher who ran the lessons with a plain `jupyter lab` (without the kit's save hook) has outputs in
lessons/*.ipynb; tests about what the repository ships must read `git show HEAD:<path>` instead, and
fall back to the working file only where there is no commit to read (not a git checkout, no git, a
file not committed yet).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def committed_text(path: Path, root: Path = ROOT) -> str:
    """The text of ``path`` at HEAD of the git checkout ``root``, else the working file's text."""
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    try:
        shown = subprocess.run(
            ["git", "-C", str(root), "show", f"HEAD:./{relative}"],
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        shown = None
    if shown is not None and shown.returncode == 0:
        return shown.stdout.decode("utf-8")
    return path.read_text(encoding="utf-8")
