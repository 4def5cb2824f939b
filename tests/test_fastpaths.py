"""Shortcuts that skip work give the answers of the plain definitions they stand for."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cutter import patterns as P
from cutter.rules import boilerplate, detect
from tests.test_properties import SETTINGS, any_text

OPENERS = P.UTF8_AS_GBK_OPENER.pattern[1:-1]
mojibake_like = st.lists(
    st.one_of(
        st.sampled_from(["鎴戜滑", "涓€璧", "琛屽姩", "恪守", "娴熟", "愣", "，", "a", "1", "。", "锛", "\n"]),
        st.sampled_from(OPENERS),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    ),
    max_size=20,
).map("".join)


@SETTINGS
@given(mojibake_like)
def test_an_opener_without_a_continuation_after_it_starts_no_repair(text: str) -> None:
    for opener in P.UTF8_AS_GBK_OPENER.finditer(text):
        if not detect._continues(text, opener.end()):
            assert detect._longest_repair(text, opener.start()) is None


def reference_line_starts(prefixes: set[str], text: str) -> set[int]:
    pattern = re.compile(r"^[ \t\u3000]*(?:" + "|".join(map(re.escape, prefixes)) + ")", re.MULTILINE)
    return {m.start() for m in pattern.finditer(text)}


titled = st.tuples(
    st.sets(st.sampled_from(["弘扬", "工匠", "演讲", "篇一", "　弘"]), min_size=1, max_size=3),
    st.lists(st.sampled_from(["弘扬工匠精神", "\n", "　", " ", "\t", "工匠", "演讲稿", "。", "x"]), max_size=25).map("".join),
)


@SETTINGS
@given(st.one_of(titled, st.tuples(st.just({"弘扬"}), any_text)))
def test_lines_opening_with_a_title_prefix_are_the_lines_the_anchored_pattern_finds(case) -> None:
    prefixes, text = case
    assert set(boilerplate._lines_opening_with(prefixes, text)) == reference_line_starts(prefixes, text)
