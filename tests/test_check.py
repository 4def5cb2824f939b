"""`cutter check` as a linter (issue 12): report forms, exit codes, --diff, --fix,
rule selection, suppressions, `cutter rules`, and the pre-commit hooks."""

from __future__ import annotations

import json
from collections import Counter
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cutter.cli import main
from cutter.config import Config
from cutter.core import process
from cutter.lint import clean_in_place, rewrite, suppressions, unified_diff
from cutter.model import Document
from cutter.split import split

from .conftest import SAMPLES

ROOT = SAMPLES.parent
SAMPLE = str(SAMPLES / "01-xinde-pian.txt")
# A small compilation of our own: a stray traditional character, an indented line, a
# spun connective, a placeholder, and nothing else to change.
DIRTY = (
    "环保倡议书(精选2篇)\n"
    "\n"
    "环保倡议书篇一\n"
    "\n"
    "　　保护环境是每个人的責任。\n"
    "\n"
    "我们要节约用水 and 用电。\n"
    "\n"
    "环保倡议书篇二\n"
    "\n"
    "倡议人：xx\n"
)
CLEAN = "环保倡议书(精选2篇)\n\n环保倡议书篇一\n\n保护环境是每个人的责任。\n\n环保倡议书篇二\n\n请大家一起行动。\n"


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture
def dirty(tmp_path: Path) -> Path:
    path = tmp_path / "dirty.txt"
    path.write_text(DIRTY, encoding="utf-8")
    return path


# --- report forms ---------------------------------------------------------------------


def test_full_is_the_default_and_unchanged(dirty: Path) -> None:
    lines = run("check", str(dirty)).stdout.splitlines()
    assert f"{dirty}:5:1 whitespace     '\\u3000\\u3000' → ''" in lines
    assert f"{dirty}:5:12 traditional    '責' → '责'" in lines
    assert f"{dirty}:11:5 placeholder    warning: placeholder “xx”" in lines


def test_concise_is_one_line_per_finding_with_a_fixable_mark(dirty: Path) -> None:
    result = run("check", str(dirty), "--output-format", "concise")
    lines = result.stdout.splitlines()
    assert f"{dirty}:5:12: traditional [*] '責' → '责'" in lines
    assert f"{dirty}:7:8: english [*] ' and ' → '和'" in lines
    assert f"{dirty}:11:5: placeholder placeholder “xx”" in lines
    assert all(re.match(rf"{re.escape(str(dirty))}:\d+:\d+: \S+ ", line) for line in lines)
    assert "rule" not in result.stderr  # no table off a terminal


def test_json_and_jsonl_carry_the_same_findings(dirty: Path) -> None:
    as_json = json.loads(run("check", str(dirty), "--output-format", "json").stdout)
    as_jsonl = [json.loads(line) for line in run("check", str(dirty), "--output-format", "jsonl").stdout.splitlines()]
    assert as_json == as_jsonl and len(as_json) >= 4
    keys = {"file", "line", "column", "end", "rule", "kind", "before", "after", "message", "fixable"}
    assert all(set(f) == keys for f in as_json)
    traditional = next(f for f in as_json if f["rule"] == "traditional")
    assert traditional == {
        "file": str(dirty), "line": 5, "column": 12, "end": {"line": 5, "column": 13}, "rule": "traditional",
        "kind": "fix", "before": "責", "after": "责", "message": "'責' → '责'", "fixable": True,
    }  # fmt: skip
    placeholder = next(f for f in as_json if f["rule"] == "placeholder")
    assert placeholder["kind"] == "detect" and placeholder["before"] is None and not placeholder["fixable"]


