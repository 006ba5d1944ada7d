r"""Measurements: values observed over a period, for one indicator, and the files holding them.

A :class:`Measurement` is one value over one period:

>>> m = Measurement(value=1100, period="2023", unit="heures")
>>> m.period, m.value, m.unit
(Period('2023'), 1100, 'heures')

A measurement file is CSV with a header naming the columns ``indicator`` (an id of the
plan), ``value``, ``period`` (ISO 8601, see :mod:`cssindicators.periods`) and,
optionally, ``unit`` and ``note``; French and Dutch names (``indicateur``, ``valeur``,
``période``, ``unité``, ``remarque``; ``waarde``, ``periode``, ``eenheid``,
``opmerking``) are read too. Files exported by a spreadsheet are read as they come:
``;``, ``,`` or tab separators (sniffed from the header, or named by an Excel
``sep=;`` first line), decimal commas, a UTF-8 byte-order mark (or Windows-1252 text),
``Oui``/``Non`` values, blank lines. Lines starting with ``#`` are comments. JSON lines
(one object a line, with the same keys) are read too.

A row that cannot be used never stops the reading: it becomes a :class:`Problem` with
its file, line, raw values and reason.

>>> data = MeasurementFile.from_text(
...     "indicator;value;period;note\n"
...     "s2.og1.os1.gdp.oo2.i1;7;2023-H1;réunions du 1er semestre\n"
...     "\n"
...     "s2.og1.os1.gdp.oo2.i1;douze;2023-13;\n"
... )
>>> [(row.line, row.measurement.value, str(row.measurement.period)) for row in data.rows]
[(2, 7, '2023-H1')]
>>> for problem in data.problems:
...     print(problem)
<text>:4: Invalid period '2023-13': month must be in 1..12
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TypeAlias, cast

import attrs

from cssindicators.errors import MeasurementError, MeasurementFileError, PeriodError
from cssindicators.errors import _shorten as shorten
from cssindicators.periods import Period, parse_period

__all__ = [
    "COLUMNS",
    "Measurement",
    "MeasurementFile",
    "MeasurementFileError",
    "Problem",
    "Row",
    "Value",
    "parse_value",
    "read_measurements",
]

#: What a measurement may hold: a number, or a yes/no answer (``True``, ``"Oui"``…).
Value: TypeAlias = bool | int | float | Decimal | str


def _to_period(period: Period | str | None) -> Period | None:
    if period is None or isinstance(period, Period):
        return period
    return parse_period(period)


@attrs.frozen
class Measurement:
    """A value observed over a period.

    ``period`` is a :class:`~cssindicators.periods.Period` or its ISO 8601 text (read with
    :func:`~cssindicators.periods.parse_period`, so a bad text raises
    :class:`~cssindicators.errors.PeriodError`); it may be omitted for a level target
    such as ``≥ 70 %``. ``unit`` is the unit the value is expressed in (``"minutes"``,
    ``"h"``, ``"%"``…), converted to the target's unit on evaluation; ``None`` means the
    target's own unit. ``indicator`` names the plan indicator the value belongs to, and
    ``note`` is free text carried along.

    >>> Measurement(value="Oui")
    Measurement(value='Oui', period=None, unit=None, indicator=None, note=None)
    >>> Measurement(value=6, period="2023-01-01/2023-06-30", indicator="s2.g1.o1.gdp.op2.i1").period
    Period('2023-H1')
    """

    value: Value
    period: Period | None = attrs.field(default=None, converter=_to_period)
    unit: str | None = None
    indicator: str | None = None
    note: str | None = None


_GROUPED = r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?"
_PLAIN = r"[0-9]+(?:[.,][0-9]+)?"
# Both separators at once can only mean one thing: 1.234,5 (Belgian) or 1,234.5.
_DOT_GROUPED = r"[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+"
_COMMA_GROUPED = r"[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]+"
_NUMBER = re.compile(f"{_GROUPED}|{_PLAIN}|(?P<dots>{_DOT_GROUPED})|(?P<commas>{_COMMA_GROUPED})")


#: The booleans of spreadsheets (French, Dutch and English Excel), in any case.
_BOOLEANS = {"vrai": True, "faux": False, "waar": True, "onwaar": False}
_BOOLEANS |= {"true": True, "false": False}


def parse_value(text: str) -> Value:
    """Read a value as written in a spreadsheet cell or on the command line.

    A number (decimal comma or point, thousands separated by spaces, or by dots when a
    decimal comma follows) becomes an ``int`` or a :class:`~decimal.Decimal`; a minus
    sign is kept, so that evaluation can report the negative value; a spreadsheet's
    boolean (``VRAI``/``FAUX``, ``WAAR``/``ONWAAR``, ``TRUE``/``FALSE``) becomes ``True``
    or ``False``; any other text (``Oui``, ``Non``…) is returned stripped, for a yes/no
    target to read.

    >>> parse_value("1 100"), parse_value("2,5"), parse_value("-3"), parse_value(" Oui ")
    (1100, Decimal('2.5'), -3, 'Oui')
    >>> parse_value("1.234,5"), parse_value("1,234.5"), parse_value("VRAI"), parse_value("faux")
    (Decimal('1234.5'), Decimal('1234.5'), True, False)

    One separator before three digits reads as a decimal mark (``1.100`` is 1.1): a
    measurement file that writes the other mark elsewhere reports such a number as
    ambiguous instead (see :func:`read_measurements`).
    """
    stripped = text.strip()
    answer = _BOOLEANS.get(stripped.casefold())
    if answer is not None:
        return answer
    sign, digits = ("-", stripped[1:].lstrip()) if stripped.startswith("-") else ("", stripped)
    match = _NUMBER.fullmatch(digits)
    if match is None:
        return stripped
    if match["dots"]:
        digits = digits.replace(".", "")
    elif match["commas"]:
        digits = digits.replace(",", "")
    plain = sign + re.sub(r"\s", "", digits).replace(",", ".")
    if "." in plain or len(plain) > 4000:  # int() refuses more than 4300 digits
        return Decimal(plain)
    return int(plain)


def _decimal_mark(text: str) -> str | None:
    """The decimal mark a number cell shows beyond doubt (``","``, ``"."``), if any."""
    match = _NUMBER.fullmatch(text.strip().removeprefix("-").lstrip())
    if match is None or _AMBIGUOUS.fullmatch(text.strip()):
        return None
    if match["dots"]:
        return ","
    if match["commas"]:
        return "."
    return next((c for c in match[0] if c in ".,"), None)


#: One separator followed by exactly three digits: ``1.100`` (1100, or 1.1?).
_AMBIGUOUS = re.compile(r"-?\s*[0-9]{1,3}([.,])[0-9]{3}")


class _Numbers:
    """The decimal mark a file writes, seen in its unambiguous numbers, and the rows
    whose number reads as thousands with the other mark (``1.100`` where ``2,5`` is
    written elsewhere): those are ambiguous."""

    def __init__(self) -> None:
        self.marks: dict[str, tuple[int, str]] = {}
        self.candidates: dict[int, tuple[str, str]] = {}

    def see(self, value: object, row: int, line: int) -> None:
        """Note the value cell ``value`` of row ``row`` (read from ``line``)."""
        if not isinstance(value, str) or ("," not in value and "." not in value):
            return
        cell = value.strip()
        match = _AMBIGUOUS.fullmatch(cell)
        if match is not None:
            self.candidates[row] = (match[1], cell)
            return
        mark = _decimal_mark(cell)
        if mark is not None and mark not in self.marks:
            self.marks[mark] = (line, cell)

    def ambiguous(self) -> dict[int, str]:
        """The rows whose number is ambiguous, and why."""
        found = {}
        for row, (separator, cell) in self.candidates.items():
            other = "," if separator == "." else "."
            if other not in self.marks:
                continue
            line, example = self.marks[other]
            whole = cell.replace(separator, "")
            decimal = str(Decimal(cell.replace(separator, ".").replace(" ", "")).normalize())
            decimal = decimal.replace(".", other)
            found[row] = (
                f"ambiguous number {cell!r}: this file writes decimal "
                f"{'commas' if other == ',' else 'points'} (line {line}: {example!r}), so "
                f"{cell!r} may mean {whole} or {decimal}; write it as one of these"
            )
        return found


# ---------------------------------------------------------------- rows and problems

#: The columns of a measurement file, and the header names each may be written as.
COLUMNS: Mapping[str, tuple[str, ...]] = {
    "indicator": ("indicator", "indicateur", "indicator_id", "id"),
    "value": ("value", "valeur", "waarde"),
    "period": ("period", "période", "periode", "période (iso 8601)"),
    "unit": ("unit", "unité", "unite", "eenheid"),
    "note": ("note", "remarque", "commentaire", "opmerking", "notes"),
}
_REQUIRED = ("indicator", "value", "period")
_ALIASES = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}

#: Raw values of a row as read: ``(column, text)`` pairs, in the order of the file.
Raw: TypeAlias = tuple[tuple[str, str], ...]


def _raw(values: Mapping[str, str] | Raw) -> Raw:
    pairs = values.items() if isinstance(values, Mapping) else values
    return tuple((str(name), str(text)) for name, text in pairs)


def _raw_items(raw: Raw, *, skip_blank: bool = False) -> list[str]:
    """Raw values as ``column='text'`` items (leaving out blank cells if asked): the one
    way every report shows them."""
    return [f"{name}={text!r}" for name, text in raw if not skip_blank or text.strip()]


@attrs.frozen
class Problem:
    """A row that cannot be used: where it was read, its raw values, and why.

    ``source`` names the file (``"<text>"`` for text, ``"<measurements>"`` for
    measurements given in memory, where ``line`` is their 1-based position); ``raw``
    holds the row's ``(column, text)`` pairs as read; ``indicator`` is the id the row
    names, if any.

    >>> p = Problem("data.csv", 7, "a measured value cannot be negative, got -3",
    ...             raw={"indicator": "s2.og1.os1.gdp.oo1.i1", "value": "-3"},
    ...             indicator="s2.og1.os1.gdp.oo1.i1")
    >>> print(p)
    data.csv:7: a measured value cannot be negative, got -3
    >>> p.where, p.raw_text
    ('data.csv:7', "indicator='s2.og1.os1.gdp.oo1.i1'; value='-3'")
    """

    source: str
    line: int
    reason: str
    raw: Raw = attrs.field(default=(), converter=_raw)
    indicator: str | None = None

    @property
    def where(self) -> str:
        """``source:line``, as compilers print places.

        >>> Problem("m.csv", 3, "no value").where
        'm.csv:3'
        """
        return f"{self.source}:{self.line}"

    @property
    def raw_text(self) -> str:
        """The raw values on one line: ``column='text'; …``.

        >>> Problem("m.csv", 3, "no value", raw=(("value", ""),)).raw_text
        "value=''"
        """
        return "; ".join(_raw_items(self.raw))

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def _raw_of(measurement: Measurement) -> Raw:
    fields = {
        "indicator": measurement.indicator,
        "value": measurement.value,
        "period": measurement.period,
        "unit": measurement.unit,
        "note": measurement.note,
    }
    return tuple((name, str(value)) for name, value in fields.items() if value is not None)


@attrs.frozen
class Row:
    """A measurement with the place it was read from, so that problems can point at it.

    ``source`` and ``line`` are as for :class:`Problem`; ``raw`` the texts read.

    >>> row = Row.of(Measurement(value=3, period="2023", indicator="s1.og1.os1.t1.oo1.i1"), line=4)
    >>> row.where, row.raw_text
    ('<measurements>:4', "indicator='s1.og1.os1.t1.oo1.i1'; value='3'; period='2023'")
    >>> print(row.problem("unknown indicator"))
    <measurements>:4: unknown indicator
    """

    measurement: Measurement
    source: str = "<measurements>"
    line: int = 0
    raw: Raw = attrs.field(default=(), converter=_raw)

    @classmethod
    def of(cls, measurement: Measurement, *, source: str = "<measurements>", line: int = 0) -> Row:
        """A row for a measurement built in memory; its raw values are its fields.

        >>> Row.of(Measurement(value="Oui", indicator="x")).raw
        (('indicator', 'x'), ('value', 'Oui'))
        """
        return cls(measurement, source, line, _raw_of(measurement))

    @property
    def indicator(self) -> str | None:
        """The indicator id the row names.

        >>> Row.of(Measurement(value=1, indicator="s1.og1")).indicator
        's1.og1'
        """
        return self.measurement.indicator

    @property
    def where(self) -> str:
        """``source:line``.

        >>> Row.of(Measurement(value=1), source="m.csv", line=2).where
        'm.csv:2'
        """
        return f"{self.source}:{self.line}"

    @property
    def raw_text(self) -> str:
        """The raw values on one line: ``column='text'; …``.

        >>> Row.of(Measurement(value=1)).raw_text
        "value='1'"
        """
        return "; ".join(_raw_items(self.raw))

    def problem(self, reason: str) -> Problem:
        """This row as a :class:`Problem` with ``reason``.

        >>> Row.of(Measurement(value=1), line=9).problem("bad").line
        9
        """
        return Problem(self.source, self.line, reason, self.raw, self.indicator)


# ---------------------------------------------------------------- reading files


@attrs.frozen
class MeasurementFile:
    """The rows read from a measurement file, and the problems of the rows that are not usable.

    ``rows`` and ``problems`` are in file order; every data line of the file is in one
    of them. ``format`` is ``"csv"``, ``"jsonl"`` or ``"memory"``; ``delimiter`` the
    CSV separator found; ``encoding`` the text encoding read (``"utf-8+cp1252"`` for a
    file whose lines are in either); ``notes`` say how the file as a whole was read,
    when that needs saying (lines read as Windows-1252).

    >>> data = MeasurementFile.from_text('{"indicator": "a", "value": 2.5, "period": "2023-Q1"}\\n[1]\\n')
    >>> data.format, data.measurements()
    ('jsonl', (Measurement(value=Decimal('2.5'), period=Period('2023-Q1'), unit=None, indicator='a', note=None),))
    >>> [str(p) for p in data.problems]
    ['<text>:2: expected a JSON object, got [1]']
    """

    source: str
    rows: tuple[Row, ...]
    problems: tuple[Problem, ...]
    format: str = "csv"
    delimiter: str | None = None
    encoding: str = "utf-8"
    notes: tuple[str, ...] = ()

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> MeasurementFile:
        """Read a file; the same as :func:`read_measurements`.

        >>> import tempfile, pathlib
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder, "m.csv")
        ...     _ = path.write_bytes("indicateur;valeur;période\\r\\nx;2,5;2023\\r\\n".encode("cp1252"))
        ...     data = MeasurementFile.read(path)
        >>> data.encoding, data.delimiter, data.rows[0].measurement.value
        ('cp1252', ';', Decimal('2.5'))
        """
        return read_measurements(path)

    @classmethod
    def from_text(
        cls, text: str, *, source: str = "<text>", encoding: str = "utf-8"
    ) -> MeasurementFile:
        """Read measurements from the text of a file (CSV or JSON lines, sniffed).

        >>> MeasurementFile.from_text("sep=,\\nindicator,value,period\\nx,\\"2,5\\",2023\\n").rows[0].measurement.value
        Decimal('2.5')
        """
        lines = _lines(text.removeprefix("\ufeff"))
        first = _first_content_line(lines)
        if first is not None and first[1].lstrip().startswith(("{", "[")):
            rows, problems = _read_json_lines(lines, source)
            return cls(source, rows, problems, "jsonl", None, encoding)
        delimiter, rows, problems = _read_csv(lines, source)
        return cls(source, rows, problems, "csv", delimiter, encoding)

    @classmethod
    def from_measurements(
        cls, items: Iterable[Measurement | Row], *, source: str = "<measurements>"
    ) -> MeasurementFile:
        """Rows for measurements given in memory, numbered from 1 as lines; rows are kept.

        A measurement without an indicator id is a problem.

        >>> data = MeasurementFile.from_measurements(
        ...     [Measurement(value=1, indicator="x"), Measurement(value=2)])
        >>> [row.line for row in data.rows], [str(p) for p in data.problems]
        ([1], ['<measurements>:2: no indicator id'])
        """
        rows: list[Row] = []
        problems: list[Problem] = []
        for line, item in enumerate(items, 1):
            row = item if isinstance(item, Row) else Row.of(item, source=source, line=line)
            if row.indicator:
                rows.append(row)
            else:
                problems.append(row.problem("no indicator id"))
        return cls(source, tuple(rows), tuple(problems), "memory")

    def measurements(self) -> tuple[Measurement, ...]:
        """The usable measurements, without their places.

        >>> MeasurementFile.from_text("indicator,value,period\\nx,Oui,\\n").measurements()[0].value
        'Oui'
        """
        return tuple(row.measurement for row in self.rows)

    def __iter__(self) -> Iterator[Row]:
        """The usable rows.

        >>> len(list(MeasurementFile.from_text("indicator,value,period\\nx,1,2023\\n")))
        1
        """
        return iter(self.rows)


def read_measurements(path: str | os.PathLike[str]) -> MeasurementFile:
    """Read a measurement file (CSV or JSON lines): the usable rows plus per-row problems.

    The encoding is UTF-8 (with or without byte-order mark) or UTF-16 with a byte-order
    mark; a file that is not UTF-8 is read line by line, each line that is not UTF-8 as
    Windows-1252 (what older spreadsheets write), and says so in its ``encoding`` and
    ``notes``. ``.jsonl`` and ``.ndjson`` files, and files whose first line is a JSON
    object, are read as JSON lines. Raises :class:`MeasurementFileError` when the file
    has no header naming the columns or is not text, and ``OSError`` when it cannot be
    opened; nothing else.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "m.csv")
    ...     _ = path.write_text("\\ufeffindicator;value;period\\nx;-3;2023\\n", encoding="utf-8")
    ...     data = read_measurements(path)
    >>> data.rows[0].measurement.value, data.rows[0].line
    (-3, 2)
    """
    source = os.fspath(path)
    with open(source, "rb") as file:
        data = file.read()
    text, encoding, notes = _decode(data, source)
    if source.lower().endswith((".jsonl", ".ndjson")):
        rows, problems = _read_json_lines(_lines(text.removeprefix("\ufeff")), source)
        return MeasurementFile(source, rows, problems, "jsonl", None, encoding, notes)
    read = MeasurementFile.from_text(text, source=source, encoding=encoding)
    return attrs.evolve(read, notes=notes + read.notes)


#: Bytes that Windows-1252 leaves undefined.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")


def _decode(data: bytes, source: str) -> tuple[str, str, tuple[str, ...]]:
    """The text of a file, the encoding it was read in, and notes on how it was read.

    UTF-16 needs its byte-order mark. Text that is not UTF-8 is decoded line by line:
    a line that is UTF-8 stays so (no mojibake of the lines a tool appended in UTF-8),
    any other as Windows-1252; the lines read so are named in a note.
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
    lines = data.removeprefix(codecs.BOM_UTF8).split(b"\n")
    texts: list[str] = []
    legacy: list[int] = []
    damaged: list[int] = []
    utf8 = False
    for number, line in enumerate(lines, 1):
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


