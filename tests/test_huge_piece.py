"""A page that is one huge piece stays within memory (issue 10): its edits and the
normalizer's maps are columns, not objects; its output goes out in parts; its old text
versions are let go; and none of that changes a byte of what is written."""

from __future__ import annotations

import copy
import json
import pickle
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cutter import _core, batch, export
from cutter import normalize as normalize_module
from cutter.cli import main
from cutter.config import Config
from cutter.core import process
from cutter.decode import decode
from cutter.export import jsonl, jsonl_parts
from cutter.model import Document, Edit, Edits
from cutter.normalize import clean_text, layout
from cutter.rules import RULES, Context
from cutter.rules import base as rules_base
from cutter.split import split

SAMPLES = Path(__file__).parent.parent / "samples"
PAGES = ["01-xinde-pian.txt", "12-artifacts.txt", "15-traditional-ruby.txt", "17-hidden-gap.txt",
         "34-in-piece-headings.txt", "46-chunk-markers.txt"]  # fmt: skip


@contextmanager
def patched(module: Any, **values: Any) -> Iterator[None]:
    """Module constants set for the block (hypothesis tests cannot take ``monkeypatch``)."""
    saved = {name: getattr(module, name) for name in values}
    for name, value in values.items():
        setattr(module, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(module, name, value)


# output in parts: the same bytes --------------------------------------------------------


@pytest.mark.parametrize("options", [["--format", "jsonl"], ["--format", "text"], ["--format", "text", "--titles"],
                                     ["--format", "jsonl", "--no-edits"]])  # fmt: skip
def test_a_piece_written_in_parts_prints_what_it_prints_whole(options: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["split", *[str(SAMPLES / name) for name in PAGES], "-j", "1", *options]
    whole = CliRunner().invoke(main, args)
    monkeypatch.setattr(batch, "STREAM_CHARS", 0)  # every page streamed, every piece in parts
    monkeypatch.setattr(export, "SLICE", 7)
    monkeypatch.setattr(export, "EDIT_BATCH", 2)
    parts = CliRunner().invoke(main, args)
    assert whole.exit_code == parts.exit_code == 0
    assert parts.stdout == whole.stdout and len(whole.stdout) > 1000


def test_piece_files_written_in_parts_are_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def files(out: Path) -> dict[str, bytes]:
        args = ["split", *[str(SAMPLES / name) for name in PAGES], "-j", "1", "-q", "--titles", "-o", str(out)]
        assert CliRunner().invoke(main, args).exit_code == 0
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.txt")}

    whole = files(tmp_path / "whole")
    monkeypatch.setattr(batch, "STREAM_CHARS", 0)
    monkeypatch.setattr(export, "SLICE", 5)
    assert files(tmp_path / "parts") == whole and len(whole) > 10


TEXT = st.text(st.sampled_from(['甲', '"', "\\", "\n", "\t", "\x00", "\u2028", "😀", "a", " ", "“"]), max_size=40)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.lists(st.tuples(st.sampled_from(["html", "ellipsis"]), TEXT, TEXT), max_size=7),
       st.integers(1, 5), st.integers(1, 3), st.booleans())  # fmt: skip
def test_a_record_in_parts_is_its_json_line(text: str, changes: list[tuple[str, str, str]], slice_: int,
                                            batch_: int, meta: bool) -> None:  # fmt: skip
    edits = [Edit(rule, 0, len(before), before, after, 0) for rule, before, after in changes]
    row: dict[str, Any] = {"id": "a#1", "title": text[:3], "text": text, "warnings": [text]}
    if meta:
        row["meta"] = {"k": text}
    with patched(export, SLICE=slice_, EDIT_BATCH=batch_):
        assert "".join(jsonl_parts(row, edits)) == jsonl([{**{k: v for k, v in row.items() if k != "meta"},
                                                           "edits": [e.record() for e in edits],
                                                           **({"meta": row["meta"]} if meta else {})}])  # fmt: skip
        assert "".join(jsonl_parts(row)) == jsonl([row])
    json.loads("".join(jsonl_parts(row, edits)))


# the layout step, in the core --------------------------------------------------------------


def _layout_whole(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(["甲", "乙", "\n", " ", "\u3000", "\x1c", "\u2028", "\r", "\t", "\x85", "\xa0",
                                "\x0b", "\ud800", "\u200b", "a"]), max_size=60)
       | st.text(max_size=40))  # fmt: skip
