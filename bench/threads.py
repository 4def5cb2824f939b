"""Does ``cutter.core.process_batch`` scale on threads? The same batches of generated pages on a
ThreadPoolExecutor of 1 and of 2 threads, and on a process pool of 2 for comparison, in one run.

    python bench/threads.py [--megabytes 10] [--batch 16] [--repeat 2]

The pages are bench/bench.py's typical corpus (clean pieces with the seeds' density of artifacts,
one page in five traditional), built in memory and cut into batches of ``--batch`` documents, as a
``map_batches`` engine (Ray Data, Dask) would hand them over. The compiled core releases the GIL
while it scans, so two threads overlap only in the core's share of the work; the rest (the
splitter's header parsing, the rules' per-hit Python, the records) holds the GIL. From the 2-thread
speed-up ``s`` the run prints the share of the time that ran in parallel, ``p = 2 (1 - 1/s)``
(Amdahl's law for two workers). Then, in a fresh process with every call into ``cutter._core``
timed, the share of one thread's time spent inside the core, and the most that two threads could
gain from it, ``1 / (1 - share / 2)``: a bound that does not depend on how loaded the machine is
(it counts the calls' argument conversion too, which holds the GIL, so it is a little high). Every pool is started and warmed up (patterns compiled, OpenCC
built) before its clock runs; the legs take turns within each repeat, the fastest is kept, and
every leg's rows are checked to be the same. The machine is shared and noisy: read the ratios.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench  # noqa: E402

from cutter.config import Config  # noqa: E402
from cutter.core import process_batch  # noqa: E402

CONFIG = Config(format="jsonl")
WARM_UP = {"id": ["warm-up"], "text": ["读书心得(2篇)\n读书心得篇一\n讀書是一件需要耐心的事情。\n读书心得篇二\n每天读半小时书。\n"]}


def batches(megabytes: float, size: int) -> tuple[list[dict[str, list[Any]]], int]:
    """The typical pages, ``size`` to a batch, and their total bytes."""
    rng = random.Random(20261201)
    bodies = bench.pieces_from_samples(clean=True)
    pages: list[str] = []
    total = 0
    while total < megabytes * 1_000_000:
        pages.append(bench.compilation(rng, bodies, rng.randint(4_000, 24_000), bench.TYPICAL_INJECT))
        total += len(pages[-1].encode("utf-8"))
    cut = [pages[start : start + size] for start in range(0, len(pages), size)]
    first = 0
    made = []
    for group in cut:
        made.append({"id": list(range(first, first + len(group))), "text": group})
        first += len(group)
    return made, total


def clean(batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
    return process_batch(batch, CONFIG)


def warm() -> None:
    clean(WARM_UP)


class _Timed:
    """An object of one of the core's classes, whose method calls add to ``_SPENT``."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        return _timed(value) if callable(value) else value


_SPENT = [0.0]


def _timed(function: Callable[..., Any]) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _SPENT[0] += time.perf_counter() - started

    return call


def _time_the_core() -> None:
    """In a fresh process, before anything is built: every call into ``cutter._core`` is timed."""
    from cutter import _core

    for name, value in list(vars(_core).items()):
        if name.startswith("_"):
            continue
        if isinstance(value, type):
            setattr(_core, name, lambda *args, _made=value, **kwargs: _Timed(_made(*args, **kwargs)))
        elif callable(value):
            setattr(_core, name, _timed(value))


def _core_seconds(work: list[dict[str, list[Any]]]) -> tuple[float, float]:
    warm()
    _SPENT[0] = 0.0
    started = time.perf_counter()
    for batch in work:
        clean(batch)
    return time.perf_counter() - started, _SPENT[0]


def core_share(work: list[dict[str, list[Any]]]) -> tuple[float, float]:
    """(seconds, of which in calls into the core) for the batches on one thread: a bound on
    what threads can gain that does not depend on the machine's load."""
    with ProcessPoolExecutor(1, mp_context=get_context("spawn"), initializer=_time_the_core) as pool:
        return pool.submit(_core_seconds, work).result()


def timed(pool: Executor, work: list[dict[str, list[Any]]]) -> tuple[float, list[dict[str, list[Any]]]]:
    started = time.perf_counter()
    rows = list(pool.map(clean, work))
    return time.perf_counter() - started, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--batch", type=int, default=16, help="documents per batch")
    parser.add_argument("--repeat", type=int, default=2)
    options = parser.parse_args()
    work, total = batches(options.megabytes, options.batch)
    print(f"{total / 1e6:.1f} MB, {sum(len(b['text']) for b in work)} pages in {len(work)} batches of {options.batch}; "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")  # fmt: skip

    def started(make: Callable[[], Executor], workers: int) -> Executor:
        pool = make()
        for future in [pool.submit(warm) for _ in range(workers * 2)]:
            future.result()
        return pool

    legs = {
        "1 thread": started(lambda: ThreadPoolExecutor(1), 1),
        "2 threads": started(lambda: ThreadPoolExecutor(2), 2),
        "2 processes": started(lambda: ProcessPoolExecutor(2, mp_context=get_context("spawn"), initializer=warm), 2),
    }
    warm()
    best = {name: float("inf") for name in legs}
    reference = None
    try:
        for round_ in range(options.repeat):
            order = list(legs) if round_ % 2 == 0 else list(reversed(legs))
            for name in order:
                seconds, rows = timed(legs[name], work)
                best[name] = min(best[name], seconds)
                reference = rows if reference is None else reference
                if rows != reference:
                    raise SystemExit(f"{name}: the rows differ from the other legs'")
                print(f"  round {round_ + 1}: {name:<11} {seconds:6.2f} s")
    finally:
        for pool in legs.values():
            pool.shutdown()
    one = best["1 thread"]
    print("\n| pool | seconds | MB/s | x 1 thread |\n|---|---|---|---|")
    for name, seconds in best.items():
        print(f"| {name} | {seconds:.2f} | {total / 1e6 / seconds:.1f} | {one / seconds:.2f} |")
    speedup = one / best["2 threads"]
    print(f"\nshare of the time that ran in parallel on 2 threads (Amdahl): {max(0.0, 2 * (1 - 1 / speedup)):.0%}")
    seconds, in_core = core_share(work)
    share = in_core / seconds
    print(f"calls into the compiled core: {in_core:.2f} of {seconds:.2f} s on one thread ({share:.0%}; the GIL is "
          f"released inside them), so 2 threads can run at most {1 / (1 - share / 2):.2f}x as fast")  # fmt: skip


if __name__ == "__main__":
    main()
