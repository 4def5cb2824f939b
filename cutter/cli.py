"""The ``cutter`` command: argument handling and wiring, nothing else."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.syntax import Syntax
from rich.table import Table

from . import __version__
from . import config as config_module
from .batch import Outcome, discover, run
from .errors import ConfigError
from .export import jsonl, piece_files, text_document, write_atomic
from .report import diff, findings, summary
from .rules import RULES

FILE_SUFFIXES = (".jsonl", ".json", ".txt", ".ndjson")


def _console() -> Console:
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
        ]
    ):  # fmt: skip
        command = option(command)
    return command


def _config(**options: Any) -> config_module.Config:
    for key in ("select", "ignore"):
        options[key] = _names(options[key])
    try:
        return config_module.load().updated(**options)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None


@main.command("split")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), help="Output format (default: text).")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="A file (name ending .jsonl/.txt) to write everything to, or a folder: one file per piece "
    "(text) or one .jsonl per source. Default: standard output.",
)
@click.option("--titles/--no-titles", default=None, help="Text format: start each piece with its title line.")
@click.option("--edits/--no-edits", default=None, help="JSONL: include the edits list (default: on).")
@rule_options
@click.option("-q", "--quiet", is_flag=True, help="Print errors only, no warnings.")
def split_command(
    paths: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    titles: bool | None,
    edits: bool | None,
    encoding: str | None,
    keep_boilerplate: bool | None,
    quiet: bool,
) -> None:
    """Split each compilation in PATH... into its pieces and clean them.

    PATH is a file, a folder (its *.txt files, recursively) or - for standard input.

    \b
    Text output: one block per piece, one paragraph per line, blocks separated
    by a blank line (with --titles, each block starts with the piece title).
    JSONL output: one record per piece, as documented in the README.
    Warnings and errors go to standard error. Exit status: 0 all inputs done,
    1 some input failed (the others were still written), 2 usage error.
    """
    config = _config(
        select=select, ignore=ignore, format=fmt, titles=titles, edits=edits, encoding=encoding,
        keep_boilerplate=keep_boilerplate,
    )  # fmt: skip
    console = _console()
    to_folder = output is not None and _is_folder(output)
    collected: list[str] = []
    failed = False
    for outcome in run(discover(paths), config):
        if outcome.error is not None or outcome.result is None:
            failed = True
            console.print(f"cutter: error: {outcome.source.label}: {outcome.error}", markup=False)
            continue
        if not quiet:
            _print_warnings(console, outcome)
        data = _render(outcome, config)
        if to_folder:
            assert output is not None
            _write_folder(output, outcome, config, data)
        elif output is not None:
            collected.append(data)
        else:
            _stdout(data)
    if output is not None and not to_folder:
        write_atomic(output, "".join(collected) if config.format == "jsonl" else "\n".join(collected))
    sys.exit(1 if failed else 0)


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
) -> None:
    """Show what split would change in PATH..., and change nothing.

    \b
    Each change is printed as  FILE:LINE:COL RULE  'before' → 'after'
    and each warning as        FILE:LINE:COL RULE  warning: …
    then a summary table per rule goes to standard error.
    Exit status: 0 the text is already clean, 1 something would change
    (or an input failed), 2 usage error.
    """
    config = _config(select=select, ignore=ignore, encoding=encoding, keep_boilerplate=keep_boilerplate)
    out, console = Console(highlight=False, soft_wrap=True), _console()
    counts: Counter[tuple[str, str]] = Counter()
    files = failed = 0
    for outcome in run(discover(paths), config):
        files += 1
        if outcome.error is not None or outcome.result is None:
            failed += 1
            console.print(f"cutter: error: {outcome.source.label}: {outcome.error}", markup=False)
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
    table = Table(title="cutter rules (run in this order)")
    table.add_column("rule", style="bold")
    table.add_column("what it does")
    table.add_column("example")
    for rule in RULES:
        before, after = rule.example
        table.add_row(rule.name, rule.summary, f"{before!r} → {after!r}")
    Console(soft_wrap=False).print(table)


def _render(outcome: Outcome, config: config_module.Config) -> str:
    assert outcome.result is not None
    if config.format == "jsonl":
        return jsonl(outcome.result.records(edits=config.edits))
    return text_document(outcome.result, titles=config.titles)


def _write_folder(folder: Path, outcome: Outcome, config: config_module.Config, data: str) -> None:
    assert outcome.result is not None
    if config.format == "jsonl":
        write_atomic(folder / f"{outcome.source.stem}.jsonl", data)
        return
    for relative, content in piece_files(outcome.result, outcome.source.stem, titles=config.titles):
        write_atomic(folder / relative, content)


def _print_warnings(console: Console, outcome: Outcome) -> None:
    assert outcome.result is not None
    label = outcome.source.label
    for warning in outcome.result.warnings:
        console.print(f"cutter: warning: {label}: {warning}", markup=False)
    for piece in outcome.result.pieces:
        for warning in piece.warnings:
            console.print(f"cutter: warning: {label}: piece {piece.piece.index}: {warning}", markup=False)


def _is_folder(path: Path) -> bool:
    if path.is_dir() or str(path).endswith(("/", "\\")):
        return True
    return not path.exists() and path.suffix.lower() not in FILE_SUFFIXES


def _stdout(data: str) -> None:
    sys.stdout.buffer.write(data.encode("utf-8"))
    sys.stdout.buffer.flush()
