"""The offer and title-repeat rules in the core (cutter_core::offer) against the Python they
replaced (tests/offer_reference.py): every finding with its start, end and replacement or
message, over the samples, the seeds, the generated corpus with offers planted, hypothesis
text, and every code point where a character class decides. bench/core_diff.py runs the same
comparison over 50 MB."""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cutter.rules import boilerplate
from cutter.rules.base import Context, Fix, Flag, splice, title_form
from cutter.split import without_count_declarations
from tests import offer_reference as reference
from tests.test_core_diff import corpus, sample_texts
from tests.codepoints import every_code_point

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def offer_findings(text: str) -> tuple[list, list]:
    """The core's findings and the reference's."""
    return list(boilerplate.remove_offer.find(text, Context())), list(reference.remove_offer(text, Context()))


def titles_of(*lines: str) -> Context:
    forms = {title_form(line) for line in lines if line}
    forms |= {title_form(without_count_declarations(f)) for f in forms}
    return Context(titles=frozenset(forms))


def title_findings(text: str, context: Context) -> tuple[list, list]:
    return list(boilerplate.remove_title_repeat.find(text, context)), list(reference.remove_title_repeat(text, context))


def plant(text: str, seed: int = 13) -> str:
    sys.path.insert(0, str(ROOT / "bench"))
    import core_diff

    return core_diff.offerize(text, random.Random(seed))


# --- the spec --------------------------------------------------------------------------------


@pytest.mark.parametrize("rule", ["offer", "title-repeat"])
def test_the_case_tables_hold_through_the_core(rule: str) -> None:
    table = json.loads((ROOT / "tests" / "cases" / f"{rule}.json").read_text(encoding="utf-8"))
    find = boilerplate.remove_offer.find if rule == "offer" else boilerplate.remove_title_repeat.find
    context = titles_of("演讲稿(精选3篇)") if rule == "title-repeat" else Context()
    for before, after in table["fix"]:
        findings = list(find(before, context))
        assert splice(before, [f for f in findings if isinstance(f, Fix)]) == after, before
    for text in table["keep"]:
        assert list(find(text, context)) == [], text
    for text in table.get("flag", []):
        findings = list(find(text, context))
        assert any(isinstance(f, Flag) for f in findings), text


def test_glued_offers_intros_and_near_misses() -> None:
    cases = {
        "弘扬工匠精神是时代的需要，以下是小编为大家收集的故事，希望大家喜欢！": [Fix(12, 34, "。")],
        "第一行。\n要写好心得体会以下是小编整理的范文，供大家参考。": [Fix(12, 29, "。")],
        "下面是我的三点体会：": [],
        "更多的人来到这里。": [],
        "今天天气很好。心得体会是一种文体。以下是小编整理的范文，仅供参考。\n正文。": [
            Flag(0, 17, "possible site intro before an offer: “今天天气很好。心得体会是一种文体…”"),
            Fix(17, 33, ""),
        ],
    }
    for text, expected in cases.items():
        core, python = offer_findings(text)
        assert core == python == expected, text


# --- the comparisons -------------------------------------------------------------------------


def test_samples_seeds_and_the_planted_corpus_find_alike() -> None:
    texts = [text for _, text in sample_texts()] + list(corpus())
    texts += [plant(text, number) for number, text in enumerate(texts)]
    found = 0
    for text in texts:
        core, python = offer_findings(text)
        assert core == python, text[:200]
        first = text.split("\n", 1)[0]
        context = titles_of(first)
        core_titles, python_titles = title_findings(text, context)
        assert core_titles == python_titles, text[:200]
        found += len(python) + len(python_titles)
    assert found > 2000, found


_OFFER_PARTS = st.sampled_from(
    ["以下是", "下面", "接下来", "这里", "本篇文章", "本文", "以上", "小编", "小編", "为大家", "為大家", "给您", "整理", "收集"]
    + ["编辑", "3篇", "三篇", "１２篇", "篇", "范文", "内容", "参考", "阅读", "喜欢", "更多", "关于", "敬请关注", "尽在", "请访问"]
    + ["的", "了", "是", "就是", "由", "我", "，", ",", "。", "！", "？", "!", "?", "：", ":", "\n", " ", "\t", "\u3000", "\x1c"]
    + ["甲乙丙", "心得体会", "怎么写", "吗？", "吧", "好吧。", "希望对你有帮助", "仅供", "…", "a", "\ud800", "\U00020000"]
    + ["今天天气很好。", "x" * 30, "很" * 70]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_OFFER_PARTS, max_size=40).map("".join))
def test_offer_parts_find_alike(text: str) -> None:
    core, python = offer_findings(text)
    assert core == python


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_finds_alike(text: str) -> None:
    core, python = offer_findings(text)
    assert core == python
    assert title_findings(text, titles_of(text[:6])) == title_findings(text, titles_of(text[:6]))[::-1]


_TITLE_PARTS = st.sampled_from(
    ["演讲稿", "演讲", "演", "(精选3篇)", "（3篇）", "精选", "\n", " ", "\t", "\u3000", "\u200b", "\x1c", "我的", "。", "x", "讲稿"]
)


@settings(max_examples=800, deadline=None)
@given(st.lists(_TITLE_PARTS, max_size=30).map("".join), st.sampled_from(["演讲稿(精选3篇)", "演讲稿", "演", " 演讲", ""]))
def test_title_lines_find_alike(text: str, title: str) -> None:
    context = Context(titles=frozenset({title}) | titles_of(title).titles)
    core, python = title_findings(text, context)
    assert core == python


def test_every_code_point_finds_alike_where_a_class_decides() -> None:
    chosen = every_code_point()
    for position in (
        "，{}以下是小编为大家整理的范文，仅供参考。",  # \s after the lead
        "第一行。\n甲{}以下是小编为大家整理的范文，仅供参考。",  # a Han character the offer is glued to
        "{}小编为大家整理的范文，仅供参考。",  # \p{Han} before 小编
        "第一行。\n{}甲小编为大家整理的范文，仅供参考。",
        "{}心得体会。以下是小编整理的范文，仅供参考。",  # str.isspace in the intro's strip
        "心得，{}，以下是小编整理的范文，仅供参考。",  # \s after the comma the intro is split at
        "{}\n心得。以下是小编整理的范文，仅供参考。",  # the first sentence line's strip
        "甲。以下是小编整理的范文，仅供参考。{}",  # a gap after the offer
    ):
        for start in range(0, len(chosen), 4096):
            text = "\n".join(position.format(c) for c in chosen[start : start + 4096])
            core, python = offer_findings(text)
            assert core == python, (position, start)
    for position in ("{}演讲稿(精选3篇)", "演讲稿{}(精选3篇)", "{}\n演讲稿"):
        text = "\n".join(position.format(c) for c in chosen)
        assert title_findings(text, titles_of("演讲稿(精选3篇)")) == title_findings(text, titles_of("演讲稿(精选3篇)"))
        core, python = title_findings(text, titles_of("演讲稿(精选3篇)"))
        assert core == python, position


def test_lines_of_many_openings_read_in_linear_time() -> None:
    def took(text: str) -> float:
        started = time.perf_counter()
        list(boilerplate.remove_offer.find(text, Context()))
        return time.perf_counter() - started

    for unit in ("，以下是小编", "以下", "小编" * 4 + "，", "更多" + "尽在" * 3, "，这里为大家整理"):
        small, large = took(unit * 2_000), took(unit * 32_000)
        assert large < 16 * small * 3 + 0.05, (unit, small, large)
