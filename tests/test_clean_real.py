"""Cleaning the forms real pages serve (issue 11, items 7-11): traditional boilerplate,
chrome rows, pinyin ruby checked against a dictionary, chunk markers, counted ellipses."""

from __future__ import annotations

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cutter import patterns as P
from cutter.rules import BY_NAME, Context, Flag
from cutter.rules.boilerplate import fold_script
from cutter.rules.markup import count_ruby, is_reading
from tests.test_properties import SETTINGS, assert_cleaning_settles

FRAGMENTS = [
    "以下是小編為大家整理的讀後感範文，僅供參考。", "下面是小編爲大家收集的演講稿，歡迎閱讀。", "心得體會是", "寫心得體會時，",
    "人气:3.29W", "浏览 3010", "手机阅读", "+ 加入清单", "范文类型:演讲稿,全文共 712 字", "返回 下载 相关 举报",
    "时间:", "小编:", "zdfb", "2022-11-26 22:02", "2015-07-16", "2023年5月1日", "們(men)", "的(de)", "寫(xiě)",
    "?(xiě)", "?huì)", "彤(tónɡ)", "咳嗽(ké sou)", "小明(ming)", "3个。。。25个", "1…2", "2、", "3、", "企业内部拥",
    "春风化雨，润物无声", "更多关于春天的作文敬请关注本站。", "，以下是小编为大家整理的范文，供大家参考。",
    "以下我給大家整理了范文。", "……(省略292字,正式会员可完整阅读)……", "\n", "\n\n",
    "，", "。", "尊敬的老师：", "我们", "發展", "乾淨",
]  # fmt: skip
real_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(min_size=1, max_size=6)), max_size=30).map(
    "".join
)


@SETTINGS
@given(st.one_of(st.text(max_size=200), real_like))
def test_fold_keeps_every_offset(text: str) -> None:
    folded = fold_script(text)
    assert len(folded) == len(text)
    assert fold_script(folded) == folded


def test_the_fold_table_is_what_the_six_opencc_configurations_derive() -> None:
    import opencc
    from zhon import cedict

    from cutter.rules.boilerplate import _fold_table

    characters = set(cedict.simplified) | set(cedict.traditional)
    for config in ("s2t", "s2tw", "s2hk"):
        characters |= set(opencc.OpenCC(config).convert("".join(sorted(characters))))
    candidates = sorted(c for c in characters if not c.isspace())
    derived: dict[int, int] = {}
    for config in ("t2s", "tw2s", "hk2s"):
        converted = opencc.OpenCC(config).convert("\n".join(candidates)).split("\n")
        for source, target in zip(candidates, converted):
            if len(target) == 1 and target != source:
                derived.setdefault(ord(source), ord(target))
    derived[ord("著")] = ord("着")  # tw2s's choice, kept for 寫著 / 写着
    del derived[ord("么")]  # tw2s writes 幺, which simplified text does not
    for source, target in derived.items():  # each chain to its end (薴 → 苧 → 苎): folding twice changes nothing
        while target in derived:
            target = derived[target]
        derived[source] = target
    assert _fold_table() == derived


def test_fold_leaves_simplified_text_as_it_is() -> None:
    text = "以下是小编为大家整理的范文，乾县的于梨华说"
    assert fold_script(text) is text


@SETTINGS
@example("，以下是小编为大家整理的范文，供大家参考。\t0")  # an offer that opens its line strands no tab
@example("3个。。。25个|00|")  # an ellipsis run made …… must not make a row of links of its line
@example("們0003个。。。25个。小明(ming)人气:3.29W")  # nor bring a counter line's label under its bound
@example("本文由网友收集整理，。。。。。。。。。。")  # nor a line's tail
@example("正文一段。\n【好网站。。。" + "好" * 25 + ".com】\n正文二段。")  # nor a bracketed site name
@example("正文一段。\n- 工匠精神的作文(精选。。。。。。28篇)\n正文二段。")  # nor a link's count
@example("正文一段。\n" + "好" * 18 + "..." + "相关资讯\n另一篇。")  # nor a footer marker
@example("正文一段，很长的正文。\n扩展阅读：" + "好" * 78 + "...\n")  # nor a footer's 80 items
@example("正文一段。(" + "好" * 58 + "。。。省略1234字)正文二段。")  # nor a hidden-text marker
@given(real_like)
def test_cleaning_real_forms_is_idempotent_and_replayable(text: str) -> None:
    assert_cleaning_settles(text)


