"""Issue 13: workers read their own byte spans of an uncompressed JSONL dump; the main
process only plans the spans (offset, length, first line) and no text travels by pickle."""

from __future__ import annotations

import codecs
import io
import json
import os
import pickle
import sys
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cutter import batch, pool
from cutter.export import encoded
from cutter.batch import DatasetBroken, Source, Task, after_line, discover, run, task_lines, tasks
from cutter.cli import main
from cutter.config import Config
from cutter.core import Result, process
from cutter.export import FolderSink, StdoutSink, write_all
from cutter.model import Document


def page(tag: str, pieces: int = 2) -> str:
    """A small compilation whose pieces carry ``tag``."""
    numerals = "一二三四五六七八九"
    body = "".join(f"读书心得篇{numerals[n]}\n{tag}：书读得越多越觉得自己知道得少，第{n + 1}回。\n" for n in range(pieces))
    return f"读书心得({pieces}篇)\n{body}"


def row(number: int, tag: str | None = None, **extra: object) -> bytes:
    text = page(tag or f"第{number}行")
    return json.dumps({"id": number, "text": text, **extra}, ensure_ascii=False).encode()


def write(path: Path, lines: list[bytes], newline: bytes = b"\n", final: bool = True) -> Path:
    path.write_bytes(newline.join(lines) + (newline if final else b""))
    return path


def source_of(path: Path) -> Source:
    [found] = discover([str(path)])
    assert isinstance(found, Source)
    return found


@contextmanager
def spans_of(span_bytes: int, chunk: int = batch.READ_CHUNK):
    """Plan spans of ``span_bytes``, reading ``chunk`` bytes at a time (planning is done in
    the main process, so this holds for worker runs too)."""
    with mock.patch.object(batch, "SPAN_BYTES", span_bytes), mock.patch.object(batch, "READ_CHUNK", chunk):
        yield


def seen(outcomes) -> list[tuple[str, str | None, str]]:
    """(label, error, output) of each outcome, output rendered to one string."""
    return [(o.label, o.error, b"".join(map(encoded, batch.chunks(o.rendered))).decode()) for o in outcomes]


def shipped(source: Source, config: Config) -> list[tuple[str, str | None, str]]:
    """The outcomes when the lines travel with the tasks, as every dump's did before."""
    items = batch._shipped(source)
    return seen(o for item in items for o in ([item] if isinstance(item, batch.Outcome) else
                                               [x for _, done in batch.documents(item, config, lazy=True) for x in done]))  # fmt: skip


# --- what travels -------------------------------------------------------------------------


def test_a_task_of_a_dump_on_disk_carries_no_text(tmp_path: Path) -> None:
    dump = write(tmp_path / "d.jsonl", [row(n, f"标记{n}") for n in range(1, 400)])
    with spans_of(4096):
        made = list(tasks(source_of(dump)))
    assert len(made) > 5 and all(isinstance(task, Task) for task in made)
    for task in made:
        assert task.lines == () and task.data is None and task.span is not None
        sent = pickle.dumps(task)
        assert "标记".encode() not in sent and len(sent) < 600
    assert [task.first_line for task in made][0] == 1


def test_the_tasks_sent_to_workers_carry_no_text_and_give_the_records_of_one_process(tmp_path: Path) -> None:
    dump = write(tmp_path / "d.jsonl", [row(n, f"标记{n}") for n in range(1, 120)])
    sent: list[bytes] = []
    give = pool._Worker.give

    def recording(worker: pool._Worker, slot: pool._Slot, timeout: float) -> None:
        sent.append(pickle.dumps(slot.task))
        give(worker, slot, timeout)

    config = Config(format="jsonl")
    with spans_of(2048), mock.patch.object(pool._Worker, "give", recording):
        two = seen(run(discover([str(dump)]), config, jobs=2))
    one = seen(run(discover([str(dump)]), config, jobs=1))
    assert len(sent) > 5 and not any("标记".encode() in task for task in sent)
    assert two == one and len(one) == 119 and all(error is None for _, error, _ in one)


def test_compressed_dumps_and_standard_input_still_ship_their_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip

    lines = [row(n) for n in range(1, 70)]
    packed = tmp_path / "d.jsonl.gz"
    packed.write_bytes(gzip.compress(b"\n".join(lines) + b"\n"))
    made = list(tasks(source_of(packed)))
    assert [len(task.lines) for task in made] == [64, 5] and all(task.span is None for task in made)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\n".join(lines))))
    made = list(tasks(Source("-", None, "stdin", dataset=True)))
    assert [len(task.lines) for task in made] == [64, 5] and made[1].first_line == 65


