"""Site text that is not part of any essay: offers, intros, chrome, footers (formats.md §4).

Every removal is an Edit, so nothing disappears silently; ``--keep-boilerplate``
keeps the text and turns each removal into a warning instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import regex

from .. import patterns as P
from ..split import without_count_declarations
from .base import BOILERPLATE, Context, Finding, Fix, Flag, Rule, line_span, merge_spans, rule, title_form

_SPACES = " \t\u3000\u00a0"
TITLE_SLACK = 24  # room for spaces and a count declaration around a repeated title
TITLE_PREFIX = 2


@rule(
    "offer",
    "Remove the 以下是小编为大家整理的… offer sentence, keeping the content sentence beside it.",
    ("弘扬工匠精神是时代的需要，以下是小编为大家收集的故事，希望大家喜欢！", "弘扬工匠精神是时代的需要。"),
    BOILERPLATE,
)
def remove_offer(text: str, context: Context) -> Iterator[Fix]:
    """``下面是小编为大家整理的，供大家参考。`` → removed; ``下面是我的三点体会：`` stays."""
    removals = []
    for match in _matches(P.OFFER, "offer", text):
        if match["lead"] in ("，", ","):
            line_start = text.rfind("\n", 0, match.start()) + 1
            ending = "。" if text[line_start : match.start()].strip() else ""
            yield Fix(match.start("lead"), match.end(), ending)
        else:
            removals.append((match.start("offer"), match.end()))
    yield from _removals(text, removals)


def _line_rule(name: str, summary: str, example: tuple[str, str], pattern: regex.Pattern[str], family: str) -> Rule:
    """A boilerplate rule that removes every line ``pattern`` matches (looked for where
    the trigger words of ``family`` occur)."""

    def find(text: str, context: Context) -> Iterator[Fix]:
        yield from _removals(text, (m.span() for m in _matches(pattern, family, text)))

    find.__doc__ = summary
    return rule(name, summary, example, BOILERPLATE)(find)


remove_lead_in = _line_rule(
    "lead-in",
    "Remove genre lead-in templates (无论是身处学校还是步入社会，大家都…吧).",
    ("无论是身处学校还是步入社会，大家都尝试过写作吧。", ""),
    P.LEAD_IN,
    "lead_in",
)
remove_labelled_intro = _line_rule(
    "labelled-intro",
    "Remove labelled site intros (【导语】…, 导语：…, [前言]…会员投稿…).",
    ("【导语】本文为大家带来三篇范文。\n正文。", "\n正文。"),
    P.LABELLED_INTRO,
    "labelled_intro",
)
remove_site_chrome = _line_rule(
    "site-chrome",
    "Remove site chrome lines: breadcrumbs, 时间…我要投稿, view counters, welcome rows, copy notices.",
    ("当前位置：首页 > 范文 > 演讲稿\n正文。", "\n正文。"),
    P.SITE_CHROME,
    "site_chrome",
)
remove_doc_chrome = _line_rule(
    "doc-chrome",
    "Remove document-sharing chrome lines (…由会员分享, 第1页/共N页, 下载本文档).",
    ("《演讲稿.doc》由会员分享，可在线阅读。\n正文。", "\n正文。"),
    P.DOC_CHROME,
    "doc_chrome",
)


@rule(
    "hidden-text",
    "Remove hidden-text markers (……此处隐藏1234个字……) and warn that text is missing there.",
    ("我们要努力……此处隐藏1234个字……谢谢大家。", "我们要努力谢谢大家。"),
    BOILERPLATE,
)
def remove_hidden_text(text: str, context: Context) -> Iterator[Finding]:
    matches = list(_matches(P.HIDDEN_TEXT, "hidden_text", text))
    yield from _removals(text, (m.span() for m in matches))
    for match in matches:
        yield Flag(match.start(), match.end(), f"text hidden by the site is missing here ({match.group()})")


@rule(
    "footer",
    "Cut everything from a footer marker (扩展阅读, 相关文章, 小编精心推荐, 相关推荐 …) to the end of the piece.",
    ("谢谢大家。\n扩展阅读\n另一篇文章。", "谢谢大家。\n"),
    BOILERPLATE,
)
def remove_footer(text: str, context: Context) -> Iterator[Fix]:
    match = next(_matches(P.FOOTER, "footer", text), None)
    if match is not None:
        yield _widened(text, match.start(), len(text))


@rule(
    "title-repeat",
    "Remove a line inside a piece that repeats the compilation title (with or without its count).",
    ("尊敬的老师：\n演讲稿(精选3篇)\n大家好！", "尊敬的老师：\n\n大家好！"),
    BOILERPLATE,
)
def remove_title_repeat(text: str, context: Context) -> Iterator[Fix]:
    """Needs the document's title, which the pipeline puts in ``context.titles``."""
    if not context.titles:
        return
    longest = max(len(title) for title in context.titles) + TITLE_SLACK
    lines = set()
    for line_start in _lines_opening_with({title[:TITLE_PREFIX] for title in context.titles}, text):
        line_end = text.find("\n", line_start)
        line = text[line_start : line_end if line_end != -1 else len(text)]
        if len(line) <= longest and _repeats_title(line, context):
            lines.add((line_start, line_start + len(line)))
    yield from _removals(text, lines)


