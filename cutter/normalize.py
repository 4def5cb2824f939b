"""Piece → CleanPiece: run the selected rules, record every change as an Edit.

Each rule sees the text as the rules before it left it. Its fixes are applied at
once, and each becomes an :class:`Edit` whose ``start``/``end`` index that text (so
the edits replay rule by rule) and whose ``offset`` is mapped back through every
earlier rule to the piece's raw body. Last, the layout step drops blank lines, so
paragraphs come out one per line.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from .model import CleanPiece, Edit, Note, Piece
from .rules import BOILERPLATE, Context, Fix, Flag, Rule
from .rules.base import rare_after, rare_characters, splice


def normalize(
    piece: Piece, rules: Sequence[Rule], context: Context, keep_boilerplate: bool = False, rare: str | None = None
) -> CleanPiece:
    text, edits, notes = clean_text(piece.raw, rules, context, keep_boilerplate, rare)
    return CleanPiece(piece=piece, text=text, edits=tuple(edits), notes=tuple(notes))


def clean_text(
    raw: str, rules: Sequence[Rule], context: Context, keep_boilerplate: bool = False, rare: str | None = None
) -> tuple[str, list[Edit], list[Note]]:
    """Normalize ``raw``; return the clean text, the edits and the notes.

    With ``keep_boilerplate``, boilerplate rules change nothing and each removal they
    would make becomes a warning. ``rare``: the rare characters of ``raw``
    (:func:`~cutter.rules.base.rare_characters`), when the caller has them.

    >>> from cutter.rules import BY_NAME
    >>> text, edits, _ = clean_text("这都几点了。。。 \\n\\n好的", [BY_NAME["ellipsis"]], Context())
    >>> text, [(e.rule, e.before, e.after, e.offset) for e in edits]
    ('这都几点了……\\n好的', [('ellipsis', '。。。 ', '……', 5)])
    """
    text = raw
    if rare is None:
        rare = rare_characters(raw)
    stages: list[_Stage] = []
    edits: list[Edit] = []
    notes: list[Note] = []
    for rule in rules:
        if not rule.may_act(text, rare):
            continue
        fixes: list[Fix] = []
        flags: list[Flag] = []
        keep = keep_boilerplate and rule.category == BOILERPLATE
        for finding in rule.find(text, context):
            if keep and isinstance(finding, Fix):
                kept = text[finding.start : finding.end].strip()
                finding = Flag(finding.start, finding.end, f"boilerplate kept: “{kept[:40]}”")
            if isinstance(finding, Flag):
                flags.append(finding)
            elif text[finding.start : finding.end] != finding.after:
                fixes.append(finding)
        if flags:
            offsets = _to_raw([flag.start for flag in flags], stages)
            notes += (Note(rule.name, offset, flag.message) for flag, offset in zip(flags, offsets))
        if not fixes:
            continue
        fixes = _without_overlaps(fixes)
        offsets = _to_raw([fix.start for fix in fixes], stages)
        edits += (
            Edit(rule.name, fix.start, fix.end, text[fix.start : fix.end], fix.after, offset)
            for fix, offset in zip(fixes, offsets)
        )
        text = splice(text, fixes)
        rare = rare_after(rare, fixes)
        stages.append(_Stage.of(fixes))
    return layout(text), edits, notes


def layout(text: str) -> str:
    """Paragraphs one per line: blank lines dropped, no leading or trailing newline."""
    return "\n".join(line for line in text.split("\n") if line.strip())


def replay(raw: str, edits: Sequence[Edit]) -> str:
    """Apply recorded edits, rule by rule, to the raw body (then the layout step)."""
    text, group = raw, []
    for edit in [*edits, None]:
        if group and (edit is None or edit.rule != group[0].rule):
            text = splice(text, [Fix(e.start, e.end, e.after) for e in group])
            group = []
        if edit is not None:
            group.append(edit)
    return layout(text)


def _without_overlaps(fixes: list[Fix]) -> list[Fix]:
    kept: list[Fix] = []
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        if not kept or fix.start >= kept[-1].end:
            kept.append(fix)
    return kept


@dataclass(frozen=True)
class _Stage:
    """Where one rule's fixes landed, to map its output positions back to its input."""

    out_starts: list[int]
    in_starts: list[int]
    out_ends: list[int]
    shift_after: list[int]

    @classmethod
    def of(cls, fixes: Sequence[Fix]) -> _Stage:
        out_starts, in_starts, out_ends, shift_after = [], [], [], []
        shift = 0
        for fix in fixes:
            out_start = fix.start + shift
            shift += len(fix.after) - (fix.end - fix.start)
            out_starts.append(out_start)
            in_starts.append(fix.start)
            out_ends.append(out_start + len(fix.after))
            shift_after.append(shift)
        return cls(out_starts, in_starts, out_ends, shift_after)

    def back(self, positions: list[int]) -> list[int]:
        """Where each output position came from in the input."""
        out_starts, out_ends, in_starts, shift_after = self.out_starts, self.out_ends, self.in_starts, self.shift_after
        mapped = []
        for position in positions:
            index = bisect_right(out_starts, position) - 1
            if index < 0:
                mapped.append(position)
            elif position < out_ends[index]:
                mapped.append(in_starts[index])
            else:
                mapped.append(position - shift_after[index])
        return mapped


def _to_raw(positions: list[int], stages: Sequence[_Stage]) -> list[int]:
    """Positions in the current text, mapped back through every stage to the raw body."""
    for stage in reversed(stages):
        positions = stage.back(positions)
    return positions
