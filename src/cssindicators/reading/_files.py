"""A plan file's bytes read into its text, and the diagnostics on how they were read.

The encodings are those of measurement files (see :mod:`cssindicators._decoding`):
UTF-8 with or without a byte-order mark, UTF-16 with its byte-order mark, Windows-1252
(which reads Latin-1 text the same). Whatever is not plain UTF-8 gets an info naming the
encoding. A file that is not text (a ``.docx``, a PDF, UTF-16 without its byte-order
mark) is a :class:`~cssindicators.errors.PlanError`: no encoding is guessed for it.
"""

from __future__ import annotations

import os
import re

from cssindicators._decoding import decode, lines_text
from cssindicators.errors import FileReadError, PlanError
from cssindicators.plan import Diagnostic, Severity

__all__ = ["decode_plan", "read_bytes", "read_text"]

# Control characters that no text export holds (tab, line ends, vertical tab and form
# feed may be found in one): in a file, they are the mark of binary data. UTF-8 and
# Windows-1252 write them as the same bytes, which are looked for first (a regular
# expression over the text is some forty times slower).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_CONTROL_BYTES = bytes(range(0x09)) + bytes(range(0x0E, 0x20))
_ZIP = b"PK\x03\x04"
_PDF = b"%PDF-"
_SAVE_AS_TEXT = "a plan is read from its text export: save it as text (.txt), in UTF-8"


def _not_text(source: str, what: str) -> PlanError:
    return PlanError(f"{source}: not a text file ({what}): {_SAVE_AS_TEXT}")


def _utf16_without_mark(data: bytes) -> bool:
    """Whether ``data`` looks like UTF-16 text without its byte-order mark: a zero byte in
    every other place, as ASCII letters give."""
    sample = data[:4096]
    return len(sample) >= 4 and any(
        sample[parity::2].count(0) >= 0.9 * len(sample[parity::2]) for parity in (0, 1)
    )


def decode_plan(data: bytes, source: str) -> tuple[str, list[Diagnostic]]:
    r"""The text of a plan file's bytes, and the diagnostics on how it was decoded.

    >>> decode_plan("Secteur d'activité 1\n".encode("cp1252"), "plan.txt")
    ("Secteur d'activité 1\n", [Diagnostic(severity=<Severity.INFO: 'info'>, line=1, column=1, message='read as Windows-1252 (not UTF-8)', place=None)])
    >>> decode_plan(b"PK\x03\x04\x14\x00\x06\x00", "plan.docx")
    Traceback (most recent call last):
      ...
    cssindicators.errors.PlanError: plan.docx: not a text file (a .docx, .xlsx or other zip archive): a plan is read from its text export: save it as text (.txt), in UTF-8
    """
    if data.startswith(_ZIP):
        raise _not_text(source, "a .docx, .xlsx or other zip archive")
    if data.startswith(_PDF):
        raise _not_text(source, "a PDF document")
    decoded = decode(data, source, PlanError)
    text = decoded.text
    utf16 = decoded.encoding.startswith("utf-16")
    clean = not utf16 and len(data.translate(None, _CONTROL_BYTES)) == len(data)
    control = None if clean else _CONTROL.search(text)
    if control is not None:
        if _utf16_without_mark(data):
            raise _not_text(source, "UTF-16 without its byte-order mark, not read")
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        code = f"U+{ord(control.group()):04X}"
        raise _not_text(source, f"line {line}, column {column} holds the control code {code}")
    notes = []
    if decoded.encoding == "cp1252":
        notes.append(Diagnostic(Severity.INFO, 1, 1, "read as Windows-1252 (not UTF-8)"))
    elif decoded.encoding == "utf-8+cp1252":
        message = (
            f"{lines_text(decoded.legacy)} read as Windows-1252 (not UTF-8), the others as UTF-8"
        )
        notes.append(Diagnostic(Severity.INFO, decoded.legacy[0], 1, message))
    elif decoded.encoding != "utf-8":
        notes.append(Diagnostic(Severity.INFO, 1, 1, f"read as {decoded.name}"))
    lines = text.split("\n") if decoded.damaged else []
    for number in decoded.damaged:
        column = lines[number - 1].index("\ufffd") + 1
        notes.append(
            Diagnostic(
                Severity.WARNING,
                number,
                column,
                "bytes neither UTF-8 nor Windows-1252 replaced by '\ufffd' on this line",
            )
        )
    return text, notes


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a plan file; :class:`~cssindicators.errors.FileReadError` (an
    ``OSError``) if the file cannot be read."""
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        raise FileReadError.of(error) from None


def read_text(path: str | os.PathLike[str]) -> tuple[str, list[Diagnostic]]:
    """The text of a plan file, and the diagnostics on how it was decoded (see
    :func:`decode_plan`); :class:`~cssindicators.errors.FileReadError` (an
    ``OSError``) if the file cannot be read."""
    source = os.fspath(path)
    return decode_plan(read_bytes(source), source)
