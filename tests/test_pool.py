"""The worker pool's traffic: each worker holds its next file while it works on one, so it never
waits for the main process between files; what it sends back is a packed tuple, not the outcome
dataclass; and the main process neither repeats the workers' manifest lines nor makes a folder
once per file."""

from __future__ import annotations

import io
import json
import pickle
import sys
import time
from collections import Counter
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cutter import pool
from cutter.batch import Outcome, Source, Stats, discover, run
from cutter.config import Config
from cutter.core import Result, process
from cutter.export import MANIFEST, FolderSink
from cutter.model import Document


def page(tag: str) -> str:
    return f"读书心得(2篇)\n读书心得篇一\n{tag}：书读得越多越觉得自己知道得少。\n读书心得篇二\n{tag}：每天读半小时书。\n"


def stall_on_slow(document: Document, config: Config) -> Result:
    """The pipeline, except that a document holding 慢 never ends."""
    if "慢" in document.text:
        time.sleep(3600)
    return process(document, config)


class Gives:
    """Records, for every task given, how many tasks its worker already held."""

    def __init__(self) -> None:
        self.held: list[tuple[int, bool]] = []  # (tasks held before, whether the task ships lines)
        give = pool._Worker.give

        def recording(worker: pool._Worker, slot: pool._Slot, timeout: float) -> None:
            self.held.append((len(worker.slots), bool(slot.task.lines or slot.task.data)))
            give(worker, slot, timeout)

        self.recording = recording


def test_a_busy_worker_holds_its_next_file_and_gives_it_back_when_it_stalls(tmp_path: Path) -> None:
    for n in range(1, 9):
        (tmp_path / f"{n}.txt").write_text(page("慢" if n == 2 else f"第{n}篇"), encoding="utf-8")
    gives = Gives()
    with mock.patch.object(pool._Worker, "give", gives.recording):
        done = list(run(discover([str(tmp_path)]), Config(format="jsonl"), jobs=2, timeout=3, processor=stall_on_slow))
    labels = [str(tmp_path / f"{n}.txt") for n in range(1, 9)]
    assert [o.label for o in done] == labels  # in source order, whatever order they were done in
    assert [(o.label, o.error) for o in done if o.error] == [(labels[1], "timed out after 3 s (--timeout); its worker was replaced")]
    assert all(o.stats is not None and o.stats.pieces == 2 for o in done if o.error is None)
    assert any(held == 1 for held, _ in gives.held)  # a worker was given a file while it worked on one
    assert max(held for held, _ in gives.held) < pool.DEPTH
    assert len(gives.held) > 8  # the file queued behind the stalled one was given again, to a new worker


def test_a_task_that_ships_lines_goes_only_to_a_worker_without_one(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"id": n, "text": page(f"第{n}行")}, ensure_ascii=False) for n in range(1, 300)]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines).encode())))
    gives = Gives()
    with mock.patch.object(pool._Worker, "give", gives.recording):
        done = list(run(discover(["-"], dataset=True), Config(format="jsonl"), jobs=2))
    assert len(done) == 299 and all(o.error is None for o in done)
    assert len(gives.held) >= 4 and all(shipped for _, shipped in gives.held)
    assert all(held == 0 for held, _ in gives.held)  # a busy worker's pipe is never filled with lines


_text = st.text(max_size=12)
_counts = st.dictionaries(st.sampled_from(["whitespace", "offer", "no-headers", "page-break"]), st.integers(1, 50), max_size=3)
_stats = st.builds(
    lambda a, b, c, edits, warnings, seconds: Stats(a, b, c, Counter(edits), Counter(warnings), seconds),
    st.integers(0, 10**9), st.integers(0, 10**9), st.integers(0, 1000), _counts, _counts, st.floats(0, 100),
)  # fmt: skip
_source = Source("pages/a.txt", Path("pages/a.txt"), "a", size=120, mtime_ns=7)


@given(
    label=st.one_of(st.just(_source.label), _text), error=st.none() | _text, rendered=st.lists(_text, max_size=3),
    files=st.lists(st.tuples(_text, _text), max_size=2), warnings=st.lists(_text, max_size=3), written=st.booleans(),
    stats=st.none() | _stats, size=st.integers(0, 10**9), aborts=st.booleans(), other=st.booleans(),
)  # fmt: skip
def test_an_outcome_packed_by_a_worker_is_the_same_outcome_in_the_main_process(
    label: str, error: str | None, rendered: list[str], files: list[tuple[str, str]], warnings: list[str],
    written: bool, stats: Stats | None, size: int, aborts: bool, other: bool,
) -> None:  # fmt: skip
    source = Source("b.jsonl", Path("b.jsonl"), "b", dataset=True) if other else _source
    outcome = Outcome(source, label, None, error, rendered, files, warnings, written, stats, size, aborts)
    packed = pickle.loads(pickle.dumps(pool._packed(outcome, _source)))
    assert pool._unpacked(packed, _source) == outcome
    if not other and label == _source.label:
        assert packed[:2] == (None, None)  # neither the source nor its label travels back


