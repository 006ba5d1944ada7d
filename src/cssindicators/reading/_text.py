"""Cleaned text that remembers where it came from: spans of one line, items of several.

The reader cleans conversion debris out of every line (Markdown links, superscripts,
rules of underscores, runs of spaces) but reports problems at the line and column of
the original text; a :class:`Span` maps an offset of its cleaned text back there, and
remembers where a superscript or a rule was cleaned away (its *marks*): a target
holding one is not read as the cleaned text would say ("≥ 50^{1}/an" is not 501 a year).
"""

from __future__ import annotations

import bisect
import re

__all__ = ["QUOTED", "Item", "Mark", "Span", "clean", "quoted"]

# [POLE RADICALISME](#) -> POLE RADICALISME;  1^{er} -> 1er;  " _____ " and "  " -> " ";
# any other white space (tab, no-break space…) -> " ".
# Linear on any line: what a link, a link's address or a superscript holds stops at the
# next opening of its kind (``[``, ``(``, ``{``), so that a line of 40 000 ``[`` or ``^{``
# is not scanned to its end from each of them; a run of spaces is taken whole at its
# first character, with the rule after it if there is one (no branch starts with a
# repeat that a search would retry from every character of the run).
_DEBRIS = re.compile(
    r"\[(?P<link>[^\[\]\n]*)\]\([^()\n]*\)"
    r"|\^\{(?P<sup>[^{}\n]*)\}"
    r"|\s(?:\s+|(?=_{3}))(?:_{3,}\s*)?|_{3,}\s*|[^\S ]"
)

# a text with none of that debris (the common case)
_CLEAN = re.compile(r"(?:[^\[^_\s]| (?! ))*")


#: How many characters of a text from the document a diagnostic quotes at most: enough
#: for any label or target of a real plan, while a line of 40 000 characters makes a
#: message of a line (its place is in the diagnostic; the plan keeps the text whole).
QUOTED = 160


def quoted(text: str, limit: int = QUOTED) -> str:
    """``text`` quoted for a diagnostic, cut to ``limit`` characters before it is quoted;
    a cut text says its length.

    >>> print(quoted("Nombre de projets"), quoted("x" * 1000, 8))
    'Nombre de projets' 'xxxxxxx…' (1000 characters)
    """
    if len(text) <= limit:
        return repr(text)
    return f"{text[: limit - 1] + '…'!r} ({len(text)} characters)"


#: Where a superscript or a rule of underscores was cleaned away: the start and end of
#: what replaced it (in the cleaned, unstripped text, like ``Span.starts``) and the raw text.
Mark = tuple[int, int, str]


class Span:
    """A cleaned piece of one line: ``text[i]`` comes from column ``locate(i)[1]``.

    ``starts`` and ``columns`` are parallel: from offset ``starts[k]`` of the cleaned,
    unstripped text on, characters come from 0-based column ``columns[k]`` onwards;
    ``base`` is the offset of ``text[0]`` in that unstripped text; ``marks`` are the
    :data:`Mark` of the line.
    """

    __slots__ = ("base", "columns", "line", "marks", "starts", "text")

    def __init__(
        self,
        text: str,
        line: int,
        base: int,
        starts: tuple[int, ...],
        columns: tuple[int, ...],
        marks: tuple[Mark, ...] = (),
    ) -> None:
        self.text, self.line, self.base = text, line, base
        self.starts, self.columns, self.marks = starts, columns, marks

    def locate(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of the character at ``offset`` of ``text``."""
        position = self.base + offset
        k = max(0, bisect.bisect_right(self.starts, position) - 1)
        return self.line, self.columns[k] + position - self.starts[k] + 1

    def slice(self, start: int, end: int | None = None) -> Span:
        """``text[start:end]`` without its surrounding spaces, still located."""
        piece = self.text[start:end]
        stripped = piece.lstrip(" ")
        return Span(
            stripped.rstrip(" "),
            self.line,
            self.base + start + len(piece) - len(stripped),
            self.starts,
            self.columns,
            self.marks,
        )


def clean(raw: str, line: int, column: int = 0) -> Span:
    """Clean ``raw``, found at 0-based ``column`` of 1-based ``line``, of its debris.

    >>> s = clean("  [POLE  RADICALISME](#) ", 153)
    >>> s.text, s.locate(0), s.locate(3)
    ('POLE RADICALISME', (153, 4), (153, 7))
    >>> s = clean("AR du 1^{er} octobre", 7)
    >>> s.text, s.marks
    ('AR du 1er octobre', ((7, 9, '^{er}'),))
    """
    if _CLEAN.fullmatch(raw):
        stripped = raw.lstrip(" ")
        return Span(stripped.rstrip(" "), line, len(raw) - len(stripped), (0,), (column,))
    starts, columns = [0], [column]
    marks: list[Mark] = []
    parts: list[str] = []
    done = length = 0
    for match in _DEBRIS.finditer(raw):
        parts.append(raw[done : match.start()])
        length += match.start() - done
        link, sup = match.group("link"), match.group("sup")
        if link is not None:
            kept, inner = " ".join(link.split()), match.start() + 1
        elif sup is not None:
            kept, inner = " ".join(sup.split()), match.start() + 2
            marks.append((length, length + len(kept), match.group()))
        else:
            kept, inner = " ", match.start()
            if "_" in match.group():
                # located at the rule itself, not at the spaces before it
                inner += len(match.group()) - len(match.group().lstrip())
                marks.append((length, length + 1, match.group()))
        starts.append(length)
        columns.append(column + inner)
        parts.append(kept)
        length += len(kept)
        starts.append(length)
        columns.append(column + match.end())
        done = match.end()
    parts.append(raw[done:])
    text = "".join(parts)
    stripped = text.lstrip(" ")
    return Span(
        stripped.rstrip(" "),
        line,
        len(text) - len(stripped),
        tuple(starts),
        tuple(columns),
        tuple(marks),
    )


class Item:
    """The growing text of one cell item, perhaps continued over several rows."""

    __slots__ = ("column", "line", "pieces")

    def __init__(self, line: int, column: int, pieces: list[Span] | None = None) -> None:
        self.line, self.column = line, column
        self.pieces = [] if pieces is None else pieces

    @property
    def text(self) -> str:
        """The pieces joined by single spaces."""
        return " ".join(piece.text for piece in self.pieces)

    def marks(self) -> list[Mark]:
        """The marks of the pieces that fall in :attr:`text`, at their offsets there.

        >>> item = Item(3, 1, [clean("≥ 50^{1} /an", 3)])
        >>> item.text, item.marks()
        ('≥ 501 /an', [(4, 5, '^{1}')])
        """
        found: list[Mark] = []
        offset = 0
        for piece in self.pieces:
            for start, end, raw in piece.marks:
                start, end = start - piece.base, end - piece.base
                if start >= 0 and end <= len(piece.text):
                    found.append((offset + start, offset + end, raw))
            offset += len(piece.text) + 1
        return found

    def locate(self, offset: int) -> tuple[int, int]:
        """The (line, column) of the character at ``offset`` of :attr:`text`."""
        for piece in self.pieces:
            if offset <= len(piece.text):
                return piece.locate(offset)
            offset -= len(piece.text) + 1
        if not self.pieces:
            return self.line, self.column
        return self.pieces[-1].locate(len(self.pieces[-1].text))
