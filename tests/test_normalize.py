"""The normalizer: edits are exact records, offsets point into the raw body, layout is one paragraph per line."""

from __future__ import annotations

import pytest

from cutter import normalize as normalize_module
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


# the core's rule loop (_core.Run.run_rules) ----------------------------------------------------


def _sample_pieces() -> list[tuple[str, Context]]:
    from pathlib import Path

    from cutter.core import context_of
    from cutter.decode import decode
    from cutter.model import Document
    from cutter.rules.base import rare_characters
    from cutter.split import split

    pieces = []
    for path in sorted((Path(__file__).parents[1] / "samples").glob("*.txt")):
        layout_ = split(Document(path.name, decode(path.read_bytes()).text))
        rares = tuple(rare_characters(piece.raw) for piece in layout_.pieces)
        context = context_of(layout_, rares)
        pieces += [(piece.raw, context) for piece in layout_.pieces]
    # fixes that bring a character a later rule's gate waits for: html's space for whitespace and
    # cjk-space, its ``.`` for watermark, its ``(`` for fullwidth, its ``&`` for html run again
    crafted = ["工匠精神&nbsp;&nbsp;在于坚持。", "这是中国航天事业的&#46;一大突破", "价值&#40;见下文&#41;在于", "甲&amp;nbsp;乙\n\n丙"]
    return pieces + [(raw, Context()) for raw in crafted]


def test_the_cores_rule_loop_cleans_as_the_rules_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sample piece, with every rule and with a third of them switched off, with and without
    ``--keep-boilerplate``: the same text, edits and notes as each rule applied on its own."""
    pieces = _sample_pieces()
    assert len(pieces) > 120
    selections = [RULES, tuple(r for i, r in enumerate(RULES) if i % 3 != 1)]
    looped = [clean_text(raw, rules, context, keep) for raw, context in pieces for rules in selections for keep in (False, True)]
    monkeypatch.setattr(normalize_module._Run, "stepwise", True)
    for (raw, context), rules, keep, (text, edits, notes) in zip(
        [p for p in pieces for _ in range(4)], [s for _ in pieces for s in selections for _ in (0, 1)],
        [k for _ in pieces for _ in selections for k in (False, True)], looped, strict=True,
    ):  # fmt: skip
        expected = clean_text(raw, rules, context, keep)
        assert (text, list(edits), notes) == (expected[0], list(expected[1]), expected[2]), raw[:60]


def test_the_core_is_given_every_helper_a_rule_asks_for() -> None:
    """``Helpers`` carries ``chrome``, ``fold`` and ``openings``: a rule's ``core_with`` giving
    anything else would be dropped on the way to the core."""
    context = Context(titles=frozenset({"工匠精神心得体会"}))
    for rare in ("", " ,", "價", "…價"):
        for rule in RULES:
            if rule.core_with is not None:
                assert set(rule.core_with(rare, context)) <= set(normalize_module._HELPER_NAMES), rule.name


def test_the_gates_are_read_character_by_character_as_over_the_whole() -> None:
    """The open gates of a set of rare characters, from what each character opens (``_resolved``),
    are those the gates open over the whole set."""
    plan = normalize_module._plan(RULES)
    for rare in ("", " ,", "價", "…價", "&;", "?", "(", " \u200b", "x", "\ufffd", "āé", ".'`"):
        gates, _ = normalize_module._resolved(plan, rare, Context())
        assert [bool(gates >> i & 1) for i in range(len(RULES))] == [r.gate_open(rare) for r in RULES], rare


def test_a_plan_refuses_columns_of_different_lengths() -> None:
    from cutter import _core

    with pytest.raises(ValueError):
        _core.Plan(["html"], [True, False], [False], [False])
    with pytest.raises(ValueError):
        _core.Plan(["html"] * 65, [True] * 65, [False] * 65, [False] * 65)
    with pytest.raises(ValueError):
        _core.Helpers([None], [], [None])
    run, plan, helpers = _core.Run("甲。。。"), _core.Plan(["ellipsis"], [True], [False], [False]), _core.Helpers([None], [None], [None])
    with pytest.raises(ValueError):  # a stretch past the plan's end
        run.run_rules(plan, 1, helpers, 0, 2, False, False, "")
    with pytest.raises(ValueError):  # helpers for another plan
        run.run_rules(plan, 1, _core.Helpers([None] * 2, [None] * 2, [None] * 2), 0, 1, False, False, "")
    assert run.run_rules(plan, 0, helpers, 0, 1, False, False, "") == (1, 0, False, [], None)  # its gate shut
    assert run.text == "甲。。。"
    # the fix brought a rare character (the gates must be worked out again): it says so, and gives it
    assert run.run_rules(plan, 1, helpers, 0, 1, False, False, "") == (1, 4, True, [], "…")
    assert run.text == "甲……"
    assert run.run_rules(plan, 1, helpers, 0, 1, False, False, "…") == (1, 0, False, [], None)


def test_each_documents_titles_reach_the_core_whatever_ids_their_objects_have(monkeypatch: pytest.MonkeyPatch) -> None:
    """The core's helpers are kept by the ids of the objects they were made from: a document's
    title openings, once freed, could lend their id to the next document's (the kill-and-resume
    tests found title-repeat reading another document's titles). Every id the same here: each
    document still gets its own."""
    monkeypatch.setattr(normalize_module, "id", lambda value: 0, raising=False)
    for title, other in (("节约用水倡议书", "请大家节约用水。"), ("保护环境演讲稿", "请大家保护环境。")):
        text, _, _ = clean_text(f"同学们：\n{title}\n大家好！\n{other}", RULES, Context(titles=frozenset({title})))
        assert text == f"同学们：\n大家好！\n{other}", title
