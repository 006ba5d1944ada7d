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
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TypeAlias, cast

import attrs

from cssindicators.errors import MeasurementError, MeasurementFileError, PeriodError
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


def parse_value(text: str) -> Value:
    """Read a value as written in a spreadsheet cell or on the command line.

    A number (decimal comma or point, thousands separated by spaces, or by dots when a
    decimal comma follows) becomes an ``int`` or a :class:`~decimal.Decimal`; a minus
    sign is kept, so that evaluation can report the negative value; any other text
    (``Oui``, ``Non``…) is returned stripped, for a yes/no target to read.

    >>> parse_value("1 100"), parse_value("2,5"), parse_value("-3"), parse_value(" Oui ")
    (1100, Decimal('2.5'), -3, 'Oui')
    >>> parse_value("1.234,5"), parse_value("1,234.5"), parse_value("1.100")
    (Decimal('1234.5'), Decimal('1234.5'), Decimal('1.100'))
    """
    stripped = text.strip()
    sign, digits = ("-", stripped[1:].lstrip()) if stripped.startswith("-") else ("", stripped)
    match = _NUMBER.fullmatch(digits)
    if match is None:
        return stripped
    if match["dots"]:
        digits = digits.replace(".", "")
    elif match["commas"]:
        digits = digits.replace(",", "")
    plain = sign + re.sub(r"\s", "", digits).replace(",", ".")
    return Decimal(plain) if "." in plain else int(plain)


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


def _raw_text(raw: Raw) -> str:
    return "; ".join(f"{name}={text!r}" for name, text in raw)


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
        return _raw_text(self.raw)

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
        return _raw_text(self.raw)

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
    CSV separator found; ``encoding`` the text encoding read.

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
        text = text.removeprefix("\ufeff")
        first = _first_content_line(text)
        if first is not None and first[1].lstrip().startswith(("{", "[")):
            rows, problems = _read_json_lines(text, source)
            return cls(source, rows, problems, "jsonl", None, encoding)
        delimiter, rows, problems = _read_csv(text, source)
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

    The encoding is UTF-8 (with or without byte-order mark), UTF-16 with a byte-order
    mark, or else Windows-1252, as older spreadsheets write. ``.jsonl`` and ``.ndjson``
    files, and files whose first line is a JSON object, are read as JSON lines.
    Raises :class:`MeasurementFileError` when the file has no header naming the columns,
    and ``OSError`` when it cannot be opened.

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
    text, encoding = _decode(data)
    if source.lower().endswith((".jsonl", ".ndjson")):
        rows, problems = _read_json_lines(text, source)
        return MeasurementFile(source, rows, problems, "jsonl", None, encoding)
    return MeasurementFile.from_text(text, source=source, encoding=encoding)


def _decode(data: bytes) -> tuple[str, str]:
    """The text of a file, and the encoding it was read in."""
    import codecs

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        # Excel's "CSV (séparateur: point-virgule)" writes the Windows code page.
        return data.decode("cp1252", errors="replace"), "cp1252"


def _is_comment(line: str) -> bool:
    return line.lstrip().lstrip('"').startswith("#")


def _first_content_line(text: str) -> tuple[int, str] | None:
    """The 1-based number and text of the first line that is not blank nor a comment."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not _is_comment(line):
            return number, line
    return None


def _column(name: str) -> str:
    """The canonical name of a header cell (an unknown name is kept as written)."""
    cleaned = name.strip().strip("\ufeff").strip()
    return _ALIASES.get(cleaned.casefold(), cleaned)


_SEP_LINE = re.compile(r'\s*"?sep=(.)"?\s*', re.IGNORECASE)
_DELIMITERS = (";", ",", "\t")


def _sniff(header: str) -> str | None:
    """The delimiter that splits ``header`` into the required columns, if one does."""
    import csv

    for delimiter in _DELIMITERS:
        cells = next(csv.reader([header], delimiter=delimiter), [])
        if set(_REQUIRED) <= {_column(cell) for cell in cells}:
            return delimiter
    return None


def _read_csv(text: str, source: str) -> tuple[str, tuple[Row, ...], tuple[Problem, ...]]:
    import csv
    import io

    lines = text.splitlines()
    skip = 0
    forced: str | None = None
    if lines and (match := _SEP_LINE.fullmatch(lines[0])):
        forced, skip = match[1], 1
    first = _first_content_line("\n".join(lines[skip:]))
    if first is None:
        raise MeasurementFileError(f"{source}: no header: the file is empty")
    header_line, header = first[0] + skip, first[1]
    delimiter = forced or _sniff(header)
    cells = next(csv.reader([header], delimiter=delimiter or ";"))
    names = [_column(cell) or f"column {k}" for k, cell in enumerate(cells, 1)]
    if delimiter is None or not set(_REQUIRED) <= set(names):
        raise MeasurementFileError(
            f"{source}:{header_line}: the header must name the columns indicator, value and "
            f"period (separated by ';', ',' or a tab), found {header!r}"
        )
    duplicated = sorted({name for name in names if names.count(name) > 1 and name})
    if duplicated:
        raise MeasurementFileError(
            f"{source}:{header_line}: the header names the column {duplicated[0]!r} twice"
        )
    rows: list[Row] = []
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    last = 0
    for cells in reader:
        line, last = last + 1, reader.line_num
        if line <= header_line or not any(cell.strip() for cell in cells):
            continue
        if _is_comment(cells[0]):
            continue
        extra = [cell for cell in cells[len(names) :] if cell.strip()]
        raw = tuple(zip(names, cells, strict=False)) + tuple(
            (f"extra {k}", cell) for k, cell in enumerate(extra, 1)
        )
        if extra:
            problems.append(
                Problem(
                    source,
                    line,
                    f"{len(names) + len(extra)} cells, but the header names {len(names)} columns",
                    raw,
                    cells[0].strip() or None,
                )
            )
            continue
        fields = dict(zip(names, cells, strict=False))
        _add(fields, raw, source, line, rows, problems)
    return delimiter, tuple(rows), tuple(problems)


def _add(
    fields: Mapping[str, object],
    raw: Raw,
    source: str,
    line: int,
    rows: list[Row],
    problems: list[Problem],
) -> None:
    """Turn one row's fields into a :class:`Row`, or a :class:`Problem` saying why not."""
    indicator = _text(fields.get("indicator"))
    try:
        measurement = _measurement(fields, indicator)
    except (MeasurementError, PeriodError) as error:
        problems.append(Problem(source, line, str(error), raw, indicator))
        return
    rows.append(Row(measurement, source, line, raw))


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
    if isinstance(value, str):
        value = parse_value(value) if value.strip() else None
    if value is None:
        raise MeasurementError("no value")
    period = _text(fields.get("period"))
    return Measurement(
        value=cast(Value, value),  # the readers let only values through
        period=None if period is None else parse_period(period),
        unit=_text(fields.get("unit")),
        indicator=indicator,
        note=_text(fields.get("note")),
    )


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


def _read_json_lines(text: str, source: str) -> tuple[tuple[Row, ...], tuple[Problem, ...]]:
    import json

    rows: list[Row] = []
    problems: list[Problem] = []
    for line, content in enumerate(text.splitlines(), 1):
        if not content.strip() or _is_comment(content):
            continue
        whole = (("line", content.strip()),)
        try:
            document = json.loads(content, parse_float=Decimal)
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
