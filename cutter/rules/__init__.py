"""The rule registry: every normalization rule, in the order the normalizer runs them.

Whitespace goes first so the others see clean lines; page-break joins go last so
they judge paragraphs whose punctuation is already repaired.
"""

from __future__ import annotations

from .base import Context, Finding, Fix, Flag, Rule
from .english import fix_english
from .junk import fix_watermark
from .paragraphs import fix_page_breaks
from .punctuation import fix_ellipsis
from .script import fix_traditional
from .spacing import fix_whitespace

RULES: tuple[Rule, ...] = (
    fix_whitespace,
    fix_traditional,
    fix_english,
    fix_ellipsis,
    fix_watermark,
    fix_page_breaks,
)
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}

__all__ = ["BY_NAME", "RULES", "Context", "Finding", "Fix", "Flag", "Rule"]
