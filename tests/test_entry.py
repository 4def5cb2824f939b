"""The command's entry point (cutter/__main__.py): light for the workers that re-run it, and the
fork server started early only for a split that looks given a folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cutter.__main__ import batch_likely


@pytest.mark.parametrize(
    "args",
    [
        ["split", "{folder}"],
        ["split", "{folder}", "-o", "out/", "--format", "jsonl"],
        ["split", "-q", "{folder}", "-j", "2"],
        ["split", "{file}", "{folder}"],
        ["split", "{folder}", "--engine", "local"],
    ],
)
def test_a_split_of_a_folder_starts_the_fork_server_early(args: list[str], tmp_path: Path) -> None:
    assert batch_likely(_filled(args, tmp_path))


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--version"],
        ["check", "{folder}"],  # check decides on the inputs' size (cli._default_workers)
        ["rules"],
        ["split", "{file}"],
        ["split", "-"],
        ["split", "{file}", "-o", "{folder}"],  # the output folder is no input
        ["split", "{file}", "--output", "{folder}"],
        ["split", "{folder}", "-j", "1"],
        ["split", "{folder}", "-j1"],
        ["split", "{folder}", "--jobs", "1"],
        ["split", "{folder}", "--jobs=1"],
        ["split", "{folder}", "--engine", "ray", "-o", "out/"],
        ["split", "{folder}", "--engine=ray"],
        ["split", "{missing}"],
    ],
)
def test_other_commands_start_no_fork_server(args: list[str], tmp_path: Path) -> None:
    assert not batch_likely(_filled(args, tmp_path))


def _filled(args: list[str], tmp_path: Path) -> list[str]:
    (tmp_path / "in").mkdir()
    (tmp_path / "page.txt").write_text("读书心得\n", encoding="utf-8")
    names = {"folder": tmp_path / "in", "file": tmp_path / "page.txt", "missing": tmp_path / "gone"}
    return [arg.format(**names) for arg in args]


def test_the_entry_point_imports_neither_click_nor_multiprocessing() -> None:
    probe = "import sys, cutter.__main__; print('click' in sys.modules, 'multiprocessing' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_a_worker_that_re_runs_the_command_script_imports_no_click(tmp_path: Path) -> None:
    """multiprocessing re-runs the parent's main script in each worker (as ``__mp_main__``): the
    console script pip writes imports only cutter.__main__, so a worker never imports click."""
    script = tmp_path / "cutter-script.py"
    script.write_text(
        "import sys\n"
        "from cutter.__main__ import main\n"
        "def report(queue):\n"
        "    queue.put('click' in sys.modules)\n"
        "if __name__ == '__main__':\n"
        "    from cutter.workers import worker_context\n"
        "    context = worker_context()\n"
        "    queue = context.Queue()\n"
        "    worker = context.Process(target=report, args=(queue,))\n"
        "    worker.start()\n"
        "    print(queue.get(timeout=60))\n"
        "    worker.join()\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.split() == ["False"]


def test_python_dash_m_and_a_folder_split_through_the_entry_point(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.txt").write_text(f"读书心得(1篇)\n读书心得篇一\n{name}读书使人明智。\n", encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cutter", "split", str(folder), "-o", f"{out}/", "--format", "jsonl", "-q", "-j", "2"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in out.glob("*.jsonl")) == ["a.jsonl", "b.jsonl"]
