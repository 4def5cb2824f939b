"""Write the core's character tables from their Python definitions.

    python crates/cutter-core/data/generate.py

Each table is a list of code-point ranges, one ``XXXX-YYYY`` (hex) a line:

* ``rare.txt``: what ``cutter.patterns.RARE`` matches (the rule gates' characters);
* ``traditional.txt`` / ``simplified.txt``: CEDICT's traditional-only / simplified-only
  characters (``patterns.TRADITIONAL_ONLY`` / ``SIMPLIFIED_ONLY``, from zhon);
* ``space.txt``: what Python's ``str.isspace`` and ``str.strip()`` treat as whitespace;
* ``han.txt`` / ``format.txt`` / ``pattern_space.txt``: what the ``regex`` module's
  ``\\p{Han}``, ``\\p{Cf}`` and ``\\s`` match (in ``patterns.HEADER_DEBRIS`` and the early
  ordinal of the core's ``lines.rs``: its Unicode version, and its whitespace, which is not
  ``str.isspace``'s);
* ``numeral.txt`` / ``tone.txt``: ``patterns.NUMERAL_SET`` and ``patterns.TONE_MARKS``;
* ``punct.txt``: what the ``regex`` module's ``\\p{P}`` matches (``patterns.ANY_PUNCT``, read by
  the core's ``paragraphs.rs``).
* ``letter.txt``: what the ``regex`` module's ``\\p{L}`` matches (``patterns.KEYWORD_HAS_WORD``, read
  by the core's ``headers.rs``).
* ``pictographic.txt`` / ``word.txt``: what the ``regex`` module's ``\\p{Extended_Pictographic}`` and
  ``\\w`` match (``patterns.INVISIBLE`` and ``patterns.PLACEHOLDER``, read by the core's
  ``spacing.rs`` and ``detect.rs``).
* ``opener.txt`` / ``continuer.txt``: ``patterns.UTF8_AS_GBK_OPENER`` (a character whose GBK
  bytes open a 3-byte UTF-8 sequence) and the characters whose GB18030 bytes begin with a UTF-8
  continuation byte (``rules/detect.py``'s ``_continues``): the mojibake rule's look in the core
  (``detect.rs``'s ``mojibake_hinted``).
* ``fold.txt``: the boilerplate rules' script fold (``rules/boilerplate.py``'s ``_fold_table``: what
  OpenCC's t2s writes as one other character, and the known variants), one ``FROM TO`` pair (hex) a
  line. Shipped so that no process derives it again (a t2s call over CEDICT, 25 ms of each worker's
  start), and the same for every OpenCC release.

The core includes them at compile time; tests/test_core_tables.py checks that they are
still what this script writes, so a change in zhon or in ``patterns.RARE`` cannot leave
the core behind silently.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))


def ranges(member: Callable[[str], bool]) -> Iterator[tuple[int, int]]:
    start = None
    for code in range(0x110001):
        inside = code <= 0x10FFFF and member(chr(code))
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            yield start, code - 1
            start = None


def tables() -> dict[str, str]:
    import regex

    from cutter import patterns as P

    han, cf, space, punct, letter, pictographic, word = (
        regex.compile(p).match
        for p in (r"\p{Han}", r"\p{Cf}", r"\s", r"\p{P}", r"\p{L}", r"\p{Extended_Pictographic}", r"\w")
    )

    members: dict[str, Callable[[str], bool]] = {
        "rare": lambda c: P.RARE.match(c) is not None,
        "traditional": P.TRADITIONAL_ONLY.__contains__,
        "simplified": P.SIMPLIFIED_ONLY.__contains__,
        "space": str.isspace,
        "han": lambda c: han(c) is not None,
        "format": lambda c: cf(c) is not None,
        "pattern_space": lambda c: space(c) is not None,
        "numeral": P.NUMERAL_SET.__contains__,
        "tone": set(P.TONE_MARKS).__contains__,
        "punct": lambda c: punct(c) is not None,
        "letter": lambda c: letter(c) is not None,
        "pictographic": lambda c: pictographic(c) is not None,
        "word": lambda c: word(c) is not None,
        "opener": lambda c: P.UTF8_AS_GBK_OPENER.fullmatch(c) is not None,
        "continuer": _continuer,
    }
    written = {name: "".join(f"{a:04X}-{b:04X}\n" for a, b in ranges(member)) for name, member in members.items()}
    return written | {"fold": fold()}


def _continuer(character: str) -> bool:
    """Whether the GB18030 bytes of ``character`` begin with a UTF-8 continuation byte
    (``rules/detect.py``'s ``_continues``)."""
    try:
        lead = character.encode("gb18030")[:1]
    except UnicodeEncodeError:  # a lone surrogate, which no text the core holds has
        return False
    return b"\x80" <= lead <= b"\xbf"


def fold() -> str:
    from cutter.rules.boilerplate import _fold_table

    return "".join(f"{a:04X} {b:04X}\n" for a, b in sorted(_fold_table().items()))


if __name__ == "__main__":
    for name, text in tables().items():
        (HERE / f"{name}.txt").write_text(text, encoding="ascii")
        print(f"{name}.txt: {text.count(chr(10))} lines")
