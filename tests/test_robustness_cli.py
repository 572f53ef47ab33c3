"""The command line under hostile conditions (issue 13, "The command line"): a full disk, a reader that
leaves, a closed stdout, endless input, a folder it may not list, Ctrl-C during start-up, and file names
that hold terminal escape sequences. Each runs the real `python -m mlkit` in its own process, because
what is checked (exit status, every byte on stderr, signals, file descriptors) only a process shows.

Some cases need the kernel to refuse something: /dev/full, RLIMIT_FSIZE (a file that "fills the disk"
at a chosen byte), and a folder with mode 000. Root reads a mode-000 folder anyway, so as root the
child drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from its bounding set before exec (prctl), which
makes the kernel check permissions for it as for anyone else.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from mlkit import cli, terminal

REPO = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, PYTHONPATH=str(REPO))
MLKIT = [sys.executable, "-m", "mlkit", "analyze"]
LINUX_ONLY = pytest.mark.skipif(sys.platform != "linux", reason="needs Linux (/dev/full, prctl, rlimits)")
# A file name that would set the window title, clear the screen and reverse the line if printed raw.
HOSTILE_NAME = "\x1b]0;owned\x07\x1b[2J\u202eevil\x9b1m"


def _mlkit(*args: str, preexec: Callable[[], None] | None = None, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([*MLKIT, *args], env=ENV, preexec_fn=preexec, timeout=120, **kwargs)


def _one_line(err: bytes) -> str:
    text = err.decode("utf-8")
    assert "Traceback" not in text
    assert text.count("\n") == 1 and text.endswith("\n"), f"expected one line on stderr, got {text!r}"
    assert text.startswith("mlkit: error: ")
    return text.rstrip("\n")


def _article(folder: Path, name: str, sentences: int = 1) -> Path:
    path = folder / name
    path.write_text("It may rain, officials said. " * sentences, encoding="utf-8")
    return path


# --- the output cannot be written ------------------------------------------------------------------


@LINUX_ONLY
@pytest.mark.parametrize("files", [1, 2], ids=["single", "batch"])
def test_full_disk_is_one_line_and_exit_1(tmp_path: Path, files: int) -> None:
    paths = [str(_article(tmp_path, f"{i}.txt")) for i in range(files)]
    with open("/dev/full", "wb") as full:
        proc = _mlkit(*paths, stdout=full)
    line = _one_line(proc.stderr)
    assert proc.returncode == cli.EXIT_OUTPUT_FAILED == 1
    assert "cannot write the output (No space left on device)" in line
    if files > 1:
        assert "0 complete results came out before it" in line


def _fsize_limit(limit: int) -> Callable[[], None]:
    """A file that fills up at ``limit`` bytes, as a full disk does (Python ignores SIGXFSZ: EFBIG)."""
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@LINUX_ONLY
def test_disk_full_mid_batch_never_passes_a_cut_line_as_success(tmp_path: Path) -> None:
    paths = [str(_article(tmp_path, f"{i}.txt", sentences=40)) for i in range(4)]
    whole = _mlkit(*paths)
    lines = whole.stdout.splitlines(keepends=True)
    assert whole.returncode == 0 and len(lines) == 4
    limit = len(lines[0]) + len(lines[1]) // 2  # the disk fills in the middle of the second line
    out = tmp_path / "out.jsonl"
    with open(out, "wb") as sink:
        proc = _mlkit(*paths, stdout=sink, preexec=_fsize_limit(limit))
    line = _one_line(proc.stderr)
    assert proc.returncode == 1
    assert "(File too large); 1 complete result came out before it, the next may be cut short" in line
    written = out.read_bytes()
    assert written.startswith(lines[0]) and len(written) <= limit
    assert json.loads(written.splitlines()[0])["path"] == paths[0]


@LINUX_ONLY
def test_disk_full_during_a_single_result_is_exit_1(tmp_path: Path) -> None:
    path = _article(tmp_path, "long.txt", sentences=2000)  # its JSON is far larger than the limit
    with open(tmp_path / "out.json", "wb") as sink:
        proc = _mlkit(str(path), stdout=sink, preexec=_fsize_limit(100_000))
    assert proc.returncode == 1 and "(File too large)" in _one_line(proc.stderr)


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_reader_leaving_during_a_large_single_result_is_not_success(tmp_path: Path, fmt: str) -> None:
    """`mlkit analyze long.txt | head -c1`: a buffered write once took part of the text, said so only
    in its return value, and the run ended 0 with the result cut short."""
    path = _article(tmp_path, "long.txt", sentences=5000)  # several MB of output: far over a pipe's 64 KB
    proc = subprocess.Popen([*MLKIT, "--format", fmt, str(path)], env=ENV, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(1)
    proc.stdout.close()  # like head -c1
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == cli.EXIT_BROKEN_PIPE
    assert err == b""  # quiet, as other Unix tools are on a closed pipe


@pytest.mark.parametrize("files", [1, 2], ids=["single", "batch"])
def test_closed_stdout_is_one_line_and_exit_1(tmp_path: Path, files: int) -> None:
    """`mlkit analyze a.txt >&-`: Python then has no sys.stdout at all."""
    paths = [str(_article(tmp_path, f"{i}.txt")) for i in range(files)]
    proc = _mlkit(*paths, stdout=None, preexec=lambda: os.close(1))
    assert proc.returncode == 1
    assert "cannot write the output (standard output is closed)" in _one_line(proc.stderr)


@LINUX_ONLY
def test_full_stderr_is_no_traceback(tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        proc = _mlkit(str(tmp_path / "missing.txt"), stderr=full)
    assert proc.returncode == 2 and proc.stdout == b""


# --- endless input ---------------------------------------------------------------------------------


def _memory_cap() -> None:
    """1.5 GB of address space (the kit needs about 0.3): reading an endless stream whole fails fast."""
    resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))


@LINUX_ONLY
@pytest.mark.parametrize("how", ["path", "stdin"])
def test_dev_zero_is_refused_after_one_piece(how: str) -> None:
    if how == "path":
        proc = _mlkit("/dev/zero", preexec=_memory_cap)
    else:
        with open("/dev/zero", "rb") as zero:
            proc = _mlkit("-", stdin=zero, preexec=_memory_cap)
    assert proc.returncode == 2 and proc.stdout == b""
    assert "looks binary (contains NUL bytes)" in _one_line(proc.stderr)


def test_endless_text_stream_is_refused_at_the_limit() -> None:
    """`yes "It may rain." | mlkit analyze -`: valid text that never ends is cut at the limit.

    The test feeds the stream itself and stops at three times the limit, so a regression fails here
    rather than filling the machine's memory."""
    import mlkit

    limit = 4 * mlkit.get_nlp().max_length  # bytes: UTF-8 takes at most 4 a character
    proc = subprocess.Popen([*MLKIT, "-"], env=ENV, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)  # fmt: skip
    assert proc.stdin is not None
    piece, fed = b"It may rain. " * 5000, 0
    try:
        while fed < 3 * limit:
            proc.stdin.write(piece)
            fed += len(piece)
        proc.stdin.close()
    except BrokenPipeError:
        pass  # the reader stopped reading: what should happen, near the limit
    out, err = proc.communicate(timeout=120)
    assert fed < 3 * limit, "the command line kept reading far past its limit"
    assert proc.returncode == 2 and out == b""
    assert f"too long (more than {limit:,} bytes" in _one_line(err)


