"""Sentences cut in two by a page break (a blank line in mid-sentence) or a doc viewer's chunk number.

Both rules run in the compiled core (crates/cutter-core/src/paragraphs.rs, where their patterns
live); these are their names, descriptions and examples, and the findings as Fix and Flag.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import _core
from .base import Context, Finding, Fix, Flag, rule


def _findings(found: list[tuple[int, int, str | None]]) -> Iterator[Finding]:
    for start, end, message in found:
        yield Fix(start, end, "") if message is None else Flag(start, end, message)


@rule(
    "page-break",
    "Join a sentence that a page break cut in two; keep headings, salutations, titles and source lines apart.",
    ("总理提到，要“鼓励企业\n\n开展个性化定制。", "总理提到，要“鼓励企业开展个性化定制。"),
    in_core=True,
)
def fix_page_breaks(text: str, context: Context) -> Iterator[Finding]:
    """``热腾腾的包`` + blank line + ``子忙打圆场…`` → one paragraph.

    The break is joined only when the paragraph before it is prose (it holds a
    clause mark) that stops without terminal punctuation, and the line after it
    is not a heading, salutation, source line or title. A break after a long
    unpunctuated line, or between two verse-length lines, is flagged instead.
    """
    yield from _findings(_core.page_breaks(text))


@rule(
    "chunk-marker",
    "Remove a doc viewer's chunk number (2、, 3、) that cuts a sentence in two, and rejoin the sentence.",
    (
        "要想生存发展，就必须建立持久的竞争优势，而唯一持久的优势便是比对手学得更快。管理者在对企业的发展上应该考虑到，企业内部拥"
        "\n3、有多少知识储备。",
        "要想生存发展，就必须建立持久的竞争优势，而唯一持久的优势便是比对手学得更快。管理者在对企业的发展上应该考虑到，企业内部拥"
        "有多少知识储备。",
    ),
    in_core=True,
)
def fix_chunk_markers(text: str, context: Context) -> Iterator[Finding]:
    """``…企业内部拥`` + ``3、有多少…`` → ``…企业内部拥有多少…`` when the line above is a
    long run of prose (a viewer's chunk); a list (``1、…`` under a line ending in ``：``
    or ``。``, or under ``1、…``) stays, and a shorter unpunctuated line above ``2、`` is
    flagged (it may be a list's lead-in without its colon)."""
    yield from _findings(_core.chunk_markers(text))
