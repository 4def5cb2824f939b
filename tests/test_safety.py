"""Nothing lost, nothing overwritten, nothing stalls: the batch paths of issue 10."""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from cutter.batch import Source, discover, run
from cutter.cli import main
from cutter.config import Config
from cutter.core import Result, process
from cutter.model import Document


def cli(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def page(tag: str) -> str:
    """A small two-piece compilation whose texts carry ``tag``."""
    return f"读书心得(2篇)\n读书心得篇一\n{tag}：书读得越多越觉得自己知道得少。\n读书心得篇二\n{tag}：每天读半小时书。\n"


def dump(path: Path, lines: int, bad: dict[int, bytes] | None = None) -> Path:
    rows = [json.dumps({"id": n, "text": page(f"第{n}行")}, ensure_ascii=False).encode() for n in range(1, lines + 1)]
    for number, line in (bad or {}).items():
        rows[number - 1] = line
    data = b"\n".join(rows) + b"\n"
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def outputs(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".cutter")
    }


# 1. a dataset written to a folder with workers keeps every batch ------------------------


def test_a_dataset_into_a_folder_with_workers_keeps_every_record(tmp_path: Path) -> None:
    source = dump(tmp_path / "d.jsonl", 65)  # two tasks of 64 lines and 1 line
    result = cli("split", str(source), "-o", str(tmp_path / "out"), "--format", "jsonl", "-j", "2", "-q")
    assert result.exit_code == 0, result.output
    rows = records(tmp_path / "out" / "d.jsonl")
    assert len(rows) == 130
    assert [r["meta"]["id"] for r in rows[::2]] == list(range(1, 66))


# 2. committing one source never deletes another's outputs --------------------------------