# --- where spans are cut --------------------------------------------------------------------

_line = st.tuples(st.integers(0, 40), st.sampled_from([b"\n", b"\r\n"]), st.sampled_from([b"x", b"\xe4\xb8\xad", b" "]))


@settings(max_examples=400, deadline=None)
@given(st.lists(_line, min_size=1, max_size=40), st.booleans(), st.integers(1, 120), st.integers(1, 50))
def test_spans_tile_the_dump_at_line_starts_with_their_line_numbers(
    shape: list[tuple[int, bytes, bytes]], final: bool, span_bytes: int, chunk: int
) -> None:
    data = b"".join(fill * length + end for length, end, fill in shape)
    if not final:
        data = data.rstrip(b"\r\n") or b"x"
    with _file(data) as path, spans_of(span_bytes, chunk):
        made = list(tasks(source_of(path)))
        assert all(isinstance(task, Task) and task.span is not None for task in made)
        spans = [task.span for task in made]
        assert spans[0].offset == 0 and spans[-1].end == len(data)
        for before, after in zip(spans, spans[1:]):
            assert before.end == after.offset
            assert data[after.offset - 1 : after.offset] == b"\n"  # a span never cuts a line
            assert before.length >= span_bytes  # only the last span may be short
            assert b"\n" not in data[before.offset + span_bytes - 1 : before.end - 1]  # and none is longer than it must be
        for task in made:
            assert task.first_line == data[: task.span.offset].count(b"\n") + 1
            assert b"".join(task_lines(task)) == data[task.span.offset : task.span.end]
            assert len(list(task_lines(task))) == data[task.span.offset : task.span.end].count(b"\n") + (
                not data[task.span.offset : task.span.end].endswith(b"\n")
            )


_counter = iter(range(10**9))


@contextmanager
def _file(data: bytes):
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="cutter-ranges-"))
    path = folder / f"d{next(_counter)}.jsonl"
    path.write_bytes(data)
    try:
        yield path
    finally:
        path.unlink()
        folder.rmdir()


def test_a_line_longer_than_a_span_and_a_read_chunk_is_its_own_span(tmp_path: Path) -> None:
    padding = "长" * 1_200_000  # 3.6 MB of meta: the line is over a read chunk and a span, its text is short
    lines = [row(1), row(2, padding=padding), row(3), row(4)]
    dump = write(tmp_path / "d.jsonl", lines)
    made = list(tasks(source_of(dump)))
    assert [task.first_line for task in made] == [1, 3] and made[0].span.length == len(lines[0]) + len(lines[1]) + 2
    outcomes = seen(run(discover([str(dump)]), Config(format="jsonl"), jobs=1))
    assert [label for label, _, _ in outcomes] == [f"{dump}:{n}" for n in (1, 2, 3, 4)]
    second = [json.loads(line) for line in outcomes[1][2].splitlines()]
    assert second[0]["meta"]["padding"] == padding and "第2行" in second[0]["text"]


# --- the lines read back --------------------------------------------------------------------


def tricky_lines() -> list[bytes]:
    return [
        codecs.BOM_UTF8 + row(1),  # the file's byte-order mark goes
        row(2),
        b"",
        b"   ",
        row(5, "\u7e41\u9ad4"),
        b'{"id": 6, "text": "\xff\xfe bad"}',
        b"{broken json",
        b'{"id": 8, "text": "lone \\ud800 surrogate"}',
        codecs.BOM_UTF8 + row(9),  # a mark inside the dump is no mark: that line fails
        b'{"id": 10, "body": "no text"}',
        b"[1, 2]",
        row(12),
    ]


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
@pytest.mark.parametrize("final", [True, False])
@pytest.mark.parametrize("span_bytes", [1, 150, 400, 1 << 19])
def test_spans_give_the_outcomes_of_shipped_lines(tmp_path: Path, newline: bytes, final: bool, span_bytes: int) -> None:
    dump = write(tmp_path / "d.jsonl", tricky_lines(), newline, final)
    config = Config(format="jsonl")
    with spans_of(span_bytes, 64):
        spanned = seen(run(discover([str(dump)]), config, jobs=1))
    assert spanned == shipped(source_of(dump), config)
    failed = {label.rsplit(":", 1)[1]: error for label, error, _ in spanned if error}
    assert sorted(failed, key=int) == ["6", "7", "8", "9", "10", "11"]
    assert failed["6"] == "not UTF-8 (byte 20 of the line)"
    assert failed["8"].startswith("a lone surrogate U+D800")
    assert [label.rsplit(":", 1)[1] for label, error, _ in spanned if not error] == ["1", "2", "5", "12"]


