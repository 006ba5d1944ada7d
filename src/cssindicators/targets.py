"""Targets: immutable rule objects that evaluate measurements.

A target is read from its text with :func:`parse_target` (the language is described in
``docs/targets.md`` and defined by ``grammar/targets.lark``). There are three kinds of
rule, all subclasses of :class:`Target`:

* :class:`Threshold` — a comparison with one amount: ``≥ 3 heures/jour``, ``≤ 90``;
* :class:`Between` — a range, both bounds included: ``entre 10 et 20 par an``;
* :class:`YesNo` — a yes/no indicator whose target is "yes": ``Oui/Non``.

Every target prints back as canonical French text, and compares and hashes on it:

>>> t = parse_target(">/=à 50/an.")
>>> t
Threshold('≥ 50/an')
>>> t == parse_target("au moins 50 par an") == parse_target("minstens 50 per jaar")
True
>>> t.evaluate(Measurement(value=60, period="2023")).status
<Status.MET: 'met'>
"""

from __future__ import annotations

import abc
import enum
import functools
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NamedTuple

import attrs

from cssindicators import _columns, _grammar, _numbers
from cssindicators.errors import (
    ConfigurationError,
    MeasurementError,
    TargetSyntaxError,
    _shown,
)
from cssindicators.measurements import Measurement
from cssindicators.periods import TimeUnit

__all__ = [
    "DEFAULT_BANDS",
    "HOURS",
    "MINUTES",
    "PERCENT",
    "REL_TOLERANCE",
    "TIMES",
    "Bands",
    "Between",
    "Comparator",
    "Evaluation",
    "Status",
    "Target",
    "Threshold",
    "TimeUnit",
    "Unit",
    "UnitKind",
    "YesNo",
    "format_amount",
    "format_number",
    "parse_target",
    "parse_unit",
    "target_or_none",
]

#: Relative tolerance when comparing an observed rate with an amount, so that a rate
#: computed from a period length (6 meetings over a half-year = 12.000000000000002 a
#: year) meets a target it reaches exactly.
REL_TOLERANCE = 1e-9


class Status(enum.Enum):
    """How a measured indicator stands against its target.

    ``MET``, ``PARTIAL`` and ``NOT_MET`` come from an evaluation (see :class:`Bands`);
    ``NOT_MEASURED`` (no data) and ``INVALID`` (data that cannot be used) are given by
    scorecards.

    >>> Status.PARTIAL.value
    'partial'
    """

    MET = "met"
    PARTIAL = "partial"
    NOT_MET = "not met"
    NOT_MEASURED = "not measured"
    INVALID = "invalid"


#: Absolute tolerance of the same comparisons, for amounts of 0.
ABS_TOLERANCE = 1e-12


def _close(observed: Any, amount: float, xp: Any = _columns) -> Any:
    """Whether ``observed`` is within the tolerances of ``amount``, as :func:`math.isclose`
    decides it for finite values; written over the array namespace ``xp`` (one value,
    or a column of them)."""
    tolerance = xp.maximum(REL_TOLERANCE * xp.maximum(abs(observed), abs(amount)), ABS_TOLERANCE)
    return (observed == amount) | (xp.isfinite(observed) & (abs(observed - amount) <= tolerance))


class Comparator(enum.Enum):
    """How an observed value is compared with a threshold; the value is its symbol.

    >>> Comparator.AT_LEAST.holds(3.0, 3.0), Comparator.MORE_THAN.holds(3.0, 3.0)
    (True, False)
    """

    AT_LEAST = "≥"
    AT_MOST = "≤"
    MORE_THAN = ">"
    LESS_THAN = "<"
    EQUAL = "="

    def holds(self, observed: Any, amount: float, xp: Any = _columns) -> Any:
        """Whether ``observed`` satisfies ``<comparator> amount`` (with a tiny tolerance).

        ``observed`` is one number, or a column of them in the array namespace ``xp``
        (:mod:`numpy`, or the plain-Python default), for which the answer is a column.

        >>> Comparator.AT_MOST.holds(12.000000000001, 12)
        True
        >>> import numpy
        >>> Comparator.AT_LEAST.holds(numpy.array([2.0, 3.0]), 3, numpy).tolist()
        [False, True]
        """
        return _COMPARISONS[self](observed, amount, xp)

    @property
    def more_is_better(self) -> bool | None:
        """``True`` for at least / more than, ``False`` for at most / less than, else ``None``.

        >>> Comparator.LESS_THAN.more_is_better
        False
        """
        return _DIRECTION[self]


