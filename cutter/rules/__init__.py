"""The rule registry: every normalization rule, in the order the normalizer runs them.

Markup goes first and whitespace next, so the others see clean lines. Boilerplate
goes before the text repairs, so nothing is repaired only to be removed; within it,
the in-line removals (hidden-text markers, offer sentences) come before the
whole-line ones, since removing a sentence can leave a chrome line behind. Page-break
joins come after the ellipsis repair, so they judge repaired punctuation (they read
half- and full-width marks alike), and before the punctuation-width and watermark
rules, because a join can bring a mark next to a Han character (``的.`` + break +
``一…``). Those two never touch a line's first or last character in a way a join
reads, so they cannot create a new join. A join can also finish what an earlier
rule had to leave (an entity or a ruby cut by the break, ``&bsp`` + break + ``;``):
after page-break, chunk-marker or watermark change the text, the normalizer runs the rules before
it again (:data:`JOINS`). So it does after english, whose ``和`` can make a line an offer line.
Doc-viewer chunk numbers (``2、`` cutting a sentence) go just before the page-break
joins, which would keep them as list items. Doubled commas (``，，``, ``，。``) go after
fullwidth, which widens the half-width ones between Chinese characters. Detections run
last, on the final text.
"""

from __future__ import annotations

from .base import BOILERPLATE, DETECT, Context, Finding, Fix, Flag, Rule
from .boilerplate import (
    remove_doc_chrome,
    remove_footer,
    remove_hidden_text,
    remove_labelled_intro,
    remove_lead_in,
    remove_offer,
    remove_site_chrome,
    remove_title_repeat,
)
from .detect import find_placeholders, fix_mojibake
from .english import fix_english
from .junk import fix_watermark
from .markup import fix_html, remove_pinyin_ruby
from .paragraphs import fix_chunk_markers, fix_page_breaks
from .punctuation import fix_doubled_marks, fix_ellipsis, fix_fullwidth
from .script import fix_traditional
from .spacing import fix_cjk_space, fix_whitespace

RULES: tuple[Rule, ...] = (
    fix_html,
    fix_whitespace,
    fix_mojibake,
    fix_traditional,
    remove_pinyin_ruby,
    remove_hidden_text,
    remove_offer,
    remove_site_chrome,
    remove_doc_chrome,
    remove_labelled_intro,
    remove_lead_in,
    remove_title_repeat,
    remove_footer,
    fix_english,
    fix_cjk_space,
    fix_ellipsis,
    fix_chunk_markers,
    fix_page_breaks,
    fix_fullwidth,
    fix_doubled_marks,
    fix_watermark,
    find_placeholders,
)
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}
# Rules whose change can bring two stretches together that an earlier rule reads as one (a
# join, a watermark dot gone from between two words, `` and `` become 和 between two Han words,
# which glues an offer's ``以下是小编…`` to the word before it): after one of these changes the
# text, the rules before it run again.
JOINS = frozenset({fix_english.name, fix_chunk_markers.name, fix_page_breaks.name, fix_watermark.name})

__all__ = ["BOILERPLATE", "BY_NAME", "DETECT", "JOINS", "RULES", "Context", "Finding", "Fix", "Flag", "Rule"]