def _lines(text: str) -> list[str]:
    """The physical lines of a text: split on ``\\n`` only (a ``\\r`` before it dropped).

    Not :meth:`str.splitlines`, which also splits on characters that JSON strings and
    spreadsheet cells hold as they are (U+2028, form feed…).
    """
    lines = text.split("\n")
    if lines and not lines[-1]:
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def _is_comment(line: str) -> bool:
    """Whether a physical line is a comment: its first character that is not a space is
    ``#``. (A cell written ``"#1"``, in quotes, is data.)"""
    return line.lstrip().startswith("#")


def _first_content_line(lines: Sequence[str]) -> tuple[int, str] | None:
    """The 0-based index and text of the first line that is not blank nor a comment."""
    for index, line in enumerate(lines):
        if line.strip() and not _is_comment(line):
            return index, line
    return None


def _column(name: str) -> str:
    """The canonical name of a header cell (an unknown name is kept as written)."""
    cleaned = name.strip().strip("\ufeff").strip()
    return _ALIASES.get(cleaned.casefold(), cleaned)


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
    return [_column(cell) for cell in _split(line, delimiter)]


def _sniff(header: str) -> str | None:
    """The delimiter that splits ``header`` into the required columns, if one does."""
    for delimiter in _DELIMITERS:
        if set(_REQUIRED) <= set(_header_cells(header, delimiter)):
            return delimiter
    return None


