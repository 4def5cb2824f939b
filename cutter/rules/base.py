"""What a normalization rule is.

A rule finds places in a text and says what each becomes (:class:`Fix`), or that a
person should look at it (:class:`Flag`). It never edits the text itself: the
normalizer applies the fixes and records each one as an ``Edit``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Any, Protocol

from .. import _core
from ..model import Document


@dataclass(frozen=True, slots=True)
class Fix:
    start: int
    end: int
    after: str


@dataclass(frozen=True, slots=True)
class Flag:
    start: int
    end: int
    message: str


Finding = Fix | Flag


@dataclass(frozen=True)
class Context:
    """Facts about the whole document that a rule may need.

    ``script``: ``"simplified"`` or ``"traditional"``; ``ruby``: how many pinyin
    readings (an annotation that is a reading of the character before it) the page holds (``None``: unknown, so a rule counts in its own text);
    ``titles``: the title line's forms, spaces removed.
    """

    script: str = "simplified"
    ruby: int | None = None
    titles: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls, document: Document | str, titles: Iterable[str | None] = (), rare: str | None = None,
        held: _core.Doc | None = None,
    ) -> Context:  # fmt: skip
        """``rare``: the document's rare characters (:func:`rare_characters`), when the caller has them;
        ``held``: its text held in the core (``_core.Doc``), when the caller has it."""
        from .. import patterns as P
        from .markup import page_ruby
        from ..split import without_count_declarations
        from .script import document_script

        text = document.text if isinstance(document, Document) else document
        forms = {title_form(t) for t in titles if t}
        forms |= {title_form(without_count_declarations(f)) for f in forms}
        if rare is None:  # one scan tells whether the two counts below are needed
            rare = rare_characters(text)
        return cls(
            script=document_script(text if held is None else held) if P.TRADITIONAL_CHARACTER.search(rare) else "simplified",
            ruby=page_ruby(text if held is None else held) if P.TONE_MARK.search(rare) else 0,
            titles=frozenset(f for f in forms if f),
        )


def title_form(line: str) -> str:
    """A line as compared with the title: no spaces or invisible characters."""
    from .. import patterns as P

    return P.TITLE_NOISE.sub("", line)


Finder = Callable[[str, Context], Iterable[Finding]]


class Gate(Protocol):
    def search(self, string: str) -> Any: ...


@dataclass(frozen=True)
class Rule:
    """A named, switchable normalization rule.

    ``example`` is a (before, after) pair that ``cutter rules`` shows and the tests
    check. ``gate``, when set, is a pattern over single characters: the rule can act
    only on a text holding one of them, so it is not run on a text whose rare
    characters (:func:`rare_characters`) the gate does not match.
    """

    name: str
    summary: str
    example: tuple[str, str]
    find: Finder
    category: str = "fix"
    gate: Gate | None = None
    # The core runs it inside the normalizer's run (``_core.Run.apply_core``), or looks there first
    # for where it could act and gives it back to ``find`` only where it found something.
    in_core: bool = False
    # What else the core needs to run it (``apply_core``'s keyword arguments), from the rare
    # characters of the text (a superset of them) and the context: the boilerplate rules' trigger
    # words and fold, the title's openings.
    core_with: Callable[[str, Context], dict[str, Any]] | None = None
    # What the core needs to run it whole where its first look found something and gave it back
    # (``apply_core``'s keyword arguments, from the context): tables that cost to build, such as
    # pinyin-ruby's readings and html's entities, built only then.
    core_then: Callable[[Context], dict[str, Any]] | None = None

    def may_act(self, text: str, rare: str | None = None) -> bool:
        """Whether the rule can act on ``text``; ``rare``: its rare characters, or a
        superset of them, when the caller already has them."""
        if self.gate is None:
            return True
        return self.gate_open(rare_characters(text) if rare is None else rare)

    def gate_open(self, rare: str) -> bool:
        """Whether the rule can act on a text whose rare characters are (at most) ``rare``."""
        return self.gate is None or self.gate.search(rare) is not None

    def apply(self, text: str, context: Context | None = None) -> str:
        """``str → str``: the text with this rule's fixes applied."""
        if not self.may_act(text):
            return text
        fixes = sorted(
            (f for f in self.find(text, context or Context()) if isinstance(f, Fix)), key=lambda f: f.start
        )
        return splice(text, fixes)


LARGE_TEXT = 1_000_000  # characters: a text this long is cached alone (see text_cache)