_COMPARISONS: dict[Comparator, Callable[[Any, float, Any], Any]] = {
    Comparator.AT_LEAST: lambda o, a, xp: (o >= a) | _close(o, a, xp),
    Comparator.AT_MOST: lambda o, a, xp: (o <= a) | _close(o, a, xp),
    Comparator.MORE_THAN: lambda o, a, xp: (o > a) & xp.logical_not(_close(o, a, xp)),
    Comparator.LESS_THAN: lambda o, a, xp: (o < a) & xp.logical_not(_close(o, a, xp)),
    Comparator.EQUAL: _close,
}
_DIRECTION: dict[Comparator, bool | None] = {
    Comparator.AT_LEAST: True,
    Comparator.MORE_THAN: True,
    Comparator.AT_MOST: False,
    Comparator.LESS_THAN: False,
    Comparator.EQUAL: None,
}


class UnitKind(enum.Enum):
    """What a unit measures: things counted, a duration, or a percentage.

    >>> parse_unit("minutes").kind
    <UnitKind.DURATION: 'duration'>
    """

    COUNT = "count"
    DURATION = "duration"
    PERCENT = "percent"


def _lower(text: str) -> str:
    """Lower case, except where lowering makes more than one character (İ → i̇), which
    would no longer read as a word."""
    if not isinstance(text, str):
        raise ConfigurationError(f"a unit's name must be text, got {text!r}")
    return "".join(c if len(c.lower()) > 1 else c.lower() for c in text)


#: Minutes in one unit of each duration, by canonical name.
_MINUTES = {"heures": 60, "minutes": 1}
#: Singular forms used in canonical text for amounts below 2.
_SINGULAR = {"heures": "heure", "minutes": "minute"}


@attrs.frozen
class Unit:
    """The unit of an amount: a duration (``heures``, ``minutes``), ``%``, or a counted noun.

    ``name`` is canonical: durations and percent have a fixed name, a counted noun keeps
    the label written in the plan in lower case (``réunions``), with ``fois`` for
    "times" in any language. Read one with :func:`parse_unit`.

    >>> parse_unit("h"), parse_unit("pour cent"), parse_unit("keer")
    (Unit(kind=<UnitKind.DURATION: 'duration'>, name='heures'), Unit(kind=<UnitKind.PERCENT: 'percent'>, name='%'), Unit(kind=<UnitKind.COUNT: 'count'>, name='fois'))
    """

    kind: UnitKind = attrs.field()
    name: str = attrs.field(converter=_lower)

    @kind.validator
    def _check_kind(self, _: attrs.Attribute[UnitKind], kind: UnitKind) -> None:
        if not isinstance(kind, UnitKind):
            raise ConfigurationError(f"Unit.kind must be a UnitKind, got {kind!r}")

    @name.validator
    def _check_name(self, _: attrs.Attribute[str], name: str) -> None:
        fixed = {UnitKind.DURATION: tuple(_MINUTES), UnitKind.PERCENT: ("%",)}.get(self.kind)
        if not name.strip() or (fixed is not None and name not in fixed):
            expected = " or ".join(repr(n) for n in fixed) if fixed else "a name"
            raise ConfigurationError(
                f"Unit.name of a {self.kind.value} must be {expected}, got {name!r}"
            )

    def convert(self, value: float, to: Unit | None) -> float:
        """Express ``value`` (in this unit) in unit ``to``; ``None`` means the same unit.

        Durations convert into each other; other units only into themselves — and any
        count into a target without a unit, or into a target counting ``fois``.

        >>> parse_unit("minutes").convert(90, parse_unit("heures"))
        1.5
        >>> parse_unit("minutes").convert(90, parse_unit("%"))
        Traceback (most recent call last):
          ...
        cssindicators.errors.MeasurementError: a value in minutes cannot be compared with a target in %
        """
        if to is None:
            if self.kind is UnitKind.COUNT:
                return value
        elif self.kind is to.kind and self.kind is UnitKind.DURATION:
            if self.name == to.name:
                return value
            return value * _MINUTES[self.name] / _MINUTES[to.name]
        elif self.kind is to.kind and (
            self.kind is UnitKind.PERCENT
            or self.name.casefold() == to.name.casefold()
            or "fois" in (self.name, to.name)
        ):
            return value
        where = "a target without unit" if to is None else f"a target in {to.name}"
        raise MeasurementError(f"a value in {self.name} cannot be compared with {where}")

    def render(self, amount: Decimal) -> str:
        """The unit as written after ``amount`` in canonical text.

        >>> parse_unit("heures").render(Decimal(1)), parse_unit("heures").render(Decimal(3))
        ('heure', 'heures')
        """
        if amount < 2:
            return _SINGULAR.get(self.name, self.name)
        return self.name


