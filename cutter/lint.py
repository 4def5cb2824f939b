"""``cutter check`` as a linter: findings at their place in the file, and the file as
cutter would clean it in place.

A file cleaned in place keeps its title line, its intro, its headers and its blank
lines; each piece's body gets the rules' edits (boilerplate removed, text repaired),
but not ``split``'s layout step, so the file keeps its shape and a diff shows only
what the rules changed. Lines that did not change keep their own line endings, and
the file is written back in its own encoding.

A line holding ``cutter: ignore[rule, …]`` (or ``cutter: ignore`` for every rule) is
left as it is; ``cutter: ignore-file`` (or ``cutter: ignore-file[rule, …]``) anywhere
in a file does the same for the whole file.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import regex

from .batch import DatasetBroken, Outcome, Source, Task, _dataset_document, task_lines, tasks
from .config import Config, matches
from .core import Result, context_of, process
from .decode import decode
from .errors import CutterError, InputError
from .export import write_atomic
from .lint_warnings import one_line
from .model import Document, Edit, Note, Piece
from .normalize import apply_edits, clean_text
from .rules import BY_NAME, Context
from .split import split

SHOWN = 60
_LINE_BREAK = regex.compile(r"(\r\n|\r|\n|\u2028|\u2029)")
_IGNORE_LINE = regex.compile(r"cutter:\s*ignore(?!-file)(?:\[([^\]\n]*)\])?")
_IGNORE_FILE = regex.compile(r"cutter:\s*ignore-file(?:\[([^\]\n]*)\])?")
_ON_LINE = regex.compile(r"on line (\d+)")
ALL_RULES: frozenset[str] = frozenset({"ALL"})


@dataclass(frozen=True)
class Finding:
    """One change cutter would make, or one warning, at a 1-based line and column of a
    file (a JSONL dump's record: its line, column 1)."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    kind: str  # fix, boilerplate, detect (a rule's category) or warning (structural)
    before: str | None  # None: a warning, not a change
    after: str | None
    message: str

    @property
    def is_change(self) -> bool:
        return self.before is not None

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end": {"line": self.end_line, "column": self.end_column},
            "rule": self.rule,
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
            "message": self.message,
            "fixable": self.is_change,
        }


@dataclass
class FileReport:
    """What ``check`` found in one document, and the document cleaned in place."""

    label: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    fixed: bytes | None = None  # the cleaned file's bytes, when asked for
    original: bytes | None = None
    diff: bytes = b""
    wrote: bool = False
    broke_off: bool = False  # a dump that could not be read to its end (it changed while read)


# --- suppressions ---------------------------------------------------------------------


def _selectors(group: str | None) -> frozenset[str]:
    if group is None:
        return ALL_RULES
    names = frozenset(name.strip() for name in group.split(",") if name.strip())
    return names or ALL_RULES


def suppressions(text: str) -> tuple[frozenset[str], dict[int, frozenset[str]]]:
    """What ``text`` asks to leave alone: the file-wide selectors, and per 1-based line.

    >>> whole, lines = suppressions("甲。。。\\n乙 cutter: ignore[ellipsis]\\n")
    >>> sorted(whole), {n: sorted(s) for n, s in lines.items()}
    ([], {2: ['ellipsis']})
    """
    whole: set[str] = set()
    for match in _IGNORE_FILE.finditer(text):
        whole |= _selectors(match[1])
    lines: dict[int, frozenset[str]] = {}
    if "cutter:" in text:
        for number, line in enumerate(text.split("\n"), start=1):
            for match in _IGNORE_LINE.finditer(line):
                lines[number] = lines.get(number, frozenset()) | _selectors(match[1])
    return frozenset(whole), lines


def _suppressed(selectors: frozenset[str], name: str) -> bool:
    return any(matches(selector, name) for selector in selectors)


# --- cleaning in place ----------------------------------------------------------------


def _kept_edges(raw: str, clean: str) -> str:
    """``clean`` with the newline that separated the body from its header, and the one
    before the next header, put back if a removal took it."""
    if raw.startswith("\n") and not clean.startswith("\n"):
        clean = "\n" + clean
    if raw.endswith("\n") and not clean.endswith("\n"):
        clean += "\n"
    return clean


