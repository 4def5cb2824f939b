"""A long document is cleaned piece by piece as its output is written (issue 10, memory).

Its records must be exactly those of the whole-document path, its pieces must go out as
they are done (so their clean texts and edits are never all held), and a document that
fails halfway through its output must not leave its first pieces behind where that can
be avoided.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cutter.export import encoded
from cutter import batch
from cutter.batch import Source, discover, run
from cutter.cli import main
from cutter.config import Config
from cutter.core import Stream, process, stream
from cutter.export import FileSink, FolderSink, GzipFileSink, StdoutSink, write_all
from cutter.model import CleanPiece, Document

SAMPLES = Path(__file__).parent.parent / "samples"
# pages with warnings, nested headers, empty pieces, ruby and boilerplate among them
PAGES = ["01-xinde-pian.txt", "05-count-in-header.txt", "10-count-mismatch.txt", "12-artifacts.txt",
         "15-traditional-ruby.txt", "17-hidden-gap.txt", "34-in-piece-headings.txt", "46-chunk-markers.txt"]  # fmt: skip


def compilation(tag: str, pieces: int = 3) -> str:
    body = "\n".join(f"读书心得篇{n}\n{tag}：书读得越多越觉得自己知道得少。。。。。。真的。\n" for n in range(1, pieces + 1))
    return f"读书心得({pieces}篇)\n{body}"


def invoke(args: list[str], streamed: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.setattr(batch, "STREAM_CHARS", 0 if streamed else 10**12)
    result = CliRunner().invoke(main, args)
    diagnostics = "".join(line for line in result.stderr.splitlines(True) if line.startswith("cutter: "))
    return result.exit_code, result.stdout, diagnostics  # not the summary: it has timings


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
            and not p.name.startswith(".cutter")}  # fmt: skip


# the same output either way -------------------------------------------------------------


@pytest.mark.parametrize("options", [["--format", "jsonl"], ["--format", "text"], ["--format", "text", "--titles"],
                                     ["--format", "jsonl", "--no-edits"]])  # fmt: skip
def test_a_streamed_document_prints_what_the_whole_document_path_prints(
    options: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["split", *[str(SAMPLES / name) for name in PAGES], "-j", "1", *options]
    whole, streamed = invoke(args, False, monkeypatch), invoke(args, True, monkeypatch)
    assert whole[1].count("\n") > 15  # the pages give output, and warnings on standard error
    assert "warning" in whole[2]
    assert streamed == whole


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_a_streamed_document_writes_the_same_files(tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = [str(SAMPLES / name) for name in PAGES]
    outputs = {}
    for streamed in (False, True):
        folder, single = tmp_path / f"out-{streamed}", tmp_path / f"all-{streamed}.jsonl"
        assert invoke(["split", *inputs, "-j", "1", "--format", fmt, "-o", f"{folder}/"], streamed, monkeypatch)[0] == 0
        assert invoke(["split", *inputs, "-j", "1", "-o", str(single)], streamed, monkeypatch)[0] == 0
        outputs[streamed] = (tree(folder), single.read_bytes())
    assert len(outputs[False][0]) >= len(PAGES)
    assert outputs[True] == outputs[False]


def test_a_streamed_documents_counts_and_warnings_are_whole_once_it_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    items = list(discover([str(SAMPLES / name) for name in PAGES]))
    seen = {}
    for threshold in (10**12, 0):
        monkeypatch.setattr(batch, "STREAM_CHARS", threshold)
        done: list = []
        write_all(run(items, Config(format="jsonl")), StdoutSink(io.BytesIO(), "jsonl"), done.append)
        seen[threshold] = [(o.label, o.error, o.warnings, o.stats.pieces, o.stats.chars_in, o.stats.chars_out,
                            o.stats.edits, o.stats.warnings) for o in done]  # fmt: skip
    assert sum(row[3] for row in seen[0]) > 15 and any(row[6] for row in seen[0])
    assert seen[0] == seen[10**12]


# pieces go out as they are done ----------------------------------------------------------


class Log:
    """What happened, in order: pieces cleaned and chunks written."""

    def __init__(self) -> None:
        self.events: list[str] = []

    def processor(self, document: Document, config: Config) -> Stream:
        made = stream(document, config)
        return _Logged(made.layout, made.context, made.config, made.rares, self)


class _Logged(Stream):
    log: Log

    def __init__(self, layout, context, config, rares, log: Log) -> None:  # type: ignore[no-untyped-def]
        super().__init__(layout, context, config, rares)
        object.__setattr__(self, "log", log)

    def cleaned(self) -> Iterator[tuple[CleanPiece, tuple[str, ...]]]:
        for piece, warnings in super().cleaned():
            self.log.events.append("clean")
            yield piece, warnings


class _Recorder(io.BytesIO):
    def __init__(self, log: Log) -> None:
        super().__init__()
        self.log = log

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.log.events.append("write")
        return super().write(data)


@pytest.mark.parametrize("threshold, expected", [(0, ["clean", "write"] * 4), (10**12, ["clean"] * 4 + ["write"] * 4)])
def test_a_long_documents_pieces_are_written_as_each_is_cleaned(
    threshold: int, expected: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "STREAM_CHARS", threshold)
    log = Log()
    items = [Source("-", None, "page")]
    tasks = [batch.Task(items[0], data=compilation("甲", 4).encode())]
    outcomes = (o for task in tasks for _, done in batch.documents(task, Config(format="jsonl"), lazy=True,
                processor=log.processor) for o in done)  # fmt: skip
    write_all(outcomes, StdoutSink(_Recorder(log), "jsonl"), lambda outcome: None)
    assert log.events == expected


# failing halfway --------------------------------------------------------------------------


class _Faulty(Stream):
    """Cleaning breaks at the second piece of a page holding 坏, or stalls there on 慢."""

    def cleaned(self) -> Iterator[tuple[CleanPiece, tuple[str, ...]]]:
        for position, item in enumerate(super().cleaned()):
            if position == 1 and "坏" in self.layout.document.text:
                raise RuntimeError("broken at piece 2")
            if position == 1 and "慢" in self.layout.document.text:
                time.sleep(60)
            yield item


def faulty(document: Document, config: Config) -> Stream:
    made = stream(document, config)
    return _Faulty(made.layout, made.context, made.config, made.rares)


def three_pages(tmp_path: Path, middle: str, last: int = 3) -> list:
    """a.txt, b.txt (``middle`` in its text) and c.txt (``last`` pieces: fewer than b's
    makes what b left behind show)."""
    for name, tag, pieces in (("a", "甲", 3), ("b", middle, 3), ("c", "丙", last)):
        (tmp_path / f"{name}.txt").write_text(compilation(tag, pieces), encoding="utf-8")
    return list(discover([str(tmp_path / f"{name}.txt") for name in "abc"]))


@pytest.mark.parametrize("middle, timeout, error", [
    ("坏了的一页", 0, "internal error (RuntimeError: broken at piece 2)"),
    ("慢得很的一页", 1, "timed out after 1 s (--timeout)"),
])  # fmt: skip
def test_a_document_failing_halfway_is_cut_back_out_of_the_output_file(
    tmp_path: Path, middle: str, timeout: float, error: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "STREAM_CHARS", 0)
    a, b, c = three_pages(tmp_path, middle, last=1)
    target = tmp_path / "all.jsonl"
    done: list = []
    started = time.monotonic()
    outcomes = run([a, c, b], Config(format="jsonl"), timeout=timeout, processor=faulty)  # nothing after b hides its part
    write_all(outcomes, FileSink(target, "jsonl"), done.append)
    assert time.monotonic() - started < 30
    assert [(Path(o.label).name, o.error) for o in done] == [("a.txt", None), ("c.txt", None), ("b.txt", error)]
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [(Path(r["source"]).name, r["index"]) for r in rows] == [("a.txt", 1), ("a.txt", 2), ("a.txt", 3), ("c.txt", 1)]
    assert not list(tmp_path.glob(".*.part"))


def test_a_document_failing_halfway_leaves_the_text_layout_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "STREAM_CHARS", 0)
    items = three_pages(tmp_path, "坏了的一页", last=1)
    target = tmp_path / "all.txt"
    write_all(run(items, Config(), processor=faulty), FileSink(target, "text"), lambda outcome: None)
    blocks = target.read_text(encoding="utf-8").split("\n\n")
    assert [block[:1] for block in blocks] == ["甲"] * 3 + ["丙"]


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_a_document_failing_halfway_commits_nothing_in_a_folder(
    tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "STREAM_CHARS", 0)
    (tmp_path / "in").mkdir()
    items = three_pages(tmp_path / "in", "坏")
    folder = tmp_path / "out"
    sink = FolderSink(folder, fmt)
    done: list = []
    write_all(run(items, Config(format=fmt), folder=sink, processor=faulty), sink, done.append)
    assert [o.error for o in done] == [None, "internal error (RuntimeError: broken at piece 2)", None]
    names = sorted(tree(folder))
    assert names == (["a.jsonl", "c.jsonl"] if fmt == "jsonl" else
                     [f"{s}/0{n}-读书心得篇{n}.txt" for s in "ac" for n in (1, 2, 3)])  # fmt: skip


def test_compressed_output_keeps_what_was_written_of_a_document_failing_halfway(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A gzip stream cannot be cut back: the pieces written before the failure stay, and the
    error says which document failed (the README says so)."""
    import gzip

    monkeypatch.setattr(batch, "STREAM_CHARS", 0)
    items = three_pages(tmp_path, "坏")
    target = tmp_path / "all.jsonl.gz"
    done: list = []
    write_all(run(items, Config(format="jsonl"), processor=faulty), GzipFileSink(target, "jsonl"), done.append)
    assert [o.error is None for o in done] == [True, False, True]
    rows = [json.loads(line) for line in gzip.decompress(target.read_bytes()).decode().splitlines()]
    assert [(Path(r["source"]).name, r["index"]) for r in rows][3] == ("b.txt", 1)


