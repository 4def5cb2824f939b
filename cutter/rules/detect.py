"""Things cutter reports but does not rewrite: placeholders, and mojibake it cannot undo.

The placeholder rule runs in the compiled core (crates/cutter-core/src/detect.rs, where its
pattern lives). Mojibake is Python's (it needs the GBK and GB18030 codecs), but the core looks first
(``detect.rs``'s ``mojibake_hinted``, from tables that data/generate.py writes from this module's
patterns and ``_continues``) and gives it the text only where it could find something.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import _core
from .. import patterns as P
from .base import DETECT, Context, Finding, Fix, Flag, rule

_ENCODINGS = ("gbk", "gb18030")
MAX_STRETCH = 60


@rule(
    "placeholder",
    "Report template placeholders (xx, XX, ××, ***, __, 20xx年, x年x班); never rewrite them.",
    ("国务院总理xx2019年3月5日", "国务院总理xx2019年3月5日"),
    DETECT,
    gate=P.PLACEHOLDER_HINT,
    in_core=True,
)
def find_placeholders(text: str, context: Context) -> Iterator[Flag]:
    for start, end, message in _core.placeholders(text):
        yield Flag(start, end, message)


@rule(
    "mojibake",
    "Repair UTF-8 text that was read as GBK where the bytes survive exactly; report ?? and � runs.",
    ("鎴戜滑一起行动起来吧！", "我们一起行动起来吧！"),
    gate=P.MOJIBAKE_HINT,
    in_core=True,  # the core looks for a lost character or a continued opener, and gives the text back where one stands
)
def fix_mojibake(text: str, context: Context) -> Iterator[Finding]:
    """A run is repaired only when its GBK bytes decode as strict UTF-8 into known Han
    characters; lost characters (``??``, ``�``) are reported, never guessed."""
    if "?" in text or "\ufffd" in text:
        for match in P.LOST_CHARACTERS.finditer(text):
            yield Flag(match.start(), match.end(), f"lost characters “{match.group()}” (mojibake)")
    opener = P.UTF8_AS_GBK_OPENER.search(text)
    while opener is not None:
        if not _continues(text, opener.end()):
            opener = P.UTF8_AS_GBK_OPENER.search(text, opener.end())
            continue
        start = opener.start()
        while start > 0 and P.NON_ASCII_CHAR.match(text, start - 1):
            start -= 1
        run = P.NON_ASCII_RUN.match(text, start)
        resume = run.end() if run is not None else opener.end()
        if run is not None:
            for fix_start, fix_end, repaired in _repairs(run.group()):
                yield Fix(start + fix_start, start + fix_end, repaired)
        opener = P.UTF8_AS_GBK_OPENER.search(text, resume)


def _continues(text: str, position: int) -> bool:
    """Whether the character at ``position`` can finish the UTF-8 sequence an opener
    starts: its first GBK byte must be a continuation byte (0x80–0xBF). Most openers in
    real text (恪守, 娴熟) fail this, and are passed over without a repair attempt."""
    try:
        lead = text[position : position + 1].encode("gb18030")[:1]
    except UnicodeEncodeError:
        return False
    return b"\x80" <= lead <= b"\xbf"


def _repairs(run: str) -> Iterator[tuple[int, int, str]]:
    """Stretches of ``run`` that are UTF-8 read as GBK, with what they were.

    Such a stretch starts with a character whose GBK bytes begin like a 3-byte
    UTF-8 sequence (lead E4–E9, then 80–BF): rare in real text, so cheap to try.
    """
    position = 0
    while position < len(run):
        if P.UTF8_AS_GBK_OPENER.match(run[position]):
            best = _longest_repair(run, position)
            if best is not None:
                yield position, best[0], best[1]
                position = best[0]
                continue
        position += 1


def _longest_repair(run: str, position: int) -> tuple[int, str] | None:
    """The longest stretch from ``position`` whose GBK bytes are UTF-8, ending on a whole
    character on both sides, and what it was; found with one strict decode per encoding."""
    best = None
    stretch = run[position : position + MAX_STRETCH]
    for encoding in _ENCODINGS:
        try:
            data = stretch.encode(encoding)
        except UnicodeEncodeError:
            continue
        try:
            data.decode("utf-8")
            valid = len(data)
        except UnicodeDecodeError as error:
            valid = error.start
        ends, total = [], 0
        for char in stretch:  # character boundaries, only as far as the bytes decode
            total += len(char.encode(encoding))
            if total > valid:
                break
            ends.append(total)
        for count in range(len(ends), 1, -1):  # the longest whole-character prefix that decodes
            if ends[count - 1] > valid:
                continue
            repaired = _repair(stretch[:count])
            if repaired is not None:
                if best is None or count > best[0] - position:
                    best = (position + count, repaired)
                break
    return best


def _repair(stretch: str) -> str | None:
    for encoding in _ENCODINGS:
        try:
            candidate = stretch.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if candidate != stretch and all(ch in P.KNOWN_HAN or not ch.isalpha() for ch in candidate):
            return candidate
    return None