def test_the_main_process_does_not_repeat_the_workers_manifest_lines(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cutter.cli import main

    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(1, 7):
        (pages / f"{n}.txt").write_text(page(f"第{n}篇"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["split", str(pages), "-o", str(out), "--format", "jsonl", "-j", "2", "--shard", "0/1"])
    assert result.exit_code == 0, result.output
    [manifest] = out.glob(f"{MANIFEST}-*")  # a shard's manifest is not folded: it holds every line written
    rows = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]
    outputs = [row["output"] for row in rows if "output" in row]
    assert sorted(outputs) == [f"{n}.jsonl" for n in range(1, 7)]  # one line per output, not two
    resumed = CliRunner().invoke(main, ["split", str(pages), "-o", str(out), "--format", "jsonl", "-j", "2", "--shard", "0/1", "--resume"])
    assert resumed.exit_code == 0 and "skipped" in resumed.stderr.lower()


def test_a_sink_makes_each_folder_once_and_again_if_it_was_removed(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    sink = FolderSink(tmp_path / "out", "jsonl")
    made: list[Path] = []
    mkdir = Path.mkdir

    def recording(path: Path, *args: object, **kwargs: object) -> None:
        if path.name == "sub":
            made.append(path)
        mkdir(path, *args, **kwargs)  # type: ignore[arg-type]

    def write(name: str) -> None:
        fresh = sink.fresh()
        source = Source(name, None, name.removesuffix(".txt"))
        fresh.begin(source)
        fresh.write(Outcome(source, name, rendered='{"text": "甲"}\n'))
        fresh.end(source, ok=True)

    with mock.patch.object(Path, "mkdir", recording):
        for name in ("sub/a.txt", "sub/b.txt", "sub/c.txt"):
            write(name)
        assert made == [tmp_path / "out" / "sub"]
        for output in (tmp_path / "out" / "sub").iterdir():
            output.unlink()
        (tmp_path / "out" / "sub").rmdir()
        write("sub/d.txt")
    assert (tmp_path / "out" / "sub" / "d.jsonl").read_text(encoding="utf-8") == '{"text": "甲"}\n'
    assert made == [tmp_path / "out" / "sub"] * 2


def test_without_a_selector_for_pipes_the_pool_waits_as_multiprocessing_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = pool._Watched.__init__

    def waits_on_pipes(self: pool._Watched) -> None:  # as on Windows, where select() takes only sockets
        made(self)
        assert self.selector is not None
        self.selector.close()
        self.selector = None

    monkeypatch.setattr(pool._Watched, "__init__", waits_on_pipes)
    for n in range(1, 6):
        (tmp_path / f"{n}.txt").write_text(page("慢" if n == 3 else f"第{n}篇"), encoding="utf-8")
    done = list(run(discover([str(tmp_path)]), Config(format="jsonl"), jobs=2, timeout=2, processor=stall_on_slow))
    assert [o.label for o in done] == [str(tmp_path / f"{n}.txt") for n in range(1, 6)]
    assert [o.label for o in done if o.error] == [str(tmp_path / "3.txt")]


def slow_by_20_ms(document: Document, config: Config) -> Result:
    time.sleep(0.02)
    return process(document, config)


def test_the_parent_naps_only_while_every_worker_has_work_queued(tmp_path: Path) -> None:
    for n in range(1, 25):
        (tmp_path / f"{n:02d}.txt").write_text(page(f"第{n}篇"), encoding="utf-8")
    naps: list[float] = []
    sleep = time.sleep

    def recording(seconds: float) -> None:
        naps.append(seconds)
        sleep(seconds)

    with mock.patch.object(pool.time, "sleep", recording):
        done = list(run(discover([str(tmp_path)]), Config(format="jsonl"), jobs=2, processor=slow_by_20_ms))
    assert [o.label for o in done] == [str(tmp_path / f"{n:02d}.txt") for n in range(1, 25)]
    assert all(o.error is None for o in done)
    assert naps and all(pool.NAP[0] <= nap <= pool.NAP[1] for nap in naps)  # 20 ms tasks, three queued: naps of 5 ms