def test_the_layout_step_is_pythons_layout(text: str) -> None:
    assert layout(text) == _layout_whole(text)
    assert _core.Run(text).laid_out() == _layout_whole(text)


def test_the_layout_step_keeps_every_line_with_ink_in_every_code_point() -> None:
    points = [chr(code) for code in range(0x110000) if code != 0x0A]
    text = "\n".join(points)
    assert layout(text) == _layout_whole(text)


# edits as columns --------------------------------------------------------------------------


RAW = "我们的工作态度 and 理念。。。。。。工匠精神的價值&nbsp;在于坚持"


def _edits() -> Edits:
    _, edits, _ = clean_text(RAW, RULES, Context())
    assert isinstance(edits, Edits) and len(edits) >= 3
    return edits


def test_edits_read_as_the_edit_objects_they_stand_for() -> None:
    edits = _edits()
    objects = tuple(edits)
    assert all(isinstance(edit, Edit) for edit in objects)
    assert edits[0] == objects[0] and edits[-1] == objects[-1] and edits[1:] == objects[1:]
    assert edits == objects and edits == list(objects) and edits != objects[:-1] and edits != "x"
    assert [edit.record() for edit in objects] == list(edits.records()) == [edit.record() for edit in edits]
    assert edits.rules() == [edit.rule for edit in objects]
    for edit in edits:
        assert RAW[edit.offset : edit.offset + len(edit.before)] == edit.before
    with pytest.raises(IndexError):
        edits[len(edits)]


def test_edits_travel_to_another_process_whole() -> None:
    edits = _edits()
    again = pickle.loads(pickle.dumps(edits))
    assert again == edits and again.raw == RAW and hash(again) == hash(edits)


def test_a_copy_of_edits_is_its_own() -> None:
    edits = _edits()
    twin = copy.copy(edits)
    twin.extend("ellipsis", [0], [1], [0], [1], ["甲"])
    assert len(twin) == len(edits) + 1 and edits == tuple(_edits())


def test_a_processed_piece_holds_its_edits_as_columns() -> None:
    result = process(Document("a.txt", "作文(1篇)\n作文篇一\n" + RAW), Config())
    assert isinstance(result.pieces[0].edits, Edits)
    assert result.records()[0]["edits"] == [edit.record() for edit in result.pieces[0].edits]


def test_the_replacement_of_a_rule_is_held_once() -> None:
    _, edits, _ = clean_text("等等。。。。。。" * 50, RULES, Context())
    afters = {id(edit.after) for edit in edits}
    assert len(edits) == 50 and len(afters) == 1


# old versions of a huge text are let go -----------------------------------------------------


def test_no_cache_keeps_an_old_version_of_a_huge_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules_base, "LARGE_TEXT", 50)
    # the image caption sends site-chrome back to Python, whose line scan (_line_findings) caches the text
    raw = "以下是小编整理的资料，仅供参考。\n\n校园一角 第3张\n" + "工匠精神的價值&nbsp;在于坚持。。。。。。\n\n" * 20
    apply, seen = normalize_module._Run.apply, []

    def watched(run: normalize_module._Run, rule, given_back: bool = False) -> bool:  # noqa: ANN001
        changed = apply(run, rule, given_back)
        current = run.core.text if changed else None
        held = [last[0] for last in rules_base._LAST_LARGE if last[0] is not None]
        seen.append((current, held))
        return changed

    monkeypatch.setattr(normalize_module._Run, "apply", watched)
    _, edits, _ = clean_text(raw, RULES, Context())
    assert len(edits) > 20
    # after a rule changed the text, the caches hold no version but the new one (and the raw body)
    after_changes = [(current, held) for current, held in seen if current is not None]
    assert after_changes and any(held for _, held in seen)
    assert all(kept is raw or kept == current for current, held in after_changes for kept in held)


def test_a_huge_text_lent_to_the_python_rules_cleans_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _sample_bodies()
    expected = clean_text(raw, RULES, Context())
    monkeypatch.setattr(rules_base, "LARGE_TEXT", 50)  # every rule written in Python reads a lent text
    lent = []
    found = normalize_module._Run._found
    monkeypatch.setattr(normalize_module._Run, "_found", lambda self, rule, large: (lent.append(large), found(self, rule, large))[1])
    text, edits, notes = clean_text(raw, RULES, Context())
    assert (text, list(edits), notes) == (expected[0], list(expected[1]), expected[2])
    assert lent and all(lent)


