"""The core's header candidates (crates/cutter-core/src/headers.rs) against the Python they replaced
(tests/split_reference.py): every Candidate, every field, over the samples, the seeds, the bench
corpus, generated header-heavy and header-like prose pages, hypothesis text, and every code point
in a keyword. ``bench/core_diff.py`` runs the comparison over 50 MB."""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cutter import _core
from cutter import patterns as P
from cutter.split import Candidate
from tests import split_reference as reference
from tests.test_core_diff import corpus, sample_texts

ROOT = Path(__file__).resolve().parents[1]


core_candidates = reference.core_header_candidate_list


def differ(text: str) -> list[str]:
    """What the core and the reference read differently in ``text`` (nothing, when they agree)."""
    ours, theirs = core_candidates(text), reference.header_candidate_list(text)
    if ours == theirs:
        return []
    return [f"core {[c for c in ours if c not in theirs][:3]} reference {[c for c in theirs if c not in ours][:3]}"]


# --- generated pages: header-heavy, and prose that looks like headers ---------------------------

KEYWORDS = ("作文", "心得体会", "读后感", "演讲稿", "倡议书", "范文", "弘扬工匠精神", "我的梦想作文600字", "观后感",
            "课前三分钟演讲稿(汇总16篇)", "工作总结（精选9篇）", "Essay", "α组", "第", "其", "🎉", "小学生日记 ", "★读 后 感★")
NUMERALS = ("1", "2", "9", "12", "15", "０", "１２", "３", "一", "二", "十四", "二十九", "一百零二", "两", "零", "〇",
            "501", "3000", "007", "二〇二三", "十十")
BRACKETS = ("(", ")", "（", "）", "【", "】", "[", "]", "〔", "〕")
MARKS = ("篇", "第", "：", ":", "。", "，", "、", "！", "字", "点", "月", "日", "米", "平方米", "份", "则", "篇。")
SPACES = (" ", "  ", "\t", "\u3000", "\u00a0", "\x1c", "\x85", "\u2003")
DEBRIS = ("&nbsp;", "&#160;", "&amp;", "&bsp;", "<br>", "</p>", "<span class=\"t\">", "\u200b", "\ufeff", "(piān)",
          "（yī）", "(men)", "(de)")
BODIES = ("尊敬的各位领导", "敬爱的老师们：", "大家好", "我的老师", "春天来了", "乙走了很远的路，终于到了。",
          "第一篇文章写得很好，我读了三遍。", "《题目》很长的正文", "12月4日，晴", "凌晨2点整，距离刚下车",
          "社区是我们的家", "一、追求卓越", "我们体会到了工匠精神的价值。", "\ud800", "ü", "zì")
DECORATION = ("#", "＃", "★", "●", "“", "”", "\"", "「")
FRAGMENTS = (KEYWORDS, NUMERALS, BRACKETS, MARKS, SPACES, DEBRIS, BODIES, DECORATION)


def header_line(rng: random.Random) -> str:
    """A line shaped like a header, glued header, or prose that looks like one."""
    shape = rng.random()
    kw, n = rng.choice(KEYWORDS), rng.choice(NUMERALS)
    if shape < 0.5:
        o, c = rng.choice((("", ""), ("(", ")"), ("【", "】"), ("（", "）"), ("[", "]")))
        pian = rng.choice(("篇", "", "第", "第 ", " 篇 "))
        tail = rng.choice(("", "", "篇", "：", ":" + rng.choice(BODIES), rng.choice(BODIES), "：" + rng.choice(BODIES)))
        line = f"{kw}{rng.choice(('', ' '))}{o}{pian}{n}{'篇' if pian.startswith('第') else ''}{c}{tail}"
    else:
        parts = [rng.choice(rng.choice(FRAGMENTS)) for _ in range(rng.randint(1, 9))]
        line = "".join(parts)
    for _ in range(rng.choice((0, 0, 1, 2))):  # debris, decoration and spaces anywhere
        at = rng.randint(0, len(line))
        line = line[:at] + rng.choice(rng.choice((DEBRIS, SPACES, DECORATION))) + line[at:]
    if rng.random() < 0.05:
        line += "正文" * rng.randint(20, 80)  # long: glued headers only
    return line


def header_pages(megabytes: float, seed: int) -> Iterator[str]:
    """Pages of header-heavy lines and header-like prose, ``megabytes`` of UTF-8 in all."""
    rng = random.Random(seed)
    size = 0
    while size < megabytes * 1e6:
        page = "\n".join(header_line(rng) for _ in range(rng.randint(20, 400)))
        size += len(page.encode("utf-8", "surrogatepass"))
        yield page


# --- the tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text"), list(sample_texts()), ids=[name for name, _ in sample_texts()])
def test_samples_and_seeds_give_the_same_candidates(name: str, text: str) -> None:
    assert differ(text) == []