@dataclass
class _Located:
    position: int
    end: int
    rule: str
    before: str | None
    after: str | None
    message: str


def _clean_piece(
    result: Result, position: int, config: Config, lines: dict[int, frozenset[str]], context: Callable[[], Context]
) -> tuple[str, list[_Located]]:
    """One piece's body cleaned in place, and what changed in it, placed in the document."""
    clean = result.pieces[position]
    piece = clean.piece
    text = result.layout.document.text
    first_line = text.count("\n", 0, piece.body.start) + 1
    body_lines = piece.raw.split("\n")
    held = {n - first_line: lines[n] for n in range(first_line, first_line + len(body_lines)) if n in lines}
    if not held:
        chunks = [(0, piece.raw, clean.edits, clean.notes)]
    else:
        chunks = list(_chunks(piece, held, config, context()))
    body, located = [], []
    for offset, raw, edits, notes in chunks:
        body.append(apply_edits(raw, edits))
        base = piece.body.start + offset
        for edit in edits:
            start = base + edit.offset
            located.append(_Located(start, start + len(edit.before), edit.rule, edit.before, edit.after, _change(edit)))
        for note in notes:
            start = base + note.offset
            located.append(_Located(start, start, note.rule, None, None, one_line(note.message)))
    return _kept_edges(piece.raw, "".join(body)), located


def _chunks(
    piece: Piece, held: dict[int, frozenset[str]], config: Config, context: Context
) -> Iterator[tuple[int, str, Sequence[Edit], Sequence[Note]]]:
    """The body cut at its suppressed lines: runs of other lines are cleaned with every
    selected rule, and each suppressed line without the rules it names."""
    rules = config.rules()
    lines = piece.raw.split("\n")
    pieces: list[tuple[str, frozenset[str] | None]] = []
    for index, line in enumerate(lines):
        ending = "\n" if index < len(lines) - 1 else ""
        if index in held:
            pieces.append((line + ending, held[index]))
        elif pieces and pieces[-1][1] is None:
            pieces[-1] = (pieces[-1][0] + line + ending, None)
        else:
            pieces.append((line + ending, None))
    offset = 0
    for chunk, selectors in pieces:
        chosen = rules if selectors is None else [r for r in rules if not _suppressed(selectors, r.name)]
        _, edits, notes = clean_text(chunk, chosen, context, config.keep_boilerplate)
        yield offset, chunk, edits, notes
        offset += len(chunk)


def _change(edit: Edit) -> str:
    if not edit.after:
        return f"remove {_shown(edit.before)}"
    return f"{_shown(edit.before)} → {_shown(edit.after)}"


def _shown(value: str) -> str:
    shown = repr(value)
    return shown if len(shown) <= SHOWN else shown[: SHOWN - 2] + "…'"


def clean_in_place(result: Result, config: Config) -> tuple[str, list[_Located]]:
    """The document as cutter would clean it in place, and every change and warning in
    it, placed in the document's text; suppressed lines are left as they are."""
    text = result.layout.document.text
    whole, lines = suppressions(text)
    located = _layout_warnings(result, config.selects("intro"))
    if "ALL" in whole:
        return text, []
    parts = [result.layout.preamble.of(text)]
    context = cache(lambda: context_of(result.layout))  # only a piece with a suppressed line needs it
    for position, clean in enumerate(result.pieces):
        body, found = _clean_piece(result, position, config, lines, context)
        parts += [clean.piece.header.of(text), body]
        located += found
    kept = []
    for item in located:
        line = text.count("\n", 0, item.position) + 1
        if _suppressed(whole, item.rule) or _suppressed(lines.get(line, frozenset()), item.rule):
            continue
        kept.append(item)
    return "".join(parts), sorted(kept, key=lambda item: (item.position, item.end))


