"""`make binder-links REPO=owner/name` prints working publishing links and refuses a bad address.

Expected links are written out by hand from mybinder.org's documented form
(https://mybinder.org/v2/gh/<owner>/<repo>/<ref>?urlpath=lab/tree/<path>) and nbgitpuller's
(<hub>/hub/user-redirect/git-pull?repo=...&branch=...&urlpath=...).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from mlkit import binderlinks

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted(p.name for p in (ROOT / "lessons").glob("*.ipynb"))


@pytest.mark.parametrize(
    "given",
    [
        "my-school/media-kit",
        " my-school/media-kit ",
        "https://github.com/my-school/media-kit",
        "https://github.com/my-school/media-kit.git",
        "github.com/my-school/media-kit/",
    ],
)
def test_repository_forms_a_teacher_may_paste(given: str) -> None:
    assert binderlinks.parse_repo(given) == "my-school/media-kit"


@pytest.mark.parametrize(
    "given",
    [
        "",
        "media-kit",
        "my school/media-kit",
        "-school/kit",
        "school-/kit",
        "a/b/c",
        "a/..",
        "OWNER/REPO",
        "https://gitlab.com/a/b",
        "a/b?x=1",
        "a" * 40 + "/kit",
    ],
)
def test_bad_repositories_are_refused_with_a_message(given: str) -> None:
    with pytest.raises(binderlinks.LinkError, match="REPO="):
        binderlinks.parse_repo(given)


@pytest.mark.parametrize(
    "given", ["hub.example.org", "ftp://hub.example.org", "https://", "https://h.org/?a=1"]
)
def test_bad_hubs_are_refused(given: str) -> None:
    with pytest.raises(binderlinks.LinkError, match="HUB="):
        binderlinks.parse_hub(given)


@pytest.mark.parametrize("given", ["", "a b", "../main", "-x", "a..b"])
def test_bad_branches_are_refused(given: str) -> None:
    with pytest.raises(binderlinks.LinkError, match="BRANCH="):
        binderlinks.parse_branch(given)


def test_badge_is_binders_logo_linking_to_lesson_00() -> None:
    assert binderlinks.badge("my-school/media-kit", "main") == (
        "[![Launch the lessons on Binder](https://mybinder.org/badge_logo.svg)]"
        "(https://mybinder.org/v2/gh/my-school/media-kit/main?urlpath=lab/tree/lessons/00_start_here.ipynb)"
    )


def test_nbgitpuller_link_copies_the_repository_and_opens_lesson_00() -> None:
    link = binderlinks.nbgitpuller_link("https://hub.example.org", "my-school/media-kit", "main")
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "hub.example.org",
        "/hub/user-redirect/git-pull",
    )
    assert parse_qs(parts.query) == {
        "repo": ["https://github.com/my-school/media-kit"],
        "branch": ["main"],
        "urlpath": ["lab/tree/media-kit/lessons/00_start_here.ipynb"],
    }


def test_report_has_one_link_per_lesson_each_to_an_existing_notebook() -> None:
    """Each lesson twice: in JupyterLab, then as a Voilà app (urlpath voila/render/<path>, Voilà's
    documented form for rendering one notebook) from the same Binder."""
    text = binderlinks.report("my-school/media-kit", "main", None, ROOT)
    links = [line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("- ")]
    assert len(links) == 2 * len(LESSONS) > 0
    lab, app = links[: len(LESSONS)], links[len(LESSONS) :]
    for link, name in zip(lab, LESSONS, strict=True):
        assert link == f"https://mybinder.org/v2/gh/my-school/media-kit/main?urlpath=lab/tree/lessons/{name}"
    for link, name in zip(app, LESSONS, strict=True):
        assert (
            link == f"https://mybinder.org/v2/gh/my-school/media-kit/main?urlpath=voila/render/lessons/{name}"
        )
    assert "YOUR-HUB" in text, "without HUB the nbgitpuller link should say what to fill in"


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_target_prints_links_and_rejects_a_missing_repo() -> None:
    make = ["make", "--no-print-directory", "-s", f"PYTHON={sys.executable}", "binder-links"]
    done = subprocess.run(
        [*make, "REPO=my-school/media-kit", "HUB=https://hub.example.org"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert binderlinks.badge("my-school/media-kit", "main") in done.stdout
    assert (
        binderlinks.nbgitpuller_link("https://hub.example.org", "my-school/media-kit", "main") in done.stdout
    )
    refused = subprocess.run(make, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0 and "owner/name" in refused.stderr
