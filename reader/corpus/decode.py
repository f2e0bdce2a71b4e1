"""Turn a file's bytes into article text: encodings, BOMs, line ends, binary check.

The text keeps every character of the file except a leading BOM, and CRLF/CR
line ends become LF: offsets into it are the offsets every layer uses.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass

# Bytes that do not occur in text files (C0 controls other than \t \n \r \f, and DEL).
_BINARY_BYTES = bytes((*range(0, 9), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F))
_TEXT_BYTES = bytes(code for code in range(256) if code not in _BINARY_BYTES)
BINARY_SAMPLE = 65536  # how much of a non-UTF-8 file is sniffed for binary content
BINARY_RATIO = 0.05  # share of binary bytes above which a file is not text
# Byte -> 0 for ASCII whitespace (as str.split sees it), 1 otherwise: to count words fast.
_WORD_TABLE = bytes(0 if code in b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f" else 1 for code in range(256))
# The other characters str.split() splits on, in UTF-8.
_WIDE_SPACES = tuple(
    chr(code).encode()
    for code in (0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000)
)
_E2_SPACE = re.compile(rb"\xe2(?:\x80[\x80-\x8a\xa8\xa9\xaf]|\x81\x9f)")  # literal prefix: fast

_UTF32_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"))
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class NotText(ValueError):
    """The bytes are not a text file (binary, or an undecodable UTF-16/32 file)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec that was used ("utf-8", "cp1252", "latin-1", "utf-16-le", ...)
    utf8: bytes  # `text` encoded as UTF-8 (the file's own bytes when they already are)
    warning: str | None = None  # set when the file was not UTF-8


def decode_bytes(raw: bytes) -> Decoded:
    """Decode a file's bytes. UTF-8 (with or without BOM) is expected; UTF-16/32
    with a BOM are accepted; other bytes fall back to cp1252, then latin-1, with
    a warning. Raises NotText for binary content."""
    for bom, codec in _UTF32_BOMS + _UTF16_BOMS:  # UTF-32 first: its LE BOM starts like UTF-16's
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise NotText(f"starts with a {codec} byte-order mark but is not {codec}") from exc
            text = _normalise_newlines(text)
            return Decoded(text, codec, text.encode("utf-8"), f"file is {codec.upper()}; decoded")
    if b"\x00" in raw:
        codec = _utf16_without_bom(raw)
        if codec is None:
            raise NotText("contains NUL bytes: looks like a binary file, not an article")
        try:
            text = _normalise_newlines(raw.decode(codec))
        except UnicodeDecodeError as exc:
            raise NotText("contains NUL bytes and is not UTF-16: looks like a binary file") from exc
        warning = f"file is {codec.upper()} without a byte-order mark; decoded"
        return Decoded(text, codec, text.encode("utf-8"), warning)
    body = raw[3:] if raw.startswith(codecs.BOM_UTF8) else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _decode_legacy(body, exc.start)
    if b"\r" in body:
        text = _normalise_newlines(text)
        return Decoded(text, "utf-8", text.encode("utf-8"))
    return Decoded(text, "utf-8", body)


def _utf16_without_bom(raw: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when `raw` looks like mostly-ASCII UTF-16 text:
    NUL in (nearly) every other byte and on one side only."""
    sample = raw[:4096]
    if len(raw) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= 0.7 * half and even <= 0.05 * half:
        return "utf-16-le"
    if even >= 0.7 * half and odd <= 0.05 * half:
        return "utf-16-be"
    return None


def _decode_legacy(raw: bytes, bad_offset: int) -> Decoded:
    sample = raw[:BINARY_SAMPLE]
    binary = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    if sample and binary / len(sample) > BINARY_RATIO:
        raise NotText(
            f"{binary} of the first {len(sample)} bytes are control bytes and it is not "
            "UTF-8: looks like a binary file, not an article"
        )
    mostly_utf8 = _mostly_utf8(raw)
    if mostly_utf8 is not None:
        text, bad = mostly_utf8
        text = _normalise_newlines(text)
        warning = (
            f"not valid UTF-8: {bad} bad byte sequence{'s' * (bad != 1)} (the first, "
            f"0x{raw[bad_offset]:02x}, at byte {bad_offset}) shown as \ufffd; the rest is UTF-8"
        )
        return Decoded(text, "utf-8", text.encode("utf-8"), warning)
    try:
        text, codec = raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, codec = raw.decode("latin-1"), "latin-1"
    text = _normalise_newlines(text)
    warning = (
        f"not valid UTF-8 (byte 0x{raw[bad_offset]:02x} at offset {bad_offset}); "
        f"decoded as {codec}, check accented letters and quotes"
    )
    return Decoded(text, codec, text.encode("utf-8"), warning)


def _mostly_utf8(raw: bytes) -> tuple[str, int] | None:
    """(text, bad sequences) when `raw` is UTF-8 with a few stray bytes: more
    valid multi-byte characters than bad sequences. Decoding such a file as
    cp1252 would garble every valid character ("’" into "â€™")."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - raw.count("\ufffd".encode())
    valid = len(_NON_ASCII.findall(text)) - text.count("\ufffd")
    return (text, bad) if valid > bad else None


def _normalise_newlines(text: str) -> str:
    if "\r" in text:
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def count_words(utf8: bytes) -> int:
    """Number of words in UTF-8 text: the same as `len(text.split())` (Unicode
    whitespace, e.g. no-break spaces, separates words) without building a list."""
    if b"\xc2" in utf8:  # U+0085, U+00A0
        utf8 = utf8.replace(b"\xc2\xa0", b"  ").replace(b"\xc2\x85", b"  ")
    if b"\xe1" in utf8 or b"\xe3" in utf8 or _E2_SPACE.search(utf8):
        for space in _WIDE_SPACES:
            utf8 = utf8.replace(space, b"   ")
    marks = utf8.translate(_WORD_TABLE)
    return marks.count(b"\x00\x01") + (marks[:1] == b"\x01")


def text_hash(utf8: bytes) -> str:
    """sha256 hex of the UTF-8 text: the Article.text_hash."""
    return hashlib.sha256(utf8).hexdigest()
