"""Every rule against its table in tests/cases/<rule>.json: where it must act, where it must not."""

from __future__ import annotations

import json

import pytest

from cutter.rules import BY_NAME, RULES, Context, Flag, Rule

from .conftest import CASES

SIMPLIFIED = Context(script="simplified", titles=frozenset({"演讲稿"}))
TRADITIONAL = Context(script="traditional")


def _table(rule: Rule) -> dict:
    return json.loads((CASES / f"{rule.name}.json").read_text(encoding="utf-8"))


def _cases(kind: str) -> list:
    return [
        pytest.param(rule, case, id=f"{rule.name}-{number}")
        for rule in RULES
        for number, case in enumerate(_table(rule).get(kind, []))
    ]


def test_every_rule_has_positive_and_negative_cases() -> None:
    for rule in RULES:
        table = _table(rule)
        assert table["fix"] and table["keep"], rule.name


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_example_holds(rule: Rule) -> None:
    before, after = rule.example
    assert rule.apply(before, SIMPLIFIED) == after


@pytest.mark.parametrize(("rule", "case"), _cases("fix"))
def test_rule_fixes(rule: Rule, case: list[str]) -> None:
    before, after = case
    assert rule.apply(before, SIMPLIFIED) == after


@pytest.mark.parametrize(("rule", "case"), _cases("keep"))
def test_rule_keeps(rule: Rule, case: str) -> None:
    assert rule.apply(case, SIMPLIFIED) == case
    assert not [f for f in rule.find(case, SIMPLIFIED) if isinstance(f, Flag)]


@pytest.mark.parametrize(("rule", "case"), _cases("flag"))
def test_rule_flags_what_it_is_unsure_of(rule: Rule, case: str) -> None:
    assert rule.apply(case, SIMPLIFIED) == case
    assert [f for f in rule.find(case, SIMPLIFIED) if isinstance(f, Flag)]


@pytest.mark.parametrize("case", _table(BY_NAME["traditional"])["keep_traditional"])
def test_traditional_document_is_left_traditional(case: str) -> None:
    assert Context.of(case).script == "traditional"
    assert BY_NAME["traditional"].apply(case, Context.of(case)) == case


def test_rules_are_idempotent_on_their_own_output() -> None:
    for rule in RULES:
        for before, _ in _table(rule)["fix"]:
            once = rule.apply(before, SIMPLIFIED)
            assert rule.apply(once, SIMPLIFIED) == once, (rule.name, before)
