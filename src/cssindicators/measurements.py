"""Measurements: values observed over a period, for one indicator.

>>> m = Measurement(value=1100, period="2023", unit="heures")
>>> m.period, m.value, m.unit
(Period('2023'), 1100, 'heures')
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TypeAlias

import attrs

from cssindicators.periods import Period, parse_period

__all__ = ["Measurement", "Value", "parse_value"]

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


_NUMBER = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?|[0-9]+(?:[.,][0-9]+)?")


def parse_value(text: str) -> Value:
    """Read a value as written in a spreadsheet cell or on the command line.

    A number (decimal comma or point, thousands separated by spaces) becomes an ``int``
    or a :class:`~decimal.Decimal`; a minus sign is kept, so that evaluation can report
    the negative value; any other text (``Oui``, ``Non``…) is returned stripped, for a
    yes/no target to read.

    >>> parse_value("1 100"), parse_value("2,5"), parse_value("-3"), parse_value(" Oui ")
    (1100, Decimal('2.5'), -3, 'Oui')
    """
    stripped = text.strip()
    sign, digits = ("-", stripped[1:].lstrip()) if stripped.startswith("-") else ("", stripped)
    if _NUMBER.fullmatch(digits):
        plain = sign + re.sub(r"\s", "", digits).replace(",", ".")
        return Decimal(plain) if "." in plain else int(plain)
    return stripped
