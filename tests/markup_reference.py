"""rules/markup.py as it was before the compiled core took its per-character work
(crates/cutter-core/src/markup.rs): the reference the differential tests compare the core with
(tests/test_core_diff.py, tests/test_core_markup.py, bench/core_diff.py). The rules are plain
functions here (no registration): ``fix_html`` yields Fix, ``remove_pinyin_ruby`` Fix and Flag, as
the rules did; ``html_fixes`` and ``pinyin_ruby`` give them as tuples."""

from __future__ import annotations

import difflib
import html
import importlib.util
import json
import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

import regex

from tests import reference_patterns as P
from cutter.rules.base import Context, Finding, Fix, Flag, merge_spans

_HTML_HINT = ("&", "<", ">", "x0", "X0", "[email")
_BLOCK_TAGS = ("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6")
CLUSTER_GAP = 40  # an entity-encoded tag's name and attributes fit in this
TAG_REACH = 400  # and a tag half entity-encoded (``&lt;div class="…"⏎>``) ends within this
_NEWLINE = re.compile("\n")
_BRACKET_OR_ENTITY = regex.compile("[<>&]")
_BRACKET_OR_ENTITY_BEFORE = regex.compile("[<>&]", regex.REVERSE)


def fix_html(text: str, context: Context) -> Iterator[Fix]:
    """``<p class="a">正文</p>`` → ``正文``; ``a<b`` and ``1 > 0`` stay.

    Entities can hide tags (``&lt;p&gt;``), so each stretch of markup is cleaned until
    it stops changing, keeping track of which source characters each change came from;
    the fixes are the differences within each group of nearby changes. Invisible format
    characters do not hide markup (``x0a\\u200e如今``, ``div\\u200f&gt;``): they are read
    past, and removed with the markup they sit inside.
    """
    if not any(hint in text for hint in _HTML_HINT):
        return
    if P.FORMAT_CHARACTER.search(text) is None:
        yield from _markup_fixes(text)
        return
    visible, places = _without_format_characters(text)
    for fix in _markup_fixes(visible):
        start = places(fix.start)
        end = places(fix.end - 1) + 1 if fix.end > fix.start else start
        yield Fix(start, end, fix.after)


def _without_format_characters(text: str) -> tuple[str, Callable[[int], int]]:
    """``text`` without its format characters, and where each of its positions is in ``text``
    (the end maps to the end)."""
    segments = P.FORMAT_CHARACTER.split(text)
    visible_starts, text_starts = [], []
    visible = position = 0
    for segment in segments:
        visible_starts.append(visible)
        text_starts.append(position)
        visible += len(segment)
        position += len(segment) + 1

    def place(index: int) -> int:
        if index >= visible:
            return len(text)
        segment = bisect_right(visible_starts, index) - 1  # the last of any empty segments starting there
        return text_starts[segment] + index - visible_starts[segment]

    return "".join(segments), place


def _markup_fixes(text: str) -> Iterator[Fix]:
    for start, end in _clusters(text):
        region = text[start:end]
        clean, changes = _cleaned(region)
        for old_start, old_end, new_start, new_end in _groups(changes):
            old, new = region[old_start:old_end], clean[new_start:new_end]
            head = len(os.path.commonprefix([old, new]))
            tail = len(os.path.commonprefix([old[head:][::-1], new[head:][::-1]]))
            old, new = old[head : len(old) - tail], new[head : len(new) - tail]
            offset = start + old_start + head
            if set(new).isdisjoint(old):  # nothing to align: what the diff would say, without it
                if old or new:
                    yield Fix(offset, offset + len(old), new)
                continue
            matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag != "equal":
                    yield Fix(offset + i1, offset + i2, new[j1:j2])


