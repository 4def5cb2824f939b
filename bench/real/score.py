"""Score cutter on real pages against a hand-made truth file.

    python bench/real/score.py PAGES_DIR TRUTH.json [--json OUT.json] [--quiet]

PAGES_DIR holds NNN.txt pages (kept outside the repo: page text is never committed);
TRUTH.json maps NNN to {"title", "declared", "pieces": [{"header", "first"}],
"intro_chrome": [...], "boilerplate": [...]}. Each page is split with ``python -m
cutter split --format jsonl`` (the checkout's cutter), and scored on:

* pieces right: a truth piece counts when an output piece has its header (or any
  header, when the truth has none) and its text starts with the piece's first words;
* title right: the collection and the declared count match the truth title line;
* intro/chrome left: truth snippets of the site intro and chrome found in a piece;
* boilerplate left: truth snippets of in-piece boilerplate found in a piece;
* content lost: first words of a truth piece found nowhere in the output;
* extra pieces: output pieces beyond the truth's count.

Text is compared after NFKC, traditional-to-simplified folding (OpenCC, when
installed) and removal of whitespace, so width and script changes do not count.
"""

from __future__ import annotations

import argparse
import functools
import json
import subprocess
import sys
import re
import unicodedata
from pathlib import Path

RUBY = re.compile(r"[(（][a-zü\u00e0-\u01dc\u0144\u0148\u01f9\u1e3f]{1,7}[)）]")
LEEWAY = 12  # first words may follow up to this many characters of a salutation or quote


@functools.cache
def _t2s():
    try:
        import opencc

        return opencc.OpenCC("t2s").convert
    except Exception:  # OpenCC missing: compare as is
        return lambda text: text


def norm(text: str | None) -> str:
    if not text:
        return ""
    text = RUBY.sub("", unicodedata.normalize("NFC", text))  # pinyin ruby is the cleaner's business
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf")
    return _t2s()(text).rstrip(":：")


def run_cutter(page: Path) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "cutter", "split", "--format", "jsonl", "--no-edits", str(page)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def header_ok(truth: str | None, title: str) -> bool:
    if truth is None:
        return True
    want, got = norm(truth).lstrip("★#"), norm(title).lstrip("★#")
    return bool(got) and (want == got or (len(got) >= 4 and (got in want or want in got)))


def title_ok(truth: dict, records: list[dict]) -> bool:
    collection = norm(records[0].get("collection")) if records else ""
    declared = records[0].get("declared") if records else None
    if truth["title"] is None:
        headers = [norm(p["header"]) for p in truth["pieces"] if p["header"]]
        return not collection or any(collection in h or h in collection for h in headers)
    want = norm(truth["title"])
    return bool(collection) and collection in want and 2 * len(collection) >= len(want) // 2 and (
        declared == truth["declared"]
    )


def score_page(truth: dict, records: list[dict]) -> dict:
    texts = [norm(r.get("text")) for r in records]
    everything = "".join(norm(r.get("title")) + t for r, t in zip(records, texts))
    right = 0
    for piece in truth["pieces"]:
        first = norm(piece["first"])
        if any(
            header_ok(piece["header"], r.get("title", "")) and first in t[: len(first) + LEEWAY]
            for r, t in zip(records, texts)
        ):
            right += 1
    joined = "\n".join(texts)
    return {
        "pieces": len(truth["pieces"]),
        "right": right,
        "title": title_ok(truth, records),
        "intro_left": sum(norm(s) in joined for s in truth["intro_chrome"]),
        "intro_total": len(truth["intro_chrome"]),
        "boiler_left": sum(norm(s) in joined for s in truth["boilerplate"]),
        "boiler_total": len(truth["boilerplate"]),
        "lost": sum(norm(p["first"]) not in everything for p in truth["pieces"]),
        "extra": max(0, len(records) - len(truth["pieces"])),
        "out": len(records),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=Path)
    parser.add_argument("truth", type=Path)
    parser.add_argument("--json", type=Path, help="also write the per-page scores here")
    parser.add_argument("--quiet", action="store_true", help="print the totals only")
    args = parser.parse_args(argv)
    try:
        truth = json.loads(args.truth.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"score: cannot read {args.truth}: {error}", file=sys.stderr)
        return 2
    rows = {}
    for key in sorted(truth):
        page = args.pages / f"{key}.txt"
        if not page.exists():
            print(f"score: {page} missing, skipped", file=sys.stderr)
            continue
        rows[key] = score_page(truth[key], run_cutter(page))
    if not args.quiet:
        print("page  pieces right title intro_left boiler_left lost extra out")
        for key, row in rows.items():
            print(
                f"{key}   {row['pieces']:>5} {row['right']:>5} {'yes' if row['title'] else 'no':>5}"
                f" {row['intro_left']:>4}/{row['intro_total']:<5} {row['boiler_left']:>4}/{row['boiler_total']:<5}"
                f" {row['lost']:>4} {row['extra']:>5} {row['out']:>3}"
            )
    total = {k: sum(r[k] for r in rows.values()) for k in next(iter(rows.values())) if k != "title"}
    titles = sum(r["title"] for r in rows.values())
    print(
        f"TOTAL {len(rows)} pages: pieces right {total['right']}/{total['pieces']}"
        f" ({100 * total['right'] / max(1, total['pieces']):.0f}%), titles right {titles}/{len(rows)},"
        f" intro/chrome left {total['intro_left']}/{total['intro_total']},"
        f" boilerplate left {total['boiler_left']}/{total['boiler_total']},"
        f" content lost {total['lost']}, extra pieces {total['extra']}"
    )
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
