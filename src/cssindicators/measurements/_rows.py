"""Rows of a measurement file: the columns, a row's raw cells, and the measurement or
problem each row becomes.

Both readers (CSV and JSON lines) hand each row's fields to :func:`add`, which turns
them into a :class:`Row` or a :class:`Problem` saying why not; once all are read,
:func:`settle` reads again, or reports, the values and baselines whose reading depends
on the file's decimal mark.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TypeAlias, cast

import attrs

from cssindicators.errors import MeasurementError, PeriodError, _quoted, _shown
from cssindicators.measurements._values import Measurement, Numbers, Settled, Value
from cssindicators.periods import as_period, parse_period

__all__ = [
    "COLUMNS", "REQUIRED", "Problem", "Raw", "Row", "add", "cell_name", "column", "raw_text",
    "settle",
]  # fmt: skip

#: The columns of a measurement file, and the header names each may be written as.
COLUMNS: Mapping[str, tuple[str, ...]] = {
    "indicator": ("indicator", "indicateur", "indicator_id", "id"),
    "value": ("value", "valeur", "waarde"),
    "period": ("period", "période", "periode", "période (iso 8601)"),
    "unit": ("unit", "unité", "unite", "eenheid"),
    "note": ("note", "remarque", "commentaire", "opmerking", "notes"),
    # Not "référence" or "basis" alone: files use those for a reference code.
    "baseline": (
        "baseline",
        "valeur de référence",
        "valeur de reference",
        "valeur de base",
        "referentiewaarde",
        "basiswaarde",
        "nulmeting",
        "baseline value",
    ),
}
#: The columns a header must name.
REQUIRED = ("indicator", "value", "period")
_ALIASES = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}


def column(name: str) -> str:
    """The canonical name of a header cell (an unknown name is kept as written).

    >>> column(" Période "), column("\\ufeffindicateur"), column("commune")
    ('period', 'indicator', 'commune')
    """
    cleaned = name.strip().strip("\ufeff").strip()
    return _ALIASES.get(cleaned.casefold(), cleaned)


#: Raw values of a row as read: ``(column, text)`` pairs, in the order of the file.
Raw: TypeAlias = tuple[tuple[str, str], ...]


def _raw(values: Mapping[str, str] | Raw) -> Raw:
    pairs = values.items() if isinstance(values, Mapping) else values
    return tuple((str(name), str(text)) for name, text in pairs)


def _items(raw: Raw, skip_blank: bool) -> tuple[str, ...]:
    return tuple(f"{name}={text!r}" for name, text in raw if not skip_blank or text.strip())


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

    def raw_items(self, *, skip_blank: bool = False) -> tuple[str, ...]:
        """The raw values as ``column='text'`` items, the way every report shows them:
        the text as read, quoted, so that a space or a line break in it shows.
        ``skip_blank`` leaves out the cells that are empty or only spaces.

        >>> p = Problem("m.csv", 3, "no value", raw={"indicator": "x", "value": " ", "note": "n"})
        >>> p.raw_items()
        ("indicator='x'", "value=' '", "note='n'")
        >>> p.raw_items(skip_blank=True)
        ("indicator='x'", "note='n'")
        """
        return _items(self.raw, skip_blank)

    @property
    def raw_text(self) -> str:
        """The raw values on one line: ``column='text'; …``.

        >>> Problem("m.csv", 3, "no value", raw=(("value", ""),)).raw_text
        "value=''"
        """
        return "; ".join(self.raw_items())

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def raw_text(value: object) -> str:
    """A cell as a problem shows it: its text (an integer too long to print, and any
    value whose text is refused, described instead)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 640:
        return _shown(value)
    try:
        return str(value)
    except ValueError:  # a value whose text is refused (a huge number inside it)
        return _shown(value)


