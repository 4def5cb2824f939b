"""The summaries: ``cutter check``'s table per rule, and what a split run did."""

from __future__ import annotations

import heapq
import time
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .batch import Outcome, Stats

if TYPE_CHECKING:  # rich is imported where a table is made: a quiet run never needs it
    from rich.table import Table

    from .lint import Finding



def summary(findings: Iterable[Finding], files: int, failed: int) -> Table:
    """A table of changes and warnings per rule, for a terminal."""
    from rich.table import Table

    changes: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    for finding in findings:
        (changes if finding.is_change else warnings)[finding.rule] += 1
    table = Table(title=f"cutter check: {files:,} file(s), {failed:,} failed")
    table.add_column("rule")
    table.add_column("changes", justify="right")
    table.add_column("warnings", justify="right")
    for rule in sorted(set(changes) | set(warnings)):
        table.add_row(rule, f"{changes[rule]:,}", f"{warnings[rule]:,}")
    table.add_row("total", f"{sum(changes.values()):,}", f"{sum(warnings.values()):,}", style="bold")
    return table


class RunSummary:
    """What a split run did, for the table on standard error and for ``--report``."""

    SLOWEST = 5
    NAMED_FAILURES = 20

    def __init__(self) -> None:
        self.ok = self.failed = self.skipped = 0
        self.totals = Stats()
        self.bytes = 0
        self.slowest: list[tuple[float, str]] = []
        self.failed_labels: list[str] = []
        self.started = time.perf_counter()

    def add(self, outcome: Outcome) -> None:
        self.bytes += outcome.size
        if outcome.error is not None or outcome.stats is None:
            self.failed += 1
            if len(self.failed_labels) < self.NAMED_FAILURES:
                self.failed_labels.append(outcome.label)
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
            "failed": list(self.failed_labels),
            "slowest": [{"source": label, "seconds": round(s, 4)} for s, label in sorted(self.slowest, reverse=True)],
        }

    def tables(self) -> list[Table]:
        """The overview, a table per rule (named as ``check`` names its columns), the failed
        documents and the slowest ones; counts with thousands separators."""
        from rich.table import Table

        data = self.as_dict()
        overview = Table(title="cutter split", show_header=False)
        for key in ("documents_ok", "documents_failed", "sources_skipped", "pieces", "chars_in", "chars_out",
                    "seconds", "mb_per_second"):  # fmt: skip
            value = data[key]
            overview.add_row(key.replace("_", " "), f"{value:,}" if isinstance(value, int) else str(value))
        tables = [overview]
        edits, warnings = data["edits"], data["warnings"]
        if edits or warnings:
            table = Table(title="per rule")
            table.add_column("rule")
            table.add_column("changes", justify="right")
            table.add_column("warnings", justify="right")
            for name in sorted(set(edits) | set(warnings)):
                table.add_row(name, f"{edits.get(name, 0):,}", f"{warnings.get(name, 0):,}")
            tables.append(table)
        if data["failed"]:
            failed = Table(title="failed documents")
            failed.add_column("source")
            for label in data["failed"]:
                failed.add_row(label)
            if self.failed > len(data["failed"]):
                failed.add_row(f"… and {self.failed - len(data['failed']):,} more")
            tables.append(failed)
        if data["slowest"]:
            slow = Table(title="slowest documents")
            slow.add_column("source")
            slow.add_column("seconds", justify="right")
            for row in data["slowest"]:
                slow.add_row(row["source"], f"{row['seconds']:.4f}")
            tables.append(slow)
        return tables
