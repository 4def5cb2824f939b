"""Rule gates skip only texts a rule cannot act on.

A gate is a pattern over single characters, matched against the text's rare
characters (one ``patterns.RARE`` scan). Two things must hold: every character a
gate can match is one the scan reports, and a gated rule finds nothing in a text
its gate turns away, so cleaning with gates equals cleaning without them.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import reference_patterns as P
from cutter.normalize import clean_text
from cutter.rules import RULES, Context
from cutter.rules.base import rare_characters
from tests.test_properties import SETTINGS, any_text

GATED = [rule for rule in RULES if rule.gate is not None]
EVERY_CHARACTER = "".join(map(chr, range(0x110000)))
PROSE = "我们要弘扬工匠精神，在平凡的岗位上追求卓越。“精益求精”是一种态度！一二三十第篇"
prose_with_rare = st.lists(
    st.one_of(
        st.text(alphabet=PROSE, min_size=1, max_size=12),
        st.sampled_from(["\n", "\n\n", " ", "\u3000", "\u200b", ".", "'", "x", "(", ")", ",", "價", "鎴戜滑", "?"]),
        st.characters(),
    ),
    max_size=30,
).map("".join)


@pytest.mark.parametrize("rule", GATED, ids=lambda rule: rule.name)
def test_the_scan_reports_every_character_a_gate_matches(rule) -> None:
    gate_characters = set(rule.gate.findall(EVERY_CHARACTER))
    assert gate_characters, "a gate that matches nothing would switch its rule off"
    missed = {c for c in gate_characters if not P.RARE.match(c)}
    assert not missed, f"{rule.name}: the rare scan misses {sorted(missed)[:10]}"


def test_common_prose_has_no_rare_characters() -> None:
    assert rare_characters(PROSE) == ""
    assert rare_characters(PROSE + "a1") == ""
    assert rare_characters(PROSE + "價 x") == " x價"


@SETTINGS
@given(st.one_of(any_text, prose_with_rare))
def test_a_gated_rule_finds_nothing_where_its_gate_is_shut(text: str) -> None:
    context = Context.of(text)
    for rule in GATED:
        if not rule.may_act(text):
            assert list(rule.find(text, context)) == [], rule.name


@SETTINGS
@given(st.one_of(any_text, prose_with_rare))
def test_cleaning_with_gates_equals_cleaning_without(text: str) -> None:
    context = Context.of(text)
    ungated = [dataclasses.replace(rule, gate=None) for rule in RULES]
    assert clean_text(text, RULES, context) == clean_text(text, ungated, context)
