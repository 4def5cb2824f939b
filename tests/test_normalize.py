"""The normalizer: edits are exact records, offsets point into the raw body, layout is one paragraph per line."""

from __future__ import annotations

from cutter.config import Config
from cutter.normalize import clean_text, layout, replay
from cutter.rules import RULES, Context

RAW = (
    "\u3000\u3000工匠精神的價值在于坚持。。。。。。   \n\n"
    "总理提到，要“鼓励企业\n\n开展个性化定制”，工作 and 生活都要认真。\n\n"
    "这是中国航天事业的.一大突破，适应新时代的'新形势…真好\u200b。\n"
)


def test_edits_replay_to_the_clean_text() -> None:
    text, edits, _ = clean_text(RAW, RULES, Context())
    assert replay(RAW, edits) == text
    assert text == (
        "工匠精神的价值在于坚持……\n"
        "总理提到，要“鼓励企业开展个性化定制”，工作和生活都要认真。\n"
        "这是中国航天事业的一大突破，适应新时代的新形势……真好。"
    )


def test_every_edit_offset_points_at_its_text_in_the_raw_body() -> None:
    _, edits, _ = clean_text(RAW, RULES, Context())
    assert {e.rule for e in edits} >= {"whitespace", "traditional", "english", "ellipsis", "page-break", "watermark"}
    for edit in edits:
        assert RAW[edit.offset : edit.offset + len(edit.before)] == edit.before, edit


def test_offsets_are_mapped_back_through_earlier_rules() -> None:
    raw = "\u3000\u3000\u3000前面缩进。。。。。。后面"
    _, edits, _ = clean_text(raw, RULES, Context())
    ellipsis = next(e for e in edits if e.rule == "ellipsis")
    assert ellipsis.start == 4 and ellipsis.offset == 7


def test_switched_off_rules_change_nothing() -> None:
    rules = Config(ignore=("english", "ellipsis")).rules()
    text, edits, _ = clean_text("工作 and 生活。。。。。。", rules, Context())
    assert text == "工作 and 生活。。。。。。" and not edits


def test_no_edit_is_recorded_where_nothing_changed() -> None:
    _, edits, warnings = clean_text("工匠精神是中华民族的宝贵文化遗产。\n", RULES, Context())
    assert edits == [] and warnings == []


def test_layout_puts_one_paragraph_per_line() -> None:
    assert layout("\n\n甲。\n\n\n乙。\n \n丙。\n") == "甲。\n乙。\n丙。"
