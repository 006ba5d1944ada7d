r"""A Word document of the template turned into the text its text export would hold.

The body is read in document order, paragraphs and tables (also those inside content
controls): each paragraph is one line, its runs joined (a heading split across runs
reads whole; a tab or a line break inside it is a space); each table row is one line of
tab-separated cells, as the text export writes them:

* the first column's paragraphs are joined into the operational objective's text; a
  row whose first cell holds text but no typed list number ("1.") gets the number that
  follows the one above it (Word's list numbering is not in the text, and may run on
  from one table to the next: the reader does not use it);
* in the other columns each paragraph is an item (a "- " is put before it when it has
  none); the items beyond the first go on continuation lines, as in the text export;
* a cell spanning several columns is read once, at its first column; a cell continuing
  a vertical merge is empty; a row before which the grid skips columns is shifted;
* a table that goes on after a page break, its header row repeated (in the same table
  or in a new one just after it), is read as one table, its numbers going on.

Every line and column of that text knows its place in the document — ``paragraph 12``
or ``table 4, row 3, column 3`` — which :meth:`WordText.placed` gives the plan's
diagnostics. The document's bytes go through python-docx (the optional extra
``cssindicators[word]``); anything it cannot read is a
:class:`~cssindicators.errors.PlanError`.
"""

from __future__ import annotations

import bisect
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import attrs

from cssindicators._optional import require
from cssindicators.errors import PlanError
from cssindicators.plan import Diagnostic, Plan, Severity
from cssindicators.reading._patterns import BULLET, HEADER, LIST_NUMBER
from cssindicators.reading._text import clean

__all__ = ["WORD_SUFFIXES", "WordText", "is_word_archive", "word_text"]

