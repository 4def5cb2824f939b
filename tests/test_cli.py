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


# --- issue 12: every failure is one line; -o says what it means; records and warnings ---


FAILURES = [
    # (arguments after `split SAMPLE`, exit status, what the line says)
    (["--report", "{tmp}"], 2, "--report {tmp} is a folder; name a file"),
    (["-o", "/proc/nope/x.jsonl"], 2, "cannot write /proc/nope/x.jsonl: no such file or directory"),
    (["-o", "{tmp}/file.txt/x.jsonl"], 2, "cannot write {tmp}/file.txt/x.jsonl: {tmp}/file.txt is a file, not a folder"),
    (["-o", "{tmp}/file.txt/sub/"], 2, "is a file, not a folder"),
    (["-o", "{tmp}/d.csv"], 2, "-o {tmp}/d.csv: cutter writes .txt, .jsonl, .ndjson or .jsonl.gz files"),
    (["-o", "{tmp}/x.jsonl", "--format", "text"], 2, "-o {tmp}/x.jsonl names a JSONL file, but --format is text"),
    (["-o", "{tmp}/x.txt", "--format", "jsonl"], 2, "names a text file, but --format is jsonl"),
    (["--titles", "--format", "jsonl"], 2, "--titles/--no-titles applies to the text format only"),
    (["--no-edits"], 2, "--edits/--no-edits applies to --format jsonl only"),
    (["--format", "csv"], 2, "Invalid value for '--format'"),
    (["--select", "fulwidth"], 2, "did you mean 'fullwidth'?"),
    (["--config", "{tmp}/missing.toml"], 2, "missing.toml: cannot read: no such file or directory"),
    (["--resume"], 2, "--resume needs -o FOLDER"),
]
BAD_TABLES = [
    ('max_size_mb = "big"', "max_size_mb: expected a whole number of megabytes"),
    ("encoding = 5", "encoding: expected a string"),
    ("tool = 3", "tool: expected a table, got 3"),
    ('titles = "no"', "titles: expected true or false, got 'no'"),
    ("[tool.cutter\n", "cannot read"),
]


@pytest.mark.parametrize(("arguments", "status", "message"), FAILURES, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_every_failure_is_one_line(tmp_path: Path, arguments: list[str], status: int, message: str) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    tmp = str(tmp_path)
    result = run("split", SAMPLE, *[a.replace("{tmp}", tmp) for a in arguments])
    assert result.exit_code == status
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("cutter: error: "), result.stderr
    assert message.replace("{tmp}", tmp) in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(("table", "message"), BAD_TABLES)
@pytest.mark.parametrize("command", ["split", "check"])
def test_a_bad_config_table_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, table: str, message: str
) -> None:
    text = table if table.startswith(("tool", "[")) else f"[tool.cutter]\n{table}\n"
    (tmp_path / "pyproject.toml").write_text(text)
    monkeypatch.chdir(tmp_path)
    result = run(command, SAMPLE)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr and "Traceback" not in result.output


def test_dash_means_standard_output() -> None:
    assert records(run("split", SAMPLE, "-o", "-", "--format", "jsonl").stdout)[0]["index"] == 1


def test_a_jsonl_name_implies_jsonl_and_gz_compresses(tmp_path: Path) -> None:
    import gzip

    run("split", SAMPLE, "-o", str(tmp_path / "all.ndjson"))
    assert len(records((tmp_path / "all.ndjson").read_text(encoding="utf-8"))) == 3
    assert run("split", SAMPLE, "-o", str(tmp_path / "all.jsonl.gz")).exit_code == 0
    assert len(records(gzip.decompress((tmp_path / "all.jsonl.gz").read_bytes()).decode("utf-8"))) == 3


def test_a_trailing_slash_is_always_a_folder(tmp_path: Path) -> None:
    assert run("split", SAMPLE, "-o", f"{tmp_path}/out.jsonl/", "--format", "jsonl").exit_code == 0
    assert (tmp_path / "out.jsonl" / "01-xinde-pian.jsonl").is_file()


def test_every_record_has_meta_and_a_stable_id(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"text": Path(SAMPLE).read_text(encoding="utf-8"), "url": "u"}, ensure_ascii=False) + "\n")
    from_file = records(run("split", SAMPLE, "--format", "jsonl").stdout)
    from_dump = records(run("split", str(dump), "--format", "jsonl").stdout)
    assert {frozenset(r) for r in from_file + from_dump} == {frozenset(FIELDS)}
    assert [r["id"] for r in from_file] == [f"{SAMPLE}#1", f"{SAMPLE}#2", f"{SAMPLE}#3"]
    assert from_file[0]["meta"] == {} and from_dump[0]["meta"] == {"url": "u"}
    assert from_dump[2]["id"] == f"{dump}:1#3"


