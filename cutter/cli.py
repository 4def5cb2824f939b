"""The ``cutter`` command: argument handling and wiring, nothing else.

The pipeline is imported inside the commands, so ``cutter --version`` and ``--help``
start without compiling a single pattern.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from .batch import Outcome, Source
    from .config import Config
    from .export import FileSink, FolderSink, StdoutSink

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json")
TEXT_SUFFIXES = (".txt",)
SIGPIPE_STATUS = 141  # 128 + SIGPIPE, what a shell reports for a tool cut short by `| head`
INTERRUPTED_STATUS = 130  # 128 + SIGINT, what a shell reports for a tool stopped by Ctrl-C


class ShardType(click.ParamType):
    """``I/N`` with 0 <= I < N."""

    name = "shard"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[int, int]:
        if isinstance(value, tuple):
            return value
        try:
            index, count = (int(part) for part in str(value).split("/"))
        except ValueError:
            self.fail(f"{value!r} is not I/N (for example 0/4)", param, ctx)
        if not 0 <= index < count:
            self.fail(f"{value!r}: I must be at least 0 and less than N", param, ctx)
        return index, count


def _console() -> Console:
    """rich's console for standard error, made when first used: a quiet run that prints nothing
    never imports rich (0.05-0.1 s of its start-up)."""
    return _LazyConsole()  # type: ignore[return-value]


class _LazyConsole:
    def __init__(self) -> None:
        self._console: Console | None = None

    @property
    def real(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True, highlight=False, soft_wrap=True)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def _names(values: tuple[str, ...]) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


class Failure(click.ClickException):
    """A user's mistake or the file system's refusal: one line on standard error, exit 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        _error_line(self.format_message())


def _error_line(message: str) -> None:
    styled = click.style("error", fg="red", bold=True) if sys.stderr.isatty() else "error"
    click.echo(f"cutter: {styled}: {message}", err=True)


class OneLineGroup(click.Group):
    """Usage errors as one line, ``cutter: error: … (see 'cutter split --help')``, exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx is not None else "cutter"
            raise Failure(f"{error.format_message()} (see '{where} --help')") from None


@click.group(cls=OneLineGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="cutter")
def main() -> None:
    """Split scraped Chinese essay compilations (…大全9篇, …汇总9篇) into clean pieces.

    Every change cutter makes is recorded; `cutter rules` lists the rules, and
    `cutter check` reports them as a linter does.
    """


def rule_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options that choose and feed the rules, shared by split and check."""
    for option in reversed(
        [
            click.option(
                "--select", multiple=True, metavar="RULES",
                help="Run only these rules: names, kinds (fix, boilerplate, detect, warning) or ALL; comma-separated.",
            ),
            click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules, kinds or warnings."),
            click.option("--extend-select", multiple=True, metavar="RULES", help="Add to the config's select."),
            click.option("--extend-ignore", multiple=True, metavar="RULES", help="Add to the config's ignore."),
            click.option(
                "--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
                help="Read options from this TOML file (pyproject.toml: its [tool.cutter]).",
            ),
            click.option("--isolated", is_flag=True, help="Read no config file."),
            click.option("--encoding", help="Force the input encoding (default: detect UTF-8/16, GB18030, Big5)."),
            click.option(
                "--keep-boilerplate", is_flag=True, default=None,
                help="Keep site boilerplate in the text; warn about it instead.",
            ),
            click.option(
                "--max-size", "max_size_mb", type=click.IntRange(min=1), metavar="MB",
                help="Refuse input files larger than this (default 64).",
            ),
        ]
    ):  # fmt: skip
        command = option(command)
    return command


def _config(config_file: Path | None = None, isolated: bool = False, **options: Any) -> Config:
    from .config import load
    from .errors import ConfigError

    for key in ("select", "ignore", "extend_select", "extend_ignore"):
        if key in options:
            named = _names(options[key])
            options[key] = named
            if named:
                _check_option_names(key, named)
    try:
        return load(path=config_file, isolated=isolated).updated(**options)
    except ConfigError as error:
        raise Failure(str(error)) from None


