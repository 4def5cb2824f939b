"""Where the in-process time goes: each rule's and stage's share of ``process(document).records()``
on the bench's typical pages, then the MB/s of each core entry point over the same pages' pieces.

    python bench/hot.py [--megabytes 5] [--repeat 3]

CPU time (``time.process_time``), fastest of ``--repeat`` passes after one warm-up pass (tables
and automata are built once per process). Read the shares and the ratios: the machine is noisy.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from core import typical_pages  # noqa: E402

from cutter import _core  # noqa: E402
from cutter import normalize  # noqa: E402
from cutter.core import process  # noqa: E402
from cutter.model import Document  # noqa: E402


def shares(documents: list[Document], repeat: int) -> tuple[float, Counter[str]]:
    """The fastest pass's total, and each rule's (and the split's, and the records') time in it."""
    spent: Counter[str] = Counter()
    apply = normalize._Run.apply

    def timed_apply(run: normalize._Run, rule, given_back: bool = False) -> bool:  # type: ignore[no-untyped-def]
        started = time.process_time()
        try:
            return apply(run, rule, given_back)
        finally:
            spent[rule.name] += time.process_time() - started

    normalize._Run.apply = timed_apply  # type: ignore[method-assign]
    normalize._Run.stepwise = True  # each rule through apply (the core's loop would run them unseen)
    best, best_spent = float("inf"), Counter[str]()
    try:
        for round_ in range(repeat + 1):
            spent.clear()
            started = time.process_time()
            for document in documents:
                result = process(document)
                split_done = time.process_time()
                result.records()
                spent["(records)"] += time.process_time() - split_done
            total = time.process_time() - started
            if round_ > 0 and total < best:
                best, best_spent = total, Counter(spent)
    finally:
        normalize._Run.apply = apply  # type: ignore[method-assign]
        normalize._Run.stepwise = False
    best_spent["(split, context, run set-up)"] = best - sum(best_spent.values())
    return best, best_spent


def fastest(function: Callable[[str], object], inputs: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat + 1):
        started = time.process_time()
        for item in inputs:
            function(item)
        best = min(best, time.process_time() - started)
    return best


def entry_points() -> list[tuple[str, Callable[[str], object]]]:
    from cutter.rules import boilerplate, markup

    ruby, html, chrome = markup._ruby(), markup._html(), boilerplate._chrome_plain()
    points: list[tuple[str, Callable[[str], object]]] = [
        ("encode (str → UTF-8, for scale)", lambda text: text.encode("utf-8")),
        ("rare_characters", _core.rare_characters),
        ("document_script", _core.document_script),
        ("header_candidates", _core.header_candidates),
        ("Chrome.findings", chrome.findings),
        ("offers (offer trigger lines)", lambda text: _core.offers(text, None, boilerplate._trigger_lines(text).get("offer", []))),
        ("Ruby.findings", lambda text: ruby.findings(text, None, False)),
        ("Html.fixes", html.fixes),
        ("markup_clusters", _core.markup_clusters),
        ("ellipsis", _core.ellipsis),
        ("fullwidth", _core.fullwidth),
        ("page_breaks", _core.page_breaks),
        ("chunk_markers", _core.chunk_markers),
        ("whitespace", _core.whitespace),
        ("watermark", _core.watermark),
        ("english", _core.english),
        ("cjk_space", _core.cjk_space),
        ("placeholders", _core.placeholders),
        ("layout", _core.layout),
    ]
    if hasattr(_core, "annotated"):
        points.append(("annotated", _core.annotated))
    return points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    pages = typical_pages(options.megabytes)
    documents = [Document(f"{number}.txt", page) for number, page in enumerate(pages)]
    megabytes = sum(len(page.encode("utf-8")) for page in pages) / 1e6
    total, spent = shares(documents, options.repeat)
    print(f"typical pages: {megabytes:.1f} MB in {len(pages)} pages; process + records: {total:.3f} s, "
          f"{megabytes / total:.1f} MB/s (CPU time, fastest of {options.repeat})\n")  # fmt: skip
    print("| rule or stage | ms | share |")
    print("|---|---|---|")
    for name, seconds in spent.most_common():
        print(f"| {name} | {seconds * 1000:.1f} | {100 * seconds / total:.1f} % |")
    pieces = [piece.piece.raw for document in documents for piece in process(document).pieces]
    size = sum(len(piece.encode("utf-8")) for piece in pieces) / 1e6
    print(f"\neach core entry point over the {len(pieces)} raw pieces ({size:.1f} MB), as a rule's first round sees them:\n")
    print("| entry point | MB/s |")
    print("|---|---|")
    for name, function in entry_points():
        print(f"| {name} | {size / fastest(function, pieces, options.repeat):,.0f} |")


if __name__ == "__main__":
    main()
