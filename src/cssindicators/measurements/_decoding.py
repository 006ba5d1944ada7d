"""From the bytes of a measurement file to its lines of text: encodings, byte-order
marks, line ends and comment lines."""

from __future__ import annotations

from collections.abc import Sequence

from cssindicators.errors import MeasurementFileError

__all__ = ["decode", "first_content_line", "is_comment", "lines"]

#: Bytes that Windows-1252 leaves undefined.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")


def decode(data: bytes, source: str) -> tuple[str, str, tuple[str, ...]]:
    """The text of a file, the encoding it was read in, and notes on how it was read.

    UTF-16 needs its byte-order mark. Text that is not UTF-8 is decoded line by line:
    a line that is UTF-8 stays so (no mojibake of the lines a tool appended in UTF-8),
    any other as Windows-1252; the lines read so are named in a note.

    >>> decode("a;é\\n".encode("utf-8-sig"), "m.csv")
    ('a;é\\n', 'utf-8', ())
    >>> decode("a;é\\n".encode("cp1252"), "m.csv")
    ('a;é\\n', 'cp1252', ('m.csv: not UTF-8 text: line 1 read as Windows-1252',))
    """
    import codecs

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", ()
        except UnicodeDecodeError as error:
            raise MeasurementFileError(
                f"{source}: not UTF-16 text, though it starts with a UTF-16 byte-order mark: "
                f"{error.reason} at byte {error.start}"
            ) from None
    try:
        return data.decode("utf-8-sig"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    # Excel's "CSV (séparateur: point-virgule)" writes the Windows code page.
    texts: list[str] = []
    legacy: list[int] = []
    damaged: list[int] = []
    utf8 = False
    for number, line in enumerate(data.removeprefix(codecs.BOM_UTF8).split(b"\n"), 1):
        try:
            texts.append(line.decode("utf-8"))
            utf8 = utf8 or not line.isascii()
            continue
        except UnicodeDecodeError:
            pass
        legacy.append(number)
        if _CP1252_HOLES.intersection(line):
            damaged.append(number)
        texts.append(line.decode("cp1252", errors="replace"))
    notes = [
        f"{source}: not UTF-8 text: {_lines_text(legacy)} read as Windows-1252"
        + ("" if not utf8 else ", the others as UTF-8")
    ]
    if damaged:
        notes.append(
            f"{source}: {_lines_text(damaged)} also neither UTF-8 nor Windows-1252: "
            "bytes replaced by '\ufffd'"
        )
    return "\n".join(texts), "utf-8+cp1252" if utf8 else "cp1252", tuple(notes)


def _lines_text(numbers: Sequence[int]) -> str:
    """``line 3``, ``lines 3, 7, 9``, ``lines 3, 7, 9… (12 lines)``."""
    if len(numbers) == 1:
        return f"line {numbers[0]}"
    shown = ", ".join(map(str, numbers[:5]))
    return f"lines {shown}" + (f"… ({len(numbers)} lines)" if len(numbers) > 5 else "")


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
    ``#``. (A cell written ``"#1"``, in quotes, is data.)

    >>> is_comment("  # illustrative"), is_comment('"#1";x')
    (True, False)
    """
    return line.lstrip().startswith("#")


def first_content_line(lines: Sequence[str]) -> tuple[int, str] | None:
    """The 0-based index and text of the first line that is not blank nor a comment.

    >>> first_content_line(["", "# comment", "indicator;value;period"])
    (2, 'indicator;value;period')
    """
    for index, line in enumerate(lines):
        if line.strip() and not is_comment(line):
            return index, line
    return None