def _check_option_names(key: str, names: tuple[str, ...]) -> None:
    from .config import check_names
    from .errors import ConfigError

    try:
        check_names(names, "--" + key.replace("_", "-"))
    except ConfigError as error:
        raise Failure(str(error)) from None


@main.command("split")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), help="Output format (default: text).")
@click.option(
    "-o",
    "--output",
    "output_given",
    type=click.Path(allow_dash=True),
    help="- for standard output (the default); a file named .jsonl, .ndjson, .jsonl.gz (compressed) or .json "
    "(JSONL, --format jsonl implied) or .txt (text); or a folder (an existing one, a name ending in /, or a "
    "name without an extension) that mirrors the input tree: one folder of piece files (text) or one .jsonl "
    "(jsonl) per source. Any other extension is a usage error.",
)
@click.option("--titles/--no-titles", default=None, help="Text format: start each piece with its title line.")
@click.option("--edits/--no-edits", default=None, help="JSONL: include the edits list (default: on).")
@rule_options
@click.option("--glob", "pattern", help="Which files to take from folders (default: *.txt).")
@click.option(
    "--input-format",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="jsonl: every line of an input is a JSON object whose --field holds one raw compilation "
    "(.jsonl, .jsonl.gz and .ndjson files are read this way anyway).",
)
@click.option("--field", "field_name", default="text", show_default=True, help="The JSONL field with the raw text.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option(
    "--resume", is_flag=True,
    help="With -o FOLDER: skip sources whose output was made from the same file with the same options and version.",
)
@click.option(
    "--shard",
    type=ShardType(),
    metavar="I/N",
    help="With -o FOLDER: process only shard I of N (0-based; a stable hash of each source path), "
    "then write FOLDER/.cutter-shard-I-of-N.done.",
)
@click.option("--report", type=click.Path(path_type=Path), help="Write the run summary as JSON to this file.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=300,
    show_default=True,
    metavar="SECONDS",
    help="A document that takes longer fails alone (its worker is replaced) and the run goes on; 0: no limit.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="ray: run on Ray Data (pip install 'cutter[ray]'); needs -o FOLDER and --format jsonl.",
)
@click.option("--ray-address", help="Join this Ray cluster (default: RAY_ADDRESS, else start a local instance).")
@click.option("-q", "--quiet", is_flag=True, help="No progress, warnings or summary; errors only.")
@click.option("--stdin-filename", metavar="NAME", help="The name standard input (-) goes by in records and messages.")
@click.option("--no-summary", is_flag=True, help="No summary tables on standard error (warnings still shown).")
def split_command(
    paths: tuple[str, ...],
    fmt: str | None,
    output_given: str | None,
    titles: bool | None,
    edits: bool | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    extend_ignore: tuple[str, ...],
    config_file: Path | None,
    isolated: bool,
    encoding: str | None,
    keep_boilerplate: bool | None,
    max_size_mb: int | None,
    pattern: str | None,
    input_format: str,
    field_name: str,
    jobs: int | None,
    resume: bool,
    shard: tuple[int, int] | None,
    report: Path | None,
    timeout: float,
    engine: str,
    ray_address: str | None,
    quiet: bool,
    stdin_filename: str | None,
    no_summary: bool,
) -> None:
    """Split each compilation in PATH... into its pieces and clean them.

    PATH is a file, a folder (its --glob files, recursively) or - for standard input.

    \b
    Text output: one block per piece, one paragraph per line, blocks separated
    by a blank line (with --titles, each block starts with the piece title).
    JSONL output: one record per piece, as documented in the README.
    Warnings, errors, progress and the summary go to standard error.
    Exit status: 0 all inputs done, 1 some input failed (the others were
    still written), 2 usage error.
    """
    if engine != "ray" and (jobs or 2) > 1 and (len(paths) > 1 or any(os.path.isdir(path) for path in paths)):
        from .workers import start_early

        start_early()  # the workers' fork server warms up while this process imports the pipeline
    import json

    from .batch import STDIN, Source, discover, run, shard_of, unsafe_outputs
    from .export import FolderSink, OutputBusy, ReaderGone, write_all, write_atomic
    from .report import RunSummary

    config = _config(
        config_file, isolated, select=select, ignore=ignore, extend_select=extend_select,
        extend_ignore=extend_ignore, format=fmt or _format_named_by(output_given), titles=titles, edits=edits,
        encoding=encoding, keep_boilerplate=keep_boilerplate, max_size_mb=max_size_mb,
    )  # fmt: skip
    output, folder = _checked_output(output_given, config.format, titles, edits, report)
    pattern, jobs = pattern or config.glob, jobs or config.jobs
    if resume and folder is None:
        raise click.UsageError("--resume needs -o FOLDER")
    if shard is not None and folder is None:
        raise click.UsageError("--shard needs -o FOLDER")
    if paths.count(STDIN) > 1:
        raise click.UsageError("- (standard input) can be given only once")
    console = _console()
    if engine == "ray":
        _split_on_ray(paths, folder, config, pattern, input_format == "jsonl", field_name, ray_address, console)
    skipped: list[tuple[str, str]] = []
    sources = _named_stdin(discover(paths, pattern, input_format == "jsonl", exclude=folder, skipped=skipped), stdin_filename)
    if output is not None:
        names = FolderSink(folder, config.format).output_name if folder is not None else None
        problem = unsafe_outputs(sources, output, names)
        if problem is not None:
            raise click.UsageError(problem)
    if shard is not None:
        sources = [s for s in sources if shard_of(s.label, shard[1]) == shard[0]]
    single_file = len(sources) == 1 and isinstance(sources[0], Source) and not sources[0].dataset
    workers = 1 if single_file else (jobs or os.cpu_count() or 1)
    if not quiet:
        for path, why in skipped:
            console.print(f"cutter: warning: {path}: skipped: {why}", markup=False)
    summary = RunSummary()
    total_bytes = sum(s.size for s in sources if isinstance(s, Source))
    progress = _progress(console, quiet)
    sink = outcomes = None
    try:
        try:
            run_options = {"version": __version__, "field": field_name, "input_format": input_format}
            sink = _opened(lambda: _sink(output, folder, config, shard, run_options), output)
        except OutputBusy as busy:
            console.print(f"cutter: error: another cutter run is writing to {busy}; wait for it to end, or write elsewhere", markup=False)
            sys.exit(2)
        if isinstance(sink, FolderSink) and shard is None and sink.sweep() and not quiet:
            console.print("cutter: removed the unfinished outputs of an interrupted run", markup=False)
        with progress:
            documents = "" if any(isinstance(s, Source) and s.dataset for s in sources) else f"/{len(sources):,}"
            bar = progress.add_task("splitting", total=total_bytes or None, files=0, pieces=0, rate="", documents=documents)
            todo: list[Source | Outcome] = []
            for item in sources:
                if isinstance(item, Source) and resume and sink.complete(item):
                    summary.skipped += 1
                    progress.advance(bar, item.size)
                else:
                    todo.append(item)

            diagnostics = Diagnostics(console)

            def seen(outcome: Outcome) -> None:
                summary.add(outcome)
                progress.update(
                    bar, advance=outcome.size, files=summary.ok + summary.failed, pieces=summary.totals.pieces,
                    rate=f"{summary.megabytes_per_second:.1f} MB/s",
                )  # fmt: skip
                if outcome.error is not None:
                    diagnostics.add(f"cutter: error: {outcome.label}: {outcome.error}")
                elif not quiet:
                    for warning in outcome.warnings:
                        diagnostics.add(f"cutter: warning: {outcome.label}: {warning}")

            outcomes = run(todo, config, workers, field_name, sink if isinstance(sink, FolderSink) else None, timeout)
            try:
                write_all(outcomes, sink, seen)
            except ReaderGone:
                diagnostics.flush()
                _quit_quietly()
            diagnostics.flush()
    except KeyboardInterrupt:
        if outcomes is not None:
            outcomes.close()
        if sink is not None:
            sink.close(ok=False)
        console.print("cutter: interrupted: nothing unfinished was kept", markup=False)
        sys.exit(INTERRUPTED_STATUS)
    if report is not None:
        _opened(lambda: write_atomic(report, json.dumps(summary.as_dict(), ensure_ascii=False, indent=2) + "\n"), report)
    if shard is not None and folder is not None:
        marker = folder / f".cutter-shard-{shard[0]}-of-{shard[1]}.done"
        write_atomic(marker, json.dumps({"shard": shard[0], "of": shard[1], **summary.as_dict()}, ensure_ascii=False) + "\n")
    if not (quiet or no_summary) and (len(sources) > 1 or report is not None):
        for table in summary.tables():
            console.print(table)
    sys.exit(1 if summary.failed else 0)