def _layout_warnings(result: Result, intro_selected: bool) -> list[_Located]:
    layout = result.layout
    text = layout.document.text
    at_title = layout.title_line.start if layout.title_line else 0
    located = []
    for warning in layout.warnings:
        kind, _, message = warning.partition(": ")
        position = at_title if kind in ("count-mismatch", "intro-count") else 0
        line = _ON_LINE.search(message)
        if kind == "out-of-sequence" and line:
            position = _line_start(text, int(line[1]))
        located.append(_Located(position, position, kind, None, None, one_line(message)))
    intro = layout.intro
    if intro and intro_selected:
        position = text.index(intro, layout.title_line.end if layout.title_line else layout.preamble.start)
        quoted = one_line(intro[:30]) + ("…" if len(intro) > 30 else "")
        located.append(_Located(position, position + len(intro), "intro", None, None, f"not in any piece: “{quoted}”"))
    for position, clean in enumerate(result.pieces):
        for warning in result.piece_warnings[position] if position < len(result.piece_warnings) else ():
            kind, _, message = warning.partition(": ")
            start = clean.piece.header.start
            located.append(_Located(start, start, kind, None, None, f"piece {clean.piece.index}: {message}"))
    return located


def _line_start(text: str, number: int) -> int:
    position = 0
    for _ in range(number - 1):
        found = text.find("\n", position)
        if found == -1:
            return position
        position = found + 1
    return position


def _kind(rule: str) -> str:
    return BY_NAME[rule].category if rule in BY_NAME else "warning"


def place(text: str, located: Iterable[_Located], file: str, record_line: int | None = None) -> list[Finding]:
    """Findings with 1-based lines and columns of ``text``; for a dump's record, the
    record's line, and the place in its text named in the message."""
    findings = []
    for item in located:
        line, column = _line_column(text, item.position)
        end_line, end_column = _line_column(text, min(item.end, len(text)))
        message = item.message
        if record_line is not None:
            message = f"text {line}:{column}: {message}"
            line = end_line = record_line
            column, end_column = 1, 1
        findings.append(
            Finding(file, line, column, end_line, end_column, item.rule, _kind(item.rule), item.before, item.after, message)
        )
    return findings


def _line_column(text: str, position: int) -> tuple[int, int]:
    return text.count("\n", 0, position) + 1, position - (text.rfind("\n", 0, position) + 1) + 1


# --- the file's own bytes: line endings and encoding ----------------------------------


def _lines_with_endings(text: str) -> list[tuple[str, str]]:
    parts = _LINE_BREAK.split(text)
    lines = [(parts[i], parts[i + 1]) for i in range(0, len(parts) - 1, 2)]
    if parts[-1]:
        lines.append((parts[-1], ""))
    return lines


def _dominant_newline(lines: Sequence[tuple[str, str]]) -> str:
    counts: dict[str, int] = {}
    for _, ending in lines:
        if ending:
            counts[ending] = counts.get(ending, 0) + 1
    return max(counts, key=lambda e: counts[e]) if counts else "\n"


def _text_codec(encoding: str) -> str:
    """The codec that reads a file's bytes as its characters, byte-order mark included
    (so an unchanged first line stays byte for byte what it was)."""
    return "utf-8" if encoding == "utf-8-sig" else encoding


@dataclass(frozen=True)
class Rewrite:
    """The file as it is and as it would be cleaned, line by line with line endings."""

    old: list[tuple[str, str]]
    new: list[tuple[str, str]]
    opcodes: list[tuple[str, int, int, int, int]]

    def fixed_text(self) -> str:
        return "".join(content + ending for content, ending in self.new)


def rewrite(original: str, normalized: str, cleaned: str) -> Rewrite:
    """Line up the file's text (``original``, its own line endings and byte-order mark)
    with the cleaned text (``\\n`` line endings): lines that did not change keep theirs,
    new ones get the file's usual line ending."""
    old = _lines_with_endings(original)
    bom = "\ufeff" if original.startswith("\ufeff") and not normalized.startswith("\ufeff") else ""
    newline = _dominant_newline(old)
    raw_new = _lines_with_endings(bom + cleaned)
    new = [(content, newline if ending else "") for content, ending in raw_new]
    matcher = difflib.SequenceMatcher(None, [_key(line) for line in old], [_key(line) for line in new], autojunk=False)
    opcodes = matcher.get_opcodes()
    for tag, i1, i2, j1, _ in opcodes:
        if tag == "equal":
            for k in range(i2 - i1):
                new[j1 + k] = old[i1 + k]
    return Rewrite(old, new, opcodes)


