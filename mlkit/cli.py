"""The `mlkit` command line: analyse one article, or stream a whole corpus as JSON Lines.

Kept apart from the engine so that a bad file or a closed pipe ends in one plain line on stderr and
an exit status, never a traceback: instructors run this on folders of text they did not write.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import mlkit
from mlkit.terminal import STDIN, json_text, printable, shown, terminal_safe

EXIT_OK = 0
EXIT_BROKEN_PIPE = 1  # what Python itself uses on EPIPE (see the signal module docs)
EXIT_OUTPUT_FAILED = 1  # the output could not be written whole (disk full, stdout closed)
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
CHUNK = 1 << 16  # bytes read at a time, so an endless input is stopped at the limit and Ctrl-C is prompt

DESCRIPTION = """\
Analyse news text for hedges, boosters and attributions (who says what).

One input prints one result: --format json prints exactly result.to_dict() (see the analysis contract),
text prints the plain-text report, html a standalone escaped page. Several inputs or a folder (searched
recursively for *.txt, in sorted order) print JSON Lines: one compact object per line, each with a "path"
key added, written as soon as it is ready so a corpus of thousands of files streams in flat memory.

Files are read as strict UTF-8, exactly as given: offsets index the text with nothing normalised, so
CRLF line ends keep their \\r and a UTF-8 byte-order mark is KEPT as the character U+FEFF at offset 0
(the same string Python's open(path, encoding="utf-8") gives you).

--format text shows control characters from the article as visible symbols (ESC as ␛) so that
an article cannot drive your terminal; json writes them, and the bidirectional controls, as \\u
escapes (the same JSON value); html keeps them (escaped).

A missing, binary (NUL bytes), non-UTF-8 or over-long input, or a folder that cannot be listed, gets
one line "mlkit: error: ..." on stderr; in a batch it is skipped and the rest continue. Input is read
in pieces and refused as soon as it passes the length limit, so an endless stream (/dev/zero, a pipe
that never ends) stops promptly. File names in error lines and "==> name <==" headers show control
characters escaped (ESC as \\x1b), so a file name cannot drive your terminal either.

Exit status: 0 all inputs analysed and written; 2 any input or usage error (something was skipped:
stderr names it); 1 the output could not be written whole: the reader closed the pipe early (e.g. piped
into head; quiet, as other Unix tools) or the disk is full or stdout is closed (one line on stderr),
and the last result may be cut short; 130 interrupted (Ctrl-C), at any point including start-up.
"""


class InputError(Exception):
    """An input the kit cannot read as text; the message is the whole user-facing explanation."""


class OutputError(Exception):
    """The output could not be written whole; the message says why, in one line."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (separate so tests and --help show the same options)."""
    parser = argparse.ArgumentParser(
        prog="mlkit", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"mlkit {mlkit.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    analyze = sub.add_parser(
        "analyze",
        help="analyse files, folders or standard input",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="a .txt file, a folder, or - for stdin")
    analyze.add_argument(
        "--format",
        choices=("json", "html", "text"),
        default="json",
        help="output format (default json; html takes exactly one input)",
    )
    analyze.add_argument(
        "--n-process", type=_positive_int, default=1, help="worker processes for a corpus (default 1)"
    )
    analyze.add_argument(
        "--batch-size", type=_positive_int, default=64, help="texts per nlp.pipe batch (default 64)"
    )
    return parser


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} must be at least 1")
    return number


def decode_text(data: bytes, name: str) -> str:
    """Strict UTF-8 text, or InputError: a NUL byte means binary, invalid bytes mean another encoding."""
    if b"\x00" in data:
        raise InputError(f"{name}: looks binary (contains NUL bytes); give a UTF-8 text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8 text"
        ) from None


