"""The warning kinds: what the splitter and ``check`` report without changing anything.

Every warning string starts with its kind (``count-mismatch: the title declares 9
pieces, but 8 were found``); the same names are counted in the run summary and the
``--report`` file, and can be named in ``--select``/``--ignore`` like rules.

>>> kind_of("count-mismatch: the title declares 9 pieces, but 8 were found")
'count-mismatch'
>>> kind_of("placeholder: placeholder “xx” (offset 7)")
'placeholder'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WarningKind:
    """A structural warning: what it means and when it is given."""

    name: str
    summary: str
    when: str
    example: str


WARNINGS: dict[str, WarningKind] = {
    kind.name: kind
    for kind in (
        WarningKind(
            "count-mismatch",
            "The title declares a number of pieces that differs from the number found.",
            "The title line holds a count declaration (大全9篇, 汇总9篇) and the splitter found another number.",
            "count-mismatch: the title declares 9 pieces, but 8 were found",
        ),
        WarningKind(
            "intro-count",
            "The site's intro names another count than the title.",
            "The text before the first header says 本文共N篇 and N is not the title's count.",
            "intro-count: the intro says 10 pieces, the title 9",
        ),
        WarningKind(
            "no-headers",
            "No piece headers were found; the whole text was kept as one piece.",
            "No line reads like 篇一, 【篇二】, 第三篇 … in one consistent numbered family.",
            "no-headers: no piece headers found; kept the whole text as one piece",
        ),
        WarningKind(
            "out-of-sequence",
            "A header-like line breaks the numbering and was kept inside a piece.",
            "A clean header line of the chosen family whose number does not continue the chain.",
            "out-of-sequence: header-like line 3 on line 40 is out of sequence; kept inside a piece",
        ),
        WarningKind(
            "one-header",
            "Only one piece header is visible; the page was split there.",
            "A single header of the title's keyword (a paginated site, or hidden text swallowed the rest).",
            "one-header: only one piece header (倡议书作文篇22) was found; split there",
        ),
        WarningKind(
            "own-titles",
            "No piece headers: lines that read as the pieces' own titles split the page, or would have.",
            "Short lines ending in the title's genre (电影《山路》观后感), each over a body, under a title that declares a count.",
            "own-titles: no piece headers; split at 1 line(s) that read as piece titles (电影《山路》观后感)",
        ),
        WarningKind(
            "numbering-gap",
            "The header numbers skip some: headers in between may be hidden or missing.",
            "The chosen family's numbers go 1, 2, 7 (a hidden-text marker swallowed 3 to 6).",
            "numbering-gap: header numbers jump from 2 to 7: headers in between may be hidden or missing",
        ),
        WarningKind(
            "nested-headers",
            "A piece holds sub-headers of another family, kept inside it.",
            "Lines such as 一、 or （一） inside a piece that look like headers of a nested list.",
            "nested-headers: holds 2 nested sub-headers, kept inside: 一、 / 二、",
        ),
        WarningKind(
            "empty-piece",
            "A piece has a header but no body text.",
            "The piece's body is empty after cleaning (a one-line file, a header followed by the next header).",
            "empty-piece: the piece has no body; the text output shows its title line in its place",
        ),
        WarningKind(
            "empty",
            "The input holds no text at all.",
            "The file is empty or only whitespace.",
            "empty: empty input: no pieces",
        ),
        WarningKind(
            "prose-intro",
            "Lines of prose above the first header, not an offer's, belong to no piece.",
            "Three or more lines that end a sentence and hold no offer words (小编, 整理, 范文 …) stand between "
            "the title and the first header: often an essay the page left unheaded. split leaves them out.",
            "prose-intro: 5 lines of prose before the first header, not an offer's, belong to no piece "
            "(an unheaded first piece?): “四月的一个周末，班主任带着我们去…”",
        ),
        WarningKind(
            "intro",
            "Text between the title line and the first header belongs to no piece (check only).",
            "Anything stands before the first header other than the title line; split leaves it out.",
            "intro: not in any piece: “本文为大家整理了9篇…”",
        ),
    )
}


def kind_of(message: str) -> str:
    """The kind a warning string starts with (``other`` if it names none)."""
    head, colon, _ = message.partition(": ")
    return head if colon and head and " " not in head else "other"


def one_line(text: str) -> str:
    """A quotation fit for a one-line message: newlines shown as ``\\n``.

    >>> one_line("甲\\n乙")
    '甲\\\\n乙'
    """
    return text.replace("\r", "\\r").replace("\n", "\\n")
