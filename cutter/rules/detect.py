"""Things cutter reports but does not rewrite: placeholders, and mojibake it cannot undo."""

from __future__ import annotations

from collections.abc import Iterator

from .. import patterns as P
from .base import DETECT, Context, Finding, Fix, Flag, rule

_ENCODINGS = ("gbk", "gb18030")


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
    ("澶у濂", "澶у濂"),
)
def fix_mojibake(text: str, context: Context) -> Iterator[Finding]:
    """A run is repaired only when its GBK bytes decode as strict UTF-8 into known Han
    characters; lost characters (``??``, ``�``) are reported, never guessed."""
    for match in P.LOST_CHARACTERS.finditer(text):
        yield Flag(match.start(), match.end(), f"lost characters “{match.group()}” (mojibake)")
    for match in P.NON_ASCII_RUN.finditer(text):
        repaired = _repair(match.group())
        if repaired is not None:
            yield Fix(match.start(), match.end(), repaired)


def _repair(run: str) -> str | None:
    for encoding in _ENCODINGS:
        try:
            candidate = run.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if candidate != run and all(ch in P.KNOWN_HAN or not ch.isalpha() for ch in candidate):
            return candidate
    return None
