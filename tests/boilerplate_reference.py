"""rules/boilerplate.py's line rules as they were before the compiled core took them
(crates/cutter-core/src/chrome.rs): hidden-text, site-chrome, doc-chrome, labelled-intro, lead-in
and footer, with the ``_matches``/``_removals``/``_widened`` they shared. The reference the
differential tests compare the core with (tests/test_core_diff.py, tests/test_core_chrome.py,
bench/core_diff.py). Each function returns the rule's findings as (start, end, message), ``None``
for a removal, in the order the rule yielded them.

The script fold and the trigger scan are the Python ones the core's were checked against
(tests/test_core_diff.py ``fold``, ``trigger_lines``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import regex

from tests import reference_patterns as P
from cutter.rules.base import Context, line_span, merge_spans, title_form

_SPACES = "".join(P.HORIZONTAL_SPACES)
LABEL_VALUE = 20
FOOTER_REACH = 5000
MAX_CAPTION_TITLES = 64

TIMESTAMP_LINE = re.compile(
    r"^[ \t]*[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}(?P<time>[ \t]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?[ \t]*$",
    re.MULTILINE,
)
IMAGE_CAPTION = re.compile(r"^[ \t]*(?P<title>[^\n]{2,40}?)[ \t]+第[0-9]{1,2}[张張][ \t]*$", re.MULTILINE)
EMPTY_LABEL = re.compile(r"^[ \t]*(?:时间|发布时间|发表时间|更新时间|小编|编辑|发布者|发布人|栏目)[:：][ \t]*$", re.MULTILINE)

Found = tuple[int, int, "str | None"]


def fold_script(text: str) -> str:
    """rules/boilerplate.py: fold_script, with the fold as a str.translate table."""
    from cutter.rules.boilerplate import _fold_table

    return text.translate(_fold_table()) if P.TRADITIONAL_CHARACTER.search(text) else text


# rules/boilerplate.py: _trigger_lines' scan (as tests/test_core_diff.py has it): the words grouped
# by their first character, longest first within a group, in the stdlib engine.
_BY_FIRST: dict[str, list[str]] = {}
for _word in P.TRIGGER_FAMILIES:
    _BY_FIRST.setdefault(_word[0], []).append(_word[1:])
TRIGGER = re.compile(
    "|".join(
        re.escape(first) + "(?:" + "|".join(map(re.escape, sorted(rests, key=len, reverse=True))) + ")"
        for first, rests in _BY_FIRST.items()
    )
)


def trigger_lines(text: str) -> dict[str, list[tuple[int, int]]]:
    lines: dict[str, list[tuple[int, int]]] = {}
    line = (-1, -1)
    for hit in TRIGGER.finditer(text):
        if hit.start() > line[1]:  # a new line: found once, however many trigger words it holds
            line = line_span(text, hit.start())
        for family in P.TRIGGER_FAMILIES[hit.group()]:
            found = lines.setdefault(family, [])
            if not found or found[-1] != line:
                found.append(line)
    return lines


def _matches(pattern: regex.Pattern[str], family: str, text: str) -> Iterator[regex.Match[str]]:
    folded = fold_script(text)
    for line_start, line_end in trigger_lines(folded).get(family, ()):
        yield from pattern.finditer(folded, line_start, line_end)


def _removals(text: str, spans: Iterable[tuple[int, int]]) -> Iterator[Found]:
    for start, end in merge_spans(spans, lambda end, start: start <= _skip_spaces(text, end)):
        yield _widened(text, start, end)


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] in _SPACES:
        position += 1
    return position


def _widened(text: str, start: int, end: int) -> Found:
    left, right = start, end
    while left > 0 and text[left - 1] in _SPACES:
        left -= 1
    while right < len(text) and text[right] in _SPACES:
        right += 1
    at_line_start = left == 0 or text[left - 1] == "\n"
    at_line_end = right == len(text) or text[right] == "\n"
    return (left if at_line_end else start, right if at_line_start or at_line_end else end, None)


def _line_rule(pattern: regex.Pattern[str], family: str, text: str) -> list[Found]:
    return list(_removals(text, (m.span() for m in _matches(pattern, family, text))))


def lead_in(text: str) -> list[Found]:
    return _line_rule(P.LEAD_IN, "lead_in", text)


def labelled_intro(text: str) -> list[Found]:
    return _line_rule(P.LABELLED_INTRO, "labelled_intro", text)


def doc_chrome(text: str) -> list[Found]:
    return _line_rule(P.DOC_CHROME, "doc_chrome", text)


def site_chrome(text: str, context: Context) -> list[Found]:
    found: list[Found] = []
    spans = [m.span() for m in _matches(P.SITE_CHROME, "site_chrome", text)]
    if ":" in text or "：" in text:
        for label in EMPTY_LABEL.finditer(text):
            spans.append(label.span())
            value_end = text.find("\n", label.end() + 1)
            value = text[label.end() + 1 : value_end if value_end != -1 else len(text)]
            if label.end() < len(text) and 0 < len(value.strip()) <= LABEL_VALUE and not P.ANY_PUNCT.search(value):
                spans.append((label.end() + 1, label.end() + 1 + len(value)))
    if "-" in text or "/" in text:
        for stamp in TIMESTAMP_LINE.finditer(text):
            if stamp["time"]:
                spans.append(stamp.span())
            else:
                found.append((stamp.start(), stamp.end(), f"a date on a line of its own: “{stamp.group().strip()}”"))
    if "张" in text or "張" in text:
        repeated = _Repeated(text)
        for caption in IMAGE_CAPTION.finditer(text):
            title = caption["title"].strip()
            if title_form(title) in context.titles or repeated(title):
                spans.append(caption.span())
            else:
                found.append((caption.start(), caption.end(), f"possible image caption: “{caption.group().strip()}”"))
    found.extend(_removals(text, spans))
    return found


class _Repeated:
    def __init__(self, text: str) -> None:
        self.text, self.counted = text, dict[str, bool]()

    def __call__(self, title: str) -> bool:
        if title not in self.counted:
            if len(self.counted) >= MAX_CAPTION_TITLES:
                return False
            self.counted[title] = self.text.count(title) > 1
        return self.counted[title]


def hidden_text(text: str) -> list[Found]:
    matches = list(_matches(P.HIDDEN_TEXT, "hidden_text", text))
    found = list(_removals(text, (m.span() for m in matches)))
    found.extend((m.start(), m.end(), f"text hidden by the site is missing here ({m.group()})") for m in matches)
    return found


def footer(text: str) -> list[Found]:
    match = next(_matches(P.FOOTER, "footer", text), None)
    if match is None:
        return []
    tail = len(text) - match.start()
    if tail <= max(FOOTER_REACH, match.start()):
        return [_widened(text, match.start(), len(text))]
    marker = match.group().strip()
    return [(match.start(), match.end(), f"a footer marker “{marker}” with {tail:,} characters after it: kept")]


def context_of(text: str) -> Context:
    """The context the comparisons use: the text's first line as the page title."""
    first = text.split("\n", 1)[0]
    return Context(titles=frozenset({title_form(first)} - {""}))


def line_rules(text: str) -> tuple[list[Found], ...]:
    """Every line rule's findings, in RULES order."""
    context = context_of(text)
    return (
        hidden_text(text), site_chrome(text, context), doc_chrome(text), labelled_intro(text), lead_in(text), footer(text)
    )


def core_line_rules(text: str) -> tuple[list[Found], ...]:
    """The same six rules as cutter runs them (the core's, cutter_core::chrome), uncached."""
    from cutter.rules import BY_NAME
    from cutter.rules.base import Fix
    from cutter.rules.boilerplate import _line_findings

    _line_findings.cache_clear()
    context = context_of(text)
    names = ("hidden-text", "site-chrome", "doc-chrome", "labelled-intro", "lead-in", "footer")
    return tuple(
        [(f.start, f.end, None if isinstance(f, Fix) else f.message) for f in BY_NAME[name].find(text, context)]
        for name in names
    )
