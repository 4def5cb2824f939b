"""Site text that is not part of any essay: offers, intros, chrome, footers (formats.md §4).

Every removal is an Edit, so nothing disappears silently; ``--keep-boilerplate``
keeps the text and turns each removal into a warning instead.

The patterns are written in simplified script. Traditional and variant forms
(``以下是小編為大家整理的``, ``下面是小編爲大家…``) are matched by folding the text, one
character for one, to simplified before matching (:func:`fold_script`), so every span
found in the folded text is the same span of the source.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

from zhon import cedict

from .. import _core
from .. import patterns as P
from ..split import without_count_declarations
from .base import (
    _LAST_LARGE, BOILERPLATE, Context, Finding, Fix, Flag, Rule, merge_spans, rule, text_cache, title_form
)
from .script import t2s_converter

_SPACES = "".join(P.HORIZONTAL_SPACES)  # the spaces the whitespace rule takes off a line edge
TITLE_SLACK = 24  # room for spaces and a count declaration around a repeated title
TITLE_PREFIX = 2
# The line rules below (hidden-text, site-chrome, doc-chrome, labelled-intro, lead-in, footer) run in
# the compiled core (crates/cutter-core/src/chrome.rs, where their patterns live): one call per text
# (_line_findings) folds it, finds each family's trigger lines, runs each pattern there, and merges and
# widens the removals as _removals does. The normalizer has the core run them and offer inside its run
# (``_core.Run.apply_core``), which makes that call once for the text as it is; the functions below are
# the same rules for callers outside the normalizer.


def _with_chrome(rare: str, context: Context) -> dict[str, object]:
    """What the core needs to run a line rule on a text with these rare characters: the line rules
    with the script fold only for a text that may need it (the fold's table is built on first need)."""
    return _chromes(rare)


def _with_chrome_and_fold(rare: str, context: Context) -> dict[str, object]:
    """What the core needs to run offer: the line rules' scan (its trigger lines) and the fold."""
    return _chromes_and_fold(rare)


@lru_cache(maxsize=64)  # a page's pieces share their few distinct rare characters
def _chromes(rare: str) -> dict[str, object]:
    return {"chrome": _chrome_folding() if P.TRADITIONAL_CHARACTER.search(rare) else _chrome_plain()}


@lru_cache(maxsize=64)
def _chromes_and_fold(rare: str) -> dict[str, object]:
    return _chromes(rare) | {"fold": _fold() if P.TRADITIONAL_CHARACTER.search(rare) else None}


@rule(
    "offer",
    "Remove the 以下是小编为大家整理的… offer sentence (and the genre intro before it at a text's start).",
    ("弘扬工匠精神是时代的需要，以下是小编为大家收集的故事，希望大家喜欢！", "弘扬工匠精神是时代的需要。"),
    BOILERPLATE,
    in_core=True,
    core_with=_with_chrome_and_fold,
)
def remove_offer(text: str, context: Context) -> Iterator[Finding]:
    """``下面是小编为大家整理的，供大家参考。`` → removed; ``下面是我的三点体会：`` stays.

    An offer that ends the first paragraph of a text takes the site's genre intro
    before it along (``心得体会是…。写心得体会时…。以下是小编…参考。``) when every
    sentence before it talks about the genre or about writing; when only some do, they
    stay and are flagged. The pattern, the glued-or-not decision and the intro's verdict
    are the core's (cutter_core::offer::offers), run on the offer trigger lines of the
    folded text.
    """
    folded = fold_script(text)
    lines = _trigger_lines(folded).get("offer")
    if not lines:
        return
    for start, end, after, message in _core.offers(text, None if folded is text else folded, lines):
        yield Fix(start, end, after) if message is None else Flag(start, end, message)


# The families of the line rules, in the order _line_findings gives their findings (after
# site-chrome's three parts: its timestamp flags, its removals, its image captions).
_LINE_FAMILIES = ("hidden_text", "site_chrome", "site_chrome", "site_chrome", "doc_chrome", "labelled_intro", "lead_in", "footer")


def _line_rule(name: str, summary: str, example: tuple[str, str], family: str) -> Rule:
    """A boilerplate rule that removes every line its pattern matches (looked for where the
    trigger words of ``family`` occur): the core's finding (cutter_core::chrome)."""
    index = _LINE_FAMILIES.index(family)

    def find(text: str, context: Context) -> Iterator[Fix]:
        for start, end, _ in _line_findings(text)[index]:
            yield Fix(start, end, "")

    find.__doc__ = summary
    return rule(name, summary, example, BOILERPLATE, in_core=True, core_with=_with_chrome)(find)


remove_lead_in = _line_rule(
    "lead-in",
    "Remove genre lead-in templates (无论是身处学校还是步入社会，大家都…吧).",
    ("无论是身处学校还是步入社会，大家都尝试过写作吧。", ""),
    "lead_in",
)
remove_labelled_intro = _line_rule(
    "labelled-intro",
    "Remove labelled site intros (【导语】…, 导语：…, [前言]…会员投稿…).",
    ("【导语】本文为大家带来三篇范文。\n正文。", "\n正文。"),
    "labelled_intro",
)


@rule(
    "site-chrome",
    "Remove site chrome lines: breadcrumbs, 时间…我要投稿, view counters, button rows, timestamps, copy notices.",
    ("当前位置：首页 > 范文 > 演讲稿\n正文。", "\n正文。"),
    BOILERPLATE,
    in_core=True,
    core_with=_with_chrome,
)
def remove_site_chrome(text: str, context: Context) -> Iterator[Finding]:
    """``人气:3.29W``, ``返回 下载 相关 举报``, ``+ 加入清单``, ``2022-11-26 22:02`` and an image
    caption that repeats the title (``{title} 第2张``) → removed; ``欢迎大家来到我们的班级。`` and
    ``2023年5月1日`` stay; a bare ``2015-07-16`` line, or a caption of another title, is flagged."""
    found = _line_findings(text)
    stamps, fixes, captions = found[1], found[2], found[3]
    for start, end, message in stamps:
        yield Flag(start, end, message)
    if captions:  # whether a caption's title is the page's needs the context
        repeated, removed = _Repeated(text), []
        for start, end, title_start, title_end in captions:
            title = text[title_start:title_end].strip()
            if title_form(title) in context.titles or repeated(title):
                removed.append((start, end))
            else:
                yield Flag(start, end, f"possible image caption: “{text[start:end].strip()}”")
        if removed:  # merged and widened with the core's removals (widening again changes none of them)
            fixes = [(fix.start, fix.end, None) for fix in _removals(text, [*((a, b) for a, b, _ in fixes), *removed])]
    for start, end, _ in fixes:
        yield Fix(start, end, "")


class _Repeated:
    """Whether a caption's title stands more than once in the text: each distinct title is
    counted once, and past ``MAX_CAPTION_TITLES`` distinct ones a new title is taken as not
    repeated (its caption is flagged, not removed), so a page of many captions stays linear."""

    def __init__(self, text: str) -> None:
        self.text, self.counted = text, dict[str, bool]()

    def __call__(self, title: str) -> bool:
        if title not in self.counted:
            if len(self.counted) >= MAX_CAPTION_TITLES:
                return False
            self.counted[title] = self.text.count(title) > 1
        return self.counted[title]


MAX_CAPTION_TITLES = 64

remove_doc_chrome = _line_rule(
    "doc-chrome",
    "Remove document-sharing chrome lines (…由会员分享, 第1页/共N页, 下载本文档) and the sentence 范文仅供参考，自行编辑使用 alone.",
    ("《演讲稿.doc》由会员分享，可在线阅读。\n正文。", "\n正文。"),
    "doc_chrome",
)


@rule(
    "hidden-text",
    "Remove hidden-text markers (……此处隐藏1234个字……) and warn that text is missing there.",
    ("我们要努力……此处隐藏1234个字……谢谢大家。", "我们要努力谢谢大家。"),
    BOILERPLATE,
    in_core=True,
    core_with=_with_chrome,
)
def remove_hidden_text(text: str, context: Context) -> Iterator[Finding]:
    for start, end, message in _line_findings(text)[0]:
        yield Fix(start, end, "") if message is None else Flag(start, end, message)


@rule(
    "footer",
    "Cut everything from a footer marker (扩展阅读, 相关文章, 小编精心推荐, 相关推荐 …) to the end of the piece. "
    "A tail longer than 5,000 characters and than the piece before it is kept and flagged.",
    ("谢谢大家。\n扩展阅读\n另一篇文章。", "谢谢大家。\n"),
    BOILERPLATE,
    in_core=True,
    core_with=_with_chrome,
)
def remove_footer(text: str, context: Context) -> Iterator[Finding]:
    """What follows a footer marker is related links or another site's article, never longer
    than ``FOOTER_REACH`` characters or the piece before it; a longer tail (a file of many
    pages run together) is kept and flagged."""
    for start, end, message in _line_findings(text)[7]:
        yield Fix(start, end, "") if message is None else Flag(start, end, message)


FOOTER_REACH = 5000  # the core's chrome::FOOTER_REACH


@rule(
    "title-repeat",
    "Remove a line inside a piece that repeats the compilation title (with or without its count).",
    ("尊敬的老师：\n演讲稿(精选3篇)\n大家好！", "尊敬的老师：\n\n大家好！"),
    BOILERPLATE,
    in_core=True,
    core_with=lambda rare, context: {"openings": _title_openings(context.titles) if context.titles else None},
)
def remove_title_repeat(text: str, context: Context) -> Iterator[Fix]:
    """Needs the document's title, which the pipeline puts in ``context.titles``. The lines
    that open with a title's first characters (after their indentation) and are short
    enough are the core's (cutter_core::offer::lines_opening_with); each is compared here. In
    the normalizer's run the core looks for those lines in its own text, and gives the rule
    back to Python only for a text that has one."""
    if not context.titles:
        return
    prefixes, longest = _title_openings(context.titles)
    lines = _core.lines_opening_with(text, prefixes, longest)
    yield from _removals(text, [(start, end) for start, end in lines if _repeats_title(text[start:end], context)])


@lru_cache(maxsize=16)  # a document's pieces share its titles
def _title_openings(titles: frozenset[str]) -> tuple[list[str], int]:
    """The first characters of each title, and how long a line repeating one can be."""
    return sorted({title[:TITLE_PREFIX] for title in titles}), max(len(title) for title in titles) + TITLE_SLACK


def _repeats_title(line: str, context: Context) -> bool:
    form = title_form(line)
    return form in context.titles or title_form(without_count_declarations(form)) in context.titles


@text_cache(maxsize=4)
def fold_script(text: str) -> str:
    """``text`` with each traditional or variant character written as its simplified
    twin, one character for one, so that spans keep their offsets.

    >>> fold_script("以下是小編為大家整理的，下面是小編爲大家收集的")
    '以下是小编为大家整理的，下面是小编为大家收集的'
    """
    if not P.TRADITIONAL_CHARACTER.search(text):  # a simplified text needs no fold (nor the table)
        return text
    folded = _fold().apply(text)  # the core's fold (cutter_core::boilerplate::Fold)
    return text if folded is None else folded


# What tw2s and hk2s fold beyond t2s, and variant forms that s2t, s2tw and s2hk write but CEDICT
# lacks: derived with all six OpenCC configurations by tests/test_clean_real.py, which checks this
# table against them (less 么 → 幺, which tw2s writes and simplified text does not).
KNOWN_VARIANTS = {
    "䴉": "鹮", "墶": "垯", "悞": "悮", "潙": "沩", "糉": "粽", "緼": "缊", "薴": "苧", "訁": "讠", "潀": "潨", "痺": "痹",
    "睪": "睾", "簷": "檐", "著": "着", "敍": "叙", "枱": "台", "粧": "妆", "糭": "粽", "衞": "卫", "衹": "只",
}  # fmt: skip


@cache
def _fold_table() -> dict[int, int]:
    """Every CEDICT character that OpenCC's t2s writes as another single character (爲, 為,
    裡, 裏, 説 …), and the known variants (one t2s call over CEDICT's characters). The core
    ships it (:func:`_fold`); this derivation is what crates/cutter-core/data/generate.py writes."""
    candidates = sorted(c for c in set(cedict.simplified) | set(cedict.traditional) if not c.isspace())
    converted = t2s_converter().convert("\n".join(candidates)).split("\n")
    table = {ord(a): ord(b) for a, b in zip(candidates, converted) if len(b) == 1 and a != b}
    table.update((ord(a), ord(b)) for a, b in KNOWN_VARIANTS.items())
    return {key: _settled(table, value) for key, value in table.items()}


def _settled(table: dict[int, int], value: int) -> int:
    """Where a chain of the table ends (薴 → 苧 → 苎): the fold is done once and stays done."""
    seen = set()
    while value in table and value not in seen:
        seen.add(value)
        value = table[value]
    return value


@cache
def _fold() -> _core.Fold:
    """The core's fold, of the table it ships (crates/cutter-core/data/fold.txt, which
    tests/test_core_tables.py holds to :func:`_fold_table`): no process derives it again."""
    return _core.Fold()


@text_cache(maxsize=4)
def _trigger_lines(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each family, the lines holding one of its trigger words: one scan serves all
    the boilerplate rules, which mostly see the same text one after another (the core's
    Aho-Corasick automaton over every family's words, cutter_core::boilerplate::Triggers).
    The line rules' core call (:func:`_line_findings`) made the same scan of a text that
    needs no fold: its lines are taken from there."""
    held, lines = _SCANNED  # read once: another thread may replace them meanwhile
    if held is text:
        return lines
    return {family: lines for family, lines in zip(P.TRIGGERS, _triggers().lines(text)) if lines}


# The last text _line_findings read without a fold, and its trigger lines as _trigger_lines gives
# them; cleared with the huge texts' caches (base.forget_large_texts), so no old text stays alive.
_SCANNED: list = [None, None]
_LAST_LARGE.append(_SCANNED)


@cache
def _triggers() -> _core.Triggers:
    families = {family: 1 << bit for bit, family in enumerate(P.TRIGGERS)}
    words = [(word, sum(families[f] for f in found)) for word, found in P.TRIGGER_FAMILIES.items()]
    return _core.Triggers(words, len(families))


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



@text_cache(maxsize=4)
def _line_findings(text: str) -> tuple:  # type: ignore[type-arg]
    """Every line rule's findings in ``text``, one core call for all six (cutter_core::chrome:
    the fold, the trigger lines, each family's pattern on them, the merged and widened removals),
    which mostly see the same text one after another: (hidden-text, site-chrome's timestamp flags,
    its removals, its image captions, doc-chrome, labelled-intro, lead-in, footer)."""
    found = _chrome_plain().findings(text)
    if found is None:
        return _chrome(text).findings(text)
    _SCANNED[:] = [text, {family: lines for family, lines in zip(P.TRIGGERS, found[8]) if lines}]
    return found


def _chrome(text: str) -> _core.Chrome:
    """The core's line rules for ``text``: with the fold only for a text that needs it, so the
    fold's table is built on first need, as fold_script builds it."""
    return _chrome_folding() if P.TRADITIONAL_CHARACTER.search(text) else _chrome_plain()


def _chrome_words() -> list[tuple[str, int]]:
    families = {family: 1 << bit for bit, family in enumerate(P.TRIGGERS)}
    return [(word, sum(families[f] for f in found)) for word, found in P.TRIGGER_FAMILIES.items()]


@cache
def _chrome_plain() -> _core.Chrome:
    return _core.Chrome(_chrome_words(), list(P.TRIGGERS))


@cache
def _chrome_folding() -> _core.Chrome:
    return _core.Chrome(_chrome_words(), list(P.TRIGGERS), _fold())
