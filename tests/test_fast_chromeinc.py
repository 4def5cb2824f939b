"""The line rules' kept scan (crates/cutter-core/src/chrome.rs, ``Chrome::prepare``, ``part`` and
``update``; the ``Run`` of crates/cutter-py/src/lib.rs keeps it across a rule's fixes and brings
it up to date instead of scanning the piece again).

The reference is the same rule run on a fresh ``Run`` of the text as the rules before it left
it, where nothing is kept: the rules in turn must leave the same text after each rule and note
the same messages. The texts are lines of the rules' own trigger words and near misses, offers,
titles that repeat, traditional characters, lone surrogates, CR, spaces and long lines, so the
rules remove lines, parts of lines and tails one after another."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cutter.normalize import _Run
from cutter.rules import RULES, Context
from cutter.rules.base import rare_characters
from tests.test_core_chrome import _PIECE

# the rules up to the last line rule (footer), none of them a join
_NAMES = [rule.name for rule in RULES]
_RULES = RULES[: _NAMES.index("footer") + 1]
_CONTEXT = Context(titles=frozenset({"春天的作文"}))

_EXTRA = st.sampled_from(
    ["下面是小编为大家整理的范文，仅供参考。", "以下是小编为大家收集的春天的作文，欢迎阅读。", "春天的作文", "春天的作文（3篇）"]
    + ["價", "於", "讀", "編輯：", "时间：", "2022-11-26 22:02", "2015-07-16", "校园一角 第2张", "校园一角", "甲" * 3000]
    + ["扩展阅读：春天的作文", "此处隐藏1234个字", "展开全文", "手机版 | 电脑版", "\ud800", "\r", "  "]
)


@st.composite
def _pages(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        parts = draw(st.lists(st.one_of(_PIECE, _EXTRA), min_size=0, max_size=5))
        lines.append("".join(parts))
    return "\n".join(lines)


def _in_turn(raw: str) -> list[tuple[str, str, list[str]]]:
    """Each rule's (name, the text after it, its messages), the rules run on one Run."""
    run = _Run(raw, _CONTEXT, False, rare_characters(raw))
    out = []
    for rule in _RULES:
        noted = len(run.notes)
        run.apply(rule)
        out.append((rule.name, run.core.text, [note.message for note in run.notes[noted:]]))
    return out


def _fresh(raw: str) -> list[tuple[str, str, list[str]]]:
    """The same, each rule on a fresh Run of the text the rules before it left."""
    out = []
    text = raw
    for rule in _RULES:
        run = _Run(text, _CONTEXT, False, rare_characters(text))
        run.apply(rule)
        text = run.core.text
        out.append((rule.name, text, [note.message for note in run.notes]))
    return out


@settings(max_examples=600, deadline=None)
@given(_pages())
def test_the_rules_in_turn_on_one_run_are_the_rules_on_fresh_runs(raw: str) -> None:
    assert _in_turn(raw) == _fresh(raw)


def test_a_page_whose_rules_remove_lines_one_after_another() -> None:
    raw = "\n".join(
        [
            "展开全文",
            "下面是小编为大家整理的范文，仅供参考。",
            "发布时间：2022-11-26 22:02",
            "手机版 | 电脑版",
            "春天来了，花开了。",
            "范文仅供参考，自行编辑使用。",
            "【导语】春天是美好的季节。",
            "在日常学习、工作或生活中，大家总少不了写作文吧",
            "春天的作文",
            "我们去公园看花。",
            "扩展阅读：春天的作文",
            "相关推荐",
        ]
    )
    steps = _in_turn(raw)
    assert steps == _fresh(raw)
    # several rules changed the text one after another: the kept scan was brought up to date
    changed = [name for (name, text, _), before in zip(steps, [raw] + [s[1] for s in steps]) if text != before]
    assert len(changed) >= 4, changed
    assert steps[-1][1].split() == ["春天来了，花开了。", "我们去公园看花。"]


def test_a_traditional_page_and_a_lone_surrogate_fall_back_alike() -> None:
    for raw in ["展開更多\n擴展閱讀：春\n正文價。\n相关推荐", "展开全文\n\ud800正文。\n发布时间：2022-11-26 22:02\n相关推荐"]:
        assert _in_turn(raw) == _fresh(raw)
