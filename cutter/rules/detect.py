"""Things cutter reports but does not rewrite: placeholders, and mojibake it cannot undo."""

from __future__ import annotations

from collections.abc import Iterator

from .. import patterns as P
from .base import DETECT, Context, Finding, Fix, Flag, rule

_ENCODINGS = ("gbk", "gb18030")
MAX_STRETCH = 60


@rule(
    "placeholder",
    "Report template placeholders (xx, XX, ××, ***, __, 20xx年, x年x班); never rewrite them.",
    ("国务院总理xx2019年3月5日", "国务院总理xx2019年3月5日"),
    DETECT,
)
def find_placeholders(text: str, context: Context) -> Iterator[Flag]:
    for match in P.PLACEHOLDER.finditer(text):
        yield Flag(match.start(), match.end(), f"placeholder “{match.group()}”")


@rule(
    "mojibake",
    "Repair UTF-8 text that was read as GBK where the bytes survive exactly; report ?? and � runs.",
    ("鎴戜滑一起行动起来吧！", "我们一起行动起来吧！"),
)
def fix_mojibake(text: str, context: Context) -> Iterator[Finding]:
    """A run is repaired only when its GBK bytes decode as strict UTF-8 into known Han
    characters; lost characters (``??``, ``�``) are reported, never guessed."""
    for match in P.LOST_CHARACTERS.finditer(text):
        yield Flag(match.start(), match.end(), f"lost characters “{match.group()}” (mojibake)")
    for match in P.NON_ASCII_RUN.finditer(text):
        for start, end, repaired in _repairs(match.group()):
            yield Fix(match.start() + start, match.start() + end, repaired)


def _repairs(run: str) -> Iterator[tuple[int, int, str]]:
    """Stretches of ``run`` that are UTF-8 read as GBK, with what they were.

    Such a stretch starts with a character whose GBK bytes begin like a 3-byte
    UTF-8 sequence (lead E4–E9, then 80–BF): rare in real text, so cheap to try.
    """
    position = 0
    while position < len(run):
        if _opens_utf8(run[position]):
            best = None
            for end in range(position + 2, min(len(run), position + MAX_STRETCH) + 1):
                repaired = _repair(run[position:end])
                if repaired is not None:
                    best = (end, repaired)
            if best is not None:
                yield position, best[0], best[1]
                position = best[0]
                continue
        position += 1


def _opens_utf8(char: str) -> bool:
    try:
        encoded = char.encode("gbk")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and 0xE4 <= encoded[0] <= 0xE9 and 0x80 <= encoded[1] <= 0xBF


def _repair(stretch: str) -> str | None:
    for encoding in _ENCODINGS:
        try:
            candidate = stretch.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if candidate != stretch and all(ch in P.KNOWN_HAN or not ch.isalpha() for ch in candidate):
            return candidate
    return None
