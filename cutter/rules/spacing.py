"""Whitespace: invisible characters, indentation, trailing spaces.

Both rules run in the compiled core (crates/cutter-core/src/spacing.rs, where their patterns
live); these are their names, descriptions, examples and gates, and the findings as Fix and Flag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import _core
from .. import patterns as P
from .base import Context, Finding, Fix, Flag, rule


@rule(
    "whitespace",
    "Remove zero-width and other invisible characters, indentation (full-width too) and trailing spaces.",
    ("\u3000\u3000工匠\u200b精神 \n", "工匠精神\n"),
    gate=P.SPACE_OR_INVISIBLE,
    in_core=True,
)
def fix_whitespace(text: str, context: Context) -> Iterator[Fix]:
    """``　　工匠​精神 `` → ``工匠精神``; an emoji's zero-width joiner is kept."""
    for start, end in _core.whitespace(text):
        yield Fix(start, end, "")


@rule(
    "cjk-space",
    "Remove a stray ASCII space inside Chinese (演讲 的, space before 。); spaces around English and numbers stay.",
    ("这是我的演讲 的开头 。", "这是我的演讲的开头。"),
    gate=re.compile(" "),
    in_core=True,
)
def fix_cjk_space(text: str, context: Context) -> Iterator[Finding]:
    """A single space between two Han characters is removed when a particle sits on one
    side of it (``演讲 的``); otherwise, in prose, it is only flagged, since verse
    and two-part titles use spaces on purpose."""
    for start, end, message in _core.cjk_space(text):
        yield Fix(start, end, "") if message is None else Flag(start, end, message)
