"""The boilerplate line rules in the compiled core (crates/cutter-core/src/chrome.rs) against the
Python they replaced (tests/boilerplate_reference.py): hidden-text, site-chrome, doc-chrome,
labelled-intro, lead-in and footer give the same findings, start, end and message, in the same
order, on text built from the pieces each pattern reads, on every code point in each place a
character class decides (the regex module's \\s and \\d, IGNORECASE, \\p{P}, str.strip), at the
length limits, and on traditional text that the fold must read as simplified."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import reference_patterns as P
from cutter.rules.base import title_form
from tests import boilerplate_reference as reference
from tests.codepoints import every_code_point

NAMES = ("hidden-text", "site-chrome", "doc-chrome", "labelled-intro", "lead-in", "footer")


core = reference.core_line_rules


def differ(text: str) -> list[str]:
    ours, theirs = core(text), reference.line_rules(text)
    return [name for name, a, b in zip(NAMES, ours, theirs) if a != b]


# What the six patterns read: their words (and the trigger words), the traditional forms the fold
# reads, the marks, counts, dates, spaces of every kind, the separators of rows and bars.
_WORDS = sorted({word for family in NAMES for word in P.TRIGGERS[family.replace("-", "_")]})
_PIECE = st.sampled_from(
    _WORDS
    + ["此处隐藏", "个字", "省略", "1234", "字", "……", "…", "...", "(", ")", "（", "）", "展开阅读全文", "展開更多"]
    + ["因篇幅问题不能全部显示，请点此查看更多更全内容", "当前位置", "首页", ">", "»", "我要投稿", "阅读", "人气"]
    + ["3.29W", "2.7k", "6.59K", "次", "万", "3010", "2022-11-26", "2015/7/6", "22:02", "10:20:30", "时间", "小编"]
    + ["发布时间", "编辑", "栏目", "范文类型", "全文共", "712", "小贴士", "预计看完需要", "分钟", "到电脑桌面", "设为首页"]
    + ["手机阅读", "加入清单", "+", "＋", "•", "·", "|", "｜", "/", "下载", "收藏", "举报", "返回", "相关", "大", "中", "小"]
    + ["用手机扫描二维码", "欢迎访问", "网", "站", "网站首页", "作文网专稿", "未经允许不得转载", "本文由", "整理", "收集"]
    + ["【", "】", ".com", ".CN", ".Net", "-", "(优选28篇)", "（3篇）", "篇", "捐款倡议书", "环保倡议书", "范文", "作文"]
    + ["由会员分享", "上传人：", "第 1 页 / 共 3 页", "第1页/共3页", "点击查看更多 >>", "下载本文档", "版权说明:本文档"]
    + ["已阅读5页,还剩3页", "合集下载", "文本为word版本", "格式：doc", "_第2页", "资源描述", "文档简介", "范文仅供参考，自行编辑使用。"]
    + ["无论是身处学校还是步入社会", "在日常学习、工作或生活中", "随着社会的发展，", "为了帮助大家", "吧", "呢？", "相信许多人会觉得"]
    + ["【导语】", "导语：", "[前言]", "【前言】", "会员", "推荐", "扩展阅读", "小编精心推荐", "相关推荐", "【演讲稿】相关文章"]
    + ["相关资讯", "标签", "上一篇", "声明：", "仅供", "侵权", "：", ":", "。。。", "。。", "。", "，", "！", "？", "第2张", "第3張"]
    + ["閱讀", "擴展閱讀", "欄目", "發佈於", "人氣", "編輯", "時間", "為大家", "下載", "標籤"]
    + [" ", "  ", "\t", "\u3000", "\xa0", "\u2003", "\x1c", "\x85", "\u2028", "\r", "\n", "\n", "\n", "\n\n"]
    + ["甲乙丙", "正文。", "谢谢大家。", "校园一角", "a", "K", "\u212a", "\ud800", "\U00020000", "١٢", "٣"]
)


def texts(max_size: int = 30) -> st.SearchStrategy[str]:
    return st.lists(_PIECE, max_size=max_size).map("".join)


@settings(max_examples=1000, deadline=None)
@given(texts())
def test_the_line_rules_read_alike(text: str) -> None:
    assert differ(text) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(texts(12), max_size=12).map("\n".join), st.sampled_from(["", "观后感的写作格式\n", "校园一角\n"]))
def test_pages_of_chrome_lines_read_alike(text: str, title: str) -> None:
    # a title on the first line, captions that repeat it or not
    assert differ(title + text + "\n" + title.strip() + " 第2张") == []


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200))
def test_any_text_reads_alike(text: str) -> None:
    assert differ(text) == []


def test_every_code_point_reads_alike_where_its_class_decides() -> None:
    """\\s (the regex module's, which is not str.isspace), \\d (its Unicode's Nd), the letters
    IGNORECASE folds (k and the Kelvin sign), \\p{P} under an empty label, str.strip in the flags,
    and the negated classes of the nav cells, the counters and the footer's items."""
    # every code point of the basic plane but the Han characters (no class here tells one from
    # another: they stand in the negated classes only), those above it that every_code_point reads,
    # and the newest digits
    han = regex.compile(r"\p{Han}")
    chosen = [c for c in every_code_point() if not han.match(c) or c in "一中甲" or c >= "\U00010000"]
    chosen += [chr(c) for c in (0x1E5F1, 0x1E5FA, 0x16D70, 0x11F50)]
    for position in (
        "推荐人:{}阅读:2W",  # SITE_CHROME: [^\n]{0,60}
        "阅读{}3.5W",  # [(（:：]\s* | [ \t]+
        "人气:3{}",  # [WwKk万] under IGNORECASE, \s*次?\s*$
        "时间:{}2022-11-26",  # \s*
        "首{}页 | 范文 | 作文",  # a nav cell's first character: not \s, not a mark
        "首页{} | 范文 | 作文",  # its others
        "【示例.c{}m】",  # IGNORECASE letters
        "第{}1页/共3页",  # DOC_CHROME: \s*
        "第{}页/共3页",  # \d
        "已阅读1{}页,还剩3页",
        "文本为Wor{}版本",
        "{}相关推荐",  # FOOTER: \s*
        "扩展阅读：{}",  # the footer's items
        "扩展阅读：。{}",
        "{}扩展阅读{}",  # str.strip in the flag's marker (a long tail below)
        "时间:\n{}",  # EMPTY_LABEL's value: \p{P}, str.strip
        "时间:\n甲{}",
        "{}2015-07-16{}",  # the date's flag
        "校园{}一角 第1张",  # IMAGE_CAPTION's title
        "……此处隐藏1{}个字……",  # HIDDEN_TEXT
        "(文秘网{}省略292字)",
    ):
        text = "\n".join(position.replace("{}", c) for c in chosen)
        assert differ(text) == [], position
    spaces = regex.compile(r"[\s\p{Z}\p{Cc}\p{Cf}]")
    for c in [c for c in chosen if c.isspace() or spaces.match(c)] + chosen[::97]:  # str.strip in the footer's flag
        text = f"正文。\n{c}相关推荐{c}\n" + "甲" * 5100
        assert core(text)[5] == reference.footer(text), hex(ord(c))


