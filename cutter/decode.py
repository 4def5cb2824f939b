"""bytes → text: byte-order marks, UTF-8, GB18030/GBK, Big5, UTF-16, newlines.

>>> decode("标题\\r\\n正文".encode("gb18030")).text
'标题\\n正文'
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

import regex

from . import _core
from .errors import InputError
from .patterns import KNOWN_HAN

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ("gb18030", "big5")
_HAN = regex.compile(r"\p{Han}")

_NEWLINES = regex.compile(r"\r\n?|\u2028|\u2029")
_SAMPLE = 1 << 16


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    # The text's UTF-8 where it is the bytes it was decoded from (UTF-8 found, not named, its
    # newlines already ``\n``): the core takes them instead of encoding the text again.
    utf8: bytes | None = field(default=None, repr=False, compare=False)


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a source file; raise :class:`InputError` with a one-line cause."""
    if encoding:
        return Decoded(_newlines(_strict(data, encoding)), encoding)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(_newlines(_strict(data, name)), name)
    if b"\x00" in data[:_SAMPLE]:
        raise InputError("binary file (NUL bytes and no UTF-16 byte-order mark)")
    try:
        return _checked(data, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    readings = []
    for name in _LEGACY:
        try:
            readings.append((_known_han_share(data.decode(name)), -len(readings), name))
        except UnicodeDecodeError:
            continue
    if not readings:
        raise InputError("not valid UTF-8, GB18030 or Big5 text; name one with --encoding")
    _, _, name = max(readings)
    return _checked(data, data.decode(name), name)


def decode_text(text: str) -> Decoded:
    """A text that came as a ``str`` (a dataset line's field), checked and with its newlines
    made ``\\n`` as :func:`decode` does for bytes. A lone surrogate (JSON's ``\\ud800``) is
    no character and cannot be written out: an :class:`InputError` naming where it is."""
    try:
        return decode(text.encode("utf-8"))
    except UnicodeEncodeError as error:
        code = ord(text[error.start])
        raise InputError(f"a lone surrogate U+{code:04X} at character {error.start + 1}, which is no character") from None


def _checked(data: bytes, text: str, name: str) -> Decoded:
    """``text``, decoded from ``data`` as ``name`` (UTF-8, GB18030 or Big5), unless it is binary."""
    if _looks_binary(data, len(text)):
        raise InputError("binary file (control characters)")
    lines = _newlines(text)
    return Decoded(lines, name, data if name == "utf-8" and lines is text else None)


def _known_han_share(text: str) -> float:
    """Share of Han characters that CEDICT knows: Big5 read as GB18030 yields rare ones."""
    han = _HAN.findall(text[:_SAMPLE])
    return sum(ch in KNOWN_HAN for ch in han) / len(han) if han else 0.0


def _strict(data: bytes, name: str) -> str:
    try:
        return data.decode(name)
    except LookupError:
        raise InputError(f"unknown encoding {name!r}") from None
    except UnicodeDecodeError as error:
        raise InputError(f"not valid {name} at byte {error.start}") from None


def _looks_binary(data: bytes, characters: int) -> bool:
    """More than 1% of the characters (and more than 8) are control characters, counted in
    the bytes by the compiled core (in UTF-8, GB18030 and Big5 a control byte only ever
    stands for itself)."""
    controls = _core.control_bytes(data)
    return controls > max(8, characters // 100)


def _newlines(text: str) -> str:
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        return text
    return _NEWLINES.sub("\n", text)
