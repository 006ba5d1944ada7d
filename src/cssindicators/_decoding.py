"""From the bytes of a text file to its text, as Belgian offices save files: UTF-8 (with
or without a byte-order mark), UTF-16 with its byte-order mark, or the Windows code page
(Windows-1252, which reads Latin-1 text the same: they differ only on control codes).

Plans and measurement files are decoded here alike; each reader words the notes its
own way (a plan's diagnostics, a measurement file's notes).
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence

import attrs

from cssindicators.errors import CssIndicatorsError

__all__ = ["Decoded", "decode", "lines_text"]

#: Bytes that Windows-1252 leaves undefined.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")

#: The encodings :func:`decode` reads, in plain words.
_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with a byte-order mark",
    "utf-16-le": "UTF-16 little-endian (from its byte-order mark)",
    "utf-16-be": "UTF-16 big-endian (from its byte-order mark)",
    "cp1252": "Windows-1252",
    "utf-8+cp1252": "UTF-8 and Windows-1252",
}


@attrs.frozen
class Decoded:
    """The text of a file and how it was read.

    ``encoding`` is ``"utf-8"``, ``"utf-8-sig"`` (a byte-order mark, dropped from
    ``text``), ``"utf-16-le"``, ``"utf-16-be"``, ``"cp1252"`` or ``"utf-8+cp1252"`` (lines
    of both); ``legacy`` are the 1-based numbers of the lines read as Windows-1252 and
    ``damaged`` those of them holding bytes that Windows-1252 leaves undefined, replaced
    by U+FFFD.
    """

    text: str
    encoding: str
    legacy: tuple[int, ...] = ()
    damaged: tuple[int, ...] = ()

    @property
    def name(self) -> str:
        """The encoding in plain words.

        >>> decode(b"\\xff\\xfea\\x00", "f.txt", CssIndicatorsError).name
        'UTF-16 little-endian (from its byte-order mark)'
        """
        return _NAMES[self.encoding]


def decode(data: bytes, source: str, error: type[CssIndicatorsError]) -> Decoded:
    """The text of a file's bytes ``data``, and how it was read.

    UTF-16 needs its byte-order mark; a file that has one but is not UTF-16 raises
    ``error`` (the reader's exception class), naming ``source``. Text that is not UTF-8
    is decoded line by line: a line that is UTF-8 stays so (no mojibake of the lines a
    tool appended in UTF-8), any other is read as Windows-1252.

    >>> decode("a;é\\n".encode("utf-8-sig"), "m.csv", CssIndicatorsError)
    Decoded(text='a;é\\n', encoding='utf-8-sig', legacy=(), damaged=())
    >>> decode("a\\né\\n".encode("cp1252"), "m.csv", CssIndicatorsError)
    Decoded(text='a\\né\\n', encoding='cp1252', legacy=(2,), damaged=())
    >>> decode(b"\\xff\\xfea", "m.csv", CssIndicatorsError)
    Traceback (most recent call last):
      ...
    cssindicators.errors.CssIndicatorsError: m.csv: not UTF-16 text, though it starts with a UTF-16 byte-order mark: truncated data at byte 2
    """
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError as failure:
                raise error(
                    f"{source}: not UTF-16 text, though it starts with a UTF-16 byte-order "
                    f"mark: {failure.reason} at byte {failure.start + len(bom)}"
                ) from None
    try:
        if data.startswith(codecs.BOM_UTF8):
            return Decoded(data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig")
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # Excel's "CSV (séparateur: point-virgule)" and Notepad's "ANSI" write the Windows
    # code page.
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
    encoding = "utf-8+cp1252" if utf8 else "cp1252"
    return Decoded("\n".join(texts), encoding, tuple(legacy), tuple(damaged))


def lines_text(numbers: Sequence[int]) -> str:
    """``line 3``, ``lines 3, 7, 9``, ``lines 3, 7, 9… (12 lines)``.

    >>> lines_text([3]), lines_text(range(1, 13))
    ('line 3', 'lines 1, 2, 3, 4, 5… (12 lines)')
    """
    if len(numbers) == 1:
        return f"line {numbers[0]}"
    shown = ", ".join(map(str, numbers[:5]))
    return f"lines {shown}" + (f"… ({len(numbers)} lines)" if len(numbers) > 5 else "")
