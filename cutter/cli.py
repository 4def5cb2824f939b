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

FILE_SUFFIXES = (".jsonl", ".json", ".txt", ".ndjson")
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
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _names(values: tuple[str, ...]) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="cutter")
def main() -> None:
    """Split scraped Chinese essay compilations (…大全9篇, …汇总9篇) into clean pieces.

    Every change cutter makes is recorded; `cutter rules` lists the rules.
    """


def rule_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options that choose and feed the rules, shared by split and check."""
    for option in reversed(
        [
            click.option("--select", multiple=True, metavar="RULES", help="Run only these rules (comma-separated)."),
            click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (comma-separated)."),
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


def _config(**options: Any) -> Config:
    from .config import load
    from .errors import ConfigError

    for key in ("select", "ignore"):
        options[key] = _names(options[key])
    try:
        return load().updated(**options)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None


@main.command("split")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), help="Output format (default: text).")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="A file (name ending .jsonl/.txt) to write everything to, or a folder that mirrors the input tree: "
    "one folder of piece files (text) or one .jsonl (jsonl) per source. Default: standard output.",
)
@click.option("--titles/--no-titles", default=None, help="Text format: start each piece with its title line.")
@click.option("--edits/--no-edits", default=None, help="JSONL: include the edits list (default: on).")
@rule_options
@click.option("--glob", "pattern", default="*.txt", show_default=True, help="Which files to take from folders.")
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
def split_command(
    paths: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    titles: bool | None,
    edits: bool | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    encoding: str | None,
    keep_boilerplate: bool | None,
    max_size_mb: int | None,
    pattern: str,
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
    import json

    from .batch import STDIN, Source, discover, run, shard_of, unsafe_outputs
    from .export import FolderSink, OutputBusy, ReaderGone, write_all, write_atomic
    from .report import RunSummary

    config = _config(
        select=select, ignore=ignore, format=fmt, titles=titles, edits=edits, encoding=encoding,
        keep_boilerplate=keep_boilerplate, max_size_mb=max_size_mb,
    )  # fmt: skip
    folder = output if output is not None and _is_folder(output) else None
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
    sources = list(discover(paths, pattern, input_format == "jsonl", exclude=folder, skipped=skipped))
    if output is not None:
        targets = FolderSink(folder, config.format).target if folder is not None else None
        problem = unsafe_outputs(sources, output, targets)
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
            sink = _sink(output, folder, config, shard, {"version": __version__, "field": field_name, "input_format": input_format})
        except OutputBusy as busy:
            console.print(f"cutter: error: another cutter run is writing to {busy}; wait for it to end, or write elsewhere", markup=False)
            sys.exit(2)
        if isinstance(sink, FolderSink) and shard is None and sink.sweep() and not quiet:
            console.print("cutter: removed the unfinished outputs of an interrupted run", markup=False)
        with progress:
            bar = progress.add_task("splitting", total=total_bytes or None, files=0, pieces=0, rate="")
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
        write_atomic(report, json.dumps(summary.as_dict(), ensure_ascii=False, indent=2) + "\n")
    if shard is not None and folder is not None:
        marker = folder / f".cutter-shard-{shard[0]}-of-{shard[1]}.done"
        write_atomic(marker, json.dumps({"shard": shard[0], "of": shard[1], **summary.as_dict()}, ensure_ascii=False) + "\n")
    if not quiet and len(sources) > 1 or report is not None and not quiet:
        for table in summary.tables():
            console.print(table)
    sys.exit(1 if summary.failed else 0)


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
            self.console.print("\n".join(self.lines), markup=False)
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

    from .export import FileSink, FolderSink, Manifest, StdoutSink

    if folder is not None:
        sink = FolderSink(folder, config.format, Manifest(folder, {**run, "config": asdict(config)}, shard))
        sink.lock(shard)
        assert sink.manifest is not None
        sink.manifest.load()
        return sink
    if output is not None:
        return FileSink(output, config.format)
    return StdoutSink(sys.stdout.buffer, config.format)


def _progress(console: Console, quiet: bool) -> Progress:
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[rate]}"),
        TextColumn("{task.fields[files]} documents, {task.fields[pieces]} pieces"),
        TimeRemainingColumn(),
        console=console,
        disable=quiet or not console.is_terminal,
    )


@main.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--diff", "show_diff", is_flag=True, help="Show a unified diff of raw against clean text instead.")
@rule_options
def check_command(
    paths: tuple[str, ...],
    show_diff: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    encoding: str | None,
    keep_boilerplate: bool | None,
    max_size_mb: int | None,
) -> None:
    """Show what split would change in PATH..., and change nothing.

    \b
    Each change is printed as  FILE:LINE:COL RULE  'before' → 'after'
    and each warning as        FILE:LINE:COL RULE  warning: …
    then a summary table per rule goes to standard error.
    Exit status: 0 the text is already clean, 1 something would change
    (or an input failed), 2 usage error.
    """
    from collections import Counter

    from rich.console import Console
    from rich.syntax import Syntax

    from .batch import discover, run
    from .report import diff, findings, summary

    config = _config(
        select=select, ignore=ignore, encoding=encoding, keep_boilerplate=keep_boilerplate, max_size_mb=max_size_mb
    )
    out, console = Console(highlight=False, soft_wrap=True), _console()
    counts: Counter[tuple[str, str]] = Counter()
    files = failed = 0
    for outcome in run(discover(paths), config):
        files += 1
        if outcome.error is not None or outcome.result is None:
            failed += 1
            console.print(f"cutter: error: {outcome.label}: {outcome.error}", markup=False)
            continue
        for finding in findings(outcome.result):
            counts[(finding.rule, "warning" if finding.before is None else "change")] += 1
            if not show_diff:
                out.print(finding.text())
        if show_diff:
            patch = diff(outcome.result)
            if patch:
                out.print(Syntax(patch, "diff", theme="ansi_dark") if out.is_terminal else patch, end="")
    console.print(summary(counts, files, failed))
    changed = any(kind == "change" for _, kind in counts)
    sys.exit(1 if changed or failed else 0)


@main.command("rules")
def rules_command() -> None:
    """List every normalization rule with a one-line description and an example."""
    from rich.console import Console
    from rich.table import Table

    from .rules import RULES

    table = Table(title="cutter rules (run in this order)")
    table.add_column("rule", style="bold")
    table.add_column("what it does")
    table.add_column("example")
    for rule in RULES:
        before, after = rule.example
        table.add_row(rule.name, rule.summary, f"{before!r} → {after!r}")
    Console(soft_wrap=False).print(table)


def _is_folder(path: Path) -> bool:
    if path.is_dir() or str(path).endswith(("/", "\\")):
        return True
    return not path.exists() and path.suffix.lower() not in FILE_SUFFIXES


