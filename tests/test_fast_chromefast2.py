"""The line rules' one scan (crates/cutter-core/src/chrome.rs, ``Chrome::scan``) reads four
three-byte characters at a time and looks closer only where one opens a trigger word or is
traditional-only; a traditional text is folded four characters at a time too. These texts put
trigger words, traditional characters, E0- and ED-led characters (U+0800, U+D7FF), lone
surrogates, two- and four-byte characters at every offset of those windows, inside long runs of
the commonest Han characters (many of which open a trigger word), and compare the core's findings
with the Python the core replaced (tests/boilerplate_reference.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests import boilerplate_reference as reference
from tests.test_core_chrome import _PIECE

# common characters, several the first of a trigger word (在 上 人 小 不 以 下 这 为 时 文 全)
_RUN = st.text(alphabet="在上人小不以下这为时文全的了是我一有们中来说要道去好甲乙丙丁", min_size=0, max_size=40)
_ODD = st.sampled_from(
    ["個", "為", "讀", "閱讀", "擴展閱讀", "\u0800", "\u0fff", "\ud7ff", "\ud800", "\udfff", "\ue000", "\uffff", "é", "\u07ff"]
    + ["\U00020021", "\U0002f800", "\U0010ffff", "a", "1", " ", "\n", "\r\n", "\u3000", "|", "｜", "。", "，"]
)


@st.composite
def _texts(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        parts.append(draw(_RUN))
        parts.append(draw(st.one_of(_ODD, _PIECE)))
        # shift what follows by 0–11 bytes: every offset of a window of four characters
        parts.append("a" * draw(st.integers(0, 11)))
    return "".join(parts)


@settings(max_examples=600, deadline=None)
@given(_texts())
def test_the_scan_reads_as_the_reference(text: str) -> None:
    assert reference.core_line_rules(text) == reference.line_rules(text)


def test_a_trigger_word_at_every_offset_of_a_long_run() -> None:
    run = "在上人小不以下这为时文全" * 3
    for word in ("扩展阅读", "相关推荐", "展开全文", "小编精心推荐", "以下是", "手机阅读"):
        for shift in range(12):
            for traditional in ("", "為"):
                text = run[:shift] + traditional + word + run + "\n" + run[shift:] + word
                assert reference.core_line_rules(text) == reference.line_rules(text), (word, shift, traditional)
