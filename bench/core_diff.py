"""The differential test of the compiled core over 50 MB: every ported stage, core and Python
reference (tests/test_core_diff.py; the page-break and chunk-marker rules, every finding with its
start, end and message, against tests/paragraphs_reference.py; ellipsis and fullwidth, every fix
against tests/punctuation_reference.py; whitespace, watermark, english, cjk-space and placeholder,
every finding against tests/spacing_reference.py), over generated pages
(bench/core_corpus.py: the bench's dense and typical pages, half of them mutated; half the
megabytes, each page also cut by chunk numbers and page breaks, see ``cut``), plus the samples and
seeds, half of all of them with punctuation damaged (``punctuate``) and half with their spacing
damaged (``space``); then the pipeline's records with each document held in the core against the
same pipeline without (``held``); prints the pages and MB compared, the paragraph findings compared, and any page whose
outputs differ (none, or the exit status is 1).

    python bench/core_diff.py [--megabytes 50] [--seed 13]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import core_corpus  # noqa: E402

from cutter import _core  # noqa: E402
from tests import normalize_reference  # noqa: E402
from tests import test_core_diff as reference  # noqa: E402


# What a doc viewer and a page break leave inside a paragraph: a chunk number at a line start (alone
# on its line or not, after blank lines or not), a blank line, a line break.
CUTS = ("\n{n}、", "\n\n{n}、", "\n{n}、\n", " \n\t{n}、 \n\n", "\n\n", "\n", "\n \n", "\n\u3000\n")


def cut(page: str, rng: random.Random) -> str:
    """``page`` with its long lines cut every 30–90 characters as a viewer or a page break cuts them."""
    lines = []
    for line in page.split("\n"):
        if len(line) < 60 or rng.random() < 0.3:
            lines.append(line)
            continue
        parts, at, number = [], 0, rng.choice((1, 2))
        while at < len(line):
            step = rng.randint(30, 90)
            parts.append(line[at : at + step])
            at += step
            if at < len(line):
                parts.append(rng.choice(CUTS).format(n=number))
                number += 1
        lines.append("".join(parts))
    return "\n".join(lines)


# What templating and half-width typing leave in Chinese punctuation: ellipsis runs of every kind
# (some before a digit or a letter, where the rule reads a range or English), half-width marks
# after Chinese characters with a space or a tab or none, a ? after a question word or not, and
# parentheses around Chinese, numbers and letters.
PUNCTUATION = {
    "…": ("。。。", "...", "。。。。。。", "…", "．．．", "… …", "……。。。", "...\t", "。。。 a", "…3", "．．．Z"),
    "。": ("。", "。。。", "...", "…", "..", "?", "...1", "。。。2", "...a"),
    "，": (",", ", ", ",\t", ",  ", "，"),
    "：": (":", ": ", "："),
    "；": (";", "; "),
    "！": ("!", "! ", "!a"),
    "？": ("?", "? ", "吗?"),
    "（": ("(", "(a", "(1", "（"),
    "）": (")", "b)", ")"),
    "、": ("、", "?", ",", "(3)", "(abc)"),
}
_PUNCTUATED = re.compile("[" + "".join(PUNCTUATION) + "]")


def punctuate(page: str, rng: random.Random) -> str:
    """``page`` with a third of its punctuation written as ``PUNCTUATION`` has it (``……`` read as one)."""
    page = page.replace("……", "…")

    def damage(mark: re.Match[str]) -> str:
        return rng.choice(PUNCTUATION[mark.group()]) if rng.random() < 0.34 else mark.group()

    return _PUNCTUATED.sub(damage, page)


# What copying, templating and careless typing leave in the spacing of Chinese text (the
# whitespace, watermark, english and cjk-space rules): indentation of every width and trailing
# spaces, lines of spaces only, zero-width and other format characters, emoji with their joiners
# (kept) and a joiner beside one pictograph only (removed), marks after 的 (a watermark, or a quote
# that pairs), dots between Han characters, and / or between Chinese words (and with a tab, which
# the rule's prefilter may not see), stray spaces between Han characters (beside a particle or
# not), before closing and after opening marks; and the placeholder rule's xx, XX, ΧΧ, ×, **, * * *
# and __ (and an x that stands before 年 or 班 only by chance).
INDENTS = ("\u3000\u3000", "    ", "\t", "\xa0\xa0", "\u2003", "\u200b\u3000\u3000", "\ufeff", " \u200b", "\u2060 ")
TRAILS = (" ", "  ", "\t", "\u3000", "\u200b", " \u200b", "\xa0", "\u200a\u2002")
BLANKS = (" ", "\u3000 \t", "\u200b", "\u3000")
BETWEEN_HAN = (
    "\u200b", "\u200b", "\u2060", "\ufeff", "\u200d", "\u00ad", "\u200e", "👨\u200d👩\u200d👧", "👍", "❤\ufe0f",
    "👍\u200d", "\u200d👍", "👨\u200d\u200d👩", ".", ".", " ", " ", " ", "  ", " and ", " or ", "\tand\t", " and\t",
    "\tor ", " and ", "\u3000", "xx", "XX", "x", "X", "××", "×", "ΧΧ", "**", "***", "* * *", "__", "_", "xxa", "2019xx",
)  # fmt: skip
_HAN = re.compile("[\u4e00-\u9fff]")
_DE = re.compile("的([\u4e00-\u9fff]{1,8})")
CLOSING, OPENING = "，。、；：！？”’）》", "“‘（《"


def space(page: str, rng: random.Random) -> str:
    """``page`` with ``INDENTS`` and ``TRAILS`` on a fifth of its lines, ``BLANKS`` between some,
    one of ``BETWEEN_HAN`` at one place in 40 between two Han characters, a space after one Han
    character in 60 before a closing mark and after an opening one, and a mark after 的 before a
    Han character in 6 (a quote that pairs, or does not, in 20)."""

    def mark(match: re.Match[str]) -> str:
        roll = rng.random()
        if roll < 0.12:
            return "的" + rng.choice(".'`") + match.group(1)
        if roll < 0.17:
            return "的'" + match.group(1) + rng.choice(("'", "'", "的'", ""))
        return match.group()

    page = _DE.sub(mark, page)
    parts, at = [], 0
    for position in sorted(rng.sample(range(1, len(page)), max(0, min(len(page) - 1, len(page) // 25)))):
        before, after = page[position - 1], page[position]
        if _HAN.match(before) and _HAN.match(after):
            planted = rng.choice(BETWEEN_HAN)
        elif _HAN.match(before) and after in CLOSING or before in OPENING and _HAN.match(after):
            planted = rng.choice((" ", "  ", " "))
        else:
            continue
        parts.append(page[at:position])
        parts.append(planted)
        at = position
    parts.append(page[at:])
    lines = []
    for line in "".join(parts).split("\n"):
        roll = rng.random()
        if roll < 0.1:
            line = rng.choice(INDENTS) + line
        elif roll < 0.2:
            line = line + rng.choice(TRAILS)
        elif roll < 0.23:
            lines.append(rng.choice(BLANKS))
        lines.append(line)
    return "\n".join(lines)
# Site chrome of every kind the line rules remove or flag, and near misses they must keep: breadcrumbs,
# meta rows, counters, button rows, nav bars, timestamps, empty labels and their values, captions,
# document-sharing marks, intros, lead-ins, hidden-text markers, footers (some with long tails, so
# that they are flagged), in simplified and traditional script, with the spaces a page leaves around them.
CHROME_LINES = (
    "当前位置：首页 > 范文 > 演讲稿", "您的位置:首页»作文»读后感", "时间:2023-05-01 10:20:30 演讲稿 我要投稿",
    "推荐人: 来源: 阅读: 2.85W 次", "阅读(6.59K)", "人气:3.29W", "浏览 3010", "手机阅读", "+ 加入清单", "返回 下载 相关 举报",
    "范文类型:演讲稿,全文共 712 字", "发布人: 作文网 发布时间:2016-03-08 字体: | | 打印文章", "欄目: 生活常識 / 發佈於: / 人氣:1.52W",
    "閱讀小貼士:本篇共計1200個字,預計看完需要3分鐘,共有80位用戶收藏!", "添加作文网到电脑桌面", "欢迎访问第一范文网!投稿QQ:123456",
    "作文网专稿 未经允许不得转载", "字号：大 中 小", "【示例范文网.com】", "- 教师节演讲稿(优选28篇)", "首页 | 范文 | 作文",
    "捐款倡议书 | 环保倡议书 | 感谢信 |", "本文由网友收集整理", "用手机扫描二维码阅读", "网站首页 演讲稿", "下载 收藏",
    "2022-11-26 22:02", "2015-07-16", " 2021/3/5\t", "时间:\n张三", "小编:\nabc", "发布时间：\n2023年5月1日，晴。",
    "校园一角 第1张", "观后感的写作格式是什么? 第2张", "《演讲稿.doc》由会员分享，可在线阅读。", "第 1 页 / 共 3 页",
    "已阅读5页,还剩3页", "文本为word版本", "格式：DOC", "资源描述：", "范文仅供参考，自行编辑使用。", "上传人：zdfb",
    "【导语】本文为大家带来三篇范文。", "导语：心得体会是我们的感受。", "[前言]本文由会员投稿", "【導語】本文為大家帶來三篇範文。",
    "无论是身处学校还是步入社会，大家都尝试过写作吧。", "随着社会一步步向前发展，范文的用途越来越大。", "为了帮助大家，小编整理了范文。",
    "……此处隐藏1234个字……", "我们要努力……此處隱藏1234個字……谢谢大家。", "（文秘网省略292字,正式会员可完整阅读）",
    "展开阅读全文", "因篇幅问题不能全部显示，请点此查看更多更全内容", "扩展阅读", "擴展閱讀：坚持。。。。。。", "相关推荐",
    "【演讲稿】相关文章：", "上一篇：我的老师", "标签：演讲稿", "声明：本文仅供学习", "小编精心推荐阅读",
    "来源于生活的感悟最真实。", "阅读是一种享受，每天阅读一小时。", "我的位置在教室的第三排。", "人气最旺的是三班。",
    "我下载了一份学习资料，收藏在电脑里。", "我们一共拍了十张照片，这是第2张。", "扩展阅读面是提高写作能力的好方法。",
)  # fmt: skip
_EDGES = ("", "", "", " ", "\t", "\u3000", "\xa0", "  ")


def plant_chrome(page: str, rng: random.Random) -> str:
    """``page`` with chrome lines (``CHROME_LINES``) planted after one line in eight, with spaces at
    their edges, one in four glued to the end of the line before it; a footer marker some way
    before the end, or (one page in four) a long tail after it, so that it is kept and flagged."""
    lines = page.split("\n")
    planted = []
    for line in lines:
        planted.append(line)
        if rng.random() < 0.125:
            chrome = rng.choice(_EDGES) + rng.choice(CHROME_LINES) + rng.choice(_EDGES)
            if rng.random() < 0.25 and planted[-1]:
                planted[-1] += chrome
            else:
                planted.append(chrome)
    if rng.random() < 0.25:
        planted.insert(rng.randrange(len(planted) // 4 + 1), rng.choice(("扩展阅读", "相关文章", "  上一篇：甲")))
    return "\n".join(planted)


def line_rule_findings(text: str, found: dict[str, int]) -> None:
    """Counts the line rules' findings (tests/boilerplate_reference.py; the comparison itself is in
    TEXT_PAIRS)."""
    from tests.boilerplate_reference import core_line_rules

    names = ("hidden-text", "site-chrome", "doc-chrome", "labelled-intro", "lead-in", "footer")
    for name, findings in zip(names, core_line_rules(text)):
        for _, _, message in findings:
            key = f"{name} {'fixes' if message is None else 'flags'}"
            found[key] = found.get(key, 0) + 1
# Pinyin ruby as machine conversion and mojibake leave it (the pinyin-ruby rule): a reading after its
# character, toned (字(zì)) or unmarked (們(men)), in ASCII or full-width parentheses, with ɡ for g;
# the character lost to mojibake (?(xiě), \ufffd(xiě)) or the opening parenthesis too (?xiě)); and
# near misses: a reading of another character, a bare ?, eight letters, capitals, a space before
# it, a half-closed pair. A page gets many, or only one or two (the few-ruby pages the rule flags).
_HAN = re.compile(r"[\u4e00-\u9fff]")


def rubify(page: str, rng: random.Random) -> str:
    """``page`` with pinyin ruby after some of its Han characters (``RUBY`` above)."""
    from tests.markup_reference import _dictionary

    readings = _dictionary()
    rate = rng.choice((0.002, 0.02, 0.1)) if rng.random() < 0.7 else 0.0
    few = rng.choice((1, 2, 3)) if rate == 0.0 else 0
    places = [m.start() for m in _HAN.finditer(page)]
    if few:
        chosen = set(rng.sample(places, min(few, len(places))))
    else:
        chosen = {at for at in places if rng.random() < rate}
    parts, last = [], 0
    for at in sorted(chosen):
        character = page[at]
        values = readings.get(ord(character), "").split(",")
        reading = rng.choice(values) if values != [""] else "zì"
        if rng.random() < 0.15:  # a reading of some other character
            reading = rng.choice(readings.get(rng.choice(list(readings)), "a").split(","))
        shape = rng.random()
        if shape < 0.05:
            reading = reading.replace("g", "\u0261")
        elif shape < 0.08:
            reading = reading.upper()
        elif shape < 0.1:
            reading = (reading * 3)[:8]
        opening, closing = rng.choice((("(", ")"), ("(", ")"), ("（", "）"), ("(", "）")))
        annotation = opening + reading + closing
        form = rng.random()
        if form < 0.1:
            character = rng.choice("?\ufffd")  # the character lost
        elif form < 0.16:
            character, annotation = rng.choice("?\ufffd"), reading + closing  # and the parenthesis
        elif form < 0.2:
            annotation = " " + annotation
        elif form < 0.23:
            annotation = annotation[:-1]
        parts += [page[last:at], character, annotation]
        last = at + 1
    parts.append(page[last:])
    return "".join(parts)


# What scraping leaves of HTML (the html rule): entities (named, numeric, hex, the damaged &bsp;,
# too long, unknown, nested &amp;lt;), tags with attributes in every quoting and case, entity-encoded
# tags, fragments (?/p>, /strong>, span> after a letter or not), CRLF residue (x0dx0a, X0D, x0a
# before Han or not), [email protected], and invisible format characters inside and beside them.
MARKUP = (
    "&nbsp;", "&bsp;", "&NBSP;", "&amp;", "&lt;", "&gt;", "&quot;", "&#160;", "&#12288;", "&#x3000;", "&#xA0;",
    "&amp;lt;p&amp;gt;", "&lt;p&gt;", "&lt;/strong&gt;", "&copy;", "&notit;", "&abcdefgh;", "&abcdefghi;", "&#1;",
    "&#0;", "&#128;", "&#55296;", "&#x110000;", "&#1234567;", "&ampx;", "&", "&;", "<br>", "<br/>", "<BR />",
    "<p>", "</p>", "<p class=\"a\">", "<span style='color:red'>", "<div id=x>", "</DIV>", "<strong>",
    "</strong>", "<img src=\"a.png\" />", "<a href=\"http://x.cn/?a=1&b=2\">", "</a>", "<h2>", "</h1>", "<td>",
    "<İmg src=x>", "<ſpan>", "<b x<i>", "<p\n>", "<", ">", "a<b", "1 > 0", "?/p>", "/p>", "p>", "span>",
    "strong>", "xp>", "/em>a", "div>", "x0dx0a", "X0D", "x0a", "x0A", "[email protected]",
    "[email&#160;protected]", "[email\u00a0protected]", "[email  protected]", "\u200b", "\u200e", "\ufeff", "\n",
)  # fmt: skip


def markup(page: str, rng: random.Random) -> str:
    """``page`` with HTML debris (``MARKUP``) planted after some of its characters, in runs or alone."""
    rate = rng.choice((0.0005, 0.005, 0.03))
    parts, last = [], 0
    for at in range(len(page)):
        if rng.random() < rate:
            parts += [page[last:at], "".join(rng.choice(MARKUP) for _ in range(rng.choice((1, 1, 2, 3, 6))))]
            last = at
    parts.append(page[last:])
    return "".join(parts)


def html_findings(text: str) -> tuple[list[str], dict[str, int]]:
    """The html rule, core scan and reference, on ``text``: its clusters and its fixes."""
    from tests import markup_reference

    differing = []
    clusters = _core.markup_clusters(text)
    if clusters != markup_reference.clusters(text):
        differing.append("markup_clusters")
    fixes = markup_reference.core_html_fixes(text)
    if fixes != markup_reference.html_fixes(text):
        differing.append("fix_html")
    return differing, {"html clusters": len(clusters), "html fixes": len(fixes)}


def ruby_findings(text: str) -> tuple[list[str], dict[str, int]]:
    """The pinyin-ruby rule, core and reference, on ``text`` as the pipeline runs it: with the page's
    count and without, on a simplified and a traditional page; and ruby_spans, count_ruby."""
    from cutter.rules import markup
    from tests import markup_reference

    differing, found = [], {"pinyin-ruby fixes": 0, "pinyin-ruby flags": 0, "ruby spans": 0}
    spans = markup.ruby_spans(text)
    if spans != markup_reference.ruby_spans(text):
        differing.append("ruby_spans")
    if markup.count_ruby(text) != markup_reference.count_ruby(text):
        differing.append("count_ruby")
    found["ruby spans"] += len(spans[0]) + len(spans[1])
    for page in (None, len(spans[0])):
        for script in ("simplified", "traditional"):
            core = markup._ruby().findings(text, page, script == "traditional")
            if core != markup_reference.pinyin_ruby(text, page, script):
                differing.append(f"pinyin_ruby({page}, {script})")
            for _, _, message in core:
                found[f"pinyin-ruby {'fixes' if message is None else 'flags'}"] += 1
    return differing, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, default=50)
    parser.add_argument("--seed", type=int, default=13)
    options = parser.parse_args()
    started = time.perf_counter()
    texts = [text for _, text in reference.sample_texts()]
    pages = compared = 0
    found = {"page-break fixes": 0, "page-break flags": 0, "chunk-marker fixes": 0, "chunk-marker flags": 0}
    found |= {"ellipsis fixes": 0, "fullwidth fixes": 0}
    found |= {"whitespace fixes": 0, "watermark fixes": 0, "watermark flags": 0, "english fixes": 0}
    found |= {"cjk-space fixes": 0, "cjk-space flags": 0, "placeholder flags": 0}
    found |= {"pinyin-ruby fixes": 0, "pinyin-ruby flags": 0, "ruby spans": 0, "html clusters": 0, "html fixes": 0}
    failures: list[str] = []
    rng = random.Random(options.seed)
    generated = core_corpus.pages(options.megabytes / 2, options.seed)
    # each generated page as it is and cut: half the megabytes each
    inputs = [*texts, *(variant for page in generated for variant in (page, cut(page, rng)))]
    # half of them with their punctuation damaged
    inputs = [punctuate(text, rng) if rng.random() < 0.5 else text for text in inputs]
    # half of them with their spacing damaged
    inputs = [space(text, rng) if rng.random() < 0.5 else text for text in inputs]
    inputs = [plant_chrome(text, rng) if rng.random() < 0.5 else text for text in inputs]
    # most of them with pinyin ruby planted
    inputs = [rubify(text, rng) for text in inputs]
    # and most with HTML debris
    inputs = [markup(text, rng) if rng.random() < 0.7 else text for text in inputs]
    for number, text in enumerate(inputs):
        data = text.encode("utf-8", "surrogatepass")
        differing = reference.differences(text)
        if _core.control_bytes(data) != reference.control_bytes(data):
            differing.append("control_bytes")
        for markup_differing, markup_found in (ruby_findings(text), html_findings(text)):
            differing += markup_differing
            for name, count in markup_found.items():
                found[name] += count
        if differing:
            failures.append(f"page {number}: {', '.join(differing)}")
        for rule, findings in (("page-break", _core.page_breaks(text)), ("chunk-marker", _core.chunk_markers(text))):
            for _, _, message in findings:
                found[f"{rule} {'fixes' if message is None else 'flags'}"] += 1
        found["ellipsis fixes"] += len(_core.ellipsis(text))
        found["fullwidth fixes"] += len(_core.fullwidth(text))
        count_spacing(text, found)
        line_rule_findings(text, found)
        pages += 1
        compared += len(data)
    offer_failures, offer_found = offers_and_titles(inputs, rng)
    failures += offer_failures
    found |= offer_found
    print(f"{pages} pages, {compared / 1e6:.1f} MB compared in {time.perf_counter() - started:.0f} s: "
          f"{len(failures)} differ")  # fmt: skip
    print("findings compared: " + ", ".join(f"{count:,} {name}" for name, count in found.items()))
    for failure in failures[:20]:
        print(failure)
    failures += header_candidates(options.megabytes / 5, options.seed)
    failures += normalizer(inputs)
    failures += held(inputs)
    return 1 if failures else 0


def held(inputs: list[str]) -> list[str]:
    """The pipeline's records with each document held in the core (``_core.Doc``: encoded once,
    its pieces' runs cut from its bytes) against the same pipeline reading each text alone
    (``HELD_TEXT`` below every document): text, edits with offsets, warnings, or the same error."""
    from cutter import core
    from cutter.model import Document
    from cutter.rules.base import rare_characters

    def records(text: str) -> object:
        rare_characters.cache_clear()
        try:
            return core.process(Document("page.txt", text)).records()
        except Exception as error:  # noqa: BLE001 - the same error both ways is the same outcome
            return repr(error)

    started = time.perf_counter()
    failures: list[str] = []
    compared = rows = 0
    limit = core.HELD_TEXT
    for number, text in enumerate(inputs):
        kept = records(text)
        core.HELD_TEXT = -1
        try:
            alone = records(text)
        finally:
            core.HELD_TEXT = limit
        compared += len(text.encode("utf-8", "surrogatepass"))
        rows += len(kept) if isinstance(kept, list) else 0
        if kept != alone:
            failures.append(f"held document, input {number}")
    return reported(f"held documents: {compared / 1e6:.1f} MB, {rows:,} records compared in "
                    f"{time.perf_counter() - started:.0f} s", failures)  # fmt: skip


def reported(summary: str, failures: list[str]) -> list[str]:
    """Print a stage's summary line, how many differ and the first differences; give them back."""
    print(f"{summary}: {len(failures)} differ")
    for failure in failures[:20]:
        print(failure)
    return failures


