"""CSV as spreadsheets export it: the delimiter, the header, records, unclosed quotes.

The delimiter is named by Excel's ``sep=;`` first line or found from the header (the
first of ``;``, ``,`` and tab that splits it into the required columns). Lines above the
header are problems, not errors; a record may run over several lines only when its
quotes close, so that a stray quote never swallows the rest of the file.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Iterator, Sequence

from cssindicators.errors import MeasurementFileError
from cssindicators.errors import _shorten as shorten
from cssindicators.measurements._decoding import first_content_line, is_comment
from cssindicators.measurements._rows import REQUIRED, Problem, Row, add, column, settle
from cssindicators.measurements._values import Numbers, Settled

__all__ = ["CELL_LIMIT", "read_csv"]

_SEP_LINE = re.compile(r'\s*"?sep=(.)"?\s*', re.IGNORECASE)
_DELIMITERS = (";", ",", "\t")
#: The longest cell read (the limit of Python's CSV reader, applied to every cell).
CELL_LIMIT = 131_072


def _split(line: str, delimiter: str) -> list[str]:
    """The cells of one line on its own, quotes read leniently; never raises."""
    import csv

    if '"' not in line:
        return line.split(delimiter)
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:  # a cell larger than the CSV reader's limit
        return line.split(delimiter)


def _header_cells(line: str, delimiter: str) -> list[str]:
    return [column(cell) for cell in _split(line, delimiter)]


def _sniff(header: str) -> str | None:
    """The delimiter that splits ``header`` into the required columns, if one does."""
    for delimiter in _DELIMITERS:
        if set(REQUIRED) <= set(_header_cells(header, delimiter)):
            return delimiter
    return None


def _find_header(
    lines: Sequence[str], start: int, forced: str | None, source: str
) -> tuple[int, str, list[Problem]]:
    """The index of the header line, its delimiter, and the lines before it that are
    neither blank nor comments, as problems (a title above the table…)."""
    first = first_content_line(lines[start:])
    if first is None:
        raise MeasurementFileError(f"{source}: no header: the file is empty")
    skipped: list[Problem] = []
    for index in range(start + first[0], len(lines)):
        line = lines[index]
        if not line.strip() or is_comment(line):
            continue
        delimiter = forced if forced is not None else _sniff(line)
        if delimiter is not None and set(REQUIRED) <= set(_header_cells(line, delimiter)):
            return index, delimiter, skipped
        skipped.append(
            Problem(
                source,
                index + 1,
                "not the header: the lines above the header naming the columns "
                "indicator, value and period are not read",
                (("line", line),),
            )
        )
    header = lines[start + first[0]]
    raise MeasurementFileError(
        f"{source}:{start + first[0] + 1}: the header must name the columns indicator, value "
        f"and period (separated by ';', ',' or a tab), found {header!r}"
    )


class _Lines:
    """Physical lines fed to the CSV reader one at a time, counting those it took."""

    def __init__(self, lines: Sequence[str], start: int) -> None:
        self.lines, self.next = lines, start

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self.next >= len(self.lines):
            raise StopIteration
        self.next += 1
        return self.lines[self.next - 1] + "\n"


def _record(lines: Sequence[str], index: int, delimiter: str) -> tuple[list[str], int, str | None]:
    """The cells of the record starting at line ``index``, the index of the line after
    it, and why it cannot be read (``None`` when it can).

    A line without quotes is one record. A quoted cell may hold line breaks, but a
    quote that is never closed would swallow the rest of the file: a record that runs
    over several lines must close its quotes and hold no stray quote, else its first
    line is a problem and the next lines are read on their own.
    """
    import csv

    line = lines[index]
    if '"' not in line:
        return line.split(delimiter), index + 1, None
    feed = _Lines(lines, index)
    reader = csv.reader(feed, delimiter=delimiter, strict=True)
    try:
        cells = next(reader)
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            return _split(line, delimiter), index + 1, _too_large()
        if feed.next == index + 1 and "unexpected end of data" not in str(error):
            return _split(line, delimiter), index + 1, None  # a stray quote inside a cell
        return _split(line, delimiter), index + 1, _UNCLOSED
    return cells, feed.next, None


_UNCLOSED = (
    "a quote opens a cell and is never closed (a cell such as '\"congés' needs its closing "
    "quote, or no quote at all); the lines below are read on their own"
)


def _too_large() -> str:
    return f"a cell is longer than {CELL_LIMIT} characters, the longest read"


def read_csv(
    lines: Sequence[str], numbers: Numbers
) -> tuple[str, tuple[Row, ...], tuple[Problem, ...], Settled]:
    """The delimiter, rows and problems of the physical ``lines`` of a CSV file, and how
    its numbers were read (``numbers`` reads them; ``numbers.source`` names the file).

    Raises :class:`~cssindicators.errors.MeasurementFileError` when no line is a header
    naming the columns, or the header names a column twice.

    >>> lines = ["Rapport", "indicator;value;period", "x;2,5;2023"]
    >>> delimiter, rows, problems, settled = read_csv(lines, Numbers(None, "m.csv"))
    >>> delimiter, [row.measurement.value for row in rows], [p.reason[:14] for p in problems]
    (';', [Decimal('2.5')], ['not the header'])
    """
    source = numbers.source
    start = 0
    forced: str | None = None
    if lines and (match := _SEP_LINE.fullmatch(lines[0])):
        forced, start = match[1], 1
    header_index, delimiter, problems = _find_header(lines, start, forced, source)
    cells = _split(lines[header_index], delimiter)
    names = [column(cell) or f"column {k}" for k, cell in enumerate(cells, 1)]
    counts = collections.Counter(names)  # not names.count: a header may hold thousands
    duplicated = sorted(name for name, count in counts.items() if count > 1 and name)
    if duplicated:
        raise MeasurementFileError(
            f"{source}:{header_index + 1}: the header names the column {duplicated[0]!r} twice"
        )
    rows: list[Row] = []
    index = header_index + 1
    while index < len(lines):
        line = lines[index]
        number = index + 1
        if not line.strip() or is_comment(line):
            index += 1
            continue
        cells, index, failure = _record(lines, index, delimiter)
        if not any(cell.strip() for cell in cells) and failure is None:
            continue
        extra = [cell for cell in cells[len(names) :] if cell.strip()]
        raw = tuple(zip(names, cells, strict=False)) + tuple(
            (f"extra {k}", cell) for k, cell in enumerate(extra, 1)
        )
        if failure is None and any(len(cell) > CELL_LIMIT for cell in cells):
            failure = _too_large()
            raw = tuple((name, shorten(cell, 200)) for name, cell in raw)
        if failure is None and extra:
            failure = f"{len(names) + len(extra)} cells, but the header names {len(names)} columns"
        if failure is not None:
            indicator = dict(raw).get("indicator", "").strip() or None
            problems.append(Problem(source, number, failure, raw, indicator))
            continue
        fields = dict(zip(names, cells, strict=False))
        add(fields, raw, source, number, rows, problems, numbers=numbers)
    return (delimiter, *settle(numbers, rows, problems))
