"""offerfast2's rework of the offer rule (cutter_core::offer, issue 13): the core reads a text
only around its matches, in windows of whole lines, and decodes a trigger line only when its
bytes hold what an offer needs. Here the rule and the Python it replaced
(tests/offer_reference.py) find alike on texts of many lines where offers, their near misses
and genre intros stand far apart, in simplified and in traditional script (the rule reads the
text folded), with surrogates, CR and supplementary characters between them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cutter.rules import boilerplate
from cutter.rules.base import Context
from tests import offer_reference as reference

_SENTENCES = st.sampled_from(
    [
        "以下是小编为大家整理的范文，仅供参考。",
        "以下是小編為大家整理的範文，僅供參考。",
        "下面是两篇关于读书的文章，欢迎阅读！",
        "，这里为大家准备了心得体会，希望大家喜欢",
        "更多精彩内容尽在本站！",
        "更多：敬请关注",
        "心得体会是一种文体。",
        "怎么写好演讲稿吗？",
        "这里的风景很美，我们都学习。",
        "本文的内容很多",
        "下面是我的三点体会：",
        "今天天气很好。",
        "我们要写好作文吧",
        "小编",
        "3篇",
        "\u3000",
        " ",
        "\t",
        "\r",
        "\ud800",
        "\U00020021",
        "甲" * 70,
    ]
)
_LINES = st.lists(st.lists(_SENTENCES, max_size=6).map("".join), max_size=12).map("\n".join)


def _findings(text: str) -> tuple[list, list]:
    return list(boilerplate.remove_offer.find(text, Context())), list(reference.remove_offer(text, Context()))


@settings(max_examples=400, deadline=None)
@given(_LINES)
def test_offers_on_far_lines_find_alike(text: str) -> None:
    core, python = _findings(text)
    assert core == python


@settings(max_examples=100, deadline=None)
@given(_LINES, st.integers(min_value=1, max_value=400))
def test_offers_after_many_plain_lines_find_alike(text: str, plain: int) -> None:
    # the rule reads the lines above its first match only to the text's first sentence line
    padded = "\n".join(["标题一行"] * plain + [text])
    core, python = _findings(padded)
    assert core == python


def test_the_rule_removes_an_offer_far_down_a_long_text() -> None:
    body = "这是正文的一段话，讲的是读书的好处。\n" * 20_000
    text = body + "以下是小编为大家整理的范文，仅供参考。\n" + body
    found = list(boilerplate.remove_offer.find(text, Context()))
    start = len(body)
    assert [(f.start, f.end, f.after) for f in found] == [(start, start + 19, "")]
