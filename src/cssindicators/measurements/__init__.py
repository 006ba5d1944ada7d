r"""Measurements: values observed over a period, for one indicator, and the files holding them.

A :class:`Measurement` is one value over one period:

>>> m = Measurement(value=1100, period="2023", unit="heures")
>>> m.period, m.value, m.unit
(Period('2023'), 1100, 'heures')

A measurement file is CSV with a header naming the columns ``indicator`` (an id of the
plan), ``value``, ``period`` (ISO 8601, see :mod:`cssindicators.periods`) and,
optionally, ``unit``, ``note`` and ``baseline`` (the indicator's value over the baseline
period, for targets of a change against it); French and Dutch names (``indicateur``,
``valeur``, ``période``, ``unité``, ``remarque``, ``référence``; ``waarde``,
``periode``, ``eenheid``, ``opmerking``, ``nulmeting``) are read too (:data:`COLUMNS`). Files exported by a spreadsheet are read
as they come: ``;``, ``,`` or tab separators (sniffed from the header, or named by an
Excel ``sep=;`` first line), numbers the Belgian way (``2,5``; ``1.250`` is 1250) unless
the file shows decimal points (``3.75``; or as ``decimal=`` chooses), a UTF-8 byte-order
mark (or Windows-1252 text), ``Oui``/``Non`` values, blank lines. Lines starting with
``#`` are comments. JSON lines (one object a line, with the same keys) are read too, and
workbooks (``.xlsx``, ``.ods``; the ``excel`` extra): the first sheet holding the header,
or the one named by ``sheet=``, its cells typed (a number cell is never ambiguous, a date
shown as a month is that month), its problems naming their cell (``Mesures!C14``).
:func:`read_measurements` reads a file, :func:`parse_measurements` text already in
memory.

A row that cannot be used never stops the reading: it becomes a :class:`Problem` with
its file, line, raw values and reason.

>>> data = parse_measurements(
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

from cssindicators.errors import MeasurementFileError
from cssindicators.measurements._file import MeasurementFile, parse_measurements, read_measurements
from cssindicators.measurements._rows import COLUMNS, Problem, Row
from cssindicators.measurements._values import Measurement, Value, parse_value

__all__ = [
    "COLUMNS",
    "Measurement",
    "MeasurementFile",
    "MeasurementFileError",
    "Problem",
    "Row",
    "Value",
    "parse_measurements",
    "parse_value",
    "read_measurements",
]
