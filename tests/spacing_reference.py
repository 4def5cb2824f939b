"""rules/spacing.py, rules/junk.py, rules/english.py and the placeholder rule of rules/detect.py as
they were before the compiled core took their per-character work (crates/cutter-core/src/spacing.rs,
junk.rs, english.rs, detect.rs): the reference
the differential tests compare the core with (tests/test_core_diff.py, tests/test_core_spacing.py,
bench/core_diff.py). Each function returns the rule's findings in the order the rule yielded them,
as the binding gives them: whitespace (start, end); watermark and cjk-space (start, end, None) for
a fix that removes the span and (start, end, message) for a flag; english (start, end, replacement);
placeholder (start, end, message).
The patterns are still read from cutter.patterns, where the lead moves them after the merge."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

from tests import reference_patterns as P
from cutter.rules.base import line_span, merge_spans

# --- rules/spacing.py -----------------------------------------------------------------------


def whitespace(text: str) -> list[tuple[int, int]]:
    """rules/spacing.py: fix_whitespace."""
    spans = [m.span() for m in P.INVISIBLE.finditer(text)]
    if spans:
        # Removing an invisible character can bring a space to a line edge (``\u200b 正文``),
        # so the edges are read as they will be, with the format characters counted as space.
        spans += _edge_spaces(text, _HORIZONTAL + "".join(set(P.FORMAT_CHARACTER.findall(text))))
    elif _space_at_a_line_edge(text):
        spans += _edge_spaces(text, _HORIZONTAL)
    return [(start, end) for start, end in merge_spans(spans)]


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


def cjk_space(text: str) -> list[tuple[int, int, str | None]]:
    """rules/spacing.py: fix_cjk_space."""
    found: list[tuple[int, int, str | None]] = []
    in_prose = _in_prose(text)
    for match in P.CJK_SPACE.finditer(text):
        start, end = match.span()
        if match["punct"] is not None or text[end] in P.PARTICLE_AFTER_SET or text[start - 1] in P.PARTICLE_BEFORE_SET:
            found.append((start, end, None))
        elif in_prose(start):
            around = text[max(0, start - 4) : end + 4].split("\n")
            found.append((start, end, f"a space inside Chinese: “{max(around, key=len)}”"))
    return found


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


# --- rules/junk.py --------------------------------------------------------------------------

QUOTE_SPAN = 20
_LINES_WITH_QUOTE = regex.compile(r"[^\n]*'[^\n]*")


def watermark(text: str) -> list[tuple[int, int, str | None]]:
    """rules/junk.py: fix_watermark."""
    found: list[tuple[int, int, str | None]] = []
    if "的." in text or "的'" in text or "的`" in text:
        quotes = _quote_marks(text)
        for match in P.WATERMARK.finditer(text):
            if match.start() not in quotes:
                found.append((match.start(), match.end(), None))
    if "." not in text:
        return found
    for match in P.UNSURE_DOT.finditer(text):
        if text[match.start() - 1] != "的":
            found.append((match.start(), match.end(), "a '.' between Chinese characters: watermark, censored word or full stop?"))
    return found


def _quote_marks(text: str) -> set[int]:
    """Positions of the ``'`` marks that are real quotes, read left to right per line.

    A ``'`` after 的 is a watermark unless it closes an open quote or opens one that
    a ``'`` not after 的 closes within a few characters; a watermark never opens or
    closes anything, so deleting it leaves the other decisions unchanged.
    """
    quotes: set[int] = set()
    for line in _LINES_WITH_QUOTE.finditer(text):
        positions = [line.start() + i for i, ch in enumerate(line.group()) if ch == "'"]
        inside = False
        for number, position in enumerate(positions):
            after_de = position > 0 and text[position - 1] == "的"
            if inside:
                quotes.add(position)
                inside = False
            elif not after_de or _pairs_with(text, position, positions[number + 1 :]):
                quotes.add(position)
                inside = True
    return quotes


def _pairs_with(text: str, position: int, later: list[int]) -> bool:
    return bool(later) and later[0] - position <= QUOTE_SPAN and text[later[0] - 1] != "的"


# --- rules/english.py -----------------------------------------------------------------------


def english(text: str) -> list[tuple[int, int, str]]:
    """rules/english.py: fix_english (without the prefilter it had, which missed `` and\\t``)."""
    return [(m.start(), m.end(), P.ENGLISH_CONNECTORS[m["word"]]) for m in P.ENGLISH_FRAGMENT.finditer(text)]


# --- rules/detect.py ------------------------------------------------------------------------


def placeholders(text: str) -> list[tuple[int, int, str]]:
    """rules/detect.py: find_placeholders."""
    return [(m.start(), m.end(), f"placeholder “{m.group()}”") for m in P.PLACEHOLDER.finditer(text)]