def test_the_bench_corpus_gives_the_same_candidates() -> None:
    differing = [number for number, text in enumerate(corpus()) if differ(text)]
    assert differing == []


def test_header_heavy_pages_give_the_same_candidates() -> None:
    pages = list(header_pages(3, 13))
    assert sum(len(reference.header_candidate_list(page)) for page in pages[:20]) > 1000  # the pages hold headers
    differing = [(number, differ(page)) for number, page in enumerate(pages) if differ(page)]
    assert differing == []


def test_every_basic_plane_code_point_in_a_keyword_reads_alike() -> None:
    """``{c}{c}1``, ``甲{c}篇二`` and ``{c}【3】`` for every code point ``c`` of the Basic Multilingual
    Plane, core and reference: the keyword's classes (``\\p{Han}``, ``\\p{L}``, ``\\s``, the numerals,
    the decoration, the debris) as the regex module reads them."""
    points = [chr(c) for c in range(0x10000) if c != 0x0A]
    for size in range(0, len(points), 16384):
        chunk = points[size : size + 16384]
        text = "\n".join(f"{c}{c}1\n甲{c}篇二\n{c}【3】" for c in chunk)
        assert differ(text) == [], hex(ord(chunk[0]))


def test_letters_and_han_are_the_regex_modules_on_every_code_point() -> None:
    """``{c}{c}1`` for every code point: a family keyword exactly when the regex module reads ``c``
    as a letter or Han (its Unicode version, newer than the regex crate's: U+0558 is a letter)."""
    word = regex.compile(r"[\p{Han}\p{L}]")
    other = regex.compile(r"[\p{Cf}\s&<]")
    skip = set(P.DECORATION + "(（【[〔)）】]〕:：。！？!?，,；;、篇第其") | P.NUMERAL_SET
    points = [
        chr(c) for c in range(0x110000)
        if not 0xD800 <= c < 0xE000 and chr(c) not in skip and not other.match(chr(c))
    ]
    found = {line for line, *_ in _core.header_candidates("\n".join(f"{c}{c}1" for c in points))[0]}
    wrong = [hex(ord(c)) for number, c in enumerate(points) if (4 * number in found) != bool(word.match(c))]
    assert wrong == []
    assert "\u0558" in points and word.match("\u0558")


def test_unmarked_ruby_lines_are_left_to_python() -> None:
    text = "合集\n我們(men)的心得篇一\n作文篇二\n"
    found, deferred = _core.header_candidates(text)
    assert deferred == [(3, 15)]
    assert [c[1] for c in found] == [16]
    assert differ(text) == []


def test_lone_surrogates_and_offsets_are_python_str_indexes() -> None:
    text = "\ud800\n\ud800作文篇一\n𠀀范文2：春天"
    assert core_candidates(text) == reference.header_candidate_list(text)
    assert [(c.start, c.end, c.keyword) for c in core_candidates(text)] == [(2, 7, "\ud800作文"), (8, 15, "𠀀范文")]
    # the plane-15 code points a surrogate is read as are themselves on a line without one (found by
    # hypothesis), and a line with both is left to Python
    for text in ("A\U000f00001", "\ud800\U000f0000作文篇一"):
        assert differ(text) == []
    assert core_candidates("A\U000f00001")[0].keyword == "A\U000f0000"
    assert _core.header_candidates("\ud800\U000f0000作文篇一") == ([], [(0, 6)])


def test_a_broken_core_would_be_seen() -> None:
    """The comparison can fail: a changed field is a difference."""
    text = "作文篇一\n作文篇二"
    ours = core_candidates(text)
    assert ours == reference.header_candidate_list(text)
    changed = [Candidate(c.line, c.start, c.end, c.number + 1, c.style, c.keyword, c.clean) for c in ours]
    assert changed != reference.header_candidate_list(text)


fragment = st.sampled_from([f for group in FRAGMENTS for f in group])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(fragment, max_size=10).map("".join), max_size=12).map("\n".join))
def test_fragments_give_the_same_candidates(text: str) -> None:
    assert differ(text) == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("作文篇第一二十1２0０:：()（）【】[] \u3000\u00a0&;<>br#★字点。，的們(men)"), max_size=60))
def test_header_alphabet_text_gives_the_same_candidates(text: str) -> None:
    assert differ(text) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_the_same_candidates(text: str) -> None:
    assert differ(text) == []


if __name__ == "__main__":  # a quick look: python tests/test_core_headers.py MB
    sys.path.insert(0, str(ROOT))
    pages = list(header_pages(float(sys.argv[1]) if len(sys.argv) > 1 else 1, 1))
    print(len(pages), sum(len(reference.header_candidate_list(p)) for p in pages), sum(bool(differ(p)) for p in pages))
