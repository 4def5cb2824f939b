"""English connectives spliced into Chinese by spinning templates.

The rule runs in the compiled core (crates/cutter-core/src/english.rs, where its pattern lives);
this is its name, description, example and gate, and the findings as Fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import _core
from .base import Context, Fix, rule


@rule(
    "english",
    "Turn a spun English connective between Chinese words back into Chinese (' and ' → 和).",
    ("工作态度 and 理念", "工作态度和理念"),
    gate=re.compile("[ \t]"),
    in_core=True,
)
def fix_english(text: str, context: Context) -> Iterator[Fix]:
    """``工作态度 and 理念`` → ``工作态度和理念``.

    Only a known connective, spaced on both sides, between two Han characters
    counts: ``made in china``, ``C919``, ``x光``, ``a北线`` and ``feel`` stay.
    """
    for start, end, after in _core.english(text):
        yield Fix(start, end, after)