def test_after_each_rule_on_a_huge_text_the_freed_memory_goes_back(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = "以下是小编整理的资料，仅供参考。\n\n" + "工匠精神的價值&nbsp;在于坚持。。。。。。\n\n" * 20
    calls: list[int] = []
    monkeypatch.setattr(normalize_module, "release_freed_memory", lambda: calls.append(1))
    expected = clean_text(raw, RULES, Context())
    assert calls == []  # a piece of ordinary length: never
    ran = []
    apply = normalize_module._Run.apply
    monkeypatch.setattr(normalize_module._Run, "apply", lambda run, rule, back=False: (ran.append(rule.gate_open(run.rare)), apply(run, rule, back))[1])
    monkeypatch.setattr(rules_base, "LARGE_TEXT", 50)
    text, edits, notes = clean_text(raw, RULES, Context())
    assert (text, list(edits), notes) == (expected[0], list(expected[1]), expected[2])
    assert len(calls) == sum(ran) > 10  # once after each rule that ran, none after one its gate skipped


def test_freeing_memory_is_harmless_where_the_c_library_cannot(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes

    def no_trim(name: object) -> object:
        raise AttributeError("malloc_trim")

    monkeypatch.setattr(normalize_module, "_TRIM", None)
    monkeypatch.setattr(ctypes, "CDLL", no_trim)
    normalize_module.release_freed_memory()
    assert normalize_module._TRIM is False
    monkeypatch.undo()
    normalize_module.release_freed_memory()  # glibc here: malloc_trim, called


def test_a_lent_text_is_taken_back_when_the_core_needs_it() -> None:
    run = _core.Run("工作,生活。。。")
    text = run.lend()
    assert text == "工作,生活。。。" and run.lend() is text and run.text is text
    assert _core.rare_characters(run) == _core.rare_characters(text)  # read from the str meanwhile
    assert run.apply_core("ellipsis", False)[0] is not None and run.text == "工作,生活……"
    run.lend()
    run.forget_text()
    assert run.text == "工作,生活……"
    run.lend()
    assert run.laid_out() == "工作,生活……"
    for call in (lambda: run.text, lambda: run.apply_core("ellipsis", False), run.laid_out, run.lend,
                 lambda: _core.rare_characters(run)):  # fmt: skip
        with pytest.raises(ValueError, match="laid out"):
            call()


# memory: a long piece costs a few copies of itself, not a dozen ------------------------------
# (what tracemalloc sees: the Python side; the core's copy of the text is in bench/memory.py's figures)


def _sample_bodies() -> str:
    pages = [Document(path.name, decode(path.read_bytes()).text) for path in sorted(SAMPLES.glob("*.txt"))]
    return "\n\n".join(piece.raw.strip("\n") for page in pages for piece in split(page).pieces if len(piece.raw) > 40)


PEAK_COPIES = 11  # 19.8 before the edits and maps became columns and page-break moved into the core; 8.6 after


def test_cleaning_a_long_piece_holds_a_few_copies_of_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules_base, "LARGE_TEXT", 100_000)  # as a huge piece is treated
    bodies = _sample_bodies()  # every artifact of the samples, so the rules make their usual edits
    for warm in (bodies, bodies * 12):  # patterns compiled, converters and dictionaries loaded, caches of small texts filled
        clean_text(warm, RULES, Context())
    raw = (bodies * (300_000 // len(bodies) + 1))[:300_000]
    tracemalloc.start()
    try:
        _, edits, _ = clean_text(raw, RULES, Context())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(edits) > 1000
    assert peak < PEAK_COPIES * sys.getsizeof(raw), f"peak {peak / sys.getsizeof(raw):.1f} times the piece"


def test_pinyin_readings_are_read_without_the_phrase_dictionary() -> None:
    code = ("import sys; from cutter.rules.markup import _dictionary, is_reading; "
            "d = _dictionary(); print(len(d) > 20000, is_reading('寫', 'xiě'), 'pypinyin' in sys.modules)")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "True", "False"]


def test_pinyin_readings_are_pypinyins() -> None:
    from pypinyin.pinyin_dict import pinyin_dict

    from cutter.rules.markup import _dictionary

    assert _dictionary() == pinyin_dict