def test_crlf_lines_give_the_records_of_lf_lines(tmp_path: Path) -> None:
    lines = [row(n) for n in range(1, 30)]
    config = Config(format="jsonl")
    with spans_of(300):
        lf = seen(run(discover([str(write(tmp_path / "lf.jsonl", lines))]), config, jobs=1))
        crlf = seen(run(discover([str(write(tmp_path / "crlf.jsonl", lines, b"\r\n"))]), config, jobs=1))
    strip = [(label.rsplit(":", 1)[1], error, out.replace("crlf.jsonl", "lf.jsonl")) for label, error, out in crlf]
    assert strip == [(label.rsplit(":", 1)[1], error, out) for label, error, out in lf] and len(lf) == 29


def test_blank_lines_keep_the_line_numbers(tmp_path: Path) -> None:
    dump = write(tmp_path / "d.jsonl", [b"", b"", row(3), b"", b"\t", row(6), b""], final=False)
    with spans_of(1):
        labels = [o.label for o in run(discover([str(dump)]), Config(format="jsonl"), jobs=1)]
    assert labels == [f"{dump}:3", f"{dump}:6"]


def test_a_dump_of_blank_lines_gives_nothing_and_an_empty_one_a_warning(tmp_path: Path) -> None:
    blank = write(tmp_path / "blank.jsonl", [b"", b" ", b""])
    assert list(run(discover([str(blank)]), Config(), jobs=1)) == []
    (tmp_path / "empty.jsonl").write_bytes(b"")
    [outcome] = run(discover([str(tmp_path / "empty.jsonl")]), Config(), jobs=1)
    assert outcome.warnings == ["empty dataset: no lines"] and outcome.error is None


# --- a dump that changes while it is read ---------------------------------------------------


def _changed_error(path: Path, before: int, after: int) -> str:
    return (
        f"the dataset changed while it was read ({before:,} bytes when its lines were planned, {after:,} now): "
        "none of its output is kept; run again once it is complete"
    )


