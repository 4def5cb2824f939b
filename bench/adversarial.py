"""Linear time on every input (issue 10): every stage on single lines of one repeated shape.

    python bench/adversarial.py [--sizes 64,256,1024] [--shape NAME ...] [--stage NAME ...] [--repeat N]

For each shape and stage, the time per MB at each size (in KB of UTF-8) and the ratio of the
largest size's time per MB to the smallest's. A linear stage stays flat: the ratio is near 1,
and must stay within 2×. Each time is the best of ``--repeat`` runs (caches cleared before
each); a stage faster than ``FLOOR`` seconds per MB at the largest size is too fast to judge.
tests/test_linear.py runs this at small sizes and asserts the ratio, never the seconds.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from cutter import export
from cutter.core import process
from cutter.decode import decode
from cutter.model import Document
from cutter.rules import RULES, Context, boilerplate
from cutter.rules.base import rare_characters
from cutter.split import split

LIMIT = 2.0  # the largest ratio of time per MB between the largest and the smallest size
# A stage faster than this (seconds per MB at the largest size, 10 MB/s) is not judged: it is one or two
# scans in C, whose time per MB steps up 2-3x once the line outgrows the CPU cache, and a super-linear
# stage is far slower than this at 1 MB.
FLOOR = 0.1


@dataclass(frozen=True)
class Shape:
    """One line: ``head`` once, ``unit`` repeated to the size, then ``tail`` once."""

    name: str
    unit: str
    head: str = ""
    tail: str = ""

    def line(self, size: int) -> str:
        unit_bytes = len(self.unit.encode("utf-8"))
        count = max(1, (size - len((self.head + self.tail).encode("utf-8"))) // unit_bytes)
        return self.head + self.unit * count + self.tail


SHAPES: tuple[Shape, ...] = (
    # measured super-linear in issue 10
    Shape("字&amp;<b>字", "字&amp;<b>字"),
    Shape("&amp;", "&amp;"),
    Shape("&nbsp;", "&nbsp;"),
    Shape("&lt;p&gt;", "&lt;p&gt;"),
    Shape("<p>", "<p>"),
    Shape("x0d", "x0d"),
    Shape("<strong>字</strong>", "<strong>字</strong>"),
    Shape("1", "1"),
    Shape("汇总", "汇总"),
    Shape("字 ", "字 "),
    Shape("以下", "以下"),
    Shape("此处隐藏1个字", "此处隐藏1个字"),
    Shape("long title", "工匠精神心得体会"),
    # named in the issue
    Shape("。", "。"),
    Shape(".", "."),
    Shape("的.", "的."),
    Shape("(", "("),
    Shape(" and ", "字 and "),
    Shape("篇一", "篇一"),
    Shape("digits", "0123456789"),
    Shape("spaces", " "),
    Shape("xx", "xx"),
    # more of the same kind
    Shape("(1篇) then 汇总", "汇总", head="作文(1篇)"),
    Shape("汇总 then 9篇x", "汇总 ", tail="9篇x"),
    Shape("，以下", "，以下是小编"),
    Shape("&", "&"),
    Shape("<", "<"),
    Shape("<p a=", "<p a="),
    # an entity reaches the raw bracket of a tag it may open or close (markup._widen)
    Shape("&lt;b>", "&lt;b>"),
    Shape("&lt;div ", "&lt;div "),
    Shape("<b a&gt;", "<b a&gt;"),
    Shape("&lt;b⏎>", "&lt;b\n>"),
    Shape("\\u200b字", "\u200b字"),
    Shape("\\u3000", "\u3000"),
    Shape("寫(xiě)", "寫(xiě)"),
    Shape("？？", "？"),
    Shape("1、", "1、"),
    Shape("篇", "篇"),
    Shape("【", "【"),
    Shape("——", "——"),
    # lines, not one line: a whole piece of them
    Shape("caption lines", "校园一角 第1张\n"),
    Shape("offer lines", "心得体会是我们的感受。以下是小编为大家收集的心得体会范文，仅供参考。\n\n"),
)


def _clear_caches() -> None:
    rare_characters.cache_clear()
    boilerplate._trigger_lines.cache_clear()
    boilerplate.fold_script.cache_clear()
    boilerplate._line_findings.cache_clear()


Stage = Callable[[str], Callable[[], object]]  # a line → the work to time on it


def _rule_stage(rule) -> Stage:  # type: ignore[no-untyped-def]
    def prepare(line: str) -> Callable[[], object]:
        context = Context.of(Document("-", line))
        return lambda: list(rule.find(line, context))

    return prepare


def _split(line: str) -> Callable[[], object]:
    document = Document("-", line)
    return lambda: split(document)


def _decode(line: str) -> Callable[[], object]:
    data = line.encode("utf-8")
    return lambda: decode(data)


def _context(line: str) -> Callable[[], object]:
    document = Document("-", line)
    layout = split(document)
    return lambda: Context.of(document, titles=(line, layout.collection))


def _export(line: str) -> Callable[[], object]:
    result = process(Document("-", line))
    return lambda: (export.text_document(result), export.jsonl(result.records()), export.piece_files(result))


def _safe_name(line: str) -> Callable[[], object]:
    return lambda: export.safe_name(line)


def _trigger_lines(line: str) -> Callable[[], object]:
    return lambda: boilerplate._trigger_lines(line)


def _process(line: str) -> Callable[[], object]:
    document = Document("-", line)
    return lambda: process(document)


STAGES: dict[str, Stage] = {
    "decode": _decode,
    "split": _split,
    "context": _context,
    **{rule.name: _rule_stage(rule) for rule in RULES},
    "trigger-lines": _trigger_lines,  # the one scan every boilerplate rule starts from
    "export": _export,
    "safe-name": _safe_name,
    "pipeline": _process,
}


def seconds(work: Callable[[], object], repeat: int) -> float:
    """The best of ``repeat`` runs, caches cleared before each."""
    best = float("inf")
    for _ in range(repeat):
        _clear_caches()
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


@dataclass(frozen=True)
class Row:
    shape: str
    stage: str
    sizes: tuple[int, ...]  # KB
    per_mb: tuple[float, ...]  # seconds per MB at each size
    largest: float  # seconds at the largest size

    @property
    def ratio(self) -> float:
        return self.per_mb[-1] / self.per_mb[0] if self.per_mb[0] > 0 else 1.0

    @property
    def judged(self) -> bool:
        return self.per_mb[-1] >= FLOOR

    @property
    def flat(self) -> bool:
        return not self.judged or self.ratio <= LIMIT


def measure(shape: Shape, stage: str, sizes_kb: tuple[int, ...], repeat: int) -> Row:
    per_mb, largest = [], 0.0
    for size in sizes_kb:
        line = shape.line(size * 1024)
        megabytes = len(line.encode("utf-8")) / 2**20
        spent = seconds(STAGES[stage](line), repeat)
        per_mb.append(spent / megabytes)
        largest = spent
    return Row(shape.name, stage, sizes_kb, tuple(per_mb), largest)


def rows(
    sizes_kb: tuple[int, ...], repeat: int, shapes: tuple[Shape, ...] = SHAPES, stages: tuple[str, ...] = tuple(STAGES)
) -> Iterator[Row]:
    for shape in shapes:
        for stage in stages:
            yield measure(shape, stage, sizes_kb, repeat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="64,256,1024", help="line sizes in KB, smallest first")
    parser.add_argument("--shape", action="append", help="only these shapes (by name)")
    parser.add_argument("--stage", action="append", choices=list(STAGES), help="only these stages")
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement; the best counts")
    parser.add_argument("--all", action="store_true", help="print every row, not only the slowest per shape")
    args = parser.parse_args(argv)
    sizes = tuple(int(s) for s in args.sizes.split(","))
    shapes = tuple(s for s in SHAPES if not args.shape or s.name in args.shape)
    stages = tuple(args.stage or STAGES)
    header = " ".join(f"{f'{size} KB s/MB':>13}" for size in sizes)
    print(f"{'shape':22} {'stage':14} {header} {'ratio':>7}")
    failed = 0
    for shape in shapes:
        measured = list(rows(sizes, args.repeat, (shape,), stages))
        shown = measured if args.all else sorted(measured, key=lambda r: -r.per_mb[-1])[:3]
        for row in shown:
            cells = " ".join(f"{value:13.4f}" for value in row.per_mb)
            mark = "" if row.flat else "  NOT FLAT"
            judged = f"{row.ratio:7.2f}" if row.judged else f"{'(fast)':>7}"
            print(f"{shape.name:22} {row.stage:14} {cells} {judged}{mark}", flush=True)
        failed += sum(not row.flat for row in measured)
        worst = max((r for r in measured if r.judged), key=lambda r: r.ratio, default=None)
        if worst is not None and not args.all:
            print(f"{'':22} {'(worst ratio)':14} {worst.stage} {worst.ratio:.2f}", flush=True)
    print(f"{failed} (shape, stage) pairs not flat within {LIMIT}×", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
