r"""Text from files made safe to show: control characters made visible, never run.

A plan or a measurement file may hold escape sequences (a window title, a screen
clear), carriage returns that overwrite a line, line breaks that start a fake line, or
bidirectional controls that reorder it. Shown on a terminal they would act;
:func:`visible` writes each as its escape (``\x1b``, ``\u202e``) instead. Every text
output of the library (reports in text and Markdown, plan trees, diagnostics, the
command line's messages) passes the texts that come from a file through it; only the
library's own colours (:mod:`cssindicators._color`) are added after.

>>> visible("Titre\x1b]0;pwned\x07 et\u202e fin\r")
'Titre\\x1b]0;pwned\\x07 et\\u202e fin\\r'
>>> visible("deux\nlignes\tet\x85C1\x9b2J")
'deux\\nlignes\\tet\\x85C1\\x9b2J'

With ``lines=True`` the text is several lines of the library's own making: newlines and
tabs are its layout and stay.

>>> visible("≥ 3 heures/jour\n\t- ligne\x1b[2J", lines=True)
'≥ 3 heures/jour\n\t- ligne\\x1b[2J'
"""

from __future__ import annotations

import re

__all__ = ["UNSAFE", "cut", "visible", "xml_text"]

#: The characters that act on a terminal or break a line, but the layout's newline and
#: tab: C0 controls, DEL and C1 controls (U+0085 included); the line and paragraph
#: separators; the bidirectional marks, embeddings, overrides and isolates; lone
#: surrogates (not text, and no encoder writes them).
_ACTING = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff"
#: What :func:`visible` writes as an escape: the above, newlines and tabs.
UNSAFE = re.compile(f"[\t\n{_ACTING}]")
_LAYOUT = re.compile(f"[{_ACTING}]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: object, *, lines: bool = False) -> str:
    """``str(text)`` with every character of :data:`UNSAFE` written as its escape, on
    one line; with ``lines``, newlines and tabs are kept (the caller's layout)."""
    return (_LAYOUT if lines else UNSAFE).sub(_escape, str(text))


#: What XML 1.0 cannot hold and :func:`visible` leaves: the non-characters U+FFFE and
#: U+FFFF (a workbook or a Word document holding one cannot be opened again).
_NOT_XML = re.compile("[\ufffe\uffff]")


def xml_text(value: object, *, lines: bool = False) -> str:
    r""":func:`visible`, and the non-characters U+FFFE and U+FFFF written as escapes too:
    a text as an Office document (XML) can hold it.

    >>> xml_text("a\x1bb\ufffe")
    'a\\x1bb\\ufffe'
    """
    return _NOT_XML.sub(lambda match: f"\\u{ord(match.group()):04x}", visible(value, lines=lines))


def cut(text: str, limit: int, whole: int | None = None) -> str:
    """``text`` within ``limit`` characters: as it is, or its start followed by what
    was cut, ``… [cut: N of M characters]`` (``whole``: the M, by default the length
    of ``text``), the whole exactly ``limit`` long.

    >>> cut("x" * 10, 40), cut("x" * 100, 40)
    ('xxxxxxxxxx', 'xxxxxxxxxxx… [cut: 89 of 100 characters]')
    """
    if len(text) <= limit:
        return text
    total = len(text) if whole is None else whole
    kept = limit
    while True:  # the marker's digits settle at the second turn at most
        marker = f"… [cut: {len(text) - kept} of {total} characters]"
        if kept + len(marker) == limit:
            return text[:kept] + marker
        kept = limit - len(marker)
