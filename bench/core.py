"""The compiled core alone, in process: MB/s of each ported stage on the bench's typical pages,
against the Python it replaced (tests/test_core_diff.py's reference), measured in one run.

    python bench/core.py [--megabytes 20] [--repeat 3]

The pages are bench/bench.py's typical corpus (clean pieces with the seeds' density of artifacts,
one page in five traditional), built in memory. Each stage runs over every page, both ways,
interleaved, and the fastest of ``--repeat`` passes is kept (the machine is shared and noisy).
Then the whole pipeline (``cutter.core.process``) over the same pages, in process: the figure
issue 13's "core alone, in process" target reads.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench  # noqa: E402

from cutter import _core  # noqa: E402
from tests import test_core_diff as reference  # noqa: E402


def typical_pages(megabytes: float) -> list[str]:
    rng = random.Random(20261120)
    bodies = bench.pieces_from_samples(clean=True)
    pages, total = [], 0
    while total < megabytes * 1_000_000:
        page = bench.compilation(rng, bodies, rng.randint(4_000, 24_000), bench.TYPICAL_INJECT)
        pages.append(page)
        total += len(page.encode("utf-8"))
    return pages


def fastest(function: Callable, inputs: list, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for item in inputs:
            function(item)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    pages = typical_pages(options.megabytes)
    data = [page.encode("utf-8") for page in pages]
    traditional = [page for page in pages if reference.document_script(page) == "traditional"]
    megabytes = sum(map(len, data)) / 1e6
    stages = (
        ("rare-character scan", reference.rare_characters, _core.rare_characters, pages),
        ("document script", reference.document_script, _core.document_script, pages),
        ("header-candidate lines", reference.candidate_lines, _core.candidate_lines, pages),
        ("control-byte count", reference.control_bytes, _core.control_bytes, data),
        ("boilerplate trigger lines", reference.trigger_lines, reference.core_trigger_lines, pages),
        ("script fold (traditional pages)", reference.fold, reference.core_fold, traditional),
    )
    print(f"typical pages: {megabytes:.1f} MB in {len(pages)} pages, fastest of {options.repeat}\n")
    print("| stage | Python MB/s | core MB/s | core × Python |")
    print("|---|---|---|---|")
    totals = [0.0, 0.0]
    for name, python, core, inputs in stages:
        python_s = fastest(python, inputs, options.repeat)
        core_s = fastest(core, inputs, options.repeat)
        totals[0] += python_s
        totals[1] += core_s
        size = sum(len(item if isinstance(item, bytes) else item.encode("utf-8")) for item in inputs) / 1e6
        print(f"| {name} | {size / python_s:,.0f} | {size / core_s:,.0f} | {python_s / core_s:.1f} |")
    python_s, core_s = totals
    print(f"| all, one after another | {megabytes / python_s:,.0f} | {megabytes / core_s:,.0f} | {python_s / core_s:.1f} |")
    seconds = pipeline(pages, options.repeat)
    print(f"\npipeline (cutter.core.process), same pages, in process: {megabytes / seconds:.1f} MB/s")


def pipeline(pages: list[str], repeat: int) -> float:
    """Seconds of the fastest pass of ``process`` over ``pages``, after one warm-up pass. (The
    Python references can no longer stand in for the core inside it: the pipeline hands the core
    its own objects, a document's or a piece's text held once, which they cannot read.)"""
    from cutter.core import process
    from cutter.model import Document

    documents = [Document(f"{number}.txt", page, utf8=page.encode("utf-8")) for number, page in enumerate(pages)]
    best = float("inf")
    for round_ in range(repeat + 1):
        started = time.perf_counter()
        for document in documents:
            process(document)
        if round_ > 0:  # the first round builds the tables and loads pypinyin
            best = min(best, time.perf_counter() - started)
    return best

if __name__ == "__main__":
    main()