#: The units with a fixed name: hours and minutes (durations), percent, and "times".
HOURS = Unit(UnitKind.DURATION, "heures")
MINUTES = Unit(UnitKind.DURATION, "minutes")  #: see HOURS
PERCENT = Unit(UnitKind.PERCENT, "%")  #: see HOURS
TIMES = Unit(UnitKind.COUNT, "fois")  #: see HOURS


@attrs.frozen
class Bands:
    """How an evaluation's achievement turns into a :class:`Status`.

    A rule that holds is ``MET``; otherwise the status is ``PARTIAL`` when the
    achievement reaches ``partial``, ``NOT_MET`` below. The default is 0.5.

    >>> Bands().status(False, 0.6), Bands(partial=0.8).status(False, 0.6)
    (<Status.PARTIAL: 'partial'>, <Status.NOT_MET: 'not met'>)
    >>> Bands(partial=2)
    Traceback (most recent call last):
      ...
    cssindicators.errors.ConfigurationError: Bands.partial must be a number between 0 and 1, got 2
    """

    partial: float = attrs.field(default=0.5)

    @partial.validator
    def _check_partial(self, _: attrs.Attribute[float], value: float) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ConfigurationError(
                f"Bands.partial must be a number between 0 and 1, got {value!r}"
            )

    def status(self, met: bool, achievement: float) -> Status:
        """The status of an evaluation whose rule holds (``met``) or not.

        >>> Bands().status(True, 0.0)
        <Status.MET: 'met'>
        """
        return _STATUSES[int(self.codes(met, achievement))]

    def codes(self, met: Any, achievement: Any, xp: Any = _columns) -> Any:
        """:meth:`status` as a position in :class:`Status`, over one value or a column of
        them in the array namespace ``xp``.

        >>> import numpy
        >>> Bands().codes(numpy.array([True, False, False]), numpy.array([1.0, 0.6, 0.2]), numpy).tolist()
        [0, 1, 2]
        """
        return xp.where(met, 0, xp.where(achievement >= self.partial, 1, 2))


DEFAULT_BANDS = Bands()
_STATUSES = tuple(Status)


@attrs.frozen
class Evaluation:
    """The result of evaluating one measurement against one target.

    ``observed`` is the measurement normalised to the target's terms (a rate per the
    target's period, in the target's unit; 1.0 or 0.0 for yes/no), ``expected`` the
    amount it was compared with (for a range, the bound it fell short of or exceeded,
    the low bound when inside), ``achievement`` their ratio (observed ÷ expected when
    more is better, expected ÷ observed when less is better; 1.0 when met exactly).

    >>> ev = parse_target("≥ 3 heures/jour").evaluate(Measurement(value=1100, period="2023"))
    >>> ev.status, round(ev.observed, 2), ev.expected, round(ev.achievement, 3)
    (<Status.MET: 'met'>, 3.01, 3.0, 1.005)
    """

    target: Target
    measurement: Measurement
    status: Status
    observed: float
    expected: float
    achievement: float

    def parts(self) -> dict[str, str]:
        """The evaluation as display text, in reading order (for people, not code).

        >>> parse_target("≥ 12 par an").evaluate(Measurement(value=6, period="2023-H1")).parts()
        {'measurement': '6 over 2023-H1', 'observed': '12/an', 'expected': '12/an', 'achievement': '100 %', 'status': 'met'}
        """
        m = self.measurement
        over = "" if m.period is None else f" over {m.period}"
        unit = "" if m.unit is None else f" {m.unit}"
        return {
            "measurement": f"{m.value}{unit}{over}",
            "observed": self.target.format_rate(self.observed),
            "expected": self.target.format_rate(self.expected),
            "achievement": f"{self.achievement:.0%}".replace("%", " %"),
            "status": self.status.value,
        }

    @property
    def met(self) -> bool:
        """Whether the target is met.

        >>> parse_target("Oui/Non").evaluate(Measurement(value="non")).met
        False
        """
        return self.status is Status.MET


_RULE_NAMES = {"Threshold": "threshold", "Between": "range", "YesNo": "yes/no"}


