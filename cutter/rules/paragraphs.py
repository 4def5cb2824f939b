"""Sentences cut in two by a page break (a blank line in mid-sentence) or a doc viewer's chunk number."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

import regex

from .. import patterns as P
from .base import Context, Finding, Fix, Flag, line_span, rule

CLOSING_MARKS = "，,、；;：:。！？!?”’」』)）"
VERSE_LINE = 16
TITLE_LINE = 20
LONG_UNPUNCTUATED = 40
COUPLET_BREAK = regex.compile(r"[，,、；;]\s*|\s+")
COUPLET_PART = regex.compile(r"\p{Han}{2,8}")


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
    if not gaps:
        return
    bounds = [0] + [gap.end() for gap in gaps]
    ends = [gap.start() for gap in gaps] + [len(text)]
    segments = [text[start:end] for start, end in zip(bounds, ends)]
    lasts = [segment.rstrip()[-1:] for segment in segments]
    firsts = [segment.lstrip()[:1] for segment in segments]
    open_gaps = [  # a gap after a sentence end, before no closing mark, keeps its break whatever the paragraphs
        i
        for i in range(len(gaps))
        if lasts[i] and firsts[i + 1] and (lasts[i] not in P.TERMINAL or firsts[i + 1] in CLOSING_MARKS)
    ]
    if not open_gaps:
        return
    joined: set[int] = set()
    known: dict[tuple[int, int, int], Verdict] = {}
    while True:  # a join can change the paragraph an earlier verdict read: repeat to a fixed point
        verdicts = _verdicts(segments, joined, open_gaps, known)
        new = [i for i, verdict in verdicts.items() if verdict is Verdict.JOIN]
        if not new:
            break
        joined.update(new)
    for i in sorted(joined | {i for i, verdict in verdicts.items() if verdict is Verdict.UNSURE}):
        gap = gaps[i]
        if i in joined:
            yield Fix(gap.start(), gap.end(), "")
        else:
            tail = segments[i].strip()[-12:]
            yield Flag(gap.start(), gap.end(), f"possible page-break cut after “{tail}”")


def _verdicts(
    segments: list[str], joined: set[int], open_gaps: list[int], known: dict[tuple[int, int, int], Verdict]
) -> dict[int, Verdict]:
    """The verdict on every open gap not yet joined, each reading the whole paragraphs
    (runs of joined segments) on its two sides; ``known`` keeps verdicts by the
    paragraphs they read."""
    verdicts = {}
    for i in open_gaps:
        if i in joined:
            continue
        first = i
        while first - 1 in joined:
            first -= 1
        last = i + 1
        while last in joined:
            last += 1
        key = (first, i, last)
        if key not in known:
            known[key] = judge("".join(segments[first : i + 1]), "".join(segments[i + 1 : last + 1]))
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
    if _is_couplet_title(before):  # a title (before prose), or a verse line (before a short line)
        return Verdict.KEEP if len(after) > VERSE_LINE else Verdict.UNSURE
    if P.HEADING.match(before) or P.BYLINE_END.search(before, max(0, len(before) - P.BYLINE_REACH)):
        return Verdict.KEEP
    if before[-1] in P.OPEN_CUT_MARKS or before.count("“") > before.count("”"):
        return Verdict.JOIN
    if P.CLAUSE_PUNCT.search(before):
        short = len(before) <= VERSE_LINE and len(after) <= VERSE_LINE
        return Verdict.UNSURE if short else Verdict.JOIN
    return Verdict.UNSURE if len(before) >= LONG_UNPUNCTUATED else Verdict.KEEP


def _is_couplet_title(line: str) -> bool:
    """A title made of parallel phrases of one length (``春风化雨，润物无声``), which a
    comma does not make a sentence to be continued.

    >>> _is_couplet_title("春风化雨，润物无声"), _is_couplet_title("总理提到，要“鼓励企业")
    (True, False)
    """
    parts = COUPLET_BREAK.split(line)
    return (
        len(line) <= TITLE_LINE
        and 2 <= len(parts) <= 4
        and len({len(part) for part in parts}) == 1
        and all(COUPLET_PART.fullmatch(part) for part in parts)
    )


def _stands_alone(first: str) -> bool:
    return bool(
        P.HEADING.match(first)
        or P.SALUTATION.match(first)
        or P.SOURCE_LINE.match(first)
        or P.SIGN_OFF.match(first)
        or first.startswith(("——", "--"))
        or (len(first) <= TITLE_LINE and not P.ANY_PUNCT.search(first))
    )


# A document viewer's chunk number at a line start (2、, 3、), cutting a sentence: the line
# before runs on without any mark. A line that long is a chunk of prose (viewers cut every few hundred
# characters), not a list item or its lead-in.
CHUNK_MARKER = regex.compile(
    r"(?<=[\p{Han}A-Za-z0-9])\n(?:[ \t]*\n)*[ \t]*(?P<number>[0-9]{1,3})、(?P<alone>[ \t]*\n(?:[ \t]*\n)*)?"
)
CHUNK_LINE = 60
LIST_ITEM = regex.compile(r"[0-9]{1,3}、")
FIRST_CHUNK = regex.compile(r"\s*(?P<number>1、)")


@rule(
    "chunk-marker",
    "Remove a doc viewer's chunk number (2、, 3、) that cuts a sentence in two, and rejoin the sentence.",
    (
        "要想生存发展，就必须建立持久的竞争优势，而唯一持久的优势便是比对手学得更快。管理者在对企业的发展上应该考虑到，企业内部拥"
        "\n3、有多少知识储备。",
        "要想生存发展，就必须建立持久的竞争优势，而唯一持久的优势便是比对手学得更快。管理者在对企业的发展上应该考虑到，企业内部拥"
        "有多少知识储备。",
    ),
)
def fix_chunk_markers(text: str, context: Context) -> Iterator[Finding]:
    """``…企业内部拥`` + ``3、有多少…`` → ``…企业内部拥有多少…`` when the line above is a
    long run of prose (a viewer's chunk); a list (``1、…`` under a line ending in ``：``
    or ``。``, or under ``1、…``) stays, and a shorter unpunctuated line above ``2、`` is
    flagged (it may be a list's lead-in without its colon)."""
    if "、" not in text:
        return
    cut = False
    for match in CHUNK_MARKER.finditer(text):
        if match["number"] == "1" and not match["alone"]:  # a chunk cut is never the first
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        line = text[line_start : match.start()].strip()
        if len(line) >= CHUNK_LINE and P.CLAUSE_PUNCT.search(line):
            cut = True
            yield Fix(match.start(), match.end(), "")
        elif not LIST_ITEM.match(line):  # 1、… above 2、… is a list
            message = f"possible doc-viewer chunk number “{match['number']}、” after “{line[-12:]}”"
            yield Flag(match.start(), match.end(), message)
    first = FIRST_CHUNK.match(text)
    if cut and first and line_span(text, first.end())[1] - first.end() >= CHUNK_LINE:
        yield Fix(first.start("number"), first.end(), "")  # the first chunk's number, once the others are cuts
