"""The compiled core alone, in process: MB/s of each ported stage on the bench's typical pages,
against the Python it replaced (tests/test_core_diff.py's reference), measured in one run.

    python bench/core.py [--megabytes 20] [--repeat 3]

The pages are bench/bench.py's typical corpus (clean pieces with the seeds' density of artifacts,
one page in five traditional), built in memory. Each stage runs over every page, both ways,
interleaved, and the fastest of ``--repeat`` passes is kept (the machine is shared and noisy).
Then the whole pipeline (``cutter.core.process``) over the same pages, with the core and with the
Python reference put in its place, passes interleaved: the in-process end-to-end change, for
every ported stage and for this round's boilerplate scans alone.
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
    for which, patches in (("every stage", all_patches(stages)), ("the boilerplate scans only", boilerplate_patches())):
        with_python, with_core = pipeline(pages, patches, options.repeat)
        print(f"\npipeline (cutter.core.process), same pages, {which} in Python or in the core: "
              f"{megabytes / with_python:.1f} MB/s with Python, {megabytes / with_core:.1f} MB/s with the core: "
              f"{with_python / with_core:.3f}×")  # fmt: skip


def boilerplate_patches() -> list[tuple[object, str, object]]:
    """The boilerplate rules' scans (trigger lines, script fold), each cached as it was."""
    from functools import lru_cache
    from types import SimpleNamespace

    from cutter.rules import boilerplate

    return [
        (boilerplate, "_trigger_lines", lru_cache(maxsize=4)(reference.trigger_lines)),
        (boilerplate, "_fold", lambda: SimpleNamespace(apply=reference.fold)),
    ]


def all_patches(stages: tuple) -> list[tuple[object, str, object]]:
    """(where, name, the Python reference in the core's place) for every ported stage."""
    return [
        (_core, core.__name__, python) for _, python, core, _ in stages if hasattr(_core, core.__name__)
    ] + boilerplate_patches()


def pipeline(pages: list[str], patches: list[tuple[object, str, object]], repeat: int) -> tuple[float, float]:
    """Seconds of the fastest pass of ``process`` over ``pages`` with ``patches`` applied (the
    Python references) and without (the core), passes interleaved after one warm-up of each."""
    from cutter.core import process
    from cutter.model import Document
    from cutter.rules import boilerplate
    from cutter.rules.base import rare_characters

    documents = [Document(f"{number}.txt", page) for number, page in enumerate(pages)]
    originals = [(where, name, getattr(where, name)) for where, name, _ in patches]
    best = {"python": float("inf"), "core": float("inf")}
    for round_ in range(repeat + 1):
        for way in ("python", "core") if round_ % 2 == 0 else ("core", "python"):
            for where, name, value in patches if way == "python" else originals:
                setattr(where, name, value)
            rare_characters.cache_clear()
            boilerplate.fold_script.cache_clear()
            boilerplate._trigger_lines.cache_clear()
            started = time.perf_counter()
            for document in documents:
                process(document)
            if round_ > 0:  # the first round builds the tables and loads pypinyin
                best[way] = min(best[way], time.perf_counter() - started)
    for where, name, value in originals:
        setattr(where, name, value)
    return best["python"], best["core"]


if __name__ == "__main__":
    main()
