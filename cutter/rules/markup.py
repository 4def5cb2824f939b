"""HTML left behind by scraping, and pinyin ruby left behind by machine conversion."""

from __future__ import annotations

import difflib
import html
import os
import re
from collections.abc import Iterator
from functools import cache

import regex

from .. import patterns as P
from .base import Context, Finding, Fix, Flag, line_span, merge_spans, rule

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


# An annotation: up to seven lowercase pinyin letters in parentheses (ɡ is the IPA g some
# sites type), after the character it may be a reading of.
RUBY = regex.compile(rf"(?P<base>[^\s(（])[(（](?P<reading>[a-zü\u0261{P.TONE_MARKS}]{{1,7}})[)）]")
# Where a mojibake repair failed, a reading follows a lost character, or the opening
# parenthesis went into the garbled bytes (…猿?huì)有).
LOST_BASE = "?\ufffd"
RUBY_AFTER_LOST = regex.compile(rf"(?<=[{LOST_BASE}])(?P<reading>[a-zü\u0261{P.TONE_MARKS}]{{1,7}})[)）]")
FEW_RUBY = 2  # a page with this many readings or fewer may be a children's text with real ruby


@cache
def _dictionary() -> dict[int, str]:
    """pypinyin's readings of each character (``"xiě,xiè"``; neutral tones unmarked), loaded
    on first use, once per process."""
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


@cache
def _syllables() -> frozenset[str]:
    """Every toned syllable the dictionary knows."""
    return frozenset(reading for value in _dictionary().values() for reading in value.split(","))


def _reading(annotation: str) -> str:
    return annotation.replace("\u0261", "g")


def is_reading(base: str, annotation: str) -> bool:
    """Whether ``annotation`` is a pinyin reading of the character ``base``.

    >>> is_reading("寫", "xiě"), is_reading("們", "men"), is_reading("明", "ming"), is_reading("C", "ma")
    (True, True, False, False)
    """
    return _reading(annotation) in _dictionary().get(ord(base), "").split(",")


def _toned_syllable(annotation: str) -> bool:
    return P.TONE_MARK.search(annotation) is not None and _reading(annotation) in _syllables()


def ruby_spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The annotations of ``text`` that are readings of the character before them, and
    those that follow a lost character and are toned syllables (ruby after mojibake)."""
    confirmed, lost = [], []
    for match in RUBY.finditer(text):
        if is_reading(match["base"], match["reading"]):
            confirmed.append((match.start() + len(match["base"]), match.end()))
        elif match["base"] in LOST_BASE and _toned_syllable(match["reading"]):
            lost.append((match.start() + 1, match.end()))
    if "?" in text or "\ufffd" in text:
        lost += [m.span() for m in RUBY_AFTER_LOST.finditer(text) if _toned_syllable(m["reading"])]
    return confirmed, sorted(set(lost))


def count_ruby(text: str) -> int:
    """How many annotations of ``text`` are readings of the character before them."""
    return len(ruby_spans(text)[0])


@rule(
    "pinyin-ruby",
    "Remove pinyin annotations that are a reading of the character before them (checked with pypinyin).",
    ("我們寫(xiě)作文，發(fā)現(xiàn)問題。", "我們寫作文，發現問題。"),
    gate=re.compile(f"[({P.TONE_MARKS}]"),
)
def remove_pinyin_ruby(text: str, context: Context) -> Iterator[Finding]:
    """``寫(xiě)``, ``們(men)``, ``的(de)`` → ``寫``, ``們``, ``的``; ``小明(ming)``, ``(1)``,
    ``C(4)`` and ``咳嗽(ké sou)`` stay, as they are no reading of the character before them.

    On a page with two readings or fewer (``context.ruby``), they go only in a
    traditional document, where machine conversion puts them; in a simplified one they
    may be a children's text's real ruby (``瑟(sè)瑟``), so they stay and are flagged.
    Pieces with neither a tone mark nor an ASCII parenthesis are not looked at.
    """
    if not P.TONE_MARK.search(text) and "(" not in text:
        return
    confirmed, lost = ruby_spans(text)
    page = context.ruby if context.ruby is not None else len(confirmed)
    if not page and not confirmed:
        return
    if page <= FEW_RUBY and context.script != "traditional":
        for start, end in confirmed:
            message = f"possible pinyin ruby kept, the page has only {page}: “{text[start - 1 : end]}”"
            yield Flag(start - 1, end, message)
        return
    for start, end in sorted(set(confirmed) | set(lost)):
        yield Fix(start, end, "")
