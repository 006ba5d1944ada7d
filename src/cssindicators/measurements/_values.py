"""Measured values and how Belgian spreadsheets write them: numbers, booleans, answers.

:class:`Measurement` is one value over one period; :func:`parse_value` reads a value as
written in a cell; :class:`Numbers` reads the number cells of a file (values and
baselines) and settles the file's convention (decimal commas or points) from those that
show it. A number is what the target grammar's ``NUMBER`` terminal reads
(``grammar/targets.lark``: the Belgian way), or that terminal with dots and commas
swapped (the other way): the pattern is read from the grammar on first use, so that
targets and cells never differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TypeAlias, cast

import attrs

from cssindicators import _numbers
from cssindicators.errors import MeasurementError, PeriodError, _quoted, _shown
from cssindicators.periods import Period, as_period, parse_period

__all__ = ["Measurement", "Numbers", "Settled", "Value", "parse_value"]

#: What a measurement may hold: a number, or a yes/no answer (``True``, ``"Oui"``…).
Value: TypeAlias = bool | int | float | Decimal | str

_VALUE_TYPES = (bool, int, float, Decimal, str)


def _to_value(value: Value | None) -> Value | None:
    """A numpy number or boolean (``np.int64(3)``) as the Python scalar it holds; any
    other value as it is (:func:`_check_value` says whether it may be held)."""
    if value is None or type(value) in _VALUE_TYPES:
        return value
    item = getattr(value, "item", None)
    if type(value).__module__ == "numpy" and callable(item):  # told without numpy
        scalar = item()
        if isinstance(scalar, _VALUE_TYPES):
            return scalar
    return value


def _check_value(_: object, __: attrs.Attribute[Value | None], value: Value | None) -> None:
    if value is not None and not isinstance(value, _VALUE_TYPES):
        raise MeasurementError(
            f"Measurement.value must be a number, True/False, a text or None, got {_shown(value)}"
        )


_NUMBER_TYPES = (int, float, Decimal)


def _check_baseline(_: object, __: attrs.Attribute[Value | None], value: Value | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, _NUMBER_TYPES)):
        raise MeasurementError(
            f"Measurement.baseline must be a number or None, got {_shown(value)}"
        )


def _to_period(period: object) -> Period | None:
    if period is None or isinstance(period, Period):
        return period
    if isinstance(period, str):
        return parse_period(period)
    try:
        return as_period(period)  # a date, a pandas Period, a year
    except PeriodError:
        raise MeasurementError(
            "Measurement.period must be a Period, a period's text (2023, T1 2023, "
            f"15/03/2023…), a date, a year or None, got {_shown(period)}"
        ) from None


def _check_text(_: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not isinstance(value, str):
        raise MeasurementError(
            f"Measurement.{attribute.name} must be a text or None, got {_shown(value)}"
        )


@attrs.frozen
class Measurement:
    """A value observed over a period.

    ``value`` is a number (``int``, ``float``, :class:`~decimal.Decimal`; a numpy
    number becomes the Python number it holds), a yes/no answer (``True``/``False``, or
    a text such as ``"Oui"`` for the target to read) or ``None``; whether it suits a
    target is checked when it is evaluated. ``period`` is a
    :class:`~cssindicators.periods.Period`, its text in ISO 8601 or as Belgian exports
    write it (read with :func:`~cssindicators.periods.parse_period`, so a bad text
    raises :class:`~cssindicators.errors.PeriodError`), a date, a pandas ``Period`` or a
    year (see :func:`~cssindicators.periods.as_period`); it may be omitted (a
    scorecard then reads it as its reporting period, and says so). ``unit`` is the unit the value is expressed in (``"minutes"``,
    ``"h"``, ``"%"``…), converted to the target's unit on evaluation; ``None`` means the
    target's own unit. ``indicator`` names the plan indicator the value belongs to, and
    ``note`` is free text carried along. ``baseline`` is the indicator's value over the
    baseline period, in the same unit as ``value``, for the targets that ask for a change
    against it (``diminution de 10 % par rapport à 2022``): a number (``int``,
    ``float``, :class:`~decimal.Decimal`; a numpy number becomes the Python number it
    holds) or ``None``, never a yes/no answer. A field of another type is a
    :class:`~cssindicators.errors.MeasurementError`.

    >>> Measurement(value="Oui")
    Measurement(value='Oui', period=None, unit=None, indicator=None, note=None, baseline=None)
    >>> Measurement(value=1350, period="2023", indicator="s2.og1.os1.gdp.oo1.i1", baseline=1500)
    Measurement(value=1350, period=Period('2023'), unit=None, indicator='s2.og1.os1.gdp.oo1.i1', note=None, baseline=1500)
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
    >>> Measurement(value=6, baseline="1.500")
    Traceback (most recent call last):
      ...
    cssindicators.errors.MeasurementError: Measurement.baseline must be a number or None, got '1.500'
    """

    value: Value | None = attrs.field(converter=_to_value, validator=_check_value)
    period: Period | None = attrs.field(default=None, converter=_to_period)
    unit: str | None = attrs.field(default=None, validator=_check_text)
    indicator: str | None = attrs.field(default=None, validator=_check_text)
    note: str | None = attrs.field(default=None, validator=_check_text)
    baseline: Value | None = attrs.field(
        default=None, converter=_to_value, validator=_check_baseline
    )


# ---------------------------------------------------------------- numbers

#: The booleans of spreadsheets (French, Dutch and English Excel), in any case.
_BOOLEANS = {"vrai": True, "faux": False, "waar": True, "onwaar": False}
_BOOLEANS |= {"true": True, "false": False}


def _split(text: str) -> tuple[str, str, str]:
    """A cell stripped, its sign (``"-"`` or ``""``) and its unsigned rest."""
    stripped = text.strip()
    if stripped.startswith("-"):
        return stripped, "-", stripped[1:].lstrip()
    return stripped, "", stripped


def parse_value(text: str, *, decimal: str | None = None) -> Value:
    """Read a value as written in a spreadsheet cell or on the command line.

    A number becomes an ``int`` or a :class:`~decimal.Decimal`; a minus sign is kept,
    so that evaluation can report the negative value; a spreadsheet's boolean
    (``VRAI``/``FAUX``, ``WAAR``/``ONWAAR``, ``TRUE``/``FALSE``) becomes ``True`` or
    ``False``; any other text (``Oui``, ``Non``…) is returned stripped, for a yes/no
    target to read.

    Numbers are read the Belgian way, as targets are: a dot or a space before groups of
    exactly three digits groups thousands, a comma is the decimal mark, and a dot
    anywhere else is a decimal point.

    >>> parse_value("1.250"), parse_value("1,250"), parse_value("2,5"), parse_value("3.75")
    (1250, Decimal('1.250'), Decimal('2.5'), Decimal('3.75'))
    >>> parse_value("1 100"), parse_value("1.250.000"), parse_value("-3"), parse_value(" Oui ")
    (1100, 1250000, -3, 'Oui')
    >>> parse_value("1.234,5"), parse_value("1,234.5"), parse_value("VRAI"), parse_value("faux")
    (Decimal('1234.5'), Decimal('1234.5'), True, False)

    ``decimal`` chooses how a number that reads either way is read: one to three digits
    (not a lone ``0``), one dot or comma, exactly three digits. ``None`` and ``","`` read
    it the Belgian way (``1.250`` is 1250, ``1,250`` is 1,25), ``"."`` the other way
    (``1.250`` is 1,25, ``1,250`` is 1250). Any other number reads the same whatever
    ``decimal`` is (``2,5``, ``3.75``, ``1.250.000``), except one that only the other
    convention writes, which is not a number then and stays a text, for evaluation to
    report:

    >>> parse_value("1.250", decimal="."), parse_value("1,250", decimal=".")
    (Decimal('1.250'), 1250)
    >>> parse_value("1.250.000", decimal="."), parse_value("1,234.5", decimal=",")
    ('1.250.000', '1,234.5')

    A file settles its convention from all its values, and says so in its notes (see
    :func:`~cssindicators.measurements.read_measurements`). Any ``decimal`` other than
    ``","``, ``"."`` or ``None`` is a :class:`~cssindicators.errors.ConfigurationError`.
    """
    try:
        return Numbers(decimal, "<value>").value(text, line=0)
    except MeasurementError:  # written in the other convention than the one chosen
        return text.strip()


@attrs.frozen
class Settled:
    """How a file's numbers were read, once all are: the decimal mark (``","``, ``"."``,
    or ``None`` when the file shows both), the values to read again by it (line ->
    value), the lines whose value or baseline is ambiguous (line -> why), the notes to
    give, and the baselines to read again (line -> baseline)."""

    decimal: str | None
    values: Mapping[int, Value] = attrs.field(factory=dict)
    ambiguous: Mapping[int, str] = attrs.field(factory=dict)
    notes: tuple[str, ...] = ()
    baselines: Mapping[int, Value] = attrs.field(factory=dict)


class Numbers:
    """How the number cells of one file read (its values, and its baselines): each as it
    is read (:meth:`value`), and the convention of the whole file once all are
    (:meth:`settle`).

    ``decimal`` is the caller's choice (``","``, ``"."``), or ``None``: then the cells
    that show a convention settle it (a decimal comma or dots grouping thousands:
    ``","``; a decimal point or commas grouping thousands: ``"."``); when none does, the
    Belgian reading holds. The cells whose reading depended on it are named in a note;
    when the file shows both conventions, each is ambiguous instead: a problem.

    >>> numbers = Numbers(None, "m.csv")
    >>> numbers.value("3.75", line=2), numbers.value("1.250", line=3)
    (Decimal('3.75'), 1250)
    >>> settled = numbers.settle()
    >>> settled.decimal, dict(settled.values)
    ('.', {3: Decimal('1.250')})
    >>> print(settled.notes[0])
    m.csv: 1 value read with decimal points, commas grouping thousands, as line 2's value '3.75' shows: '1.250' (line 3) is 1.25; if it groups thousands, read the file with decimal=',' (--decimal , on the command line)

    A baseline cell settles the convention with the value cells, and is settled by it:

    >>> numbers = Numbers(None, "m.csv")
    >>> numbers.value("1.250", line=2), numbers.value("2,5", line=2, column="baseline")
    (1250, Decimal('2.5'))
    >>> settled = numbers.settle()
    >>> settled.decimal, dict(settled.values), dict(settled.baselines)
    (',', {}, {})
    >>> print(settled.notes[0])
    m.csv: 1 value read with decimal commas, dots grouping thousands (the Belgian way), as line 2's baseline '2,5' shows: '1.250' (line 2) is 1250; if it is a decimal, read the file with decimal='.' (--decimal . on the command line)
    """

    def __init__(self, decimal: str | None, source: str) -> None:
        self.decimal = _numbers.check_decimal(decimal)
        self.source = source
        #: The first cell showing each convention: mark -> (line, cell, column).
        self.shown: dict[str, tuple[int, str, str]] = {}
        #: The cells whose reading depends on the convention: (line, column) -> (cell,
        #: sign, unsigned number).
        self.ambiguous: dict[tuple[int, str], tuple[str, str, str]] = {}

    def value(self, text: str, *, line: int, column: str = "value") -> Value:
        """The value of the cell ``text`` of ``line``, read as :func:`parse_value` reads
        it with the file's ``decimal``; what it shows of the convention is noted.
        ``column`` is ``"value"`` or ``"baseline"``: the column the cell is in, which
        messages name and :meth:`settle` reads again.

        Raises :class:`~cssindicators.errors.MeasurementError` for a number that only
        the other convention than the chosen ``decimal`` writes.
        """
        stripped, sign, rest = _split(text)
        answer = _BOOLEANS.get(stripped.casefold())
        if answer is not None:
            return answer
        plain, shows = _numbers.read(rest, self.decimal)
        if shows == _numbers.AMBIGUOUS:
            self.ambiguous[line, column] = (stripped, sign, rest)
        elif shows is not None:
            if shows not in self.shown:
                self.shown[shows] = (line, stripped, column)
            if plain is None:
                raise MeasurementError(self._contradiction(stripped, shows, column))
        return stripped if plain is None else _numbers.number(sign + plain)

    def discard(self, line: int) -> None:
        """Forget the ambiguity of the cells of ``line``: its row is a problem anyway."""
        for key in [key for key in self.ambiguous if key[0] == line]:
            del self.ambiguous[key]

    def settle(self) -> Settled:
        """The convention of the file, once every cell is read (see :class:`Settled`)."""
        if self.decimal is not None:
            return Settled(self.decimal)
        if len(self.shown) > 1:
            reasons: dict[int, str] = {}
            for (line, column), (cell, _, _) in self.ambiguous.items():
                reasons.setdefault(line, _in(column, self._ambiguous(cell)))
            return Settled(None, ambiguous=reasons)
        decimal = next(iter(self.shown), ",")
        if not self.ambiguous:
            return Settled(decimal)
        values: dict[int, Value] = {}
        baselines: dict[int, Value] = {}
        if decimal == ".":
            for (line, column), (_, sign, rest) in self.ambiguous.items():
                number = _numbers.number(sign + cast(str, _numbers.read(rest, ".")[0]))
                (values if column == "value" else baselines)[line] = number
        return Settled(decimal, values, notes=(self._note(decimal),), baselines=baselines)

    def _note(self, decimal: str) -> str:
        (line, column), (cell, sign, rest) = next(iter(self.ambiguous.items()))
        count = len(self.ambiguous)
        if decimal in self.shown:
            shown_line, shown, shown_column = self.shown[decimal]
            why = f"as line {shown_line}'s {shown_column} {_quoted(shown)} shows"
        else:
            why = "as no value of the file shows its decimal mark (such as 2,5 or 3.75)"
        plain = cast(str, _numbers.read(rest, decimal)[0])
        other = "." if decimal == "," else ","
        # The cell's one mark groups thousands in this convention, or is its decimal mark.
        grouped = ("." if "." in rest else ",") != decimal
        if count > 1:
            marks = {"." if "." in r else "," for c, _, r in self.ambiguous.values()}
            if len(marks) > 1:
                doubt = "if they are meant the other way"
            else:
                doubt = "if they are decimals" if grouped else "if they group thousands"
        else:
            doubt = "if it is a decimal" if grouped else "if it groups thousands"
        return (
            f"{self.source}: {count} value{'s' if count > 1 else ''} read with "
            f"{_numbers.convention(decimal)}{' (the Belgian way)' if decimal == ',' else ''}, "
            f"{why}: {_quoted(cell)} ({_place(line, column)}) is "
            f"{_as_written(sign + plain, decimal)}; {doubt}, "
            f"read the file with decimal={other!r} (--decimal {other} on the command line)"
        )

    def _ambiguous(self, cell: str) -> str:
        (comma_line, comma, comma_column) = self.shown[","]
        (point_line, point, point_column) = self.shown["."]
        _, sign, rest = _split(cell)
        readings = [_as_written(sign + cast(str, _numbers.read(rest, d)[0]), ",") for d in ",."]
        return (
            f"ambiguous number {_quoted(cell)}: this file writes numbers both ways, "
            f"{_quoted(comma)} ({_place(comma_line, comma_column)}) with "
            f"{_numbers.convention(',')} and {_quoted(point)} "
            f"({_place(point_line, point_column)}) with {_numbers.convention('.')}, so "
            f"{_quoted(cell)} may mean {readings[0]} or "
            f"{readings[1]}; write it so that it reads one way, or read the file with "
            f"decimal=',' or decimal='.'"
        )

    def _contradiction(self, cell: str, shows: str, column: str) -> str:
        chosen = cast(str, self.decimal)
        subject = f"the value {_quoted(cell)}" if column == "value" else _quoted(cell)
        return _in(
            column,
            f"{subject} is written with {_numbers.convention(shows)}, but the file "
            f"is read with {_numbers.convention(chosen)} (decimal={chosen!r}): write it that "
            f"way, or read the file with decimal={shows!r}",
        )


def _place(line: int, column: str) -> str:
    """Where a cell is, for messages: ``line 3`` for a value, ``line 3, baseline``."""
    return f"line {line}" if column == "value" else f"line {line}, {column}"


def _in(column: str, reason: str) -> str:
    """Why a cell cannot be read, naming its column unless it is the value's."""
    return reason if column == "value" else f"{column}: {reason}"


def _as_written(plain: str, decimal: str) -> str:
    """Digits (``"1.250"``) as a note shows them, with the decimal mark of the
    convention and no trailing zeros: ``1,25``."""
    whole, _, fraction = plain.partition(".")
    fraction = fraction.rstrip("0")
    return f"{whole}{decimal}{fraction}" if fraction else whole
