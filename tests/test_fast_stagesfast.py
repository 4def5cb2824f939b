"""The fast paths of issue 13's stagesfast round against the Python they stand for (tests/test_core_diff.py's
references, tests/split_reference.py):

* rare.rs and script.rs read runs of three-byte sequences in a tight loop and everything else the long way:
  texts that mix runs of Han (rare and common, traditional and simplified) with ASCII, two- and four-byte
  characters, CJK punctuation and lone surrogates, so that a run starting or ending at the wrong byte shows;
* lines.rs tells a line ending in a stop (or a stop and a closing quote) has no numeral last, and looks for
  a keyword break only where its first byte stands: lines ending in numerals, stops, quotes and what the
  numeral test reads past, in every order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cutter import _core
from tests import split_reference as reference
from tests.test_core_diff import candidate_lines as reference_candidate_lines
from tests.test_core_diff import document_script as reference_script
from tests.test_core_diff import rare_characters as reference_rare

HAN = ("我们体会到了", "價值與意義", "价值与意义", "的", "們", "鍙傝", "这")
OTHER = ("a", "x", " ", "\n", ",", "1", "ā", "é", "\u3000", "…", "\u2028", "\ufeff", "。", "，", "“", "”", "𠀀", "😀", "\ud800", "\udfff", "\ufffd", "\u0800", "\u0fff")

mixed = st.lists(st.sampled_from(HAN + OTHER), max_size=30).map("".join)


@settings(max_examples=1500, deadline=None)
@given(mixed)
def test_rare_characters_read_as_the_pattern_does(text: str) -> None:
    assert _core.rare_characters(text) == reference_rare(text)


@settings(max_examples=1500, deadline=None)
@given(mixed)
def test_document_script_counts_as_the_patterns_do(text: str) -> None:
    assert _core.document_script(text) == reference_script(text)


def test_rare_characters_of_long_runs_and_their_edges() -> None:
    for edge in OTHER:
        for text in ("價值" * 40 + edge, edge + "价值" * 40, "的" * 37 + edge + "與" * 5 + edge):
            assert _core.rare_characters(text) == reference_rare(text), repr(edge)
            assert _core.document_script(text) == reference_script(text), repr(edge)


NUMERALS = ("1", "15", "３", "一", "十四", "")
STOPS = ("。", "、", "…", "！", "，", "：", "；", "？", "”", "’", "）", "】", "★", " ", "\u3000", "\u200b", "篇", "")
HEADS = ("作文", "倡议书", "心得体会", "我们体会到了价值", "范文，", "第", "【")


@settings(max_examples=800, deadline=None)
@given(st.sampled_from(HEADS), st.sampled_from(NUMERALS), st.lists(st.sampled_from(STOPS), max_size=4), st.sampled_from((0, 0, 50)))
def test_lines_ending_in_stops_and_numerals_read_alike(head: str, numeral: str, tail: list[str], long: int) -> None:
    for line in (head + numeral + "".join(tail), head + "正文" * long + numeral + "".join(tail)):
        text = f"甲。\n{line}\n乙"
        assert reference.core_header_candidate_list(text) == reference.header_candidate_list(text), line
        assert _core.candidate_lines(text) == reference_candidate_lines(text), line


def test_a_numeral_before_a_stop_is_still_found() -> None:
    # "KW N" last, past a closing quote: the stop shortcut must not hide it
    text = "甲。\n倡议书15”\n乙"
    assert reference.core_header_candidate_list(text) == reference.header_candidate_list(text)
    assert _core.candidate_lines(text) == reference_candidate_lines(text)