def text_cache(maxsize: int) -> Callable[[Callable[[str], Any]], Any]:
    """``lru_cache(maxsize)`` for a function of one text, except that of texts over
    ``LARGE_TEXT`` characters only the last is kept, so a huge piece's earlier versions
    (one per rule that changed it) are not held alive by the cache."""

    def decorate(function: Callable[[str], Any]) -> Any:
        small = lru_cache(maxsize=maxsize)(function)
        last: list[Any] = [None, None]
        _LAST_LARGE.append(last)

        @wraps(function)
        def cached(text: str) -> Any:
            if len(text) <= LARGE_TEXT:
                return small(text)
            held, found = last  # read once: another thread may forget or replace them meanwhile
            if held is text or held == text:
                return found
            last[:] = [None, None]  # the old text goes before the new result is made
            found = function(text)
            last[:] = [text, found]
            return found

        def cache_clear() -> None:
            small.cache_clear()
            last[:] = [None, None]

        cached.cache_clear = cache_clear  # type: ignore[attr-defined]
        return cached

    return decorate


_LAST_LARGE: list[list[Any]] = []  # the last huge text of each text_cache, and what was found in it


def forget_large_texts() -> None:
    """Drop the huge text each :func:`text_cache` keeps: called when a huge piece's text
    has been replaced, so that its old version is not kept alive (it is never asked for again)."""
    for last in _LAST_LARGE:
        last[:] = [None, None]


@text_cache(maxsize=8)
def rare_characters(text: str) -> str:
    """The distinct characters of ``text`` outside common Chinese prose (``patterns.RARE``),
    in one string: what the rule gates are matched against, one scan per text.

    >>> rare_characters("工匠精神的價值,在于 1 点。")
    ' ,價'
    """
    return _core.rare_characters(text)


def rare_union(rares: Iterable[Iterable[str]]) -> str:
    """The rare characters of a text made of parts, from those of its parts (no rescan).

    >>> rare_union([" ,", "價", ", "])
    ' ,價'
    """
    return "".join(sorted(set().union(*rares)))


def line_span(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """Where the line holding ``text[start:end]`` starts and ends (before its newline).

    >>> line_span("甲\\n乙丙\\n丁", 3)
    (2, 4)
    """
    line_end = text.find("\n", start if end is None else end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end == -1 else line_end


def merge_spans(
    spans: Iterable[tuple[int, int]], touching: Callable[[int, int], bool] = lambda end, start: start <= end
) -> list[tuple[int, int]]:
    """Spans sorted, with each run of touching ones merged; ``touching(end, start)`` says
    whether a span starting at ``start`` joins the run that ends at ``end`` (default: overlap).

    >>> merge_spans([(5, 7), (0, 2), (1, 3)])
    [(0, 3), (5, 7)]
    >>> merge_spans([(0, 2), (5, 7)], lambda end, start: start <= end + 3)
    [(0, 7)]
    """
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and touching(merged[-1][1], start):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def splice(text: str, fixes: Iterable[Fix]) -> str:
    """Apply sorted, non-overlapping fixes to ``text``."""
    fixes = list(fixes)
    return splice_columns(text, [f.start for f in fixes], [f.end for f in fixes], [f.after for f in fixes])


def splice_columns(text: str, starts: Iterable[int], ends: Iterable[int], afters: Iterable[str]) -> str:
    """Replace each ``text[start:end]`` by its ``after`` (sorted, non-overlapping spans).

    >>> splice_columns("甲。。。乙", [1], [4], ["……"])
    '甲……乙'
    """
    done, parts, cursor = [], [], 0  # parts joined a few thousand at a time: no object per part stays alive
    for start, end, after in zip(starts, ends, afters):
        parts.append(text[cursor:start])
        parts.append(after)
        cursor = end
        if len(parts) >= _JOINED:
            done.append("".join(parts))
            parts.clear()
    parts.append(text[cursor:])
    return "".join([*done, *parts])


_JOINED = 8192


BOILERPLATE = "boilerplate"
DETECT = "detect"


def rule(
    name: str, summary: str, example: tuple[str, str], category: str = "fix", gate: Gate | None = None,
    in_core: bool = False, core_with: Callable[[str, Context], dict[str, Any]] | None = None,
    core_then: Callable[[Context], dict[str, Any]] | None = None,
) -> Callable[[Finder], Rule]:  # fmt: skip
    """Turn a finder function into a :class:`Rule`.

    ``category``: ``"fix"`` repairs text, ``"boilerplate"`` removes site text (kept
    with ``--keep-boilerplate``), ``"detect"`` only reports. ``gate``: see :class:`Rule`.
    ``in_core``: the normalizer has the core run it (its ``find`` is the same rule, for
    callers outside the normalizer, and where the core gives the text back to Python);
    ``core_with``, ``core_then``: see :class:`Rule`.
    """

    def wrap(find: Finder) -> Rule:
        return Rule(
            name=name, summary=summary, example=example, find=find, category=category, gate=gate, in_core=in_core,
            core_with=core_with, core_then=core_then,
        )  # fmt: skip

    return wrap
