"""Time spent per rule and per pipeline stage on the seeds (or given files). Profile before optimizing:

    python bench/rules.py [FILE...]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from cutter.decode import decode
from cutter.model import Document
from cutter.rules import RULES, Context
from cutter.rules.base import rare_characters
from cutter.split import split

REPEAT = 20


def main(paths: list[Path]) -> None:
    texts = [decode(p.read_bytes()).text for p in paths] * (REPEAT + 1)
    megabytes = sum(len(t.encode("utf-8")) for t in texts[len(paths) :]) / 1e6
    spent: Counter[str] = Counter()
    for number, text in enumerate(texts):
        if number == len(paths):  # the first round only warms up: tables and automata built once per process
            spent.clear()
        document = Document("-", text)
        started = time.perf_counter()
        layout = split(document)
        spent["(split)"] += time.perf_counter() - started
        started = time.perf_counter()
        context = Context.of(document, titles=(layout.collection,))
        spent["(context)"] += time.perf_counter() - started
        for piece in layout.pieces:
            started = time.perf_counter()
            rare_characters(piece.raw)
            spent["(rare scan)"] += time.perf_counter() - started
            for rule in RULES:
                started = time.perf_counter()
                if rule.may_act(piece.raw):
                    list(rule.find(piece.raw, context))
                spent[rule.name] += time.perf_counter() - started
    total = sum(spent.values())
    print(f"{megabytes:.1f} MB, {total:.2f} s in all: {megabytes / total:.1f} MB/s")
    for name, seconds in spent.most_common():
        print(f"  {name:16} {seconds:6.3f} s  {megabytes / seconds:8.1f} MB/s  {100 * seconds / total:5.1f} %")


if __name__ == "__main__":
    given = [Path(p) for p in sys.argv[1:]]
    main(given or sorted((Path(__file__).parents[1] / ".." / "shared" / "seeds").glob("*.txt")))