def _find_header(
    lines: Sequence[str], start: int, forced: str | None, source: str
) -> tuple[int, str, list[Problem]]:
    """The index of the header line, its delimiter, and the lines before it that are
    neither blank nor comments, as problems (a title above the table…)."""
    first = _first_content_line(lines[start:])
    if first is None:
        raise MeasurementFileError(f"{source}: no header: the file is empty")
    skipped: list[Problem] = []
    for index in range(start + first[0], len(lines)):
        line = lines[index]
        if not line.strip() or _is_comment(line):
            continue
        delimiter = forced if forced is not None else _sniff(line)
        if delimiter is not None and set(_REQUIRED) <= set(_header_cells(line, delimiter)):
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


def _read_csv(
    lines: Sequence[str], source: str
) -> tuple[str, tuple[Row, ...], tuple[Problem, ...]]:
    start = 0
    forced: str | None = None
    if lines and (match := _SEP_LINE.fullmatch(lines[0])):
        forced, start = match[1], 1
    header_index, delimiter, problems = _find_header(lines, start, forced, source)
    cells = _split(lines[header_index], delimiter)
    names = [_column(cell) or f"column {k}" for k, cell in enumerate(cells, 1)]
    duplicated = sorted({name for name in names if names.count(name) > 1 and name})
    if duplicated:
        raise MeasurementFileError(
            f"{source}:{header_index + 1}: the header names the column {duplicated[0]!r} twice"
        )
    rows: list[Row] = []
    numbers = _Numbers()
    index = header_index + 1
    while index < len(lines):
        line = lines[index]
        number = index + 1
        if not line.strip() or _is_comment(line):
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
        if _add(fields, raw, source, number, rows, problems):
            numbers.see(fields.get("value", ""), len(rows) - 1, number)
    ambiguous = numbers.ambiguous()
    if ambiguous:
        problems += [rows[k].problem(reason) for k, reason in ambiguous.items()]
        rows = [row for k, row in enumerate(rows) if k not in ambiguous]
        problems.sort(key=lambda p: p.line)
    return delimiter, tuple(rows), tuple(problems)


