"""One frozen Config, built from ``[tool.cutter]`` in pyproject.toml and then the flags.

Every option lives here, documented once:

``select``    rule names to run (``None``: every rule)
``ignore``    rule names to skip, applied after ``select``
``format``    ``"text"`` or ``"jsonl"``
``titles``    text format: print each piece's title as the first line of its block
``edits``     JSONL: include the ``edits`` list in every record
``encoding``  force an input encoding instead of detecting it
``keep_boilerplate``  keep site boilerplate in the text; report it as warnings instead
``max_size_mb``  refuse input files larger than this (a page is kilobytes; a huge file is a dump)

>>> "page-break" in Config(ignore=("page-break",)).rule_names()
False
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .rules import BY_NAME, RULES, Rule

FORMATS = ("text", "jsonl")


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    format: str = "text"
    titles: bool = False
    edits: bool = True
    encoding: str | None = None
    keep_boilerplate: bool = False
    max_size_mb: int = 64

    def __post_init__(self) -> None:
        for name in (*(self.select or ()), *self.ignore):
            if name not in BY_NAME:
                raise ConfigError(f"unknown rule {name!r}; 'cutter rules' lists them")
        if self.format not in FORMATS:
            raise ConfigError(f"unknown format {self.format!r}; choose text or jsonl")

    def rules(self) -> tuple[Rule, ...]:
        chosen = set(self.select) if self.select is not None else set(BY_NAME)
        return tuple(r for r in RULES if r.name in chosen and r.name not in self.ignore)

    def rule_names(self) -> list[str]:
        return [r.name for r in self.rules()]

    def updated(self, **changes: Any) -> Config:
        """A copy with the given options changed; ``None`` values leave an option as it is."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load(start: Path | None = None) -> Config:
    """The Config from the nearest pyproject.toml with a ``[tool.cutter]`` table."""
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            table = _table(candidate)
            if table is not None:
                return from_table(table, candidate)
    return Config()


def from_table(table: dict[str, Any], where: Path | str = "pyproject.toml") -> Config:
    known = {f.name for f in fields(Config)}
    unknown = set(table) - known
    if unknown:
        raise ConfigError(f"{where}: unknown [tool.cutter] option(s): {', '.join(sorted(unknown))}")
    values = dict(table)
    for key in ("select", "ignore"):
        if key in values:
            values[key] = tuple(values[key])
    return Config(**values)


def _table(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    return data.get("tool", {}).get("cutter")
