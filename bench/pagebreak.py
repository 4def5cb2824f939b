"""Precision and recall of the page-break rule on the seed files.

The truth is a list of line numbers (the line a cut sentence stops on), read by
hand from ../shared/seeds; no seed text is stored here. Run:

    python bench/pagebreak.py [SEEDS_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from cutter.core import process
from cutter.model import Document

TRUE_CUTS = {
    "000_dd48d1fb9e298a24.txt": {43, 53, 67, 77, 85, 99, 139, 153, 167, 189, 197, 209, 223, 233, 245},
    "004_9510543668fe9c51.txt": {15, 27, 59, 79, 101, 157},
}


def joined_lines(path: Path) -> tuple[set[int], set[int]]:
    """Source line numbers where the rule joined a break, and where it only flagged one."""
    text = path.read_text(encoding="utf-8")
    result = process(Document(str(path), text))
    joined, flagged = set(), set()
    for piece in result.pieces:
        base = piece.piece.body.start
        for edit in piece.edits:
            if edit.rule == "page-break":
                joined.add(text.count("\n", 0, base + edit.offset) + 1)
        for note in piece.notes:
            if note.rule == "page-break":
                flagged.add(text.count("\n", 0, base + note.offset) + 1)
    return joined, flagged


def evaluate(seeds: Path) -> dict[str, float]:
    true_positive = found = truth = 0
    for name, cuts in TRUE_CUTS.items():
        joined, flagged = joined_lines(seeds / name)
        true_positive += len(joined & cuts)
        found += len(joined)
        truth += len(cuts)
        for line in sorted(joined - cuts):
            print(f"  false join  {name}:{line}")
        for line in sorted(cuts - joined):
            print(f"  missed cut  {name}:{line}{' (flagged)' if line in flagged else ''}")
    return {
        "precision": true_positive / found if found else 1.0,
        "recall": true_positive / truth,
        "joined": found,
        "true_cuts": truth,
    }


if __name__ == "__main__":
    seeds = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parents[1] / ".." / "shared" / "seeds")
    scores = evaluate(seeds)
    print(f"page-break: precision {scores['precision']:.3f}, recall {scores['recall']:.3f} "
          f"({scores['joined']} joined, {scores['true_cuts']} true cuts)")