def _unit_parts(target: Target) -> dict[str, str]:
    if isinstance(target, YesNo):
        return {"expected": "Oui"}
    return {
        "unit": "-" if target.unit is None else target.unit.name,
        "per": "-" if target.per is None else target.per.value,
    }


def _ratio(numerator: Any, denominator: Any, xp: Any) -> Any:
    """A ratio of achievement: 0/0 is 1.0 (exactly the amount), x/0 is infinite."""
    zero = denominator == 0
    quotient = numerator / xp.where(zero, 1.0, denominator)
    return xp.where(zero, xp.where(numerator == 0, 1.0, math.inf), quotient)


class Target(abc.ABC):
    """An immutable rule read from a target text; see :func:`parse_target`.

    All targets have a ``unit`` (:class:`Unit` or ``None``) and a ``per``
    (:class:`~cssindicators.periods.TimeUnit` for a rate such as ``/an``, ``None`` for a
    level such as ``≥ 70 %``). ``str(target)`` is the canonical French text, which
    parses back to an equal target.

    >>> t = Target.parse("≥ 12 par an")
    >>> isinstance(t, Target), t.unit, t.per, str(t)
    (True, None, <TimeUnit.YEAR: 'an'>, '≥ 12/an')
    """

    __slots__ = ()

    unit: Unit | None
    per: TimeUnit | None

    @classmethod
    def parse(cls, text: str) -> Target:
        """Read a target text; the same as :func:`parse_target`.

        Called on a subclass, the text must be a rule of that kind:

        >>> Target.parse("Oui/Non")
        YesNo('Oui/Non')
        >>> Threshold.parse("Oui/Non")
        Traceback (most recent call last):
          ...
        cssindicators.errors.TargetSyntaxError: Invalid target 'Oui/Non': expected a threshold, found a yes/no target
            Oui/Non
            ^
        """
        target = parse_target(text)
        if not isinstance(target, cls):
            raise TargetSyntaxError(
                f"expected a {_RULE_NAMES[cls.__name__]}, found a "
                f"{_RULE_NAMES[type(target).__name__]} target",
                text=text,
                position=0,
            )
        return target

    @property
    def is_rate(self) -> bool:
        """Whether the target is a rate per period (``/an``), needing measured periods.

        A percentage is a level even with a period: ``≥ 80 % par an`` is assessed each
        year, not accumulated over it.

        >>> parse_target("≥ 12 par an").is_rate, parse_target("≥ 70 %").is_rate
        (True, False)
        >>> parse_target("≥ 80 % par an").is_rate
        False
        """
        return self.per is not None and (
            self.unit is None or self.unit.kind is not UnitKind.PERCENT
        )

    @abc.abstractmethod
    def __str__(self) -> str: ...

    def parts(self) -> dict[str, str]:
        """The target's parts as display text, in reading order (for people, not code).

        >>> parse_target("au moins 3 heures par jour").parts()
        {'rule': 'threshold', 'comparator': '≥ (at least)', 'amount': '3', 'unit': 'heures', 'per': 'jour'}
        """
        return {"rule": _RULE_NAMES[type(self).__name__], **self._parts(), **_unit_parts(self)}

    def _parts(self) -> dict[str, str]:
        return {}

    def format_rate(self, value: float) -> str:
        """A value in this target's terms, as shown in reports: unit and period.

        >>> parse_target("≥ 3 heures/jour").format_rate(3.0137)
        '3,01 heures/jour'
        """
        if isinstance(self, YesNo):
            return "Oui" if value else "Non"
        return format_number(value) + _suffix(Decimal(2), self.unit, self.per)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"

    def evaluate(self, measurement: Measurement, *, bands: Bands = DEFAULT_BANDS) -> Evaluation:
        """Evaluate one measurement against this target.

        Raises :class:`~cssindicators.errors.MeasurementError` for data that cannot be
        evaluated: a value of the wrong type, a negative or non-finite number, a unit of
        another kind, or a missing period for a rate target.

        >>> t = parse_target("≥ 12 par an")
        >>> t.evaluate(Measurement(value=6, period="2023-01-01/2023-06-30")).status
        <Status.MET: 'met'>
        >>> t.evaluate(Measurement(value=7, period="2023")).status
        <Status.PARTIAL: 'partial'>
        >>> t.evaluate(Measurement(value=-1, period="2023"))
        Traceback (most recent call last):
          ...
        cssindicators.errors.MeasurementError: a measured value cannot be negative, got -1
        """
        observed = self._observe(measurement)
        met, expected, achievement = self._judge(observed, _columns)
        return Evaluation(
            target=self,
            measurement=measurement,
            status=bands.status(met, achievement),
            observed=observed,
            expected=float(expected),
            achievement=float(achievement),
        )

    @staticmethod
    def usable(number: Any, xp: Any = _columns) -> Any:
        """Whether a measured number can be evaluated: finite and not negative (one
        number, or a column of them in the array namespace ``xp``).

        >>> Target.usable(3.0), Target.usable(-1.0), Target.usable(float("nan"))
        (True, False, False)
        """
        return (number >= 0) & xp.isfinite(number)

    def _observe(self, measurement: Measurement) -> float:
        """The measured value in the target's terms: unit converted, per period."""
        value = _number(measurement.value)
        if measurement.unit is not None:
            value = _finite(parse_unit(measurement.unit).convert(value, self.unit), measurement)
        if self.per is None or not self.is_rate:
            return value
        if measurement.period is None:
            raise MeasurementError(
                f"a measurement for the rate target {str(self)!r} needs a period"
            )
        return _finite(value / measurement.period.length(self.per), measurement)

    @abc.abstractmethod
    def _judge(self, observed: Any, xp: Any) -> tuple[Any, Any, Any]:
        """Whether ``observed`` meets the rule, the amount compared with, the achievement:
        written once over the array namespace ``xp``, for one value (evaluation) or a
        column of them (the scoring engine)."""


