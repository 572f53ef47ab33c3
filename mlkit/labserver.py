"""A throwaway JupyterLab server on 127.0.0.1 with the kit's settings, for the memory benchmark and the
browser tests (so both measure and test what students get).

The server reads the kit's settings from the environment it runs in, exactly as `make lab` and Binder
do (`make install` and postBuild put them there with `python -m mlkit.labsetup`; ``start`` runs the
same install if they are missing). The user's own config, JupyterLab settings and workspaces are
replaced by empty folders, so nothing a developer has set changes what is measured or tested.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mlkit import labsetup

START_TIMEOUT_S = 90


class ServerError(RuntimeError):
    """The server exited or did not answer; the message carries the end of its log."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(
    url: str, proc: subprocess.Popen[bytes], log: Path, timeout_s: float = START_TIMEOUT_S, token: str = ""
) -> None:
    """Poll ``url`` until it answers; ServerError if the process exits first or time runs out."""
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"} if token else {})
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerError(f"the server exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise ServerError(f"no answer from {url} within {timeout_s:.0f} s:\n{log.read_text()[-3000:]}")


def stop_process_group(proc: subprocess.Popen[bytes], grace_s: float = 15) -> None:
    """SIGTERM lets a Jupyter server shut its kernels down; SIGKILL the whole group if it hangs."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=grace_s)
            return
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # kernels left behind by a server that exited
    except ProcessLookupError:
        return
    proc.wait(timeout=5)


@dataclass
class LabServer:
    url: str
    proc: subprocess.Popen[bytes]
    home: Path
    log: Path
    token: str = ""  # empty: a browser needs no login (127.0.0.1 only); a script sends it to pass XSRF

    def stop(self) -> None:
        stop_process_group(self.proc)


def start(
    root: Path,
    home: Path,
    extra_args: Sequence[str] = (),
    env: dict[str, str] | None = None,
    token: str = "",
) -> LabServer:
    """Start JupyterLab serving ``root`` on 127.0.0.1, its state under ``home``. Without ``token`` no
    login is asked (for a browser); scripts calling the REST API give one (it stands in for XSRF)."""
    if labsetup.problems(sys.prefix):
        labsetup.install(sys.prefix)
    for folder in ("config", "settings", "workspaces", "runtime"):
        (home / folder).mkdir(parents=True, exist_ok=True)
    server_env = (env or dict(os.environ)) | {
        "JUPYTER_CONFIG_PATH": "",
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        "--ServerApp.open_browser=False",
        f"--ServerApp.root_dir={root}",
        *extra_args,
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--ServerApp.allow_root=True")  # CI containers run as root
    log = home / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, env=server_env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = LabServer(f"http://127.0.0.1:{port}", proc, home, log, token)
    try:
        wait_until_up(server.url + "/api/status", proc, log, token=token)
    except BaseException:
        server.stop()
        raise
    return server


def copy_lessons(source: Path, root: Path) -> Path:
    """A copy of the lessons folder to serve (never the repository's own files); returns it."""
    target = root / source.name
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("student_work", ".ipynb_*"))
    return target
