"""Batch runs: folders and datasets, worker processes, nothing lost (issue 4)."""

from __future__ import annotations

import gzip
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cutter.batch import Source, discover, run
from cutter.cli import main
from cutter.config import Config
from cutter.decode import decode

from .conftest import SAMPLES


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """A folder with good, legacy-encoded, empty, binary, unreadable and looping inputs."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "deep" / "er").mkdir(parents=True)
    shutil.copy(SAMPLES / "01-xinde-pian.txt", root / "good.txt")
    shutil.copy(SAMPLES / "11-gbk-crlf.txt", root / "sub" / "gbk.txt")
    traditional = (SAMPLES / "08-traditional.txt").read_text(encoding="utf-8")
    (root / "sub" / "big5.txt").write_bytes(traditional.encode("big5"))
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "locked.txt").write_text("锁住的文件", encoding="utf-8")
    (root / "deep" / "er" / "loop").symlink_to("..")
    (root / "broken.txt").symlink_to(tmp_path / "nowhere")
    (root / "notes.md").write_text("不是 txt", encoding="utf-8")
    return root


def test_a_messy_folder_processes_what_it_can_and_reports_the_rest(
    messy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:  # root can read any file, so refuse this one by hand
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = tmp_path / "out"
    result = cli("split", str(messy), "-o", str(out), "--format", "jsonl", "-j", "1")
    assert result.exit_code == 1
    produced = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.jsonl"))
    assert produced == ["empty.jsonl", "good.jsonl", "sub/big5.jsonl", "sub/gbk.jsonl"]
    big5 = [json.loads(line) for line in (out / "sub" / "big5.jsonl").read_text(encoding="utf-8").splitlines()]
    assert big5[0]["title"] == "學習雷鋒精神心得體會篇一"
    errors = sorted(line for line in result.stderr.splitlines() if line.startswith("cutter: error"))
    assert errors == [
        f"cutter: error: {messy / 'binary.txt'}: binary file (NUL bytes and no UTF-16 byte-order mark)",
        f"cutter: error: {messy / 'broken.txt'}: broken symlink",
        f"cutter: error: {messy / 'deep' / 'er' / 'loop'}: symlink loop: folder already walked",
        f"cutter: error: {messy / 'locked.txt'}: permission denied",
    ]
    assert "empty input" in result.stderr
    assert not list(out.rglob("*.part"))


def test_output_tree_mirrors_the_input_tree_in_text_format(messy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    cli("split", str(messy), "-o", str(out), "-j", "1")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt"))[:3] == [
        "good/01-读书的意义篇一.txt",
        "good/02-读书的意义篇二.txt",
        "good/03-读书的意义篇三.txt",
    ]
    assert (out / "sub" / "gbk" / "01-中秋节作文篇一.txt").is_file()
    assert not any(p.is_file() and out not in p.parents for p in tmp_path.rglob("*") if "in" not in p.parts)


def test_glob_chooses_files(messy: Path) -> None:
    sources = [s for s in discover([str(messy)], pattern="*.md") if isinstance(s, Source)]
    assert [s.stem for s in sources] == ["notes"]


def test_jsonl_dataset_records_carry_meta_and_bad_lines_fail_alone(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "url": "http://example/a", "text": (SAMPLES / "04-di-pian.txt").read_text(encoding="utf-8")},
        {"id": "b", "body": "no text here"},
        {"id": "c", "text": (SAMPLES / "07-fullwidth-digits.txt").read_text(encoding="utf-8")},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    lines.insert(2, "{broken json")
    dump = tmp_path / "dump.jsonl.gz"
    with gzip.open(dump, "wt", encoding="utf-8") as stream:
        stream.write("\n".join(lines) + "\n")
    result = cli("split", str(dump), "--format", "jsonl", "-j", "1")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["source"], r["index"], r["meta"]["id"]) for r in records] == [
        (f"{dump}:1", 1, "a"), (f"{dump}:1", 2, "a"), (f"{dump}:1", 3, "a"), (f"{dump}:4", 1, "c"), (f"{dump}:4", 2, "c"),
    ]  # fmt: skip
    assert records[0]["meta"] == {"id": "a", "url": "http://example/a"}
    assert f"cutter: error: {dump}:2: no text field 'text'" in result.stderr
    assert f"cutter: error: {dump}:3: not a JSON object" in result.stderr


def test_text_files_can_be_read_as_datasets_with_another_field(tmp_path: Path) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(json.dumps({"content": "作文(2篇)\n作文篇一\n甲。\n作文篇二\n乙。"}, ensure_ascii=False) + "\n")
    result = cli("split", str(dump), "--input-format", "jsonl", "--field", "content", "--format", "jsonl")
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == ["甲。", "乙。"]


def test_worker_processes_give_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    for number, sample in enumerate(sorted(SAMPLES.glob("*.txt")) * 3):
        shutil.copy(sample, tmp_path / f"{number:03d}-{sample.name}")
    one = cli("split", str(tmp_path), "--format", "jsonl", "-j", "1").stdout
    two = cli("split", str(tmp_path), "--format", "jsonl", "-j", "2").stdout
    assert one == two and len(one.splitlines()) > 100
    sources = [json.loads(line)["source"] for line in one.splitlines()]
    assert sources == sorted(sources)


def test_report_is_written_as_json(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    cli("split", str(SAMPLES), "--format", "jsonl", "-q", "--report", str(report), "-j", "1")
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["documents_ok"] == len(list(SAMPLES.glob("*.txt"))) and data["documents_failed"] == 0
    assert data["pieces"] > 30 and data["edits"]["page-break"] >= 5 and data["warnings"]["no-headers"] >= 1
    assert len(data["slowest"]) == 5


def test_resume_needs_an_output_folder() -> None:
    result = cli("split", str(SAMPLES), "--resume")
    assert result.exit_code == 2 and "--resume needs -o FOLDER" in result.stderr


def test_output_file_may_not_be_an_input(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    shutil.copy(SAMPLES / "04-di-pian.txt", target)
    result = cli("split", str(target), "-o", str(target))
    assert result.exit_code == 2 and "is one of the inputs" in result.stderr
    assert target.read_bytes() == (SAMPLES / "04-di-pian.txt").read_bytes()


def test_run_orders_outcomes_by_source(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.txt"):
        shutil.copy(SAMPLES / "04-di-pian.txt", tmp_path / name)
    labels = [o.label for o in run(discover([str(tmp_path)]), Config(), jobs=2)]
    assert labels == [str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")]


def _tree(folder: Path) -> dict[str, bytes]:
    """The outputs, without cutter's own lock and manifest."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith((".cutter.lock", ".cutter-manifest"))
    }


