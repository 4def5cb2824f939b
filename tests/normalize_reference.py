"""The normalizer's bookkeeping as it was in Python (cutter/normalize.py before the core held
it, cutter_core::normalize): the reference that tests/test_core_diff.py and bench/core_diff.py
compare ``cutter.normalize.clean_text`` with. Every rule runs as its Python ``find``.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cutter import _core
from cutter.model import Edits, Note
from cutter.rules import BOILERPLATE, JOINS, Context, Fix, Flag, Rule
from cutter.rules import base
from cutter.rules.base import forget_large_texts, rare_characters, rare_union, splice_columns


def layout(text: str) -> str:
    """Paragraphs one per line: blank lines dropped, no leading or trailing newline. A huge
    text is laid out a stretch of lines at a time, so that no object per line is ever held
    for the whole of it.

    >>> layout("\\n甲\\n \\n\\n乙 \\n")
    '甲\\n乙 '
    """
    done, start = [], 0
    while start <= len(text):
        end = text.find("\n", start + LAYOUT_STRETCH)
        end = len(text) if end == -1 else end
        if stretch := "\n".join(line for line in text[start:end].split("\n") if line.strip()):
            done.append(stretch)
        start = end + 1
    return "\n".join(done)


LAYOUT_STRETCH = 1 << 16  # characters


def rare_after(rare: str, afters: Iterable[str]) -> str:
    """The rare characters of a text after fixes that wrote ``afters``, as a superset: those
    it had, and those the fixes bring in (no rescan of the whole text)."""
    brought = _core.rare_characters("".join(set(afters)))
    return rare_union([rare, brought]) if brought else rare


def clean_text(
    raw: str, rules: Sequence[Rule], context: Context, keep_boilerplate: bool = False, rare: str | None = None
) -> tuple[str, Edits, list[Note]]:
    """Normalize ``raw``; return the clean text, the edits and the notes.

    With ``keep_boilerplate``, boilerplate rules change nothing and each removal they
    would make becomes a warning. ``rare``: the rare characters of ``raw``
    (:func:`~cutter.rules.base.rare_characters`), when the caller has them.

    A rule that joins lines (:data:`~cutter.rules.JOINS`) can make a stretch that an
    earlier rule would have changed (``&bsp`` + break + ``;``), so after it joins, the
    rules before it run again over the joined text, and it again after them, until
    the rules before it change nothing (at most ``MAX_ROUNDS`` rounds).

    """
    run = _Run(raw, context, keep_boilerplate, rare_characters(raw) if rare is None else rare)
    for position, rule in enumerate(rules):
        if run.apply(rule) and rule.name in JOINS:
            for _ in range(MAX_ROUNDS):
                if not any([run.apply(earlier) for earlier in rules[:position]]):
                    break
                run.apply(rule)  # and a round more even if it joins nothing: an earlier rule's change
                # (hidden-text's) can make a stretch for one before it (html's ``x0a``)
    return layout(run.text), run.edits, run.notes


MAX_ROUNDS = 3  # a bound on the rounds after a join: each further round needs an earlier rule's change


class _Run:
    """The text as the rules so far have left it, and what they did to it."""

    def __init__(self, raw: str, context: Context, keep_boilerplate: bool, rare: str) -> None:
        self.raw, self.text, self.context, self.keep_boilerplate, self.rare = raw, raw, context, keep_boilerplate, rare
        self.stages: list[_Stage] = []
        self.edits = Edits(raw)
        self.code = self.edits.code  # the array type of every position column
        self.notes: list[Note] = []
        self.noted: set[tuple[str, int]] = set()  # a rule run again notes a place it noted before once

    def apply(self, rule: Rule) -> bool:
        """Run one rule; whether it changed the text."""
        text = self.text
        if not rule.may_act(text, self.rare):
            return False
        fixes = _Fixes(self.code)
        flags: list[Flag] = []
        keep = self.keep_boilerplate and rule.category == BOILERPLATE
        for finding in rule.find(text, self.context):
            if keep and isinstance(finding, Fix):
                kept = text[finding.start : finding.end].strip()
                finding = Flag(finding.start, finding.end, f"boilerplate kept: “{kept[:40]}”")
            if isinstance(finding, Flag):
                flags.append(finding)
            elif text[finding.start : finding.end] != finding.after:
                fixes.add(finding.start, finding.end, finding.after)
        if flags:
            self._note(rule, flags)
        if not fixes:
            return False
        fixes = fixes.without_overlaps()
        raw_starts, raw_ends = _to_raw(fixes.starts, fixes.ends, self.stages)
        self.edits.extend(rule.name, fixes.starts, fixes.ends, raw_starts, raw_ends, fixes.afters)
        self.text = splice_columns(text, fixes.starts, fixes.ends, fixes.afters)
        if len(text) > base.LARGE_TEXT:
            forget_large_texts()
        self.rare = rare_after(self.rare, fixes.afters)
        self.stages.append(_Stage.of(fixes))
        return True

    def _note(self, rule: Rule, flags: list[Flag]) -> None:
        at = array(self.code, (flag.start for flag in flags))
        offsets, _ = _to_raw(at, at, self.stages)
        notes = [
            Note(rule.name, offset, flag.message)
            for flag, offset in zip(flags, offsets)
            if (rule.name, offset) not in self.noted
        ]
        self.notes += notes
        self.noted.update((note.rule, note.offset) for note in notes)


class _Fixes:
    """One rule's fixes as columns (a rule may make hundreds of thousands on a huge piece),
    each distinct short replacement held once."""

    __slots__ = ("starts", "ends", "afters", "_shared", "_sorted")

    def __init__(self, code: str) -> None:
        self.starts, self.ends = array(code), array(code)
        self.afters: list[str] = []
        self._shared: dict[str, str] = {}
        self._sorted = True

    def add(self, start: int, end: int, after: str) -> None:
        if self.starts and (start < self.starts[-1] or (start == self.starts[-1] and end < self.ends[-1])):
            self._sorted = False
        self.starts.append(start)
        self.ends.append(end)
        self.afters.append(self._shared.setdefault(after, after) if len(after) < 8 else after)

    def __len__(self) -> int:
        return len(self.starts)

    def without_overlaps(self) -> _Fixes:
        """The fixes in order of (start, end); of overlapping ones, the first is kept."""
        order = range(len(self)) if self._sorted else sorted(range(len(self)), key=lambda i: (self.starts[i], self.ends[i]))
        kept, end = _Fixes(self.starts.typecode), -1
        for i in order:
            if self.starts[i] >= end:
                kept.starts.append(self.starts[i])
                kept.ends.append(self.ends[i])
                kept.afters.append(self.afters[i])
                end = self.ends[i]
        return kept


@dataclass(frozen=True)
class _Stage:
    """Where one rule's fixes landed, to map its output positions back to its input
    (columns of machine integers: a huge piece's stages hold millions)."""

    out_starts: array[int]
    in_starts: array[int]
    in_ends: array[int]
    out_ends: array[int]
    shift_after: array[int]

    @classmethod
    def of(cls, fixes: _Fixes) -> _Stage:
        code = fixes.starts.typecode
        out_starts, out_ends, shift_after = array(code), array(code), array(code)
        shift = 0
        for start, end, after in zip(fixes.starts, fixes.ends, fixes.afters):
            out_start = start + shift
            shift += len(after) - (end - start)
            out_starts.append(out_start)
            out_ends.append(out_start + len(after))
            shift_after.append(shift)
        return cls(out_starts, fixes.starts, fixes.ends, out_ends, shift_after)

    def back(self, starts: array[int], ends: array[int]) -> tuple[array[int], array[int]]:
        """The input span each output span ``[start, end)`` came from: the smallest one that
        holds every input character its characters came from (a character that a fix wrote
        comes from the whole text that fix replaced)."""
        lows, highs = array(starts.typecode), array(starts.typecode)
        for start, end in zip(starts, ends):
            low = self._char(start, start=True)
            lows.append(low)
            highs.append(low if end == start else self._char(end - 1, start=False))
        return lows, highs

    def _char(self, position: int, start: bool) -> int:
        """Where output character ``position`` begins (``start``) or ends in the input."""
        index = bisect_right(self.out_starts, position) - 1
        if index >= 0 and position < self.out_ends[index]:  # written by fix ``index``
            return self.in_starts[index] if start else self.in_ends[index]
        # out_ends rise with out_starts: the last fix starting at or before ``position`` ends there too
        shift = self.shift_after[index] if index >= 0 else 0
        return position - shift + (0 if start else 1)


def _to_raw(starts: array[int], ends: array[int], stages: Sequence[_Stage]) -> tuple[array[int], array[int]]:
    """Spans of the current text, mapped back through every stage to the raw body."""
    for stage in reversed(stages):
        starts, ends = stage.back(starts, ends)
    return starts, ends