def test_every_warning_starts_with_its_kind_and_is_one_line(tmp_path: Path) -> None:
    from cutter.lint_warnings import WARNINGS, kind_of
    from cutter.rules import BY_NAME

    page = tmp_path / "page.txt"
    page.write_text("作文(3篇)\n作文篇一\n甲，乙 丙。\n作文篇二\n【导语】多行\n导语\n乙。\n作文篇四\n丙。\n", encoding="utf-8")
    result = run("split", *[str(p) for p in sorted(SAMPLES.glob("*.txt"))], str(page), "--format", "jsonl")
    warnings = [w for r in records(result.stdout) for w in r["warnings"]]
    lines = [line for line in result.stderr.splitlines() if line.startswith("cutter: warning: ")]
    assert warnings and lines
    for warning in warnings:
        assert kind_of(warning) in {*WARNINGS, *BY_NAME}, warning
        assert "\n" not in warning
    for line in lines:
        assert kind_of(line.split(": ", 3)[3]) in {*WARNINGS, *BY_NAME}, line
    assert any("nested-headers: piece 2: holds 2 nested sub-headers" in line for line in lines)  # also on stderr


def test_an_empty_piece_is_warned_and_keeps_its_block(tmp_path: Path) -> None:
    page = tmp_path / "one-line.txt"
    page.write_text("我的理想作文(精选3篇)\n", encoding="utf-8")
    rows = records(run("split", str(page), "--format", "jsonl").stdout)
    assert len(rows) == 1 and rows[0]["text"] == ""
    assert any(w.startswith("empty-piece: ") for w in rows[0]["warnings"])
    twice = run("split", str(page), SAMPLE).stdout
    blocks = [b for b in twice.split("\n\n") if b.strip()]
    assert len(blocks) == 1 + 3 and blocks[0] == "我的理想作文"


def test_the_summary_counts_warnings_by_their_kind(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    run("split", str(SAMPLES), "-q", "--report", str(report))
    kinds = json.loads(report.read_text(encoding="utf-8"))["warnings"]
    assert {"count-mismatch", "no-headers", "nested-headers"} <= set(kinds) and "other" not in kinds


def test_no_summary_drops_the_tables_but_keeps_the_warnings() -> None:
    both = [str(SAMPLES / "10-count-mismatch.txt"), SAMPLE]
    full = run("split", *both).stderr
    quiet = run("split", *both, "--no-summary").stderr
    assert "per rule" in full and "per rule" not in quiet
    assert "count-mismatch: the title declares 4 pieces" in quiet


def test_stdin_filename_names_standard_input_on_split() -> None:
    rows = records(run("split", "-", "--format", "jsonl", "--stdin-filename", "page.txt", input=Path(SAMPLE).read_bytes()).stdout)
    assert [r["id"] for r in rows] == ["page.txt#1", "page.txt#2", "page.txt#3"] and rows[0]["source"] == "page.txt"


def test_piped_check_lines_are_never_cut() -> None:
    lines = run("check", SAMPLE).stdout.splitlines()
    intro = next(line for line in lines if " intro " in line)
    assert len(intro) > 80 and intro.endswith("…”")


def test_a_quiet_split_never_imports_rich(tmp_path: Path) -> None:
    """rich is a tenth of the start-up: a quiet run that has nothing to show goes without it,
    and a run that warns still prints through it."""
    page = tmp_path / "page.txt"
    page.write_text("读书心得(2篇)\n读书心得篇一\n读书使人明智。\n读书心得篇二\n书是人类进步的阶梯。\n", encoding="utf-8")
    probe = (
        "import sys; from cutter.cli import main\n"
        "try: main(sys.argv[1:])\n"
        "except SystemExit as end: code = end.code\n"
        "print('rich' in sys.modules, code)"
    )
    quiet = subprocess.run([sys.executable, "-c", probe, "split", str(page), "-q", "-o", str(tmp_path / "out.jsonl")],
                           capture_output=True, text=True, check=True)  # fmt: skip
    assert quiet.stdout.split() == ["False", "0"]
    missing = subprocess.run([sys.executable, "-c", probe, "split", str(tmp_path / "missing.txt"), "-q"],
                             capture_output=True, text=True, check=True)  # fmt: skip
    assert missing.stdout.split() == ["True", "1"] and "missing.txt" in missing.stderr
