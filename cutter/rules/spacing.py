"""Whitespace: invisible characters, indentation, trailing spaces."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .. import patterns as P
from .base import Context, Finding, Fix, Flag, line_span, merge_spans, rule


@rule(
    "whitespace",
    "Remove zero-width and other invisible characters, indentation (full-width too) and trailing spaces.",
    ("\u3000\u3000工匠\u200b精神 \n", "工匠精神\n"),
    gate=P.SPACE_OR_INVISIBLE,
)
def fix_whitespace(text: str, context: Context) -> Iterator[Fix]:
    """``　　工匠​精神 `` → ``工匠精神``; an emoji's zero-width joiner is kept."""
    spans = [m.span() for m in P.INVISIBLE.finditer(text)]
    if spans:
        # Removing an invisible character can bring a space to a line edge (``\u200b 正文``),
        # so the edges are read as they will be, with the format characters counted as space.
        spans += _edge_spaces(text, _HORIZONTAL + "".join(set(P.FORMAT_CHARACTER.findall(text))))
    elif _space_at_a_line_edge(text):
        spans += _edge_spaces(text, _HORIZONTAL)
    for start, end in merge_spans(spans):
        yield Fix(start, end, "")


def _edge_spaces(text: str, spaces: str) -> Iterator[tuple[int, int]]:
    """What ``INDENT``, ``TRAILING_SPACE`` and ``BLANK_LINE_SPACE`` match, found line by line
    with ``str.strip`` instead of three scans; ``spaces``: the horizontal spaces and the
    format characters the text holds."""
    start = 0
    for line in text.split("\n"):
        inner = line.strip(spaces)
        if not inner:
            if line:
                yield start, start + len(line)
        else:
            lead = len(line) - len(line.lstrip(spaces))
            if lead and P.INK.match(inner[0]):
                yield start, start + lead
            trail = len(line) - len(line.rstrip(spaces))
            if trail and P.INK.match(inner[-1]):
                yield start + len(line) - trail, start + len(line)
        start += len(line) + 1


@rule(
    "cjk-space",
    "Remove a stray ASCII space inside Chinese (演讲 的, space before 。); spaces around English and numbers stay.",
    ("这是我的演讲 的开头 。", "这是我的演讲的开头。"),
    gate=re.compile(" "),
)
def fix_cjk_space(text: str, context: Context) -> Iterator[Finding]:
    """A single space between two Han characters is removed when a particle sits on one
    side of it (``演讲 的``); otherwise, in prose, it is only flagged, since verse
    and two-part titles use spaces on purpose."""
    in_prose = _in_prose(text)
    for match in P.CJK_SPACE.finditer(text):
        start, end = match.span()
        if match["punct"] is not None or text[end] in P.PARTICLE_AFTER_SET or text[start - 1] in P.PARTICLE_BEFORE_SET:
            yield Fix(start, end, "")
        elif in_prose(start):
            around = text[max(0, start - 4) : end + 4].split("\n")
            yield Flag(start, end, f"a space inside Chinese: “{max(around, key=len)}”")


_HORIZONTAL = "".join(P.HORIZONTAL_SPACES)


def _space_at_a_line_edge(text: str) -> bool:
    if text[:1] in P.HORIZONTAL_SPACES or text[-1:] in P.HORIZONTAL_SPACES:
        return True
    present = [space for space in P.HORIZONTAL_SPACES if space in text]  # most are absent: one fast scan each
    return any(f"\n{space}" in text or f"{space}\n" in text for space in present)


def _in_prose(text: str) -> Callable[[int], bool]:
    """Whether the line holding a position has clause punctuation, for positions asked in
    increasing order: each line is found and searched once, however many spaces it holds."""
    line_end, prose = -1, False

    def ask(position: int) -> bool:
        nonlocal line_end, prose
        if position > line_end:
            line_start, line_end = line_span(text, position)
            prose = P.CLAUSE_PUNCT.search(text, line_start, line_end) is not None
        return prose

    return ask