def _raw_of(measurement: Measurement) -> Raw:
    fields = {
        "indicator": measurement.indicator,
        "value": measurement.value,
        "period": measurement.period,
        "unit": measurement.unit,
        "note": measurement.note,
        "baseline": measurement.baseline,
    }
    return tuple((name, raw_text(value)) for name, value in fields.items() if value is not None)


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
    #: The sheet of a workbook the row was read from (``line`` is its row there).
    sheet: str | None = None

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

    def raw_items(self, *, skip_blank: bool = False) -> tuple[str, ...]:
        """The raw values as ``column='text'`` items, as for :meth:`Problem.raw_items`.

        >>> Row(Measurement(value=1), raw={"value": "1", "note": ""}).raw_items(skip_blank=True)
        ("value='1'",)
        """
        return _items(self.raw, skip_blank)

    @property
    def raw_text(self) -> str:
        """The raw values on one line: ``column='text'; …``.

        >>> Row.of(Measurement(value=1)).raw_text
        "value='1'"
        """
        return "; ".join(self.raw_items())

    def problem(self, reason: str) -> Problem:
        """This row as a :class:`Problem` with ``reason``.

        >>> Row.of(Measurement(value=1), line=9).problem("bad").line
        9
        """
        if self.sheet is not None:  # where in the workbook: the sheet and the row
            reason = f"{cell_name(self.sheet, self.line)}: {reason}"
        return Problem(self.source, self.line, reason, self.raw, self.indicator)


def cell_name(sheet: str, row: int, col: int | None = None) -> str:
    """A cell (``row`` and ``col`` 1-based) or a whole row as a spreadsheet names it,
    the sheet's name quoted when it needs to be.

    >>> cell_name("Mesures", 14, 3), cell_name("Mes mesures", 2, 28), cell_name("Mesures", 7)
    ('Mesures!C14', "'Mes mesures'!AB2", 'Mesures!7:7')
    """
    name = sheet if re.fullmatch(r"[^\W\d]\w*", sheet) else "'" + sheet.replace("'", "''") + "'"
    if col is None:
        return f"{name}!{row}:{row}"
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{name}!{letters}{row}"


# ---------------------------------------------------------------- fields to rows


def add(
    fields: Mapping[str, object],
    raw: Raw,
    source: str,
    line: int,
    rows: list[Row],
    problems: list[Problem],
    *,
    numbers: Numbers | None = None,
    sheet: str | None = None,
) -> bool:
    """Turn one row's fields into a :class:`Row`, or a :class:`Problem` saying why not;
    whether it became a row (``sheet``: the workbook sheet it comes from).

    ``numbers`` reads the value and baseline cells of the whole file, so that
    :func:`settle` can settle its convention once all are read; without it, a value
    reads on its own, as :func:`~cssindicators.measurements.parse_value` reads it. A
    baseline must be a number (a blank cell is no baseline); a cell that is not one
    makes the row a problem saying so.

    >>> rows, problems, numbers = [], [], Numbers(None, "m.csv")
    >>> add({"indicator": "x", "value": "75 %"}, (), "m.csv", 2, rows, problems, numbers=numbers)
    True
    >>> add({"indicator": "x", "value": ""}, (), "m.csv", 3, rows, problems, numbers=numbers)
    False
    >>> rows[0].measurement.value, rows[0].measurement.unit, str(problems[0])
    (75, '%', 'm.csv:3: no value')
    >>> add({"indicator": "x", "value": "1.350", "baseline": "1.500"}, (), "m.csv", 4, rows, problems, numbers=numbers)
    True
    >>> add({"indicator": "x", "value": "3", "baseline": "Oui"}, (), "m.csv", 5, rows, problems, numbers=numbers)
    False
    >>> rows[1].measurement.baseline, str(problems[1])
    (1500, "m.csv:5: baseline: 'Oui' is not a number (the indicator's value over the baseline period, such as 1.500 or 2,5)")
    """
    if numbers is None:
        numbers = Numbers(None, source)
    indicator = _text(fields.get("indicator"))
    try:
        measurement = _measurement(fields, indicator, numbers, line)
    except (MeasurementError, PeriodError) as error:
        numbers.discard(line)
        problems.append(Problem(source, line, str(error), raw, indicator))
        return False
    rows.append(Row(measurement, source, line, raw, sheet))
    return True


def settle(
    numbers: Numbers, rows: list[Row], problems: list[Problem]
) -> tuple[tuple[Row, ...], tuple[Problem, ...], Settled]:
    """The rows and problems of a file once its convention is settled: values and
    baselines read again by it, rows with an ambiguous one as problems (in line order),
    and how it settled.

    >>> numbers = Numbers(None, "m.csv")
    >>> rows, problems = [], []
    >>> for line, value in enumerate(["2,5", "1.250", "3.75"], 2):
    ...     _ = add({"indicator": "x", "value": value}, (), "m.csv", line, rows, problems, numbers=numbers)
    >>> rows, problems, settled = settle(numbers, rows, problems)
    >>> [row.line for row in rows], [p.reason[:24] for p in problems], settled.decimal
    ([2, 4], ["ambiguous number '1.250'"], None)
    """
    settled = numbers.settle()
    if settled.values or settled.baselines:
        rows = [_read_again(row, settled) for row in rows]
    if settled.ambiguous:
        problems = problems + [
            row.problem(settled.ambiguous[row.line])
            for row in rows
            if row.line in settled.ambiguous
        ]
        rows = [row for row in rows if row.line not in settled.ambiguous]
        problems.sort(key=lambda p: p.line)
    return tuple(rows), tuple(problems), settled


