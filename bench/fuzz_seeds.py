"""Seed inputs and a libFuzzer dictionary for the cutter-core fuzz targets (bench/fuzz.sh).

Writes ``DIR/seeds/*`` (pages written for this purpose, in every byte shape the core meets:
UTF-8, WTF-8 with lone surrogates, GB18030, Big5, UTF-16 with and without a byte-order mark,
malformed UTF-8, NUL and CR, a long line) and ``DIR/cutter.dict`` (header shapes, debris,
spaces, tone marks, traditional and simplified characters, the surrogates' byte shapes).

    python3 bench/fuzz_seeds.py crates/cutter-core/fuzz/corpus
"""

from __future__ import annotations

import sys
from pathlib import Path

PAGES = {
    "compilation": "心得体会合集(精选3篇)\n\n心得体会篇一\n我们体会到了工匠精神的价值。\n"
    "【篇二】我的老师\n第3篇：春天\n倡议书1尊敬的各位居民：\n作文篇（piān）四&nbsp;<br>\n",
    "traditional": "工匠精神的價值與意義\n範文(一)《題目》很長的正文。\n第 十二 篇 春天來了。\n",
    "invisible": "\u200b\ufeff\u00a0\u3000作文篇五\u200d\r\n\u2028#读后感2#\u0085\u001c\n",
    "html": '<span class="t">作文篇六</span>\n<p>正文&amp;说明</p>\n作文篇一&#160;&#x3000;\n<br class=<b>x>\n',
    "controls": "作文\x00篇一\r\n\r第二篇\r\x7f\x1b标题【篇2】正文。\t",
    "astral": "𠀀𠀁字 x價,\U0010ffff ā…ǚ(zìzìzìzì)\n",
}
TOKENS = [
    "篇", "第", "一", "二", "十", "〇", "○", "1", "9", "１", "【", "】", "[", "]", "（", "）", "(", ")", "：", ":",
    "#", "＃", "★", "*", "“", "”", "。", "，", "、", "《", "》", "篇一", "第一篇", "倡议书", "心得体会",
    "&nbsp;", "&#160;", "&#x3000;", "&amp;", "&#xa0;", "&", ";", "<br>", "</p>", "<br/>", '<span class="t">', "<", ">",
    "\u200b", "\u200d", "\ufeff", "\u00a0", "\u3000", "\u0085", "\u001c", "\u2028", "\t", "\r\n", "\r", "\n",
    "\x00", "\x7f", "ā", "ì", "ǚ", "ü", "piān", "zì", "價", "與", "与", "价", "x", "\ufffd", "\U00020000",
]
RAW_TOKENS = [
    b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xed\xb0\x80",  # lone surrogates as surrogatepass writes them
    b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf",  # byte-order marks
    b"\x81\x30\x81\x30",  # a GB18030 four-byte sequence
    "篇一".encode("gb18030"), "價值".encode("big5"), "篇一".encode("utf-16-le"), "篇一".encode("utf-16-be"),
    b"\xc0\x80", b"\xf4\x90\x80\x80", b"\xe7\xaf",  # overlong, above U+10FFFF, cut short
]


def seeds() -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for name, page in PAGES.items():
        out[f"{name}.utf8"] = page.encode("utf-8")
        out[f"{name}.utf16le"] = page.encode("utf-16-le")
        out[f"{name}.utf16"] = page.encode("utf-16")  # with a byte-order mark
        for legacy in ("gb18030", "big5"):
            encoded = page.encode(legacy, "replace")
            out[f"{name}.{legacy}"] = encoded
    out["surrogates.wtf8"] = "\ud800篇一\udfff\n第\udbff\udc00篇\n".encode("utf-8", "surrogatepass")
    out["malformed"] = b"\xff\xe5\x83\xc0\x80\xf4\x90\x80\x80\xe7\xaf\x87\xe4\xb8\x80\n\x80\x80"
    out["long-line"] = ("甲" * 3000 + "篇一").encode("utf-8")
    out["long-glued"] = ("<br>" * 100 + "倡议书1尊敬的各位" + "。" * 3000).encode("utf-8")
    return out


def dictionary() -> str:
    lines = ["# cutter-core fuzz dictionary, written by bench/fuzz_seeds.py"]
    tokens = [token.encode("utf-8") for token in TOKENS] + RAW_TOKENS
    for number, token in enumerate(tokens):
        lines.append(f'k{number}="' + "".join(f"\\x{byte:02x}" for byte in token) + '"')
    return "\n".join(lines) + "\n"


def main(folder: str) -> None:
    root = Path(folder)
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    for name, data in seeds().items():
        (root / "seeds" / name).write_bytes(data)
    (root / "cutter.dict").write_text(dictionary(), encoding="ascii")


if __name__ == "__main__":
    main(sys.argv[1])