#: The suffixes of Word documents (python-docx reads a ``.docx``; the others are refused).
WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_P, _TBL, _TR, _TC = (f"{{{_W}}}{tag}" for tag in ("p", "tbl", "tr", "tc"))
_T = f"{{{_W}}}t"
_VAL = f"{{{_W}}}val"
# what goes on holding paragraphs, tables or cells: content controls, custom XML, the
# runs of a change being tracked as inserted
_WRAPPERS = {f"{{{_W}}}{tag}" for tag in ("sdt", "sdtContent", "customXml", "ins", "smartTag")}
# what a paragraph's text does not include: deleted or moved-away text, text boxes
# (drawn over the page, not in the paragraph's flow), the fallback copy of a drawing
_SKIPPED = {f"{{{_W}}}{tag}" for tag in ("del", "moveFrom", "txbxContent", "pPr", "rPr")} | {
    f"{{{_MC}}}Fallback"
}
# characters that a run writes as a space: tab, line breaks
_SPACES = {f"{{{_W}}}{tag}" for tag in ("tab", "ptab", "br", "cr")}
_HYPHEN = f"{{{_W}}}noBreakHyphen"
# white space that would split a line or a row in the text: one space instead
_BREAKS = re.compile(r"[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
# the largest document read: what its parts hold once decompressed
_LARGEST = 1 << 30


def is_word_archive(data: bytes) -> bool:
    """Whether ``data`` is a zip archive holding a Word document (``word/document.xml``).

    >>> is_word_archive(b"Secteur 1 : Police"), is_word_archive(b"PK\\x03\\x04 damaged")
    (False, False)
    """
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _not_word(source: str, what: str) -> PlanError:
    return PlanError(f"{source}: not a text file nor a readable Word document ({what})")


def _open(data: bytes, source: str) -> Any:
    """The python-docx document of ``data``, or the plan error that says why not."""
    if not data.startswith(b"PK\x03\x04"):
        raise _not_word(source, "not a zip archive, as a .docx is")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _not_word(source, "a damaged zip archive") from None
    if "word/document.xml" not in {member.filename for member in members}:
        raise _not_word(source, "a zip archive without word/document.xml")
    if sum(member.file_size for member in members) > _LARGEST:
        raise _not_word(source, f"its parts hold more than {_LARGEST >> 20} MB once unzipped")
    docx = require("docx", "word")
    opc = require("docx.opc.exceptions", "word")
    etree = require("lxml.etree", "word")
    try:
        return docx.Document(io.BytesIO(data))
    except (opc.PackageNotFoundError, KeyError) as error:
        raise _not_word(source, f"a part is missing: {error}") from None
    except etree.XMLSyntaxError as error:
        raise _not_word(source, f"its XML does not parse: {error}") from None
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise _not_word(source, f"a damaged zip archive: {error}") from None
    except ValueError as error:  # e.g. not the content type of a Word document
        raise _not_word(source, str(error)) from None


# ---------------------------------------------------------------- text of the XML


def _text(element: Any) -> str:
    """The text of a paragraph (or of anything holding runs), on one line."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == _T:
                parts.append(child.text or "")
            elif tag in _SPACES:
                parts.append(" ")
            elif tag == _HYPHEN:
                parts.append("-")
            else:
                walk(child)

    walk(element)
    return _BREAKS.sub(" ", "".join(parts))


def _children(element: Any, tags: set[str]) -> Iterator[Any]:
    """The children of ``element`` with one of ``tags``, looking into wrappers."""
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tags)


def _paragraphs(cell: Any) -> list[Any]:
    """The paragraphs of a cell, those of the tables nested in it included."""
    found: list[Any] = []
    for child in _children(cell, {_P, _TBL}):
        if child.tag == _P:
            found.append(child)
        else:
            for row in _children(child, {_TR}):
                for inner in _children(row, {_TC}):
                    found += _paragraphs(inner)
    return found


def _value(element: Any, path: str) -> str | None:
    found = element.find(path, {"w": _W})
    return None if found is None else found.get(_VAL, "")


def _number(value: str | None, default: int) -> int:
    return int(value) if value is not None and value.isdigit() else default


class _Numbering:
    """Whether a paragraph is numbered by Word, directly or through its style."""

    def __init__(self, document: Any) -> None:
        self.styles: dict[str, Any] = {}
        try:
            root = document.styles.element
        except (KeyError, ValueError):  # a document without its styles part
            return
        for style in root.iterfind("w:style", {"w": _W}):
            self.styles[style.get(f"{{{_W}}}styleId", "")] = style

    def numbered(self, paragraph: Any) -> bool:
        num = _value(paragraph, "w:pPr/w:numPr/w:numId")
        if num is not None:
            return num not in ("", "0")
        style = _value(paragraph, "w:pPr/w:pStyle")
        seen: set[str] = set()
        while style is not None and style not in seen and style in self.styles:
            seen.add(style)
            num = _value(self.styles[style], "w:pPr/w:numPr/w:numId")
            if num is not None:
                return num not in ("", "0")
            style = _value(self.styles[style], "w:basedOn")
        return False


# ---------------------------------------------------------------- the text and its places


@attrs.frozen
class WordText:
    """The text of a Word document as the template reader reads it, the diagnostics
    found while making it, and for each line the places its columns come from.

    ``places[k]`` belongs to line ``k + 1``: pairs of (0-based column where the place
    starts, place), in column order.
    """

    text: str
    notes: tuple[Diagnostic, ...]
    places: tuple[tuple[tuple[int, str], ...], ...]

    def place(self, line: int, column: int) -> str | None:
        """The place in the document of the 1-based ``line`` and ``column`` of the text.

        >>> word = WordText("a\\tb", (), (((0, "table 1, row 1, column 1"),
        ...     (2, "table 1, row 1, column 2")),))
        >>> word.place(1, 1), word.place(1, 3), word.place(2, 1)
        ('table 1, row 1, column 1', 'table 1, row 1, column 2', None)
        """
        if not 1 <= line <= len(self.places) or not self.places[line - 1]:
            return None
        spans = self.places[line - 1]
        k = max(0, bisect.bisect_right([start for start, _ in spans], column - 1) - 1)
        return spans[k][1]

    def placed(self, plan: Plan) -> Plan:
        """``plan`` (read from :attr:`text`) with each diagnostic given its place."""
        diagnostics = tuple(
            d if d.place is not None else attrs.evolve(d, place=self.place(d.line, d.column))
            for d in plan.diagnostics
        )
        return attrs.evolve(plan, diagnostics=diagnostics)


class _Writer:
    """The lines of the text being made, each with its places."""

    def __init__(self, numbering: _Numbering) -> None:
        self.numbering = numbering
        self.lines: list[str] = []
        self.places: list[tuple[tuple[int, str], ...]] = []
        self.notes: list[Diagnostic] = []
        self.paragraph = self.table = 0
        # the last objective number of the table being read, while a repeated header or
        # a new table with the same header may continue it
        self.last: int | None = None

    def line(self, cells: list[tuple[str, str]]) -> None:
        places, column = [], 0
        for text, place in cells:
            places.append((column, place))
            column += len(text) + 1
        self.lines.append("\t".join(text for text, _ in cells))
        self.places.append(tuple(places))

    def body(self, element: Any) -> None:
        for child in _children(element, {_P, _TBL}):
            if child.tag == _P:
                self.paragraph += 1
                text = _text(child)
                if text.strip():
                    self.last = None  # text between two tables: the next is a new one
                self.line([(text, f"paragraph {self.paragraph}")])
            else:
                self.table += 1
                self.rows(child)

    def rows(self, table: Any) -> None:
        rows = list(_children(table, {_TR}))
        for r, row in enumerate(rows, 1):
            cells: list[list[Any]] = []
            before = _number(_value(row, "w:trPr/w:gridBefore"), 0)
            cells += [[]] * before
            for cell in _children(row, {_TC}):
                merge = _value(cell, "w:tcPr/w:vMerge")
                continued = merge is not None and merge != "restart"
                cells.append([] if continued else _paragraphs(cell))
                span = _number(_value(cell, "w:tcPr/w:gridSpan"), 1)
                cells += [[]] * (max(1, span) - 1)
            place = f"table {self.table}, row {r}, column "
            self.row([[_text(p) for p in paragraphs] for paragraphs in cells], cells, place)
        if not rows:
            self.line([])

    def row(self, texts: list[list[str]], cells: list[list[Any]], place: str) -> None:
        joined = [" ".join(t for t in texts_ if t.strip()) for texts_ in texts]
        if HEADER.fullmatch(clean(" ".join(joined), 0).text):
            # a repeated header (a page break) keeps the numbers going; a first one
            # starts them
            if self.last is None:
                self.last = 0
            self.line([(text, f"{place}{c}") for c, text in enumerate(joined, 1)])
            return
        if not any(joined):
            self.line([])
            return
        first = joined[0] if joined else ""
        cells_text = [first]
        if first.strip():
            listed = LIST_NUMBER.match(clean(first, 0).text)
            if listed:
                self.last = int(listed["number"])
            else:
                number = (self.last or 0) + 1
                self.last = number
                if not any(self.numbering.numbered(p) for p in cells[0]):
                    self.notes.append(
                        Diagnostic(
                            Severity.INFO,
                            len(self.lines) + 1,
                            1,
                            f"operational objective without a number: numbered {number}, "
                            "after the row above",
                            place=f"{place}1",
                        )
                    )
                cells_text = [f"{number}. {first.lstrip()}"]
        items = [[self._item(t) for t in texts_ if t.strip()] for texts_ in texts[1:]]
        depth = max([1, *(len(column) for column in items)])
        for k in range(depth):
            line = [(cells_text[0] if k == 0 else "", f"{place}1")]
            line += [
                (column[k] if k < len(column) else "", f"{place}{c}")
                for c, column in enumerate(items, 2)
            ]
            self.line(line)

    @staticmethod
    def _item(text: str) -> str:
        text = text.strip()
        return text if BULLET.match(text) else f"- {text}"


def word_text(data: bytes, source: str) -> WordText:
    r"""The text of the Word document ``data`` (the file ``source``), as the template
    reader reads it, with the places of its lines; a
    :class:`~cssindicators.errors.PlanError` if ``data`` is not a Word document.

    >>> word_text(b"PK\x03\x04 damaged", "plan.docx")
    Traceback (most recent call last):
      ...
    cssindicators.errors.PlanError: plan.docx: not a text file nor a readable Word document (a damaged zip archive)
    """
    document = _open(data, source)
    writer = _Writer(_Numbering(document))
    writer.body(document.element.body)
    return WordText("\n".join(writer.lines), tuple(writer.notes), tuple(writer.places))
