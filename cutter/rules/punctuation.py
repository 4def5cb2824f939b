"""Punctuation damaged by templating: ellipsis runs."""

from __future__ import annotations

from collections.abc import Iterator

from .. import patterns as P
from .base import Context, Fix, rule


@rule(
    "ellipsis",
    "Write ellipsis runs (。。。。。。, ..., a lone …) as the standard ……",
    ("倍儿爽！。。。 ”", "倍儿爽！……”"),
)
def fix_ellipsis(text: str, context: Context) -> Iterator[Fix]:
    """``这都几点了。。。 ”`` → ``这都几点了……”``; ``……``, ``3...5`` and ``wait...`` stay."""
    for match in P.ELLIPSIS.finditer(text):
        if match.group().rstrip(" \t") != "……":
            yield Fix(match.start(), match.end(), "……")
