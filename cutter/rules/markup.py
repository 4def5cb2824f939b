"""HTML left behind by scraping, and pinyin ruby left behind by machine conversion."""

from __future__ import annotations

import difflib
import html
import os
import re
from collections.abc import Iterator

from .. import patterns as P
from .base import Context, Fix, line_span, merge_spans, rule

_HTML_HINT = ("&", "<", ">", "x0", "X0", "[email")
_BLOCK_TAGS = ("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6")
CLUSTER_GAP = 40  # an entity-encoded tag's name and attributes fit in this


@rule(
    "html",
    "Decode HTML entities (&nbsp; and damaged &bsp; become a space) and remove tags, tag fragments, x0dx0a.",
    ("工匠精神&nbsp;是<strong>一种</strong>态度?/p>", "工匠精神 是一种态度"),
    gate=re.compile(r"[&<>xX\[]"),
)
def fix_html(text: str, context: Context) -> Iterator[Fix]:
    """``<p class="a">正文</p>`` → ``正文``; ``a<b`` and ``1 > 0`` stay.

    Entities can hide tags (``&lt;p&gt;``), so each stretch of markup is cleaned until
    it stops changing, and the fixes are the differences between the two.
    """
    if not any(hint in text for hint in _HTML_HINT):
        return
    for start, end in _clusters(text):
        region = text[start:end]
        clean = region
        for _ in range(4):
            cleaner = _strip_markup(clean)
            if cleaner == clean:
                break
            clean = cleaner
        if clean == region:
            continue
        # The widened context around the markup is unchanged: diff only what lies between.
        head = len(os.path.commonprefix([region, clean]))
        tail = len(os.path.commonprefix([region[head:][::-1], clean[head:][::-1]]))
        old, new = region[head : len(region) - tail], clean[head : len(clean) - tail]
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                yield Fix(start + head + i1, start + head + i2, new[j1:j2])


def _clusters(text: str) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` holding markup, with markup less than a few characters apart merged
    (``&lt;p&gt;`` decodes into one tag only when both entities are cleaned together)."""
    spans = [m.span() for m in P.MARKUP.finditer(text, overlapped=True)]
    yield from merge_spans(_widen(text, spans), lambda end, start: start <= end + CLUSTER_GAP)


def _widen(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Each span with the text around it on its line: a decoded entity can make a tag or
    another entity with its neighbours (``&amp;lt;``, ``<p&gt;``)."""
    for start, end in spans:
        line_start, line_end = line_span(text, start, end)
        yield max(line_start, start - CLUSTER_GAP), min(line_end, end + CLUSTER_GAP)


def _strip_markup(text: str) -> str:
    text = P.HTML_ENTITY.sub(_entity, text)
    text = P.HTML_TAG.sub(_tag, text)
    text = P.HTML_FRAGMENT.sub("", text)
    text = P.CRLF_RESIDUE.sub("\n", text)
    return P.EMAIL_PROTECTED.sub("", text)


def _entity(match) -> str:  # type: ignore[no-untyped-def]
    if match.group() == "&bsp;":
        return " "
    decoded = html.unescape(match.group())
    return " " if decoded == "\u00a0" else decoded


def _tag(match) -> str:  # type: ignore[no-untyped-def]
    name = match.group().strip("</>").split()[0].rstrip("/").lower() if match.group().strip("</>") else ""
    return "\n" if name in _BLOCK_TAGS and (name == "br" or match.group().startswith("</")) else ""


@rule(
    "pinyin-ruby",
    "Remove tone-marked pinyin annotations after Han characters, unless the page has only one or two.",
    ("我們寫(xiě)作文，發(fā)現(xiàn)問題。", "我們寫作文，發現問題。"),
    gate=P.TONE_MARK,
)
def remove_pinyin_ruby(text: str, context: Context) -> Iterator[Fix]:
    """``寫(xiě)`` → ``寫``; ``(1)`` list markers and plain ``(ma)`` stay; a page with one
    or two annotations (``瑟(sè)瑟`` in a children's text) is left as it is."""
    if context.ruby is not None and context.ruby <= 2:
        return
    matches = list(P.PINYIN_RUBY.finditer(text))
    if context.ruby is None and len(matches) <= 2:
        return
    for match in matches:
        yield Fix(match.start(), match.end(), "")
