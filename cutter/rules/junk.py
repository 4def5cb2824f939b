"""Watermark junk that sites inject to mark copied text."""

from __future__ import annotations

from collections.abc import Iterator

from .. import patterns as P
from .base import Context, Finding, Fix, Flag, rule


@rule(
    "watermark",
    "Delete the watermark mark after 的 (的. 的' 的`); flag other dots between Chinese characters.",
    ("取得的.一大突破", "取得的一大突破"),
)
def fix_watermark(text: str, context: Context) -> Iterator[Finding]:
    """``的'新形势`` → ``的新形势``; ``99.99%`` and ``3.12植树节`` stay.

    A ``'`` that closes a quote opened earlier on the same line is kept. A ``.``
    between two Han characters that does not follow 的 (``在.主义``) may be a
    censored word or a sentence stop, so it is only flagged.
    """
    for match in P.WATERMARK.finditer(text):
        mark = match.group()
        if mark == "'" and _closes_quote(text, match.start()):
            continue
        yield Fix(match.start(), match.end(), "")
    for match in P.UNSURE_DOT.finditer(text):
        if text[match.start() - 1] != "的":
            yield Flag(match.start(), match.end(), "a '.' between Chinese characters: watermark, censored word or full stop?")


def _closes_quote(text: str, position: int) -> bool:
    line_start = text.rfind("\n", 0, position) + 1
    return text.count("'", line_start, position) % 2 == 1
