"""Peak memory on one huge page (issue 10): at most 200 MB plus about twice the document.

    python bench/memory.py [--megabytes 50] [--shape long|many ...] [--format jsonl|text ...]

Builds single compilation pages of about ``--megabytes`` MB from the pieces of ``samples/``
(artifacts and all, so the rules make their usual edits): **long**, 100 pieces of about
500 KB; **many**, 500 pieces (the most a page is split into) of about 100 KB; **one**, a
page without headers, so one piece of the whole size. Each is split with
``cutter split -j 1`` in a
fresh process, to a file (JSONL or the text layout), and the process's peak resident memory
is read from the operating system (``wait4``). The baseline, measured in the same run, is a
process that only reads and decodes the same page (``cutter.decode``); the bound is
``200 MB + 2 × the page``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHAPES = {"long": (100, 500_000), "many": (500, 100_000), "one": (1, 50_000_000)}  # 500: split.MAX_PIECE_NUMBER
BASELINE = "import sys; from pathlib import Path; from cutter.decode import decode; decode(Path(sys.argv[1]).read_bytes())"


def bodies() -> list[str]:
    """Every piece body of the samples, as cutter's splitter finds them."""
    from cutter.batch import Source, _read
    from cutter.split import split

    found = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        layout = split(_read(Source(str(path), path, path.stem, path.stat().st_size)))
        found += [piece.raw.strip("\n") for piece in layout.pieces if len(piece.raw) > 40]
    return found


def page(pieces: int, piece_bytes: int, parts: list[str]) -> str:
    """One compilation: a title declaring ``pieces``, an intro, then ``pieces`` headed pieces of
    about ``piece_bytes`` each, made of the sample bodies in turn."""
    out = [f"读书心得体会(精选{pieces}篇)\n\n以下是小编为大家收集的读书心得体会，仅供参考。\n"]
    position = 0
    for number in range(1, pieces + 1):
        out.append(f"\n读书心得体会篇{number}\n\n" if pieces > 1 else "\n")
        size = 0
        while size < piece_bytes:
            part = parts[position % len(parts)]
            position += 1
            out.append(part + "\n\n")
            size += len(part.encode("utf-8"))
    return "".join(out)


def peak_mb(command: list[str]) -> tuple[float, float]:
    """(peak resident MB, seconds) of one command run in a fresh process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    error = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench/memory.py: {' '.join(command)} failed: {error.strip()}")
    return usage.ru_maxrss / 1024, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50)
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES))
    parser.add_argument("--format", action="append", choices=["jsonl", "text"], dest="formats")
    args = parser.parse_args()
    cutter = [sys.executable, "-m", "cutter"]
    parts = bodies()
    print("| page | MB | format | seconds | peak MB | baseline peak MB (read + decode) | bound MB | within |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for shape in args.shape or sorted(SHAPES):
            pieces, piece_bytes = SHAPES[shape]
            scale = args.megabytes * 1e6 / (pieces * piece_bytes)
            source = Path(folder) / f"{shape}.txt"
            source.write_text(page(pieces, max(200, int(piece_bytes * scale)), parts), encoding="utf-8")
            megabytes = source.stat().st_size / 1e6
            baseline, _ = peak_mb([sys.executable, "-c", BASELINE, str(source)])
            bound = 200 + 2 * megabytes
            for fmt in args.formats or ["jsonl", "text"]:
                output = Path(folder) / ("out.jsonl" if fmt == "jsonl" else "out.txt")
                peak, seconds = peak_mb([*cutter, "split", str(source), "-j", "1", "-q", "--format", fmt, "-o", str(output)])
                print(f"| {shape} ({pieces:,} pieces) | {megabytes:.1f} | {fmt} | {seconds:.1f} | {peak:.0f} "
                      f"| {baseline:.0f} | {bound:.0f} | {'yes' if peak <= bound else 'NO'} |")  # fmt: skip
                output.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
