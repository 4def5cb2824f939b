"""The engine-neutral core: raw documents in, JSONL-shaped piece records out.

:func:`process_text` is the one code path every front end uses: the CLI, and any
batch or distributed engine that maps :func:`process_batch` over batches. Both
are pure and picklable; each process builds its own OpenCC converter lazily.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from . import _core
from .config import Config
from .errors import CutterError
from .lint_warnings import kind_of, one_line
from .model import CleanPiece, Document, Layout, edit_records
from .normalize import normalize
from .rules import Context
from .rules.base import LARGE_TEXT, rare_characters, rare_union
from .split import split


@dataclass(frozen=True)
class Result:
    """A split and normalized document."""

    layout: Layout
    pieces: tuple[CleanPiece, ...]
    piece_warnings: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def of(cls, stream: Stream) -> Result:
        """Every piece of ``stream`` cleaned, held together."""
        cleaned = list(stream.cleaned())
        return cls(stream.layout, tuple(piece for piece, _ in cleaned), tuple(warnings for _, warnings in cleaned))

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.layout.warnings

    def cleaned(self) -> Iterator[tuple[CleanPiece, tuple[str, ...]]]:
        """(piece, its structural warnings), as :meth:`Stream.cleaned` gives them."""
        for position, piece in enumerate(self.pieces):
            yield piece, self.piece_warnings[position] if position < len(self.piece_warnings) else ()

    def warnings_of(self, position: int) -> tuple[str, ...]:
        """The structural warnings of the piece at ``position`` (0-based), then its rules' notes."""
        structural = self.piece_warnings[position] if position < len(self.piece_warnings) else ()
        return (*structural, *self.pieces[position].warnings)

    def warning_lines(self) -> list[str]:
        """Every warning of the document, one line each, each starting with its kind
        (``nested-headers: piece 2: holds …``): what ``split`` prints on standard error."""
        lines = list(self.layout.warnings)
        for piece, structural in self.cleaned():
            lines += piece_warning_lines(piece, structural)
        return lines

    def records(self, edits: bool = True, meta: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """The JSONL records; ``meta`` (the other fields of a dataset row, else ``{}``) goes into each."""
        return list(self.rows(edits, meta))

    def rows(self, edits: bool = True, meta: Mapping[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """The records one at a time, as a writer streams them."""
        for piece, structural in self.cleaned():
            yield record(self.layout, piece, edits, meta, (*structural, *piece.warnings))


@dataclass(frozen=True)
class Stream:
    """A split document whose pieces are cleaned one at a time, when they are asked for:
    how a writer handles a huge document without holding all its clean pieces and edits."""

    layout: Layout
    context: Context
    config: Config
    rares: tuple[str, ...]
    # The pieces' normalizer runs (``_core.Run``), made with the split from the document's bytes
    # (:func:`stream`), each used once: a piece cleaned again, or one with none, gets a new run.
    runs: list[_core.Run | None] | None = field(default=None, compare=False, repr=False)
    # Whether each clean piece keeps its text's UTF-8 for a writer (``CleanPiece.utf8``).
    utf8: bool = False

    def cleaned(self) -> Iterator[tuple[CleanPiece, tuple[str, ...]]]:
        """(piece, its structural warnings), piece by piece."""
        config, rules, runs = self.config, self.config.rules(), self.runs
        for position, (piece, rare) in enumerate(zip(self.layout.pieces, self.rares)):
            run = None
            if runs:
                run, runs[position] = runs[position], None
            clean = normalize(piece, rules, self.context, config.keep_boilerplate, rare, run, UTF8_KEPT if self.utf8 else 0)
            yield clean, tuple(w for w in _structural_warnings(clean) if config.selects(kind_of(w)))


HELD_TEXT = LARGE_TEXT
"""Characters: a document up to this long is encoded for the core once, and its pieces' runs are
cut from those bytes (``_core.Doc``), rather than encoded for each call; all its pieces' runs are
made with the split, so a longer one is left to the calls one at a time, which hold less."""


UTF8_KEPT = 3 * HELD_TEXT
"""Bytes: a clean text up to this long keeps its UTF-8 for a writer (:func:`output_stream`), which
writes its JSONL line from those bytes."""


def stream(document: Document, config: Config | None = None, utf8: bool = False) -> Stream:
    """Split one document; its pieces are normalized as :meth:`Stream.cleaned` is read. ``utf8``:
    each clean piece keeps its text's UTF-8 (``CleanPiece.utf8``), for a writer."""
    config = config or Config()
    held = _core.Doc(document.text, document.utf8) if len(document.text) <= HELD_TEXT else None
    layout = split(document, held)
    runs: list[_core.Run | None] | None = None
    if held is None:
        rares = tuple(rare_characters(piece.raw) for piece in layout.pieces)
    else:
        runs = [held.run(piece.raw, piece.body.start, piece.body.end) for piece in layout.pieces]
        rares = tuple(_core.rare_characters(run) for run in runs)
    context = context_of(layout, rares, held)
    kept = tuple(w for w in layout.warnings if config.selects(kind_of(w)))
    layout = replace(layout, warnings=kept) if kept != layout.warnings else layout
    return Stream(layout, context, config, rares, runs, utf8)


def output_stream(document: Document, config: Config | None = None) -> Stream:
    """:func:`stream` for a writer: the clean pieces keep their UTF-8 (the batch's pipeline)."""
    return stream(document, config, utf8=True)


def process(document: Document, config: Config | None = None) -> Result:
    """Split and normalize one document."""
    return Result.of(stream(document, config))


def piece_warning_lines(piece: CleanPiece, structural: Iterable[str]) -> Iterator[str]:
    """A piece's warnings as ``split`` prints them: ``kind: piece N: message``."""
    for warning in (*structural, *piece.warnings):
        kind, _, message = warning.partition(": ")
        yield f"{kind}: piece {piece.piece.index}: {message}"


def context_of(layout: Layout, piece_rares: Sequence[str] | None = None, held: _core.Doc | None = None) -> Context:
    """What the rules may know of the whole document (the title's forms, its script …);
    ``held``: the document's text held in the core, when the caller has it."""
    document = layout.document
    title_line = layout.title_line.of(document.text) if layout.title_line else None
    if piece_rares is None:
        piece_rares = [rare_characters(piece.raw) for piece in layout.pieces]
    rare = document_rare(layout, piece_rares)
    return Context.of(document, titles=(title_line, layout.collection), rare=rare, held=held)


def document_rare(layout: Layout, piece_rares: Sequence[str]) -> str:
    """The document's rare characters from its pieces' bodies' and a scan of the rest (the
    preamble and the header lines), so the document is scanned once, not twice."""
    text = layout.document.text
    rest = "".join(span.of(text) for span in (layout.preamble, *(piece.header for piece in layout.pieces)))
    return rare_union([rare_characters(rest), *piece_rares])


def process_text(source: str, text: str, config: Config | None = None) -> list[dict[str, Any]]:
    """One raw compilation → its piece records (the JSONL record of CONTRACT.md).

    >>> rows = process_text("-", "作文(2篇)\\n作文篇一\\n甲。\\n作文篇二\\n乙。")
    >>> [(r["index"], r["title"], r["text"]) for r in rows]
    [(1, '作文篇一', '甲。'), (2, '作文篇二', '乙。')]
    """
    config = config or Config()
    return process(Document(source, text), config).records(edits=config.edits)


def process_batch(
    batch: Mapping[str, Sequence[Any]], config: Config | None = None, field: str = "text"
) -> dict[str, list[Any]]:
    """Columns of raw documents → columns of piece rows (the JSONL record of CONTRACT.md).

    ``batch[field]`` holds the raw texts; ``source`` (else ``id``, else the row
    position) names each document; every other column travels along under ``meta``.
    Columns may be lists, NumPy arrays or pandas Series. One document may become many
    rows. A document that fails (a panic in the compiled core) becomes one row with its
    ``source``, ``meta`` and the cause under :data:`ERROR`, and the batch goes on. This is
    the function a ``map_batches`` engine (Ray Data, Dask) calls.

    >>> columns = process_batch({"id": [7], "text": ["作文(2篇)\\n作文篇一\\n甲。\\n作文篇二\\n乙。"]})
    >>> columns["source"], columns["index"], columns["text"], columns["meta"]
    (['7', '7'], [1, 2], ['甲。', '乙。'], [{'id': 7}, {'id': 7}])
    """
    config = config or Config()
    texts = _values(batch[field])
    names = "source" if "source" in batch else "id" if "id" in batch else None
    sources = _values(batch[names]) if names else [str(i) for i in range(len(texts))]
    extra = {key: _values(column) for key, column in batch.items() if key not in (field, "source")}
    rows: list[dict[str, Any]] = []
    for position, (source, text) in enumerate(zip(sources, texts)):
        meta = {key: column[position] for key, column in extra.items()}
        try:
            rows += process(Document(str(source), str(text)), config).records(config.edits, meta)
        except CutterError as error:  # a panic in the core: this document fails, the batch goes on
            rows.append({"source": str(source), ERROR: str(error), "meta": meta})
    return columns(rows)


ERROR = "_error"
"""The column of :func:`process_batch` (and of the Ray engine) that names why a document gave
no rows; it is there only when one did not."""


def _values(column: Sequence[Any]) -> list[Any]:
    """A column as a list of plain Python values (NumPy and pandas columns included)."""
    values = column.tolist() if hasattr(column, "tolist") else list(column)
    return [value.item() if hasattr(value, "item") and not isinstance(value, (str, bytes)) else value for value in values]


def record(
    layout: Layout,
    piece: CleanPiece,
    edits: bool = True,
    meta: Mapping[str, Any] | None = None,
    warnings: Iterable[str] | None = None,
) -> dict[str, Any]:
    """One JSONL record (CONTRACT.md); ``warnings``: the piece's own, when the caller has them."""
    if warnings is None:
        warnings = (*_structural_warnings(piece), *piece.warnings)
    row: dict[str, Any] = {
        "id": f"{layout.document.source}#{piece.piece.index}",
        "source": layout.document.source,
        "collection": layout.collection,
        "declared": layout.declared,
        "count": len(layout.pieces),
        "index": piece.piece.index,
        "title": piece.piece.title,
        "text": piece.text,
        "warnings": [*layout.warnings, *warnings],
    }
    if edits:
        row["edits"] = list(edit_records(piece.edits))
    row["meta"] = dict(meta) if meta else {}
    return row


def _structural_warnings(piece: CleanPiece) -> Iterable[str]:
    if piece.piece.nested:
        nested = one_line(" / ".join(piece.piece.nested))
        yield f"nested-headers: holds {len(piece.piece.nested)} nested sub-headers, kept inside: {nested}"
    if not piece.text:
        shown = "its title line" if piece.piece.title else "nothing"
        yield f"empty-piece: the piece has no body; the text output shows {shown} in its place"


def columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Rows → columns, every key any row has (missing values: None), in first-seen order."""
    keys = dict.fromkeys(key for row in rows for key in row)
    return {key: [row.get(key) for row in rows] for key in keys}