@pytest.mark.parametrize("how", ["grown", "shrunk", "rewritten", "replaced"])
def test_a_span_of_a_dump_that_changed_since_planning_fails_with_one_line(tmp_path: Path, how: str) -> None:
    dump = write(tmp_path / "d.jsonl", [row(n) for n in range(1, 40)])
    size = dump.stat().st_size
    with spans_of(500):
        made = list(tasks(source_of(dump)))
    if how == "grown":
        with open(dump, "ab") as stream:
            stream.write(row(40) + b"\n")
    elif how == "shrunk":
        os.truncate(dump, size // 2)
    elif how == "rewritten":
        data = dump.read_bytes()
        dump.write_bytes(data.replace("第3行".encode(), "第9行".encode()))
        os.utime(dump, ns=(made[0].span.mtime_ns + 1_000_000, made[0].span.mtime_ns + 1_000_000))
    else:  # another file of the same size and time put in its place (cp -p, rsync -t)
        other = tmp_path / "other.jsonl"
        other.write_bytes(dump.read_bytes().replace("第3行".encode(), "第9行".encode()))
        os.utime(other, ns=(made[0].span.mtime_ns, made[0].span.mtime_ns))
        os.replace(other, dump)
    [(done, [outcome])] = list(batch.documents(made[3], Config(format="jsonl")))
    assert outcome.aborts and outcome.label == str(dump)
    if how in ("rewritten", "replaced"):
        assert outcome.error.startswith("the dataset changed while it was read (modified after its lines were planned)")
    else:
        assert outcome.error == _changed_error(dump, size, dump.stat().st_size)
    with pytest.raises(DatasetBroken):
        after_line(made[3], 0)


def grow_on_mark(document: Document, config: Config) -> Result:
    """The pipeline; a document holding 改 appends a line to its dump (a dump still being written)."""
    if "改" in document.text:
        path = Path(document.source.rsplit(":", 1)[0])
        with open(path, "ab") as stream:
            stream.write(row(999) + b"\n")
    return process(document, config)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_dump_that_grows_during_the_run_gives_one_error_and_is_not_committed(tmp_path: Path, jobs: int) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    dump = write(corpus / "d.jsonl", [row(n, "改" if n == 5 else None) for n in range(1, 60)])
    other = write(corpus / "e.jsonl", [row(n) for n in range(1, 5)])
    size = dump.stat().st_size
    out = tmp_path / "out"
    with spans_of(400):
        outcomes = run(discover([str(corpus)], pattern="*.jsonl"), Config(format="jsonl"), jobs=jobs, processor=grow_on_mark)
        done: list[batch.Outcome] = []
        write_all(outcomes, FolderSink(out, "jsonl"), done.append)
    errors = [(o.label, o.error) for o in done if o.error]
    assert errors == [(str(dump), _changed_error(dump, size, dump.stat().st_size))]
    assert sorted(p.name for p in out.iterdir()) == ["e.jsonl"]  # the changed dump's output is not committed
    assert len((out / "e.jsonl").read_text(encoding="utf-8").splitlines()) == 8 and other.exists()


def test_the_command_line_reports_a_dump_that_changed_as_one_line(tmp_path: Path) -> None:
    dump = write(tmp_path / "d.jsonl", [row(n) for n in range(1, 30)])
    size = dump.stat().st_size
    real = batch._spans

    def planned_then_grown(source: Source):
        for item in real(source):
            yield item
            with open(dump, "ab") as stream:  # the download goes on while the run reads
                stream.write(b"\n")

    with spans_of(300), mock.patch.object(batch, "_spans", planned_then_grown):
        result = CliRunner().invoke(main, ["split", str(dump), "-o", str(tmp_path / "out"), "--format", "jsonl", "-j", "1"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("cutter: error")]
    assert errors == [f"cutter: error: {dump}: " + _changed_error(dump, size, size + 1)]
    assert not (tmp_path / "out" / "d.jsonl").exists() and "Traceback" not in result.output


def test_on_standard_output_the_error_of_a_dump_that_broke_off_is_its_last_line(tmp_path: Path) -> None:
    dump = write(tmp_path / "d.jsonl", [row(n) for n in range(1, 4)])
    source = source_of(dump)
    good = [batch.Outcome(source, f"{dump}:{n}", rendered=f'{{"n": {n}}}\n') for n in (1, 3)]
    broken = batch.Outcome(source, str(dump), error="the dataset changed while it was read", aborts=True)
    stream, seen = io.BytesIO(), []
    write_all([good[0], broken, good[1]], StdoutSink(stream, "jsonl"), seen.append)  # span 3 read before the change
    assert stream.getvalue() == b'{"n": 1}\n' and len(seen) == 3


def test_check_reports_a_dump_that_changed_once(tmp_path: Path) -> None:
    dump = write(tmp_path / "d.jsonl", [row(n) for n in range(1, 60)])
    real = batch._spans

    def planned_then_grown(source: Source):
        for number, item in enumerate(real(source)):
            yield item
            if number == 0:
                with open(dump, "ab") as stream:  # the download goes on while check reads
                    stream.write(row(99) + b"\n")

    with spans_of(200), mock.patch.object(batch, "_spans", planned_then_grown):
        result = CliRunner().invoke(main, ["check", str(dump), "-j", "1", "--isolated"])
    errors = [line for line in result.stderr.splitlines() if line.startswith("cutter: error")]
    assert len(errors) == 1 and "its findings are incomplete" in errors[0] and result.exit_code != 0
    assert "Traceback" not in result.output


# --- a worker that dies or is stopped -------------------------------------------------------


def test_after_line_gives_the_failed_lines_size_and_the_rest_of_its_span(tmp_path: Path) -> None:
    lines = [row(1), b"", row(3), row(4, "较长的一行" * 20)]
    dump = write(tmp_path / "d.jsonl", lines, final=False)
    [task] = list(tasks(source_of(dump)))
    sizes = [len(line) + 1 for line in lines[:-1]] + [len(lines[-1])]
    for position in range(4):
        size, rest = after_line(task, position)
        assert size == sizes[position]
        if position == 3:
            assert rest is None
        else:
            assert rest is not None and rest.first_line == position + 2 and rest.span.offset == sum(sizes[: position + 1])
            assert b"".join(task_lines(rest)) == dump.read_bytes()[rest.span.offset :]


def die_on_slow(document: Document, config: Config) -> Result:
    if "慢" in document.text:
        os._exit(3)
    return process(document, config)


def test_a_worker_dying_on_any_line_of_a_span_fails_that_line_alone(tmp_path: Path) -> None:
    dying = (1, 6, 12)  # the first, a middle and the last line of a span
    lines = [json.dumps({"text": page(("慢" if n in dying else "快") + f"{n:02d}")}, ensure_ascii=False).encode() for n in range(1, 13)]
    assert len(set(map(len, lines))) == 1
    span_bytes = (len(lines[0]) + 1) * 3 + 1  # four lines a span: 1-4, 5-8, 9-12
    dump = write(tmp_path / "d.jsonl", lines)
    with spans_of(span_bytes):
        assert [task.first_line for task in tasks(source_of(dump))] == [1, 5, 9]
        done = list(run(discover([str(dump)]), Config(format="jsonl"), jobs=2, processor=die_on_slow))
    assert [o.label for o in done] == [f"{dump}:{n}" for n in range(1, 13)]
    assert [o.label.rsplit(":", 1)[1] for o in done if o.error] == ["1", "6", "12"]
    assert all(o.error.startswith("its worker process died") for o in done if o.error)
    assert [o.size for o in done if o.error] == [len(lines[n - 1]) + 1 for n in (1, 6, 12)]


# --- shards, resume and check over spans ----------------------------------------------------


def test_shards_of_dumps_with_workers_give_the_records_of_one_run(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for number in range(4):
        write(corpus / f"{number}.jsonl", [row(n, f"第{number}份") for n in range(1, 25)])
    whole, sharded = tmp_path / "whole", tmp_path / "sharded"
    base = ["split", str(corpus), "--glob", "*.jsonl", "--format", "jsonl", "-q", "-j", "2", "-o"]
    with spans_of(1000):
        assert CliRunner().invoke(main, [*base, str(whole)]).exit_code == 0
        for index in range(2):
            assert CliRunner().invoke(main, [*base, str(sharded), "--shard", f"{index}/2"]).exit_code == 0
        resumed = CliRunner().invoke(main, [*base, str(sharded), "--resume", "--report", str(tmp_path / "r.json")])
    assert resumed.exit_code == 0 and json.loads((tmp_path / "r.json").read_text())["sources_skipped"] == 4
    made = {p.name: p.read_bytes() for p in whole.glob("*.jsonl")}
    assert made == {p.name: p.read_bytes() for p in sharded.glob("*.jsonl")} and len(made) == 4


def test_check_reads_its_spans_with_the_right_line_numbers(tmp_path: Path) -> None:
    from cutter.lint import Want, lint_all

    lines = [row(n) for n in range(1, 10)]
    lines[6] = json.dumps({"text": page("這是責任")}, ensure_ascii=False).encode()  # traditional characters: findings
    dump = write(tmp_path / "d.jsonl", lines)
    with spans_of(200):
        reports = list(lint_all(discover([str(dump)]), Config(), Want(), jobs=1))
    assert [r.label for r in reports] == [f"{dump}:{n}" for n in range(1, 10)]
    assert [r.label for r in reports if r.findings] == [f"{dump}:7"]


# --- -j 2 is -j 1, as a property ------------------------------------------------------------

_text = st.text(alphabet="读书心得篇一二三，。、\n 甲乙ａｂ１２&amp;…", max_size=200)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(1, 4), _text, st.booleans()), min_size=1, max_size=25), st.integers(1, 3000))
def test_workers_reading_spans_give_the_records_of_one_process(tmp_path: Path, docs: list[tuple[int, str, bool]], span_bytes: int) -> None:
    lines = [
        json.dumps({"id": n, "text": page(tail, pieces) if paged else tail}, ensure_ascii=False).encode()
        for n, (pieces, tail, paged) in enumerate(docs)
    ]
    dump = write(tmp_path / f"d{next(_counter)}.jsonl", lines)
    config = Config(format="jsonl")
    with spans_of(span_bytes, 512):
        two = seen(run(discover([str(dump)]), config, jobs=2))
        one = seen(run(discover([str(dump)]), config, jobs=1))
    assert two == one and len(one) == len(lines)
