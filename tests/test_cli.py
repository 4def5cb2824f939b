"""The command line as users and scripts see it (CONTRACT.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cutter import __version__
from cutter.cli import main

from .conftest import SAMPLES

SAMPLE = str(SAMPLES / "01-xinde-pian.txt")
FIELDS = {"id", "meta", "source", "collection", "declared", "count", "index", "title", "text", "warnings", "edits"}


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_help_and_version() -> None:
    assert "split" in run("--help").output
    assert __version__ in run("--version").output
    assert "--format" in run("split", "--help").output


def test_python_dash_m_behaves_like_cutter() -> None:
    done = subprocess.run([sys.executable, "-m", "cutter", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("cutter, version")


def test_jsonl_records_follow_the_contract() -> None:
    result = run("split", SAMPLE, "--format", "jsonl")
    assert result.exit_code == 0
    rows = records(result.stdout)
    assert [r["index"] for r in rows] == [1, 2, 3]
    for row in rows:
        assert set(row) == FIELDS
        assert row["source"] == SAMPLE and row["count"] == 3 and row["declared"] == 3
        assert row["collection"] == "读书的意义 读书心得体会报告"
        assert isinstance(row["warnings"], list)
        assert set(row["edits"][0]) == {"rule", "before", "after", "offset"} if row["edits"] else True
    assert "\\u" not in result.stdout and "读书" in result.stdout


def test_text_output_is_blocks_of_paragraphs() -> None:
    plain = run("split", SAMPLE).stdout
    blocks = plain.split("\n\n")
    assert len(blocks) == 3 and blocks[0].startswith("读书是一件需要耐心的事情")
    assert "读书的意义篇一" not in plain
    titled = run("split", SAMPLE, "--titles").stdout
    assert titled.split("\n\n")[1].startswith("读书的意义篇二\n")


def test_stdin_is_read_with_a_dash() -> None:
    text = Path(SAMPLE).read_text(encoding="utf-8")
    rows = records(run("split", "-", "--format", "jsonl", input=text.encode("utf-8")).stdout)
    assert len(rows) == 3 and rows[0]["source"] == "-"


def test_rules_can_be_selected_and_ignored() -> None:
    ignored = records(run("split", SAMPLE, "--format", "jsonl", "--ignore", "english,ellipsis").stdout)
    assert "感觉 and 书页" in ignored[1]["text"]
    assert not {e["rule"] for r in ignored for e in r["edits"]} & {"english", "ellipsis"}
    selected = records(run("split", SAMPLE, "--format", "jsonl", "--select", "traditional").stdout)
    assert {e["rule"] for r in selected for e in r["edits"]} == {"traditional"}


def test_edits_can_be_left_out() -> None:
    rows = records(run("split", SAMPLE, "--format", "jsonl", "--no-edits").stdout)
    assert "edits" not in rows[0]


def test_unknown_rule_is_a_usage_error() -> None:
    result = run("split", SAMPLE, "--ignore", "nonsense")
    assert result.exit_code == 2
    assert result.stderr == "cutter: error: --ignore: unknown rule or kind 'nonsense' ('cutter rules' lists them)\n"


def test_a_bad_input_fails_alone(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run("split", str(binary), str(tmp_path / "missing.txt"), SAMPLE, "--format", "jsonl")
    assert result.exit_code == 1
    assert len(records(result.stdout)) == 3
    errors = [line for line in result.stderr.splitlines() if line.startswith("cutter: error")]
    assert errors == [
        f"cutter: error: {binary}: binary file (NUL bytes and no UTF-16 byte-order mark)",
        f"cutter: error: {tmp_path / 'missing.txt'}: no such file or folder",
    ]
    assert "Traceback" not in result.output


def test_diagnostics_never_reach_standard_output() -> None:
    result = run("split", str(SAMPLES / "10-count-mismatch.txt"), "--format", "jsonl")
    assert "declares 4 pieces" in result.stderr
    assert all(line.startswith("{") for line in result.stdout.splitlines())
    assert "declares" not in run("split", str(SAMPLES / "10-count-mismatch.txt"), "-q").stderr


def test_output_folder_gets_one_file_per_piece(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("split", SAMPLE, str(SAMPLES / "04-di-pian.txt"), "-o", str(out)).exit_code == 0
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt"))
    assert names == [
        "01-xinde-pian/01-读书的意义篇一.txt",
        "01-xinde-pian/02-读书的意义篇二.txt",
        "01-xinde-pian/03-读书的意义篇三.txt",
        "04-di-pian/01-第一篇：平凡中的不平凡.txt",
        "04-di-pian/02-第二篇：苦难是一所大学.txt",
        "04-di-pian/03-第三篇：我眼中的田晓霞.txt",
    ]
    assert not list(out.rglob("*.part"))


def test_output_folder_gets_one_jsonl_per_source(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("split", str(SAMPLES), "-o", str(out), "--format", "jsonl")
    produced = sorted(p.name for p in out.glob("*.jsonl"))
    assert produced == sorted(p.stem + ".jsonl" for p in SAMPLES.glob("*.txt"))


def test_output_file_gets_everything(tmp_path: Path) -> None:
    target = tmp_path / "all.jsonl"
    run("split", SAMPLE, str(SAMPLES / "04-di-pian.txt"), "-o", str(target), "--format", "jsonl")
    assert len(records(target.read_text(encoding="utf-8"))) == 6


def test_titles_cannot_escape_the_output_folder(tmp_path: Path) -> None:
    source = tmp_path / "evil.txt"
    source.write_text("合集(2篇)\n【篇一】../../escape\n甲。\n【篇二】/etc/passwd\n乙。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run("split", str(source), "-o", str(out)).exit_code == 0
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file() and p != source)
    assert written and all(out in p.parents for p in written)


def test_pyproject_settings_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cutter]\nignore = ["english"]\nformat = "jsonl"\n')
    monkeypatch.chdir(tmp_path)
    rows = records(run("split", SAMPLE).stdout)
    assert "感觉 and 书页" in rows[1]["text"]


def test_rules_command_lists_every_rule() -> None:
    listing = run("rules").output
    for name in ("whitespace", "traditional", "english", "ellipsis", "watermark", "page-break"):
        assert name in listing


def test_check_prints_each_change_at_its_place_and_exits_one() -> None:
    result = run("check", SAMPLE)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{SAMPLE}:13:55 traditional    '養' → '养'" in lines
    assert f"{SAMPLE}:21:4 traditional    '價' → '价'" in lines
    assert any(line.startswith(f"{SAMPLE}:25:15 page-break") and "'\\n\\n' → ''" in line for line in lines)
    assert "12 changes" in result.stderr and "page-break" not in result.stderr  # the table: terminal only


def test_check_changes_nothing_and_passes_clean_text(tmp_path: Path) -> None:
    before = Path(SAMPLE).read_bytes()
    clean = tmp_path / "clean.txt"
    clean.write_text(run("split", SAMPLE, "--titles").stdout, encoding="utf-8")
    result = run("check", str(clean))
    assert result.exit_code == 0, result.stdout
    assert Path(SAMPLE).read_bytes() == before


def test_check_diff_is_a_unified_diff() -> None:
    result = run("check", "--diff", SAMPLE)
    assert result.exit_code == 1
    assert "--- " in result.stdout and "+++ " in result.stdout
    assert "-少读快餐”，这句话我一直记在心里。读经典就像吃一顿家常饭，慢慢品才有味道。" in result.stdout


def test_keep_boilerplate_keeps_it_and_warns() -> None:
    sample = str(SAMPLES / "02-yanjianggao-arabic.txt")
    rows = records(run("split", sample, "--format", "jsonl", "--keep-boilerplate").stdout)
    assert rows[1]["text"].startswith("下面是小编为大家整理的两篇小演讲")
    assert any(w.startswith("offer: boilerplate kept") for w in rows[1]["warnings"])
    removed = records(run("split", sample, "--format", "jsonl").stdout)
    assert not removed[1]["text"].startswith("下面是")
    assert {"rule": "offer", "before": "下面是小编为大家整理的两篇小演讲，供大家参考。", "after": "", "offset": 2} in removed[1]["edits"]


def test_readme_documents_every_rule_and_command() -> None:
    readme = (SAMPLES.parent / "README.md").read_text(encoding="utf-8")
    for rule in ("whitespace", "page-break", "offer", "footer", "placeholder", "mojibake", "pinyin-ruby"):
        assert f"| `{rule}` |" in readme
    from cutter.rules import RULES

    assert all(f"| `{rule.name}` |" in readme for rule in RULES)
    for command in ("cutter split", "cutter check", "--diff", "cutter rules", "--keep-boilerplate"):
        assert command in readme


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path: Path) -> None:
    for number in range(60):
        (tmp_path / f"{number:02d}.txt").write_bytes((SAMPLES / "01-xinde-pian.txt").read_bytes() * 20)
    command = [sys.executable, "-m", "cutter", "split", str(tmp_path), "-q"]
    pipeline = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert pipeline.stdout is not None and pipeline.stdout.read(10)
    pipeline.stdout.close()  # what `| head -c 10` does
    _, errors = pipeline.communicate(timeout=60)
    assert pipeline.returncode == 141
    assert b"Broken pipe" not in errors and b"Traceback" not in errors