def count_spacing(text: str, found: dict[str, int]) -> None:
    """The whitespace, watermark, english, cjk-space and placeholder findings of ``text``, counted into
    ``found``."""
    found["whitespace fixes"] += len(_core.whitespace(text))
    found["english fixes"] += len(_core.english(text))
    found["placeholder flags"] += len(_core.placeholders(text))
    for rule, findings in (("watermark", _core.watermark(text)), ("cjk-space", _core.cjk_space(text))):
        for _, _, message in findings:
            found[f"{rule} {'fixes' if message is None else 'flags'}"] += 1


def header_candidates(megabytes: float, seed: int) -> list[str]:
    """The header candidates (tests/split_reference.py) over pages of header-heavy lines and
    header-like prose (tests/test_core_headers.py header_pages), on top of the pages above, which
    every comparison (TEXT_PAIRS) already read."""
    from tests import split_reference
    from tests.test_core_headers import header_pages

    started = time.perf_counter()
    failures, compared, found = [], 0, 0
    for number, page in enumerate(header_pages(megabytes, seed)):
        reference_candidates = split_reference.header_candidate_list(page)
        if split_reference.core_header_candidate_list(page) != reference_candidates:
            failures.append(f"header page {number}: the candidates differ")
        compared += len(page.encode("utf-8", "surrogatepass"))
        found += len(reference_candidates)
    print(f"header candidates: {compared / 1e6:.1f} MB of header-heavy pages, {found:,} candidates compared in "
          f"{time.perf_counter() - started:.0f} s: {len(failures)} pages differ")  # fmt: skip
    for failure in failures[:20]:
        print(failure)
    return failures


