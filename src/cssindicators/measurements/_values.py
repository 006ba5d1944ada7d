"""Measured values and how Belgian spreadsheets write them: numbers, booleans, answers.

:class:`Measurement` is one value over one period; :func:`parse_value` reads a value as
written in a cell; :class:`Numbers` finds the numbers of a file that read either way
(``1.100``: 1100, or 1.1?). A number is what the target grammar's ``NUMBER`` terminal
reads (``grammar/targets.lark``), or a number that writes both separators
(``1.234,5``): the pattern is read from the grammar on first use, so that the two
never differ.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import TypeAlias

import attrs

from cssindicators import _grammar
from cssindicators.errors import MeasurementError
from cssindicators.periods import Period, parse_period

__all__ = ["Measurement", "Numbers", "Value", "number_pattern", "parse_value"]

#: What a measurement may hold: a number, or a yes/no answer (``True``, ``"Oui"``…).
Value: TypeAlias = bool | int | float | Decimal | str

_VALUE_TYPES = (bool, int, float, Decimal, str)


def _to_value(value: Value | None) -> Value | None:
    """A numpy number or boolean (``np.int64(3)``) as the Python scalar it holds; any
    other value as it is (:func:`_check_value` says whether it may be held)."""
    if value is None or isinstance(value, _VALUE_TYPES):
        return value
    item = getattr(value, "item", None)
    if type(value).__module__ == "numpy" and callable(item):
        scalar = item()
        if isinstance(scalar, (bool, int, float)):
            return scalar
    return value


def _check_value(_: object, __: attrs.Attribute[Value | None], value: Value | None) -> None:
    if value is not None and not isinstance(value, _VALUE_TYPES):
        raise MeasurementError(
            f"Measurement.value must be a number, True/False, a text or None, got {value!r}"
        )


def _to_period(period: Period | str | None) -> Period | None:
    if period is None or isinstance(period, Period):
        return period
    if not isinstance(period, str):
        raise MeasurementError(
            f"Measurement.period must be a Period, an ISO 8601 text or None, got {period!r}"
        )
    return parse_period(period)


def _check_text(_: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not isinstance(value, str):
        raise MeasurementError(
            f"Measurement.{attribute.name} must be a text or None, got {value!r}"
        )


@attrs.frozen
class Measurement:
    """A value observed over a period.

    ``value`` is a number (``int``, ``float``, :class:`~decimal.Decimal`; a numpy
    number becomes the Python number it holds), a yes/no answer (``True``/``False``, or
    a text such as ``"Oui"`` for the target to read) or ``None``; whether it suits a
    target is checked when it is evaluated. ``period`` is a
    :class:`~cssindicators.periods.Period` or its ISO 8601 text (read with
    :func:`~cssindicators.periods.parse_period`, so a bad text raises
    :class:`~cssindicators.errors.PeriodError`); it may be omitted for a level target
    such as ``≥ 70 %``. ``unit`` is the unit the value is expressed in (``"minutes"``,
    ``"h"``, ``"%"``…), converted to the target's unit on evaluation; ``None`` means the
    target's own unit. ``indicator`` names the plan indicator the value belongs to, and
    ``note`` is free text carried along. A field of another type is a
    :class:`~cssindicators.errors.MeasurementError`.

    >>> Measurement(value="Oui")
    Measurement(value='Oui', period=None, unit=None, indicator=None, note=None)
    >>> Measurement(value=6, period="2023-01-01/2023-06-30", indicator="s2.g1.o1.gdp.op2.i1").period
    Period('2023-H1')
    >>> Measurement(value=[6])
    Traceback (most recent call last):
      ...
    cssindicators.errors.MeasurementError: Measurement.value must be a number, True/False, a text or None, got [6]
    >>> Measurement(value=6, unit=60)
    Traceback (most recent call last):
      ...
    cssindicators.errors.MeasurementError: Measurement.unit must be a text or None, got 60
    """

    value: Value | None = attrs.field(converter=_to_value, validator=_check_value)
    period: Period | None = attrs.field(default=None, converter=_to_period)
    unit: str | None = attrs.field(default=None, validator=_check_text)
    indicator: str | None = attrs.field(default=None, validator=_check_text)
    note: str | None = attrs.field(default=None, validator=_check_text)


# ---------------------------------------------------------------- numbers

#: ``NUMBER: /regex/flags`` on a line of its own: the grammar's number terminal.
_TERMINAL = r"^NUMBER(?:\.-?[0-9]+)?[ \t]*:[ \t]*/((?:\\.|[^\\/\n])+)/([a-z]*)[ \t]*$"
# Both separators at once can only mean one thing: 1.234,5 (Belgian) or 1,234.5.
_DOT_GROUPED = r"[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+"
_COMMA_GROUPED = r"[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]+"


def number_pattern(grammar: str) -> str:
    """The regular expression of the ``NUMBER`` terminal of ``grammar`` (Lark text).

    Lark escapes (``\\u00a0``, ``\\/``) are regular-expression escapes too: the text
    between the slashes is used as it is, with the terminal's flags, if any.

    >>> number_pattern('start: NUMBER\\nNUMBER: /[0-9]+(?:,[0-9]+)?/\\n')
    '[0-9]+(?:,[0-9]+)?'
    >>> number_pattern('NUMBER.2: /[0-9]+/i')
    '(?i:[0-9]+)'
    """
    match = re.search(_TERMINAL, grammar, re.MULTILINE)
    if match is None:  # pragma: no cover - the grammar shipped defines it so
        raise LookupError("the grammar defines no NUMBER terminal as one regular expression")
    pattern, flags = match.groups()
    return f"(?{flags}:{pattern})" if flags else pattern


@functools.cache
def _number() -> re.Pattern[str]:
    """A number as cells write it: the grammar's ``NUMBER``, or thousands grouped by
    dots (commas) before a decimal comma (point)."""
    grammar = number_pattern(_grammar.grammar_text())
    return re.compile(f"(?:{grammar})|(?P<dots>{_DOT_GROUPED})|(?P<commas>{_COMMA_GROUPED})")


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
    ambiguous instead (see :func:`~cssindicators.measurements.read_measurements`).
    """
    stripped = text.strip()
    answer = _BOOLEANS.get(stripped.casefold())
    if answer is not None:
        return answer
    sign, digits = ("-", stripped[1:].lstrip()) if stripped.startswith("-") else ("", stripped)
    match = _number().fullmatch(digits)
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


#: One separator followed by exactly three digits: ``1.100`` (1100, or 1.1?).
_AMBIGUOUS = re.compile(r"-?\s*[0-9]{1,3}([.,])[0-9]{3}")


def _decimal_mark(text: str) -> str | None:
    """The decimal mark a number cell shows beyond doubt (``","``, ``"."``), if any."""
    match = _number().fullmatch(text.strip().removeprefix("-").lstrip())
    if match is None or _AMBIGUOUS.fullmatch(text.strip()):
        return None
    if match["dots"]:
        return ","
    if match["commas"]:
        return "."
    return next((c for c in match[0] if c in ".,"), None)


class Numbers:
    """The decimal mark a file writes, seen in its unambiguous numbers, and the rows
    whose number reads as thousands with the other mark (``1.100`` where ``2,5`` is
    written elsewhere): those are ambiguous.

    >>> numbers = Numbers()
    >>> numbers.see("2,5", row=0, line=2)
    >>> numbers.see("1.100", row=1, line=3)
    >>> numbers.ambiguous()[1]
    "ambiguous number '1.100': this file writes decimal commas (line 2: '2,5'), so '1.100' may mean 1100 or 1,1; write it as one of these"
    """

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
