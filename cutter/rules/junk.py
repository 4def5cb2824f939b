"""Watermark junk that sites inject to mark copied text.

The rule runs in the compiled core (crates/cutter-core/src/junk.rs, where its patterns and the
quote-pair logic live); this is its name, description, example and gate, and the findings as Fix
and Flag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import _core
from .base import Context, Finding, Fix, Flag, rule


@rule(
    "watermark",
    "Delete the watermark mark after 的 (的. 的' 的`); flag other dots between Chinese characters.",
    ("取得的.一大突破", "取得的一大突破"),
    gate=re.compile("[.'`]"),
    in_core=True,
)
def fix_watermark(text: str, context: Context) -> Iterator[Finding]:
    """``的'新形势`` → ``的新形势``; ``99.99%`` and ``3.12植树节`` stay.

    A ``'`` that closes a quote, or opens one (``正确的'网络观'``), is kept. A ``.``
    between two Han characters that does not follow 的 (``在.主义``) may be a
    censored word or a sentence stop, so it is only flagged.
    """
    for start, end, message in _core.watermark(text):
        yield Fix(start, end, "") if message is None else Flag(start, end, message)