def _lines_opening_with(prefixes: set[str], text: str) -> Iterator[int]:
    """The start of every line whose first characters after its indentation are one of
    ``prefixes``: the only lines worth comparing with the title (found with ``str.find``)."""
    for prefix in prefixes:
        found = text.find(prefix)
        while found != -1:
            line_start = text.rfind("\n", 0, found) + 1
            if not text[line_start:found].strip(" \t\u3000"):
                yield line_start
            found = text.find(prefix, found + 1)


def _repeats_title(line: str, context: Context) -> bool:
    form = title_form(line)
    return form in context.titles or title_form(without_count_declarations(form)) in context.titles


def _matches(pattern: regex.Pattern[str], family: str, text: str) -> Iterator[regex.Match[str]]:
    """Matches of a line pattern, run only over the lines where its family's trigger words occur."""
    for line_start, line_end in _trigger_lines(text).get(family, ()):
        yield from pattern.finditer(text, line_start, line_end)


@lru_cache(maxsize=4)
def _trigger_lines(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each family, the lines holding one of its trigger words: one scan serves all
    the boilerplate rules, which mostly see the same text one after another."""
    lines: dict[str, list[tuple[int, int]]] = {}
    line = (-1, -1)
    for hit in P.TRIGGER.finditer(text):
        if hit.start() > line[1]:  # a new line: found once, however many trigger words it holds
            line = line_span(text, hit.start())
        for family in P.TRIGGER_FAMILIES[hit.group()]:
            found = lines.setdefault(family, [])
            if not found or found[-1] != line:
                found.append(line)
    return lines


def _removals(text: str, spans: Iterable[tuple[int, int]]) -> Iterator[Fix]:
    """Removals of the given spans; ones only spaces apart are merged before they are widened."""
    for start, end in merge_spans(spans, lambda end, start: start <= _skip_spaces(text, end)):
        yield _widened(text, start, end)


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] in _SPACES:
        position += 1
    return position


def _widened(text: str, start: int, end: int) -> Fix:
    """A removal of ``text[start:end]`` that also takes the spaces it would strand at
    the start or end of its line, so the whitespace rule has nothing left to do."""
    left, right = start, end
    while left > 0 and text[left - 1] in _SPACES:
        left -= 1
    while right < len(text) and text[right] in _SPACES:
        right += 1
    at_line_start = left == 0 or text[left - 1] == "\n"
    at_line_end = right == len(text) or text[right] == "\n"
    return Fix(left if at_line_end else start, right if at_line_start or at_line_end else end, "")
