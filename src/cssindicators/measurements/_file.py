"""A measurement file as read: its rows, its problems, and how it was read.

:func:`read_measurements` reads a file (a workbook, or bytes decoded as text),
:func:`parse_measurements` text already in memory; both sniff CSV or JSON lines and give
a :class:`MeasurementFile`. The readers (decoding, CSV, JSON lines, workbooks) are
imported when a file is first read, so that a program that only builds measurements
does not load them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

import attrs

from cssindicators.errors import ConfigurationError, FileReadError
from cssindicators.measurements._rows import Problem, Row
from cssindicators.measurements._values import Measurement, Numbers

__all__ = ["FORMATS", "MeasurementFile", "parse_measurements", "read_measurements"]

#: The formats of text a measurement file may be written in.
FORMATS = ("csv", "jsonl")


@attrs.frozen
class MeasurementFile:
    """The rows read from a measurement file, and the problems of the rows that are not usable.

    ``rows`` and ``problems`` are in file order; every data line of the file is in one
    of them. ``format`` is ``"csv"``, ``"jsonl"`` or ``"memory"``; ``delimiter`` the
    CSV separator found; ``encoding`` the text encoding read (``"utf-8+cp1252"`` for a
    file whose lines are in either); ``notes`` say how the file as a whole was read,
    when that needs saying (lines read as Windows-1252, numbers read by a convention
    the file did not show); ``decimal`` the decimal mark its numbers were read with:
    ``","`` (the Belgian way: ``1.250`` is 1250) or ``"."`` (``1.250`` is 1,25), chosen
    by the caller or settled from the file, or ``None`` for a file that writes numbers
    both ways (its ambiguous numbers are problems) or that was not read from text.

    >>> data = MeasurementFile.from_text('{"indicator": "a", "value": 2.5, "period": "2023-Q1"}\\n[1]\\n')
    >>> data.format, data.measurements()
    ('jsonl', (Measurement(value=Decimal('2.5'), period=Period('2023-Q1'), unit=None, indicator='a', note=None, baseline=None),))
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
    decimal: str | None = None
    sheet: str | None = None

    @classmethod
    def read(
        cls, path: str | os.PathLike[str], *, decimal: str | None = None, sheet: str | None = None
    ) -> MeasurementFile:
        """Read a file; the same as :func:`read_measurements` (``decimal`` and ``sheet``
        as there).

        >>> import tempfile, pathlib
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder, "m.csv")
        ...     _ = path.write_bytes("indicateur;valeur;période\\r\\nx;2,5;2023\\r\\n".encode("cp1252"))
        ...     data = MeasurementFile.read(path)
        >>> data.encoding, data.delimiter, data.rows[0].measurement.value
        ('cp1252', ';', Decimal('2.5'))
        """
        return read_measurements(path, decimal=decimal, sheet=sheet)

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        source: str = "<text>",
        encoding: str = "utf-8",
        format: str | None = None,
        decimal: str | None = None,
    ) -> MeasurementFile:
        """Read measurements from the text of a file; the same as :func:`parse_measurements`.

        ``encoding`` is only recorded: it says what the text was decoded from;
        ``decimal`` is as for :func:`read_measurements`.

        >>> MeasurementFile.from_text("sep=,\\nindicator,value,period\\nx,\\"2,5\\",2023\\n").rows[0].measurement.value
        Decimal('2.5')
        >>> MeasurementFile.from_text("indicator;value;period\\nx;1.250;2023\\n", decimal=".").rows[0].measurement.value
        Decimal('1.250')
        """
        from cssindicators.measurements._csv import read_csv
        from cssindicators.measurements._decoding import first_content_line, lines
        from cssindicators.measurements._jsonl import read_json_lines

        numbers = Numbers(decimal, source)  # checks decimal
        if format is not None and format not in FORMATS:
            raise ConfigurationError(
                f"the format of a measurement text must be 'csv', 'jsonl' or None, got {format!r}"
            )
        found = lines(text.removeprefix("\ufeff"))
        if format is None:
            first = first_content_line(found)
            is_json = first is not None and first[1].lstrip().startswith(("{", "["))
            format = "jsonl" if is_json else "csv"
        if format == "jsonl":
            rows, problems, settled = read_json_lines(found, numbers)
            delimiter = None
        else:
            delimiter, rows, problems, settled = read_csv(found, numbers)
        return cls(
            source, rows, problems, format, delimiter, encoding, settled.notes, settled.decimal
        )

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


def parse_measurements(
    text: str, *, source: str = "<text>", format: str | None = None, decimal: str | None = None
) -> MeasurementFile:
    """Read measurements from text already in memory, as :func:`read_measurements` reads
    a file's: the usable rows plus per-row problems.

    ``format`` is ``"csv"`` or ``"jsonl"``; by default, text whose first line that is
    not blank nor a comment starts with ``{`` or ``[`` is JSON lines, any other CSV.
    ``source`` names the text in problems (a file name, say); ``decimal`` is as for
    :func:`read_measurements`. Raises
    :class:`~cssindicators.errors.MeasurementFileError` when CSV text has no header
    naming the columns, :class:`~cssindicators.errors.ConfigurationError` for a bad
    ``format`` or ``decimal``; nothing else.

    >>> data = parse_measurements("indicator;value;period\\nx;2,5;2023-H1\\nx;douze;2023-13\\n",
    ...                           source="export.csv")
    >>> [(row.line, row.measurement.value) for row in data.rows], data.delimiter
    ([(2, Decimal('2.5'))], ';')
    >>> print(data.problems[0])
    export.csv:3: Invalid period '2023-13': month must be in 1..12
    >>> parse_measurements('{"indicator": "x", "value": true, "period": "2023"}').rows[0].measurement.value
    True
    """
    return MeasurementFile.from_text(text, source=source, format=format, decimal=decimal)


