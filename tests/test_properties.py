"""Invariants over arbitrary input: no crash, nothing lost by the splitter, idempotent cleaning."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cutter.core import process
from cutter.decode import decode
from cutter.errors import InputError
from cutter.model import Document
from cutter.normalize import clean_text, replay
from cutter.rules import RULES, Context
from cutter.split import split

FRAGMENTS = [
    "弘扬工匠精神篇一", "弘扬工匠精神篇二", "篇三", "倡议书1尊敬的", "【篇一】", "第一篇：", "(大全9篇)",
    "一、追求卓越", "结语", "。。。。。。", "。。。 ", "...", "…", " and ", "的.", "的'", "的`", "價值",
    "乾县", "\u3000\u3000", "\u200b", "   ", "\n", "\n\n", "\r\n", "，", "。", "“", "”", "大家好！",
    "尊敬的各位领导：", "99.99%", "made in china", "——沈鸿", "(原载《日报》)", "x", "1", "一",
    "以下是小编为大家整理的范文，仅供参考。", "下面是两篇文章，欢迎阅读！", "&nbsp;", "&amp;lt;p&amp;gt;", "<p>",
    "</p>", "?/p>", "寫(xiě)", "發(fā)", ",", "!", "?", ":", "(华东)", "(1)", "扩展阅读", "xx", "××", "__",
    "……此处隐藏12个字……", " 的", " 。", "【导语】", "当前位置：首页 > 范文", "鎴戜滑", "�", "??",
]  # fmt: skip
compilation_like = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(min_size=1, max_size=8)), max_size=40
).map("".join)
any_text = st.one_of(st.text(max_size=300), compilation_like)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(any_text)
def test_split_covers_the_source(text: str) -> None:
    layout = split(Document("-", text))
    parts = [layout.preamble.of(text)]
    for piece in layout.pieces:
        assert piece.header.end == piece.body.start
        parts += [piece.header.of(text), piece.body.of(text)]
    assert "".join(parts) == text
    assert [p.index for p in layout.pieces] == list(range(1, len(layout.pieces) + 1))


@SETTINGS
@given(any_text)
def test_cleaning_is_idempotent_and_replayable(text: str) -> None:
    context = Context.of(text)
    once, edits, _ = clean_text(text, RULES, context)
    twice, more_edits, _ = clean_text(once, RULES, context)
    assert twice == once, more_edits
    assert replay(text, edits) == once
    for edit in edits:
        assert 0 <= edit.offset <= len(text)


@SETTINGS
@given(any_text)
def test_process_never_crashes(text: str) -> None:
    result = process(Document("-", text))
    for row in result.records():
        assert isinstance(row["text"], str) and row["count"] == len(result.pieces)


@SETTINGS
@given(st.binary(max_size=400))
def test_decode_fails_only_with_a_one_line_error(data: bytes) -> None:
    try:
        decoded = decode(data)
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert "\r" not in decoded.text