def test_a_source_whose_output_folder_would_hold_another_sources_is_refused(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    (corpus / "a").mkdir(parents=True)
    (corpus / "a.txt").write_text(page("甲"), encoding="utf-8")
    (corpus / "a" / "b.txt").write_text(page("乙"), encoding="utf-8")
    out = tmp_path / "out"
    result = cli("split", str(corpus), "-o", str(out))
    assert result.exit_code == 2
    assert f"{corpus / 'a.txt'} and {corpus / 'a' / 'b.txt'} clash: the output folder {out / 'a'} would hold" in result.stderr
    assert not out.exists()
    assert cli("split", str(corpus), "-o", str(out), "--format", "jsonl", "-q").exit_code == 0  # jsonl does not nest
    assert sorted(outputs(out)) == ["a.jsonl", "a/b.jsonl"]


def test_redoing_a_source_replaces_its_own_pieces_only(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "p001.txt").write_text(page("甲"), encoding="utf-8")
    (corpus / "sub" / "q.txt").write_text(page("乙"), encoding="utf-8")
    out = tmp_path / "out"
    assert cli("split", str(corpus), "-o", str(out), "-q", "-j", "1").exit_code == 0
    (corpus / "p001.txt").write_text("读书心得(1篇)\n读书心得篇一\n只剩一篇。\n", encoding="utf-8")
    assert cli("split", str(corpus), "-o", str(out), "-q", "-j", "1", "--resume").exit_code == 0
    made = sorted(outputs(out))
    assert [name.split("/")[0] for name in made] == ["p001", "sub", "sub"] and made[1:] == [
        "sub/q/01-读书心得篇一.txt", "sub/q/02-读书心得篇二.txt",
    ]  # fmt: skip
    assert "只剩一篇" in (out / made[0]).read_text(encoding="utf-8")


def test_shards_of_a_text_run_write_every_source(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    for number in range(40):
        folder = corpus / f"g{number % 4}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"p{number:03d}.txt").write_text(page(f"第{number}篇"), encoding="utf-8")
    whole, sharded = tmp_path / "whole", tmp_path / "sharded"
    assert cli("split", str(corpus), "-o", str(whole), "-q", "-j", "1").exit_code == 0
    for index in range(2):
        assert cli("split", str(corpus), "-o", str(sharded), "-q", "-j", "1", "--shard", f"{index}/2").exit_code == 0
    assert outputs(sharded) == outputs(whole) and len(outputs(whole)) == 80


# 3. an input is never written over or deleted --------------------------------------------


def test_an_output_file_that_is_an_input_found_in_a_folder_is_refused(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "a").mkdir(parents=True)
    target = corpus / "a" / "p001.txt"
    target.write_text(page("甲"), encoding="utf-8")
    result = cli("split", str(corpus), "-o", str(target))
    assert result.exit_code == 2 and f"-o {target} is one of the inputs" in result.stderr
    assert target.read_text(encoding="utf-8") == page("甲")


def test_an_output_through_a_symlink_to_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(page("甲"), encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(source)
    result = cli("split", str(source), "-o", str(tmp_path / "link.txt"))
    assert result.exit_code == 2 and "is one of the inputs" in result.stderr
    assert source.read_text(encoding="utf-8") == page("甲")


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_an_output_folder_holding_inputs_is_refused_before_anything_is_written(tmp_path: Path, fmt: str) -> None:
    corpus = tmp_path / "in"
    (corpus / "a").mkdir(parents=True)
    (corpus / "a.txt").write_text(page("甲"), encoding="utf-8")
    (corpus / "a" / "b.txt").write_text(page("乙"), encoding="utf-8")
    before = outputs(corpus)
    for output in (corpus, corpus / "a"):
        result = cli("split", str(corpus), "-o", str(output), "--format", fmt)
        assert result.exit_code == 2 and f"-o {output} holds the input" in result.stderr
    assert outputs(corpus) == before and not list(corpus.rglob(".*"))


def test_an_output_folder_inside_the_input_is_skipped_and_reported(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(page("甲"), encoding="utf-8")
    out = corpus / "out"
    assert cli("split", str(corpus), "-o", str(out), "-j", "1").exit_code == 0
    again = cli("split", str(corpus), "-o", str(out), "-j", "1")  # out/ now holds .txt pieces
    assert again.exit_code == 0
    assert f"cutter: warning: {out}: skipped: the output folder is not read as input" in again.stderr
    assert sorted(outputs(out)) == ["a/01-读书心得篇一.txt", "a/02-读书心得篇二.txt"]


# 4. two sources never share an output ----------------------------------------------------


def test_two_input_folders_of_one_name_that_would_share_an_output_are_refused(tmp_path: Path) -> None:
    for parent in ("A", "B"):
        (tmp_path / parent / "in").mkdir(parents=True)
        (tmp_path / parent / "in" / "x.txt").write_text(page(parent), encoding="utf-8")
    out = tmp_path / "out"
    result = cli("split", str(tmp_path / "A" / "in"), str(tmp_path / "B" / "in"), "-o", str(out), "--format", "jsonl")
    assert result.exit_code == 2
    assert f"{tmp_path / 'A/in/x.txt'} and {tmp_path / 'B/in/x.txt'} would both write {out / 'in' / 'x.jsonl'}" in result.stderr
    assert not out.exists()


def test_files_that_differ_only_in_their_suffix_are_refused(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in ("x.txt", "x.md"):
        (corpus / name).write_text(page(name), encoding="utf-8")
    result = cli("split", str(corpus), "--glob", "*", "-o", str(tmp_path / "out"), "--format", "jsonl")
    assert result.exit_code == 2 and "would both write" in result.stderr


def test_cutters_own_file_names_are_never_outputs(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / ".x.part.txt").write_text(page("甲"), encoding="utf-8")
    result = cli("split", str(corpus), "--glob", "*", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "is kept for cutter's own files" in result.stderr


def test_distinct_sources_may_share_a_folder(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in ("x.txt", "y.txt"):
        (corpus / name).write_text(page(name), encoding="utf-8")
    assert cli("split", str(corpus), "-o", str(tmp_path / "out"), "--format", "jsonl", "-q").exit_code == 0
    assert sorted(outputs(tmp_path / "out")) == ["x.jsonl", "y.jsonl"]


# 5. standard input is read once, in the main process --------------------------------------


def test_standard_input_beside_a_file_with_workers(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(page("乙"), encoding="utf-8")
    command = [sys.executable, "-m", "cutter", "split", "-", str(other), "--format", "jsonl", "-j", "2"]
    done = subprocess.run(command, input=page("甲").encode(), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["source"], r["text"][0]) for r in rows] == [("-", "甲"), ("-", "甲"), (str(other), "乙"), (str(other), "乙")]


def test_standard_input_twice_is_a_usage_error() -> None:
    result = cli("split", "-", "-", input=page("甲").encode())
    assert result.exit_code == 2 and "- (standard input) can be given only once" in result.stderr


# 6. a bad dataset line fails alone --------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_invalid_utf8_on_one_line_fails_that_line_alone(tmp_path: Path, jobs: str) -> None:
    source = dump(tmp_path / "d.jsonl", 300, bad={150: b'{"id": 150, "text": "\xff\xfe bad"}'})
    out = tmp_path / "out"
    result = cli("split", str(source), "-o", str(out), "--format", "jsonl", "-j", jobs, "-q")
    assert result.exit_code == 1
    assert f"cutter: error: {source}:150: not UTF-8 (byte 22 of the line)" in result.stderr
    ids = {r["meta"]["id"] for r in records(out / "d.jsonl")}
    assert ids == set(range(1, 301)) - {150}


def test_a_truncated_gzip_dump_is_reported_and_not_committed(tmp_path: Path) -> None:
    whole = dump(tmp_path / "whole.jsonl.gz", 300)
    cut = tmp_path / "in" / "d.jsonl.gz"
    cut.parent.mkdir()
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])
    out = tmp_path / "out"
    result = cli("split", str(cut), "-o", str(out), "--format", "jsonl", "-j", "1", "-q")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("cutter: error")]
    assert len(errors) == 1 and errors[0].startswith(f"cutter: error: {cut}:") and "cannot read the dataset past line" in errors[0]
    assert not (out / "d.jsonl").exists() and not list(out.rglob("*.part"))
    cut.write_bytes(whole.read_bytes())  # the download is finished; --resume must not skip it
    assert cli("split", str(cut), "-o", str(out), "--format", "jsonl", "-q", "--resume").exit_code == 0
    assert len(records(out / "d.jsonl")) == 600


# 7. nothing half-done is left or trusted --------------------------------------------------


def test_an_output_file_whose_only_input_fails_is_not_created(tmp_path: Path) -> None:
    binary = tmp_path / "b.txt"
    binary.write_bytes(bytes(range(256)))
    target = tmp_path / "all.jsonl"
    result = cli("split", str(binary), "-o", str(target), "--format", "jsonl")
    assert result.exit_code == 1 and sorted(p.name for p in tmp_path.iterdir()) == ["b.txt"]


def test_an_empty_input_still_gives_an_empty_output_file(tmp_path: Path) -> None:
    empty = tmp_path / "e.txt"
    empty.write_bytes(b"")
    assert cli("split", str(empty), "-o", str(tmp_path / "all.jsonl"), "--format", "jsonl").exit_code == 0
    assert (tmp_path / "all.jsonl").read_bytes() == b""


def test_a_killed_runs_leftovers_are_swept_by_the_next_run(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(page("甲"), encoding="utf-8")
    (tmp_path / ".all.jsonl.part").write_bytes(b"half a record")
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    (out / "sub" / ".x.jsonl.part").write_bytes(b"half")
    (out / ".y.part").mkdir()
    assert cli("split", str(source), "-o", str(tmp_path / "all.jsonl"), "--format", "jsonl").exit_code == 0
    assert cli("split", str(source), "-o", str(out), "--format", "jsonl").exit_code == 0  # no --resume needed
    assert not list(tmp_path.rglob("*.part"))


@pytest.mark.parametrize("output", ["out", "all.jsonl"])
def test_a_second_run_into_a_busy_output_is_refused_with_one_line(tmp_path: Path, output: str) -> None:
    source = tmp_path / "a.txt"
    source.write_text(page("甲"), encoding="utf-8")
    target = tmp_path / output
    lock = target / ".cutter.lock" if output == "out" else tmp_path / ".all.jsonl.part"
    lock.parent.mkdir(exist_ok=True)
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = cli("split", str(source), "-o", str(target), "--format", "jsonl")
    assert result.exit_code == 2
    shown = target if output == "out" else lock
    assert result.stderr == f"cutter: error: another cutter run is writing to {shown}; wait for it to end, or write elsewhere\n"
    assert not (target / "a.jsonl").exists() and not (tmp_path / "all.jsonl").exists()


def test_shards_may_run_at_once_but_not_beside_a_whole_run(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(page("甲"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".cutter.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_SH)  # another shard is running
        shard = cli("split", str(source), "-o", str(out), "--format", "jsonl", "--shard", "0/1")
        whole = cli("split", str(source), "-o", str(out), "--format", "jsonl")
    assert shard.exit_code == 0 and whole.exit_code == 2


# 8. --resume respects options -------------------------------------------------------------


def test_resume_redoes_what_other_options_made(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in ("a.txt", "b.txt"):
        (corpus / name).write_text(page("１２") + "第１２名。\n", encoding="utf-8")
    out, report = tmp_path / "out", tmp_path / "r.json"
    base = ["split", str(corpus), "-o", str(out), "--format", "jsonl", "-q", "-j", "1", "--report", str(report)]
    assert cli(*base).exit_code == 0
    assert cli(*base, "--resume").exit_code == 0
    assert json.loads(report.read_text())["sources_skipped"] == 2
    assert cli(*base, "--resume", "--ignore", "fullwidth").exit_code == 0
    assert json.loads(report.read_text())["sources_skipped"] == 0
    assert "１２" in (out / "a.jsonl").read_text(encoding="utf-8")
    (corpus / "b.txt").write_text(page("乙"), encoding="utf-8")
    assert cli(*base, "--resume", "--ignore", "fullwidth").exit_code == 0
    assert json.loads(report.read_text())["sources_skipped"] == 1
    assert "乙" in (out / "b.jsonl").read_text(encoding="utf-8")


def test_resume_after_shards_skips_what_they_made(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for number in range(6):
        (corpus / f"{number}.txt").write_text(page(str(number)), encoding="utf-8")
    out, report = tmp_path / "out", tmp_path / "r.json"
    base = ["split", str(corpus), "-o", str(out), "--format", "jsonl", "-q", "-j", "1"]
    for index in range(2):
        assert cli(*base, "--shard", f"{index}/2").exit_code == 0
    assert cli(*base, "--resume", "--report", str(report)).exit_code == 0
    assert json.loads(report.read_text())["sources_skipped"] == 6
    assert sorted(p.name for p in out.glob(".cutter-manifest*")) == [".cutter-manifest"]  # folded into one


# 9. skipped or empty inputs are reported; Ctrl-C -----------------------------------------


def test_a_folder_with_no_matching_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(page("甲"), encoding="utf-8")
    result = cli("split", str(tmp_path))
    assert result.exit_code == 0
    assert f"cutter: warning: {tmp_path}: skipped: no file matches --glob '*.txt'" in result.stderr


def test_an_empty_dataset_is_reported(tmp_path: Path) -> None:
    (tmp_path / "d.jsonl").write_bytes(b"")
    result = cli("split", str(tmp_path / "d.jsonl"), "--format", "jsonl")
    assert result.exit_code == 0 and f"cutter: warning: {tmp_path / 'd.jsonl'}: empty dataset: no lines" in result.stderr


def _ctrl_c_as_at_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT])


@pytest.mark.parametrize("output", ["out", "all.jsonl"])
def test_ctrl_c_exits_130_and_leaves_no_part(tmp_path: Path, output: str) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for number in range(20):
        dump(corpus / f"{number:02d}.jsonl", 2000)  # enough work that the run is still going when interrupted
    target = tmp_path / output
    command = [sys.executable, "-m", "cutter", "split", str(corpus), "--glob", "*.jsonl", "-o", str(target), "--format", "jsonl", "-q", "-j", "2"]
    # as a terminal starts it: Ctrl-C delivered (a shell's background job would inherit it ignored)
    running = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE, preexec_fn=_ctrl_c_as_at_a_terminal)
    deadline = time.monotonic() + 60
    while not any(p.stat().st_size for p in tmp_path.rglob("*.part")) and time.monotonic() < deadline and running.poll() is None:
        time.sleep(0.01)
    assert running.poll() is None, "the run ended before it could be interrupted: the corpus is too small"
    os.killpg(running.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    _, stderr = running.communicate(timeout=60)
    assert running.returncode == 130, stderr
    assert stderr.decode().strip().splitlines() == ["cutter: interrupted: nothing unfinished was kept"]
    assert not list(tmp_path.rglob("*.part")) and not (tmp_path / "all.jsonl").exists()


# 10. outputs get normal permissions -------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_outputs_get_the_permissions_the_umask_allows(tmp_path: Path, fmt: str) -> None:
    source = tmp_path / "a.txt"
    source.write_text(page("甲"), encoding="utf-8")
    previous = os.umask(0o022)
    try:
        assert cli("split", str(source), "-o", str(tmp_path / "out"), "--format", fmt, "-j", "1").exit_code == 0
        single = tmp_path / ("all.txt" if fmt == "text" else "all.jsonl")  # a name's suffix must fit the format
        assert cli("split", str(source), "-o", str(single), "--format", fmt).exit_code == 0
    finally:
        os.umask(previous)
    made = [p for p in tmp_path.rglob("*") if p != source]
    assert {oct(p.stat().st_mode & 0o777) for p in made if p.is_file()} == {"0o644"}
    assert {oct(p.stat().st_mode & 0o777) for p in made if p.is_dir()} == {"0o755"}


# the time limit ---------------------------------------------------------------------------


def slow_process(document: Document, config: Config) -> Result:
    """The pipeline, except that a document holding 慢 never ends (a stand-in for a stall)."""
    if "慢" in document.text:
        time.sleep(3600)
    return process(document, config)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_past_the_time_limit_fails_alone_and_the_batch_goes_on(tmp_path: Path, jobs: int) -> None:
    source = tmp_path / "d.jsonl"
    lines = [json.dumps({"text": page("慢" if n == 3 else f"第{n}行")}, ensure_ascii=False) for n in range(1, 7)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "e.txt").write_text(page("慢"), encoding="utf-8")
    (tmp_path / "f.txt").write_text(page("快"), encoding="utf-8")
    items = discover([str(tmp_path)], pattern="*[dtl]")
    started = time.monotonic()
    done = list(run(items, Config(format="jsonl"), jobs=jobs, timeout=3, processor=slow_process))
    assert time.monotonic() - started < 30
    failed = [(o.label, o.error) for o in done if o.error]
    expected = "timed out after 3 s (--timeout)" + ("; its worker was replaced" if jobs > 1 else "")
    assert failed == [(f"{source}:3", expected), (str(tmp_path / "e.txt"), expected)]
    assert [o.label for o in done if not o.error] == [f"{source}:{n}" for n in (1, 2, 4, 5, 6)] + [str(tmp_path / "f.txt")]


def test_a_dead_worker_fails_its_document_alone() -> None:
    items = [Source("x.txt", None, "x"), Source("y.txt", None, "y")]
    from cutter.batch import Task
    from cutter.pool import run_pool

    tasks = [Task(items[0], data="慢".encode()), Task(items[1], data=page("乙").encode())]
    done = list(run_pool(tasks, Config(), 2, "text", None, 0, die_on_slow))
    assert [(o.label, (o.error or "")[:27]) for o in done] == [("x.txt", "its worker process died (ex"), ("y.txt", "")]


def die_on_slow(document: Document, config: Config) -> Result:
    if "慢" in document.text:
        os._exit(3)
    return process(document, config)


def test_the_timeout_is_an_option(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(page("甲"), encoding="utf-8")
    assert cli("split", str(tmp_path / "a.txt"), "--timeout", "5").exit_code == 0
    result = cli("split", str(tmp_path / "a.txt"), "--timeout", "-1")
    assert result.exit_code == 2 and "--timeout" in result.stderr


# the mapping, as a property ---------------------------------------------------------------

_names = st.sampled_from(["a", "b", "a.txt", "b.md", "x.jsonl", "a.jsonl", "c.txt.gz"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_names, min_size=1, max_size=3), min_size=1, max_size=8), st.sampled_from(["text", "jsonl"]))
def test_an_accepted_mapping_is_one_to_one_and_never_nests(tree: list[list[str]], fmt: str) -> None:
    from cutter.batch import _stem, unsafe_outputs
    from cutter.export import FolderSink

    out = Path("/nonexistent/out")
    sources = [Source("/".join(parts), None, _stem("/".join(parts))) for parts in tree]
    sink = FolderSink(out, fmt)
    if unsafe_outputs(sources, out, sink.output_name) is not None:
        return
    made = [sink.target(source).relative_to(out).parts for source in sources]
    assert len(set(made)) == len(made)
    assert not any(a != b and b[: len(a)] == a for a in made for b in made)


def test_a_leftover_part_is_never_followed_or_kept(tmp_path: Path) -> None:
    """A ``.part`` an interrupted run left where an output is built is emptied if it is a file,
    and removed if it is a link (never followed: what it points to stays as it is) or a folder;
    a file in the target's place is replaced, a folder there removed whole."""
    from cutter.export import FolderSink, part_of

    out, outside = tmp_path / "out", tmp_path / "precious.txt"
    outside.write_text("别人的文件", encoding="utf-8")
    out.mkdir()
    sink = FolderSink(out, "jsonl")
    sources = [Source(str(tmp_path / f"{stem}.txt"), tmp_path / f"{stem}.txt", stem) for stem in "abcd"]
    part_of(sink.target(sources[0])).write_text("上次没写完", encoding="utf-8")
    part_of(sink.target(sources[1])).symlink_to(outside)
    part_of(sink.target(sources[2])).mkdir()
    (out / "c.jsonl").mkdir()
    (out / "c.jsonl" / "old.txt").write_text("旧的", encoding="utf-8")
    (out / "d.jsonl").write_text("旧的", encoding="utf-8")
    for source in sources:
        sink.begin(source)
        assert sink.stream is not None
        sink.stream.write(f"{source.stem}\n".encode())
        sink.end(source, ok=True)
    assert outside.read_text(encoding="utf-8") == "别人的文件"
    assert sorted(p.name for p in out.iterdir()) == ["a.jsonl", "b.jsonl", "c.jsonl", "d.jsonl"]
    assert [(out / f"{s}.jsonl").read_text() for s in "abcd"] == ["a\n", "b\n", "c\n", "d\n"]


def _stem_by_pathlib(relative: str) -> str:
    """The output stem as it was found with pathlib (``with_name``/``with_suffix``), before
    the string version: the reference it must agree with (except where pathlib raised)."""
    from pathlib import PurePosixPath

    path = PurePosixPath(relative)
    for suffix in (".jsonl.gz", ".ndjson.gz", ".txt.gz"):
        if path.name.endswith(suffix):
            return str(path.with_name(path.name[: -len(suffix)]))
    return str(path.with_suffix("")) if path.suffix else str(path)


_name_parts = st.text(st.sampled_from("ab.-_甲 "), min_size=1, max_size=6).filter(lambda part: part not in (".", ".."))


@settings(max_examples=500, deadline=None)
@given(st.lists(_name_parts, min_size=1, max_size=3), st.sampled_from(["", ".txt", ".txt.gz", ".jsonl.gz", ".ndjson.gz", ".md"]))
def test_an_output_stem_is_the_one_pathlib_gave(parts: list[str], suffix: str) -> None:
    from cutter.batch import _stem

    relative = "/".join(parts) + suffix
    try:
        expected = _stem_by_pathlib(relative)
    except ValueError:  # pathlib refused a name that is all suffix (".txt.gz"); the string version keeps a stem
        return
    assert _stem(relative) == expected


def test_an_input_is_resolved_as_pathlib_resolves_it(tmp_path: Path) -> None:
    from cutter.batch import _resolved

    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("甲", encoding="utf-8")
    (tmp_path / "elsewhere.txt").write_text("乙", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "b.txt").symlink_to(tmp_path / "elsewhere.txt")
    folders: dict[str, str] = {}
    for path in [tmp_path / "linked" / "a.txt", tmp_path / "real" / "a.txt", tmp_path / "linked" / "b.txt",
                 tmp_path / "linked" / ".." / "elsewhere.txt", Path("relative.txt"), tmp_path / "real" / "..",
                 tmp_path / "real" / "."]:  # fmt: skip
        assert _resolved(str(path), folders) == str(path.resolve())