@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_a_killed_run_resumes_to_the_same_outputs(tmp_path: Path, fmt: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    samples = sorted(SAMPLES.glob("*.txt"))
    for number in range(400):
        shutil.copy(samples[number % len(samples)], corpus / f"{number:04d}.txt")
    whole, interrupted = tmp_path / "whole", tmp_path / "interrupted"
    command = [sys.executable, "-m", "cutter", "split", str(corpus), "--format", fmt, "-q", "-j", "1", "-o"]
    subprocess.run([*command, str(whole)], check=True)

    run_ = subprocess.Popen([*command, str(interrupted)], start_new_session=True)
    deadline = time.monotonic() + 60
    while len(list(interrupted.glob("*"))) < 40 and time.monotonic() < deadline and run_.poll() is None:
        time.sleep(0.01)
    os.killpg(run_.pid, signal.SIGKILL)
    run_.wait()
    done_before = {p.name for p in interrupted.iterdir() if not p.name.startswith(".")}
    assert 0 < len(done_before) < 400, "the run was not interrupted midway"

    resumed = subprocess.run([*command, str(interrupted), "--resume", "--report", str(tmp_path / "r.json")])
    assert resumed.returncode == 0
    assert _tree(interrupted) == _tree(whole)  # the killed run's hidden .part leftovers are gone too
    assert json.loads((tmp_path / "r.json").read_text())["sources_skipped"] == len(done_before)


def test_three_shards_give_exactly_the_records_of_one_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, sample in enumerate(sorted(SAMPLES.glob("*.txt")) * 2):
        shutil.copy(sample, corpus / f"{number:03d}.txt")
    whole, sharded = tmp_path / "whole", tmp_path / "sharded"
    assert cli("split", str(corpus), "-o", str(whole), "--format", "jsonl", "-q", "-j", "1").exit_code == 0
    counts = []
    for index in range(3):
        result = cli("split", str(corpus), "-o", str(sharded), "--format", "jsonl", "-q", "-j", "1", "--shard", f"{index}/3")
        assert result.exit_code == 0
        marker = json.loads((sharded / f".cutter-shard-{index}-of-3.done").read_text(encoding="utf-8"))
        counts.append(marker["documents_ok"])
    assert all(counts) and sum(counts) == len(list(corpus.glob("*.txt")))
    outputs = {k: v for k, v in _tree(sharded).items() if not k.startswith(".cutter-shard")}
    assert outputs == _tree(whole)


@pytest.mark.parametrize(
    ("value", "message"),
    [("3/3", "I must be at least 0 and less than N"), ("x", "is not I/N"), ("1/0", "I must be at least 0")],
)
def test_bad_shard_values_are_usage_errors(tmp_path: Path, value: str, message: str) -> None:
    result = cli("split", str(SAMPLES), "-o", str(tmp_path / "o"), "--shard", value)
    assert result.exit_code == 2 and message in result.stderr


def test_shard_needs_an_output_folder() -> None:
    result = cli("split", str(SAMPLES), "--shard", "0/2")
    assert result.exit_code == 2 and "--shard needs -o FOLDER" in result.stderr


def test_a_file_over_the_size_limit_fails_alone(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    big.write_bytes((SAMPLES / "01-xinde-pian.txt").read_bytes() * 600)  # ~1.4 MB
    shutil.copy(SAMPLES / "04-di-pian.txt", tmp_path / "small.txt")
    result = cli("split", str(tmp_path), "--format", "jsonl", "--max-size", "1", "-j", "1")
    assert result.exit_code == 1
    assert f"cutter: error: {big}: 1.4 MB is over the 1 MB limit for one page" in result.stderr
    assert len(result.stdout.splitlines()) == 3
    assert cli("split", str(big), "--format", "jsonl", "-q").exit_code == 0


def test_an_interrupted_run_commits_nothing_partial(tmp_path: Path) -> None:
    from cutter.export import FileSink, write_all

    outcomes = run(discover([str(SAMPLES)]), Config(format="jsonl"))

    def interrupted():
        yield next(outcomes)
        raise KeyboardInterrupt

    target = tmp_path / "all.jsonl"
    with pytest.raises(KeyboardInterrupt):
        write_all(interrupted(), FileSink(target, "jsonl"), lambda outcome: None)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_a_killed_dataset_run_resumes_to_the_same_outputs(tmp_path: Path, fmt: str) -> None:
    """Issue 10: kill -9 in the middle of JSONL dumps, then --resume: the same outputs as one
    whole run, with workers, and a dump cut off mid-way is redone, not trusted."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    samples = [decode(p.read_bytes()).text for p in sorted(SAMPLES.glob("*.txt"))]
    for number in range(16):
        rows = [json.dumps({"id": line, "text": samples[(number + line) % len(samples)]}, ensure_ascii=False) for line in range(25)]
        (corpus / f"{number:02d}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    whole, interrupted = tmp_path / "whole", tmp_path / "interrupted"
    command = [sys.executable, "-m", "cutter", "split", str(corpus), "--glob", "*.jsonl", "--format", fmt, "-q", "-j", "2", "-o"]
    subprocess.run([*command, str(whole)], check=True)

    (scratch := tmp_path / "tmp").mkdir()  # what a killed run's workers leave (their spill folder) stays in here
    run_ = subprocess.Popen([*command, str(interrupted)], start_new_session=True, env={**os.environ, "TMPDIR": str(scratch)})
    deadline = time.monotonic() + 60
    while len([p for p in interrupted.glob("*") if not p.name.startswith(".")]) < 4 and time.monotonic() < deadline and run_.poll() is None:
        time.sleep(0.01)
    os.killpg(run_.pid, signal.SIGKILL)
    run_.wait()
    done_before = {p.name for p in interrupted.iterdir() if not p.name.startswith(".")}
    assert 0 < len(done_before) < 16, "the run was not interrupted midway"

    resumed = subprocess.run([*command, str(interrupted), "--resume", "--report", str(tmp_path / "r.json")])
    assert resumed.returncode == 0
    assert _tree(interrupted) == _tree(whole)
    assert not list(interrupted.rglob("*.part"))
    assert json.loads((tmp_path / "r.json").read_text())["sources_skipped"] == len(done_before)


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server here")
def test_workers_are_forks_of_a_warm_fork_server(tmp_path: Path) -> None:
    """The pool's workers fork from a server that imported and warmed up the pipeline once
    (cutter._preload), not a new interpreter each, and clean what one process cleans."""
    from cutter import workers

    context = workers.worker_context()
    assert context.get_start_method() == "forkserver"
    from multiprocessing import forkserver

    assert "cutter._preload" in forkserver._forkserver._preload_modules  # type: ignore[attr-defined]
    for number in range(6):
        (tmp_path / f"{number}.txt").write_text(f"作文(2篇)\n作文篇一\n第{number}篇的。。。正文\n作文篇二\n乙。\n", encoding="utf-8")
    two, one = (cli("split", str(tmp_path), "--format", "jsonl", "-j", jobs) for jobs in ("2", "1"))
    assert two.exit_code == 0 and two.stdout == one.stdout and two.stdout.count("\n") == 12
