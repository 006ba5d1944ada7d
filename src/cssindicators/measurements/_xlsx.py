"""Workbooks (``.xlsx``, ``.xlsm``, ``.ods``): the sheet holding the measurements, typed cells.

The cells are read by python-calamine (the ``excel`` extra), which holds each cell's
cached value, typed: a number is a number, a date a date, ``TRUE`` a boolean. What it
does not say is read from the sheet's XML of an ``.xlsx``, which is scanned (not parsed
cell by cell) for three things only: the cells formatted as a month or a year
(``mmm-yy``, ``mmmm yyyy``, ``yyyy``), the formulas saved without their value, and the
cells holding an error (``#DIV/0!``). An ``.ods`` has no such scan: a date cell is that
day, whatever its format.

The header is the first row naming the columns indicator, value and period (the names
of :data:`~cssindicators.measurements.COLUMNS`); the rows below go through the same
path as the rows of a CSV file, so that every rule (problems, raw cells, baselines,
text numbers read the Belgian way) is the same. A problem names its cell (``Mesures!C14``)
or row (``Mesures!14:14``) in its reason; its ``line`` is the sheet's row number.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, cast

import attrs

from cssindicators._optional import require
from cssindicators.errors import MeasurementFileError
from cssindicators.errors import _shorten as shorten
from cssindicators.measurements._csv import CELL_LIMIT
from cssindicators.measurements._rows import (
    COLUMNS,
    REQUIRED,
    Problem,
    Row,
    add,
    cell_name,
    column,
    raw_text,
    settle,
)
from cssindicators.measurements._values import Numbers, Settled
from cssindicators.periods import Period, parse_period

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

__all__ = ["CELL_BUDGET", "Sheet", "cell_name", "is_workbook", "read_workbook"]

#: The most cells (rows × columns of the sheet's used range) read from one sheet: a
#: value far right of the table (column XFD) would make every row 16 384 cells wide.
CELL_BUDGET = 20_000_000

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97-2003)
_SUFFIXES = (".xlsx", ".xlsm", ".ods")


def is_workbook(data: bytes, source: str) -> bool:
    """Whether a file is a workbook: by its name or its first bytes (a zip archive).

    >>> is_workbook(b"PK\\x03\\x04...", "export"), is_workbook(b"indicator;value", "m.xlsx")
    (True, True)
    >>> is_workbook(b"indicator;value", "m.csv")
    False
    """
    return data.startswith((_ZIP, _OLE)) or source.lower().endswith(_SUFFIXES)


@attrs.frozen
class Sheet:
    """A sheet as read: its name, its rows of typed cells (``rows[0]`` is sheet row
    ``first_row``, ``cells[0]`` column ``first_col``, both 1-based), the cells that a
    date shown as a month or a year holds (``(row, col)`` to the period), and the cells
    without a usable value (a formula saved without its value, an error), with why."""

    name: str
    rows: list[list[object]]
    first_row: int = 1
    first_col: int = 1
    shown: Mapping[tuple[int, int], Period] = attrs.field(factory=dict)
    unusable: Mapping[tuple[int, int], str] = attrs.field(factory=dict)
    merged: Sequence[tuple[tuple[int, int], tuple[int, int]]] = ()


# ---------------------------------------------------------------- the XML of an .xlsx

_PREFIX = rb"(?:[\w.-]+:)?"
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_WIDE = re.compile(rb' r="([A-Z]{2,3})[0-9]')
_ROW = re.compile(rb'row\s[^>]*?\br="([0-9]{1,7})"')
_CLOSE = re.compile(rb"</" + _PREFIX + rb"c>")
_FORMULA = re.compile(rb"<" + _PREFIX + rb"f[\s/>]")
_VALUE = re.compile(rb"<" + _PREFIX + rb"v(?:\s[^>]*)?>([^<]*)</" + _PREFIX + rb"v>")
_TYPE = re.compile(rb'\bt="([a-zA-Z]+)"')


def _col(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


_CELL_TAG = re.compile(rb"<" + _PREFIX + rb"c\s[^<>]*>")


def _tag(xml: bytes, inside: int) -> bytes | None:
    """The cell start tag (``<c r="C14" s="3">``) holding position ``inside``, if it is one."""
    match = _CELL_TAG.match(xml, xml.rfind(b"<", 0, inside))
    return match[0] if match is not None and match.end() > inside else None


def _ref(tag: bytes) -> tuple[int, int] | None:
    match = _REF.search(tag)
    return None if match is None else (int(match[2]), _col(match[1]))


def _parts(archive: zipfile.ZipFile) -> tuple[dict[str, str], str | None]:
    """The XML part of each sheet, by name, and the styles part of an ``.xlsx``."""
    from xml.etree import ElementTree

    def rels(path: str) -> dict[str, tuple[str, str]]:
        folder = path.rpartition("/")[0].removesuffix("_rels").rstrip("/")
        found = {}
        for rel in ElementTree.fromstring(archive.read(path)).iterfind(".//{*}Relationship"):
            target = rel.get("Target", "")
            full = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"
            found[rel.get("Id", "")] = (rel.get("Type", ""), full.lstrip("/"))
        return found

    targets = rels("xl/_rels/workbook.xml.rels")
    sheets = {}
    for node in ElementTree.fromstring(archive.read("xl/workbook.xml")).iterfind(".//{*}sheet"):
        rid = next((v for k, v in node.attrib.items() if k.endswith("}id")), "")
        if rid in targets:
            sheets[node.get("name", "")] = targets[rid][1]
    styles = next((t for kind, t in targets.values() if kind.endswith("/styles")), None)
    return sheets, styles


#: Built-in number formats that show a date (ids 14 to 22, 45 to 47).
_BUILT_IN = {
    9: "0%", 10: "0.00%", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 45: "mm:ss",
    46: "[h]:mm:ss", 47: "mmss.0",
}  # fmt: skip


def shows(code: str) -> str | None:
    """What a cell formatted by the number format ``code`` shows, when it is not the
    number as stored: a date shown as a month and year (``"month"``) or a year
    (``"year"``); a percentage (``"percent"``: 0,85 shown as 85 %); else ``None``.

    >>> shows("mmm-yy"), shows('[$-80C]mmmm\\\\ yyyy;@'), shows("yyyy"), shows("dd/mm/yyyy"), shows("h:mm")
    ('month', 'month', 'year', None, None)
    >>> shows("0%"), shows("0.0 %"), shows('0 "%"')
    ('percent', 'percent', None)
    """
    kept: list[str] = []
    closing: str | None = None  # the end of a quoted text or a [bracketed] part
    skip = False
    for char in code:
        if skip:
            skip = False
        elif closing is not None:
            closing = None if char == closing else closing
        elif char in '"[':
            closing = '"' if char == '"' else "]"
        elif char in "\\_*":
            skip = True  # an escaped character, a space as wide as one, a fill
        elif char == ";":
            break  # the first section: positive numbers
        else:
            kept.append(char.lower())
    first = "".join(kept)
    if "%" in first:
        return "percent"
    if "d" in first or "h" in first or "s" in first or "y" not in first:
        return None
    return "month" if "m" in first else "year"


def _shown_styles(archive: zipfile.ZipFile, styles: str | None) -> dict[int, str]:
    """The cell styles (indices into ``cellXfs``) that show a month, a year or a
    percentage."""
    from xml.etree import ElementTree

    if styles is None or styles not in archive.namelist():
        return {}
    root = ElementTree.fromstring(archive.read(styles))
    codes: dict[int, str] = dict(_BUILT_IN)
    for node in root.iterfind(".//{*}numFmt"):
        try:
            codes[int(node.get("numFmtId", ""))] = node.get("formatCode", "")
        except ValueError:
            continue
    found = {}
    for parent in root.iterfind(".//{*}cellXfs"):
        for index, xf in enumerate(parent.iterfind("{*}xf")):
            try:
                kind = shows(codes.get(int(xf.get("numFmtId", "0")), ""))
            except ValueError:
                continue
            if kind is not None:
                found[index] = kind
    return found


def _scan(
    xml: bytes, styles: Mapping[int, str], sheet: str, source: str
) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], str]]:
    """The cells of a sheet's XML styled as a month or a year, and the cells without a
    usable value (a formula saved without its value, an error) with why.

    Each search is one pass of a regular expression over the XML, matching only the
    cells it looks for: a sheet without formulas, errors or month formats costs three
    passes, whatever its width. A cell without an ``r`` reference is not found (such
    cells are rare; calamine still reads their values).
    """
    last = _ROW.match(xml, max(xml.rfind(b"<row "), xml.rfind(b":row ")) + 1)
    height = int(last[1]) if last else xml.count(b"<row") + xml.count(b":row ")
    width = max((_col(m[1]) for m in _WIDE.finditer(xml)), default=26)
    if height * width > CELL_BUDGET:
        raise MeasurementFileError(
            f"{source}: the sheet {sheet!r} spans {width} columns and {height} rows, more "
            f"than the {CELL_BUDGET} cells read from a sheet: delete the columns right of "
            "the table (or the rows below it) that hold something"
        )
    shown: dict[tuple[int, int], str] = {}
    if styles:
        ids = b"|".join(str(i).encode() for i in styles)
        for match in re.finditer(rb' s="(' + ids + rb')"', xml):
            tag = _tag(xml, match.start())
            ref = None if tag is None else _ref(tag)
            if ref is not None:
                shown[ref] = styles[int(match[1])]
    unusable: dict[tuple[int, int], str] = {}
    for match in re.finditer(rb' t="e"', xml):
        tag = _tag(xml, match.start())
        close = _CLOSE.search(xml, match.end())
        ref = None if tag is None else _ref(tag)
        if ref is not None:
            value = _VALUE.search(xml, match.end(), close.end()) if close else None
            error = value[1].decode("utf-8", "replace") if value else "error"
            unusable[ref] = f"the cell holds the error {error} (its formula could not be computed)"
    has_formulas = b"f>" in xml or b"<f " in xml or b":f " in xml
    for match in _FORMULA.finditer(xml) if has_formulas else ():
        start = max(xml.rfind(b"<c ", 0, match.start()), xml.rfind(b":c ", 0, match.start()) - 1)
        close = _CLOSE.search(xml, match.end())
        if start < 0 or close is None:
            continue
        tag = xml[start : xml.find(b">", start) + 1]
        ref = _ref(tag)
        if ref is None or ref in unusable:
            continue
        value = _VALUE.search(xml, match.start(), close.end())
        kind = _TYPE.search(tag)
        if value is None or (not value[1] and (kind is None or kind[1] != b"str")):
            unusable[ref] = (
                "a formula saved without its value (a program wrote the workbook without "
                "computing it): open the workbook in Excel or LibreOffice and save it"
            )
    return shown, unusable


# ---------------------------------------------------------------- reading


def _calamine_error(error: BaseException, source: str, ods: bool) -> MeasurementFileError:
    what = "an OpenDocument spreadsheet (.ods)" if ods else "an Excel workbook (.xlsx)"
    detail = (
        str(error).strip().splitlines()[0][:120] if str(error).strip() else type(error).__name__
    )
    return MeasurementFileError(f"{source}: not a workbook that can be read as {what}: {detail}")


def _is_panic(error: BaseException) -> bool:
    return type(error).__name__ == "PanicException"  # a Rust panic, raised by pyo3


def _sheets(
    data: bytes, source: str
) -> tuple[CalamineWorkbook, bool, dict[str, bytes] | None, dict[int, str]]:
    """The calamine workbook, whether it is an ``.ods``, the XML of each sheet by name
    (``.xlsx``), and the month and year styles."""
    if data.startswith(_OLE):
        raise MeasurementFileError(
            f"{source}: an Excel 97-2003 workbook (.xls): save it as .xlsx (Excel workbook) "
            "and read that"
        )
    if not data.startswith(_ZIP):
        raise MeasurementFileError(
            f"{source}: not a workbook: an .xlsx or .ods file is a zip archive"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        ods = "content.xml" in names and "xl/workbook.xml" not in names
        if not ods and "xl/workbook.xml" not in names:
            raise MeasurementFileError(
                f"{source}: not a workbook: a zip archive without the parts of an .xlsx "
                "(xl/workbook.xml) or an .ods (content.xml)"
            )
        xml: dict[str, bytes] | None = None
        styles: dict[int, str] = {}
        if not ods:
            parts, style_part = _parts(archive)
            xml = {name: archive.read(part) for name, part in parts.items() if part in names}
            styles = _shown_styles(archive, style_part)
    except MeasurementFileError:
        raise
    except Exception as error:  # zipfile, zlib, XML: a damaged archive
        raise MeasurementFileError(
            f"{source}: not a workbook that can be read: a damaged or truncated archive "
            f"({type(error).__name__})"
        ) from None
    calamine = require("python_calamine", "excel")
    try:
        book = cast("CalamineWorkbook", calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)))
    except BaseException as error:
        if not isinstance(error, Exception) and not _is_panic(error):
            raise
        raise _calamine_error(error, source, ods) from None
    return book, ods, xml, styles


def _load(
    book: CalamineWorkbook,
    name: str,
    xml: bytes | None,
    styles: Mapping[int, str],
    source: str,
    ods: bool,
) -> Sheet:
    shown: dict[tuple[int, int], str] = {}
    unusable: dict[tuple[int, int], str] = {}
    if xml is not None:
        shown, unusable = _scan(xml, styles, name, source)
    try:
        sheet = book.get_sheet_by_name(name)
        rows = cast("list[list[object]]", sheet.to_python(skip_empty_area=False))
        end = sheet.end
        merged = cast(
            "list[tuple[tuple[int, int], tuple[int, int]]]", sheet.merged_cell_ranges or []
        )
    except BaseException as error:
        if not isinstance(error, Exception) and not _is_panic(error):
            raise
        raise _calamine_error(error, source, ods) from None
    first_row = first_col = 1
    if end is not None and rows:
        start = sheet.start or (0, 0)
        first_row = 1 if len(rows) == end[0] + 1 else start[0] + 1
        first_col = 1 if len(rows[0]) == end[1] + 1 else start[1] + 1
    for row, col in unusable:  # calamine reads them as empty: they must not be lost
        while row - first_row >= len(rows):
            rows.append([])
        cells = rows[row - first_row]
        if col - first_col >= len(cells):
            cells.extend([""] * (col - first_col + 1 - len(cells)))
        if col >= first_col and cells[col - first_col] == "":
            cells[col - first_col] = _UNUSABLE
    periods: dict[tuple[int, int], Period] = {}
    for (row, col), kind in shown.items():
        index, at = row - first_row, col - first_col
        if 0 <= index < len(rows) and 0 <= at < len(rows[index]):
            value = rows[index][at]
            if kind == "percent":
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    # 85 % is stored as 0.85: the cell reads as what it shows
                    rows[index][at] = _percent(value)
            elif isinstance(value, datetime.date):
                text = (
                    f"{value.year:04d}-{value.month:02d}"
                    if kind == "month"
                    else f"{value.year:04d}"
                )
                periods[row, col] = parse_period(text)
    spans = [((r0 + 1, c0 + 1), (r1 + 1, c1 + 1)) for (r0, c0), (r1, c1) in merged]
    return Sheet(name, rows, first_row, first_col, periods, unusable, spans)


class _Percent(Decimal):
    """A number cell shown as a percentage, as the number it shows (85 for 0.85): a
    typed number, never read again as text; its row's unit is ``%`` unless it says one."""

    __slots__ = ()


