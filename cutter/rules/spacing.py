"""Whitespace: invisible characters, indentation, trailing spaces."""

from __future__ import annotations

from collections.abc import Iterator

from .. import patterns as P
from .base import Context, Fix, rule


@rule(
    "whitespace",
    "Remove zero-width and other invisible characters, indentation (full-width too) and trailing spaces.",
    ("\u3000\u3000工匠\u200b精神 \n", "工匠精神\n"),
)
def fix_whitespace(text: str, context: Context) -> Iterator[Fix]:
    """``　　工匠​精神 `` → ``工匠精神``; an emoji's zero-width joiner is kept."""
    spans = sorted(
        (m.start(), m.end())
        for pattern in (P.INVISIBLE, P.INDENT, P.TRAILING_SPACE, P.BLANK_LINE_SPACE)
        for m in pattern.finditer(text)
    )
    start = end = -1
    for span_start, span_end in spans:
        if span_start <= end:
            end = max(end, span_end)
            continue
        if end > start:
            yield Fix(start, end, "")
        start, end = span_start, span_end
    if end > start:
        yield Fix(start, end, "")