def normalizer(inputs: list[str]) -> list[str]:
    """The normalizer's bookkeeping in the core against tests/normalize_reference.py: every rule over
    every input (as one piece; but ``traditional`` over an input with a lone surrogate, which OpenCC
    refuses), the edits with their offsets and the notes; every tenth input also with
    --keep-boilerplate and without the joins."""
    started = time.perf_counter()
    failures: list[str] = []
    edits = notes = compared = 0
    for number, text in enumerate(inputs):
        if number % 10:
            rules = reference.every_rule_for(text)
            core, python = (reference.cleaned(clean, text, rules) for clean in (reference.clean_text, normalize_reference.clean_text))
            differing = [] if core == python else ["all"]
            edits, notes = edits + len(core[1]), notes + len(core[2])
        else:
            differing = reference.normalizer_differences(text)
        compared += len(text.encode("utf-8", "surrogatepass"))
        if differing:
            failures.append(f"normalizer, input {number}: {', '.join(differing)}")
    return reported(f"normalizer: {compared / 1e6:.1f} MB in {time.perf_counter() - started:.0f} s, {edits:,} edits and "
                    f"{notes:,} notes compared", failures)  # fmt: skip
# What sites put into a page around the essay (rules/boilerplate.py remove_offer, remove_title_repeat):
# offer sentences after a sentence, glued by a comma or to a Han character, on a line of their own
# or indented; pointers to more pages; traditional twins; genre intros before an offer at a text's
# start (all talk of the genre, or only part); near misses (the writer's own 以下是我的…, a colon,
# a sentence too long); and repeats of the page's title line, with a count declaration, indented,
# spaced.
OFFERS = (
    "以下是小编为大家整理的范文，仅供参考。", "，下面是小编为大家收集的{t}，希望大家喜欢！", "下面小编就来分享5篇{t}，赶紧看看吧!",
    "更多关于{t}的范文敬请关注本站频道！", "以下是我为大家整理的{t}，欢迎阅读。", ",以下是小编整理的{t}", "本文为大家带来三篇{t}，供参考。",
    "以下是小編為大家整理的讀後感範文，僅供參考。", "接下来为大家介绍的{t}内容，欢迎借鉴！", "这里给大家分享一些{t}。",
    "以下是我的三点体会：", "下面是小编：整理的", "以下是小编为大家整理的" + "内容" * 90 + "。", "更多的人来到这里。",
    "以下内容是小编精选的{t}，希望对你有帮助。", "   以上就是小编为您整理的{t}，希望大家喜欢。  ",
)  # fmt: skip
INTROS = (
    "{t}是我们对一件事情有所感悟时写下的文字。那么你知道{t}怎么写吗？",
    "心得体会是一种文体。写心得体会时要注意条理，",
    "今天天气很好。心得体会是一种文体。",
    "演讲稿是在会议上发表的讲话文稿，",
    "好吧，\u3000",
)


