"""HTML left behind by scraping, and pinyin ruby left behind by machine conversion."""

from __future__ import annotations

import html
import html.entities
import importlib.util
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import regex

from .. import _core
from .. import patterns as P
from .base import Context, Finding, Fix, Flag, rule

_HTML_HINT = ("&", "<", ">", "x0", "X0", "[email")


@rule(
    "html",
    "Decode HTML entities (&nbsp; and damaged &bsp; become a space) and remove tags, tag fragments, x0dx0a.",
    ("工匠精神&nbsp;是<strong>一种</strong>态度?/p>", "工匠精神 是一种态度"),
    gate=re.compile(r"[&<>xX\[]"),
    in_core=True,  # the core looks for a hint in its own text, and runs the rule where one stands
    core_then=lambda context: {"html": _html()},
)
def fix_html(text: str, context: Context) -> Iterator[Fix]:
    """``<p class="a">正文</p>`` → ``正文``; ``a<b`` and ``1 > 0`` stay.

    Entities can hide tags (``&lt;p&gt;``), so each stretch of markup is cleaned until
    it stops changing, keeping track of which source characters each change came from;
    the fixes are the differences within each group of nearby changes. Invisible format
    characters do not hide markup (``x0a\\u200e如今``, ``div\\u200f&gt;``): they are read
    past, and removed with the markup they sit inside.

    It runs whole in the compiled core (crates/cutter-core/src/markup.rs, where its patterns are
    written out): the scan, the rounds of cleaning, the groups and the diff (difflib's, ported).
    """
    if not any(hint in text for hint in _HTML_HINT):
        return
    for start, end, after in _html().fixes(text):
        yield Fix(start, end, after)


@cache
def _html() -> _core.Html:
    """The rule in the core, with ``html.unescape``'s tables (the html5 names, the invalid
    character references and code points) handed to it once per process."""
    return _core.Html(list(html.entities.html5.items()), list(html._invalid_charrefs.items()), sorted(html._invalid_codepoints))


