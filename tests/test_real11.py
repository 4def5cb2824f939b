"""Issue 11 leftovers: the spam line above the title, the ``1.{KW}`` header, pieces headed by their
own titles, ruby in titles, and the width of a ``?`` that ruby removal left (samples 60+)."""

from __future__ import annotations

import pytest

from cutter.core import process
from cutter.model import Document
from cutter.split import split

from .test_properties import assert_split_covers

_BODY = "寒假里，我读了一本散文集。\n"


def _layout(text: str):
    return split(Document("-", text))


# --- 1. an injected spam line above the title -------------------------------------------


@pytest.mark.parametrize(
    "spam",
    [
        "金沙娱乐城官方网站 注册即送88元体验金",
        "加微信领取免费学习资料。",
        "最新电影在线观看",
    ],
)
def test_a_spam_line_above_the_title_is_not_the_title(spam: str) -> None:
    text = f"{spam}\n春天的读后感\n下面是小编整理的读后感。\n春天的读后感1\n{_BODY}春天的读后感2\n乙。\n"
    layout = _layout(text)
    assert layout.collection == "春天的读后感"
    assert layout.title_line.of(text) == "春天的读后感"
    assert spam in layout.preamble.of(text)  # not title, not lost: the preamble keeps it
    assert [p.title for p in layout.pieces] == ["春天的读后感1", "春天的读后感2"]


def test_a_first_line_that_shares_nothing_stays_the_title_when_no_later_line_shares() -> None:
    text = f"我的暑假\n春天的读后感1\n{_BODY}春天的读后感2\n乙。\n"
    assert _layout(text).collection == "我的暑假"


def test_a_title_sharing_part_of_the_keyword_is_kept() -> None:
    text = f"第一书记的观后感\n时间:2024-07-09 21:15:23\n观后感1\n{_BODY}观后感2\n乙。\n"
    assert _layout(text).collection == "第一书记的观后感"


def test_a_later_intro_sentence_naming_the_keyword_never_takes_the_title() -> None:
    text = f"金沙娱乐城官方网站\n下面是小编整理的春天的读后感，欢迎阅读。\n春天的读后感1\n{_BODY}春天的读后感2\n乙。\n"
    layout = _layout(text)
    assert layout.collection == "金沙娱乐城官方网站"  # nothing title-like shares the keyword: as before


def test_a_count_title_below_a_spam_line_was_and_is_chosen() -> None:
    text = f"金沙娱乐城官方网站\n读书心得(2篇)\n读书心得篇一\n{_BODY}读书心得篇二\n乙。\n"
    assert (_layout(text).collection, _layout(text).declared) == ("读书心得", 2)


def test_the_splitter_covers_a_page_with_a_spam_line() -> None:
    assert_split_covers(f"金沙娱乐城\n\n春天的读后感\n春天的读后感1\n{_BODY}春天的读后感2\n乙。\n")
