"""Punctuation damaged by templating: ellipsis runs."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from .. import patterns as P
from .base import Context, Fix, rule

_ELLIPSIS_MARK = r"(?:。{3,}|\.{3,}|．{3,}|…+)"
ELLIPSIS = regex.compile(rf"{_ELLIPSIS_MARK}(?:[ \t]*{_ELLIPSIS_MARK})*[ \t]*(?![A-Za-z])")
# Also the half-width marks the fullwidth rule may widen later, so that rule cannot
# make this one act on a second pass.
ELLIPSIS_CONTEXT = regex.compile(r"[\p{Han}，。！？；：、“”‘’（）《》【】「」『』,;:!?()]")


@rule(
    "ellipsis",
    "Write ellipsis runs (。。。。。。, ..., a lone …) as the standard ……",
    ("倍儿爽！。。。 ”", "倍儿爽！……”"),
)
def fix_ellipsis(text: str, context: Context) -> Iterator[Fix]:
    """``这都几点了。。。 ”`` → ``这都几点了……”``; ``1个、2个、3个。。。25个`` →
    ``1个、2个、3个……25个``; ``……``, ``3...5``, ``1…2`` and ``wait...`` stay.

    Before a digit only a run after a Chinese character is an ellipsis (the items
    between are counted: ``3个。。。25个``); between two numbers it is a range.
    """
    if not any(mark in text for mark in ("。。。", "...", "…", "．．．")):
        return
    for match in ELLIPSIS.finditer(text):
        run = match.group().rstrip(" \t")
        if run == "……":
            continue
        before = text[match.start() - 1] if match.start() else "\n"
        after_chinese = before == "\n" or ELLIPSIS_CONTEXT.match(before) is not None
        if match.end() < len(text) and text[match.end()].isdigit():
            if not after_chinese or not regex.match(r"\p{Han}", before):
                continue
        chinese_marks = "。" in run or "．" in run or "……" in run or len(run.replace("…", "")) < len(run) - 1
        if chinese_marks or after_chinese:
            yield Fix(match.start(), match.end(), "……")


QUESTION_REACH = 40  # how far back a question's clause is read


def _question_mark(text: str, start: int, end: int) -> bool:
    """Whether the ``?`` at ``start`` ends a question: at a line end or before a quote or bracket it
    does; before a Chinese character only when its clause holds a question word (吗, 什么, 是不是)."""
    if end >= len(text) or not regex.match(r"\p{Han}", text[end]):
        return True
    clause_start = max(0, start - QUESTION_REACH)
    for stop in P.CLAUSE_BREAK.finditer(text, clause_start, start):
        clause_start = stop.end()
    return P.QUESTION_CLAUSE.search(text, clause_start, start) is not None


@rule(
    "fullwidth",
    "Write half-width , : ; ! ? ( ) between Chinese characters as full-width, as Chinese typesetting does.",
    ("大家好!我们学校(华东)的同学,今天", "大家好！我们学校（华东）的同学，今天"),
    gate=re.compile("[,;:!?()]"),
)
def fix_fullwidth(text: str, context: Context) -> Iterator[Fix]:
    """``工作,生活`` → ``工作，生活``; English, numbers, URLs and codes (``3:00``,
    ``Hello, world``, ``(1)``, ``初二(3)班``) stay, and full-width is never narrowed.

    A ``?`` between two Chinese characters is widened only after a question (``你去哪?我去学校``):
    elsewhere it may be a lost character (``我?錯了``, where mojibake ate ``寫`` and left a reading
    that pinyin-ruby removed), which the mojibake rule reports and this one must not make a ``？``."""
    for match in P.HALF_PUNCT.finditer(text):
        if match["mark"] == "?" and not _question_mark(text, match.start(), match.end()):
            continue
        yield Fix(match.start(), match.end(), P.FULL_WIDTH[match["mark"]])
    for match in P.HALF_PARENS.finditer(text):
        yield Fix(match.start(), match.start() + 1, "（")
        yield Fix(match.end() - 1, match.end(), "）")