def _clusters(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` holding markup, with markup less than a few characters apart merged
    (``&lt;p&gt;`` decodes into one tag only when both entities are cleaned together). The scan
    runs in the compiled core (crates/cutter-core/src/markup.rs, where its patterns are written
    out): one overlapped ``MARKUP`` scan (tests/reference_patterns.py), each span widened to the text around it on its line,
    an entity's also to the raw ``>`` of a tag it may open (tests/markup_reference.py: ``_widen``)."""
    return _core.markup_clusters(text)


# The cleaning (the rounds of the five passes, MAX_ROUNDS = 4; the changes carried through each
# round; the groups of GROUP_SPAN = 120; the diff) and the scan are in the core:
# tests/markup_reference.py keeps the Python they replaced.


# An annotation: up to seven lowercase pinyin letters in parentheses (ɡ is the IPA g some
# sites type), after the character it may be a reading of.
# An annotation and its reading; the character before it is its base. The scan is anchored on the
# parenthesis (a pattern that opened with the base would be tried at every character).
RUBY = regex.compile(rf"[(（](?P<reading>[a-zü\u0261{P.TONE_MARKS}]{{1,7}})[)）]")
# Where a mojibake repair failed, a reading follows a lost character, or the opening
# parenthesis went into the garbled bytes (…猿?huì)有).
LOST_BASE = "?\ufffd"
RUBY_AFTER_LOST = regex.compile(rf"(?<=[{LOST_BASE}])(?P<reading>[a-zü\u0261{P.TONE_MARKS}]{{1,7}})[)）]")
FEW_RUBY = 2  # a page with this many readings or fewer may be a children's text with real ruby


@cache
def _dictionary() -> dict[int, str]:
    """pypinyin's readings of each character (``"xiě,xiè"``; neutral tones unmarked), loaded
    on first use, once per process. Its ``pinyin_dict.json`` is read without importing the
    package, whose import loads the phrase dictionary too (about 45 MB a process)."""
    spec = importlib.util.find_spec("pypinyin")  # finds the package without running it
    folder = Path(next(iter(spec.submodule_search_locations or ()))) if spec else None
    if folder is None or not (folder / "pinyin_dict.json").is_file():  # another layout: the public module
        from pypinyin.pinyin_dict import pinyin_dict

        return pinyin_dict
    readings = json.loads((folder / "pinyin_dict.json").read_text(encoding="utf-8"))
    return {int(code): value for code, value in readings.items()}


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


@cache
def _ruby() -> _core.Ruby:
    """The dictionary's readings and syllables in the core, built once per process."""
    return _core.Ruby(list(_dictionary().items()), sorted(_syllables()))


def ruby_spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The annotations of ``text`` that are readings of the character before them, and
    those that follow a lost character and are toned syllables (ruby after mojibake)."""
    return _ruby().spans(text) if _annotated(text) else ([], [])


def count_ruby(text: str) -> int:
    """How many annotations of ``text`` are readings of the character before them."""
    return _ruby().count(text) if _annotated(text) else 0


def page_ruby(page: str | _core.Doc) -> int:
    """:func:`count_ruby` of the page as the count reads it: without the line breaks (and the spaces
    beside them), invisible characters and tags that the rules before ``pinyin-ruby`` or a
    page-break join can remove from inside an annotation (``寫(⏎⏎xiě)``), so the page is never
    counted below what its clean text holds and a second run never finds more. A space inside a
    line stays: ``瑟 (sè)`` is no annotation, before or after cleaning. The page is read in the
    compiled core (cutter_core::markup::without_ruby_noise; tests/markup_reference.py keeps the
    Python it replaced).

    >>> page_ruby("寫(\\n \\nxiě)<b>發</b>(fā)瑟 (sè)")
    2
    """
    return _ruby().count_page(page) if _core.page_annotated(page) else 0


def _annotated(text: str) -> bool:
    """Whether ``text`` holds an annotation at all (``RUBY`` or ``RUBY_AFTER_LOST``): only then are
    pypinyin's readings loaded and handed to the core (0.24 s a process), not for every ``(``. The
    core looks only where an opening parenthesis or a lost character stands
    (cutter_core::markup::annotated)."""
    return _core.annotated(text)


def title_without_ruby(title: str) -> str:
    """A header or title line without the unmarked readings (neutral tones) that are readings of the
    character before them; the marked ones are header debris the splitter already reads past.
    A title is a name, not typeset text: a reading in it goes on any page (CONTRACT.md: the title is
    cleaned), where the body rule keeps the few of a simplified page.

    >>> title_without_ruby("我們(men)的心得篇一"), title_without_ruby("小明(ming)的日记"), title_without_ruby("C(4)篇")
    ('我們的心得篇一', '小明(ming)的日记', 'C(4)篇')
    """
    if P.TITLE_RUBY.search(title) is None:
        return title
    return P.TITLE_RUBY.sub(lambda m: "" if is_reading(title[m.start() - 1], m["reading"]) else m.group(), title)


@rule(
    "pinyin-ruby",
    "Remove pinyin annotations that are a reading of the character before them (checked with pypinyin).",
    ("我們寫(xiě)作文，發(fā)現(xiàn)問題。", "我們寫作文，發現問題。"),
    gate=re.compile(f"[({P.TONE_MARKS}]"),
    in_core=True,  # the core looks for an annotation in its own text, and runs the rule where one stands
    core_then=lambda context: {"ruby": _ruby(), "page": context.ruby, "traditional": context.script == "traditional"},
)
def remove_pinyin_ruby(text: str, context: Context) -> Iterator[Finding]:
    """``寫(xiě)``, ``們(men)``, ``的(de)`` → ``寫``, ``們``, ``的``; ``小明(ming)``, ``(1)``,
    ``C(4)`` and ``咳嗽(ké sou)`` stay, as they are no reading of the character before them.

    On a page with two readings or fewer (``context.ruby``), they go only in a
    traditional document, where machine conversion puts them, but for one between a character
    and its repeat; in a simplified one, and there, they may be a children's text's real ruby
    (``瑟(sè)瑟``), so they stay and are flagged.
    Pieces with neither a tone mark nor an ASCII parenthesis are not looked at.

    The scan runs in the compiled core (crates/cutter-core/src/markup.rs, where its patterns live),
    with the dictionary's readings handed to it once (:func:`_ruby`).
    """
    if not _annotated(text):
        return
    for start, end, message in _ruby().findings(text, context.ruby, context.script == "traditional"):
        yield Fix(start, end, "") if message is None else Flag(start, end, message)
