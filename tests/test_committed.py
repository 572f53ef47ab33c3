"""tests/committed.py reads what is committed, so tests about what the repository ships stay green
after a teacher ran and saved the lessons; and it falls back to the working file where there is no commit."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from committed import committed_text

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, timeout=30)


def commit_everything(repo: Path) -> None:
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "kit")


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    repo = tmp_path / "kit"
    (repo / "lessons").mkdir(parents=True)
    (repo / "lessons" / "00.ipynb").write_text("clean\n", encoding="utf-8")
    commit_everything(repo)
    return repo


def test_a_lesson_saved_after_a_run_is_read_as_committed(checkout: Path) -> None:
    lesson = checkout / "lessons" / "00.ipynb"
    lesson.write_text("with outputs\n", encoding="utf-8")
    assert committed_text(lesson, checkout) == "clean\n"


def test_a_file_not_committed_yet_is_read_from_the_working_tree(checkout: Path) -> None:
    new = checkout / "lessons" / "01.ipynb"
    new.write_text("new lesson\n", encoding="utf-8")
    assert committed_text(new, checkout) == "new lesson\n"


def test_outside_a_git_checkout_the_working_file_is_read(tmp_path: Path) -> None:
    lesson = tmp_path / "lessons" / "00.ipynb"
    lesson.parent.mkdir()
    lesson.write_text("unpacked from a zip\n", encoding="utf-8")
    assert committed_text(lesson, tmp_path) == "unpacked from a zip\n"


def test_a_kit_inside_a_bigger_repository_reads_its_own_path(tmp_path: Path) -> None:
    """The kit as a subfolder of a school's repository: the path is taken relative to the kit's root."""
    outer = tmp_path / "school"
    kit = outer / "media-kit"
    (kit / "lessons").mkdir(parents=True)
    (kit / "lessons" / "00.ipynb").write_text("clean\n", encoding="utf-8")
    commit_everything(outer)
    (kit / "lessons" / "00.ipynb").write_text("with outputs\n", encoding="utf-8")
    assert committed_text(kit / "lessons" / "00.ipynb", kit) == "clean\n"