def test_a_short_document_never_fails_halfway(tmp_path: Path) -> None:
    """Below the threshold a page is cleaned whole before any of it is written: a failure
    leaves nothing of it, even on standard output."""
    items = three_pages(tmp_path, "坏")
    out = io.BytesIO()
    done: list = []
    write_all(run(items, Config(format="jsonl"), processor=faulty), StdoutSink(out, "jsonl"), done.append)
    assert done[1].error == "internal error (RuntimeError: broken at piece 2)"
    assert "b.txt" not in out.getvalue().decode()


def test_the_whole_document_api_is_unchanged() -> None:
    text = (SAMPLES / "01-xinde-pian.txt").read_text(encoding="utf-8")
    result = process(Document("p", text))
    made = stream(Document("p", text))
    assert [piece for piece, _ in made.cleaned()] == list(result.pieces)
    assert result.layout == made.layout


# a long document in a worker process comes back through a file ------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_a_long_documents_output_in_a_worker_travels_as_a_spill_file(
    tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "STREAM_CHARS", 0)
    task = batch.Task(Source("-", None, "page"), data=compilation("甲", 4).encode())
    config = Config(format=fmt)
    [(_, [outcome])] = list(batch.documents(task, config, spill=tmp_path))
    assert isinstance(outcome.rendered, batch.Spilled)
    assert outcome.stats is not None and outcome.stats.pieces == 4  # counted in the worker, as it was written
    [(_, [lazy])] = list(batch.documents(task, config, lazy=True))
    assert "".join(outcome.rendered) == b"".join(map(encoded, lazy.rendered)).decode()
    assert not list(tmp_path.iterdir())  # read once, then gone


