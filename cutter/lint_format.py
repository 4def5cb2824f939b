"""The forms of a ``cutter check`` report: ``full`` (the default), ``concise``, ``json``,
``jsonl``, ``github`` (workflow annotations) and ``sarif`` (SARIF 2.1.0).

>>> from cutter.lint import Finding
>>> f = Finding("a.txt", 3, 5, 3, 6, "traditional", "fix", "養", "养", "'養' → '养'")
>>> concise(f)
"a.txt:3:5: traditional [*] '養' → '养'"
>>> github(f, failing=True)
"::error title=cutter (traditional),file=a.txt,line=3,col=5,endLine=3,endColumn=6::a.txt:3:5: traditional '養' → '养'"
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import quote

from rich.text import Text

from . import __version__
from .lint import Finding
from .lint_warnings import WARNINGS
from .rules import BY_NAME, RULES

FORMATS = ("full", "concise", "json", "jsonl", "github", "sarif")
SHOWN = 60
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def full(finding: Finding) -> Text:
    """``FILE:LINE:COL RULE  'before' → 'after'`` or ``… RULE  warning: message``, styled."""
    place = Text(f"{finding.file}:{finding.line}:{finding.column} ", style="bold")
    rule = Text(f"{finding.rule:<14} ", style="cyan")
    if finding.before is None:
        return place + rule + Text(f"warning: {finding.message}", style="yellow")
    before, after = _shown(finding.before), _shown(finding.after or "")
    return place + rule + Text(before, style="red") + Text(" → ") + Text(after, style="green")


def concise(finding: Finding) -> str:
    """``FILE:LINE:COL: RULE [*] message``; ``[*]``: fixable with ``--fix``, as ruff marks it."""
    mark = " [*]" if finding.is_change else ""
    return f"{finding.file}:{finding.line}:{finding.column}: {finding.rule}{mark} {finding.message}"


def as_json(findings: Iterable[Finding]) -> str:
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"


def as_jsonl(finding: Finding) -> str:
    return json.dumps(finding.as_dict(), ensure_ascii=False) + "\n"


def github(finding: Finding, failing: bool) -> str:
    """A GitHub Actions workflow command: ``::error`` for what fails the check, else ``::warning``."""
    level = "error" if failing else "warning"
    properties = {
        "title": f"cutter ({finding.rule})",
        "file": finding.file,
        "line": finding.line,
        "col": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    }
    joined = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
    text = f"{finding.file}:{finding.line}:{finding.column}: {finding.rule} {finding.message}"
    return f"::{level} {joined}::{_escape_data(text)}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def sarif(findings: Sequence[Finding], failing: bool) -> str:
    """One SARIF 2.1.0 log with one run; every rule and warning kind is described in the
    driver, each result points at its rule by id and index."""
    descriptors = _descriptors()
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results = []
    for finding in findings:
        result = {
            "ruleId": finding.rule,
            "ruleIndex": index.get(finding.rule, 0),
            "level": "error" if finding.is_change or failing else "warning",
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(finding.file)},
                        "region": {
                            "startLine": finding.line,
                            "startColumn": finding.column,
                            "endLine": finding.end_line,
                            "endColumn": finding.end_column,
                        },
                    }
                }
            ],
            "properties": {"kind": finding.kind, "before": finding.before, "after": finding.after},
        }
        if finding.rule not in index:
            del result["ruleIndex"]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cutter",
                        "version": __version__,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _descriptors() -> list[dict[str, object]]:
    rules = [
        {
            "id": rule.name,
            "shortDescription": {"text": rule.summary},
            "help": {"text": f"{rule.summary} Example: {rule.example[0]!r} → {rule.example[1]!r}"},
            "properties": {"kind": rule.category},
        }
        for rule in RULES
    ]
    warnings = [
        {
            "id": kind.name,
            "shortDescription": {"text": kind.summary},
            "help": {"text": f"{kind.when} Example: {kind.example}"},
            "defaultConfiguration": {"level": "warning"},
            "properties": {"kind": "warning"},
        }
        for kind in WARNINGS.values()
    ]
    return [*rules, *warnings]


def _uri(file: str) -> str:
    path = Path(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix())


def statistics(findings: Iterable[Finding]) -> list[dict[str, object]]:
    """Per rule: its kind, how many changes and warnings, most first."""
    changes: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    for finding in findings:
        (changes if finding.is_change else warnings)[finding.rule] += 1
    names = sorted(set(changes) | set(warnings), key=lambda n: (-(changes[n] + warnings[n]), n))
    return [
        {"rule": n, "kind": _kind(n), "changes": changes[n], "warnings": warnings[n], "fixable": changes[n] > 0}
        for n in names
    ]


def statistics_text(rows: Sequence[dict[str, object]]) -> str:
    """ruff's ``--statistics`` layout: count, rule, ``[*]`` when fixable, kind."""
    lines = []
    for row in rows:
        count = int(row["changes"]) + int(row["warnings"])  # type: ignore[call-overload]
        mark = "[*]" if row["fixable"] else "[ ]"
        lines.append(f"{count:>7,} {row['rule']:<18} {mark} {row['kind']}")
    return "".join(line + "\n" for line in lines)


def _kind(name: str) -> str:
    return BY_NAME[name].category if name in BY_NAME else "warning"


def _shown(value: str) -> str:
    shown = repr(value)
    return shown if len(shown) <= SHOWN else shown[: SHOWN - 2] + "…'"