@pytest.mark.parametrize("length", [0, 1, 2, 10, 11, 12, 13, 19, 20, 21, 29, 30, 31, 39, 40, 41, 59, 60, 61, 79, 80, 81])
def test_the_length_limits_read_alike(length: int) -> None:
    run, dots = "甲" * length, "。。" * length
    for text in (
        f"推荐人:{run}阅读:2W", f"{run}阅读 35", f"{run}全文共 712 字{run}", f"{run}预计看完需要3分钟",
        f"{run}到电脑桌面{run}", f"欢迎访问{run}网", f"{run}作文网专稿", f"本文由{run}整理{run}", f"【{run}.com】",
        f"- {run}({run}3篇)", f"{run} | 范文 | 作文", f"首页 | {run} | 作文 |", f"时间:2022-11-26{run}",
        f"随着社会{run}，大家都写过范文吧", f"扩展阅读：{run}", f"扩展阅读：{dots}", f"扩展阅读：甲{dots}乙" * 3,
        f"【{run}】相关文章", f"{run}相关资讯", f"……({run}省略3字{run})……", f"{run} 第1张", f"时间:\n{run}",
        f"。{run}扩展阅读\n" + "乙" * (5000 - length), "乙" * (4990 + length) + "\n扩展阅读\n" + "乙" * 5000,
    ):  # fmt: skip
        assert differ(text) == [], text[:80]


@pytest.mark.parametrize(
    "text",
    [
        "閱讀小貼士:本篇共計1200個字,預計看完需要3分鐘\n正文。",
        "擴展閱讀\n另一篇。",
        "欄目: 生活常識 / 發佈於: / 人氣:1.52W\n正文。",
        "《範文.doc》由會員分享\n正文。\n範文僅供參考，自行編輯使用",
        "【導語】本文為大家帶來三篇範文。\n正文。",
        "我們要努力……此處隱藏1234個字……謝謝大家。",
        "價俓㞞相关资讯\n另一篇。",  # folds that change a character's UTF-8 width (俓 → 𠇹)
        "價俓 ……此处隐藏12个字…… 嗰\n\U00020021 手机阅读",
        "價\ud800\n当前位置：首页 > 范文\n……此处隐藏12个字……\ud800",  # lone surrogates
    ],
)
def test_traditional_text_is_read_through_the_fold(text: str) -> None:
    assert differ(text) == []
    assert any(core(text))  # and it is found


