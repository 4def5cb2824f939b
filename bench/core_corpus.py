"""Varied pages for the compiled core's differential test and benchmark.

``pages(megabytes, seed)`` yields texts: the bench's compilations (bench/bench.py: dense and
typical, simplified and traditional pages), each also in one of several mutated forms that
reach the corners the core must read as Python does: header-like lines of every shape, all
kinds of whitespace (Python's ``str.isspace`` includes U+001C–U+001F, which Rust's
``char::is_whitespace`` does not), glued numbers around the 64th character, numerals of every
form, characters from every class the core's tables hold, supplementary-plane characters,
lone surrogates, CR and control characters.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

NUMERALS = "0123456789０１２３４５６７８９零〇○一壹二两兩贰貳三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰"
SPACES = " \t\u3000\u00a0\u2002\u200b\u200d\ufeff\x1c\x1d\x1e\x1f\x85\u2028\x0b\x0c\r"
MARKS = "【】[]()（）〔〕#＃★☆●◆■*＊“”\"'篇第：:，,。！？!?；;、…—"
ODD = "\ud800\udfff\U00020000\U0001f600\x00\x07\x7f\ufffd\u0301āǚ價與體锦"
KEYWORDS = ("读书心得", "工匠精神演讲稿", "倡议书", "范文", "作文", "心得体会", "篇", "第")


@cache
def _bodies(clean: bool) -> dict[str, list[str]]:
    import bench

    return bench.pieces_from_samples(clean=clean)


def pages(megabytes: float, seed: int = 13) -> Iterator[str]:
    """Pages until their UTF-8 size reaches ``megabytes``."""
    import bench

    rng = random.Random(seed)
    total = 0
    while total < megabytes * 1_000_000:
        typical = rng.random() < 0.5
        text = bench.compilation(
            rng, _bodies(typical), rng.randint(2_000, 24_000), bench.TYPICAL_INJECT if typical else 0.0
        )
        if rng.random() < 0.5:
            text = mutated(rng, text)
        total += len(text.encode("utf-8", "surrogatepass"))
        yield text


def mutated(rng: random.Random, text: str) -> str:
    """``text`` with some of its lines replaced or joined by odd ones."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, max(2, len(lines) // 4))):
        at = rng.randrange(len(lines))
        lines[at] = odd_line(rng, lines[at])
    return "\n".join(lines)


def odd_line(rng: random.Random, line: str) -> str:
    kind = rng.randrange(6)
    if kind == 0:  # a header of some shape
        parts = [rng.choice(KEYWORDS), rng.choice(["", " ", rng.choice(SPACES)]), rng.choice(MARKS)]
        parts += ["".join(rng.choices(NUMERALS, k=rng.randint(1, 3))), rng.choice(MARKS + SPACES), rng.choice(["", "：标题", ":", "春天"])]
        rng.shuffle(parts) if rng.random() < 0.3 else None
        return rng.choice(SPACES + "  ") * rng.randint(0, 2) + "".join(parts) + rng.choice(SPACES) * rng.randint(0, 2)
    if kind == 1:  # a digit near the glued-header limit
        cut = rng.randint(55, 70)
        return line[:cut] + rng.choice("17０９") + line[cut:]
    if kind == 2:  # odd characters sprinkled in
        chars = list(line)
        for _ in range(rng.randint(1, 6)):
            chars.insert(rng.randint(0, len(chars)), rng.choice(ODD + SPACES + MARKS))
        return "".join(chars)
    if kind == 3:  # a line of near the 90-character limit
        return rng.choice(KEYWORDS) * rng.randint(40, 48) + rng.choice(NUMERALS) + rng.choice(" )篇")
    if kind == 4:  # random characters from every class
        alphabet = NUMERALS + SPACES + MARKS + ODD + "甲乙丙的是价与为們個"
        return "".join(rng.choices(alphabet, k=rng.randint(0, 120)))
    return line + rng.choice(SPACES) + rng.choice(NUMERALS)
