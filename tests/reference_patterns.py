"""The patterns of the rules the compiled core now holds whole (crates/cutter-core/src): the Python
references (tests/*_reference.py) and the tests that check the core against them read them here,
and everything else of cutter.patterns through this module too, so they are no longer compiled in
every cutter process.

Read it as cutter.patterns: ``from tests import reference_patterns as P``.
"""

from __future__ import annotations

import re
from typing import Any

import regex

from cutter import patterns
from cutter.patterns import *  # noqa: F403 - the shared pieces, as the moved patterns were written beside them
from cutter.patterns import (  # the pieces the moved patterns are made of
    ENGLISH_CONNECTORS, SIMPLIFIED_ONLY, _DOC_CHROME_LABEL, _DOC_CHROME_MARKS, _DOC_CHROME_SENTENCE, _INK,
    _OFFER_MORE, _OFFER_START, _OFFER_THING, _OFFER_VERB, _OFFER_WELCOME, _OFFER_WHO, _SENTENCE, _SENTENCE_REST,
    _SPACE,
)  # fmt: skip


def __getattr__(name: str) -> Any:
    """Any other name of cutter.patterns (its private pieces too)."""
    return getattr(patterns, name)


INK = regex.compile(_INK)

FORMAT_CHARACTER = regex.compile(r"\p{Cf}")

INDENT = regex.compile(rf"^{_SPACE}+(?={_INK})", regex.MULTILINE)

TRAILING_SPACE = regex.compile(rf"(?<={_INK}){_SPACE}+$", regex.MULTILINE)

BLANK_LINE_SPACE = regex.compile(rf"^{_SPACE}+$", regex.MULTILINE)

ENGLISH_FRAGMENT = regex.compile(
    r"(?<=\p{Han})[ \t]+(?P<word>" + "|".join(ENGLISH_CONNECTORS) + r")[ \t]+(?=\p{Han})"
)

WATERMARK = regex.compile(r"(?<=的)[.'`](?=\p{Han})")

UNSURE_DOT = regex.compile(r"(?<=\p{Han})\.(?=\p{Han})")

CLAUSE_PUNCT = regex.compile(r"[，。！？；,!?;]")

ANY_PUNCT = regex.compile(r"\p{P}")

# The lead: a line or sentence start, a comma, or (template damage) a Han character the
# offer is glued to, as in 要好好写一篇心得体会以下我给大家整理了…
OFFER = regex.compile(
    rf"""(?P<lead>^|(?<=[。！？!?])|，|,|(?<=\p{{Han}})(?<!的)(?=(?:以下|下面)(?:是|我|由|小编)))\s*
    (?P<offer>(?:{_OFFER_START}
      (?:(?={_SENTENCE}{_OFFER_WHO})(?={_SENTENCE}{_OFFER_VERB})
        |(?={_SENTENCE}{_OFFER_THING})(?={_SENTENCE}{_OFFER_WELCOME}))
      |{_OFFER_MORE})
      {_SENTENCE_REST}(?:[。！？!?]+|$))""",
    regex.VERBOSE | regex.MULTILINE,
)

LEAD_IN = regex.compile(
    r"""^(?:无论是身处学校还是步入社会|在日常(?:的)?学习、工作或生活中|在日复一日的|当我们(?:备受启迪|心中)|
    随着(?:社会|人们|时代)[^，\n]{0,12}[，,]|相信许多人会觉得|为了帮助大家)[^\n]*(?:吧|呢[？?]|小编|范文)[^\n]*$""",
    regex.VERBOSE | regex.MULTILINE,
)

LABELLED_INTRO = regex.compile(
    r"^[ \t]*(?:【(?:[#＃][^#＃】\n]{1,12}[#＃][ \t　]*)?(?:导语|简介|导读)】|(?:导语|导读)[:：]|[\[【]前言[\]】](?=[^\n]*(?:投稿|推荐|会员)))[^\n]*$",
    regex.MULTILINE,
)