def test_the_captions_title_decides_whether_it_goes() -> None:
    text = "观后感的写作格式\n正文。\n观后感的写作格式 第2张\n校园一角 第3张\n正文。"
    found = core(text)[1]
    assert (text.index("观后感的写作格式 第"), text.index("\n校园"), None) in found
    assert any(message and "校园一角 第3张" in message for _, _, message in found)
    assert found == reference.site_chrome(text, reference.context_of(text))
    assert title_form("观后感的写作格式") in reference.context_of(text).titles


def test_a_removal_takes_the_spaces_it_would_strand() -> None:
    text = "正文。\u3000 ……此处隐藏12个字……\t\n\t手机阅读\n甲 展开全文 乙"
    found = core(text)
    assert [(text[a:b], m) for a, b, m in found[0] if m is None] == [("\u3000 ……此处隐藏12个字……\t", None), ("展开全文", None)]  # inside a line: no space is stranded
    assert [text[a:b] for a, b, _ in found[1]] == ["\t手机阅读"]
    assert differ(text) == []


@settings(max_examples=300, deadline=None)
@given(texts())
def test_the_trigger_lines_the_line_rules_leave_are_the_scans(text: str) -> None:
    """_trigger_lines (which offer and title-repeat read) takes the lines of the line rules' core
    call for the text it read without a fold: they are the lines its own scan finds."""
    from cutter.rules import boilerplate

    boilerplate._line_findings.cache_clear()
    boilerplate._trigger_lines.cache_clear()
    boilerplate._line_findings(text)
    scanned = {family: lines for family, lines in zip(P.TRIGGERS, boilerplate._triggers().lines(text)) if lines}
    assert boilerplate._trigger_lines(text) == scanned


def test_the_last_scanned_text_is_forgotten_with_the_huge_texts() -> None:
    from cutter.rules import boilerplate
    from cutter.rules.base import forget_large_texts

    text = "以下是小编整理的范文\n扩展阅读\n正文。"
    boilerplate._line_findings.cache_clear()
    boilerplate._line_findings(text)
    assert boilerplate._SCANNED[0] is text
    forget_large_texts()
    assert boilerplate._SCANNED == [None, None]


# --- inside the normalizer's run (Run.apply_core, one scan for the text as it is) -----------------


def _clean(
    text: str, titles: frozenset[str] = frozenset(), keep: bool = False, script: str = "simplified"
) -> tuple[str, list, list]:
    from cutter.normalize import clean_text
    from cutter.rules import RULES, Context

    clean, edits, notes = clean_text(text, RULES, Context(script=script, titles=titles), keep)
    return clean, [(e.rule, e.before) for e in edits], [(n.rule, n.message) for n in notes]


def test_a_caption_of_the_pages_title_goes_and_another_is_flagged_inside_the_run() -> None:
    """A caption needs the context, so the core gives site-chrome back to Python for that text."""
    text = "正文第一段。\n观后感的写作格式 第2张\n校园一角 第3张\n正文第二段。"
    clean, edits, notes = _clean(text, frozenset({title_form("观后感的写作格式")}))
    assert clean == "正文第一段。\n校园一角 第3张\n正文第二段。"
    assert ("site-chrome", "观后感的写作格式 第2张") in edits
    assert notes == [("site-chrome", "possible image caption: “校园一角 第3张”")]
    assert _clean(text)[0] == "正文第一段。\n观后感的写作格式 第2张\n校园一角 第3张\n正文第二段。"


def test_each_line_rule_reads_the_text_the_rule_before_it_left() -> None:
    """hidden-text removes its marker, which joins nothing; then each rule after it (offer, site-chrome,
    footer) finds its own line in the new text, at the new text's offsets."""
    text = "我们要努力……此处隐藏1234个字……\n当前位置：首页 > 范文\n下面是小编为大家整理的范文，仅供参考。\n谢谢大家。\n扩展阅读\n另一篇。"
    clean, edits, notes = _clean(text)
    assert clean == "我们要努力\n谢谢大家。"
    assert [rule for rule, _ in edits] == ["hidden-text", "offer", "site-chrome", "footer"]
    assert notes == [("hidden-text", "text hidden by the site is missing here (……此处隐藏1234个字……)")]


def test_traditional_offer_and_chrome_are_read_through_the_fold_inside_the_run() -> None:
    text = "價值觀。\n以下是小編為大家整理的範文，僅供參考。\n當前位置：首頁 > 範文\n正文。"
    clean, edits, _ = _clean(text, script="traditional")
    assert [rule for rule, _ in edits] == ["offer", "site-chrome"] and clean == "價值觀。\n正文。"


def test_kept_boilerplate_is_a_warning_inside_the_run() -> None:
    text = "正文。\n当前位置：首页 > 范文\n下面是小编为大家整理的范文，仅供参考。\n谢谢。"
    clean, edits, notes = _clean(text, keep=True)
    assert clean == "正文。\n当前位置：首页 > 范文\n下面是小编为大家整理的范文，仅供参考。\n谢谢。" and edits == []
    assert {rule for rule, _ in notes} == {"offer", "site-chrome"}
    assert all(message.startswith("boilerplate kept: “") for _, message in notes)