def _named_stdin(items: Any, name: str | None) -> list[Any]:
    """Sources, standard input renamed as ``--stdin-filename`` says."""
    from dataclasses import replace

    from .batch import STDIN, Source

    return [replace(i, label=name) if name and isinstance(i, Source) and i.label == STDIN else i for i in items]


def _split_on_ray(
    paths: tuple[str, ...],
    folder: Path | None,
    config: Config,
    pattern: str,
    dataset: bool,
    field_name: str,
    address: str | None,
    console: Console,
) -> None:
    if folder is None or config.format != "jsonl":
        raise click.UsageError("--engine ray writes JSONL to a folder: give -o FOLDER and --format jsonl")
    try:
        from .engines.ray import split_to_folder
    except ImportError:
        raise click.UsageError("--engine ray needs Ray: pip install 'cutter[ray]'") from None
    done = split_to_folder(list(paths), folder, config, pattern, dataset, field_name, address)
    for label, error in done.errors:
        console.print(f"cutter: error: {label}: {error}", markup=False)
    console.print(f"cutter: ray: {done.documents_ok} documents, {done.pieces} pieces → {folder}", markup=False)
    sys.exit(1 if done.errors else 0)


class Diagnostics:
    """Error and warning lines for standard error, printed in batches: under a live
    progress display every print redraws it, which made a warning-heavy run 5x slower."""

    BATCH = 200
    SECONDS = 0.25

    def __init__(self, console: Console) -> None:
        import time

        self.console, self.lines, self.clock = console, [], time.monotonic
        self.last = self.clock()

    def add(self, line: str) -> None:
        self.lines.append(line)
        if len(self.lines) >= self.BATCH or self.clock() - self.last >= self.SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.lines:
            from rich.text import Text

            shown = Text("\n".join(self.lines))
            if self.console.is_terminal:  # errors stand out from warnings
                start = 0
                for line in self.lines:
                    kind = "error" if line.startswith("cutter: error:") else "warning"
                    shown.stylize("bold red" if kind == "error" else "yellow", start + 8, start + 8 + len(kind))
                    start += len(line) + 1
            self.console.print(shown)
            self.lines = []
        self.last = self.clock()