def offerize(page: str, rng: random.Random) -> str:
    """``page`` with offers planted after a fifth of its sentences, an intro and offer before its
    first paragraph or a body line, and its title line repeated inside."""
    lines = page.split("\n")
    title = lines[0].strip() or "心得体会"
    topic = title[:6]
    offer = lambda: rng.choice(OFFERS).replace("{t}", topic)  # noqa: E731
    for number, line in enumerate(lines):
        if "。" in line and rng.random() < 0.2:
            parts = line.split("。")
            at = rng.randrange(len(parts))
            parts[at] += offer()
            lines[number] = "。".join(parts)
        if rng.random() < 0.03:
            lines[number] = rng.choice(("", " ", "\u3000", "\t")) + title + rng.choice(("", "(精选3篇)", " 篇", "\u200b"))
    if len(lines) > 1:
        at = rng.choice((1, 1, 2, min(3, len(lines) - 1)))
        lines.insert(at, rng.choice(INTROS).replace("{t}", topic) + offer())
    return "\n".join(lines)


def offers_and_titles(inputs: list[str], rng: random.Random) -> tuple[list[str], dict[str, int]]:
    """The offer and title-repeat rules, core and reference (tests/offer_reference.py), over each
    input with offers planted (``offerize``), the title being each page's first line."""
    from cutter.rules import boilerplate
    from cutter.rules.base import Context, Fix, title_form
    from cutter.split import without_count_declarations
    from tests import offer_reference

    failures, found = [], {"offer fixes": 0, "offer flags": 0, "title-repeat fixes": 0}
    for number, page in enumerate(inputs):
        text = offerize(page, rng)
        core = list(boilerplate.remove_offer.find(text, Context()))
        if core != list(offer_reference.remove_offer(text, Context())):
            failures.append(f"page {number}: offer")
        forms = {title_form(text.split("\n", 1)[0])}
        context = Context(titles=frozenset(forms | {title_form(without_count_declarations(f)) for f in forms} - {""}))
        titles = list(boilerplate.remove_title_repeat.find(text, context))
        if titles != list(offer_reference.remove_title_repeat(text, context)):
            failures.append(f"page {number}: title-repeat")
        found["offer fixes"] += sum(isinstance(f, Fix) for f in core)
        found["offer flags"] += sum(not isinstance(f, Fix) for f in core)
        found["title-repeat fixes"] += len(titles)
    return failures, found


if __name__ == "__main__":
    sys.exit(main())