def test_a_short_documents_output_in_a_worker_travels_whole(tmp_path: Path) -> None:
    task = batch.Task(Source("-", None, "page"), data=compilation("甲", 4).encode())
    [(_, [outcome])] = list(batch.documents(task, Config(format="jsonl"), spill=tmp_path))
    assert isinstance(outcome.rendered, list) and not list(tmp_path.iterdir())


def test_a_long_document_with_workers_gives_what_one_process_gives(tmp_path: Path) -> None:
    """A real document over STREAM_CHARS, in worker processes (which the monkeypatch cannot reach)."""
    pieces = [(SAMPLES / name).read_text(encoding="utf-8") for name in PAGES]
    long = tmp_path / "in" / "long.txt"
    long.parent.mkdir()
    body = "\n".join(f"读书心得篇{n}\n" + pieces[n % len(pieces)] * 8 for n in range(1, 400))
    long.write_text(f"读书心得(399篇)\n{body}", encoding="utf-8")
    assert len(long.read_text(encoding="utf-8")) > batch.STREAM_CHARS
    (tmp_path / "in" / "short.txt").write_text(compilation("乙"), encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"all-{jobs}.jsonl"
        result = CliRunner().invoke(main, ["split", str(tmp_path / "in"), "-j", jobs, "-q", "-o", str(target)])
        assert result.exit_code == 0, result.stderr
        outputs.append(target.read_bytes())
    assert outputs[0].count(b"\n") > 399 and outputs[1] == outputs[0]
