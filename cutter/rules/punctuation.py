"""Punctuation damaged by templating: ellipsis runs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import patterns as P
from .base import Context, Fix, rule


@rule(
    "ellipsis",
    "Write ellipsis runs (。。。。。。, ..., a lone …) as the standard ……",
    ("倍儿爽！。。。 ”", "倍儿爽！……”"),
)
def fix_ellipsis(text: str, context: Context) -> Iterator[Fix]:
    """``这都几点了。。。 ”`` → ``这都几点了……”``; ``……``, ``3...5`` and ``wait...`` stay."""
    if not any(mark in text for mark in ("。。。", "...", "…", "．．．")):
        return
    for match in P.ELLIPSIS.finditer(text):
        run = match.group().rstrip(" \t")
        if run == "……":
            continue
        before = text[match.start() - 1] if match.start() else "\n"
        after_chinese = before == "\n" or P.ELLIPSIS_CONTEXT.match(before) is not None
        chinese_marks = "。" in run or "．" in run or "……" in run or len(run.replace("…", "")) < len(run) - 1
        if chinese_marks or after_chinese:
            yield Fix(match.start(), match.end(), "……")


@rule(
    "fullwidth",
    "Write half-width , : ; ! ? ( ) between Chinese characters as full-width, as Chinese typesetting does.",
    ("大家好!我们学校(华东)的同学,今天", "大家好！我们学校（华东）的同学，今天"),
    gate=re.compile("[,;:!?()]"),
)
def fix_fullwidth(text: str, context: Context) -> Iterator[Fix]:
    """``工作,生活`` → ``工作，生活``; English, numbers, URLs and codes (``3:00``,
    ``Hello, world``, ``(1)``, ``初二(3)班``) stay, and full-width is never narrowed."""
    for match in P.HALF_PUNCT.finditer(text):
        yield Fix(match.start(), match.end(), P.FULL_WIDTH[match["mark"]])
    for match in P.HALF_PARENS.finditer(text):
        yield Fix(match.start(), match.start() + 1, "（")
        yield Fix(match.end() - 1, match.end(), "）")
