"""bytes → text: encodings and newlines as everyday input."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cutter import _core
from cutter.decode import decode
from cutter.errors import InputError

TEXT = "弘扬工匠精神篇一\n工匠精神的价值。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "gb18030", "gbk"],
)
def test_encodings_are_detected(data: bytes, encoding: str) -> None:
    decoded = decode(data)
    assert decoded.text == TEXT and decoded.encoding == encoding


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_lone_cr_become_newlines(newline: str) -> None:
    assert decode(TEXT.replace("\n", newline).encode("utf-8")).text == TEXT


def test_big5_is_told_from_gb18030() -> None:
    traditional = "學習雷鋒精神心得體會(精選2篇)\n學習雷鋒精神心得體會篇一\n雷鋒同志是我們學習的榜樣。\n"
    decoded = decode(traditional.encode("big5"))
    assert (decoded.text, decoded.encoding) == (traditional, "big5")
    assert decode(traditional.encode("gb18030")).encoding == "gb18030"


def test_forced_encoding_is_used() -> None:
    assert decode("學習雷鋒".encode("big5"), "big5").text == "學習雷鋒"


def test_empty_input_is_empty_text() -> None:
    assert decode(b"").text == ""


@pytest.mark.parametrize(
    ("data", "encoding", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "binary file"),
        (bytes(range(1, 32)) * 40, None, "binary file"),
        (b"abc", "no-such-codec", "unknown encoding"),
        ("中文".encode("utf-8"), "ascii", "not valid ascii"),
    ],
)
def test_bad_input_is_a_one_line_error(data: bytes, encoding: str | None, message: str) -> None:
    with pytest.raises(InputError, match=message) as raised:
        decode(data, encoding)
    assert "\n" not in str(raised.value)


CONTROL = "".join(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F]))


@given(st.text(st.sampled_from("學習雷鋒工匠精神价值，。!a1 \t\n" + CONTROL + "\u3000\uff01")))
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "big5"])
def test_control_bytes_are_control_characters(encoding: str, text: str) -> None:
    """The binary check counts control bytes: in these encodings each stands for one control character."""
    data = text.encode(encoding)
    assert _core.control_bytes(data) == sum(ch in CONTROL for ch in text)


def test_a_few_control_characters_in_long_text_are_not_binary() -> None:
    text = "工匠精神的价值在于坚持。" * 100 + "\x07\x08"
    assert decode(text.encode("gb18030")).text == text
    with pytest.raises(InputError, match="binary file"):
        decode(("工匠精神。" + "\x07" * 9).encode("utf-8"))