def _number(value: object) -> float:
    """A measured value as a float: a number (not a bool), finite and not negative."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise MeasurementError(
            f"a measured value for a numeric target must be a number, got {_shown(value)}"
        )
    if isinstance(value, Decimal) and value.is_nan():
        number = math.nan  # a signalling NaN refuses to become a float
    else:
        try:
            number = float(value)
        except OverflowError:  # an integer beyond floats
            if value < 0:
                raise MeasurementError(
                    f"a measured value cannot be negative, got {_shown(value)}"
                ) from None
            raise MeasurementError(
                f"a measured value of {_shown(value)} is too large: beyond the largest "
                "number (about 1.8e308)"
            ) from None
    if not Target.usable(number):
        if isinstance(value, Decimal) and value.is_finite() and value > 0:
            raise MeasurementError(  # a finite Decimal beyond floats
                f"a measured value of {_shown(value)} is too large: beyond the largest "
                "number (about 1.8e308)"
            )
        if not math.isfinite(number) and not (isinstance(value, Decimal) and value.is_finite()):
            raise MeasurementError(f"a measured value must be finite, got {_shown(value)}")
        raise MeasurementError(f"a measured value cannot be negative, got {_shown(value)}")
    return number


def _finite(observed: float, measurement: Measurement) -> float:
    """``observed``, computed from ``measurement``, unless it grew beyond floats (a huge
    value over a short period, or converted to a smaller unit): infinite values are errors."""
    if not math.isfinite(observed):
        raise MeasurementError(
            f"a measured value of {_shown(measurement.value)} is too large: in the target's "
            "terms (its unit, per its period) it is beyond the largest number (about 1.8e308)"
        )
    return observed


def _decimal(value: Decimal | int | float | str) -> Decimal:
    """An amount as a Decimal; a float is read from its shortest text (0.1, not 0.1000…01)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ConfigurationError(f"an amount must be a number, got {value!r}")
    try:
        return Decimal(repr(value) if isinstance(value, float) else value)
    except ArithmeticError:
        raise ConfigurationError(f"an amount must be a number, got {value!r}") from None