def test_json_of_a_clean_file_is_an_empty_array(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    result = run("check", str(clean), "--output-format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_github_annotations_fail_on_changes_and_warn_on_warnings(dirty: Path) -> None:
    lines = run("check", str(dirty), "--output-format", "github").stdout.splitlines()
    assert (
        f"::error title=cutter (traditional),file={dirty},line=5,col=12,endLine=5,endColumn=13::"
        f"{dirty}:5:12: traditional '責' → '责'"
    ) in lines
    assert any(line.startswith("::warning title=cutter (placeholder),") for line in lines)
    strict = run("check", str(dirty), "--output-format", "github", "--warnings-as-findings").stdout
    assert "::warning" not in strict


def test_github_annotations_escape_what_workflow_commands_reserve(tmp_path: Path) -> None:
    odd = tmp_path / "a,b:c.txt"
    odd.write_text(DIRTY, encoding="utf-8")
    line = run("check", str(odd), "--output-format", "github").stdout.splitlines()[0]
    assert "file=" + str(odd).replace(":", "%3A").replace(",", "%2C") + "," in line


# SARIF 2.1.0 properties that sarif-pydantic 0.6 does not model (it keeps them as extras).
SPEC_KEYS_THE_MODEL_LACKS = {"$schema", "columnKind"}


def _no_unknown_keys(model: object) -> None:
    """sarif-pydantic accepts unknown keys; a misspelled SARIF property would hide there."""
    from pydantic import BaseModel

    if isinstance(model, BaseModel):
        extra = {k: v for k, v in (model.model_extra or {}).items() if k not in SPEC_KEYS_THE_MODEL_LACKS}
        assert not extra, f"{type(model).__name__} has keys SARIF does not define: {sorted(extra)}"
        for name in type(model).model_fields:
            _no_unknown_keys(getattr(model, name))
    elif isinstance(model, (list, tuple)):
        for item in model:
            _no_unknown_keys(item)


def test_sarif_is_valid_sarif_2_1_0(dirty: Path) -> None:
    from sarif_pydantic import Sarif

    result = run("check", str(dirty), SAMPLE, "--output-format", "sarif")
    data = json.loads(result.stdout)
    log = Sarif.model_validate(data)
    _no_unknown_keys(log)
    assert log.version == "2.1.0" and len(log.runs) == 1
    run_ = log.runs[0]
    rules = [r.id for r in run_.tool.driver.rules]
    assert "traditional" in rules and "count-mismatch" in rules and "intro" in rules
    results = data["runs"][0]["results"]
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in results)
    traditional = next(r for r in results if r["ruleId"] == "traditional")
    assert traditional["level"] == "error"
    assert traditional["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 5, "startColumn": 12, "endLine": 5, "endColumn": 13,
    }  # fmt: skip
    assert {r["level"] for r in results if r["ruleId"] == "placeholder"} == {"warning"}
    assert data["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_sarif_validation_catches_a_misspelled_key(dirty: Path) -> None:
    from sarif_pydantic import Sarif

    data = json.loads(run("check", str(dirty), "--output-format", "sarif").stdout)
    data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startline"] = 5
    with pytest.raises(AssertionError, match="startline"):
        _no_unknown_keys(Sarif.model_validate(data))


# --- exit codes -------------------------------------------------------------------------


def test_exit_codes_are_ruffs(tmp_path: Path, dirty: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    assert run("check", str(clean)).exit_code == 0
    assert run("check", str(dirty)).exit_code == 1
    assert run("check", str(dirty), "--exit-zero").exit_code == 0
    missing = str(tmp_path / "missing.txt")
    assert run("check", str(dirty), missing).exit_code == 2
    assert run("check", str(dirty), missing, "--exit-zero").exit_code == 2
    assert run("check", str(dirty), "--output-format", "nonsense").exit_code == 2


def test_warnings_count_only_when_asked(tmp_path: Path) -> None:
    warned = tmp_path / "warned.txt"
    warned.write_text(CLEAN.replace("请大家一起行动。", "倡议人：xx"), encoding="utf-8")
    assert run("check", str(warned)).exit_code == 0
    assert "placeholder" in run("check", str(warned)).stdout
    assert run("check", str(warned), "--warnings-as-findings").exit_code == 1


def test_check_reports_the_structural_warnings_split_reports() -> None:
    lines = run("check", str(SAMPLES / "10-count-mismatch.txt"), "--output-format", "concise").stdout.splitlines()
    assert any(": count-mismatch the title declares 4 pieces, but 3 were found" in line for line in lines)
    lines = run("check", str(SAMPLES / "02-yanjianggao-arabic.txt"), "--output-format", "concise").stdout.splitlines()
    assert any(": nested-headers piece 2: holds 2 nested sub-headers" in line for line in lines)
    lines = run("check", str(SAMPLES / "09-no-headers.txt"), "--output-format", "concise").stdout.splitlines()
    assert any(":1:1: no-headers " in line for line in lines)


def test_an_out_of_sequence_header_is_reported_on_its_line(tmp_path: Path) -> None:
    page = tmp_path / "seq.txt"
    page.write_text("作文(2篇)\n作文篇一\n甲。\n作文篇二\n乙。\n扩展阅读\n作文篇二\n丙。\n", encoding="utf-8")
    found = json.loads(run("check", str(page), "--output-format", "json").stdout)
    assert [(f["line"], f["rule"]) for f in found if f["rule"] == "out-of-sequence"] == [(7, "out-of-sequence")]


# --- --diff and --fix -----------------------------------------------------------------


def _gb18030_crlf(tmp_path: Path) -> Path:
    path = tmp_path / "gbk.txt"
    path.write_bytes(DIRTY.replace("\n", "\r\n").encode("gb18030"))
    return path


def _bom(tmp_path: Path) -> Path:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + DIRTY.encode("utf-8"))
    return path


def _no_final_newline(tmp_path: Path) -> Path:
    path = tmp_path / "open.txt"
    path.write_text(DIRTY + "我们要节约用水 and 用电", encoding="utf-8")
    return path


MAKERS = [_gb18030_crlf, _bom, _no_final_newline]


def test_check_and_diff_never_write(dirty: Path) -> None:
    before = dirty.read_bytes()
    run("check", str(dirty))
    run("check", "--diff", str(dirty))
    run("check", "--output-format", "sarif", str(dirty))
    assert dirty.read_bytes() == before


@pytest.mark.parametrize("maker", [None, *MAKERS], ids=["utf8", "gb18030-crlf", "bom", "no-final-newline"])
@pytest.mark.parametrize("tool", ["patch", "git"])
def test_the_diff_applies_with_patch_and_git_and_equals_the_fix(tmp_path: Path, maker, tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    work = tmp_path / "work"
    work.mkdir()
    source = (maker(tmp_path) if maker else _plain(tmp_path)).rename(work / "page.txt")
    original = source.read_bytes()
    diff = subprocess.run(
        [sys.executable, "-m", "cutter", "check", "--diff", "page.txt"], cwd=work, capture_output=True, check=False
    )
    assert diff.returncode == 1 and diff.stdout.startswith(b"--- page.txt\n+++ page.txt\n@@ -")
    command = ["patch", "-p0", "-s"] if tool == "patch" else ["git", "apply", "-p0", "--unsafe-paths", "-"]
    subprocess.run(command, cwd=work, input=diff.stdout, check=True)
    patched = source.read_bytes()
    source.write_bytes(original)
    fixed = subprocess.run(
        [sys.executable, "-m", "cutter", "check", "--fix", "page.txt"], cwd=work, capture_output=True, text=True
    )
    assert fixed.returncode == 0, fixed.stderr
    assert source.read_bytes() == patched != original


def _plain(tmp_path: Path) -> Path:
    path = tmp_path / "plain.txt"
    path.write_text(DIRTY, encoding="utf-8")
    return path


def test_fix_keeps_encoding_line_endings_and_structure(tmp_path: Path) -> None:
    path = _gb18030_crlf(tmp_path)
    result = run("check", "--fix", str(path))
    assert result.exit_code == 0  # what remains is a warning
    assert f"cutter: fixed 3 changes in {path}" in result.stderr
    data = path.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") and data.decode("gb18030").startswith("环保倡议书(精选2篇)\r\n\r\n")
    text = data.decode("gb18030").replace("\r\n", "\n")
    assert text == (
        "环保倡议书(精选2篇)\n\n环保倡议书篇一\n\n保护环境是每个人的责任。\n\n我们要节约用水和用电。\n\n"
        "环保倡议书篇二\n\n倡议人：xx\n"
    )
    assert run("check", str(path)).exit_code == 0


def test_fix_keeps_a_byte_order_mark_and_a_missing_final_newline(tmp_path: Path) -> None:
    bom, open_end = _bom(tmp_path), _no_final_newline(tmp_path)
    run("check", "--fix", str(bom), str(open_end))
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf\xe7\x8e\xaf")
    assert open_end.read_text(encoding="utf-8").endswith("我们要节约用水和用电")


def test_fix_keeps_the_file_mode(dirty: Path) -> None:
    dirty.chmod(0o640)
    run("check", "--fix", str(dirty))
    assert dirty.stat().st_mode & 0o777 == 0o640
    assert not list(dirty.parent.glob(".*part"))


def test_fix_refuses_text_the_encoding_cannot_hold(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    page = "環保倡議書(精選2篇)\n環保倡議書篇一\n保護環境。。。\n環保倡議書篇二\n請大家一起行動 。\n"
    path.write_bytes(page.encode("big5"))
    before = path.read_bytes()
    result = run("check", "--fix", str(path))
    assert path.read_bytes() == before or path.read_bytes().decode("big5")  # either fixed in Big5, or untouched
    if result.exit_code == 2:
        assert "cannot be written in big5" in result.stderr


def test_fix_with_standard_input_prints_the_fixed_text(dirty: Path) -> None:
    result = run("check", "--fix", "-", "--stdin-filename", "page.txt", input=DIRTY.encode("utf-8"))
    assert result.exit_code == 0
    assert result.stdout == dirty.read_text(encoding="utf-8").replace("的責任", "的责任").replace("　　", "").replace(
        " and ", "和"
    )
    assert "page.txt" in result.stderr
    clean = run("check", "--fix", "-", input=CLEAN.encode("utf-8"))
    assert clean.stdout == CLEAN


def test_diff_names_standard_input_as_told() -> None:
    result = run("check", "--diff", "-", "--stdin-filename", "notes/page.txt", input=DIRTY.encode("utf-8"))
    assert result.stdout.startswith("--- notes/page.txt\n+++ notes/page.txt\n")


def test_diff_and_fix_refuse_jsonl_dumps(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"text": DIRTY}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run("check", "--fix", str(dump))
    assert result.exit_code == 2 and "not on JSONL dumps" in result.stderr
    assert run("check", "--diff", "--input-format", "jsonl", str(dump)).exit_code == 2


PIECES = st.lists(
    st.tuples(
        st.sampled_from(["　　工匠精神的價值。", "我们要节约用水 and 用电。", "这都几点了。。。", "倡议人：xx", "普通的一行。", ""]),
        st.sampled_from(["\n", "\r\n"]),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=2, max_size=4), st.booleans())
def test_a_fixed_file_checks_clean_and_keeps_its_pieces(bodies: list, crlf: bool) -> None:
    newline = "\r\n" if crlf else "\n"
    parts = [f"倡议书(精选{len(bodies)}篇){newline}"]
    for number, body in enumerate(bodies, start=1):
        parts.append(f"倡议书篇{'一二三四'[number - 1]}{newline}")
        parts += [line + ending for line, ending in body]
    original = "".join(parts)
    normalized = original.replace("\r\n", "\n")
    result = process(Document("page.txt", normalized))
    cleaned, _ = clean_in_place(result, Config())
    assert [p.title for p in split(Document("page.txt", cleaned)).pieces] == [p.piece.title for p in result.pieces]
    rechecked = process(Document("page.txt", cleaned))
    again, located = clean_in_place(rechecked, Config())
    assert again == cleaned and not [item for item in located if item.before is not None]
    assert [p.text for p in rechecked.pieces] == [p.text for p in result.pieces]  # split sees the same pieces
    done = rewrite(original, normalized, cleaned)
    assert done.fixed_text().replace("\r\n", "\n") == cleaned
    usual = Counter(ending for _, ending in done.old if ending).most_common(1)[0][0]
    for tag, _, _, j1, j2 in done.opcodes:
        if tag != "equal":
            assert all(ending in (usual, "") for _, ending in done.new[j1:j2])  # new lines: the file's usual ending
    for tag, i1, i2, j1, _ in done.opcodes:
        if tag == "equal":
            assert done.new[j1 : j1 + i2 - i1] == done.old[i1:i2]  # untouched lines keep their own endings
    assert unified_diff(done, "page.txt") == "" or cleaned != normalized


# --- selection, config and suppression --------------------------------------------------


def _rules_found(*args: str, path: str) -> set[str]:
    return {f["rule"] for f in json.loads(run("check", path, "--output-format", "json", *args).stdout)}


def test_select_and_ignore_take_names_kinds_and_all(dirty: Path) -> None:
    path = str(dirty)
    assert _rules_found("--select", "traditional", path=path) == {"traditional"}
    assert _rules_found("--select", "detect", path=path) == {"placeholder"}
    assert "placeholder" not in _rules_found("--ignore", "detect", path=path)
    assert _rules_found("--select", "ALL", "--ignore", "fix", path=path) == {"placeholder"}
    assert _rules_found("--select", "fix", "--extend-select", "placeholder", "--extend-ignore", "english", path=path) == {
        "whitespace", "traditional", "placeholder",
    }  # fmt: skip
    assert _rules_found("--ignore", "fix", "--extend-select", "english", path=path) >= {"english"}


def test_intro_and_structural_warnings_can_be_ignored() -> None:
    assert "intro" in _rules_found(path=SAMPLE)
    assert "intro" not in _rules_found("--ignore", "intro", path=SAMPLE)
    count = str(SAMPLES / "10-count-mismatch.txt")
    assert "count-mismatch" not in _rules_found("--ignore", "warning", path=count)
    rows = [json.loads(l) for l in run("split", count, "--format", "jsonl", "--ignore", "count-mismatch").stdout.splitlines()]
    assert rows and not any(r["warnings"] for r in rows)


def test_unknown_names_suggest_the_nearest(dirty: Path) -> None:
    result = run("check", str(dirty), "--select", "tradtional")
    assert result.exit_code == 2
    assert result.stderr == (
        "cutter: error: --select: unknown rule or kind 'tradtional'; did you mean 'traditional'? "
        "('cutter rules' lists them)\n"
    )


def test_config_in_kebab_and_snake_case(tmp_path: Path, dirty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.cutter]\nextend-ignore = ["english"]\nkeep_boilerplate = true\n')
    assert "english" not in _rules_found(path=str(dirty))
    assert "english" in _rules_found("--isolated", path=str(dirty))
    other = tmp_path / "strict.toml"
    other.write_text('select = "traditional"\njobs = 2\nglob = "*.md"\n')
    assert _rules_found("--config", str(other), path=str(dirty)) == {"traditional"}
    markdown = tmp_path / "page.md"
    markdown.write_text(DIRTY, encoding="utf-8")
    folder_findings = json.loads(run("check", str(tmp_path), "--config", str(other), "--output-format", "json").stdout)
    assert {f["file"] for f in folder_findings} == {str(markdown)}


def test_a_string_select_is_one_rule_name(tmp_path: Path) -> None:
    from cutter.config import from_table

    assert from_table({"select": "fullwidth"}).select == ("fullwidth",)
    assert from_table({"extend-select": ["english", "ellipsis"]}).extend_select == ("english", "ellipsis")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('titles = "no"', "pyproject.toml: titles: expected true or false, got 'no'"),
        ('max_size_mb = "big"', "pyproject.toml: max_size_mb: expected a whole number of megabytes, at least 1, got 'big'"),
        ("max-size-mb = 0", "max-size-mb: expected a whole number of megabytes, at least 1, got 0"),
        ("encoding = 5", "pyproject.toml: encoding: expected a string (an encoding name), got 5"),
        ("jobs = true", "jobs: expected a whole number, at least 1, got True"),
        ("select = 3", "select: expected a rule name or a list of them, got 3"),
        ('select = ["fulwidth"]', "select: unknown rule or kind 'fulwidth'; did you mean 'fullwidth'?"),
        ('keep-boilerplat = true', "unknown option 'keep-boilerplat'; did you mean 'keep-boilerplate'?"),
    ],
)
def test_bad_config_values_are_one_line_naming_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str, message: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.cutter]\n{table}\n")
    monkeypatch.chdir(tmp_path)
    for command in ("check", "split"):
        result = run(command, SAMPLE)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr


def test_inline_suppression_leaves_the_line_alone(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(DIRTY.replace("責任。", "責任。cutter: ignore[traditional]"), encoding="utf-8")
    found = json.loads(run("check", str(page), "--output-format", "json").stdout)
    assert "traditional" not in {f["rule"] for f in found}
    assert {f["rule"] for f in found if f["line"] == 5} == {"whitespace"}  # only the named rule is held back
    run("check", "--fix", str(page))
    assert "保护环境是每个人的責任。cutter: ignore[traditional]" in page.read_text(encoding="utf-8")
    assert "节约用水和用电" in page.read_text(encoding="utf-8")


def test_a_bare_ignore_holds_back_every_rule_on_its_line(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(DIRTY.replace("用电。", "用电。 cutter: ignore"), encoding="utf-8")
    run("check", "--fix", str(page))
    text = page.read_text(encoding="utf-8")
    assert "我们要节约用水 and 用电。 cutter: ignore" in text and "的责任" in text


def test_ignore_file_leaves_the_file_alone(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(DIRTY + "cutter: ignore-file\n", encoding="utf-8")
    assert run("check", str(page)).exit_code == 0 and run("check", str(page)).stdout == ""
    selective = tmp_path / "some.txt"
    selective.write_text(DIRTY + "cutter: ignore-file[traditional, detect]\n", encoding="utf-8")
    assert _rules_found(path=str(selective)) == {"whitespace", "english"}


def test_suppressions_are_read_per_line() -> None:
    whole, lines = suppressions("a\nb cutter: ignore[english,ellipsis]\nc cutter:ignore\nd cutter: ignore-file[x]\n")
    assert whole == {"x"} and lines == {2: {"english", "ellipsis"}, 3: {"ALL"}}


# --- statistics, input options ---------------------------------------------------------


def test_statistics_count_per_rule(dirty: Path) -> None:
    text = run("check", str(dirty), SAMPLE, "--statistics").stdout
    assert re.search(r"^\s+3 traditional\s+\[\*\] fix$", text, re.M), text
    assert re.search(r"^\s+1 placeholder\s+\[ \] detect$", text, re.M)
    rows = json.loads(run("check", str(dirty), "--statistics", "--output-format", "json").stdout)
    assert {"rule": "traditional", "kind": "fix", "changes": 1, "warnings": 0, "fixable": True} in rows


def test_a_dump_is_checked_line_by_line(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    rows = [{"id": 1, "text": CLEAN}, {"id": 2, "body": DIRTY, "text": DIRTY}, {"id": 3}]
    dump.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    result = run("check", str(dump), "--output-format", "concise")
    assert result.exit_code == 2  # line 3 has no text field
    assert f"{dump}:3: no text field 'text'" in result.stderr
    lines = result.stdout.splitlines()
    assert f"{dump}:2:1: traditional [*] text 5:12: '責' → '责'" in lines
    assert not any(line.startswith(f"{dump}:1:") for line in lines)
    other = tmp_path / "dump.txt"
    other.write_text(json.dumps({"body": DIRTY}, ensure_ascii=False) + "\n", encoding="utf-8")
    by_field = run("check", str(other), "--input-format", "jsonl", "--field", "body", "--output-format", "concise")
    assert f"{other}:1:1: traditional [*] text 5:12: '責' → '责'" in by_field.stdout.splitlines()


def test_jobs_give_the_same_report_in_the_same_order(tmp_path: Path) -> None:
    for number in range(6):
        (tmp_path / f"{number}.txt").write_text(DIRTY if number % 2 else CLEAN, encoding="utf-8")
    one = run("check", str(tmp_path), "-j", "1", "--output-format", "json").stdout
    two = subprocess.run(
        [sys.executable, "-m", "cutter", "check", str(tmp_path), "-j", "2", "--output-format", "json"],
        capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert json.loads(one) == json.loads(two) and len(json.loads(one)) == 3 * 4


def test_quiet_prints_findings_only(dirty: Path) -> None:
    result = run("check", str(dirty), "-q")
    assert result.stdout and result.stderr == ""
    assert run("check", str(dirty), "--no-summary").stderr == ""


def test_short_version_flag() -> None:
    assert run("-V").output == run("--version").output


# --- cutter rules -------------------------------------------------------------------------


def test_rules_explains_one_rule() -> None:
    text = run("rules", "traditional").stdout
    for heading in ("What it does", "When it acts", "When it refuses", "Example"):
        assert heading in text
    assert "'工匠精神的價值'\n  → '工匠精神的价值'" in text
    assert "count-mismatch (warning)" in run("rules", "count-mismatch").stdout
    unknown = run("rules", "traditonal")
    assert unknown.exit_code == 2 and "did you mean 'traditional'?" in unknown.stderr


def test_rules_as_json_lists_every_rule_and_warning() -> None:
    from cutter.lint_warnings import WARNINGS
    from cutter.rules import RULES

    entries = json.loads(run("rules", "--output-format", "json").stdout)
    assert [e["name"] for e in entries] == [r.name for r in RULES] + list(WARNINGS)
    assert all(e["what"] and e["when"] and e["refuses"] for e in entries)


def test_piped_rule_list_is_never_cut() -> None:
    lines = run("rules").stdout.splitlines()
    html = next(line for line in lines if line.startswith("html\t"))
    assert html.endswith("'工匠精神 是一种态度'") and len(html) > 80


# --- pre-commit -------------------------------------------------------------------------------


def test_pre_commit_hooks_run_their_entry(tmp_path: Path) -> None:
    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"cutter-check", "cutter-fix"}
    page = tmp_path / "page.txt"
    page.write_text(DIRTY, encoding="utf-8")
    assert re.search(hooks["cutter-check"]["files"], page.name)

    def hook(name: str) -> subprocess.CompletedProcess[str]:
        entry = shlex.split(hooks[name]["entry"])
        assert entry[0] == "cutter"
        command = [sys.executable, "-m", "cutter", *entry[1:], *hooks[name].get("args", []), str(page)]
        return subprocess.run(command, capture_output=True, text=True)

    checked = hook("cutter-check")
    assert checked.returncode == 1 and f"{page}:5:12: traditional [*]" in checked.stdout
    assert page.read_text(encoding="utf-8") == DIRTY
    fixed = hook("cutter-fix")
    assert fixed.returncode == 0 and "fixed 3 changes" in fixed.stderr
    assert hook("cutter-check").returncode == 0


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_a_fixed_sample_splits_into_the_same_clean_pieces(sample: Path) -> None:
    from cutter.decode import decode

    decoded = decode(sample.read_bytes())
    result = process(Document(sample.name, decoded.text, decoded.encoding))
    cleaned, _ = clean_in_place(result, Config())
    again = process(Document(sample.name, cleaned))
    assert [(p.piece.title, p.text) for p in again.pieces] == [(p.piece.title, p.text) for p in result.pieces]
    assert not any(p.edits for p in again.pieces)