def _quit_quietly() -> None:
    """The reader of standard output stopped (``| head``): end the run as Unix tools do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(SIGPIPE_STATUS)


def _sink(
    output: Path | None, folder: Path | None, config: Config, shard: tuple[int, int] | None, run: dict[str, Any]
) -> StdoutSink | FileSink | FolderSink:
    """Where the output goes; a folder or file is locked first (OutputBusy if in use)."""
    from dataclasses import asdict

    from .export import FileSink, FolderSink, GzipFileSink, Manifest, StdoutSink

    if folder is not None:
        sink = FolderSink(folder, config.format, Manifest(folder, {**run, "config": asdict(config)}, shard))
        sink.lock(shard)
        assert sink.manifest is not None
        sink.manifest.load()
        return sink
    if output is not None:
        return (GzipFileSink if output.name.lower().endswith(".gz") else FileSink)(output, config.format)
    return StdoutSink(sys.stdout.buffer, config.format)


def _progress(console: Console, quiet: bool) -> Progress:
    if quiet:
        return _NoProgress()  # type: ignore[return-value]
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[rate]}"),
        TextColumn("{task.fields[files]:,}{task.fields[documents]} documents, {task.fields[pieces]:,} pieces"),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=getattr(console, "real", console),
        disable=not console.is_terminal,
    )


class _NoProgress:
    """The progress display of a quiet run: shows nothing, and needs no rich."""

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def add_task(self, *_: object, **__: object) -> int:
        return 0

    def advance(self, *_: object, **__: object) -> None:
        return None

    def update(self, *_: object, **__: object) -> None:
        return None


def input_options(command: Callable[..., None]) -> Callable[..., None]:
    """How inputs are found and read, the same on every command."""
    for option in reversed(
        [
            click.option("--glob", "pattern", help="Which files to take from folders (default: *.txt)."),
            click.option(
                "--input-format", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
                help="jsonl: every line of an input is a JSON object whose --field holds one raw compilation "
                "(.jsonl, .jsonl.gz and .ndjson files are read this way anyway); reported as FILE:LINE.",
            ),
            click.option("--field", "field_name", default="text", show_default=True, help="The JSONL field with the raw text."),
            click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: all cores)."),
            click.option("--stdin-filename", metavar="NAME", help="The name standard input (-) goes by in reports."),
        ]
    ):  # fmt: skip
        command = option(command)
    return command


@main.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "--output-format", type=click.Choice(["full", "concise", "json", "jsonl", "github", "sarif"]), default="full",
    show_default=True, help="How findings are reported on standard output.",
)  # fmt: skip
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of each file against the file cleaned in place; write nothing.")
@click.option("--fix", is_flag=True, help="Write each file cleaned in place (atomically, same encoding and line endings).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2).")
@click.option(
    "--warnings-as-findings", is_flag=True,
    help="Warnings (structural ones, placeholders …) count as findings for the exit status (default: they do not).",
)  # fmt: skip
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of each finding.")
@click.option("--no-summary", is_flag=True, help="No summary line on standard error.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary, no table.")
@rule_options
@input_options
def check_command(
    paths: tuple[str, ...],
    output_format: str,
    show_diff: bool,
    fix: bool,
    exit_zero: bool,
    warnings_as_findings: bool,
    statistics: bool,
    no_summary: bool,
    quiet: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    extend_ignore: tuple[str, ...],
    config_file: Path | None,
    isolated: bool,
    encoding: str | None,
    keep_boilerplate: bool | None,
    max_size_mb: int | None,
    pattern: str | None,
    input_format: str,
    field_name: str,
    jobs: int | None,
    stdin_filename: str | None,
) -> None:
    """Report what split would change in PATH..., as a linter does; change nothing
    unless --fix is given.

    \b
    full (default):  FILE:LINE:COL RULE  'before' → 'after'
                     FILE:LINE:COL RULE  warning: …
    concise:         FILE:LINE:COL: RULE [*] message   ([*]: --fix fixes it)
    json, jsonl:     file, line, column, end, rule, kind, before, after, message
    github:          ::error/::warning workflow annotations
    sarif:           one SARIF 2.1.0 log
    A line holding `cutter: ignore[RULE,…]` is left alone; `cutter: ignore-file`
    leaves the whole file alone.

    \b
    Exit status: 0 nothing to change, 1 findings (warnings only with
    --warnings-as-findings), 2 an error (bad usage, an input that could not be
    read or written), whatever else happened. --exit-zero turns 1 into 0.
    """
    from .batch import discover
    from .lint import Want, lint_all

    config = _config(
        config_file, isolated, select=select, ignore=ignore, extend_select=extend_select, extend_ignore=extend_ignore,
        encoding=encoding, keep_boilerplate=keep_boilerplate, max_size_mb=max_size_mb,
    )  # fmt: skip
    if (show_diff or fix) and input_format == "jsonl":
        raise click.UsageError("--diff and --fix work on text files, not on JSONL dumps")
    if (show_diff or fix) and statistics:
        raise click.UsageError("--statistics reports findings; it does not combine with --diff or --fix")
    if show_diff and output_format != "full":
        raise click.UsageError("--diff prints a diff; --output-format does not apply")
    to_stdout = fix and not show_diff and "-" in paths
    if to_stdout and len(paths) > 1:
        raise click.UsageError("--fix with standard input writes the fixed text to standard output: give - alone")
    want = Want(fixed=fix or show_diff, diff=show_diff, write=fix and not show_diff, name=stdin_filename)
    sources = list(discover(paths, pattern or config.glob, input_format == "jsonl"))
    workers = jobs or config.jobs or _default_workers(sources)
    view = _CheckView(output_format, warnings_as_findings, quiet, to_stdout or show_diff)
    view.statistics_only = statistics
    for report in lint_all(sources, config, want, field_name, workers):
        view.add(report, show_diff, fix and not show_diff, to_stdout)
    view.finish(statistics, show_diff, fix and not show_diff, not (quiet or no_summary))
    if view.failed:
        sys.exit(2)
    sys.exit(0 if exit_zero else view.status(show_diff, fix and not show_diff))


SMALL_RUN_BYTES = 4_000_000  # below this, starting worker processes costs more than it saves


def _default_workers(sources: list[Any]) -> int:
    from .batch import Source

    files = [s for s in sources if isinstance(s, Source)]
    if not any(s.dataset for s in files) and sum(s.size for s in files) < SMALL_RUN_BYTES:
        return 1
    return os.cpu_count() or 1


class _CheckView:
    """Where check's findings go as the reports come in, and what the run amounts to."""

    def __init__(self, output_format: str, warnings_as_findings: bool, quiet: bool, data_on_stdout: bool) -> None:
        from rich.console import Console

        self.format, self.strict, self.quiet = output_format, warnings_as_findings, quiet
        self.out = Console(stderr=data_on_stdout, highlight=False, soft_wrap=True)
        self.console = _console()
        self.findings: list[Any] = []
        self.files = self.failed_count = self.fixed_files = self.fixed_changes = self.diffs = 0
        self.failed: list[str] = []

    def failing(self, finding: Any) -> bool:
        return finding.is_change or self.strict

    def add(self, report: Any, show_diff: bool, fix: bool, to_stdout: bool) -> None:
        from . import lint_format as F

        self.files += 1
        if report.error is not None:
            self.failed.append(report.label)
            self._error(f"{report.label}: {report.error}")
            if to_stdout and report.original is None:
                return
        if show_diff:
            if report.diff:
                self.diffs += 1
                sys.stdout.buffer.write(report.diff)
                sys.stdout.buffer.flush()
            self.findings += report.findings
            return
        findings = report.findings
        if fix:
            changes = [f for f in findings if f.is_change]
            if report.wrote or (to_stdout and report.fixed is not None):
                self.fixed_files += 1
                self.fixed_changes += len(changes)
                if not self.quiet:
                    self.console.print(f"cutter: fixed {_count(len(changes), 'change')} in {report.label}", markup=False)
                findings = [f for f in findings if not f.is_change]
            if to_stdout:
                data = report.fixed if report.fixed is not None else report.original
                if data is None:
                    data = b""
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
        self.findings += findings
        if self.format in ("json", "sarif") or self.statistics_only:
            return
        for finding in findings:
            if self.format == "full":
                self.out.print(F.full(finding))
            elif self.format == "concise":
                self.out.print(F.concise(finding), markup=False)
            elif self.format == "jsonl":
                self.out.file.write(F.as_jsonl(finding))
            else:
                self.out.print(F.github(finding, self.failing(finding)), markup=False)

    statistics_only = False

    def _error(self, message: str) -> None:
        styled = "[bold red]error[/]" if self.console.is_terminal else "error"
        from rich.markup import escape

        self.console.print(f"cutter: {styled}: {escape(message)}")

    def finish(self, statistics: bool, show_diff: bool, fix: bool, summary: bool) -> None:
        from . import lint_format as F
        from .report import summary as table

        if statistics:
            rows = F.statistics(self.findings)
            if self.format in ("json", "jsonl"):
                self.out.file.write(json_dump(rows, self.format))
            else:
                self.out.file.write(F.statistics_text(rows))
        elif self.format == "json" and not show_diff:
            self.out.file.write(F.as_json(self.findings))
        elif self.format == "sarif" and not show_diff:
            self.out.file.write(F.sarif(self.findings, self.strict))
        self.out.file.flush()
        if not summary:
            return
        if self.format == "full" and self.console.is_terminal and not statistics and self.findings:
            self.console.print(table(self.findings, self.files, len(self.failed)))
        changes = sum(1 for f in self.findings if f.is_change)
        warnings = len(self.findings) - changes
        if show_diff:
            line = f"cutter check: {self.diffs:,} of {_count(self.files, 'file')} would change"
        elif fix:
            line = f"cutter check: fixed {_count(self.fixed_changes, 'change')} in {self.fixed_files:,} of "
            line += _count(self.files, "file")
            if warnings:
                line += f"; {_count(warnings, 'warning')} remain"
        else:
            line = f"cutter check: {_count(self.files, 'file')}, {_count(changes, 'change')}"
            line += " (fixable with --fix)" if changes else ""
            line += f", {_count(warnings, 'warning')}"
        if self.failed:
            shown = ", ".join(self.failed[:5]) + (f" and {len(self.failed) - 5:,} more" if len(self.failed) > 5 else "")
            line += f"; {len(self.failed):,} failed: {shown}"
        self.console.print(line, markup=False)

    def status(self, show_diff: bool, fix: bool) -> int:
        if show_diff:
            return 1 if self.diffs or (self.strict and self.findings) else 0
        if fix:
            return 1 if self.strict and any(not f.is_change for f in self.findings) else 0
        return 1 if any(self.failing(f) for f in self.findings) else 0


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def json_dump(rows: list[dict[str, Any]], fmt: str) -> str:
    import json

    if fmt == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


