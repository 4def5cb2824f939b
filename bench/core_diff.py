"""The differential test of the compiled core over 50 MB: every ported stage, core and Python
reference (tests/test_core_diff.py; the page-break and chunk-marker rules, every finding with its
start, end and message, against tests/paragraphs_reference.py; ellipsis and fullwidth, every fix
against tests/punctuation_reference.py), over generated pages
(bench/core_corpus.py: the bench's dense and typical pages, half of them mutated; half the
megabytes, each page also cut by chunk numbers and page breaks, see ``cut``), plus the samples and
seeds, half of all of them with punctuation damaged (``punctuate``); prints the pages and MB compared, the paragraph findings compared, and any page whose
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
    failures: list[str] = []
    rng = random.Random(options.seed)
    generated = core_corpus.pages(options.megabytes / 2, options.seed)
    # each generated page as it is and cut: half the megabytes each
    inputs = [*texts, *(variant for page in generated for variant in (page, cut(page, rng)))]
    # half of them with their punctuation damaged
    inputs = [punctuate(text, rng) if rng.random() < 0.5 else text for text in inputs]
    inputs = [plant_chrome(text, rng) if rng.random() < 0.5 else text for text in inputs]
    for number, text in enumerate(inputs):
        data = text.encode("utf-8", "surrogatepass")
        differing = reference.differences(text)
        if _core.control_bytes(data) != reference.control_bytes(data):
            differing.append("control_bytes")
        if differing:
            failures.append(f"page {number}: {', '.join(differing)}")
        for rule, findings in (("page-break", _core.page_breaks(text)), ("chunk-marker", _core.chunk_markers(text))):
            for _, _, message in findings:
                found[f"{rule} {'fixes' if message is None else 'flags'}"] += 1
        found["ellipsis fixes"] += len(_core.ellipsis(text))
        found["fullwidth fixes"] += len(_core.fullwidth(text))
        line_rule_findings(text, found)
        pages += 1
        compared += len(data)
    print(f"{pages} pages, {compared / 1e6:.1f} MB compared in {time.perf_counter() - started:.0f} s: "
          f"{len(failures)} differ")  # fmt: skip
    print("findings compared: " + ", ".join(f"{count:,} {name}" for name, count in found.items()))
    for failure in failures[:20]:
        print(failure)
    failures += header_candidates(options.megabytes / 5, options.seed)
    return 1 if failures else 0


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


if __name__ == "__main__":
    sys.exit(main())
