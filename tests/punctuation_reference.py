"""rules/punctuation.py as it was before the compiled core took its per-character work
(crates/cutter-core/src/punctuation.rs): the reference the differential tests compare the core
with (tests/test_core_diff.py, tests/test_core_punctuation.py, bench/core_diff.py). Each function
returns the rule's fixes as (start, end, replacement), in the order the rule yielded them."""

from __future__ import annotations

import regex

# The patterns only this reference reads (the core has its own, in punctuation.rs).
HALF_PUNCT = regex.compile(r"(?<=\p{Han})(?P<mark>[,;:!?])(?P<space>[ \t]?)(?=\p{Han}|[“‘《（(]|$)", regex.MULTILINE)
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
HALF_PARENS = regex.compile(r"\((?=[^()\n]{0,40}\p{Han})(?![^()\n]*[A-Za-z])(?P<inner>[^()\n]{1,40})\)")
# What makes a clause a question, so a half-width ? after it is a question mark: a question word
# or particle, or an A-not-A (是不是, 有没有).
QUESTION_CLAUSE = regex.compile(
    r"[吗嗎呢吧么麼嘛啊呀哪谁誰怎几幾何岂豈否]|多少|难道|難道|(?P<a>\p{Han})[不没沒](?P=a)"
)
CLAUSE_BREAK = regex.compile(r"[，。！？；：,.!?;:、\n]")

_ELLIPSIS_MARK = r"(?:。{3,}|\.{3,}|．{3,}|…+)"
ELLIPSIS = regex.compile(rf"{_ELLIPSIS_MARK}(?:[ \t]*{_ELLIPSIS_MARK})*[ \t]*(?![A-Za-z])")
# Also the half-width marks the fullwidth rule may widen later, so that rule cannot
# make this one act on a second pass.
ELLIPSIS_CONTEXT = regex.compile(r"[\p{Han}，。！？；：、“”‘’（）《》【】「」『』,;:!?()]")


def ellipsis(text: str) -> list[tuple[int, int, str]]:
    """rules/punctuation.py: fix_ellipsis."""
    found = []
    if not any(mark in text for mark in ("。。。", "...", "…", "．．．")):
        return found
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
            found.append((match.start(), match.end(), "……"))
    return found


QUESTION_REACH = 40  # how far back a question's clause is read


def _question_mark(text: str, start: int, end: int) -> bool:
    if end >= len(text) or not regex.match(r"\p{Han}", text[end]):
        return True
    clause_start = max(0, start - QUESTION_REACH)
    for stop in CLAUSE_BREAK.finditer(text, clause_start, start):
        clause_start = stop.end()
    return QUESTION_CLAUSE.search(text, clause_start, start) is not None


def fullwidth(text: str) -> list[tuple[int, int, str]]:
    """rules/punctuation.py: fix_fullwidth."""
    found = []
    for match in HALF_PUNCT.finditer(text):
        if match["mark"] == "?" and not _question_mark(text, match.start(), match.end()):
            continue
        found.append((match.start(), match.end(), FULL_WIDTH[match["mark"]]))
    for match in HALF_PARENS.finditer(text):
        found.append((match.start(), match.start() + 1, "（"))
        found.append((match.end() - 1, match.end(), "）"))
    return found
