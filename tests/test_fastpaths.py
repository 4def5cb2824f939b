"""Shortcuts that skip work give the answers of the plain definitions they stand for."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cutter import _core
from tests import reference_patterns as P
from cutter.rules import detect
from tests import markup_reference
from tests import paragraphs_reference as reference
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


# What the mojibake rule acts on and what stands beside it: lost-character marks (a run of ?, a lone
# ? after a question word, before a reading), characters whose GB18030 bytes begin with a
# continuation byte (戜, and U+0080 up, encoded in four bytes) or do not (守), and the ends of lines.
LOST_LIKE = ["?", "??", "\ufffd", "吗", "呢", "(xiě)", "（lǐ）", "(", "（", " ", "\n", "戜", "守", "\u00e9", "\U00020000"]  # fmt: skip
lost_like = st.lists(st.one_of(st.sampled_from(LOST_LIKE), mojibake_like), max_size=12).map("".join)


@SETTINGS
@given(st.one_of(lost_like, any_text))
def test_the_core_gives_mojibake_every_text_it_could_find_something_in(text: str) -> None:
    """The core looks first (detect.rs's ``mojibake_hinted``) and runs the rule only where it saw a
    place: where it says there is none, the rule finds nothing."""
    if _core.Run(text).apply_core("mojibake", False) is not None:
        assert list(detect.fix_mojibake.find(text, detect.Context())) == []


@pytest.mark.parametrize(
    "text, given_back",
    [
        ("鎴戜滑一起行动起来吧！", True), ("今天天气??不错", True), ("我不认识?个字", True), ("我?(xiě)錯", True),
        ("好?（lǐ）", True), ("坏\ufffd了", True), ("Why??", True),
        ("恪守本分，娴熟工作。", False), ("你好吗?我很好", False), ("你好吗? Why?", False), ("价格?\n", False),
        ("What? 好", False), ("一起行动起来吧！", False),
    ],
)  # fmt: skip
def test_the_core_gives_mojibake_back_only_where_it_could_act(text: str, given_back: bool) -> None:
    applied = _core.Run(text).apply_core("mojibake", False)
    assert (applied is None) is given_back
    assert applied is None or applied == (None, [])
    if not given_back:
        assert list(detect.fix_mojibake.find(text, detect.Context())) == []


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
    found = {start for start, _ in _core.lines_opening_with(text, sorted(prefixes), len(text))}  # the core's, since issue 13
    assert found == reference_line_starts(prefixes, text)


def reference_page_breaks(text: str) -> list[tuple[str, int, int]]:
    """The page-break fixed point over every gap, as first written (no open-gap shortcut)."""
    from tests.paragraphs_reference import Verdict, judge

    gaps = list(reference.LINE_GAP.finditer(text))
    segments = [text[a:b] for a, b in zip([0] + [g.end() for g in gaps], [g.start() for g in gaps] + [len(text)])]
    joined = [False] * len(gaps)
    while True:
        verdicts = []
        for i in range(len(gaps)):
            if joined[i]:
                verdicts.append(Verdict.JOIN)
                continue
            first = i
            while first > 0 and joined[first - 1]:
                first -= 1
            last = i + 1
            while last < len(gaps) and joined[last]:
                last += 1
            verdicts.append(judge("".join(segments[first : i + 1]), "".join(segments[i + 1 : last + 1])))
        new = [i for i, v in enumerate(verdicts) if v is Verdict.JOIN and not joined[i]]
        if not new:
            break
        for i in new:
            joined[i] = True
    return [
        ("fix" if joined[i] else "flag", g.start(), g.end())
        for i, g in enumerate(gaps)
        if joined[i] or verdicts[i] is Verdict.UNSURE
    ]


PAGE = ["总理提到，要“鼓励企业", "开展个性化定制。", "一、追求卓越", "尊敬的老师：", "\n", "\n\n", "\n \n", "，", "”", "我们", "。"]


@SETTINGS
@given(st.one_of(any_text, st.lists(st.sampled_from(PAGE), max_size=25).map("".join)))
def test_page_breaks_judged_on_open_gaps_only_match_judging_every_gap(text: str) -> None:
    from cutter.rules import BY_NAME, Context

    found = [
        ("fix" if hasattr(f, "after") else "flag", f.start, f.end) for f in BY_NAME["page-break"].find(text, Context())
    ]
    assert found == reference_page_breaks(text)


HEADER_BITS = ["篇", "第", "【", "】", "[", "]", "一", "2", "１", "十", "作文", "：", " ", "(", ")", "汇总3篇", "\u3000"]


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(HEADER_BITS), st.text(max_size=3)), min_size=1, max_size=12).map("".join))
def test_header_styles_skipped_by_their_literal_need_cannot_match(core: str) -> None:
    for style in P.HEADER_STYLES:
        if not style.may_match(core):
            assert style.pattern.match(core) is None, style.name


def reference_whitespace(text: str) -> list[tuple[int, int]]:
    from cutter.rules.base import merge_spans

    patterns = [P.INVISIBLE, P.INDENT, P.TRAILING_SPACE, P.BLANK_LINE_SPACE]
    return merge_spans(m.span() for pattern in patterns for m in pattern.finditer(text))


SPACES = [" ", "\t", "\u3000", "\xa0", "\u2002", "\u200a", "\u200b", "\u200d", "👍", "\x1c", "\r", "\x85", "\u2028", "工", "\n", "。"]


@SETTINGS
@given(st.one_of(any_text, st.lists(st.sampled_from(SPACES), max_size=20).map("".join)))
def test_edge_spaces_found_line_by_line_are_what_the_three_patterns_find(text: str) -> None:
    from cutter.rules import BY_NAME, Context

    found = [(f.start, f.end) for f in BY_NAME["whitespace"].find(text, Context())]
    assert found == reference_whitespace(text)


MARKUP_BITS = ["&nbsp;", "&amp;lt;p&amp;gt;", "&lt;", "<p>", "</p>", "<br/>", '<p class="a">', "?/p>", "/p>", "p>",
               "x0dx0a", "X0D", "x0a", "[email protected]", "[email&#160;protected]", "<", ">", "&", "工", "\n", " "]  # fmt: skip


@SETTINGS
@given(st.one_of(any_text, st.lists(st.sampled_from(MARKUP_BITS), max_size=20).map("".join)))
def test_one_overlapped_markup_scan_gives_the_clusters_of_five_scans(text: str) -> None:
    from cutter.rules import markup
    from cutter.rules.base import merge_spans

    spans = sorted(
        m.span()
        for pattern in (P.HTML_ENTITY, P.HTML_TAG, P.HTML_FRAGMENT, P.CRLF_RESIDUE, P.EMAIL_PROTECTED)
        for m in pattern.finditer(text)
    )
    expected = merge_spans(markup_reference._widen(text, spans), lambda end, start: start <= end + markup_reference.CLUSTER_GAP)
    assert list(markup._clusters(text)) == expected


RARE_BITS = ["價", "值", ",", " ", "\u200b", "ā", "\n", "作文篇一", "作文篇二", "\n作文 篇1\n", "\n作文 篇2\n", "(3篇)", "。。。"]


@SETTINGS
@given(st.one_of(any_text, st.lists(st.sampled_from(RARE_BITS), max_size=30).map("".join)))
def test_document_rare_characters_from_its_parts_are_those_of_one_scan(text: str) -> None:
    from cutter.core import document_rare
    from cutter.model import Document
    from cutter.rules.base import rare_characters
    from cutter.split import split

    layout = split(Document("-", text))
    assert document_rare(layout, [rare_characters(p.raw) for p in layout.pieces]) == rare_characters(text)


PARAGRAPH_BITS = ["——", "－－", "--", "-", "李明", "，", "。", "！", ",", "、", "“", "（", "(", "《", "【", "—", "\n", "a", "工匠精神"]


@SETTINGS
@given(st.lists(st.sampled_from(PARAGRAPH_BITS), min_size=1, max_size=30).map("".join).map(str.strip).filter(bool))
def test_a_paragraph_end_read_by_its_last_characters_is_what_the_end_anchored_patterns_find(before: str) -> None:
    """The page-break judge reads a paragraph's end from its last characters only."""
    import regex

    assert (reference.BYLINE_END.search(before, max(0, len(before) - reference.BYLINE_REACH)) is not None) == (
        reference.BYLINE_END.search(before) is not None
    )
    assert (before[-1] in reference.OPEN_CUT_MARKS) == (regex.search(r"[，,、“‘（(《〈【「『—]$", before) is not None)


SCRIPT_BITS = ["價", "值", "與", "与", "意義", "意义", "工匠", "精神", "\n", "，", "a"]


@SETTINGS
@given(st.one_of(any_text, st.lists(st.sampled_from(SCRIPT_BITS), max_size=40).map("".join)))
def test_the_script_race_gives_the_answer_of_counting_both_scripts(text: str) -> None:
    from cutter.rules.script import document_script

    traditional = len(P.TRADITIONAL_CHARACTER.findall(text))
    simplified = len(P.SIMPLIFIED_CHARACTER.findall(text))
    assert document_script(text) == ("traditional" if traditional > simplified else "simplified")


number_first_line = st.tuples(
    st.sampled_from(["", " ", "\u3000", "\t ", "甲"]),
    st.sampled_from(["", "1", "２", "12", "1234", "a1"]),
    st.sampled_from(["", ".", "．", "。", ".."]),
    st.sampled_from(["", " ", "\u3000"]),
    st.sampled_from(["", "心得体会", "甲", "3.5", "工作总结 2.", "\r"]),
    st.sampled_from(["", " ", "\r"]),
).map("".join)
number_first_like = st.lists(number_first_line, max_size=8).map("\n".join)


@SETTINGS
@given(st.one_of(number_first_like, any_text))
def test_number_first_headers_are_the_patterns_own_matches(text: str) -> None:
    from cutter import patterns
    from cutter.split import _number_first_headers

    expected = [(m.span(), m["num"], m["kw"]) for m in patterns.NUMBER_FIRST_HEADER.finditer(text)]
    assert [(m.span(), m["num"], m["kw"]) for m in _number_first_headers(text)] == expected
