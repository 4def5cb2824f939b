"""The fast paths of the core's rules (issue 13): each skips to the bytes a hit must hold (memchr,
memmem, Teddy), reads a line's edges only when their bytes can be spaces, and counts code points
only up to the spans it returns. Each rule against the Python it replaced, with hits planted in
long stretches of clean prose: so that a hit lands at every offset of the searchers' 16-, 32- and
64-byte blocks, after a stretch they skip, and with a long stretch between two hits (the running
count of code points from one span to the next). The Rust tests hold each fast path to the rule as
it was on every short text of a small alphabet (`cargo test -p cutter-core`)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cutter import _core
from tests import normalize_reference, paragraphs_reference, punctuation_reference, spacing_reference

RULES = (
    (_core.page_breaks, paragraphs_reference.page_breaks),
    (_core.chunk_markers, paragraphs_reference.chunk_markers),
    (_core.ellipsis, punctuation_reference.ellipsis),
    (_core.fullwidth, punctuation_reference.fullwidth),
    (_core.whitespace, spacing_reference.whitespace),
    (_core.watermark, spacing_reference.watermark),
    (_core.english, spacing_reference.english),
    (_core.cjk_space, spacing_reference.cjk_space),
    (_core.placeholders, spacing_reference.placeholders),
    (_core.layout, normalize_reference.layout),
)

# Prose no rule acts on, of one-, two-, three- and four-byte code points, and sentence ends.
_CLEAN = st.sampled_from(list("我们今天站在这里是为了记住那段历史") + ["。\n", "！", "a", "1", "é", "\U00020000"])

# What each rule's fast path looks for, and what it must still find: format characters of every
# width and the joiner between pictographs; spaces at a line's edges; the ellipsis marks; 的 and
# its marks; the connectives; the placeholders; a page break and a chunk number; a lone surrogate.
_HIT = st.sampled_from(
    ["\u200b", "\u00ad", "\u0600", "\u2060", "\ufeff", "\U000e0001", "👨\u200d👩", "\n\u3000", "  \n", "\n \n"]
    + ["。。。", "...", "．．．", "…", "……", "…… a", "的.", "的'", "的`", "在.主义", " and ", "\tor\t"]
    + ["xx", "XX", "×", "ΧΧ", "**", "* *", "__", "x年", "，\n\n", "企业\n", "\n2、", "\n\n12、 \n", "\ud800"]
    + ["中, ", "中?好", "(中文)", "中 的", "中 。"]
)


def _stretch(max_size: int) -> st.SearchStrategy[str]:
    return st.lists(_CLEAN, max_size=max_size).map("".join)


def alike(text: str) -> None:
    for core, python in RULES:
        assert core(text) == python(text), (python.__name__, text)


@settings(max_examples=1500, deadline=None)
@given(_stretch(200), _HIT, _stretch(300), _HIT, _stretch(100))
def test_hits_far_apart_in_clean_prose_are_found_as_the_python_finds_them(
    before: str, first: str, between: str, second: str, after: str
) -> None:
    alike(before + first + between + second + after)


def test_a_hit_at_every_offset_of_a_long_stretch() -> None:
    prose = "我们今天站在这里，是为了记住那段历史。a1"
    for hit in ["\u200b", "。。。", "的.", " and ", "xx", "\n\u3000", "中, ", "，\n\n", "…", "\u2061"]:
        for offset in range(0, 70):
            text = (prose * 4)[:offset] + "甲" + hit + "乙" + prose * 3
            alike(text)
            assert any(core(text) for core, _ in RULES[:-1]), (hit, offset)  # the hit is one


def test_clean_prose_finds_nothing() -> None:
    # what the fast paths are for: a long text they read without a hit (and the test fails if a
    # rule began to act on the filler, so that the two tests above would plant their hits in noise)
    text = "我们今天站在这里是为了记住那段历史。\n" * 2000
    for core, python in RULES[:-1]:
        assert core(text) == python(text) == [], python.__name__
    assert _core.layout(text) == text.rstrip("\n")