def _clusters(text: str) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` holding markup, with markup less than a few characters apart merged
    (``&lt;p&gt;`` decodes into one tag only when both entities are cleaned together)."""
    spans = [m.span() for m in P.MARKUP.finditer(text, overlapped=True)]
    yield from merge_spans(_widen(text, spans), lambda end, start: start <= end + CLUSTER_GAP)


def _widen(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Each span with the text around it on its line: a decoded entity can make a tag or
    another entity with its neighbours (``&amp;lt;``, ``<p&gt;``). The lines come from one
    list of the newlines, so a long line with many spans is not searched once per span.

    An entity is also widened to the raw ``>`` that closes the tag it may open (``&lt;div⏎>``),
    and back to the raw ``<`` of a tag it may close, up to ``TAG_REACH`` characters away and
    across line breaks (a tag takes them between its attributes): only as far as the next
    bracket or entity, so each character is passed over once."""
    if not spans:
        return
    newlines = [m.start() for m in _NEWLINE.finditer(text)]
    for start, end in spans:
        before = bisect_left(newlines, start)
        after = bisect_left(newlines, end)
        line_start = newlines[before - 1] + 1 if before else 0
        line_end = newlines[after] if after < len(newlines) else len(text)
        first, last = max(line_start, start - CLUSTER_GAP), min(line_end, end + CLUSTER_GAP)
        if text[start] == "&":
            closer = _BRACKET_OR_ENTITY.search(text, end)
            if closer is not None and closer.group() == ">" and closer.start() - end < TAG_REACH:
                last = max(last, closer.end())
            opener = _BRACKET_OR_ENTITY_BEFORE.search(text, 0, start)
            if opener is not None and opener.group() == "<" and start - opener.end() < TAG_REACH:
                first = min(first, opener.start())
        yield first, last


# Each pass of the cleaning: a pattern and what a match of it becomes.
_PASSES: tuple[tuple[regex.Pattern[str], Callable[[regex.Match[str]], str]], ...] = (
    (P.HTML_ENTITY, lambda match: _entity(match)),
    (P.HTML_TAG, lambda match: _tag(match)),
    (P.HTML_FRAGMENT, lambda match: ""),
    (P.CRLF_RESIDUE, lambda match: "\n"),
    (P.EMAIL_PROTECTED, lambda match: ""),
)
MAX_ROUNDS = 4  # an entity can hide a tag (&lt;p&gt;) or another entity (&amp;lt;): a few rounds undo the nesting
GROUP_SPAN = 120  # changes this close together are diffed as one, as long as the group spans no more


def _cleaned(region: str) -> tuple[str, list[_Change]]:
    """The region cleaned until it stops changing, and its changes: which characters of the
    region (``old_start:old_end``) became which of the clean text (``new_start:new_end``)."""
    text, changes = region, []
    for _ in range(MAX_ROUNDS):
        changed = False
        for pattern, replace in _PASSES:
            replacements = [(m.start(), m.end(), after) for m in pattern.finditer(text) if (after := replace(m)) != m.group()]
            if replacements:
                text, changes = _replaced(text, changes, replacements)
                changed = True
        if not changed:
            break
    return text, changes


class _Change(NamedTuple):
    old_start: int
    old_end: int
    new_start: int
    new_end: int


def _replaced(
    text: str, changes: list[_Change], replacements: list[tuple[int, int, str]]
) -> tuple[str, list[_Change]]:
    """``text`` with ``replacements`` (sorted, disjoint ``(start, end, after)``) applied, and
    ``changes`` (the earlier ones, whose ``new_*`` index ``text``) carried through: a
    replacement that overlaps earlier changes absorbs them, so each change keeps the
    region characters it came from. One sweep over both lists."""
    out: list[str] = []
    length = cursor = 0  # out holds text[:cursor], ``length`` characters
    carried: list[_Change] = []
    index, drift = 0, 0  # the next earlier change; old - new position after the last one passed
    pending: list = []  # [start, parts, position, end, old_start]: the change being built

    def keep(change: _Change) -> None:
        shift = length - cursor
        carried.append(change._replace(new_start=change.new_start + shift, new_end=change.new_end + shift))

    def flush() -> None:
        nonlocal length, cursor
        start, parts, position, end, old_start = pending
        parts.append(text[position:end])
        after = "".join(parts)
        out.append(text[cursor:start])
        length += start - cursor
        carried.append(_Change(old_start, end + drift, length, length + len(after)))
        out.append(after)
        length += len(after)
        cursor = end
        pending.clear()

    for start, end, after in replacements:
        if pending and start < pending[3]:
            pending[1].extend((text[pending[2] : start], after))
            pending[2] = max(pending[2], end)
        else:
            if pending:
                flush()
            while index < len(changes) and changes[index].new_end <= start:
                drift = changes[index].old_end - changes[index].new_end
                keep(changes[index])
                index += 1
            if index < len(changes) and changes[index].new_start <= start < changes[index].new_end:
                first = changes[index]
                pending[:] = [first.new_start, [text[first.new_start : start], after], end, end, first.old_start]
            else:
                pending[:] = [start, [after], end, end, start + drift]
        while index < len(changes) and changes[index].new_start < end:
            change = changes[index]
            drift = change.old_end - change.new_end
            pending[3] = max(pending[3], change.new_end)
            index += 1
        pending[3] = max(pending[3], end)
    if pending:
        flush()
    for change in changes[index:]:
        keep(change)
    out.append(text[cursor:])
    return "".join(out), carried


def _groups(changes: list[_Change]) -> Iterator[_Change]:
    """Runs of changes less than ``CLUSTER_GAP`` apart, each spanning at most ``GROUP_SPAN``
    characters (or one change): what one diff compares, so no diff grows with the text."""
    group: _Change | None = None
    for change in changes:
        if (
            group is not None
            and change.old_start <= group.old_end + CLUSTER_GAP
            and change.old_end - group.old_start <= GROUP_SPAN
        ):
            group = _Change(group.old_start, change.old_end, group.new_start, change.new_end)
        else:
            if group is not None:
                yield group
            group = change
    if group is not None:
        yield group


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


def ruby_spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The annotations of ``text`` that are readings of the character before them, and
    those that follow a lost character and are toned syllables (ruby after mojibake)."""
    confirmed, lost = [], []
    for match in RUBY.finditer(text):
        if not match.start():
            continue
        base = text[match.start() - 1]  # a space or a parenthesis is never read, nor a lost character
        if is_reading(base, match["reading"]):
            confirmed.append(match.span())
        elif base in LOST_BASE and _toned_syllable(match["reading"]):
            lost.append(match.span())
    if "?" in text or "\ufffd" in text:
        lost += [m.span() for m in RUBY_AFTER_LOST.finditer(text) if _toned_syllable(m["reading"])]
    return confirmed, sorted(set(lost))


def count_ruby(text: str) -> int:
    """How many annotations of ``text`` are readings of the character before them."""
    return len(ruby_spans(text)[0])


def without_ruby_noise(text: str) -> str:
    """rules/base.py: _without_ruby_noise, the page as Context.of counted its ruby: without the line
    breaks (and the spaces beside them), invisible characters and tags.

    >>> without_ruby_noise("寫(\\n \\nxiě)<b>發</b>(fā)瑟 (sè)")
    '寫(xiě)發(fā)瑟 (sè)'
    """
    import regex

    return regex.sub(r"<[^<>]{0,40}>", "", regex.sub(r"\s*\n\s*|\p{Cf}+", "", text))


def page_ruby(text: str) -> int:
    """Context.of's count of a page's ruby, as it was: count_ruby of the page without its noise."""
    return count_ruby(without_ruby_noise(text))


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


def remove_pinyin_ruby(text: str, context: Context) -> Iterator[Finding]:
    """``寫(xiě)``, ``們(men)``, ``的(de)`` → ``寫``, ``們``, ``的``; ``小明(ming)``, ``(1)``,
    ``C(4)`` and ``咳嗽(ké sou)`` stay, as they are no reading of the character before them.

    On a page with two readings or fewer (``context.ruby``), they go only in a
    traditional document, where machine conversion puts them, but for one between a character
    and its repeat; in a simplified one, and there, they may be a children's text's real ruby
    (``瑟(sè)瑟``), so they stay and are flagged.
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
    # on a traditional page with few readings, one between a character and its repeat (瑟(sè)瑟, a
    # children's text's ruby) is no conversion's mark: it stays, flagged
    for start, end in sorted(set(confirmed) | set(lost)):
        if page <= FEW_RUBY and (start, end) in confirmed and text[end : end + 1] == text[start - 1]:
            yield Flag(start - 1, end, f"possible pinyin ruby kept, the page has only {page}: “{text[start - 1 : end]}”")
        else:
            yield Fix(start, end, "")


def html_fixes(text: str) -> list[tuple[int, int, str]]:
    """fix_html's fixes as (start, end, after)."""
    return [(fix.start, fix.end, fix.after) for fix in fix_html(text, Context())]


def pinyin_ruby(text: str, ruby: int | None, script: str) -> list[tuple[int, int, str | None]]:
    """remove_pinyin_ruby's findings as (start, end, message): ``None`` for a fix (which removes)."""
    context = Context(script=script, ruby=ruby)
    return [(f.start, f.end, f.message if isinstance(f, Flag) else None) for f in remove_pinyin_ruby(text, context)]


def pinyin_ruby_all(text: str) -> tuple:
    """ruby_spans, count_ruby and the rule's findings on a simplified and a traditional page, with the
    text's own count (what the differential tests compare)."""
    return ruby_spans(text), count_ruby(text), pinyin_ruby(text, None, "simplified"), pinyin_ruby(text, None, "traditional")


def core_pinyin_ruby_all(text: str) -> tuple:
    """The same through the core (rules/markup.py)."""
    from cutter.rules import markup

    ruby = markup._ruby()
    return ruby.spans(text), ruby.count(text), ruby.findings(text, None, False), ruby.findings(text, None, True)


def clusters(text: str) -> list[tuple[int, int]]:
    """_clusters as a list."""
    return list(_clusters(text))


def core_html_fixes(text: str) -> list[tuple[int, int, str]]:
    """The html rule's fixes through the core (rules/markup.py)."""
    from cutter.rules import markup

    return markup._html().fixes(text) if any(hint in text for hint in _HTML_HINT) else []
