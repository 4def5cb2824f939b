"""English connectives spliced into Chinese by spinning templates."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import patterns as P
from .base import Context, Fix, rule


@rule(
    "english",
    "Turn a spun English connective between Chinese words back into Chinese (' and ' → 和).",
    ("工作态度 and 理念", "工作态度和理念"),
    gate=re.compile("[ \t]"),
)
def fix_english(text: str, context: Context) -> Iterator[Fix]:
    """``工作态度 and 理念`` → ``工作态度和理念``.

    Only a known connective, spaced on both sides, between two Han characters
    counts: ``made in china``, ``C919``, ``x光``, ``a北线`` and ``feel`` stay.
    """
    if not any(f" {word} " in text or f"\t{word}" in text for word in P.ENGLISH_CONNECTORS):
        return
    for match in P.ENGLISH_FRAGMENT.finditer(text):
        yield Fix(match.start(), match.end(), P.ENGLISH_CONNECTORS[match["word"]])
