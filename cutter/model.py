"""The data that flows through cutter, one frozen dataclass per stage.

bytes → :class:`Document` → :class:`Layout` (preamble + :class:`Piece` s) →
:class:`CleanPiece` (text + :class:`Edit` s) → a text block or a JSONL record.

All offsets are character offsets into ``Document.text``, except ``Edit.offset``,
which is an offset into the piece's raw body (``Piece.body``), as the JSONL
contract promises.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of ``Document.text``."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class Document:
    """Decoded text of one source, with ``\\n`` line endings only.

    >>> Document("a.txt", "标题\\n正文").source
    'a.txt'
    """

    source: str
    text: str
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class Piece:
    """One essay of a compilation: its header line and its raw body.

    ``header`` covers the header as it stands in the source (for a header glued
    to its first body line, only the header part); ``body`` runs from the end of
    the header to the start of the next piece.
    """

    index: int
    title: str
    header: Span
    body: Span
    raw: str
    nested: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    """What the splitter found in one document.

    ``preamble`` (title line + site intro), the pieces' headers and bodies together
    cover the whole text, in order, with nothing left over.
    """

    document: Document
    collection: str | None
    declared: int | None
    preamble: Span
    title_line: Span | None
    pieces: tuple[Piece, ...]
    family: str | None
    warnings: tuple[str, ...] = ()

    @property
    def intro(self) -> str:
        start = self.title_line.end if self.title_line else self.preamble.start
        return self.document.text[start : self.preamble.end].strip()


@dataclass(frozen=True, slots=True)
class Edit:
    """One change a rule made.

    ``start``/``end`` index the text as the rule saw it (so replaying the edits
    rule by rule over the raw body gives the clean text); ``offset`` is where the
    change begins in the piece's raw body and ``before`` is the raw body's text
    there (``raw[offset:offset + len(before)] == before``), which holds all of an
    earlier edit's text where the change covers what that edit wrote.

    >>> Edit("ellipsis", 4, 10, "。。。。。。", "……", offset=4).after
    '……'
    """

    rule: str
    start: int
    end: int
    before: str
    after: str
    offset: int

    def record(self) -> dict[str, object]:
        return {"rule": self.rule, "before": self.before, "after": self.after, "offset": self.offset}


@dataclass(frozen=True, slots=True)
class Note:
    """Something a rule was unsure of, or only reports: where, and why.

    >>> str(Note("placeholder", 7, "placeholder “xx”"))
    'placeholder: placeholder “xx” (offset 7)'
    """

    rule: str
    offset: int
    message: str

    def __str__(self) -> str:
        message = self.message.replace("\n", "\\n")
        return f"{self.rule}: {message} (offset {self.offset})"


@dataclass(frozen=True)
class CleanPiece:
    """A piece after normalization: clean text, the edits that made it, and notes."""

    piece: Piece
    text: str
    edits: tuple[Edit, ...] = ()
    notes: tuple[Note, ...] = field(default=())

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(str(note) for note in self.notes)