DOC_CHROME = regex.compile(
    rf"""^[ \t]*[^\n]*(?:{_DOC_CHROME_MARKS}
    )[^\n]*$
    | ^{_DOC_CHROME_LABEL}$
    | {_DOC_CHROME_SENTENCE}""",
    regex.VERBOSE | regex.MULTILINE | regex.IGNORECASE,
)

HIDDEN_TEXT = regex.compile(
    r"(?:[…\.]{0,6}此处隐藏[0-9０-９]+个字[…\.]{0,6}"
    r"|[…\.]{0,6}[(（][^()（）\n…]{0,60}省略[0-9０-９]+字[^()（）\n…]{0,30}[)）][…\.]{0,6}|因篇幅问题不能全部显示，?请点此查看更多更全内容|展开阅读全文|展開更多|展开全文)+"
)

FOOTER = regex.compile(
    r"""^[ \t]*(?:
        扩展阅读 | 擴展閱讀 | 延伸阅读 | 小编精心推荐(?:阅读)? | [•·\-]?\s*相关推荐 | 全文预览已结束 |
        (?:【[^】\n…]{0,20}】)?相关文章 | [^\n，。…]{0,20}相关资讯 | 标签 | 本文来源 | 上一篇 | 下一篇
    )(?:[:：](?:[^，。！？\n.…]|(?>。{2,})|(?>[.…]{2,})|[.…]){0,80})?[ \t]*$  # 。。。 and ... read as the …… they become
    | ^[ \t]*声明[:：][^\n]*(?:仅供|侵权|权利)[^\n]*$""",
    regex.VERBOSE | regex.MULTILINE,
)

HTML_ENTITY = regex.compile(r"&(?:[a-zA-Z]{2,8}|#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6});|&bsp;")

HTML_TAG = regex.compile(
    r"""</?(?:p|span|div|br|strong|b|i|em|h[1-6]|a|font|img|table|tr|td|li|ul|ol|section|article|center)
    (?:\s+[a-zA-Z:-]+(?:\s*=\s*(?:"[^"\n]*"|'[^'\n]*'|[^\s<>]+))?)*\s*/?>""",
    regex.IGNORECASE | regex.VERBOSE,
)

HTML_FRAGMENT = regex.compile(r"(?<![A-Za-z0-9<])(?:\?/|/)?(?:p|strong|span|div|em)>(?![A-Za-z0-9])")

CRLF_RESIDUE = regex.compile(r"x0dx0a|x0d|x0a(?=\p{Han})", regex.IGNORECASE)

EMAIL_PROTECTED = regex.compile(r"\[email\s*(?:&#160;|\u00a0| )?protected\]")

# All five, for one overlapped scan that finds where markup is.
MARKUP = regex.compile(
    "|".join(
        f"(?{flags}:{pattern.pattern})" if flags else f"(?:{pattern.pattern})"
        for pattern, flags in (
            (HTML_ENTITY, ""), (HTML_TAG, "ix"), (HTML_FRAGMENT, ""), (CRLF_RESIDUE, "i"), (EMAIL_PROTECTED, "")
        )
    )
)

CJK_SPACE = regex.compile(
    r"(?P<between>(?<=\p{Han}) (?=\p{Han}))"
    r"|(?P<punct>(?<=\p{Han}) +(?=[，。、；：！？”’）》])|(?<=[“‘（《]) +(?=\p{Han}))"
)

PLACEHOLDER = regex.compile(
    r"""(?<![A-Za-z])(?:x{2,}|X{2,}|Χ{2,})(?![A-Za-z])
      | ×{1,}
      | \*{2,}(?!\w)|(?<!\w)\*(?:\s\*){1,}
      | _{2,}
      | (?<=\p{Han}|^)[xX×](?=[年月日班级号届个元])""",
    regex.VERBOSE | regex.MULTILINE,
)

SIMPLIFIED_CHARACTER = re.compile("[" + re.escape("".join(sorted(SIMPLIFIED_ONLY))) + "]")
