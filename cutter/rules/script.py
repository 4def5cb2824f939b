"""Stray traditional characters in a simplified document.

OpenCC's whole-text t2s also changes genuinely simplified text (乾县→干县, 於梨华→于梨华,
打坏→打坯: ``research/peers.md``). So cutter converts a line with t2s, then keeps a
changed run only where the source run holds a character that exists *only* in
traditional script (the CEDICT set shipped by zhon). Phrase context survives
(乾淨→干净), and a document that is traditional throughout is left alone.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from .. import _core
from ..patterns import TRADITIONAL_CHARACTER
from .base import Context, Fix, line_span, rule

if TYPE_CHECKING:
    import opencc


@cache
def t2s_converter() -> opencc.OpenCC:
    """OpenCC's t2s, built once per process and never pickled: worker processes build their own.
    OpenCC is imported here, on first need: a run over pages without a traditional character
    never loads it."""
    import opencc

    return opencc.OpenCC("t2s")


def document_script(text: str | _core.Doc) -> str:
    """``"traditional"`` when traditional-only characters outnumber simplified-only ones
    (``text`` may be held in the core, a ``_core.Doc``).

    >>> document_script("我们体会到了工匠精神的價值"), document_script("工匠精神的價值與意義")
    ('simplified', 'traditional')
    """
    return _core.document_script(text)


@rule(
    "traditional",
    "Convert stray traditional characters in a simplified document; leave traditional documents alone.",
    ("工匠精神的價值", "工匠精神的价值"),
    gate=TRADITIONAL_CHARACTER,
)
def fix_traditional(text: str, context: Context) -> Iterator[Fix]:
    """``工匠精神的價值`` → ``工匠精神的价值``; ``乾县``, ``於梨华``, ``打坏`` stay."""
    if context.script == "traditional":
        return
    hit = TRADITIONAL_CHARACTER.search(text)
    while hit is not None:
        line_start, line_end = line_span(text, hit.start())
        source = text[line_start:line_end]
        converted = _t2s(source)
        for start, end, after in _changed_runs(source, converted):
            if TRADITIONAL_CHARACTER.search(source, start, end):
                yield Fix(line_start + start, line_start + end, after)
        hit = TRADITIONAL_CHARACTER.search(text, line_end)


_SURROGATES = re.compile("([\ud800-\udfff]+)")


def _t2s(source: str) -> str:
    """OpenCC's t2s of ``source``; lone surrogates (a ``str`` from JSON may hold them), which
    OpenCC cannot take, stay as they are between the converted runs.

    >>> _t2s("價值\\ud800們") == "价值\\ud800们"
    True
    """
    if not _SURROGATES.search(source):
        return t2s_converter().convert(source)
    parts = _SURROGATES.split(source)  # runs of text at even positions, of surrogates at odd ones
    return "".join(part if odd else t2s_converter().convert(part) for odd, part in zip(itertools.cycle((0, 1)), parts))


def _changed_runs(source: str, converted: str) -> Iterator[tuple[int, int, str]]:
    if len(source) != len(converted):
        matcher = difflib.SequenceMatcher(None, source, converted, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                yield i1, i2, converted[j1:j2]
        return
    start = None
    for position, (old, new) in enumerate(zip(source, converted)):
        if old != new and start is None:
            start = position
        elif old == new and start is not None:
            yield start, position, converted[start:position]
            start = None
    if start is not None:
        yield start, len(source), converted[start:]