def test_reading_stops_at_the_limit_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same in-process, with a stream that counts what was asked of it."""
    import io

    import mlkit

    monkeypatch.setattr(mlkit.get_nlp(), "max_length", 1000)

    class Endless(io.RawIOBase):
        given = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:
            if self.given > 100_000:
                raise AssertionError("read far past the limit")
            buffer[:] = b"a" * len(buffer)
            self.given += len(buffer)
            return len(buffer)

    stream = Endless()
    with pytest.raises(cli.InputError, match=r"<stdin>: too long \(more than 4,000 bytes"):
        cli.read_input("-", stdin=io.BufferedReader(stream))
    assert stream.given <= 4000 + cli.CHUNK


# --- a folder it may not list ----------------------------------------------------------------------


def _as_an_ordinary_user() -> Callable[[], None] | None:
    """What makes mode 000 bind this child: nothing for a normal user; for root, drop the two
    capabilities that bypass file permissions before exec."""
    if os.geteuid() != 0:
        return None
    libc = ctypes.CDLL(None, use_errno=True)

    def drop() -> None:
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH (linux/capability.h)
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                os._exit(99)

    return drop


@LINUX_ONLY
def test_unreadable_subfolder_is_named_and_exit_is_2(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "locked").mkdir(parents=True)
    (corpus / "open").mkdir()
    good = _article(corpus / "open", "a.txt")
    _article(corpus / "locked", "b.txt")
    (corpus / "locked").chmod(0)
    try:
        proc = _mlkit(str(corpus), preexec=_as_an_ordinary_user())
    finally:
        (corpus / "locked").chmod(0o755)
    if proc.returncode == 99:
        pytest.skip("cannot drop CAP_DAC_OVERRIDE here (no CAP_SETPCAP), so root would read mode 000")
    assert proc.returncode == cli.EXIT_BAD_INPUT == 2
    assert [json.loads(line)["path"] for line in proc.stdout.splitlines()] == [str(good)]
    line = _one_line(proc.stderr)
    assert line == f"mlkit: error: {corpus / 'locked'}: cannot open this folder (Permission denied); skipped"


@LINUX_ONLY
def test_unreadable_top_folder_says_so(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    _article(locked, "a.txt")
    locked.chmod(0)
    try:
        proc = _mlkit(str(locked), preexec=_as_an_ordinary_user())
    finally:
        locked.chmod(0o755)
    if proc.returncode == 99:
        pytest.skip("cannot drop CAP_DAC_OVERRIDE here (no CAP_SETPCAP), so root would read mode 000")
    assert proc.returncode == 2 and proc.stdout == b""
    assert "locked: cannot open this folder (Permission denied); skipped" in _one_line(proc.stderr)


# --- Ctrl-C ----------------------------------------------------------------------------------------

# Ctrl-C arrives exactly while spaCy is being imported (the slow part of start-up): an import hook
# sends the process SIGINT when "spacy" is first looked for, then start-up goes on as usual.
_INTERRUPT_AT_SPACY = """
import os, signal, sys
class Hook:
    def find_spec(self, name, path=None, target=None):
        if name == "spacy":
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Hook())
"""


@pytest.mark.parametrize(
    "entry",
    [
        "sys.argv[0:1] = ['mlkit', 'analyze']; import runpy; runpy.run_module('mlkit', run_name='__main__')",
        "sys.argv[0:1] = ['mlkit', 'analyze']; from mlkit.cli import main; sys.exit(main())",
    ],
    ids=["python_-m_mlkit", "console_script"],
)
def test_ctrl_c_during_start_up_is_one_line_and_130(tmp_path: Path, entry: str) -> None:
    path = _article(tmp_path, "a.txt")
    proc = subprocess.run([sys.executable, "-c", _INTERRUPT_AT_SPACY + entry, str(path)], env=ENV,
                          capture_output=True, timeout=120)  # fmt: skip
    assert proc.stderr.decode() == "mlkit: error: interrupted\n"
    assert proc.returncode == cli.EXIT_INTERRUPTED == 130 and proc.stdout == b""


@pytest.mark.parametrize("delay", [0.3, 4.0], ids=["while_starting", "while_reading_stdin"])
def test_real_ctrl_c_is_never_a_traceback(delay: float) -> None:
    """A real SIGINT at two moments; stdin stays open, so the run cannot finish before it arrives."""
    proc = subprocess.Popen([*MLKIT, "-"], env=ENV, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)  # fmt: skip
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    # Before Python installs its handler (the first few milliseconds) SIGINT ends the process at once,
    # as it does any program; after that, the command line answers with one line and 130.
    assert proc.returncode in (130, -signal.SIGINT), (proc.returncode, err)
    if proc.returncode == 130:
        assert err.decode() == "mlkit: error: interrupted\n"
    assert b"Traceback" not in err and out == b""


# --- file names that hold escape sequences ---------------------------------------------------------


def _no_raw_controls(data: bytes) -> None:
    text = data.decode("utf-8")
    raw = sorted({c for c in text if c < " " and c not in "\n\t" or "\x7f" <= c <= "\x9f" or c == "\u202e"})
    assert not raw, f"raw control characters reached the terminal: {raw!r}"


def test_file_names_are_escaped_in_headers(tmp_path: Path) -> None:
    _article(tmp_path, HOSTILE_NAME + ".txt")
    _article(tmp_path, "plain.txt")
    proc = _mlkit("--format", "text", str(tmp_path))
    assert proc.returncode == 0
    _no_raw_controls(proc.stdout)
    header = f"==> {tmp_path}/\\x1b]0;owned\\x07\\x1b[2J\\u202eevil\\x9b1m.txt <==\n".encode()
    assert header in proc.stdout


def test_file_names_are_escaped_in_error_lines(tmp_path: Path) -> None:
    (tmp_path / (HOSTILE_NAME + ".txt")).write_bytes(b"a\x00b")  # binary: refused, named on stderr
    missing = tmp_path / ("gone\x1b[5m" + ".txt")
    proc = _mlkit(str(tmp_path), str(missing))
    assert proc.returncode == 2
    _no_raw_controls(proc.stderr)
    errors = proc.stderr.decode().splitlines()
    assert errors == [
        f"mlkit: error: {tmp_path}/\\x1b]0;owned\\x07\\x1b[2J\\u202eevil\\x9b1m.txt: looks binary (contains "
        "NUL bytes); give a UTF-8 text file",
        f"mlkit: error: {tmp_path}/gone\\x1b[5m.txt: no such file",
    ]


def test_json_output_escapes_what_a_terminal_would_obey(tmp_path: Path) -> None:
    """JSON Lines keep the true name and text (the same JSON value) with no raw control character."""
    path = _article(tmp_path, HOSTILE_NAME + ".txt")
    path.write_text("It may \x9b2J rain\u202e, officials said.", encoding="utf-8")
    proc = _mlkit(str(path), str(path))
    assert proc.returncode == 0
    _no_raw_controls(proc.stdout)
    first = json.loads(proc.stdout.splitlines()[0])
    assert first["path"] == str(path)
    assert [h["text"] for h in first["hedges"]] == ["may"]


def test_shown_escapes_one_for_one() -> None:
    # By hand: ESC is \x1b, BEL \x07, the RTL override \u202e, a non-UTF-8 byte 0xe9 (as os.fsdecode
    # keeps it) \xe9; letters, spaces and "é" stay.
    assert terminal.shown("a\x1b[1m b\x07\u202e\udce9 é") == "a\\x1b[1m b\\x07\\u202e\\xe9 é"
