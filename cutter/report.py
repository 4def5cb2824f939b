"""What ``cutter check`` shows: each change at its place in the source, a per-rule
summary, and unified diffs of raw against clean text."""

from __future__ import annotations

import difflib
import heapq
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rich.table import Table
from rich.text import Text

from .batch import Outcome, Stats
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


class RunSummary:
    """What a split run did, for the table on standard error and for ``--report``."""

    SLOWEST = 5

    def __init__(self) -> None:
        self.ok = self.failed = self.skipped = 0
        self.totals = Stats()
        self.bytes = 0
        self.slowest: list[tuple[float, str]] = []
        self.started = time.perf_counter()

    def add(self, outcome: Outcome) -> None:
        self.bytes += outcome.size
        if outcome.error is not None or outcome.stats is None:
            self.failed += 1
            return
        self.ok += 1
        self.totals.add(outcome.stats)
        heapq.heappush(self.slowest, (outcome.stats.seconds, outcome.label))
        if len(self.slowest) > self.SLOWEST:
            heapq.heappop(self.slowest)

    @property
    def megabytes_per_second(self) -> float:
        """The run's average so far (rich's own estimate only sees a recent window)."""
        elapsed = time.perf_counter() - self.started
        return self.bytes / 1e6 / elapsed if elapsed else 0.0

    def as_dict(self) -> dict[str, Any]:
        elapsed = time.perf_counter() - self.started
        return {
            "documents_ok": self.ok,
            "documents_failed": self.failed,
            "sources_skipped": self.skipped,
            "pieces": self.totals.pieces,
            "chars_in": self.totals.chars_in,
            "chars_out": self.totals.chars_out,
            "bytes_in": self.bytes,
            "seconds": round(elapsed, 3),
            "mb_per_second": round(self.megabytes_per_second, 2) if elapsed else None,
            "edits": dict(self.totals.edits.most_common()),
            "warnings": dict(self.totals.warnings.most_common()),
            "slowest": [{"source": label, "seconds": round(s, 4)} for s, label in sorted(self.slowest, reverse=True)],
        }

    def tables(self) -> list[Table]:
        data = self.as_dict()
        overview = Table(title="cutter split", show_header=False)
        for key in ("documents_ok", "documents_failed", "sources_skipped", "pieces", "chars_in", "chars_out",
                    "seconds", "mb_per_second"):  # fmt: skip
            overview.add_row(key.replace("_", " "), str(data[key]))
        tables = [overview]
        for title, counts in (("edits per rule", data["edits"]), ("warnings by kind", data["warnings"])):
            if counts:
                table = Table(title=title)
                table.add_column("name")
                table.add_column("count", justify="right")
                for name, count in counts.items():
                    table.add_row(name, str(count))
                tables.append(table)
        if data["slowest"]:
            slow = Table(title="slowest documents")
            slow.add_column("source")
            slow.add_column("seconds", justify="right")
            for row in data["slowest"]:
                slow.add_row(row["source"], f"{row['seconds']:.4f}")
            tables.append(slow)
        return tables
