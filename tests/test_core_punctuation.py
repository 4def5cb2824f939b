"""ellipsis and fullwidth in the compiled core (crates/cutter-core/src/punctuation.rs) against the
Python they replaced (tests/punctuation_reference.py): the same fixes, start, end and replacement,
in the same order, on text built from the pieces each pattern reads, on every code point in each
place a character class decides (\\p{Han}, str.isdigit, [A-Za-z], the marks), and at the limits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cutter import _core
from cutter.rules import BY_NAME, Context
from cutter.rules.base import Fix
from tests import punctuation_reference as reference
from tests.codepoints import every_code_point

# What the two rules read: the ellipsis marks, the spaces between them, what stands before a run
# (Han, the context marks, a newline, a digit, a letter) and after it (a digit, a letter); the
# half-width marks, what stands before and after them, the question words and clause breaks, and
# parentheses around Han, digits and letters.
_PIECE = st.sampled_from(
    list("。.．…") + ["。。。", "...", "．．．", "……", "…………", "。。。。。。", "..", "。。"]
    + [" ", "\t", "  ", "\n", "\u3000", "\xa0", "\r"]
    + list(",;:!?()") + [", ", "? ", "!\t", "(1)", "(3)", "(华东)", "(abc)"]
    + list("中吗嗎不没是多少难道怎何否，。！？；：、“”‘’（）《》【】「」『』")
    + ["是不是", "有没有", "多少", "难道", "你去哪", "我", "錯了"]
    + ["a", "Z", "wait", "1", "25", "２", "²", "①", "一", "\ud800", "\U00020000", "價"]
)


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.lists(_PIECE, max_size=max_size).map("".join)


@settings(max_examples=3000, deadline=None)
@given(texts())
def test_ellipsis_reads_alike(text: str) -> None:
    assert _core.ellipsis(text) == reference.ellipsis(text)


@settings(max_examples=3000, deadline=None)
@given(texts())
def test_fullwidth_reads_alike(text: str) -> None:
    assert _core.fullwidth(text) == reference.fullwidth(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_any_text_reads_alike(text: str) -> None:
    assert _core.ellipsis(text) == reference.ellipsis(text)
    assert _core.fullwidth(text) == reference.fullwidth(text)


@pytest.mark.parametrize("length", [0, 1, 2, 38, 39, 40, 41, 42, 80])
def test_the_length_limits_read_alike(length: int) -> None:
    run = "中" * length
    for text in (
        f"({run})", f"({run[:-1]}a)", f"(1{run})", f"吗{run}?好", f"吗，{run}?好", f"是不是{run}?好",
        f"是不{run}是?好", f"({' ' * length}中)", f"中{'。' * length}a", f"中{'…' * length}a", f"中{'.' * length}1",
        f"中{'。。。 ' * length}a", f"中{' '.join(['…'] * length)}\tZ",
    ):  # fmt: skip
        assert _core.ellipsis(text) == reference.ellipsis(text), text
        assert _core.fullwidth(text) == reference.fullwidth(text), text


def test_every_code_point_reads_alike_where_its_class_decides() -> None:
    """Han characters, digits (str.isdigit), ASCII letters, the context marks and spaces, in each
    place of the two rules that reads a character's class."""
    chosen = every_code_point()
    for position in (
        "{}。。。好",  # before a run: Han, a context mark, or neither
        "{}...5",  # before a run before a digit: Han only
        "中。。。{}",  # after a run: a digit, a letter
        "中…{}",  # after a lone mark
        "中。。。{}。。。",  # between two marks: a space or tab only
        "{},中",  # before a half-width mark: Han
        "中,{}",  # after it: Han, an opening mark, a line's end
        "中; {}",  # after its space
        "中{}中",  # the marks themselves
        "吗{}我?好",  # a question's clause: its breaks
        "{}不{}?好".replace("{}", "{0}"),  # X不X
        "中?{}",  # a question mark before Han or not
        "({}中)",  # inside parentheses: letters, Han
        "({})",
    ):
        text = "\n\n".join(position.format(c) for c in chosen)
        assert _core.ellipsis(text) == reference.ellipsis(text), position
        assert _core.fullwidth(text) == reference.fullwidth(text), position


def test_the_rules_yield_fixes_from_the_core() -> None:
    text = "大家好!我们学校(华东)的同学,今天。。。 好"
    assert list(BY_NAME["fullwidth"].find(text, Context())) == [
        Fix(3, 4, "！"), Fix(15, 16, "，"), Fix(8, 9, "（"), Fix(11, 12, "）")
    ]  # fmt: skip
    assert list(BY_NAME["ellipsis"].find(text, Context())) == [Fix(18, 22, "……")]
    assert BY_NAME["ellipsis"].apply("倍儿爽！。。。 ”") == "倍儿爽！……”"
    assert BY_NAME["fullwidth"].apply("大家好!我们学校(华东)的同学,今天") == "大家好！我们学校（华东）的同学，今天"
    assert list(BY_NAME["ellipsis"].find("wait... what?", Context())) == []


def test_lone_surrogates_keep_their_offsets() -> None:
    text = "\ud800中,中\ud800。。。\ud800(中\ud800)"
    assert _core.fullwidth(text) == reference.fullwidth(text) == [(2, 3, "，"), (9, 10, "（"), (12, 13, "）")]
    assert _core.ellipsis(text) == reference.ellipsis(text) == [(5, 8, "……")]
    assert _core.ellipsis("\ud800...") == reference.ellipsis("\ud800...") == []  # no Chinese mark nor context
    assert _core.ellipsis("\ud800中。。。") == reference.ellipsis("\ud800中。。。") == [(2, 5, "……")]


def test_the_scans_take_linear_time() -> None:
    import time

    def best(text: str) -> float:
        spent = []
        for _ in range(3):
            started = time.perf_counter()
            _core.ellipsis(text)
            _core.fullwidth(text)
            spent.append(time.perf_counter() - started)
        return min(spent)

    for shape in ("…", "。。。 ", "(" + "中" * 39, "中?" + "中" * 39, "中" * 40 + "?中"):
        small, large = best(shape * 20_000), best(shape * 320_000)
        assert large / small < 16 * 3, (shape, small, large)


@pytest.mark.parametrize(
    "text",
    ["(" + "中" * 20 + ", " + "中" * 19 + ")", "(甲(一)乙)"],
    ids=["a-widened-comma-brings-the-inside-to-40", "a-widened-inner-pair-no-longer-stops-the-outer"],
)
def test_a_second_pass_may_widen_parentheses_as_the_python_did(text: str) -> None:
    """Found by cargo fuzz: the fullwidth rule is not idempotent on these shapes, in the Python that
    was and in the core alike (a second pass widens the outer parentheses; the pipeline's own
    idempotence tests do not meet them). Kept as it was: the port changes no behaviour."""

    def apply(text: str, fixes: list[tuple[int, int, str]]) -> str:
        for start, end, after in sorted(fixes, reverse=True):
            text = text[:start] + after + text[end:]
        return text

    once = apply(text, _core.fullwidth(text))
    assert _core.fullwidth(text) == reference.fullwidth(text)
    assert _core.fullwidth(once) == reference.fullwidth(once) != []
    assert all(after in "（）" for _, _, after in _core.fullwidth(once))
