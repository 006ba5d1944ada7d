"""From the bytes of a measurement file to its lines of text: encodings, byte-order
marks, line ends and comment lines."""

from __future__ import annotations

from collections.abc import Sequence

from cssindicators._decoding import decode as decode_bytes
from cssindicators._decoding import lines_text
from cssindicators.errors import MeasurementFileError

__all__ = ["decode", "first_content_line", "is_comment", "lines"]


def decode(data: bytes, source: str) -> tuple[str, str, tuple[str, ...]]:
    """The text of a file, the encoding it was read in, and notes on how it was read.

    Decoded as :func:`cssindicators._decoding.decode` says (UTF-16 needs its byte-order
    mark; the lines that are not UTF-8 are read as Windows-1252 and named in a note).

    >>> decode("a;é\\n".encode("utf-8-sig"), "m.csv")
    ('a;é\\n', 'utf-8', ())
    >>> decode("a;é\\n".encode("cp1252"), "m.csv")
    ('a;é\\n', 'cp1252', ('m.csv: not UTF-8 text: line 1 read as Windows-1252',))
    """
    decoded = decode_bytes(data, source, MeasurementFileError)
    encoding = decoded.encoding.removesuffix("-sig").removesuffix("-le").removesuffix("-be")
    if not decoded.legacy:
        return decoded.text, encoding, ()
    notes = [
        f"{source}: not UTF-8 text: {lines_text(decoded.legacy)} read as Windows-1252"
        + ("" if decoded.encoding == "cp1252" else ", the others as UTF-8")
    ]
    if decoded.damaged:
        notes.append(
            f"{source}: {lines_text(decoded.damaged)} also neither UTF-8 nor Windows-1252: "
            "bytes replaced by '\ufffd'"
        )
    return decoded.text, encoding, tuple(notes)


def lines(text: str) -> list[str]:
    """The physical lines of a text: split on ``\\n`` only (a ``\\r`` before it dropped).

    Not :meth:`str.splitlines`, which also splits on characters that JSON strings and
    spreadsheet cells hold as they are (U+2028, form feed…).

    >>> lines("a\\r\\nb\\u2028c\\n")
    ['a', 'b\\u2028c']
    """
    found = text.split("\n")
    if found and not found[-1]:
        found.pop()
    return [line.removesuffix("\r") for line in found]


def is_comment(line: str) -> bool:
    """Whether a physical line is a comment: its first character that is not a space is
    ``#``. (A cell written ``"#1"``, in quotes, is data; so is a line that starts with a
    tab, which separates an empty first cell from the next.)

    >>> is_comment("  # illustrative"), is_comment('"#1";x'), is_comment("\\t#\\t2023")
    (True, False, False)
    """
    return line.lstrip(" ").startswith("#")


def first_content_line(lines: Sequence[str]) -> tuple[int, str] | None:
    """The 0-based index and text of the first line that is not blank nor a comment.

    >>> first_content_line(["", "# comment", "indicator;value;period"])
    (2, 'indicator;value;period')
    """
    for index, line in enumerate(lines):
        if line.strip() and not is_comment(line):
            return index, line
    return None