def _add(
    fields: Mapping[str, object],
    raw: Raw,
    source: str,
    line: int,
    rows: list[Row],
    problems: list[Problem],
) -> bool:
    """Turn one row's fields into a :class:`Row`, or a :class:`Problem` saying why not;
    whether it became a row."""
    indicator = _text(fields.get("indicator"))
    try:
        measurement = _measurement(fields, indicator)
    except (MeasurementError, PeriodError) as error:
        problems.append(Problem(source, line, str(error), raw, indicator))
        return False
    rows.append(Row(measurement, source, line, raw))
    return True


def _text(value: object) -> str | None:
    """A cell as text, stripped; ``None`` when empty."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _measurement(fields: Mapping[str, object], indicator: str | None) -> Measurement:
    """The measurement of one row's fields; raises for what is missing or unreadable.

    Values are checked against a target only when scored: here a value is any number
    or text, a unit any text.
    """
    if indicator is None:
        raise MeasurementError("no indicator id")
    value = fields.get("value")
    unit = _text(fields.get("unit"))
    if isinstance(value, str):
        value, unit = _percent(value, unit) if value.strip().endswith("%") else (value, unit)
    if isinstance(value, str):
        value = parse_value(value) if value.strip() else None
    if value is None:
        raise MeasurementError("no value")
    period = _text(fields.get("period"))
    return Measurement(
        value=cast(Value, value),  # the readers let only values through
        period=None if period is None else parse_period(period),
        unit=unit,
        indicator=indicator,
        note=_text(fields.get("note")),
    )


def _percent(text: str, unit: str | None) -> tuple[Value, str | None]:
    """A value written with a percent sign (``75 %``): the number, in unit ``%``.

    A percent sign is a unit: the row is then evaluated as any row in ``%`` (against a
    target in ``%``; against another target it is invalid). It contradicts any unit
    other than ``%`` in the unit column.
    """
    number = parse_value(text.strip().removesuffix("%"))
    if isinstance(number, bool) or not isinstance(number, (int, Decimal)):
        return text, unit
    if unit is not None and unit.strip() != "%":
        # Units are read by targets, which builds on this module: with a percent sign in
        # the value, the unit column may only repeat "%".
        raise MeasurementError(
            f"the value {text.strip()!r} is a percentage, but the unit says {unit!r}"
        )
    return number, "%"


#: The JSON types each key of a JSON line may hold (``None`` is always allowed).
_JSON_TYPES: Mapping[str, tuple[tuple[type, ...], str]] = {
    "indicator": ((str,), "a text"),
    "value": ((str, bool, int, Decimal), "a number, true/false or a text"),
    "period": ((str,), "a text"),
    "unit": ((str,), "a text"),
    "note": ((str,), "a text"),
}


def _json_problem(fields: Mapping[str, object]) -> str | None:
    """Why a JSON object's fields are of the wrong types, if they are."""
    for name, (types, expected) in _JSON_TYPES.items():
        value = fields.get(name)
        if value is not None and not isinstance(value, types):
            return f"{name} must be {expected}, got {_json_text(value)}"
    return None


