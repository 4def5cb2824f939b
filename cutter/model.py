"""The data that flows through cutter, one frozen dataclass per stage.

bytes → :class:`Document` → :class:`Layout` (preamble + :class:`Piece` s) →
:class:`CleanPiece` (text + :class:`Edit` s) → a text block or a JSONL record.

All offsets are character offsets into ``Document.text``, except ``Edit.offset``,
which is an offset into the piece's raw body (``Piece.body``), as the JSONL
contract promises.
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload


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
    # ``text``'s UTF-8, where the reader has it for free (``decode.Decoded.utf8``): the core takes
    # these bytes, once it has checked that they are UTF-8 of the text's length, instead of
    # encoding the text. Bytes of another text of that length would be read as that text.
    utf8: bytes | None = field(default=None, repr=False, compare=False)


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
        return edit_record(self.rule, self.before, self.after, self.offset)


def edit_record(rule: str, before: str, after: str, offset: int) -> dict[str, object]:
    """An edit's JSONL record (CONTRACT.md)."""
    return {"rule": rule, "before": before, "after": after, "offset": offset}


class Edits(Sequence[Edit]):
    """A piece's edits, held as columns: a huge piece has hundreds of thousands, and an
    :class:`Edit` object each would cost several times the piece. Each :class:`Edit` is
    made when it is read; ``before`` is read from the raw body, where it always stands.

    >>> edits = Edits("甲。。。乙")
    >>> edits.extend("ellipsis", [1], [4], [1], [4], ["……"])
    >>> list(edits) == [Edit("ellipsis", 1, 4, "。。。", "……", 1)], len(edits)
    (True, 1)
    """

    __slots__ = ("raw", "_rules", "_afters", "_starts", "_ends", "_offsets", "_raw_ends")

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._rules: list[str] = []
        self._afters: list[str] = []
        self._starts, self._ends, self._offsets, self._raw_ends = (array(position_code(raw)) for _ in range(4))

    def extend(
        self, rule: str, starts: Sequence[int], ends: Sequence[int], offsets: Sequence[int], raw_ends: Sequence[int],
        afters: Sequence[str],
    ) -> None:  # fmt: skip
        """Record that ``rule`` replaced each ``[start, end)`` of its text, which is
        ``raw[offset:raw_end]`` of the raw body, by its ``after``."""
        self._rules.extend(itertools.repeat(rule, len(starts)))
        self._afters.extend(afters)
        self._starts.extend(starts)
        self._ends.extend(ends)
        self._offsets.extend(offsets)
        self._raw_ends.extend(raw_ends)

    @classmethod
    def of(
        cls, raw: str, rules: list[str], afters: list[str], starts: array[int], ends: array[int], offsets: array[int],
        raw_ends: array[int],
    ) -> Edits:  # fmt: skip
        """Edits made of their columns, as they are (no copy)."""
        edits = cls.__new__(cls)
        edits.raw, edits._rules, edits._afters = raw, rules, afters
        edits._starts, edits._ends, edits._offsets, edits._raw_ends = starts, ends, offsets, raw_ends
        return edits

    def __len__(self) -> int:
        return len(self._rules)

    @property
    def code(self) -> str:
        """The ``array`` type of its position columns (:func:`position_code`)."""
        return self._starts.typecode

    @overload
    def __getitem__(self, index: int) -> Edit: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Edit, ...]: ...
    def __getitem__(self, index: int | slice) -> Edit | tuple[Edit, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        offset = self._offsets[index]
        before = self.raw[offset : self._raw_ends[index]]
        return Edit(self._rules[index], self._starts[index], self._ends[index], before, self._afters[index], offset)

    def __iter__(self) -> Iterator[Edit]:
        return (self[i] for i in range(len(self)))

    def rules(self) -> list[str]:
        """The rule of each edit, in order."""
        return list(self._rules)

    def records(self) -> Iterator[dict[str, object]]:
        """Each edit's JSONL record (:meth:`Edit.record`)."""
        raw = self.raw
        for rule, after, offset, end in zip(self._rules, self._afters, self._offsets, self._raw_ends):
            yield edit_record(rule, raw[offset:end], after, offset)

    def __eq__(self, other: object) -> bool:
        """Equal to the same edits, as :class:`Edits` or as a tuple or list of the :class:`Edit` s they
        stand for (``CleanPiece.edits`` was a tuple, and ``clean_text`` gave a list)."""
        if isinstance(other, (Edits, tuple, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Edits({list(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        columns = (self._starts, self._ends, self._offsets, self._raw_ends)
        return (_edits_of, (self.raw, list(self._rules), list(self._afters), *(array(c.typecode, c) for c in columns)))


def position_code(raw: str) -> str:
    """The ``array`` type of the positions in the texts made from a body ``raw``: 32 bits
    (half the memory) unless ``raw`` is so long that its texts could outgrow them (a rule's
    fixes would have to make it eight times longer)."""
    return "i" if len(raw) < 1 << 28 else "q"


def edit_records(edits: Sequence[Edit]) -> Iterator[dict[str, object]]:
    """The JSONL record of each edit, straight from the columns where they are :class:`Edits`."""
    return edits.records() if isinstance(edits, Edits) else (edit.record() for edit in edits)


def edit_rules(edits: Sequence[Edit]) -> list[str]:
    """The rule of each edit, in order."""
    return edits.rules() if isinstance(edits, Edits) else [edit.rule for edit in edits]


def _edits_of(raw: str, *columns: Any) -> Edits:
    return Edits.of(raw, *columns)


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
    edits: Sequence[Edit] = ()
    notes: tuple[Note, ...] = field(default=())
    # ``text``'s UTF-8, kept for a writer (``core.stream(..., utf8=True)``): its JSONL line is
    # written from these bytes (``export.jsonl_line``) instead of encoding the text again.
    utf8: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(str(note) for note in self.notes)
