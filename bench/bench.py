"""Throughput and memory of `cutter split`, against a bare OpenCC t2s pass measured in the same run.

    python bench/bench.py [--megabytes 200] [--keep]

Builds a corpus of compilation files from samples/ (pieces recombined under varied
header styles, counts and artifacts, so it is not one file repeated), plus the same
documents as one JSONL dump, then measures:

* baseline: read, OpenCC t2s, write, in one process (what `research/peers.md` calls a bare pass);
* the same two for the real seed files repeated to the same size, when ../shared/seeds is there
  (the samples are artifact-dense on purpose, about 9x the seeds' edits per MB);
* cutter -j 1 and -j 2 over the folder, and -j 2 over the JSONL dump, end to end;
* peak memory (largest resident set of any cutter process);
* `cutter --version` wall time.

The machine is shared and noisy: read the ratios, which are measured in one run.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
NUMERALS = "一二三四五六七八九十"
STYLES = ("{kw}篇{cn}", "{kw} 篇{n}", "{kw}{n}", "【篇{cn}】{kw}", "第{cn}篇：{kw}", "{kw}篇{n}")
TRADITIONAL_SHARE = 0.2
# Extra artifacts injected per paragraph. The samples already carry every artifact family densely
# (about 9x the edits per MB of the real seed files), so the corpus is a stress corpus as it is.
INJECT = 0.0
ARTIFACTS = ("。。。。。。", "的.", " and ", "價", "\n\n", "的'", "……此处隐藏120个字……", "&nbsp;")


def pieces_from_samples() -> dict[str, list[str]]:
    """Every piece body of every sample, as cutter's own splitter finds them, with its
    sentences regrouped into paragraphs of 80–400 characters as on real pages."""
    sys.path.insert(0, str(ROOT))
    from cutter.core import process
    from cutter.decode import decode
    from cutter.model import Document
    from cutter.rules.script import document_script

    bodies: dict[str, list[str]] = {"simplified": [], "traditional": []}
    for sample in sorted(SAMPLES.glob("*.txt")):
        result = process(Document(sample.name, decode(sample.read_bytes()).text))
        script = document_script(result.layout.document.text)
        bodies[script] += [_regrouped(p.piece.raw) for p in result.pieces if len(p.piece.raw.strip()) > 40]
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


def compilation(rng: random.Random, scripts: dict[str, list[str]], target_chars: int) -> str:
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
                    if rng.random() < INJECT:
                        cut = rng.randrange(len(paragraph))
                        paragraph = paragraph[:cut] + rng.choice(ARTIFACTS) + paragraph[cut:]
                    lines += [paragraph, ""]
                    written += len(paragraph)
    return "\n".join(lines)


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


def build(folder: Path, megabytes: int) -> tuple[int, Path]:
    rng = random.Random(20261120)
    bodies = pieces_from_samples()
    folder.mkdir(parents=True)
    dump = folder.parent / "dump.jsonl"
    total = number = 0
    with dump.open("w", encoding="utf-8") as rows:
        while total < megabytes * 1_000_000:
            text = compilation(rng, bodies, rng.randint(4_000, 24_000))
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
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cutter-bench-"))
    try:
        corpus = work / "corpus"
        size, dump = build(corpus, options.megabytes)
        megabytes = size / 1e6
        files = sum(1 for _ in corpus.rglob("*.txt"))
        cutter = [sys.executable, "-m", "cutter"]
        results = {"corpus_mb": round(megabytes, 1), "files": files}
        results["baseline_s"] = baseline(corpus, work / "baseline")
        results["one_call_s"] = one_call(corpus)
        for jobs in (1, 2):
            seconds, peak = timed([*cutter, "split", str(corpus), "-o", str(work / f"out{jobs}"), "--format",
                                   "jsonl", "-q", "-j", str(jobs)])  # fmt: skip
            results[f"j{jobs}_s"], results[f"j{jobs}_peak_mb"] = seconds, peak / 1024
        seconds, peak = timed([*cutter, "split", str(dump), "-o", str(work / "dump-out"), "--format", "jsonl", "-q",
                               "-j", "2"])  # fmt: skip
        results["dump_j2_s"], results["dump_j2_peak_mb"] = seconds, peak / 1024
        seeds_size = build_from_seeds(work / "seeds", options.megabytes)
        if seeds_size:
            results["seeds_mb"] = round(seeds_size / 1e6, 1)
            results["seeds_baseline_s"] = baseline(work / "seeds", work / "seeds-baseline")
            seconds, peak = timed([*cutter, "split", str(work / "seeds"), "-o", str(work / "seeds-out"), "--format",
                                   "jsonl", "-q", "-j", "1"])  # fmt: skip
            results["seeds_j1_s"], results["seeds_j1_peak_mb"] = seconds, peak / 1024
        started = time.perf_counter()
        subprocess.run([*cutter, "--version"], check=True, stdout=subprocess.DEVNULL)
        results["version_s"] = time.perf_counter() - started
        report(results, megabytes)
    finally:
        if options.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def report(results: dict[str, float], megabytes: float) -> None:
    base = megabytes / results["baseline_s"]
    rows = [
        ("opencc t2s bare pass (baseline)", results["baseline_s"], None),
        ("cutter -j 1, folder", results["j1_s"], results["j1_peak_mb"]),
        ("cutter -j 2, folder", results["j2_s"], results["j2_peak_mb"]),
        ("cutter -j 2, JSONL dump", results["dump_j2_s"], results["dump_j2_peak_mb"]),
    ]
    print(f"corpus: {results['corpus_mb']} MB in {results['files']} files")
    print(f"{'run':34} {'seconds':>8} {'MB/s':>8} {'x baseline':>11} {'peak MB':>8}")
    for name, seconds, peak in rows:
        speed = megabytes / seconds
        print(f"{name:34} {seconds:8.1f} {speed:8.1f} {speed / base:11.3f} {peak or 0:8.0f}")
    if "seeds_mb" in results:
        seeds_base = results["seeds_mb"] / results["seeds_baseline_s"]
        for name, seconds in (("seeds: opencc t2s bare pass", results["seeds_baseline_s"]),
                              ("seeds: cutter -j 1, folder", results["seeds_j1_s"])):  # fmt: skip
            speed = results["seeds_mb"] / seconds
            print(f"{name:34} {seconds:8.1f} {speed:8.1f} {speed / seeds_base:11.3f}")
    print(f"-j 2 speed-up over -j 1: {results['j1_s'] / results['j2_s']:.2f}x")
    one_call = megabytes / results["one_call_s"]
    scaled = TARGET_MBS * one_call / PEERS_ONE_CALL_MBS
    print(
        f"opencc t2s one call in memory: {one_call:.1f} MB/s here (peers.md: {PEERS_ONE_CALL_MBS:.0f}); the target "
        f"{TARGET_MBS:.0f} MB/s per worker scales to {scaled:.1f} MB/s on this run; -j 1 did {megabytes / results['j1_s']:.1f}"
    )
    print(f"cutter --version: {results['version_s']:.2f} s")
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in results.items()}))


if __name__ == "__main__":
    main()