def _read_json_lines(
    lines: Sequence[str], source: str
) -> tuple[tuple[Row, ...], tuple[Problem, ...]]:
    import json

    rows: list[Row] = []
    problems: list[Problem] = []
    for line, content in enumerate(lines, 1):
        if not content.strip() or _is_comment(content):
            continue
        whole = (("line", shorten(content.strip(), 200)),)
        try:
            document = json.loads(content, parse_float=Decimal)
        except RecursionError:
            problems.append(Problem(source, line, "invalid JSON: nested too deeply", whole))
            continue
        except ValueError as error:
            detail = (
                f"{error.msg} (column {error.colno})"
                if isinstance(error, json.JSONDecodeError)
                else str(error)
            )
            problems.append(Problem(source, line, f"invalid JSON: {detail}", whole))
            continue
        if not isinstance(document, dict):
            reason = f"expected a JSON object, got {_json_text(document)[:40]}"
            problems.append(Problem(source, line, reason, whole))
            continue
        fields = {_column(str(key)): value for key, value in document.items()}
        raw = tuple((name, _json_text(value)) for name, value in fields.items())
        wrong = _json_problem(fields)
        if wrong is not None:
            indicator = fields.get("indicator")
            problems.append(
                Problem(source, line, wrong, raw, indicator if isinstance(indicator, str) else None)
            )
            continue
        _add(fields, raw, source, line, rows, problems)
    return tuple(rows), tuple(problems)


def _scalar(value: object) -> bool:
    return value is None or isinstance(value, (str, bool, int, Decimal))


def _json_text(value: object) -> str:
    import json

    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=str)