def _percent(value: float) -> _Percent:
    """A number shown as a percentage, as the number it shows.

    >>> [str(_percent(v)) for v in (0.85, 0.12345, 1)], type(_percent(1)).__name__
    (['85', '12.345', '100'], '_Percent')
    """
    shown = (Decimal(repr(float(value))) * 100).normalize()
    return _Percent(shown if shown != shown.to_integral() else shown.quantize(Decimal(1)))


#: A cell without a usable value, that calamine reads as empty.
_UNUSABLE = object()


def _text(value: object) -> str:
    """A cell as text: what a CSV export of it holds (numbers without a needless ``.0``)."""
    if value is _UNUSABLE:
        return ""
    if isinstance(value, _Percent):
        return f"{format(value, 'f')} %"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return raw_text(_number(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return raw_text(value)


def _number(value: float) -> int | Decimal | float:
    """A number cell as the number it shows: whole numbers as ``int``, others as the
    shortest decimal that reads back as the same float (what Excel wrote)."""
    if value != value or value in (float("inf"), float("-inf")):
        return value
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    return Decimal(repr(value))


def _header(sheet: Sheet) -> int | None:
    """The index in ``sheet.rows`` of the header row, if one names the required columns."""
    for index, row in enumerate(sheet.rows):
        names = {column(cell) for cell in row if isinstance(cell, str)}
        if set(REQUIRED) <= names:
            return index
    return None


_COLUMN_OF = {"no indicator id": "indicator", "no value": "value"}


def _column_of(reason: str) -> str:
    """The column a reason of :func:`~cssindicators.measurements._rows.add` is about."""
    if reason in _COLUMN_OF:
        return _COLUMN_OF[reason]
    if reason.startswith("Invalid period"):
        return "period"
    if reason.startswith("baseline"):
        return "baseline"
    return "value"


def _field(name: str, value: object) -> tuple[object, str | None]:
    """The field given to ``add`` for a typed cell of column ``name``, or why the cell
    cannot be one."""
    if isinstance(value, float):
        value = _number(value)
        if isinstance(value, float):
            return None, f"the number {value} is not a value"
    if name == "period":
        if isinstance(value, datetime.datetime):
            return value.date(), None
        if isinstance(value, (datetime.time, datetime.timedelta)):
            return None, f"a time ({_text(value)}) is not a period: write a date, a month or a year"
        return value, None
    if name in ("value", "baseline"):
        if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
            what = "date" if isinstance(value, datetime.date) else "time or duration"
            return None, (
                f"a {what} ({_text(value)}) is not a {name}: write the number it stands for "
                "(hours, minutes, days…) and its unit"
            )
        if name == "baseline" and isinstance(value, bool):
            return None, f"baseline: {_text(value)} is not a number"
        return value, None
    return (None if value == "" else _text(value)), None


def _fill_merged(sheet: Sheet, header: int, names: Sequence[str]) -> dict[tuple[int, int], str]:
    """Copy down each merged cell's value in the rows it spans (what the reader sees in
    each), except for values and baselines: a value belongs to one row, so the rows
    below the first of such a merge are problems."""
    refused: dict[tuple[int, int], str] = {}
    rows = sheet.rows
    for (r0, c0), (r1, _) in sheet.merged:
        at = c0 - sheet.first_col
        first = r0 - sheet.first_row
        if r1 == r0 or not 0 <= at < len(names) or first <= header or first >= len(rows):
            continue
        value = rows[first][at] if at < len(rows[first]) else ""
        for index in range(first + 1, min(r1 - sheet.first_row + 1, len(rows))):
            row = rows[index]
            if not isinstance(row, list) or at >= len(row):
                continue
            if names[at] in ("value", "baseline"):
                if value != "":
                    refused[index + sheet.first_row, c0] = (
                        f"the cell is merged with {cell_name(sheet.name, r0, c0)} above it: a "
                        f"{names[at]} belongs to one row (unmerge the cells and fill in each row)"
                    )
            else:
                row[at] = value
    return refused


def _read_sheet(
    sheet: Sheet, header: int, source: str, numbers: Numbers
) -> tuple[tuple[Row, ...], tuple[Problem, ...], Settled]:
    from cssindicators.measurements._decoding import is_comment

    rows_in = sheet.rows
    problems: list[Problem] = []
    for index in range(header):
        above = [_text(cell) for cell in rows_in[index] if cell != ""]
        if above and not is_comment(above[0]):
            problems.append(
                Problem(
                    source,
                    index + sheet.first_row,
                    f"{cell_name(sheet.name, index + sheet.first_row)}: not the header: the "
                    "rows above the header naming the columns indicator, value and period "
                    "are not read",
                    (("row", shorten(" | ".join(above), 200)),),
                )
            )
    header_cells: list[object] = list(rows_in[header])
    while header_cells and header_cells[-1] == "":
        header_cells.pop()
    names = [column(_text(cell)) or f"column {k}" for k, cell in enumerate(header_cells, 1)]
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    duplicated = sorted(name for name, count in counts.items() if count > 1)
    if duplicated:
        raise MeasurementFileError(
            f"{source}: {cell_name(sheet.name, header + sheet.first_row)}: the header names "
            f"the column {duplicated[0]!r} twice"
        )
    refused = _fill_merged(sheet, header, names)
    rows: list[Row] = []
    width = len(names)
    read = [(at, name) for at, name in enumerate(names) if name in COLUMNS]
    keep = [name in COLUMNS or not name.startswith("column ") for name in names]
    marked = {row for row, _ in sheet.unusable} | {row for row, _ in refused}
    marked |= {row for row, _ in sheet.shown}
    for index in range(header + 1, len(rows_in)):
        cells = rows_in[index]
        if cells.count("") == len(cells):
            continue
        number = index + sheet.first_row
        texts = [cell if type(cell) is str else _text(cell) for cell in cells]
        if texts[0] and is_comment(texts[0]) and type(cells[0]) is str:
            continue
        raw = tuple(
            (name, text)
            for name, text, kept in zip(names, texts, keep, strict=False)
            if kept or text
        )
        fields: dict[str, object] = {}
        failure: str | None = None
        percent = False
        for at, name in read:
            if at >= len(cells):
                break
            cell = cells[at]
            why: str | None = None
            if type(cell) is str:
                if len(cell) > CELL_LIMIT:
                    why = f"a cell is longer than {CELL_LIMIT} characters, the longest read"
                value: object = cell
            else:
                value, why = _field(name, cell)
            if number in marked:
                col = at + sheet.first_col
                why = refused.get((number, col)) or sheet.unusable.get((number, col)) or why
                shown = sheet.shown.get((number, col)) if name == "period" else None
                if shown is not None and why is None:
                    value = shown
            if why is not None:
                failure = failure or f"{cell_name(sheet.name, number, at + sheet.first_col)}: {why}"
            else:
                fields[name] = value
                percent = percent or (name == "value" and isinstance(value, _Percent))
        if percent and not str(fields.get("unit") or "").strip():
            fields["unit"] = "%"  # the value cell shows a percentage
        if len(cells) > width and failure is None:
            extra = next(
                (at for at in range(width, len(cells)) if texts[at] or cells[at] is _UNUSABLE),
                None,
            )
            if extra is not None:
                col = extra + sheet.first_col
                failure = (
                    f"{cell_name(sheet.name, number, col)}: a cell right of the table: the "
                    f"header names {width} columns"
                )
                raw += (("extra 1", texts[extra]),)
        if failure is not None:
            raw = tuple((name, shorten(text, 200)) for name, text in raw)
            indicator = fields.get("indicator")
            problems.append(
                Problem(
                    source, number, failure, raw, indicator if isinstance(indicator, str) else None
                )
            )
            continue
        if not add(fields, raw, source, number, rows, problems, numbers=numbers, sheet=sheet.name):
            problem = problems[-1]
            name = _column_of(problem.reason)
            where = (
                cell_name(sheet.name, number, names.index(name) + sheet.first_col)
                if name in names
                else cell_name(sheet.name, number)
            )
            problems[-1] = attrs.evolve(problem, reason=f"{where}: {problem.reason}")
    rows_out, problems_out, settled = settle(numbers, rows, problems)
    return rows_out, tuple(_placed(p, sheet, names) for p in problems_out), settled


def _placed(problem: Problem, sheet: Sheet, names: Sequence[str]) -> Problem:
    """A problem that :func:`settle` added (an ambiguous number), with its cell named."""
    if problem.reason.startswith((sheet.name + "!", "'")):
        return problem
    name = "baseline" if "baseline" in problem.reason.split(":")[0] else "value"
    where = (
        cell_name(sheet.name, problem.line, names.index(name) + sheet.first_col)
        if name in names
        else cell_name(sheet.name, problem.line)
    )
    return attrs.evolve(problem, reason=f"{where}: {problem.reason}")


def _hidden(book: CalamineWorkbook) -> set[str]:
    """The names of the hidden sheets of a workbook (hidden, or "very hidden")."""
    from python_calamine import SheetVisibleEnum

    return {
        str(meta.name)
        for meta in getattr(book, "sheets_metadata", None) or ()
        if meta.visible != SheetVisibleEnum.Visible
    }


def _ods_percentages(data: bytes) -> bool:
    """Whether an .ods holds cells typed as percentages (calamine gives their fraction)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content = archive.read("content.xml")
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return False
    return b'value-type="percentage"' in content


def read_workbook(
    data: bytes, source: str, numbers: Numbers, *, sheet: str | None = None
) -> tuple[str, bool, tuple[Row, ...], tuple[Problem, ...], Settled, tuple[str, ...]]:
    """The sheet read, whether the workbook is an ``.ods``, the rows and problems of a
    workbook's bytes, how its text numbers were read, and notes.

    The sheet is ``sheet`` (by name), else the first sheet holding a header naming the
    columns indicator, value and period. Raises
    :class:`~cssindicators.errors.MeasurementFileError` when the file is not a workbook
    that can be read, the sheet named is not one of it, or no sheet (or not the sheet
    named) holds a header; :class:`~cssindicators.errors.MissingDependencyError` when
    python-calamine is not installed.
    """
    book, ods, xml, styles = _sheets(data, source)
    if ods and _ods_percentages(data):
        raise MeasurementFileError(
            f"{source}: the workbook holds cells typed as percentages, which are read from "
            "an .ods as their fractions (0.07 for 7 %): save it as .xlsx, or write those "
            "cells as numbers (7) with the unit %"
        )
    names = list(book.sheet_names)
    listed = ", ".join(repr(name) for name in names) or "none"
    if sheet is not None and sheet not in names:
        raise MeasurementFileError(f"{source}: no sheet named {sheet!r}; its sheets: {listed}")
    # Without sheet=, a hidden sheet (an old copy, a list of choices) is not chosen.
    visible = [name for name in names if name not in _hidden(book)]
    too_large: MeasurementFileError | None = None
    for name in [sheet] if sheet is not None else visible:
        try:
            read = _load(book, name, None if xml is None else xml.get(name), styles, source, ods)
        except MeasurementFileError as error:
            if sheet is not None or "more than the" not in str(error):
                raise
            too_large = too_large or error  # a sheet not asked for: the next may be the one
            continue
        header = _header(read)
        if header is None:
            continue
        rows, problems, settled = _read_sheet(read, header, source, numbers)
        notes: tuple[str, ...] = ()
        if sheet is None and len(names) > 1 and name != visible[0]:  # (the first: no news)
            notes = (
                f"{source}: read the sheet {name!r}, the first holding a header naming the "
                f"columns indicator, value and period (its sheets: {listed}); choose another "
                "with sheet= (--sheet on the command line)",
            )
        return name, ods, rows, problems, settled, notes
    if sheet is not None:
        raise MeasurementFileError(
            f"{source}: the sheet {sheet!r} has no header naming the columns indicator, "
            "value and period (indicateur, valeur, période; waarde, periode…)"
        )
    if too_large is not None:
        raise too_large
    raise MeasurementFileError(
        f"{source}: no sheet has a header naming the columns indicator, value and period "
        f"(indicateur, valeur, période; waarde, periode…); its sheets: {listed}"
    )
