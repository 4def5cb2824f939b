"""Watermark junk that sites inject to mark copied text."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from .. import patterns as P
from .base import Context, Finding, Fix, Flag, rule

QUOTE_SPAN = 20
_LINES_WITH_QUOTE = regex.compile(r"[^\n]*'[^\n]*")


@rule(
    "watermark",
    "Delete the watermark mark after 的 (的. 的' 的`); flag other dots between Chinese characters.",
    ("取得的.一大突破", "取得的一大突破"),
    gate=re.compile("[.'`]"),
)
def fix_watermark(text: str, context: Context) -> Iterator[Finding]:
    """``的'新形势`` → ``的新形势``; ``99.99%`` and ``3.12植树节`` stay.

    A ``'`` that closes a quote, or opens one (``正确的'网络观'``), is kept. A ``.``
    between two Han characters that does not follow 的 (``在.主义``) may be a
    censored word or a sentence stop, so it is only flagged.
    """
    if "的." in text or "的'" in text or "的`" in text:
        quotes = _quote_marks(text)
        for match in P.WATERMARK.finditer(text):
            if match.start() not in quotes:
                yield Fix(match.start(), match.end(), "")
    if "." not in text:
        return
    for match in P.UNSURE_DOT.finditer(text):
        if text[match.start() - 1] != "的":
            yield Flag(match.start(), match.end(), "a '.' between Chinese characters: watermark, censored word or full stop?")


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
