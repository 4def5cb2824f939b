"""One frozen Config, built from the config file and then the flags.

Every option lives here, documented once. In a file, keys are written in kebab-case
(``keep-boilerplate``); snake_case (``keep_boilerplate``) is accepted too.

``select``        rule names, kinds (``fix``, ``boilerplate``, ``detect``, ``warning``) or
                  ``ALL`` to run (default: ``ALL``)
``extend-select`` more of them, added to ``select``
``ignore``        rule names, kinds or warning kinds to skip
``extend-ignore`` more of them, added to ``ignore``
``format``        ``"text"`` or ``"jsonl"``
``titles``        text format: print each piece's title as the first line of its block
``edits``         JSONL: include the ``edits`` list in every record
``encoding``      force an input encoding instead of detecting it
``keep-boilerplate``  keep site boilerplate in the text; report it as warnings instead
``max-size-mb``   refuse input files larger than this (a page is kilobytes; a huge file is a dump)
``jobs``          worker processes (default: all cores)
``glob``          which files to take from folders (default ``*.txt``)

Selection works as ruff's: the most specific selector that names a rule decides
(a rule name beats a kind, a kind beats ``ALL``); when ``select`` and ``ignore``
are equally specific, ``ignore`` wins.

>>> "page-break" in Config(ignore=("page-break",)).rule_names()
False
>>> Config(select=("ALL",), ignore=("boilerplate",), extend_select=("footer",)).selects("footer")
True
"""

from __future__ import annotations

import functools

import difflib
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .lint_warnings import WARNINGS
from .rules import BY_NAME, RULES, Rule

FORMATS = ("text", "jsonl")
KINDS = ("fix", "boilerplate", "detect", "warning")
ALL = "ALL"
CONFIG_FILES = (".cutter.toml", "cutter.toml", "pyproject.toml")


def selectable() -> list[str]:
    """Every name ``--select`` and ``--ignore`` accept."""
    return [ALL, *KINDS, *BY_NAME, *WARNINGS]


def check_names(names: tuple[str, ...], where: str) -> None:
    known = selectable()
    for name in names:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigError(f"{where}: unknown rule or kind {name!r}{hint} ('cutter rules' lists them)")


def matches(selector: str, name: str) -> bool:
    """Whether a selector (a rule or warning name, a kind, ``ALL``) names a rule or warning kind.

    >>> matches("boilerplate", "footer"), matches("fix", "footer"), matches("ALL", "intro")
    (True, False, True)
    """
    return _specificity(selector, name) >= 0


def _specificity(selector: str, name: str) -> int:
    """How closely ``selector`` names ``name``: 2 by name, 1 by kind, 0 by ALL, -1 not at all."""
    if selector == name:
        return 2
    if selector == ALL:
        return 0
    kind = BY_NAME[name].category if name in BY_NAME else "warning"
    return 1 if selector == kind else -1


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    format: str = "text"
    titles: bool = False
    edits: bool = True
    encoding: str | None = None
    keep_boilerplate: bool = False
    max_size_mb: int = 64
    jobs: int | None = None
    glob: str = "*.txt"

    def __post_init__(self) -> None:
        for key in ("select", "ignore", "extend_select", "extend_ignore"):
            check_names(getattr(self, key) or (), _option(key))
        if self.format not in FORMATS:
            raise ConfigError(f"unknown format {self.format!r}; choose text or jsonl")

    def selects(self, name: str) -> bool:
        """Whether a rule or warning kind is switched on."""
        chosen = max((_specificity(s, name) for s in (*(self.select or (ALL,)), *self.extend_select)), default=-1)
        dropped = max((_specificity(s, name) for s in (*self.ignore, *self.extend_ignore)), default=-1)
        return chosen >= 0 and chosen > dropped

    def rules(self) -> tuple[Rule, ...]:
        return _selected_rules(self.select, self.ignore, self.extend_select, self.extend_ignore)

    def rule_names(self) -> list[str]:
        return [r.name for r in self.rules()]

    def updated(self, **changes: Any) -> Config:
        """A copy with the given options changed; ``None`` values leave an option as it is,
        and ``extend_select``/``extend_ignore`` add to what the config file extended."""
        values = {k: v for k, v in changes.items() if v is not None}
        for key in ("extend_select", "extend_ignore"):
            if key in values:
                values[key] = (*getattr(self, key), *values[key])
        return replace(self, **values)


@functools.lru_cache(maxsize=64)
def _selected_rules(*selection: Any) -> tuple[Rule, ...]:
    """The rules a selection switches on, worked out once per selection, not per document."""
    chooser = Config(*selection)
    return tuple(r for r in RULES if chooser.selects(r.name))


def load(start: Path | None = None, path: Path | None = None, isolated: bool = False) -> Config:
    """The Config from ``path``, else from the nearest ``.cutter.toml``, ``cutter.toml``
    or ``pyproject.toml`` with a ``[tool.cutter]`` table; ``isolated``: no file at all."""
    if isolated:
        return Config()
    if path is not None:
        table = _table(path, required=True)
        return from_table(table or {}, path)
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                table = _table(candidate)
                if table is not None:
                    return from_table(table, candidate)
    return Config()


_TYPES: dict[str, tuple[type, str]] = {
    "format": (str, "a string (text or jsonl)"),
    "titles": (bool, "true or false"),
    "edits": (bool, "true or false"),
    "encoding": (str, "a string (an encoding name)"),
    "keep_boilerplate": (bool, "true or false"),
    "max_size_mb": (int, "a whole number of megabytes, at least 1"),
    "jobs": (int, "a whole number, at least 1"),
    "glob": (str, "a string (a file name pattern)"),
}
_NAMES = ("select", "ignore", "extend_select", "extend_ignore")


def from_table(table: dict[str, Any], where: Path | str = "pyproject.toml") -> Config:
    """A Config from a config table, every value checked with its key named.

    >>> from_table({"select": "fullwidth", "keep-boilerplate": True}).select
    ('fullwidth',)
    >>> from_table({"titles": "no"})
    Traceback (most recent call last):
    cutter.errors.ConfigError: pyproject.toml: titles: expected true or false, got 'no'
    """
    known = {f.name for f in fields(Config)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in known:
            close = difflib.get_close_matches(key, [_option(k) for k in known], n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigError(f"{where}: unknown option {key!r}{hint}")
        values[name] = _checked(name, key, value, where)
    try:
        return Config(**values)
    except ConfigError as error:
        raise ConfigError(f"{where}: {error}") from None


def _checked(name: str, key: str, value: Any, where: Path | str) -> Any:
    if name in _NAMES:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: {key}: expected a rule name or a list of them, got {value!r}")
        return tuple(part.strip() for v in value for part in v.split(",") if part.strip())
    expected, described = _TYPES[name]
    wrong_type = not isinstance(value, expected) or (expected is int and isinstance(value, bool))
    if wrong_type or (expected is int and value < 1):
        raise ConfigError(f"{where}: {key}: expected {described}, got {value!r}")
    return value


def _option(name: str) -> str:
    return name.replace("_", "-")


def _table(path: Path, required: bool = False) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        cause = error.strerror.lower() if isinstance(error, OSError) and error.strerror else str(error)
        raise ConfigError(f"{path}: cannot read: {cause}") from None
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: tool: expected a table, got {tool!r}")
    table = tool.get("cutter")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: tool.cutter: expected a table, got {table!r}")
    return {} if table is None and required else table
