"""The differential test of the compiled core over 50 MB: every ported stage, core and Python
reference (tests/test_core_diff.py; the page-break and chunk-marker rules, every finding with its
start, end and message, against tests/paragraphs_reference.py), over generated pages (bench/core_corpus.py: the bench's
dense and typical pages, half of them mutated), plus the samples and seeds; prints the pages and
MB compared and any page whose outputs differ (none, or the exit status is 1).

    python bench/core_diff.py [--megabytes 50] [--seed 13]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import core_corpus  # noqa: E402

from cutter import _core  # noqa: E402
from tests import test_core_diff as reference  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, default=50)
    parser.add_argument("--seed", type=int, default=13)
    options = parser.parse_args()
    started = time.perf_counter()
    texts = [text for _, text in reference.sample_texts()]
    pages = compared = 0
    found = {"page-break fixes": 0, "page-break flags": 0, "chunk-marker fixes": 0, "chunk-marker flags": 0}
    failures: list[str] = []
    for number, text in enumerate([*texts, *core_corpus.pages(options.megabytes, options.seed)]):
        data = text.encode("utf-8", "surrogatepass")
        differing = reference.differences(text)
        if _core.control_bytes(data) != reference.control_bytes(data):
            differing.append("control_bytes")
        if differing:
            failures.append(f"page {number}: {', '.join(differing)}")
        for rule, findings in (("page-break", _core.page_breaks(text)), ("chunk-marker", _core.chunk_markers(text))):
            for _, _, message in findings:
                found[f"{rule} {'fixes' if message is None else 'flags'}"] += 1
        pages += 1
        compared += len(data)
    print(f"{pages} pages, {compared / 1e6:.1f} MB compared in {time.perf_counter() - started:.0f} s: "
          f"{len(failures)} differ")  # fmt: skip
    print("findings compared: " + ", ".join(f"{count:,} {name}" for name, count in found.items()))
    for failure in failures[:20]:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
