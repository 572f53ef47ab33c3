"""The `mlkit` command line: exact JSON, JSON Lines for corpora, one-line errors and exit status 2."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import mlkit
from mlkit import cli

REPO = Path(__file__).resolve().parent.parent
SEED = mlkit.seed_article()


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The real `python -m mlkit`, for what only a separate process shows (tracebacks, pipes)."""
    env = dict(os.environ, PYTHONPATH=str(REPO), **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "mlkit", *args], capture_output=True, env=env, timeout=120)


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {err!r}"
    assert lines[0].startswith("mlkit: error: ")
    return lines[0]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of articles with a nested subfolder and a file that is not .txt (to be ignored)."""
    (tmp_path / "b_outlet").mkdir()
    (tmp_path / "a_outlet" / "deep").mkdir(parents=True)
    (tmp_path / "b_outlet" / "one.txt").write_text("It reportedly rained, officials said.", encoding="utf-8")
    (tmp_path / "a_outlet" / "two.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "a_outlet" / "deep" / "three.txt").write_text("Perhaps.\r\nHe said so.", encoding="utf-8")
    (tmp_path / "a_outlet" / "notes.md").write_text("not an article", encoding="utf-8")
    return tmp_path


def test_one_file_prints_exactly_to_dict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "article.txt"
    path.write_text(SEED, encoding="utf-8")
    code, out, err = run(["analyze", str(path)], capsys)
    assert code == 0 and err == ""
    assert json.loads(out) == mlkit.analyze(SEED).to_dict()


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(SEED.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(["analyze", "-", "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out) == mlkit.analyze(SEED).to_dict()


def test_crlf_file_keeps_carriage_returns_in_offsets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"It may rain.\r\nIt reportedly rained.\r\n")
    code, out, _ = run(["analyze", str(path)], capsys)
    # By hand: "It may rain.\r\n" is 14 characters, "It " 3 more, so "reportedly" is 17..27.
    spans = [(h["start"], h["end"], h["text"]) for h in json.loads(out)["hedges"]]
    assert code == 0 and (17, 27, "reportedly") in spans


def test_utf8_bom_is_kept_as_a_character(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffIt reportedly rained.".encode())
    code, out, _ = run(["analyze", str(path)], capsys)
    # The BOM is character 0 (as open(path, encoding="utf-8") reads it), so "reportedly" is 4..14.
    spans = [(h["start"], h["end"], h["text"]) for h in json.loads(out)["hedges"]]
    assert code == 0 and (4, 14, "reportedly") in spans


def test_folder_streams_json_lines_sorted_with_paths(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["analyze", str(corpus)], capsys)
    assert code == 0 and err == ""
    lines = out.splitlines()
    expected = [
        corpus / "a_outlet" / "deep" / "three.txt",
        corpus / "a_outlet" / "two.txt",
        corpus / "b_outlet" / "one.txt",
    ]
    assert len(lines) == 3
    for line, path in zip(lines, expected, strict=True):
        record = json.loads(line)  # each line is one whole, compact JSON object
        assert record.pop("path") == str(path)
        text = path.read_bytes().decode("utf-8")
        assert record == mlkit.analyze(text).to_dict()


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that allows non-UTF-8 names")
def test_file_name_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 file name, as copied from an old machine
    (tmp_path / name).write_text("It may rain.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("It may rain.", encoding="utf-8")
    code, out, _ = run(["analyze", str(tmp_path)], capsys)
    paths = [json.loads(line)["path"] for line in out.splitlines()]
    assert code == 0 and paths == [str(tmp_path / "b.txt"), str(tmp_path) + "/caf\\xe9.txt"]


def test_several_files_keep_command_line_order(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one, two = corpus / "b_outlet" / "one.txt", corpus / "a_outlet" / "two.txt"
    code, out, _ = run(["analyze", str(one), str(two)], capsys)
    assert code == 0
    assert [json.loads(line)["path"] for line in out.splitlines()] == [str(one), str(two)]


def test_bad_file_in_a_batch_is_skipped_and_exit_is_2(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = corpus / "a_outlet" / "latin1.txt"
    bad.write_bytes("caf\u00e9 said".encode("latin-1"))
    code, out, err = run(["analyze", str(corpus), str(corpus / "missing.txt")], capsys)
    assert code == 2
    assert len(out.splitlines()) == 3  # the three good files still come out
    errors = err.splitlines()
    assert len(errors) == 2 and all(e.startswith("mlkit: error: ") for e in errors)
    assert str(bad) in errors[0] and "UTF-8" in errors[0]
    assert "missing.txt" in errors[1]


@pytest.mark.parametrize(
    ("content", "needle"),
    [(b"It may\x00rain", "binary"), (b"caf\xe9 said", "UTF-8"), (b"\xff\xfeI\x00t\x00", "binary")],
    ids=["nul_bytes", "latin1", "utf16"],
)
def test_unreadable_file_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, needle: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, out, err = run(["analyze", str(path)], capsys)
    line = one_error_line(err)
    assert code == 2 and out == ""
    assert str(path) in line and needle in line


def test_missing_file_and_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["analyze", str(tmp_path / "nope.txt")], capsys)
    assert code == 2 and out == "" and "nope.txt" in one_error_line(err)
    code, out, err = run(["analyze", str(tmp_path)], capsys)
    assert code == 2 and out == "" and "no .txt" in one_error_line(err)


def test_text_over_the_pipeline_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """spaCy refuses texts over nlp.max_length; in a batch that must skip one file, not end the run."""
    monkeypatch.setattr(mlkit.get_nlp(), "max_length", 20)
    (tmp_path / "long.txt").write_text("It may rain all day long.", encoding="utf-8")  # 25 characters
    (tmp_path / "short.txt").write_text("It may rain.", encoding="utf-8")
    code, out, err = run(["analyze", str(tmp_path)], capsys)
    assert code == 2 and "long.txt" in one_error_line(err) and "too long" in err
    assert [json.loads(line)["path"] for line in out.splitlines()] == [str(tmp_path / "short.txt")]


def test_non_utf8_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xe9t\xe9")))
    code, out, err = run(["analyze", "-"], capsys)
    assert code == 2 and out == "" and "<stdin>" in one_error_line(err)


def test_empty_file_is_a_valid_empty_result(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    code, out, _ = run(["analyze", str(path)], capsys)
    d = json.loads(out)
    assert code == 0 and d["hedges"] == d["attributions"] == d["sentences"] == []


def test_text_and_html_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SEED, encoding="utf-8")
    result = mlkit.analyze(SEED)
    _, out, _ = run(["analyze", str(path), "--format", "text"], capsys)
    assert out.rstrip("\n") == result.to_text().rstrip("\n")
    _, out, _ = run(["analyze", str(path), "--format", "html"], capsys)
    assert out.rstrip("\n") == result.to_html(title="mlkit analysis: a.txt").rstrip("\n")


def test_text_format_cannot_drive_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "esc.txt"
    path.write_text("\x1b]0;pwned\x07\x1b[2J It may rain.\x9b31m\r\n", encoding="utf-8")
    code, out, _ = run(["analyze", str(path), "--format", "text"], capsys)
    assert code == 0
    assert not any(ord(c) < 0x20 and c not in "\t\n\r" or 0x7F <= ord(c) < 0xA0 for c in out)
    assert "\u241b]0;pwned\u2407\u241b[2J" in out  # shown as ␛ and ␇, not dropped


def test_html_needs_exactly_one_input(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["analyze", str(corpus), "--format", "html"], capsys)
    assert code == 2 and out == "" and "html" in one_error_line(err)


def test_text_format_for_several_files_names_each(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["analyze", str(corpus), "--format", "text"], capsys)
    headers = [line for line in out.splitlines() if line.startswith("==> ")]
    assert code == 0 and len(headers) == 3 and str(corpus / "b_outlet" / "one.txt") in headers[-1]


def test_files_are_read_lazily(corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """Memory stays flat over thousands of files only if each is read when the pipeline asks for it."""
    reads: list[str] = []
    reads_before_result: list[int] = []
    real_read = cli.read_input

    def counting_read(path: str, stdin: Any = None) -> str:
        reads.append(path)
        return real_read(path, stdin)

    def one_at_a_time(texts, batch_size: int = 64, n_process: int = 1):
        assert not isinstance(texts, list | tuple), "texts should arrive as a lazy iterator"
        for text in texts:
            reads_before_result.append(len(reads))
            yield mlkit.analyze(text)

    monkeypatch.setattr(cli, "read_input", counting_read)
    monkeypatch.setattr(mlkit, "analyze_many", one_at_a_time)
    code, out, _ = run(["analyze", str(corpus)], capsys)
    assert code == 0 and len(out.splitlines()) == 3
    assert reads_before_result == [1, 2, 3]


@pytest.mark.slow
def test_n_process_2_gives_the_same_lines(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, one, _ = run(["analyze", str(corpus), "--batch-size", "1"], capsys)
    code, two, _ = run(["analyze", str(corpus), "--n-process", "2", "--batch-size", "1"], capsys)
    assert code == 0 and two == one and len(one.splitlines()) == 3


def test_version_and_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--version"], capsys)
    assert code == 0 and out.strip() == f"mlkit {mlkit.__version__}"
    assert run([], capsys)[0] == 2
    assert run(["analyze"], capsys)[0] == 2
    assert run(["analyze", "x.txt", "--batch-size", "0"], capsys)[0] == 2
    assert run(["analyze", "x.txt", "--format", "xml"], capsys)[0] == 2


def test_python_m_mlkit_error_has_no_traceback(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)))
    proc = run_process("analyze", str(binary))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b""
    assert "Traceback" not in err and "binary" in one_error_line(err)


@pytest.mark.slow
def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    """`mlkit analyze corpus | head -1`: the reader leaves early; no traceback, no hang."""
    for i in range(60):
        (tmp_path / f"{i:03}.txt").write_text(SEED, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-m", "mlkit", "analyze", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # like head: stop reading; the next writes hit a closed pipe
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=60)
    assert json.loads(first)["path"].endswith("000.txt")
    assert "Traceback" not in err and err == ""
    assert code == cli.EXIT_BROKEN_PIPE


def test_output_is_utf8_whatever_the_locale(corpus: Path) -> None:
    """Under an ASCII locale the JSON still comes out as UTF-8 (ensure_ascii=False), not a crash."""
    path = corpus / "arabic.txt"
    path.write_text("قال المسؤول. According\u00a0to the ministry, it may rain.", encoding="utf-8")
    for args in ([str(path)], [str(path), str(path)]):  # one result, and JSON Lines
        proc = run_process("analyze", *args, env_extra={"PYTHONIOENCODING": "ascii", "LC_ALL": "C"})
        assert proc.returncode == 0, proc.stderr
        assert "According\u00a0to".encode() in proc.stdout  # the cue's NBSP as raw UTF-8 bytes
        assert json.loads(proc.stdout.decode("utf-8").splitlines()[0] if len(args) > 1 else proc.stdout)


# --- python -m mlkit.bench: figures are printed, never asserted as timings here -------------------

BENCH_FIGURES = [
    "tokenizer throughput (chars/CPU-s)",
    "mlkit throughput (chars/CPU-s)",
    "throughput ratio mlkit/tokenizer",
    "the kit's tokenizer alone / tokenizer",
    "peak RSS, import + article (MB)",
    "cold start: python + import + 1st analysis (s)",
    "per-MB cost, largest / smallest text",
    "speed-up n_process=2 / 1",
    "n_process=2 output identical to 1",
]


@pytest.mark.slow
def test_bench_quick_prints_every_figure() -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run(
        [sys.executable, "-m", "mlkit.bench", "--quick"], capture_output=True, env=env, timeout=300
    )
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr.decode()
    cells = [re.split(r"\s{2,}", line.strip()) for line in out.splitlines()]
    rows = {c[0]: c[1:] for c in cells if len(c) == 4}  # table rows: figure, measured, target, status
    for figure in BENCH_FIGURES:
        assert figure in rows, f"bench did not print {figure!r}:\n{out}"
        assert rows[figure][-1] in {"PASS", "MISS", "info"}
    assert float(rows["throughput ratio mlkit/tokenizer"][0]) > 0
    assert 0 < float(rows["peak RSS, import + article (MB)"][0]) < 10_000
    assert rows["n_process=2 output identical to 1"][0] == "yes"


def test_bench_text_of_size_is_exact_and_repeats_a_small_corpus() -> None:
    from mlkit.bench import text_of_size

    text = text_of_size(["abc", "de"], 11)
    assert text == "abc\n\nde\n\nab"  # by hand: the corpus joined by blank lines, repeated, cut at 11
    assert len(text_of_size([SEED], 250_000)) == 250_000


def test_bench_table_marks_each_line() -> None:
    from mlkit.bench import Figure, format_table

    table = format_table(
        [Figure("a", "1", ">= 2", False), Figure("bb", "3", ">= 2", True), Figure("c", "x", "-", None)]
    )
    lines = table.splitlines()
    assert lines[0].split() == ["figure", "measured", "target", "status"]
    assert [line.split()[-1] for line in lines[2:]] == ["MISS", "PASS", "info"]