def _read_again(row: Row, settled: Settled) -> Row:
    """``row`` with its value and baseline as the settled convention reads them."""
    line, measurement = row.line, row.measurement
    if line not in settled.values and line not in settled.baselines:
        return row
    measurement = attrs.evolve(
        measurement,
        value=settled.values.get(line, measurement.value),
        baseline=settled.baselines.get(line, measurement.baseline),
    )
    return attrs.evolve(row, measurement=measurement)


def _text(value: object) -> str | None:
    """A cell as text, stripped; ``None`` when empty."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _measurement(
    fields: Mapping[str, object], indicator: str | None, numbers: Numbers, line: int
) -> Measurement:
    """The measurement of one row's fields; raises for what is missing or unreadable.

    Values are checked against a target only when scored: here a value is any number
    or text, a unit any text.
    """
    if indicator is None:
        raise MeasurementError("no indicator id")
    value = fields.get("value")
    unit = _text(fields.get("unit"))
    if isinstance(value, str):
        if value.strip().endswith("%"):
            value, unit = _percent(value, unit, numbers, line)
        else:
            value = numbers.value(value, line=line) if value.strip() else None
    if value is None:
        raise MeasurementError("no value")
    given = fields.get("period")
    period = as_period(given) if given is not None and not isinstance(given, str) else None
    text = _text(given) if isinstance(given, str) else None
    return Measurement(
        value=cast(Value, value),  # the readers let only values through
        period=period if text is None else parse_period(text),
        unit=unit,
        indicator=indicator,
        note=_text(fields.get("note")),
        baseline=_baseline(fields.get("baseline"), unit, numbers, line),
    )


#: What a baseline is, for the messages of a cell that is not one.
_BASELINE = "the indicator's value over the baseline period, such as 1.500 or 2,5"


def _baseline(
    given: object, unit: str | None, numbers: Numbers, line: int
) -> int | float | Decimal | None:
    """The baseline of a row: a number, or ``None`` for a blank cell; raises, naming the
    column, for a cell that is not a number.

    A text is read as a value cell is (``1.500``, ``2,5``, by the file's decimal mark);
    a percent sign (``75 %``) is allowed when the row's value is in ``%``, as the
    baseline is in the value's unit.
    """
    if given is None:
        return None
    if not isinstance(given, str):
        if isinstance(given, bool) or not isinstance(given, (int, float, Decimal)):
            raise MeasurementError(f"baseline: must be a number ({_BASELINE}), got {_shown(given)}")
        return given
    text = given.strip()
    if not text:
        return None
    percent = text.endswith("%")
    number = numbers.value(
        text.removesuffix("%") if percent else text, line=line, column="baseline"
    )
    if isinstance(number, bool) or not isinstance(number, (int, Decimal)):
        raise MeasurementError(f"baseline: {_quoted(text)} is not a number ({_BASELINE})")
    if percent and unit != "%":
        unit_is = "the value has no unit" if unit is None else f"the unit is {unit!r}"
        raise MeasurementError(
            f"baseline: {_quoted(text)} is a percentage, but {unit_is}: a baseline is in "
            "the unit of the value"
        )
    return number


def _percent(text: str, unit: str | None, numbers: Numbers, line: int) -> tuple[Value, str | None]:
    """A value written with a percent sign (``75 %``): the number, in unit ``%``.

    A percent sign is a unit: the row is then evaluated as any row in ``%`` (against a
    target in ``%``; against another target it is invalid). It contradicts any unit
    other than ``%`` in the unit column.
    """
    number = numbers.value(text.strip().removesuffix("%"), line=line)
    if isinstance(number, bool) or not isinstance(number, (int, Decimal)):
        return text.strip(), unit
    if unit is not None and unit.strip() != "%":
        # Units are read by targets, which builds on this package: with a percent sign in
        # the value, the unit column may only repeat "%".
        raise MeasurementError(
            f"the value {text.strip()!r} is a percentage, but the unit says {unit!r}"
        )
    return number, "%"
