"""What ``cutter check`` shows: each change at its place in the source, a per-rule
summary, and unified diffs of raw against clean text."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text

from .core import Result

SHOWN = 60


@dataclass(frozen=True)
class Finding:
    """One change or note, placed at a 1-based line and column of the source."""

    source: str
    line: int
    column: int
    rule: str
    before: str | None  # None: a note, not a change
    after: str

    def text(self) -> Text:
        place = Text(f"{self.source}:{self.line}:{self.column} ", style="bold")
        rule = Text(f"{self.rule:<14} ", style="cyan")
        if self.before is None:
            return place + rule + Text(f"warning: {self.after}", style="yellow")
        return place + rule + Text(_shown(self.before), style="red") + Text(" → ") + Text(_shown(self.after), style="green")


def findings(result: Result) -> Iterator[Finding]:
    """Every edit and note of a result, in source order."""
    text = result.layout.document.text
    source = result.layout.document.source
    located = []
    intro = result.layout.intro
    if intro:
        located.append((text.index(intro, result.layout.preamble.start), "intro", None, f"not in any piece: “{intro[:30]}…”"))
    for piece in result.pieces:
        base = piece.piece.body.start
        for edit in piece.edits:
            located.append((base + edit.offset, edit.rule, edit.before, edit.after))
        for note in piece.notes:
            located.append((base + note.offset, note.rule, None, note.message))
    for position, rule, before, after in sorted(located, key=lambda item: item[0]):
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        yield Finding(source, line, column, rule, before, after)


def summary(counts: Counter[tuple[str, str]], files: int, failed: int) -> Table:
    """A table of changes and warnings per rule."""
    table = Table(title=f"cutter check: {files} file(s), {failed} failed")
    table.add_column("rule")
    table.add_column("changes", justify="right")
    table.add_column("warnings", justify="right")
    for rule in sorted({rule for rule, _ in counts}):
        table.add_row(rule, str(counts[(rule, "change")]), str(counts[(rule, "warning")]))
    table.add_row("total", str(_total(counts, "change")), str(_total(counts, "warning")), style="bold")
    return table


def diff(result: Result) -> str:
    """Unified diffs, piece by piece, of the raw body's lines against the clean text's."""
    source = result.layout.document.source
    chunks = []
    for piece in result.pieces:
        raw = [line.strip() for line in piece.piece.raw.split("\n") if line.strip()]
        clean = piece.text.split("\n") if piece.text else []
        label = f"{source} piece {piece.piece.index} ({piece.piece.title})"
        chunks.extend(difflib.unified_diff(raw, clean, f"{label} raw", f"{label} clean", lineterm=""))
    return "\n".join(chunks) + ("\n" if chunks else "")


def _shown(value: str) -> str:
    shown = repr(value)
    return shown if len(shown) <= SHOWN else shown[: SHOWN - 2] + "…'"


def _total(counts: Counter[tuple[str, str]], kind: str) -> int:
    return sum(n for (_, k), n in counts.items() if k == kind)
