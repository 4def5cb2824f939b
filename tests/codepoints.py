"""The code points a test of "every code point" reads: the whole basic plane, and every ``step``-th
one above it (the planes above are blocks of one class each, a few hundred code points at least, so
each is still read), with the newline left out (the tests put each one on a line of its own)."""

from __future__ import annotations

SUPPLEMENTARY_STEP = 61


def every_code_point(step: int = SUPPLEMENTARY_STEP) -> list[str]:
    basic = [chr(code) for code in range(0x10000) if code != 0x0A]
    return basic + [chr(code) for code in range(0x10000, 0x110000, step)]