@main.command("rules")
@click.argument("name", required=False)
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(name: str | None, output_format: str) -> None:
    """List every normalization rule and warning kind, or explain the one named NAME
    (what it does, when it acts, when it refuses, examples)."""
    from .lint_rules import describe, describe_all, rule_table

    if name is not None:
        try:
            text = describe(name, output_format)
        except KeyError as error:
            raise Failure(str(error.args[0])) from None
        click.echo(text, nl=False)
        return
    if output_format == "json":
        click.echo(describe_all(), nl=False)
        return
    from rich.console import Console

    console = Console(soft_wrap=True, highlight=False)
    if console.is_terminal:
        console.print(rule_table())
    else:
        from .lint_rules import rule_lines

        click.echo(rule_lines(), nl=False)


def _is_folder(given: str) -> bool:
    """A trailing slash, an existing folder, or a new name without an extension."""
    path = Path(given)
    if given.endswith(("/", "\\")) or path.is_dir():
        return True
    return not path.exists() and not path.suffix


def _format_named_by(output: str | None) -> str | None:
    """``-o x.jsonl`` implies ``--format jsonl``; other names imply nothing."""
    if output is None or output.endswith(("/", "\\")):
        return None
    return "jsonl" if output.lower().endswith(JSONL_SUFFIXES) else None


