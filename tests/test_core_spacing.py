"""whitespace, cjk-space (crates/cutter-core/src/spacing.rs), watermark (junk.rs), english
(english.rs) and placeholder (detect.rs) in the compiled core against the Python they replaced (tests/spacing_reference.py):
the same findings, start, end and replacement or message, in the same order, on text built from
the pieces each pattern reads, on every code point in each place a character class decides
(\\p{Cf}, \\p{Extended_Pictographic}, \\s, \\w, \\p{Han}, [A-Za-z], the particles and marks), and at
the limits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cutter import _core
from cutter.rules import BY_NAME, Context
from cutter.rules.base import Fix, Flag
from tests import spacing_reference as reference
from tests.codepoints import every_code_point

RULES = (
    (_core.whitespace, reference.whitespace),
    (_core.watermark, reference.watermark),
    (_core.english, reference.english),
    (_core.cjk_space, reference.cjk_space),
    (_core.placeholders, reference.placeholders),
)


def alike(text: str) -> None:
    for core, python in RULES:
        assert core(text) == python(text), (python.__name__, text)


# What the four rules read: spaces of every width, format characters (the zero-width ones, the
# BOM, a tag, an Arabic mark), emoji and joiners, \s that is not a horizontal space (\r, \x85,
# \u2028; \x1c is not \s to the regex module); 的 and the watermark marks, quotes, dots between
# Han, digits; and / or with spaces and tabs, English words; the particles, clause punctuation,
# the opening and closing marks of cjk-space.
_PIECE = st.sampled_from(
    [" ", "  ", "\t", "\u3000", "\xa0", "\u2002", "\u200a", "\n", "\n\n", "\r", "\x85", "\u2028", "\x1c", "\x0b"]
    + ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u061c", "\U000e0001", "\u200e"]
    + ["👨", "👩", "👍", "\u00a9", "👨\u200d👩", "☺"]
    + ["的", "的.", "的'", "的`", "'", ".", "`", "3.12", "99.99%", "在.主义", "他说'这是我的'"]
    + [" and ", "\tand\t", " or ", "and", "or", " and\t", "\tor", "andy", "rock"]
    + list("了着过地得是在和与及或也都就还又把被给对从向于吗呢吧啊")
    + list("中文字甲乙，。、；：！？”’）》“‘（《,!?;") + ["a", "C919", "2019", "\ud800", "\U00020000", "價"]
    + list("xX×Χ*_") + ["xx", "XXX", "××", "ΧΧΧ", "**", "***", "* *", "*\u3000*", "*\n*", "__", "20", "box"]
    + list("年月日班级号届个元") + ["\u0301", "é", "١"]
)


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.lists(_PIECE, max_size=max_size).map("".join)


@settings(max_examples=4000, deadline=None)
@given(texts())
def test_the_rules_read_alike(text: str) -> None:
    alike(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_any_text_reads_alike(text: str) -> None:
    alike(text)


@pytest.mark.parametrize("length", [0, 1, 2, 18, 19, 20, 21, 22, 40])
def test_the_length_limits_read_alike(length: int) -> None:
    run = "中" * length
    for text in (
        f"正确的'{run}'，", f"正确的'{run}的'，", f"的'{run}'的'{run}'", f"的'{run}", f"他'{run}的'乙",
        f"{' ' * length}中{' ' * length}", f"中{' ' * length}。", f"“{' ' * length}中", f"中{' ' * length}的",
        f"一起 出{run}，", f"{run}一起 出，", f"甲\n{run[:3]} 乙\n丙丁，",
    ):  # fmt: skip
        alike(text)


def test_every_code_point_reads_alike_where_its_class_decides() -> None:
    """\\p{Cf} and \\p{Extended_Pictographic} (invisible, and a space at an edge once one is there),
    \\s (ink), \\p{Han} (watermark, english, cjk-space), in each place a rule reads a class."""
    chosen = every_code_point() + [chr(c) for c in (0xE0001, 0xE0020, 0xE007F, 0x1F468, 0x1FAF8)]
    for position in (
        "中{}中",  # a format character is removed
        "👨{}👩",  # unless between two pictographs
        "{}\u200d👩",  # a pictograph before a joiner
        "👨\u200d{}",  # and after it
        " {}",  # a space before ink at a line start
        "{} ",  # and after it at a line end
        "\u200b {}",  # with a format character counted as a space
        "{}\u3000\u200b",
        "{}",  # a line of one code point
        "的.{}",  # watermark: Han after the mark
        "{}.中",  # a dot between Han characters
        "的'{}'的",
        "{} and 中",  # english: Han before and after
        "中 or {}",
        "{} 中，",  # cjk-space: Han before, the opening marks
        "中 {}，",  # Han after, the particles, the closing marks
        "中  {}",
        "甲 乙{}",  # the line's clause punctuation
        "{}xx{}",  # placeholder: [A-Za-z] around a run
        "{}ΧΧΧ{}",
        "{}x年",  # \p{Han} or a line start before a lone x
        "x{}",  # the units after it
        "{}**{}",  # \w after a run of *, before a spaced one
        "*{}*",  # \s between spaced ones
    ):
        text = "\n".join(position.replace("{}", "{0}").format(c) for c in chosen)
        alike(text)


def test_the_rules_yield_findings_from_the_core() -> None:
    assert list(BY_NAME["whitespace"].find("\u3000\u3000工匠\u200b精神 \n", Context())) == [
        Fix(0, 2, ""), Fix(4, 5, ""), Fix(7, 8, "")
    ]  # fmt: skip
    assert BY_NAME["whitespace"].apply("家人👨\u200d👩\u200d👧一起出游。") == "家人👨\u200d👩\u200d👧一起出游。"
    assert list(BY_NAME["watermark"].find("取得的.一大突破，在.主义", Context())) == [
        Fix(3, 4, ""), Flag(10, 11, "a '.' between Chinese characters: watermark, censored word or full stop?")
    ]  # fmt: skip
    assert BY_NAME["watermark"].apply("我们要树立正确的'网络观'，做") == "我们要树立正确的'网络观'，做"
    assert list(BY_NAME["english"].find("你可以选择坐车 or 步行。", Context())) == [Fix(7, 11, "或")]
    found = list(BY_NAME["cjk-space"].find("这是我的演讲 的开头 。我们一起 出去玩，", Context()))
    assert found == [Fix(6, 7, ""), Fix(10, 11, ""), Flag(16, 17, "a space inside Chinese: “我们一起 出去玩，”")]
    assert list(BY_NAME["placeholder"].find("倡议人:xx班\n20xx年x月", Context())) == [
        Flag(4, 6, "placeholder “xx”"), Flag(10, 12, "placeholder “xx”"), Flag(13, 14, "placeholder “x”")
    ]  # fmt: skip


def test_lone_surrogates_keep_their_offsets() -> None:
    for text in (
        "\ud800 \u200b中\ud800 ", "\ud800的.中 在.主义\ud800", "\ud800中 and 中", "\ud800中 的中 中，\ud800", "\ud800\n \ud800",
    ):  # fmt: skip
        alike(text)
    assert _core.whitespace("\ud800\u200b \n") == [(1, 3)]


def test_the_scans_take_linear_time() -> None:
    import time

    def best(text: str) -> float:
        """The sum of each rule's best time over seven calls, in this thread's CPU time (the core
        works in the calling thread): on a loaded machine the wall clock counts the waits too."""
        total = 0.0
        for core, _ in RULES:
            spent = []
            for _ in range(7):
                started = time.thread_time()
                core(text)
                spent.append(time.thread_time() - started)
            total += min(spent)
        return total

    # 8 times the text takes at most 4 times 8 times as long (a quadratic scan: 64 times), in one
    # of three tries.
    shapes = (" ", "\u200b", "的'", "'", "中 ", " and", "中 and 中", "的.中", "中 中，", "中" * 30 + " ", "x", "* ", "*", "Χ")
    for shape in shapes:
        small, large = (shape * (size // len(shape)) for size in (20_000, 160_000))
        growths = []
        for _ in range(3):
            growths.append(best(large) / best(small))
            if growths[-1] < 8 * 4:
                break
        assert min(growths) < 8 * 4, (shape, growths)
