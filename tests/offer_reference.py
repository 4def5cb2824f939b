"""The offer and title-repeat rules as they were in Python (rules/boilerplate.py: remove_offer,
_first_sentence_line, _intro_verdict, remove_title_repeat, _lines_opening_with, _repeats_title),
kept as the reference the core is compared with (tests/test_core_offer.py, bench/core_diff.py).

The pattern is ``patterns.OFFER``, run on the offer trigger lines of the folded text (what
``boilerplate._matches`` did, without the line needs, which only skip lines it cannot match:
tests/test_core_diff.py holds the two alike, and the trigger lines the core's with its reference);
``_removals`` and ``_widened`` are boilerplate.py's own, which its caption and title-repeat removals
still use.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from tests import reference_patterns as P
from cutter.rules.base import Context, Finding, Fix, Flag, line_span, title_form
from cutter.rules.boilerplate import _removals, _trigger_lines, _widened, fold_script
from cutter.split import without_count_declarations

TITLE_SLACK = 24
TITLE_PREFIX = 2
INTRO_LEAD_LINE = 60
INTRO_SENTENCE = regex.compile(
    r"心得|体会|演讲|讲话|发言|致辞|读后感|观后感|范文|作文|征文|倡议书|申请书|策划书|总结|感谢信|写作|书写|文体"
    r"|写(?:一篇|好|出|作)|如何写|怎么写|怎样写|[吗呢][？?]|吧[。！!？?]*$"
)


def _matches(text: str) -> Iterator[regex.Match[str]]:
    folded = fold_script(text)
    for line_start, line_end in _trigger_lines(folded).get("offer", ()):
        yield from P.OFFER.finditer(folded, line_start, line_end)


def remove_offer(text: str, context: Context) -> Iterator[Finding]:
    removals, whole_lines = [], set()
    matches = list(_matches(text))
    by_line: dict[int, list[regex.Match[str]]] = {}
    for match in matches:
        by_line.setdefault(text.rfind("\n", 0, match.start()) + 1, []).append(match)
    opening = _first_sentence_line(text) if by_line else 0
    for line_start, offers in by_line.items():  # offers that close the text's first paragraph
        line_end = line_span(text, line_start)[1]
        intro = text[line_start : offers[0].start()]
        gaps = [text[a.end() : b.start()] for a, b in zip(offers, offers[1:])] + [text[offers[-1].end() : line_end]]
        if not intro.strip() or any(gap.strip(" \t，,") for gap in gaps) or line_start > opening:
            continue
        verdict = _intro_verdict(fold_script(text)[line_start : offers[0].start()])
        if verdict is True:
            removals.append((line_start, offers[-1].end()))
            whole_lines.add(line_start)
        elif verdict is None:
            yield Flag(line_start, offers[0].start(), f"possible site intro before an offer: “{intro.strip()[:16]}…”")
    for match in matches:
        line_start = text.rfind("\n", 0, match.start()) + 1
        if line_start in whole_lines:
            continue
        before = text[line_start : match.start()]
        glued = match["lead"] in ("，", ",") or (before.strip() and before[-1:] not in "。！？!?\u3000 \t")
        if glued:
            if before.strip():
                yield Fix(match.start("lead"), match.end(), "。")
            else:  # nothing before it on its line: it goes with the spaces it would strand
                yield _widened(text, match.start("lead"), match.end())
        else:
            removals.append((match.start("offer"), match.end()))
    yield from _removals(text, removals)


def _first_sentence_line(text: str) -> int:
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        line = text[start:end].strip()
        if line and (len(line) > INTRO_LEAD_LINE or line[-1] in P.SENTENCE_END):
            return start
        start = end + 1
    return len(text) + 1


def _intro_verdict(before: str) -> bool | None:
    sentences = [s for s in regex.split(r"(?<=[。！？!?])|[，,](?=\s*$)", before) if s.strip(" \t，,")]
    intro = [bool(INTRO_SENTENCE.search(s.strip(" \t，,"))) for s in sentences]
    return True if intro and all(intro) else (None if any(intro) else False)


def remove_title_repeat(text: str, context: Context) -> Iterator[Fix]:
    if not context.titles:
        return
    longest = max(len(title) for title in context.titles) + TITLE_SLACK
    lines = set()
    for line_start in _lines_opening_with({title[:TITLE_PREFIX] for title in context.titles}, text):
        line_end = text.find("\n", line_start)
        line = text[line_start : line_end if line_end != -1 else len(text)]
        if len(line) <= longest and _repeats_title(line, context):
            lines.add((line_start, line_start + len(line)))
    yield from _removals(text, lines)


def _lines_opening_with(prefixes: set[str], text: str) -> Iterator[int]:
    for prefix in prefixes:
        found = text.find(prefix)
        while found != -1:
            line_start = text.rfind("\n", 0, found) + 1
            if not text[line_start:found].strip(" \t\u3000"):
                yield line_start
            found = text.find(prefix, found + 1)


def _repeats_title(line: str, context: Context) -> bool:
    form = title_form(line)
    return form in context.titles or title_form(without_count_declarations(form)) in context.titles