def _checked_output(
    given: str | None, fmt: str, titles: bool | None, edits: bool | None, report: Path | None
) -> tuple[Path | None, Path | None]:
    """-o as the user meant it, as (file or folder, folder): ``-`` is standard output, a
    trailing slash a folder, a known extension a file of that format; options the format
    ignores are usage errors."""
    if titles is not None and fmt == "jsonl":
        raise click.UsageError("--titles/--no-titles applies to the text format only; JSONL always has the title field")
    if edits is not None and fmt == "text":
        raise click.UsageError("--edits/--no-edits applies to --format jsonl only")
    if report is not None and (report.is_dir() or str(report).endswith(("/", "\\"))):
        raise Failure(f"--report {report} is a folder; name a file, for example {report / 'report.json'}")
    if given is None or given == "-":
        return None, None
    output = Path(given)
    if _is_folder(given):
        return output, output
    name = output.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        if fmt != "jsonl":
            raise click.UsageError(f"-o {output} names a JSONL file, but --format is {fmt}")
    elif name.endswith(TEXT_SUFFIXES):
        if fmt != "text":
            raise click.UsageError(f"-o {output} names a text file, but --format is {fmt}; name it .jsonl")
    elif not output.exists():
        raise click.UsageError(
            f"-o {output}: cutter writes .txt, .jsonl, .ndjson or .jsonl.gz files; end the name with / for a folder"
        )
    return output, None


def _opened(make: Callable[[], Any], path: Path | None) -> Any:
    """Run ``make``; the file system's refusal is one line and exit 2."""
    try:
        return make()
    except OSError as error:
        cause = (error.strerror or str(error)).lower()
        if path is not None and isinstance(error, (FileExistsError, NotADirectoryError)):
            blocking = next((p for p in Path(path).parents if p.exists()), None)
            if blocking is not None and not blocking.is_dir():
                cause = f"{blocking} is a file, not a folder"
        raise Failure(f"cannot write {path}: {cause}") from None