def _key(line: tuple[str, str]) -> str:
    return line[0] if line[1] else line[0] + "\0"


def unified_diff(rewrite_: Rewrite, name: str, context: int = 3) -> str:
    """A unified diff that ``patch -p0`` and ``git apply -p0`` apply to the file ``name``."""
    old, new = rewrite_.old, rewrite_.new
    matcher = difflib.SequenceMatcher(None, [_key(line) for line in old], [_key(line) for line in new], autojunk=False)
    out: list[str] = []
    for group in matcher.get_grouped_opcodes(context):
        if not out:
            out += [f"--- {name}\n", f"+++ {name}\n"]
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += (_diff_line(" ", line) for line in old[i1:i2])
                continue
            out += (_diff_line("-", line) for line in old[i1:i2])
            out += (_diff_line("+", line) for line in new[j1:j2])
    return "".join(out)


def _range(start: int, end: int) -> str:
    length = end - start
    first = start + 1 if length else start
    return f"{first}" if length == 1 else f"{first},{length}"


def _diff_line(sign: str, line: tuple[str, str]) -> str:
    content, ending = line
    if not ending:
        return f"{sign}{content}\n\\ No newline at end of file\n"
    if ending in ("\n", "\r\n"):
        return f"{sign}{content}{ending}"
    return f"{sign}{content}{ending}\n"  # a lone \r or U+2028 ends no line for patch: keep it, end the diff line


# --- one document ---------------------------------------------------------------------


@dataclass(frozen=True)
class Want:
    """What the caller needs beyond the findings."""

    fixed: bool = False  # the cleaned file's bytes (--fix, --diff)
    diff: bool = False
    write: bool = False  # write the cleaned file back (--fix on a file)
    name: str | None = None  # the file's name in reports (--stdin-filename)


def lint_file(source: Source, config: Config, want: Want, data: bytes | None = None) -> FileReport:
    """Check one text file (or standard input, given as ``data``)."""
    label = want.name if want.name and source.path is None else source.label
    report = FileReport(label)
    try:
        if data is None:
            data = _read_bytes(source, config.max_size_mb)
        decoded = decode(data, config.encoding)
        document = Document(label, decoded.text, decoded.encoding)
        result = process(document, config)
        cleaned, located = clean_in_place(result, config)
    except CutterError as error:
        report.error = str(error)
        return report
    except Exception as error:  # a bug must not cost the user the other inputs
        report.error = f"internal error ({type(error).__name__}: {error})"
        return report
    report.findings = place(document.text, located, label)
    if not (want.fixed or want.diff or want.write):
        return report
    report.original = data
    if cleaned == document.text:
        return report
    try:
        original = data.decode(_text_codec(decoded.encoding))
        done = rewrite(original, document.text, cleaned)
        _check_structure(result, cleaned)
        fixed = done.fixed_text().encode(_text_codec(decoded.encoding))
    except UnicodeError as error:
        report.error = f"cannot fix: the cleaned text cannot be written in {decoded.encoding} ({error.reason})"
        return report
    except InputError as error:
        report.error = str(error)
        return report
    report.fixed = fixed
    if want.diff:
        diff = unified_diff(done, label)
        codec = _text_codec(decoded.encoding)
        report.diff = diff.encode(codec if not codec.startswith("utf-16") and not codec.startswith("utf-32") else "utf-8")
    if want.write and source.path is not None:
        try:
            write_bytes_atomic(source.path, fixed)
            report.wrote = True
        except OSError as error:
            report.error = f"cannot write the fixed file: {(error.strerror or str(error)).lower()}"
    return report