def test_an_intro_that_is_only_partly_genre_talk_is_flagged() -> None:
    text = "我家门前有一条小河。写作文时我常常想起它。以下是小编为大家收集的作文，供大家参考。"
    flags = [f for f in BY_NAME["offer"].find(text, Context()) if isinstance(f, Flag)]
    assert flags and flags[0].start == 0


def test_a_whole_genre_intro_goes_without_a_warning() -> None:
    text = "演讲稿是在会上发表的讲话文稿。那么你知道演讲稿怎么写吗？以下是小编为大家整理的范文，供大家参考。\n正文。"
    assert BY_NAME["offer"].apply(text) == "\n正文。"
    assert not [f for f in BY_NAME["offer"].find(text, Context()) if isinstance(f, Flag)]


def test_the_intro_goes_only_from_the_texts_first_paragraph() -> None:
    text = "我们去了公园，玩得很开心，一直到天黑才回家。\n写作文时我常常想起它。以下是小编为大家收集的作文，供大家参考。"
    assert BY_NAME["offer"].apply(text) == "我们去了公园，玩得很开心，一直到天黑才回家。\n写作文时我常常想起它。"


@pytest.mark.parametrize(
    ("base", "annotation", "expected"),
    [("寫", "xiě", True), ("們", "men", True), ("的", "de", True), ("彤", "tónɡ", True), ("明", "ming", False),
     ("京", "běijīng", False), ("C", "ma", False), ("?", "xiě", False)],
)  # fmt: skip
def test_a_reading_is_checked_with_the_dictionary(base: str, annotation: str, expected: bool) -> None:
    assert is_reading(base, annotation) is expected


def test_a_traditional_page_with_two_readings_is_cleaned() -> None:
    text = "我們的老師認(rèn)真負責，同學們都很喜歡他。在這一年里(lǐ)，我們學到了很多。"
    context = Context.of(text)
    assert context.script == "traditional" and context.ruby == 2
    assert BY_NAME["pinyin-ruby"].apply(text, context) == "我們的老師認真負責，同學們都很喜歡他。在這一年里，我們學到了很多。"


def test_a_simplified_page_with_two_readings_keeps_them_and_warns() -> None:
    text = "那是个晴朗的早晨，太阳红彤(tóng)彤地挂在天空。风吹得树叶瑟(sè)瑟作响。"
    context = Context.of(text)
    assert context.ruby == 2
    assert BY_NAME["pinyin-ruby"].apply(text, context) == text
    assert len([f for f in BY_NAME["pinyin-ruby"].find(text, context) if isinstance(f, Flag)]) == 2


def test_the_page_count_counts_readings_only() -> None:
    assert count_ruby("北京(běijīng)很大，寫(xiě)作文，小明(ming)，咳嗽(ké sou)") == 1


_OLD_RUBY = regex.compile(rf"(?P<base>[^\s(（])[(（](?P<reading>[a-zü\u0261{P.TONE_MARKS}]{{1,7}})[)）]")


def _ruby_spans_as_first_written(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    from cutter.rules.markup import LOST_BASE, RUBY_AFTER_LOST, _toned_syllable, is_reading

    confirmed, lost = [], []
    for match in _OLD_RUBY.finditer(text):
        if is_reading(match["base"], match["reading"]):
            confirmed.append((match.start() + len(match["base"]), match.end()))
        elif match["base"] in LOST_BASE and _toned_syllable(match["reading"]):
            lost.append((match.start() + 1, match.end()))
    if "?" in text or "\ufffd" in text:
        lost += [m.span() for m in RUBY_AFTER_LOST.finditer(text) if _toned_syllable(m["reading"])]
    return confirmed, sorted(set(lost))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["寫", "們", "的", "?", "\ufffd", " ", "\n", "(", "（", ")", "）", "xiě", "men", "de", "huì", "ab"]), max_size=24).map("".join))
def test_ruby_scan_anchored_on_the_parenthesis_finds_what_the_base_first_scan_found(text: str) -> None:
    from cutter.rules.markup import ruby_spans

    assert ruby_spans(text) == _ruby_spans_as_first_written(text)
