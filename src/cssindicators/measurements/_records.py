"""Measurements held in memory as a notebook holds them: records, columns, data frames.

A record is a mapping of column names to values (``{"indicateur": "…", "valeur": 2.5}``);
columns are a mapping of column names to sequences of equal length; a pandas
``DataFrame`` is columns. Names are read as a file's header is (French, Dutch, any case:
:data:`~cssindicators.measurements.COLUMNS`), and each record becomes a row or a
problem as a file's line does, numbered from 1.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from cssindicators.errors import MeasurementFileError
from cssindicators.measurements._rows import COLUMNS, Problem, Row, add, column, raw_text, settle
from cssindicators.measurements._values import Numbers

__all__ = ["is_frame", "read_columns", "read_records"]

#: The columns in-memory data must name; a missing period is the reporting period's.
_REQUIRED = ("indicator", "value")


def is_frame(data: object) -> bool:
    """Whether ``data`` is a pandas ``DataFrame`` (told without importing pandas).

    >>> is_frame({"value": [1]})
    False
    """
    return any(
        kind.__name__ == "DataFrame" and kind.__module__.startswith("pandas")
        for kind in type(data).__mro__
    )


def _missing(value: object) -> bool:
    """Whether a cell of a frame holds nothing: ``None``, NaN, ``pandas.NA`` or ``NaT``."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    kind = type(value)
    return kind.__name__ in {"NAType", "NaTType"} and kind.__module__.startswith("pandas")


def _cell(name: str, value: object) -> object:
    """A cell as the readers take it: nothing as ``None``, a numpy scalar as the Python
    one; a date or a pandas ``Period`` stays as it is, for the period reader
    (:func:`~cssindicators.periods.as_period`)."""
    if _missing(value):
        return None
    item = getattr(value, "item", None)
    if type(value).__module__ == "numpy" and callable(item):
        return item()
    return value


def _names(names: Iterable[object], source: str) -> dict[object, str]:
    """The canonical name of each column; raises when a required one is missing."""
    canonical = {name: column(str(name)) for name in names}
    seen: dict[str, object] = {}
    for name, known in canonical.items():
        if known in COLUMNS and known in seen:
            raise MeasurementFileError(
                f"{source}: the columns {str(seen[known])!r} and {str(name)!r} both name "
                f"the {known}"
            )
        seen[known] = name
    missing = [name for name in _REQUIRED if name not in canonical.values()]
    if missing:
        found = ", ".join(repr(str(n)) for n in canonical) or "none"
        raise MeasurementFileError(
            f"{source}: no {' and no '.join(missing)} column (named as in a file: "
            f"{', '.join(COLUMNS['indicator'][:2])}…; {', '.join(COLUMNS['value'])}); "
            f"the columns are {found}"
        )
    return canonical


def read_records(
    records: Iterable[tuple[int, Mapping[Any, object]]], source: str, decimal: str | None
) -> tuple[tuple[Row, ...], tuple[Problem, ...], tuple[str, ...]]:
    """The rows, problems and notes of ``records``, each with the line it is numbered as.

    Numbers written as texts are read as a file's are: the records together settle
    their decimal mark (``decimal`` chooses it), and the notes say how.

    >>> rows, problems, notes = read_records(enumerate([
    ...     {"Indicateur": "x", "Valeur": 2.5, "Période": "T1 2023"},
    ...     {"indicator": "x"},
    ...     {"indicator": "x", "value": "1.250"}], 1), "<records>", None)
    >>> [row.measurement.value for row in rows], [str(p) for p in problems]
    ([2.5, 1250], ['<records>:2: no value'])
    >>> print(notes[0][:81])
    <records>: 1 value read with decimal commas, dots grouping thousands (the Belgian
    """
    rows: list[Row] = []
    problems: list[Problem] = []
    numbers = Numbers(decimal, source)
    for line, record in records:
        fields = {column(str(name)): _cell(column(str(name)), v) for name, v in record.items()}
        raw = tuple((name, raw_text(v)) for name, v in fields.items())
        add(fields, raw, source, line, rows, problems, numbers=numbers)
    found, wrong, settled = settle(numbers, rows, problems)
    return found, wrong, settled.notes


def read_columns(
    columns: Mapping[Any, Any], source: str, decimal: str | None
) -> tuple[tuple[Row, ...], tuple[Problem, ...], tuple[str, ...]]:
    """The rows, problems and notes of ``columns`` (a mapping, or a pandas ``DataFrame``),
    read as :func:`read_records` reads records.

    Raises :class:`~cssindicators.errors.MeasurementFileError` when no column names the
    indicator or the value, or when columns differ in length.

    >>> rows, problems, _ = read_columns({"indicator": ["x", "x"], "waarde": [3, None]}, "<columns>", None)
    >>> [r.measurement.value for r in rows], [p.reason for p in problems]
    ([3], ['no value'])
    >>> read_columns({"indicator": ["x"], "value": [1, 2]}, "<columns>", None)
    Traceback (most recent call last):
      ...
    cssindicators.errors.MeasurementFileError: <columns>: the columns differ in length: 'indicator' has 1 values, 'value' has 2
    """
    names = _names(list(columns.keys()), source)
    if is_frame(columns):
        data: dict[object, Sequence[object]] = {name: columns[name].tolist() for name in names}
    else:
        data = {name: _sequence(columns[name], name, source) for name in names}
    lengths = {name: len(values) for name, values in data.items()}
    if len(set(lengths.values())) > 1:
        (first, size), *rest = lengths.items()
        other, other_size = next((n, s) for n, s in rest if s != size)
        raise MeasurementFileError(
            f"{source}: the columns differ in length: {str(first)!r} has {size} values, "
            f"{str(other)!r} has {other_size}"
        )
    return read_records(enumerate(_records(data), 1), source, decimal)


def _sequence(values: object, name: object, source: str) -> Sequence[object]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise MeasurementFileError(
            f"{source}: column {str(name)!r} must be a sequence of values, got "
            f"{type(values).__name__}"
        )
    tolist = getattr(values, "tolist", None)  # a numpy array or a pandas Series
    if callable(tolist):
        listed = tolist()
        if isinstance(listed, list):
            return listed
    return list(values)


def _records(data: Mapping[object, Sequence[object]]) -> Iterator[dict[object, object]]:
    names = list(data)
    for values in zip(*(data[n] for n in names), strict=True):
        yield dict(zip(names, values, strict=True))
