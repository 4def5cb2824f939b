"""Throughput and memory of `cutter split`, against a bare OpenCC t2s pass measured in the same run.

    python bench/bench.py [--megabytes 200] [--repeat 1] [--keep] [--against PYTHON]

Builds two corpora of compilation files from samples/ (pieces recombined under varied header
styles, counts and scripts, paragraphs regrouped to real-page lengths, so no file is another
repeated), each also as one JSONL dump:

* "dense": the samples' pieces as they are. The samples are written to show every artifact
  family, so this corpus carries about 8x the real seed files' edits per MB: a stress corpus;
* "typical": the same pieces as cutter cleans them, with one artifact put back into a share of
  the paragraphs, drawn with the weights of the seeds' own edits, so the corpus carries about
  the seeds' edits per MB (the run prints each corpus's edits per MB to check);

plus the real seed files repeated to the same size, when ../shared/seeds is there. For each it
measures a bare OpenCC t2s pass (read, convert, write: the baseline), cutter -j 1 and -j 2 over
the folder and -j 2 over the dump, end to end, and each run's peak memory (largest resident set
of any cutter process); then one OpenCC t2s call over the dense corpus in memory (how
research/peers.md measured its 177 MB/s, to scale the issue's 30 MB/s target to this machine),
and `cutter --version` wall time.

With ``--against PYTHON`` (the interpreter of another install, e.g. an older checkout's venv),
every cutter leg also runs that install's cutter over the very same files, the two taking turns
within each repeat, and a last table gives this cutter's time over the other's, leg by leg. The
corpora are always built by this install, so both read the same input.

Each install's cutter package is byte-compiled first, as ``pip install`` does (see compile_package).

The machine is shared and noisy: read the ratios, which are measured in one run.

No output is deleted before the end of the run: each leg's output (and each corpus, when done) is
moved into a trash folder, emptied last. On ext4, a file created within 30 s of many deletions
makes the kernel scan past every recently deleted inode (``recently_deleted`` in
``__ext4_new_inode``): a cutter leg that wrote its files right after the last leg's were deleted
ran up to 15 % slower (-j 2 up to 30 %), while the baseline writes into a new folder. The disk
holds every output until the end: about 1.5 times the corpus per leg and repeat (some 12 GB at
the default size with --repeat 3 --against).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import opencc

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
NUMERALS = "一二三四五六七八九十"
STYLES = ("{kw}篇{cn}", "{kw} 篇{n}", "{kw}{n}", "【篇{cn}】{kw}", "第{cn}篇：{kw}", "{kw}篇{n}")
TRADITIONAL_SHARE = 0.2
# The typical corpus: clean pieces with one artifact put back into this share of the paragraphs,
# drawn with the weights of the real seed files' edits (page breaks, then ASCII brackets, offers,
# watermark junk, ellipsis runs, English fragments, stray traditional characters), so that the
# corpus has about the seeds' edits per MB. The bench prints each corpus's edits per MB to check.
TYPICAL_INJECT = 0.13
ARTIFACTS = (
    ("\n\n", 21), ("(见下文)", 8), ("下面是小编为大家整理的范文，仅供参考。", 5), ("的.", 2), ("的'", 2),
    ("。。。。。。", 3), (" and ", 2), ("價", 1),
)  # fmt: skip


def pieces_from_samples(clean: bool = False) -> dict[str, list[str]]:
    """Every piece body of every sample, as cutter's own splitter finds them (with ``clean``, as
    cutter cleans them), with its sentences regrouped into paragraphs of 80–400 characters as on
    real pages."""
    sys.path.insert(0, str(ROOT))
    from cutter.core import process
    from cutter.decode import decode
    from cutter.model import Document
    from cutter.rules.script import document_script

    bodies: dict[str, list[str]] = {"simplified": [], "traditional": []}
    for sample in sorted(SAMPLES.glob("*.txt")):
        result = process(Document(sample.name, decode(sample.read_bytes()).text))
        script = document_script(result.layout.document.text)
        bodies[script] += [
            _regrouped(p.text if clean else p.piece.raw)
            for p in result.pieces
            if len(p.piece.raw.strip()) > 40 and not (clean and p.notes)  # clean: nothing left to warn about
        ]
    return bodies


def _regrouped(body: str) -> str:
    paragraphs, current = [], ""
    for line in (line.strip() for line in body.split("\n")):
        if not line:
            continue
        current += line
        if len(current) >= 80 and current[-1] in "。！？”":
            paragraphs.append(current)
            current = ""
    return "\n".join(paragraphs + ([current] if current else []))


def compilation(rng: random.Random, scripts: dict[str, list[str]], target_chars: int, inject: float = 0.0) -> str:
    """One page, simplified or (one time in five) traditional throughout, as on real sites."""
    bodies = scripts["traditional" if rng.random() < TRADITIONAL_SHARE else "simplified"]
    keyword = rng.choice(("读书心得", "工匠精神演讲稿", "环保倡议书", "我的老师作文", "春节见闻", "学习体会"))
    count = rng.randint(3, 9)
    style = rng.choice(STYLES)
    lines = [f"{keyword}(精选{count}篇)", "", f"以下是小编为大家整理的{keyword}，仅供参考。", ""]
    per_piece = max(200, target_chars // count)
    for number in range(1, count + 1):
        lines += [style.format(kw=keyword, cn=NUMERALS[number - 1], n=number), ""]
        written = 0
        while written < per_piece:
            paragraphs = rng.choice(bodies).split("\n")
            rng.shuffle(paragraphs)
            for paragraph in paragraphs:
                if paragraph.strip():
                    if rng.random() < inject:
                        paragraph = _with_artifact(rng, paragraph)
                    lines += [paragraph, ""]
                    written += len(paragraph)
    return "\n".join(lines)


def _with_artifact(rng: random.Random, paragraph: str) -> str:
    """``paragraph`` with one artifact: a sentence of site text at its end, anything else
    after a Han character inside it."""
    artifact = rng.choices([a for a, _ in ARTIFACTS], [w for _, w in ARTIFACTS])[0]
    if artifact.endswith("。"):
        return paragraph + artifact
    cuts = [i for i in range(1, len(paragraph) - 1) if "\u4e00" <= paragraph[i - 1] <= "\u9fff"]
    cut = rng.choice(cuts) if cuts else len(paragraph)
    return paragraph[:cut] + artifact + paragraph[cut:]


def build_from_seeds(folder: Path, megabytes: int) -> int:
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if not seeds:
        return 0
    folder.mkdir(parents=True)
    total = number = 0
    while total < megabytes * 1_000_000:
        data = seeds[number % len(seeds)].read_bytes()
        sub = folder / f"{number % 50:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{number:06d}.txt").write_bytes(data)
        total += len(data)
        number += 1
    return total


def build(folder: Path, megabytes: int, typical: bool = False) -> tuple[int, Path]:
    """The dense corpus (the samples' pieces as they are) or, with ``typical``, the clean pieces
    with artifacts put back at about the seeds' density; and the same pages as a JSONL dump."""
    rng = random.Random(20261120)
    bodies = pieces_from_samples(clean=typical)
    inject = TYPICAL_INJECT if typical else 0.0
    folder.mkdir(parents=True)
    dump = folder.parent / f"{folder.name}.jsonl"
    total = number = 0
    with dump.open("w", encoding="utf-8") as rows:
        while total < megabytes * 1_000_000:
            text = compilation(rng, bodies, rng.randint(4_000, 24_000), inject)
            data = text.encode("utf-8")
            sub = folder / f"{number % 50:02d}"
            sub.mkdir(exist_ok=True)
            (sub / f"{number:06d}.txt").write_bytes(data)
            rows.write(json.dumps({"id": number, "text": text}, ensure_ascii=False) + "\n")
            total += len(data)
            number += 1
    return total, dump


def baseline(folder: Path, out: Path) -> float:
    converter = opencc.OpenCC("t2s")
    out.mkdir()
    started = time.perf_counter()
    for path in sorted(folder.rglob("*.txt")):
        (out / path.name).write_text(converter.convert(path.read_text(encoding="utf-8")), encoding="utf-8")
    return time.perf_counter() - started


def one_call(folder: Path) -> float:
    """OpenCC t2s over the whole corpus in memory, one call: how research/peers.md measured
    the 177 MB/s that the issue's 30 MB/s target is scaled against."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*.txt")))
    converter = opencc.OpenCC("t2s")
    started = time.perf_counter()
    converter.convert(text)
    return time.perf_counter() - started


# The target, 30 MB/s per worker, stated where a bare OpenCC t2s call ran at 177 MB/s.
TARGET_MBS, PEERS_ONE_CALL_MBS = 30.0, 177.0


# Runs one command and prints the largest resident set (KiB) of it and its worker processes:
# a fresh wrapper per run, because RUSAGE_CHILDREN only ever grows within one process.
MEASURE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def timed(command: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], check=True, capture_output=True, text=True)
    return time.perf_counter() - started, int(done.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the corpus and outputs")
    parser.add_argument("--repeat", type=int, default=1, help="run each cutter leg this many times, keep the fastest")
    parser.add_argument("--against", metavar="PYTHON", help="also time the cutter of this interpreter, same files")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cutter-bench-"))
    # run every command from there: `python -m cutter` puts the working directory first on sys.path,
    # so from a checkout another interpreter would import the checkout's cutter, not its own
    os.chdir(work)
    cutter = [sys.executable, "-m", "cutter"]
    other = [options.against, "-m", "cutter"] if options.against else None
    for python in (sys.executable, options.against):
        if python:
            compile_package(python)
    against: dict[str, float] = {}

    trash = work / "trash"
    trash.mkdir()

    def discard(path: Path) -> None:
        """Out of the way, deleted only at the end (see the module's docstring)."""
        if path.exists():
            path.rename(trash / f"{len(list(trash.iterdir()))}-{path.name}")

    def split(corpus: Path, out: str, jobs: int, report: bool = False) -> tuple[float, int]:
        extra = ["--report", str(work / f"{out}.json")] if report else []
        runs: dict[str, list[tuple[float, int]]] = {"this": [], "other": []}
        for turn in range(options.repeat):  # the VM is noisy: the fastest run is the one least disturbed
            order = [("this", cutter), ("other", other)] if other else [("this", cutter)]
            for which, command in order if turn % 2 == 0 else order[::-1]:
                discard(work / out)
                runs[which].append(timed([*command, "split", str(corpus), "-o", str(work / out), "--format", "jsonl",
                                          "-q", "-j", str(jobs), *(extra if which == "this" else [])]))  # fmt: skip
        if other:
            against[out] = min(seconds for seconds, _ in runs["other"])
        return min(seconds for seconds, _ in runs["this"]), max(peak for _, peak in runs["this"]) // 1024

    try:
        results: dict[str, Any] = {}
        for name, typical in (("dense", False), ("typical", True)):
            corpus = work / name
            size, dump = build(corpus, options.megabytes, typical)
            results[f"{name}_mb"] = size / 1e6
            results[f"{name}_files"] = sum(1 for _ in corpus.rglob("*.txt"))
            results[f"{name}_baseline_s"] = baseline(corpus, work / f"{name}-baseline")
            if name == "dense":
                results["one_call_s"] = one_call(corpus)
            results[f"{name}_j1_s"], results[f"{name}_j1_peak_mb"] = split(corpus, f"{name}-j1", 1, report=True)
            results[f"{name}_j2_s"], results[f"{name}_j2_peak_mb"] = split(corpus, f"{name}-j2", 2)
            results[f"{name}_dump_s"], results[f"{name}_dump_peak_mb"] = split(dump, f"{name}-dump", 2)
            results[f"{name}_edits_per_mb"] = _edits_per_mb(work / f"{name}-j1.json")
            discard(corpus)
        seeds_size = build_from_seeds(work / "seeds", options.megabytes)
        if seeds_size:
            results["seeds_mb"] = seeds_size / 1e6
            results["seeds_baseline_s"] = baseline(work / "seeds", work / "seeds-baseline")
            results["seeds_j1_s"], results["seeds_j1_peak_mb"] = split(work / "seeds", "seeds-j1", 1, report=True)
            results["seeds_edits_per_mb"] = _edits_per_mb(work / "seeds-j1.json")
        results["version_s"] = _version_seconds(cutter)
        if other:
            against["version"] = _version_seconds(other)
        report(results)
        if other:
            report_against(results, against, options.against)
    finally:
        if options.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def compile_package(python: str) -> None:
    """Byte-compile the cutter package of ``python``'s install, as ``pip install`` does: an editable
    install under ``PYTHONDONTWRITEBYTECODE`` (set on the project's machines) would otherwise compile
    its modules from source in every process (about 45 ms each), which no installed copy does."""
    folder = subprocess.run(
        [python, "-c", "import cutter, os; print(os.path.dirname(cutter.__file__))"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    subprocess.run([python, "-m", "compileall", "-q", folder], check=True, stdout=subprocess.DEVNULL)


def _version_seconds(command: list[str]) -> float:
    """The fastest of three ``cutter --version`` runs (start-up time)."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([*command, "--version"], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return min(times)


def report_against(results: dict[str, Any], against: dict[str, float], python: str) -> None:
    """This cutter's time over the other's, leg by leg, on the same files in the same run."""
    print(f"\nagainst {python} (same files, turns alternating): this ÷ other, below 1 is faster")
    print(f"{'leg':28} {'this s':>8} {'other s':>8} {'ratio':>7}")
    legs = [(f"{name} {leg}", f"{name}_{key}_s", f"{name}-{key}") for name in ("dense", "typical", "seeds")
            for leg, key in (("-j 1", "j1"), ("-j 2", "j2"), ("-j 2 dump", "dump"))]  # fmt: skip
    legs.append(("cutter --version", "version_s", "version"))
    for label, key, out in legs:
        if key in results and out in against:
            print(f"{label:28} {results[key]:8.2f} {against[out]:8.2f} {results[key] / against[out]:7.2f}")
    print(json.dumps({"against": {k: round(v, 3) for k, v in against.items()}}))


def _edits_per_mb(report_file: Path) -> float:
    summary = json.loads(report_file.read_text(encoding="utf-8"))
    return sum(summary["edits"].values()) / (summary["bytes_in"] / 1e6)


def report(results: dict[str, Any]) -> None:
    one_call = results["dense_mb"] / results["one_call_s"]
    scaled = TARGET_MBS * one_call / PEERS_ONE_CALL_MBS
    print(
        f"opencc t2s one call in memory: {one_call:.1f} MB/s here (peers.md: {PEERS_ONE_CALL_MBS:.0f}), so the "
        f"target of {TARGET_MBS:.0f} MB/s per worker scales to {scaled:.1f} MB/s on this run"
    )
    print(f"{'run':40} {'seconds':>8} {'MB/s':>8} {'x baseline':>11} {'x target':>9} {'peak MB':>8}")
    for name in ("dense", "typical", "seeds"):
        if f"{name}_mb" not in results:
            continue
        megabytes = results[f"{name}_mb"]
        base = megabytes / results[f"{name}_baseline_s"]
        files = f", {results[name + '_files']:,} files" if f"{name}_files" in results else ""
        print(f"-- {name} corpus: {megabytes:.1f} MB{files}, {results[name + '_edits_per_mb']:.0f} edits per MB")
        runs = [("opencc t2s bare pass (baseline)", f"{name}_baseline_s", None, 1)]
        runs += [(f"cutter -j {j}, folder", f"{name}_j{j}_s", f"{name}_j{j}_peak_mb", j) for j in (1, 2)]
        runs += [("cutter -j 2, JSONL dump", f"{name}_dump_s", f"{name}_dump_peak_mb", 2)]
        for label, seconds_key, peak_key, jobs in runs:
            if seconds_key not in results:
                continue
            speed = megabytes / results[seconds_key]
            per_worker = "" if peak_key is None else f"{speed / jobs / scaled:9.2f}"
            peak = f"{results[peak_key]:8.0f}" if peak_key else f"{'-':>8}"
            print(f"{label:40} {results[seconds_key]:8.1f} {speed:8.1f} {speed / base:11.3f} {per_worker:>9} {peak}")
        if f"{name}_j2_s" in results:
            print(f"{'-j 2 speed-up over -j 1':40} {results[f'{name}_j1_s'] / results[f'{name}_j2_s']:.2f}x")
    print("x target: MB/s per worker over the scaled target (1.00 or more meets it)")
    print(f"cutter --version: {results['version_s']:.2f} s")
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in results.items()}))


if __name__ == "__main__":
    main()
