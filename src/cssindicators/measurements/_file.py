"""A measurement file as read: its rows, its problems, and how it was read.

:func:`read_measurements` reads a file (bytes, decoded), :func:`parse_measurements`
text already in memory; both sniff CSV or JSON lines and give a :class:`MeasurementFile`.
The readers (decoding, CSV, JSON lines) are imported when a text is first read, so that
a program that only builds measurements does not load them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

import attrs

from cssindicators.errors import ConfigurationError
from cssindicators.measurements._rows import Problem, Row
from cssindicators.measurements._values import Measurement

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
        cls,
        text: str,
        *,
        source: str = "<text>",
        encoding: str = "utf-8",
        format: str | None = None,
    ) -> MeasurementFile:
        """Read measurements from the text of a file; the same as :func:`parse_measurements`.

        ``encoding`` is only recorded: it says what the text was decoded from.

        >>> MeasurementFile.from_text("sep=,\\nindicator,value,period\\nx,\\"2,5\\",2023\\n").rows[0].measurement.value
        Decimal('2.5')
        """
        from cssindicators.measurements._csv import read_csv
        from cssindicators.measurements._decoding import first_content_line, lines
        from cssindicators.measurements._jsonl import read_json_lines

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
            rows, problems = read_json_lines(found, source)
            return cls(source, rows, problems, "jsonl", None, encoding)
        delimiter, rows, problems = read_csv(found, source)
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


def parse_measurements(
    text: str, *, source: str = "<text>", format: str | None = None
) -> MeasurementFile:
    """Read measurements from text already in memory, as :func:`read_measurements` reads
    a file's: the usable rows plus per-row problems.

    ``format`` is ``"csv"`` or ``"jsonl"``; by default, text whose first line that is
    not blank nor a comment starts with ``{`` or ``[`` is JSON lines, any other CSV.
    ``source`` names the text in problems (a file name, say). Raises
    :class:`~cssindicators.errors.MeasurementFileError` when CSV text has no header
    naming the columns; nothing else.

    >>> data = parse_measurements("indicator;value;period\\nx;2,5;2023-H1\\nx;douze;2023-13\\n",
    ...                           source="export.csv")
    >>> [(row.line, row.measurement.value) for row in data.rows], data.delimiter
    ([(2, Decimal('2.5'))], ';')
    >>> print(data.problems[0])
    export.csv:3: Invalid period '2023-13': month must be in 1..12
    >>> parse_measurements('{"indicator": "x", "value": true, "period": "2023"}').rows[0].measurement.value
    True
    """
    return MeasurementFile.from_text(text, source=source, format=format)


def read_measurements(path: str | os.PathLike[str]) -> MeasurementFile:
    """Read a measurement file (CSV or JSON lines): the usable rows plus per-row problems.

    The encoding is UTF-8 (with or without byte-order mark) or UTF-16 with a byte-order
    mark; a file that is not UTF-8 is read line by line, each line that is not UTF-8 as
    Windows-1252 (what older spreadsheets write), and says so in its ``encoding`` and
    ``notes``. ``.jsonl`` and ``.ndjson`` files, and files whose first line is a JSON
    object, are read as JSON lines. Raises
    :class:`~cssindicators.errors.MeasurementFileError` when the file has no header
    naming the columns or is not text, and ``OSError`` when it cannot be opened;
    nothing else. Text already in memory is read by :func:`parse_measurements`.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "m.csv")
    ...     _ = path.write_text("\\ufeffindicator;value;period\\nx;-3;2023\\n", encoding="utf-8")
    ...     data = read_measurements(path)
    >>> data.rows[0].measurement.value, data.rows[0].line
    (-3, 2)
    """
    from cssindicators.measurements._decoding import decode

    source = os.fspath(path)
    with open(source, "rb") as file:
        data = file.read()
    text, encoding, notes = decode(data, source)
    format = "jsonl" if source.lower().endswith((".jsonl", ".ndjson")) else None
    read = MeasurementFile.from_text(text, source=source, encoding=encoding, format=format)
    return attrs.evolve(read, notes=notes + read.notes)
