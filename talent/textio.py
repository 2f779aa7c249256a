"""Decoding of the bytes real files come in, and the one normalisation stored text gets."""

from __future__ import annotations

import codecs
import hashlib
import unicodedata

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = set("\t\n\r\f\v")


class DecodeError(ValueError):
    """The bytes are not a text this program can read; the message says why."""


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text, returning (text, encoding); raise DecodeError for non-text."""
    if not data:
        raise DecodeError("the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            if not body:
                raise DecodeError("the file holds only a byte-order mark")
            try:
                return _checked(body.decode(encoding)), encoding
            except UnicodeDecodeError as error:
                raise DecodeError(f"not valid {encoding} after its byte-order mark") from error
    if b"\x00" in data:
        # UTF-8 accepts NUL bytes, so UTF-16/32 without a mark must be caught before it.
        encoding = _guess_wide_encoding(data)
        if encoding is None:
            raise DecodeError("binary data (NUL bytes), not text")
        try:
            return _checked(data.decode(encoding)), encoding
        except UnicodeDecodeError as error:
            # Its NULs fall like UTF-16/32's, but it does not decode: binary after all.
            raise DecodeError("binary data (NUL bytes), not text") from error
    try:
        # Valid UTF-8 is text whatever characters it holds, as it is inside a JSONL line.
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return _checked(data.decode("gb18030")), "gb18030"
    except (UnicodeDecodeError, DecodeError):
        raise DecodeError("not UTF-8, UTF-16, UTF-32 or GB18030 text") from None


def _guess_wide_encoding(data: bytes) -> str | None:
    """Name the UTF-16/32 variant whose NUL pattern the data shows, or None for binary."""
    for width, names in ((4, ("utf-32-le", "utf-32-be")), (2, ("utf-16-le", "utf-16-be"))):
        if len(data) % width:
            continue
        units = [data[i : i + width] for i in range(0, min(len(data), 4096), width)]
        for name in names:
            high = slice(1, None) if name.endswith("le") else slice(0, width - 1)
            zero_high = sum(1 for u in units if not any(u[high]))
            if zero_high >= 0.6 * len(units):
                return name
    return None


def _checked(text: str) -> str:
    """Refuse a guessed decoding full of control characters: binary data that happened to decode."""
    sample = text[:65536]
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
    )
    if controls > max(2, len(sample) // 1000):
        raise DecodeError("binary data (control characters), not text")
    return text


def normalise(text: str) -> str:
    """Strip a BOM, make line ends LF and compose to NFC: the form every stored text has."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def normalise_with_offsets(raw: str) -> tuple[str, list[int | None] | None]:
    """The normalised text and where each offset of `raw` lands in it (None inside a character
    that normalisation composed or a CRLF it joined), so another tool's offsets, counted
    against the text as it gave it, can be carried over. The map is None when the text was
    already normalised; a ValueError says normalisation cannot be followed piece by piece."""
    text = normalise(raw)
    if text == raw:
        return text, None
    mapping: list[int | None] = [None] * (len(raw) + 1)
    pieces: list[str] = []
    length = 0
    for start, end in _clusters(raw):
        mapping[start] = length
        piece = raw[start:end]
        piece = "" if start == 0 and piece == "\ufeff" else normalise_piece(piece)
        pieces.append(piece)
        length += len(piece)
    mapping[len(raw)] = length
    if "".join(pieces) != text:
        # A composition across two base characters (Hangul jamo): no offset map is certain.
        raise ValueError("normalisation composes across characters here")
    return text, mapping


def normalise_piece(piece: str) -> str:
    """One cluster's normal form (line ends and NFC; the BOM is the whole text's business)."""
    return unicodedata.normalize("NFC", piece.replace("\r\n", "\n").replace("\r", "\n"))


def _clusters(raw: str) -> list[tuple[int, int]]:
    """The text cut before every base character: combining marks stay with their base, a CRLF
    is one piece, and a BOM at the start is a piece of its own."""
    cuts = [0]
    for index in range(1, len(raw)):
        ch = raw[index]
        joined = unicodedata.combining(ch) or (ch == "\n" and raw[index - 1] == "\r")
        if not joined or (index == 1 and raw[0] == "\ufeff"):
            cuts.append(index)
    cuts.append(len(raw))
    return list(zip(cuts, cuts[1:], strict=False))


def sha256_of(text: str) -> str:
    """The hex sha256 of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_id_for(sha256: str) -> str:
    """A document's id: the start of its text's sha256, so the same text gets the same id."""
    return sha256[:16]


def check_characters(text: str) -> None:
    """Refuse the characters no stored text may hold (NUL, lone surrogates), naming the first
    one's line and column. Every other character is kept and drawn visibly."""
    for index, ch in enumerate(text):
        if ch == "\x00" or "\ud800" <= ch <= "\udfff":
            line = text.count("\n", 0, index) + 1
            column = index - (text.rfind("\n", 0, index) + 1) + 1
            name = "NUL" if ch == "\x00" else "a lone surrogate"
            raise DecodeError(
                f"character U+{ord(ch):04X} ({name}) at line {line}, column {column} cannot be stored"
            )


def read_text(data: bytes) -> str:
    """Decode and normalise a file's bytes; raise DecodeError if nothing readable is left."""
    text, _ = decode(data)
    text = normalise(text)
    if not text.strip():
        raise DecodeError("the file has no text")
    check_characters(text)
    return text
