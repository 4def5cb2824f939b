"""Punctuation damaged by templating: ellipsis runs, half-width marks in Chinese text.

Both rules run in the compiled core (crates/cutter-core/src/punctuation.rs, where their patterns
live); these are their names, descriptions, examples and gates, and the findings as Fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import _core
from .base import Context, Fix, rule


@rule(
    "ellipsis",
    "Write ellipsis runs (。。。。。。, ..., a lone …) as the standard ……",
    ("倍儿爽！。。。 ”", "倍儿爽！……”"),
    in_core=True,
)
def fix_ellipsis(text: str, context: Context) -> Iterator[Fix]:
    """``这都几点了。。。 ”`` → ``这都几点了……”``; ``1个、2个、3个。。。25个`` →
    ``1个、2个、3个……25个``; ``……``, ``3...5``, ``1…2`` and ``wait...`` stay.

    Before a digit only a run after a Chinese character is an ellipsis (the items
    between are counted: ``3个。。。25个``); between two numbers it is a range.
    """
    for start, end, after in _core.ellipsis(text):
        yield Fix(start, end, after)


@rule(
    "fullwidth",
    "Write half-width , : ; ! ? ( ) between Chinese characters as full-width, as Chinese typesetting does.",
    ("大家好!我们学校(华东)的同学,今天", "大家好！我们学校（华东）的同学，今天"),
    gate=re.compile("[,;:!?()]"),
    in_core=True,
)
def fix_fullwidth(text: str, context: Context) -> Iterator[Fix]:
    """``工作,生活`` → ``工作，生活``; English, numbers, URLs and codes (``3:00``,
    ``Hello, world``, ``(1)``, ``初二(3)班``) stay, and full-width is never narrowed.

    A ``?`` between two Chinese characters is widened only after a question (``你去哪?我去学校``):
    elsewhere it may be a lost character (``我?錯了``, where mojibake ate ``寫`` and left a reading
    that pinyin-ruby removed), which the mojibake rule reports and this one must not make a ``？``."""
    for start, end, after in _core.fullwidth(text):
        yield Fix(start, end, after)


@rule(
    "doubled-mark",
    "Drop the comma a template doubled: ，， keeps one, and a comma before 。！？ goes.",
    ("六月的校园，，栀子花开得正盛，。", "六月的校园，栀子花开得正盛。"),
    in_core=True,
)
def fix_doubled_marks(text: str, context: Context) -> Iterator[Fix]:
    """``大家好，！`` → ``大家好！``; ``校园，，栀子花`` → ``校园，栀子花``. Only full-width commas are
    read (``fullwidth`` has widened the half-width ones between Chinese characters by then):
    ``、、``, ``。。`` (an ellipsis's) and ``，“`` stay."""
    for start, end, after in _core.doubled_marks(text):
        yield Fix(start, end, after)
