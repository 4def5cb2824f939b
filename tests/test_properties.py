"""Invariants over arbitrary input: no crash, nothing lost by the splitter, idempotent cleaning,
and every edit found at its offset in the piece's raw body."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cutter.config import Config
from cutter.core import Result, process
from cutter.decode import decode
from cutter.errors import InputError
from cutter.model import Document, Layout
from cutter.normalize import clean_text, replay
from cutter.rules import RULES, Context
from cutter.split import split

from .conftest import SAMPLES
from .test_idempotence import TITLE, bodies

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
# Shapes where one rule edits what another wrote or removed: ``&nbsp;`` at a line start, then
# removed as indentation; a footer over a line that doc-chrome emptied; a join, then markup.
layered = st.one_of(bodies.map(lambda body: TITLE + body), compilation_like)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(any_text)
def test_split_covers_the_source(text: str) -> None:
    assert_split_covers(text)


def assert_cleaning_settles(text: str) -> list:
    """Cleaning ``text`` twice changes nothing the second time, and its edits replay to the
    clean text; the edits."""
    context = Context.of(text)
    once, edits, _ = clean_text(text, RULES, context)
    twice, more_edits, _ = clean_text(once, RULES, context)
    assert twice == once, more_edits
    assert replay(text, edits) == once
    return edits


def assert_split_covers(text: str) -> Layout:
    """Preamble, headers and bodies join back into the source, pieces numbered from 1."""
    layout = split(Document("-", text))
    parts = [layout.preamble.of(text)]
    for piece in layout.pieces:
        assert piece.header.end == piece.body.start
        parts += [piece.header.of(text), piece.body.of(text)]
    assert "".join(parts) == text
    assert [p.index for p in layout.pieces] == list(range(1, len(layout.pieces) + 1))
    return layout


@SETTINGS
@example("0\u2002此处隐藏0个字")  # a removal takes every space it would strand, an en space too
@example("，以下是小编为大家整理的范文，供大家参考。\t0")
@given(st.one_of(any_text, bodies))
def test_cleaning_is_idempotent_and_replayable(text: str) -> None:
    edits = assert_cleaning_settles(text)
    for edit in edits:
        assert text[edit.offset : edit.offset + len(edit.before)] == edit.before, edit


def assert_edits_point_at_the_raw_body(result: Result) -> None:
    """Each edit's ``before`` stands at its ``offset`` in its piece's raw body: the decoded
    source from the end of the piece's header to the next header (``Piece.raw``)."""
    text = result.layout.document.text
    for piece, row in zip(result.pieces, result.records()):
        raw = piece.piece.raw
        assert raw == piece.piece.body.of(text)
        assert len(row["edits"]) == len(piece.edits)
        for edit in row["edits"]:
            assert raw[edit["offset"] : edit["offset"] + len(edit["before"])] == edit["before"], edit
        for note in piece.notes:
            assert 0 <= note.offset <= len(raw), note


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.txt")), ids=lambda path: path.stem)
def test_every_sample_edit_points_at_its_before_text(sample: Path) -> None:
    assert_edits_point_at_the_raw_body(process(Document(sample.name, decode(sample.read_bytes()).text)))


def test_every_seed_edit_points_at_its_before_text(seeds: Path) -> None:
    results = [process(Document(path.name, decode(path.read_bytes()).text)) for path in sorted(seeds.glob("*.txt"))]
    assert sum(len(piece.edits) for result in results for piece in result.pieces) == 53  # 52, and the counted ellipsis of issue 11 (N个。。。M个)
    for result in results:
        assert_edits_point_at_the_raw_body(result)


def test_issue_12_whitespace_after_html_and_footer_point_at_the_raw_text() -> None:
    page = (
        "倡议书(2篇)\n倡议书篇1\n&nbsp;&nbsp;各位同学：节约用水。\n倡议书篇2\n各位居民：\n好。\n"
        "扩展阅读\n保护环境人人有责。\n《倡议书.doc》由会员分享，可在线阅读，更多相关文档请在本站搜索。\n"
    )
    first, second = process(Document("-", page)).pieces
    assert ("whitespace", "&nbsp;&nbsp;", "", 1) in [(e.rule, e.before, e.after, e.offset) for e in first.edits]
    footer = next(e for e in second.edits if e.rule == "footer")
    assert second.piece.raw[footer.offset :].startswith("扩展阅读") and footer.before.endswith("搜索。\n")
    assert_edits_point_at_the_raw_body(process(Document("-", page)))


@SETTINGS
@given(st.one_of(any_text, layered), st.sets(st.sampled_from([r.name for r in RULES]), max_size=4), st.booleans())
def test_every_edit_points_at_its_before_text(text: str, ignored: set[str], keep: bool) -> None:
    config = Config(ignore=tuple(sorted(ignored)), keep_boilerplate=keep)
    assert_edits_point_at_the_raw_body(process(Document("-", text), config))


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


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("⺀ and 以下小编整理", "⺀和。"),  # hypothesis found it: english glues the offer to a Han word
        ("我们 and 以下是小编整理的范文，仅供参考。\n正文", "正文"),  # and here makes the line an offer line
        ("工作态度 and 理念。以下是小编整理的范文，仅供参考。", "工作态度和理念。"),
    ],
)
def test_an_offer_that_english_glues_to_a_word_is_removed_in_the_first_pass(text: str, clean: str) -> None:
    """english runs after offer; its 和 makes an offer the rule finds, so the rules before it run again."""
    context = Context.of(text)
    assert clean_text(text, RULES, context)[0] == clean
    assert_cleaning_settles(text)


TITLES = st.sets(st.sampled_from(["弘扬工匠精神心得体会", "倡议书", "大家好", "以下是小编", "價值"]), max_size=2)


@SETTINGS
@given(st.one_of(any_text, layered), st.sets(st.sampled_from([r.name for r in RULES]), max_size=4), st.booleans(), TITLES)
def test_the_cores_rule_loop_cleans_as_the_rules_one_by_one(text: str, ignored: set[str], keep: bool, titles: set[str]) -> None:
    """The core's loop over the rules it holds (``_core.Run.run_rules``) gives the text, edits and
    notes of each rule applied on its own (``_Run.stepwise``), with any rules switched off."""
    from cutter import normalize as normalize_module

    rules, context = Config(ignore=tuple(sorted(ignored))).rules(), Context(titles=frozenset(titles))
    text_, edits, notes = clean_text(text, rules, context, keep)
    normalize_module._Run.stepwise = True
    try:
        expected = clean_text(text, rules, context, keep)
    finally:
        normalize_module._Run.stepwise = False
    assert (text_, list(edits), notes) == (expected[0], list(expected[1]), expected[2])