def read_input(path: str, stdin: IO[bytes] | None = None) -> str:
    """Read one file (or '-' for stdin) as the exact text to analyse."""
    if path == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        return check_length(decode_text(read_capped(stream, "<stdin>"), "<stdin>"), "<stdin>")
    try:
        with open(path, "rb") as stream:
            data = read_capped(stream, path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return check_length(decode_text(data, path), path)


def read_capped(stream: IO[bytes], name: str) -> bytes:
    """The stream's bytes, read in pieces and refused as soon as they pass what the length limit allows
    (4 bytes a character, UTF-8's most) or hold a NUL byte: /dev/zero is refused after one piece."""
    limit = 4 * mlkit.get_nlp().max_length
    chunks, size = [], 0
    while chunk := stream.read(min(CHUNK, limit + 1 - size)):
        if b"\x00" in chunk:
            raise InputError(f"{name}: looks binary (contains NUL bytes); give a UTF-8 text file")
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise InputError(
                f"{name}: too long (more than {limit:,} bytes; the limit is "
                f"{mlkit.get_nlp().max_length:,} characters)"
            )
    return b"".join(chunks)


def check_length(text: str, name: str) -> str:
    """Refuse a text longer than the pipeline accepts here, before it can stop a whole batch midway."""
    limit = mlkit.get_nlp().max_length
    if len(text) > limit:
        raise InputError(f"{name}: too long ({len(text):,} characters; the limit is {limit:,})")
    return text


def expand(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Each argument as files to read: a folder becomes its *.txt files (recursive, sorted).

    Problems are yielded in place, not raised, so a batch reports them in order and carries on; a
    folder that cannot be listed is named (Path.rglob would skip it without a word).
    """
    for path in paths:
        if path != STDIN and Path(path).is_dir():
            found, skipped = _txt_files(path)
            yield from skipped
            if not found and not skipped:
                yield InputError(f"{path}: folder has no .txt files")
            yield from (str(p) for p in found)
        else:
            yield path


def _txt_files(folder: str) -> tuple[list[Path], list[InputError]]:
    """The *.txt files under ``folder`` in Path order, and an error for each folder that could not be
    listed (symbolic links to folders are not followed, as with rglob)."""
    skipped: list[InputError] = []

    def unlistable(exc: OSError) -> None:
        name = exc.filename if exc.filename is not None else folder
        skipped.append(InputError(f"{name}: cannot open this folder ({exc.strerror or exc}); skipped"))

    found = [
        Path(root, name)
        for root, _dirs, files in os.walk(folder, onerror=unlistable)
        for name in files
        if name.endswith(".txt") and Path(root, name).is_file()
    ]
    return sorted(found), sorted(skipped, key=lambda e: str(e))


def is_batch(paths: list[str]) -> bool:
    """Several inputs or any folder stream JSON Lines; exactly one file prints one result."""
    return len(paths) > 1 or any(p != STDIN and Path(p).is_dir() for p in paths)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status instead of raising SystemExit.

    Everything slow (spaCy loads on the first analysis, see mlkit/__init__.py) happens inside these
    handlers, so Ctrl-C at any point, start-up included, ends in one line and status 130."""
    try:
        return _main(argv)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OutputError as exc:
        _silence_stdout()
        _error(str(exc))
        return EXIT_OUTPUT_FAILED
    except KeyboardInterrupt:
        _error("interrupted")
        return EXIT_INTERRUPTED


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors: argparse has already printed
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    if args.command != "analyze":
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    if not is_batch(args.paths):
        return _run_one(args.paths[0], args.format)
    if args.format == "html":
        _error("--format html takes exactly one input; use json (JSON Lines) or text for several")
        return EXIT_BAD_INPUT
    return _run_batch(args.paths, args.format, args.batch_size, args.n_process)


def _run_one(path: str, fmt: str) -> int:
    try:
        text = read_input(path)
    except InputError as exc:
        _error(str(exc))
        return EXIT_BAD_INPUT
    result = mlkit.analyze(text)
    if fmt == "json":
        out = json_text(result.to_dict(), indent=2) + "\n"
    elif fmt == "html":
        out = result.to_html(
            title="mlkit analysis" if path == STDIN else f"mlkit analysis: {Path(path).name}"
        )
    else:
        out = terminal_safe(result.to_text())
    _write(out if out.endswith("\n") else out + "\n")
    return EXIT_OK


def _run_batch(paths: list[str], fmt: str, batch_size: int, n_process: int) -> int:
    """Stream results in input order; bad inputs are reported on stderr and skipped."""
    names: deque[str] = deque()
    failed = False

    def texts() -> Iterator[str]:
        # A generator, so files are read only as nlp.pipe asks for them: memory stays flat.
        nonlocal failed
        for item in expand(paths):
            try:
                if isinstance(item, InputError):
                    raise item
                text = read_input(item)
            except InputError as exc:
                failed = True
                _error(str(exc))
                continue
            names.append(item)
            yield text

    written = 0
    try:
        for result in mlkit.analyze_many(texts(), batch_size=batch_size, n_process=n_process):
            path = names.popleft()  # analyze_many keeps input order: the oldest name is this one's
            if fmt == "json":
                _write(_json_line(result.to_dict(), printable(path)))
            else:
                report = terminal_safe(result.to_text())
                _write(f"==> {shown(path)} <==\n{report}" + ("" if report.endswith("\n") else "\n"))
            written += 1
    except OutputError as exc:
        done = f"{written} complete result{'s' if written != 1 else ''}"
        raise OutputError(f"{exc}; {done} came out before it, the next may be cut short") from None
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _json_line(record: dict[str, Any], path: str) -> str:
    return json_text({"path": path, **record}, separators=(",", ":")) + "\n"


def _write(text: str) -> None:
    """Write UTF-8 whatever the locale says (JSON with ensure_ascii=False must be UTF-8), all of it, then
    flush; OutputError if it cannot (a full disk, a closed stdout). BrokenPipeError passes through.

    A buffered write may take only part of a large text (the reader went away mid-write) and say so in
    its return value only: the loop writes the rest, so the failure is raised, never a silent cut."""
    stream = sys.stdout
    if stream is None:
        raise OutputError("cannot write the output (standard output is closed)")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            stream.write(text)
            stream.flush()
            return
        stream.flush()
        rest = memoryview(text.encode("utf-8"))
        while rest:
            done = buffer.write(rest)
            if not done:  # None or 0: the stream takes no more
                raise OutputError("cannot write the output (it takes no more)")
            rest = rest[done:]
        buffer.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:  # ValueError: the stream was closed
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "standard output is closed"
        raise OutputError(f"cannot write the output ({reason})") from None


def _error(message: str) -> None:
    """One line on stderr, file names escaped; a closed or full stderr must not turn it into a traceback."""
    try:
        print(f"mlkit: error: {shown(message)}", file=sys.stderr, flush=True)
    except (OSError, ValueError, AttributeError):
        pass


def _silence_stdout() -> None:
    """After EPIPE, point stdout at devnull so the interpreter's final flush cannot raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # stdout is not a real file (e.g. captured in a test): nothing to silence


if __name__ == "__main__":
    sys.exit(main())
