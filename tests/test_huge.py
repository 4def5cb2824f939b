"""A huge piece (a 50 MB page without headers) stays linear and within memory: the
per-text caches keep only the last huge text, and image captions are counted once."""

from __future__ import annotations

import sys

from cutter.config import Config
from cutter.core import process
from cutter.model import Document
from cutter.rules import BY_NAME, Context, boilerplate
from cutter.rules.base import LARGE_TEXT, Flag, rare_characters, text_cache


def test_the_text_cache_keeps_small_texts_and_only_the_last_large_one() -> None:
    calls: list[int] = []

    @text_cache(maxsize=4)
    def length(text: str) -> int:
        calls.append(len(text))
        return len(text)

    small = "价值" * 10
    assert length(small) == length(small) == 20 and calls == [20]
    first = "字" * (LARGE_TEXT + 1)
    held = sys.getrefcount(first)
    assert length(first) == length(first) == LARGE_TEXT + 1 and len(calls) == 2  # cached while it is the last
    assert sys.getrefcount(first) == held + 1
    second = "词" * (LARGE_TEXT + 2)
    length(second)
    assert sys.getrefcount(first) == held  # an earlier huge text is let go
    assert length(small) == 20 and len(calls) == 3  # the small ones are still cached
    length.cache_clear()
    assert sys.getrefcount(second) == 2  # the variable and the call's argument


def test_rare_characters_of_a_huge_text_is_the_same() -> None:
    text = "工匠精神的價值, " * (LARGE_TEXT // 8 + 1)
    assert rare_characters(text) == rare_characters("工匠精神的價值, ")


def _captions(titles: int) -> str:
    lines = [f"校园一角{n} 第1张\n正文写到校园一角{n}。" for n in range(titles)]
    return "\n".join(lines) + "\n"


def test_a_captions_title_found_again_in_the_text_is_removed() -> None:
    text = _captions(3)
    fixes = [f for f in BY_NAME["site-chrome"].find(text, Context()) if not isinstance(f, Flag)]
    assert [text[f.start : f.end].strip() for f in fixes] == [f"校园一角{n} 第1张" for n in range(3)]


def test_past_the_distinct_title_limit_a_caption_is_flagged_not_removed() -> None:
    limit = boilerplate.MAX_CAPTION_TITLES
    text = _captions(limit + 2)
    findings = list(BY_NAME["site-chrome"].find(text, Context()))
    removed = [f for f in findings if not isinstance(f, Flag)]
    flagged = [f for f in findings if isinstance(f, Flag)]
    assert len(removed) == limit
    assert [f.message for f in flagged] == [f"possible image caption: “校园一角{n} 第1张”" for n in (limit, limit + 1)]


def test_a_huge_piece_is_cleaned_like_its_parts() -> None:
    """A piece past LARGE_TEXT gets the same text as with the caches as they were (the cut
    between its two halves lies between paragraphs that no rule joins)."""
    half = "读书是一件需要耐心的事情。。。。。。慢慢地就養成了习惯。\n\n" * (LARGE_TEXT // 30 + 1)
    huge = process(Document("h", "读书心得\n\n" + half + half), Config()).pieces[0].text
    part = process(Document("p", "读书心得\n\n" + half), Config()).pieces[0].text
    assert huge == part + "\n" + part


def test_a_footer_marker_with_a_short_tail_cuts_it() -> None:
    tail = "扩展阅读\n" + "另一篇文章的一句话。\n" * 400  # 4,405 characters: related links or another site's article
    text = "谢谢大家。\n" + tail
    fixes = list(BY_NAME["footer"].find(text, Context()))
    assert [(f.start, f.end) for f in fixes] == [(6, len(text))] and not isinstance(fixes[0], Flag)


def test_a_footer_marker_with_a_tail_longer_than_its_reach_and_the_piece_is_flagged_and_kept() -> None:
    """A file of many pages run together is one long piece: 扩展阅读 in it must not cut the rest."""
    tail = "扩展阅读\n" + "保护环境人人有责，我们每个人都要行动起来。\n" * 300
    text = "谢谢大家。\n" + tail
    findings = list(BY_NAME["footer"].find(text, Context()))
    assert len(findings) == 1 and isinstance(findings[0], Flag)
    assert findings[0].message == f"a footer marker “扩展阅读” with {len(tail):,} characters after it: kept"
    long_piece = "正文。" * 3000 + "\n" + tail  # a tail no longer than the piece before it still goes
    assert not isinstance(next(BY_NAME["footer"].find(long_piece, Context())), Flag)
