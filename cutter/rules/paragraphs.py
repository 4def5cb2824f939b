"""Sentences cut in two by a page break (a blank line in mid-sentence)."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

from .. import patterns as P
from .base import Context, Finding, Fix, Flag, rule

CLOSING_MARKS = "，,、；;：:。！？!?”’」』)）"
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
    starts = [0] + [gap.end() for gap in gaps]
    ends = [gap.start() for gap in gaps] + [len(text)]
    segments = [text[start:end] for start, end in zip(starts, ends)]
    open_gaps = [i for i in range(len(gaps)) if _may_be_cut(segments[i], segments[i + 1])]
    if not open_gaps:
        return
    joined = [False] * len(gaps)
    known: dict[tuple[int, int, int], Verdict] = {}
    while True:  # a join can change the paragraph an earlier verdict read: repeat to a fixed point
        verdicts = _verdicts(segments, joined, open_gaps, known)
        new = [i for i, verdict in enumerate(verdicts) if verdict is Verdict.JOIN and not joined[i]]
        if not new:
            break
        for i in new:
            joined[i] = True
    for i, gap in enumerate(gaps):
        if joined[i]:
            yield Fix(gap.start(), gap.end(), "")
        elif verdicts[i] is Verdict.UNSURE:
            tail = segments[i].strip()[-12:]
            yield Flag(gap.start(), gap.end(), f"possible page-break cut after “{tail}”")


def _may_be_cut(before: str, after: str) -> bool:
    """False where no paragraph around the gap can make it a cut: the text before it
    ends a sentence and the text after it does not open with a closing mark."""
    last, first = before.rstrip()[-1:], after.lstrip()[:1]
    if not last or not first:
        return False
    return last not in P.TERMINAL or first in CLOSING_MARKS


def _verdicts(
    segments: list[str], joined: list[bool], open_gaps: list[int], known: dict[tuple[int, int, int], Verdict]
) -> list[Verdict]:
    """The verdict on every gap; ``known`` keeps verdicts by the paragraphs they read."""
    first = list(range(len(segments)))
    for i in range(1, len(segments)):
        if joined[i - 1]:
            first[i] = first[i - 1]
    last = list(range(len(segments)))
    for i in range(len(segments) - 2, -1, -1):
        if joined[i]:
            last[i] = last[i + 1]
    verdicts = [Verdict.JOIN if done else Verdict.KEEP for done in joined]
    for i in open_gaps:
        if joined[i]:
            continue
        key = (first[i], i, last[i + 1])
        if key not in known:
            known[key] = judge("".join(segments[first[i] : i + 1]), "".join(segments[i + 1 : last[i + 1] + 1]))
        verdicts[i] = known[key]
    return verdicts


def judge(previous: str, following: str) -> Verdict:
    """Decide whether the break between two paragraphs is a page-break cut.

    >>> judge("总理提到，要“鼓励企业", "开展个性化定制。").value
    'join'
    >>> judge("一、追求卓越", "作为一名设计师，我需要不断挑战自己。").value
    'keep'
    """
    before, after = previous.strip(), following.strip()
    if not before or not after:
        return Verdict.KEEP
    if after[0] in CLOSING_MARKS and before[-1] not in P.SENTENCE_END:
        return Verdict.JOIN
    if before[-1] in P.TERMINAL or _stands_alone(after):
        return Verdict.KEEP
    if P.HEADING.match(before) or P.BYLINE_END.search(before):
        return Verdict.KEEP
    if P.OPEN_CUT_END.search(before) or before.count("“") > before.count("”"):
        return Verdict.JOIN
    if P.CLAUSE_PUNCT.search(before):
        short = len(before) <= VERSE_LINE and len(after) <= VERSE_LINE
        return Verdict.UNSURE if short else Verdict.JOIN
    return Verdict.UNSURE if len(before) >= LONG_UNPUNCTUATED else Verdict.KEEP


def _stands_alone(first: str) -> bool:
    return bool(
        P.HEADING.match(first)
        or P.SALUTATION.match(first)
        or P.SOURCE_LINE.match(first)
        or P.SIGN_OFF.match(first)
        or first.startswith(("——", "--"))
        or (len(first) <= TITLE_LINE and not P.ANY_PUNCT.search(first))
    )
