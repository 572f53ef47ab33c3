"""Print the links that publish the kit, so nobody edits URLs by hand:
`python -m mlkit.binderlinks --repo owner/name [--hub URL] [--branch main]` (or `make binder-links`).

Prints the Binder badge for the README, one Binder link per lesson (each opens that lesson), one app
link per lesson (the same lesson in Voilà: text and widgets, no code cells, from the same Binder), the
instructor's guide on Binder, and the nbgitpuller link a school JupyterHub needs. Standard library only:
it runs with any Python 3.10+, before anything is installed.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

BINDER = "https://mybinder.org/v2/gh"
BADGE_IMAGE = "https://mybinder.org/badge_logo.svg"
FIRST_LESSON = "00_start_here.ipynb"
GUIDE = "instructor/INSTRUCTOR_GUIDE.md"
# GitHub's rules: an owner is 1-39 letters, digits or single inner hyphens; a repository name is
# letters, digits, '.', '-' and '_' (and not '.' or '..'). A branch: no spaces, no '..'.
REPO = re.compile(r"(?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){1,39}/(?!\.\.?$)[A-Za-z0-9._-]{1,100}")
BRANCH = re.compile(r"(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._/-]{0,199}")
GITHUB = re.compile(r"^(?:https?://)?(?:www\.)?github\.com/")
PLACEHOLDERS = {"owner/repo", "owner/name", "your-name/your-repo"}


class LinkError(ValueError):
    """A repository, hub or branch that cannot make a working link; the message says how to fix it."""


def parse_repo(text: str) -> str:
    """``owner/name`` from ``owner/name`` or a github.com address; LinkError for anything else."""
    repo = GITHUB.sub("", text.strip()).rstrip("/").removesuffix(".git")
    if not REPO.fullmatch(repo) or repo.startswith("-"):
        raise LinkError(
            f"REPO={text!r} is not a GitHub repository: give it as owner/name, "
            "for example REPO=my-school/media-kit (or paste https://github.com/my-school/media-kit)"
        )
    if repo.lower() in PLACEHOLDERS:
        raise LinkError(f"REPO={repo} is the placeholder: use your repository's real owner and name")
    return repo


def parse_hub(text: str) -> str:
    """A JupyterHub's address without a trailing slash; LinkError unless it is an http(s) URL."""
    parts = urlsplit(text.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query or parts.fragment:
        raise LinkError(f"HUB={text!r} is not a hub address: give it as https://hub.example.org")
    return text.strip().rstrip("/")


def parse_branch(text: str) -> str:
    if not BRANCH.fullmatch(text.strip()):
        raise LinkError(f"BRANCH={text!r} is not a branch name (for example main)")
    return text.strip()


def binder_link(repo: str, branch: str, path: str) -> str:
    """A mybinder.org link that builds ``repo`` at ``branch`` and opens ``path`` in JupyterLab."""
    return f"{BINDER}/{repo}/{quote(branch, safe='')}?urlpath=lab/tree/{quote(path)}"


def app_link(repo: str, branch: str, path: str) -> str:
    """The same Binder, opening the notebook ``path`` as a Voilà app (no code cells) instead of JupyterLab."""
    return f"{BINDER}/{repo}/{quote(branch, safe='')}?urlpath=voila/render/{quote(path)}"


def badge(repo: str, branch: str) -> str:
    """The README badge: Binder's logo, linking to lesson 00."""
    link = binder_link(repo, branch, f"lessons/{FIRST_LESSON}")
    return f"[![Launch the lessons on Binder]({BADGE_IMAGE})]({link})"


def nbgitpuller_link(hub: str, repo: str, branch: str) -> str:
    """A hub link that copies the repository into the user's home (folder ``name``) and opens lesson 00."""
    name = repo.split("/")[1]
    query = {
        "repo": f"https://github.com/{repo}",
        "branch": branch,
        "urlpath": f"lab/tree/{name}/lessons/{FIRST_LESSON}",
    }
    return f"{hub}/hub/user-redirect/git-pull?{urlencode(query, quote_via=quote, safe='')}"


def report(repo: str, branch: str, hub: str | None, root: Path) -> str:
    lessons = sorted(p.name for p in (root / "lessons").glob("*.ipynb"))
    if not lessons:
        raise LinkError(f"no lessons in {root / 'lessons'}: run this in the kit's folder")
    lines = [
        "Binder badge (paste at the top of README.md, replacing the one there):",
        "",
        badge(repo, branch),
        "",
        "One Binder link per lesson:",
        "",
        *(f"- {Path(name).stem}: {binder_link(repo, branch, f'lessons/{name}')}" for name in lessons),
        "",
        "The same lessons as apps (Voilà: no code cells, nothing to run; for younger classes):",
        "",
        *(f"- {Path(name).stem}: {app_link(repo, branch, f'lessons/{name}')}" for name in lessons),
    ]
    if (root / GUIDE).exists():
        lines += ["", f"The instructor's guide on Binder: {binder_link(repo, branch, GUIDE)}"]
    lines += ["", "nbgitpuller link for a school JupyterHub (copies the lessons in, opens lesson 00):", ""]
    if hub:
        lines.append(nbgitpuller_link(hub, repo, branch))
    else:
        lines.append(nbgitpuller_link("https://YOUR-HUB", repo, branch))
        lines.append("(give your hub's address as HUB=https://hub.example.org to fill in YOUR-HUB)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mlkit.binderlinks", description=__doc__.split("\n")[0])
    parser.add_argument("--repo", required=True, help="GitHub repository as owner/name")
    parser.add_argument("--branch", default="main", help="branch to launch (default: main)")
    parser.add_argument("--hub", default="", help="your JupyterHub's address, for the nbgitpuller link")
    parser.add_argument("--root", default=".", type=Path, help="the kit's folder (default: here)")
    args = parser.parse_args(argv)
    try:
        repo, branch = parse_repo(args.repo), parse_branch(args.branch)
        hub = parse_hub(args.hub) if args.hub.strip() else None
        print(report(repo, branch, hub, args.root))
    except LinkError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