def _check_structure(result: Result, cleaned: str) -> None:
    """Refuse a fix after which the file would split into other pieces."""
    after = split(Document(result.layout.document.source, cleaned))
    if [p.title for p in after.pieces] != [p.piece.title for p in result.pieces]:
        raise InputError("cannot fix safely: the cleaned file would split into other pieces; see --diff")


def lint_record(source: Source, label: str, number: int, line: str, config: Config, field_name: str) -> FileReport:
    """Check one line of a JSONL dump, reported as ``FILE:LINE``."""
    report = FileReport(label)
    try:
        document, _ = _dataset_document(label, line, field_name)
        result = process(document, config)
        _, located = clean_in_place(result, config)
    except CutterError as error:
        report.error = str(error)
        return report
    except Exception as error:
        report.error = f"internal error ({type(error).__name__}: {error})"
        return report
    report.findings = place(document.text, located, source.label, record_line=number)
    return report


def _read_bytes(source: Source, limit_mb: int) -> bytes:
    if source.path is None:
        return sys.stdin.buffer.read()
    if source.size > limit_mb * 1_000_000:
        raise InputError(f"{source.size / 1e6:.1f} MB is over the {limit_mb} MB limit for one page; raise --max-size")
    try:
        return source.path.read_bytes()
    except OSError as error:
        raise InputError((error.strerror or str(error)).lower()) from None


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` by a rename, keeping the file's permission bits."""
    write_atomic(path, data, mode=path.stat().st_mode & 0o7777)


# --- many documents -------------------------------------------------------------------


def lint_task(task: Task, config: Config, want: Want, field_name: str, data: bytes | None = None) -> list[FileReport]:
    """One task of :func:`cutter.batch.tasks`: a whole file, or a run of a dump's lines."""
    source = task.source
    if not source.dataset:
        return [lint_file(source, config, want, task.data if data is None else data)]
    if want.fixed or want.diff or want.write:
        return [FileReport(source.label, error="--fix and --diff work on text files, not on JSONL dumps")]
    reports = []
    try:
        for number, line in enumerate(task_lines(task), start=task.first_line):
            if line.strip():
                reports.append(lint_record(source, f"{source.label}:{number}", number, line, config, field_name))
    except DatasetBroken as broken:
        reports.append(_failed(broken.outcome))
    return reports


def _failed(outcome: Outcome) -> FileReport:
    """The report of a source that failed to be read, or of a dump that broke off (``check``
    keeps no output: its findings are what is incomplete)."""
    error = (outcome.error or "").replace("none of its output is kept", "its findings are incomplete")
    return FileReport(outcome.label, error=error if outcome.aborts else outcome.error, broke_off=outcome.aborts)


def lint_all(
    items: Iterable[Source | object], config: Config, want: Want, field_name: str = "text", jobs: int = 1
) -> Iterator[FileReport]:
    """Check every source, in worker processes when ``jobs`` > 1; reports come in source order.
    A dump that broke off is reported once, though each of its later spans finds it."""
    broken: set[str] = set()
    for report in _lint_all(items, config, want, field_name, jobs):
        if report.broke_off:
            if report.label in broken:
                continue
            broken.add(report.label)
        yield report


def _lint_all(
    items: Iterable[Source | object], config: Config, want: Want, field_name: str, jobs: int
) -> Iterator[FileReport]:
    work: list[Task | FileReport] = []
    for item in items:
        if isinstance(item, Outcome):
            work.append(_failed(item))
            continue
        for task in tasks(item):  # type: ignore[arg-type]
            work.append(task if isinstance(task, Task) else _failed(task))
    stdin = [w for w in work if isinstance(w, Task) and w.source.path is None and not w.source.dataset]
    if jobs <= 1 or len(work) <= 1 or stdin:
        for item in work:
            yield from [item] if isinstance(item, FileReport) else lint_task(item, config, want, field_name)
        return
    from .workers import worker_context

    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=worker_context())
    try:
        pending = [item if isinstance(item, FileReport) else pool.submit(lint_task, item, config, want, field_name) for item in work]
        for waiting in pending:
            yield from [waiting] if isinstance(waiting, FileReport) else waiting.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


