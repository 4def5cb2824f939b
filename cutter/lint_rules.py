"""What ``cutter rules`` says: every rule and warning kind in a list, or one explained
(what it does, when it acts, when it refuses, an example)."""

from __future__ import annotations

import difflib
import inspect
import json

from rich.table import Table

from .config import selectable
from .lint_warnings import WARNINGS
from .rules import BY_NAME, RULES, Rule

# When a rule leaves text alone although it looks like its target: the cases its tables keep.
REFUSES: dict[str, str] = {
    "html": "A lone < or > in prose (a<b, 1 > 0) is not markup and stays.",
    "whitespace": "The zero-width joiner inside an emoji sequence stays; spaces inside a line stay.",
    "mojibake": "A run is repaired only if its GBK bytes are exact UTF-8 of known Han characters; "
    "lost characters (??, �) are reported, never guessed.",
    "traditional": "A document written in traditional characters is left alone, and so are names and "
    "words that are also simplified (乾县, 於梨华).",
    "pinyin-ruby": "An annotation that is no reading of the character before it (小明(ming), 北京(běijīng)) "
    "stays, and so do list markers (1); in a simplified page with only one or two readings (a children's "
    "text) they stay and are flagged.",
    "hidden-text": "Only the site's own marker is removed; the missing text is reported, never guessed.",
    "offer": "A sentence of the writer's own (下面是我的三点体会：) stays; the content sentence beside an offer stays.",
    "site-chrome": "Only whole lines that match a chrome pattern; a sentence that mentions 首页 stays.",
    "doc-chrome": "Only whole lines of document-sharing chrome, and the sentence 范文仅供参考，自行编辑使用 alone; the text of the document stays.",
    "labelled-intro": "Only an intro with its label (【导语】, 导语：); an unlabelled first paragraph stays.",
    "lead-in": "Only the known genre templates; a writer's own opening sentence stays.",
    "title-repeat": "Only a whole line equal to the compilation title (spaces aside); a line that merely "
    "contains the title words stays.",
    "footer": "A footer marker must stand as its own line near the end; the words in prose stay.",
    "english": "Only a known connective, spaced, between two Han characters: made in china, C919, x光 stay.",
    "cjk-space": "A space with no particle beside it is only flagged (verse and two-part titles use spaces); "
    "spaces around English and numbers stay.",
    "ellipsis": "A correct …… stays, and so do 3...5 and English wait....",
    "chunk-marker": "A numbered list stays (1、… under a line ending in ：or 。, or under 1、…); under a short "
    "unpunctuated line the number is only flagged.",
    "page-break": "A break after a heading, salutation, title or source line stays; a doubtful break is "
    "flagged instead of joined.",
    "fullwidth": "English, numbers, times, URLs and class names (3:00, Hello, world, 初二(3)班) stay; "
    "full-width is never narrowed.",
    "doubled-mark": "A comma before a quote or bracket stays (好，”), and so do 、、, 。。 and half-width ,, "
    "outside Chinese text.",
    "watermark": "99.99% and 3.12植树节 stay; a quote mark that opens or closes a quotation stays; a dot "
    "between Han characters not after 的 is only flagged.",
    "placeholder": "It never rewrites: it only reports.",
}


def _when(rule: Rule) -> str:
    return " ".join(inspect.cleandoc(rule.find.__doc__ or rule.summary).replace("``", "").split())


def _rule_dict(rule: Rule) -> dict[str, object]:
    return {
        "name": rule.name,
        "kind": rule.category,
        "what": rule.summary,
        "when": _when(rule),
        "refuses": REFUSES.get(rule.name, ""),
        "example": {"before": rule.example[0], "after": rule.example[1]},
        "fixable": rule.category != "detect",
    }


def _warning_dict(name: str) -> dict[str, object]:
    kind = WARNINGS[name]
    return {
        "name": name,
        "kind": "warning",
        "what": kind.summary,
        "when": kind.when,
        "refuses": "It never changes text: it only reports.",
        "example": {"message": kind.example},
        "fixable": False,
    }


def entries() -> list[dict[str, object]]:
    """Every rule in the order the normalizer runs them, then every warning kind."""
    return [*(_rule_dict(rule) for rule in RULES), *(_warning_dict(name) for name in WARNINGS)]


def describe_all() -> str:
    return json.dumps(entries(), ensure_ascii=False, indent=2) + "\n"


def describe(name: str, output_format: str = "text") -> str:
    """One rule or warning kind explained; an unknown name raises ``KeyError`` with a hint."""
    if name in BY_NAME:
        entry = _rule_dict(BY_NAME[name])
    elif name in WARNINGS:
        entry = _warning_dict(name)
    else:
        close = difflib.get_close_matches(name, selectable(), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise KeyError(f"unknown rule {name!r}{hint} ('cutter rules' lists them)")
    if output_format == "json":
        return json.dumps(entry, ensure_ascii=False, indent=2) + "\n"
    example = entry["example"]
    assert isinstance(example, dict)
    shown = (
        f"  {example['before']!r}\n  → {example['after']!r}" if "before" in example else f"  {example['message']}"
    )
    return (
        f"{entry['name']} ({entry['kind']})\n\n"
        f"What it does\n  {entry['what']}\n\n"
        f"When it acts\n  {entry['when']}\n\n"
        f"When it refuses\n  {entry['refuses']}\n\n"
        f"Example\n{shown}\n\n"
        f"Select or ignore it with --select {entry['name']} / --ignore {entry['name']}, "
        f"or by its kind ({entry['kind']}).\n"
    )


def rule_lines() -> str:
    """The list for a pipe: one line per rule, tab-separated, never cut to a width."""
    lines = []
    for entry in entries():
        example = entry["example"]
        assert isinstance(example, dict)
        shown = f"{example['before']!r} → {example['after']!r}" if "before" in example else example["message"]
        lines.append(f"{entry['name']}\t{entry['kind']}\t{entry['what']}\t{shown}")
    return "".join(line + "\n" for line in lines)


def rule_table() -> Table:
    table = Table(title="cutter rules (run in this order), then the warning kinds")
    table.add_column("rule", style="bold")
    table.add_column("kind")
    table.add_column("what it does")
    table.add_column("example")
    for entry in entries():
        example = entry["example"]
        assert isinstance(example, dict)
        shown = f"{example['before']!r} → {example['after']!r}" if "before" in example else str(example["message"])
        table.add_row(str(entry["name"]), str(entry["kind"]), str(entry["what"]), shown)
    return table