def _check_amount(instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if not value.is_finite() or value < 0:
        raise ConfigurationError(
            f"{type(instance).__name__}.{attribute.name} must be a finite number ≥ 0, got {value}"
        )


def _check_comparator(
    instance: object, attribute: attrs.Attribute[Comparator], value: Comparator
) -> None:
    if not isinstance(value, Comparator):
        raise ConfigurationError(
            f"{type(instance).__name__}.{attribute.name} must be a Comparator, got {value!r}"
        )


def format_amount(amount: Decimal) -> str:
    """An amount as written in canonical French text: decimal comma, grouped thousands.

    >>> format_amount(Decimal("2.50")), format_amount(Decimal("12500")), format_amount(Decimal("1000"))
    ('2,5', '12 500', '1000')
    """
    whole, _, fraction = format(amount, "f").partition(".")
    fraction = fraction.rstrip("0")
    if len(whole) > 4:
        groups = []
        while len(whole) > 3:
            whole, tail = whole[:-3], whole[-3:]
            groups.append(tail)
        whole = " ".join([whole, *reversed(groups)])
    return f"{whole},{fraction}" if fraction else whole


def format_number(value: float) -> str:
    """A measured or computed number as reports show it: two decimals at most, a comma.

    >>> format_number(3.0137), format_number(12.0), format_number(1135.5)
    ('3,01', '12', '1135,5')
    """
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _suffix(amount: Decimal, unit: Unit | None, per: TimeUnit | None) -> str:
    text = ""
    if unit is not None:
        text += " " + unit.render(amount)
    if per is not None:
        text += "/" + per.value
    return text


@attrs.frozen(repr=False)
class Threshold(Target):
    """A comparison with one amount: ``≥ 3 heures/jour``, ``< 5 %``, ``≤ 90``.

    >>> t = parse_target(">/= à 2 /an")
    >>> t.comparator, t.amount, t.unit, t.per
    (<Comparator.AT_LEAST: '≥'>, Decimal('2'), None, <TimeUnit.YEAR: 'an'>)
    >>> Threshold(Comparator.AT_MOST, Decimal("2.5"), HOURS, TimeUnit.DAY)
    Threshold('≤ 2,5 heures/jour')
    """

    comparator: Comparator = attrs.field(validator=_check_comparator)
    amount: Decimal = attrs.field(converter=_decimal, validator=_check_amount)
    unit: Unit | None = None
    per: TimeUnit | None = None

    def _parts(self) -> dict[str, str]:
        meaning = self.comparator.name.lower().replace("_", " ")
        return {
            "comparator": f"{self.comparator.value} ({meaning})",
            "amount": format_amount(self.amount),
        }

    def __str__(self) -> str:
        return f"{self.comparator.value} {format_amount(self.amount)}{_suffix(self.amount, self.unit, self.per)}"

    def _judge(self, observed: Any, xp: Any) -> tuple[Any, Any, Any]:
        amount = float(self.amount)
        met = self.comparator.holds(observed, amount, xp)
        direction = self.comparator.more_is_better
        if direction is True:
            achievement = _ratio(observed, amount, xp)
        elif direction is False:
            achievement = _ratio(amount, observed, xp)
        else:
            closest = xp.minimum(_ratio(observed, amount, xp), _ratio(amount, observed, xp))
            achievement = xp.where(met, 1.0, closest)
        return met, amount, achievement


@attrs.frozen(repr=False)
class Between(Target):
    """A range with both bounds included: ``entre 10 et 20 par an``.

    >>> t = parse_target("de 10 à 20 /an")
    >>> t.low, t.high, str(t)
    (Decimal('10'), Decimal('20'), 'entre 10 et 20/an')
    >>> Between(Decimal(20), Decimal(10))
    Traceback (most recent call last):
      ...
    cssindicators.errors.ConfigurationError: Between.low (20) must not exceed Between.high (10)
    """

    low: Decimal = attrs.field(converter=_decimal, validator=_check_amount)
    high: Decimal = attrs.field(converter=_decimal, validator=_check_amount)
    unit: Unit | None = None
    per: TimeUnit | None = None

    def __attrs_post_init__(self) -> None:
        if self.low > self.high:
            raise ConfigurationError(
                f"Between.low ({self.low}) must not exceed Between.high ({self.high})"
            )

    def _parts(self) -> dict[str, str]:
        return {"low": format_amount(self.low), "high": format_amount(self.high)}

    def __str__(self) -> str:
        return (
            f"entre {format_amount(self.low)} et {format_amount(self.high)}"
            f"{_suffix(self.high, self.unit, self.per)}"
        )

    def _judge(self, observed: Any, xp: Any) -> tuple[Any, Any, Any]:
        low, high = float(self.low), float(self.high)
        met = Comparator.AT_LEAST.holds(observed, low, xp) & Comparator.AT_MOST.holds(
            observed, high, xp
        )
        below = xp.logical_not(met) & (observed < low)
        achievement = xp.where(
            met, 1.0, xp.where(below, _ratio(observed, low, xp), _ratio(high, observed, xp))
        )
        return met, xp.where(met | below, low, high), achievement


#: Answers a yes/no measurement may hold, in French, Dutch and English (case-insensitive).
@attrs.frozen(repr=False)
class YesNo(Target):
    """A yes/no indicator (``Oui/Non``): met when the measured answer is yes.

    The measurement holds ``True``/``False`` or ``Oui``/``Non``/``Ja``/``Nee``/``Yes``/``No``
    in any case.

    >>> t = parse_target("oui / non")
    >>> t.evaluate(Measurement(value="Ja")).status, t.evaluate(Measurement(value=False)).status
    (<Status.MET: 'met'>, <Status.NOT_MET: 'not met'>)
    """

    @property
    def unit(self) -> None:  # type: ignore[override]
        """A yes/no target has no unit."""
        return None

    @property
    def per(self) -> None:  # type: ignore[override]
        """A yes/no target is not a rate."""
        return None

    def __str__(self) -> str:
        return "Oui/Non"

    def _observe(self, measurement: Measurement) -> float:
        value = measurement.value
        if isinstance(value, str):
            answer = _answer(value)  # read with the grammar's YES and NO words
            if answer is not None:
                return float(answer)
        elif isinstance(value, bool):
            return float(value)
        raise MeasurementError(
            f"a yes/no target needs True/False or Oui/Non, Ja/Nee, Yes/No; got {_shown(value)}"
        )

    def _judge(self, observed: Any, xp: Any) -> tuple[Any, Any, Any]:
        return observed == 1.0, 1.0, observed


# ---------------------------------------------------------------- reading target text

# The grammar's words are its terminals; the builder maps terminal names to our values.
_COMPARATORS = {c.name: c for c in Comparator}
_PERIODS = {
    "YEAR": TimeUnit.YEAR, "YEARLY": TimeUnit.YEAR,
    "SEMESTER": TimeUnit.SEMESTER, "SEMESTERLY": TimeUnit.SEMESTER,
    "QUARTER": TimeUnit.QUARTER, "QUARTERLY": TimeUnit.QUARTER,
    "MONTH": TimeUnit.MONTH, "MONTHLY": TimeUnit.MONTH,
    "WEEK": TimeUnit.WEEK, "WEEKLY": TimeUnit.WEEK,
    "DAY": TimeUnit.DAY, "DAILY": TimeUnit.DAY,
}  # fmt: skip
_UNITS = {"HOURS": HOURS, "MINUTES": MINUTES, "PERCENT": PERCENT, "TIMES": TIMES}
_ANSWERS = {"YES": True, "NO": False}


def _amount(token: Any) -> Decimal:
    """The amount a ``NUMBER`` token writes, read the Belgian way (``1.500`` is 1500)."""
    return _numbers.amount(str(token))


class _Per(NamedTuple):
    """A period as read, with where its word starts (to point at it in a message)."""

    unit: TimeUnit
    position: int


class _Build:
    """The grammar's callbacks: each builds a rule object, or a part, from its children."""

    def target(self, children: list[Target]) -> Target:
        return children[0]

    def unit_text(self, children: list[Unit]) -> Unit:
        return children[0]

    def answer(self, children: list[Any]) -> bool:
        return _ANSWERS[children[0].type]

    def threshold(self, children: list[Any]) -> Threshold:
        comparator, number, unit, per = children
        return Threshold(comparator or Comparator.AT_LEAST, _amount(number), unit, per and per.unit)

    def range(self, children: list[Any]) -> Between:
        start, low, low_unit, low_per, _, high, high_unit, high_per = children
        if low_unit is not None and high_unit is not None and low_unit != high_unit:
            raise _grammar.SemanticError(
                f"both bounds of a range must have the same unit, got {low_unit.name} "
                f"and {high_unit.name}",
                start.start_pos,
            )
        if low_per is not None and high_per is not None and low_per.unit is not high_per.unit:
            raise _grammar.SemanticError(
                f"both bounds of a range must have the same period, got {low_per.unit.value} "
                f"and {high_per.unit.value}",
                high_per.position,
            )
        low_amount, high_amount = _amount(low), _amount(high)
        if low_amount > high_amount:
            raise _grammar.SemanticError(
                f"the low bound {format_amount(low_amount)} exceeds the high bound "
                f"{format_amount(high_amount)}",
                low.start_pos,
            )
        per = high_per or low_per
        return Between(low_amount, high_amount, high_unit or low_unit, per and per.unit)

    def yes_no(self, children: list[Any]) -> YesNo:
        return YesNo()

    def comparator(self, children: list[Any]) -> Comparator:
        return _COMPARATORS[children[0].type]

    def unit(self, children: list[Any]) -> Unit:
        (child,) = children
        return child if isinstance(child, Unit) else _UNITS[child.type]

    def label(self, children: list[Any]) -> Unit:
        return Unit(UnitKind.COUNT, " ".join(children))

    def per(self, children: list[Any]) -> _Per:
        (child,) = children
        return child if isinstance(child, _Per) else _Per(_PERIODS[child.type], child.start_pos)

    def period(self, children: list[Any]) -> _Per:
        (token,) = children
        return _Per(_PERIODS[token.type], token.start_pos)


_parser: Any = None


def _get_parser() -> Any:
    """The parser, built on first use."""
    global _parser
    if _parser is None:
        _parser = _grammar.build_parser(_Build)
    return _parser


def _parse(text: str, start: str) -> Any:
    """Parse ``text`` from rule ``start``; raises :class:`TargetSyntaxError`."""
    return _grammar.parse(_get_parser(), text, start)


#: The longest text whose reading is cached, in characters. A target is one line of a
#: plan ("au moins 12 réunions de concertation par an" has 43): longer texts are read
#: all the same, in time linear in their length, but not kept, so that the caches of
#: read texts stay small whatever texts they are given.
_CACHED_LENGTH = 1000


@functools.lru_cache(maxsize=8192)
def _parse_cached(text: str) -> Target:
    target: Target = _parse(text, "target")
    return target


def target_or_none(text: str) -> Target | None:
    """``text`` read as a target, or ``None`` when it is not one (results cached).

    For readers that try many candidate texts: a failure costs no error message.

    >>> target_or_none("≥ 12 par an"), target_or_none("en place")
    (Threshold('≥ 12/an'), None)
    """
    if not isinstance(text, str):
        return None
    if len(text) > _CACHED_LENGTH:
        return _target_or_none_cached.__wrapped__(text)
    return _target_or_none_cached(text)


@functools.lru_cache(maxsize=8192)
def _target_or_none_cached(text: str) -> Target | None:
    target: Target | None = _grammar.parse_or_none(_get_parser(), text, "target")
    return target


@functools.lru_cache(maxsize=256)
def _answer(text: str) -> bool | None:
    """A measured yes/no answer read with the grammar's words (``Oui``, ``nee``…), or
    ``None`` when the text is not one."""
    answer: bool | None = _grammar.parse_or_none(_get_parser(), text, "answer")
    return answer


def parse_target(text: str) -> Target:
    """Read a target text into a rule object.

    The language is documented in ``docs/targets.md``. Raises
    :class:`~cssindicators.errors.TargetSyntaxError` (a :class:`ValueError`) for any
    text that is not a target, and never any other exception. Reading takes time
    linear in the length of the text, and its message quotes only the part around the
    failure. Results are cached: reading the same short text again costs a dictionary
    look-up.

    >>> parse_target("≥ 3 heures/jour")
    Threshold('≥ 3 heures/jour')
    >>> parse_target("entre 10 et 20 réunions par an")
    Between('entre 10 et 20 réunions/an')
    >>> parse_target("at most 5 per month")
    Threshold('≤ 5/mois')
    """
    if not isinstance(text, str):
        raise TargetSyntaxError(
            f"expected a string, got {type(text).__name__}", text=_shown(text), position=0
        )
    if len(text) > _CACHED_LENGTH:
        return _parse_cached.__wrapped__(text)
    return _parse_cached(text)


def parse_unit(text: str) -> Unit:
    """Read a unit as written in a measurement (``"minutes"``, ``"h"``, ``"%"``, a noun).

    Raises :class:`~cssindicators.errors.MeasurementError` for a text that is not a unit.

    >>> parse_unit("Heures")
    Unit(kind=<UnitKind.DURATION: 'duration'>, name='heures')
    >>> parse_unit("3")
    Traceback (most recent call last):
      ...
    cssindicators.errors.MeasurementError: unknown unit '3': expected heures, minutes, % or a counted noun
    """
    unit = _parse_unit_cached(text) if isinstance(text, str) else None
    if unit is None:
        raise MeasurementError(
            f"unknown unit {text!r}: expected heures, minutes, % or a counted noun"
        )
    return unit


@functools.lru_cache(maxsize=256)
def _parse_unit_cached(text: str) -> Unit | None:
    unit: Unit | None = _grammar.parse_or_none(_get_parser(), text, "unit_text")
    return unit
