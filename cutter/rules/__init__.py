"""The rule registry: every normalization rule, in the order the normalizer runs them.

Whitespace goes first so the others see clean lines. Page-break joins come after
the ellipsis repair, so they judge repaired punctuation, and before the watermark
rule, which then also cleans a mark that a join brought next to its Han character
(``的.`` + break + ``一…``). The watermark rule deletes only characters after 的, never
a line's first or last one, so it cannot create a new join: one pass is idempotent.
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
    fix_page_breaks,
    fix_watermark,
)
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}

__all__ = ["BY_NAME", "RULES", "Context", "Finding", "Fix", "Flag", "Rule"]
