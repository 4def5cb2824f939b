"""Sentences cut in two by a page break (a blank line in mid-sentence)."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

from .. import patterns as P
from .base import Context, Finding, Fix, Flag, rule

VERSE_LINE = 16
TITLE_LINE = 20
LONG_UNPUNCTUATED = 40


class Verdict(Enum):
    KEEP = "keep"
    JOIN = "join"
    UNSURE = "unsure"


@rule(
    "page-break",
    "Join a sentence that a page break cut in two; keep headings, salutations, titles and source lines apart.",
    ("总理提到，要“鼓励企业\n\n开展个性化定制。", "总理提到，要“鼓励企业开展个性化定制。"),
)
def fix_page_breaks(text: str, context: Context) -> Iterator[Finding]:
    """``热腾腾的包`` + blank line + ``子忙打圆场…`` → one paragraph.

    The break is joined only when the paragraph before it is prose (it holds a
    clause mark) that stops without terminal punctuation, and the line after it
    is not a heading, salutation, source line or title. A break after a long
    unpunctuated line, or between two verse-length lines, is flagged instead.
    """
    gaps = list(P.LINE_GAP.finditer(text))
    paragraph_start = 0
    for number, gap in enumerate(gaps):
        following_end = gaps[number + 1].start() if number + 1 < len(gaps) else len(text)
        previous = text[paragraph_start : gap.start()]
        last_line = text[text.rfind("\n", 0, gap.start()) + 1 : gap.start()]
        following = text[gap.end() : following_end]
        verdict = judge(previous, last_line, following)
        if verdict is Verdict.JOIN:
            yield Fix(gap.start(), gap.end(), "")
            continue
        if verdict is Verdict.UNSURE:
            yield Flag(gap.start(), gap.end(), f"possible page-break cut after “{previous.strip()[-12:]}”")
        paragraph_start = gap.end()


def judge(previous: str, last_line: str, following: str) -> Verdict:
    """Decide whether the break between two paragraphs is a page-break cut.

    >>> judge("总理提到，要“鼓励企业", "总理提到，要“鼓励企业", "开展个性化定制。").value
    'join'
    >>> judge("一、追求卓越", "一、追求卓越", "作为一名设计师，我需要不断挑战自己。").value
    'keep'
    """
    before, after = previous.strip(), following.strip()
    if not before or not after:
        return Verdict.KEEP
    if after[0] in "，,、；;：:。！？!?”’」』)）" and before[-1] not in P.SENTENCE_END:
        return Verdict.JOIN
    if before[-1] in P.TERMINAL or _stands_alone(after):
        return Verdict.KEEP
    if P.HEADING.match(before) or P.BYLINE_END.search(before):
        return Verdict.KEEP
    if P.OPEN_CUT_END.search(before) or before.count("“") > before.count("”"):
        return Verdict.JOIN
    if P.CLAUSE_PUNCT.search(before):
        short = len(last_line.strip()) <= VERSE_LINE and len(after.split("\n")[0]) <= VERSE_LINE
        return Verdict.UNSURE if short else Verdict.JOIN
    return Verdict.UNSURE if len(before) >= LONG_UNPUNCTUATED else Verdict.KEEP


def _stands_alone(line: str) -> bool:
    first = line.split("\n", 1)[0]
    return bool(
        P.HEADING.match(first)
        or P.SALUTATION.match(first)
        or P.SOURCE_LINE.match(first)
        or first.startswith(("——", "--"))
        or (len(first) <= TITLE_LINE and not P.ANY_PUNCT.search(first))
    )
