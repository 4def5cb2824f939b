"""rules/paragraphs.py as it was before the compiled core took its per-character work
(crates/cutter-core/src/paragraphs.rs): the reference the differential tests compare the core
with (tests/test_core_diff.py, tests/test_core_paragraphs.py, bench/core_diff.py)."""

from __future__ import annotations

import re
from enum import Enum

import regex

from tests import reference_patterns as P

# The patterns only this reference reads (the core has its own, in paragraphs.rs).
LINE_GAP = re.compile(r"\n(?:[^\S\n]*\n)*")
SIGN_OFF = regex.compile(r"^(?:倡议人|申请人|发言人|演讲人|报告人|署名|作者|指导老师|指导教师|班级|日期)\s*[:：]")
SOURCE_LINE = regex.compile(r"^[(（]\s*(?:原载|来源|选自|摘自|本文|作者|转载)")
BYLINE_END = regex.compile(r"(?:——|－－|--)[^，。！？,!?]{1,20}$")
BYLINE_REACH = 22  # the longest text BYLINE_END matches: search a paragraph's end only
OPEN_CUT_MARKS = "，,、“‘（(《〈【「『—"  # a paragraph ending in one of these was cut open

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


KEEP, JOIN, UNSURE = Verdict.KEEP, Verdict.JOIN, Verdict.UNSURE


def page_breaks(text: str) -> list[tuple[int, int, str | None]]:
    """rules/paragraphs.py: fix_page_breaks."""
    gaps = list(LINE_GAP.finditer(text))
    if not gaps:
        return []
    bounds = [0] + [gap.end() for gap in gaps]
    ends = [gap.start() for gap in gaps] + [len(text)]
    segments = [text[start:end] for start, end in zip(bounds, ends)]
    inks = [segment.strip() for segment in segments]
    firsts = [ink[:1] for ink in inks]
    open_gaps = [
        i
        for i in range(len(gaps))
        if inks[i] and firsts[i + 1] and (not ends_whole(inks[i]) or firsts[i + 1] in CLOSING_MARKS)
    ]
    if not open_gaps:
        return []
    joined: set[int] = set()
    known: dict[tuple[int, int, int], Verdict] = {}
    while True:
        verdicts = _verdicts(segments, joined, open_gaps, known)
        new = [i for i, verdict in verdicts.items() if verdict == JOIN]
        if not new:
            break
        joined.update(new)
    found: list[tuple[int, int, str | None]] = []
    for i in sorted(joined | {i for i, verdict in verdicts.items() if verdict == UNSURE}):
        gap = gaps[i]
        if i in joined:
            found.append((gap.start(), gap.end(), None))
        else:
            tail = segments[i].strip()[-12:]
            found.append((gap.start(), gap.end(), f"possible page-break cut after “{tail}”"))
    return found


def _verdicts(segments, joined, open_gaps, known):  # type: ignore[no-untyped-def]
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


def ends_whole(ink: str) -> bool:
    """Whether a paragraph (its ink) is whole: it ends in a ``TERMINAL`` mark, but for a
    watermark's ``.`` or ``'`` after 的, which the watermark rule removes once a join brings the
    next word, so the break is judged as if the mark were not there.

    >>> ends_whole("他从未放弃."), ends_whole("坚持工匠的."), ends_whole("坚持工匠的")
    (True, False, False)
    """
    return ink[-1:] in P.TERMINAL and ink[-1:] != "" and not (ink[-1] in ".'" and ink[-2:-1] == "的")


def judge(previous: str, following: str) -> Verdict:
    """rules/paragraphs.py: judge.

    >>> judge("总理提到，要“鼓励企业", "开展个性化定制。").value, judge("一、追求卓越", "作为一名设计师，我需要不断挑战自己。").value
    ('join', 'keep')
    """
    before, after = previous.strip(), following.strip()
    if not before or not after:
        return KEEP
    if after[0] in CLOSING_MARKS and before[-1] not in P.SENTENCE_END:
        return JOIN
    if ends_whole(before) or _stands_alone(after):
        return KEEP
    if _is_couplet_title(before):
        return KEEP if len(after) > VERSE_LINE else UNSURE
    if P.HEADING.match(before) or BYLINE_END.search(before, max(0, len(before) - BYLINE_REACH)):
        return KEEP
    # a URL or an English word at the end (``…read.html`` + ``我回家后``), joined, runs on: only flagged
    join = UNSURE if before[-1].isascii() and before[-1].isalpha() else JOIN
    if before[-1] in OPEN_CUT_MARKS or before.count("“") > before.count("”"):
        return join
    if P.CLAUSE_PUNCT.search(before):
        short = len(before) <= VERSE_LINE and len(after) <= VERSE_LINE
        return UNSURE if short else join
    return UNSURE if len(before) >= LONG_UNPUNCTUATED else KEEP


def _is_couplet_title(line: str) -> bool:
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
        or SOURCE_LINE.match(first)
        or SIGN_OFF.match(first)
        or first.startswith(("——", "--"))
        or (len(first) <= TITLE_LINE and not P.ANY_PUNCT.search(first))
    )


CHUNK_MARKER = regex.compile(
    r"(?<=[\p{Han}A-Za-z0-9])\n(?:[ \t]*\n)*[ \t]*(?P<number>[0-9]{1,3})、(?P<alone>[ \t]*\n(?:[ \t]*\n)*)?"
)
CHUNK_LINE = 60
LIST_ITEM = regex.compile(r"[0-9]{1,3}、")
FIRST_CHUNK = regex.compile(r"\s*(?P<number>1、)")


def chunk_markers(text: str) -> list[tuple[int, int, str | None]]:
    """rules/paragraphs.py: fix_chunk_markers."""
    from cutter.rules.base import line_span

    found: list[tuple[int, int, str | None]] = []
    if "、" not in text:
        return found
    cut = False
    for match in CHUNK_MARKER.finditer(text):
        if match["number"] == "1" and not match["alone"]:
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        line = text[line_start : match.start()].strip()
        if len(line) >= CHUNK_LINE and P.CLAUSE_PUNCT.search(line):
            cut = True
            found.append((match.start(), match.end(), None))
        elif not LIST_ITEM.match(line):
            message = f"possible doc-viewer chunk number “{match['number']}、” after “{line[-12:]}”"
            found.append((match.start(), match.end(), message))
    first = FIRST_CHUNK.match(text)
    if cut and first and line_span(text, first.end())[1] - first.end() >= CHUNK_LINE:
        found.append((first.start("number"), first.end(), None))
    return found