def read_measurements(
    path: str | os.PathLike[str], *, decimal: str | None = None, sheet: str | None = None
) -> MeasurementFile:
    """Read a measurement file (a workbook, CSV or JSON lines): the usable rows plus
    per-row problems.

    A workbook (``.xlsx``, ``.xlsm`` or ``.ods``, or any file that is a zip archive) is
    read from ``sheet`` (a sheet's name), else from its first sheet holding a header
    naming the columns, which may sit below title rows; it needs the ``excel`` extra
    (python-calamine). Its cells are typed: a number cell is that number (only text
    cells are read as below), a boolean cell ``True`` or ``False``, a date cell in the
    period column that day, or that month when its format shows a month and no day
    (``mmm-yy``, ``mmmm yyyy``; that year for ``yyyy``), a date and time its date. A
    formula saved without its value, an error cell (``#DIV/0!``) and a value merged over
    several rows are problems of their rows; a merged indicator, period, unit or note
    counts for each row it spans. Problems name the cell or row in their reason
    (``Mesures!C14: …``); their ``line`` is the sheet's row number.

    The encoding is UTF-8 (with or without byte-order mark) or UTF-16 with a byte-order
    mark; a file that is not UTF-8 is read line by line, each line that is not UTF-8 as
    Windows-1252 (what older spreadsheets write), and says so in its ``encoding`` and
    ``notes``. ``.jsonl`` and ``.ndjson`` files, and files whose first line is a JSON
    object, are read as JSON lines. Raises
    :class:`~cssindicators.errors.MeasurementFileError` when the file has no header
    naming the columns, is not text nor a workbook that can be read, or has no sheet
    ``sheet`` (the message lists its sheets),
    :class:`~cssindicators.errors.FileReadError` (an ``OSError``) when it cannot be
    opened, :class:`~cssindicators.errors.MissingDependencyError` for a workbook without
    the ``excel`` extra installed, and :class:`~cssindicators.errors.ConfigurationError`
    for a bad ``decimal``, or a ``sheet`` given for a file that is not a workbook;
    nothing else. Text already in memory is read by :func:`parse_measurements`.

    Values are read as :func:`~cssindicators.measurements.parse_value` reads them, the
    Belgian way unless the file shows otherwise. Only a number of one to three digits
    (not a lone ``0``), one dot or comma and exactly three digits reads either way
    (``1.250``: 1250 or 1,25?): the file's other values settle which. A decimal comma
    or dots grouping thousands (``2,5``, ``1.250.000``, ``1.234,5``) show the Belgian
    way, and ``1.250`` is 1250; a decimal point or commas grouping thousands (``3.75``,
    ``1,250,000``) show the other, and ``1.250`` is 1,25; when none shows either, the
    Belgian way holds. The ``notes`` name the values read so, the line that settled it,
    and how to choose the other way: ``decimal="."`` (or ``","``). A file that shows
    both ways makes each such value a problem: it is never guessed. With ``decimal``
    given, such values are read that way without a note, and a value that only the
    other way writes (``1.250.000`` with ``decimal="."``) is a problem.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "m.csv")
    ...     _ = path.write_text("\\ufeffindicator;value;period\\nx;-3;2023\\nx;1.250;2024\\n", encoding="utf-8")
    ...     data, other = read_measurements(path), read_measurements(path, decimal=".")
    >>> [(row.line, row.measurement.value) for row in data.rows], data.decimal
    ([(2, -3), (3, 1250)], ',')
    >>> print(data.notes[0].partition(": ")[2])
    1 value read with decimal commas, dots grouping thousands (the Belgian way), as no value of the file shows its decimal mark (such as 2,5 or 3.75): '1.250' (line 3) is 1250; if it is a decimal, read the file with decimal='.' (--decimal . on the command line)
    >>> [row.measurement.value for row in other.rows], other.notes
    ([-3, Decimal('1.250')], ())
    """
    from cssindicators.measurements._decoding import decode

    source = os.fspath(path)
    try:
        with open(source, "rb") as file:
            data = file.read()
    except OSError as error:
        raise FileReadError.of(error) from None
    from cssindicators.measurements._xlsx import is_workbook, read_workbook

    if is_workbook(data, source):
        numbers = Numbers(decimal, source)  # checks decimal
        read_sheet, ods, rows, problems, settled, notes = read_workbook(
            data, source, numbers, sheet=sheet
        )
        return MeasurementFile(
            source,
            rows,
            problems,
            "ods" if ods else "xlsx",
            notes=notes + settled.notes,
            decimal=settled.decimal,
            sheet=read_sheet,
        )
    if sheet is not None:
        raise ConfigurationError(
            f"sheet={sheet!r} names a sheet of a workbook, but {source} is not one "
            "(an .xlsx or .ods file)"
        )
    text, encoding, notes = decode(data, source)
    format = "jsonl" if source.lower().endswith((".jsonl", ".ndjson")) else None
    read = MeasurementFile.from_text(
        text, source=source, encoding=encoding, format=format, decimal=decimal
    )
    return attrs.evolve(read, notes=notes + read.notes)
