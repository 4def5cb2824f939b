"""The shortcuts of the core's header scans (crates/cutter-core/src/lines.rs and headers.rs: a byte-level
line prefilter, a long-line shortcut, cheap checks before each header pattern) against the Python they
replaced (tests/split_reference.py, tests/test_core_diff.py): prose lines shaped to sit just on either side
of each shortcut's condition, so that a shortcut that skips a line it should read would show.

Each trigger of the prefilter (a digit, a bracket before a numeral, a colon or 篇 after one, a numeral
last) stands before or after a keyword break, with spaces, closing brackets, decoration, format characters
and debris between it and what it needs; lines run short and long (past the 90 code points of the
candidate shapes, in Han or in ASCII and debris)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cutter import _core
from tests import split_reference as reference
from tests.test_core_diff import candidate_lines as reference_candidate_lines

PROSE = ("我们体会到了工匠精神的价值", "心得体会", "作文", "范文", "倡议书", "正文很长很长", "Essay", "abc", "們")
NUMERALS = ("1", "15", "３", "一", "十四", "〇", "两")
TRIGGERS = ("(", "（", "【", "[", "：", ":", "篇", "第", "<br>", "&nbsp;", "&#160;", "(piān)", "(men)", "(zì)")
BETWEEN = (" ", "\u3000", "\u00a0", "\t", "\u200b", "\ufeff", "\u00ad", ")", "）", "】", "〕", "★", "“", "”", "#", "")
BREAKS = ("，", "、", "。", "！", "？", ",", ";", "；", "：", ":", "")
ENDS = ("", "。", "篇", "字", "点", "月", "《题目》很长的正文")

piece = st.one_of(*(st.sampled_from(group) for group in (PROSE, NUMERALS, TRIGGERS, BETWEEN, BREAKS, ENDS)))


def line_of(parts: list[str], long: int) -> str:
    return "".join(parts) + "正文" * long


lines = st.builds(line_of, st.lists(piece, min_size=1, max_size=10), st.sampled_from((0, 0, 0, 30, 50)))
texts = st.lists(lines, min_size=1, max_size=8).map("\n".join)


def agree(text: str) -> None:
    assert reference.core_header_candidate_list(text) == reference.header_candidate_list(text)
    assert _core.candidate_lines(text) == reference_candidate_lines(text)


@settings(max_examples=500, deadline=None)
@given(texts)
def test_lines_on_either_side_of_the_shortcuts_read_alike(text: str) -> None:
    agree(text)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PROSE), st.sampled_from(BREAKS), st.sampled_from(NUMERALS), st.lists(st.sampled_from(BETWEEN), max_size=3),
       st.sampled_from(("：春天", ":乙走了很远的路，终于到了。", "", "篇", "篇我的老师", ")正文", "社区是我们的家")))  # fmt: skip
def test_a_numeral_and_what_it_needs_read_alike(keyword: str, brk: str, numeral: str, between: list[str], after: str) -> None:
    """``KW N：…``, ``…N`` last, ``第N篇``, ``KW(N)…``, ``KWN…`` with a break before or none, and what the
    prefilter reads past between the numeral and what follows it."""
    gap = "".join(between)
    for line in (f"{keyword}{brk}{numeral}{gap}{after}", f"{brk}{keyword}第{gap}{numeral}{gap}{after}",
                 f"{keyword}{brk}({gap}{numeral}{gap}){after}", f"{keyword}{numeral}{gap}{brk}{after}"):  # fmt: skip
        agree(line)
        agree(line + "正文" * 50)  # past the candidate shapes' 90 code points


def test_long_prose_with_digits_and_brackets_is_passed_over_and_headers_are_not() -> None:
    prose = "我们体会到了工匠精神的价值，2023年4月23日：第一天(见下文)（一）很好。" * 3
    assert _core.header_candidates(prose) == ([], [])
    headers = ("作文篇一", "倡议书15社区是我们的家" + "正文" * 60, "范文3：春天")
    text = "\n".join((prose, headers[0], prose, headers[1], headers[2], "我們(men)的心得篇一"))
    agree(text)
    found, deferred = _core.header_candidates(text)
    assert sorted({c[0] for c in found}) == [text.index(header) for header in headers]
    assert deferred == [(text.index("我們"), len(text))]
