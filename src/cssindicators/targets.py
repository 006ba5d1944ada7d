"""Targets: immutable rule objects that evaluate measurements.

A target is read from its text with :func:`parse_target` (the language is described in
``docs/targets.md`` and defined by ``grammar/targets.lark``). There are three kinds of
rule, all subclasses of :class:`Target`:

* :class:`Threshold` — a comparison with one amount: ``≥ 3 heures/jour``, ``≤ 90``;
* :class:`Between` — a range, both bounds included: ``entre 10 et 20 par an``;
* :class:`YesNo` — a yes/no indicator whose target is "yes": ``Oui/Non``;
* :class:`Change` — a change against a baseline: ``diminution de 10 % par rapport à
  2022``, ``en hausse``, ``stabilisation``, ``au moins le niveau de 2022``.

A target may carry a note, written in brackets after it (``≥ 50/an (moyenne)``), and a
percentage may name what it is a share of (``≥ 80 % des dossiers``).

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
import re
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
from cssindicators.periods import Period, TimeUnit

__all__ = [
    "DEFAULT_BANDS",
    "DEFAULT_TOLERANCE",
    "HOURS",
    "MINUTES",
    "PERCENT",
    "REL_TOLERANCE",
    "TIMES",
    "Bands",
    "Between",
    "Change",
    "Comparator",
    "Direction",
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
    "no_working_day",
    "parse_target",
    "parse_unit",
    "periods_ratio",
    "target_or_none",
    "years_period",
    "years_text",
    "zero_baseline",
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
    #: The relative change within which a value counts as unchanged, for change targets
    #: without a size: ``stabilisation`` is met within it, ``en diminution`` and
    #: ``en hausse`` are met only beyond it. The default, 0.05, is 5 % of the baseline.
    tolerance: float = attrs.field(default=0.05)

    @partial.validator
    def _check_partial(self, _: attrs.Attribute[float], value: float) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ConfigurationError(
                f"Bands.partial must be a number between 0 and 1, got {value!r}"
            )

    @tolerance.validator
    def _check_tolerance(self, _: attrs.Attribute[float], value: float) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1:
            raise ConfigurationError(
                f"Bands.tolerance must be a number from 0 to less than 1, got {value!r}"
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
#: The default :attr:`Bands.tolerance`: a change smaller than 5 % of the baseline is no
#: change. Yearly counts of a commune (tens to hundreds of facts, interventions…) move
#: by several percent from one year to the next without any trend.
DEFAULT_TOLERANCE = DEFAULT_BANDS.tolerance
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
    #: For a change target: the baseline in the same terms as ``observed`` (its mean per
    #: period when it covers several), and the measurement it was read from.
    baseline: float | None = None
    baseline_measurement: Measurement | None = None

    @property
    def change(self) -> float | None:
        """For a change target, the observed change: a share of the baseline (``-0.05``
        for 5 % less) when the target's size is a percentage or it has none, otherwise
        the difference in the target's terms; ``None`` for other targets, or a share of
        a baseline of 0.

        >>> t = parse_target("diminution de 10 % par rapport à 2022")
        >>> ev = t.evaluate(Measurement(value=95, period="2023"), baseline=Measurement(value=100, period="2022"))
        >>> ev.change, ev.expected, ev.achievement, ev.status.value
        (-0.05, 90.0, 0.5, 'partial')
        """
        if self.baseline is None or not isinstance(self.target, Change):
            return None
        if self.target.size is not None and not self.target.relative:
            return self.observed - self.baseline
        if self.baseline == 0:
            return None
        return (self.observed - self.baseline) / self.baseline

    def parts(self) -> dict[str, str]:
        """The evaluation as display text, in reading order (for people, not code).

        >>> parse_target("≥ 12 par an").evaluate(Measurement(value=6, period="2023-H1")).parts()
        {'measurement': '6 over 2023-H1', 'observed': '12/an', 'expected': '12/an', 'achievement': '100 %', 'status': 'met'}
        """
        parts = {"measurement": _described(self.measurement)}
        if self.baseline_measurement is not None:
            parts["baseline measurement"] = _described(self.baseline_measurement)
        if self.baseline is not None:
            parts["baseline"] = self.target.format_rate(self.baseline)
        parts["observed"] = self.target.format_rate(self.observed)
        change = self.change
        if change is not None and isinstance(self.target, Change):
            parts["change"] = self.target.format_change(change)
        return {
            **parts,
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


def _described(m: Measurement) -> str:
    over = "" if m.period is None else f" over {m.period}"
    unit = "" if m.unit is None else f" {m.unit}"
    return f"{m.value}{unit}{over}"


_RULE_NAMES = {
    "Threshold": "threshold", "Between": "range", "YesNo": "yes/no", "Change": "change",
}  # fmt: skip


def _unit_parts(target: Target) -> dict[str, str]:
    if isinstance(target, YesNo):
        return {"expected": "Oui"}
    parts = {
        "unit": "-" if target.unit is None else target.unit.name,
        "per": "-" if target.per is None else target.per.value,
    }
    of = getattr(target, "of", None)
    if of is not None:
        parts["of"] = of
    return parts


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
    note: str | None

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

    @property
    def adds_up(self) -> bool:
        """Whether the measured values of the target add up over periods: counts and
        durations do; levels (percentages, yes/no answers) do not, the latest counts.

        >>> [parse_target(t).adds_up for t in ("≥ 12 par an", "≥ 3 heures/jour", "≥ 70 %", "Oui/Non")]
        [True, True, False, False]
        """
        if isinstance(self, YesNo):
            return False
        return self.unit is None or self.unit.kind is not UnitKind.PERCENT

    @abc.abstractmethod
    def __str__(self) -> str: ...

    def parts(self) -> dict[str, str]:
        """The target's parts as display text, in reading order (for people, not code).

        >>> parse_target("au moins 3 heures par jour").parts()
        {'rule': 'threshold', 'comparator': '≥ (at least)', 'amount': '3', 'unit': 'heures', 'per': 'jour'}
        """
        parts = {"rule": _RULE_NAMES[type(self).__name__], **self._parts(), **_unit_parts(self)}
        if self.note is not None:
            parts["note"] = self.note
        return parts

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

    def evaluate(
        self,
        measurement: Measurement,
        *,
        bands: Bands = DEFAULT_BANDS,
        baseline: Measurement | None = None,
    ) -> Evaluation:
        """Evaluate one measurement against this target.

        ``baseline`` is the value a :class:`Change` target is compared with (other
        targets do not use it). Raises :class:`~cssindicators.errors.MeasurementError`
        for data that cannot be evaluated: a value of the wrong type, a negative or
        non-finite number, a unit of another kind, a missing period for a rate target,
        a change target without a baseline.

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
        base = None
        if isinstance(self, Change):
            base = self.baseline_of(measurement, baseline)
            met, expected, achievement = self._judge(observed, _columns, base, bands.tolerance)
        else:
            baseline = None
            met, expected, achievement = self._judge(observed, _columns)
        return Evaluation(
            target=self,
            measurement=measurement,
            status=bands.status(met, achievement),
            observed=observed,
            expected=float(expected),
            achievement=float(achievement),
            baseline=base,
            baseline_measurement=baseline,
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
        length = measurement.period.length(self.per)
        if length == 0:  # a weekend, a public holiday: no working day
            raise MeasurementError(no_working_day(measurement.period, self))
        return _finite(value / length, measurement)

    @abc.abstractmethod
    def _judge(self, observed: Any, xp: Any) -> tuple[Any, Any, Any]:
        """Whether ``observed`` meets the rule, the amount compared with, the achievement:
        written once over the array namespace ``xp``, for one value (evaluation) or a
        column of them (the scoring engine)."""

    def _text(self, rule: str) -> str:
        """``rule``, the canonical text of the rule, with the target's note."""
        return rule if self.note is None else f"{rule} ({self.note})"


def no_working_day(period: object, target: Target) -> str:
    """Why a rate per working day cannot be computed over ``period``.

    >>> from cssindicators.periods import parse_period
    >>> print(no_working_day(parse_period("2023-01-07"), parse_target("≥ 2/jour ouvrable")))
    the period 2023-01-07 holds no working day (a weekend or a public holiday): a rate per working day ('≥ 2/jour ouvrable') cannot be computed over it; add the value to a longer period
    """
    return (
        f"the period {period} holds no working day (a weekend or a public holiday): a rate "
        f"per working day ({str(target)!r}) cannot be computed over it; add the value to "
        "a longer period"
    )


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


def _suffix(amount: Decimal, unit: Unit | None, per: TimeUnit | None, of: str | None = None) -> str:
    text = ""
    if unit is not None:
        text += " " + unit.render(amount)
    if of is not None:
        text += " " + of
    if per is not None:
        text += "/" + per.value
    return text


def _words(text: str) -> str:
    """A note or a share's words as kept: spaces collapsed, case as written for a note."""
    return " ".join(text.split())


def _check_note(instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not value.strip() or "(" in value or ")" in value:
        raise ConfigurationError(
            f"{type(instance).__name__}.{attribute.name} must be a text without brackets, "
            f"or None, got {_shown(value)}"
        )


def _note(value: object) -> object:
    return _words(value) if isinstance(value, str) else value


def _of(value: object) -> object:
    return _lower(_words(value)) if isinstance(value, str) else value


def _check_of(instance: Any, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is None:
        return
    _check_note(instance, attribute, value)
    if not (instance.unit is PERCENT or instance.unit == PERCENT) and not getattr(
        instance, "relative", False
    ):
        raise ConfigurationError(
            f"{type(instance).__name__}.of names what a percentage is a share of: "
            "the target must be in %"
        )


def _note_field() -> Any:
    return attrs.field(default=None, kw_only=True, converter=_note, validator=_check_note)


def _of_field() -> Any:
    return attrs.field(default=None, kw_only=True, converter=_of, validator=_check_of)


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
    #: What a percentage is a share of, as written: ``des dossiers``.
    of: str | None = _of_field()
    #: The note written in brackets after the target: ``moyenne``.
    note: str | None = _note_field()

    def _parts(self) -> dict[str, str]:
        meaning = self.comparator.name.lower().replace("_", " ")
        return {
            "comparator": f"{self.comparator.value} ({meaning})",
            "amount": format_amount(self.amount),
        }

    def __str__(self) -> str:
        suffix = _suffix(self.amount, self.unit, self.per, self.of)
        return self._text(f"{self.comparator.value} {format_amount(self.amount)}{suffix}")

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
    #: What a percentage is a share of, as written: ``des dossiers``.
    of: str | None = _of_field()
    #: The note written in brackets after the target.
    note: str | None = _note_field()

    def __attrs_post_init__(self) -> None:
        if self.low > self.high:
            raise ConfigurationError(
                f"Between.low ({self.low}) must not exceed Between.high ({self.high})"
            )

    def _parts(self) -> dict[str, str]:
        return {"low": format_amount(self.low), "high": format_amount(self.high)}

    def __str__(self) -> str:
        return self._text(
            f"entre {format_amount(self.low)} et {format_amount(self.high)}"
            f"{_suffix(self.high, self.unit, self.per, self.of)}"
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
    >>> parse_target("Oui (rapport annuel)")
    YesNo('Oui/Non (rapport annuel)')
    """

    #: The note written in brackets after the target: ``rapport annuel``.
    note: str | None = _note_field()

    @property
    def unit(self) -> None:  # type: ignore[override]
        """A yes/no target has no unit."""
        return None

    @property
    def per(self) -> None:  # type: ignore[override]
        """A yes/no target is not a rate."""
        return None

    def __str__(self) -> str:
        return self._text("Oui/Non")

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


class Direction(enum.Enum):
    """Where a :class:`Change` target wants the value to go from its baseline; the value
    is the canonical French wording.

    >>> parse_target("daling met 10 %").direction
    <Direction.DECREASE: 'diminution'>
    """

    DECREASE = "diminution"
    INCREASE = "augmentation"
    #: Staying level: within the tolerance of the baseline.
    STABLE = "stabilisation"
    #: At least the baseline's level: ``au moins le niveau de 2022``.
    NOT_BELOW = "au moins le niveau de"
    #: At most the baseline's level: ``au plus le niveau de 2022``.
    NOT_ABOVE = "au plus le niveau de"


#: The words of a direction without a size, in canonical text.
_ONLY = {Direction.DECREASE: "en diminution", Direction.INCREASE: "en augmentation"}


def _check_direction(
    instance: object, attribute: attrs.Attribute[Direction], value: object
) -> None:
    if not isinstance(value, Direction):
        raise ConfigurationError(f"Change.direction must be a Direction, got {value!r}")


def _size(value: object) -> Decimal | None:
    return None if value is None else _decimal(value)  # type: ignore[arg-type]


def _check_size(
    instance: Change, attribute: attrs.Attribute[Decimal | None], value: Decimal | None
) -> None:
    if value is None:
        return
    if instance.direction not in (Direction.DECREASE, Direction.INCREASE):
        raise ConfigurationError(
            f"Change.size is the size of a decrease or an increase; a change "
            f"{instance.direction.name} has none"
        )
    if not value.is_finite() or value <= 0 or not math.isfinite(float(value)):
        raise ConfigurationError(f"Change.size must be a finite number > 0, got {_shown(value)}")
    if instance.relative and instance.direction is Direction.DECREASE and value > 100:
        raise ConfigurationError(
            f"a decrease of {format_amount(value)} % would go below zero: at most 100 %"
        )


def _check_baseline(
    instance: Change, attribute: attrs.Attribute[Period | None], value: object
) -> None:
    if value is None:
        if instance.direction in (Direction.NOT_BELOW, Direction.NOT_ABOVE):
            raise ConfigurationError(
                "a level against a baseline (au moins le niveau de …) needs its baseline year"
            )
        return
    if not isinstance(value, Period):
        raise ConfigurationError(f"Change.baseline must be a Period or None, got {value!r}")
    if not _whole_years(value):
        raise ConfigurationError(
            f"Change.baseline must be a year or whole years (2022, 2015-2019), got {value}"
        )


def _years(period: Period) -> str:
    """A baseline as canonical text writes it: ``2022``, ``2015-2019``."""
    first, last = period.start.year, period.end.year
    return f"{first:04d}" if first == last else f"{first:04d}-{last:04d}"


def years_text(period: Period) -> str:
    """A period as messages and reports write it: whole years as a baseline is written
    (``2022``, ``2015-2019``), any other period in its ISO form.

    >>> years_text(years_period("2015-2019")), years_text(Period.parse("2023-Q1"))
    ('2015-2019', '2023-Q1')
    """
    return _years(period) if _whole_years(period) else str(period)


def years_period(text: str) -> Period:
    """The period of a baseline's years: ``2022``, ``2015-2019`` (``2015/2019``).

    >>> years_period("2015-2019")
    Period('2015-01-01/2019-12-31')
    """
    first, _, last = text.replace("–", "-").replace("/", "-").partition("-")
    first_year, last_year = int(first), int(last or first)
    if first_year < 1 or last_year < 1:
        raise ConfigurationError(f"the years {text!r} are not years from 1 to 9999")
    if last_year < first_year:
        raise ConfigurationError(f"the years {text!r} are not in order")
    from datetime import date

    return Period(date(first_year, 1, 1), date(last_year, 12, 31))


@attrs.frozen(repr=False)
class Change(Target):
    """A change against a baseline: a decrease or an increase, staying level, or a level.

    * with a size: ``diminution de 10 %`` (``relative``: a share of the baseline),
      ``hausse de 3 points`` (points of a percentage: ``unit`` is ``%``),
      ``réduction de 20 faits`` (in the indicator's own terms);
    * a direction only: ``en diminution``, ``en hausse`` — met beyond the tolerance
      (:attr:`Bands.tolerance`);
    * staying level: ``stabilisation`` — met within the tolerance;
    * a level: ``au moins le niveau de 2022`` (:attr:`Direction.NOT_BELOW`).

    ``baseline`` is the year (or years, whose mean per year counts) the change is
    measured from; ``None`` means the period of the same length just before the
    reporting period. Evaluate with :meth:`Target.evaluate` and ``baseline=``; the
    achievement is the achieved change ÷ the targeted change.

    >>> t = parse_target("daling met 10 % t.o.v. 2019")
    >>> t
    Change('diminution de 10 % par rapport à 2019')
    >>> t.direction, t.size, t.relative, t.baseline
    (<Direction.DECREASE: 'diminution'>, Decimal('10'), True, Period('2019'))
    >>> ev = t.evaluate(Measurement(value=85, period="2023"), baseline=Measurement(value=100, period="2019"))
    >>> ev.status, ev.expected, ev.achievement
    (<Status.MET: 'met'>, 90.0, 1.5)
    >>> t.evaluate(Measurement(value=85, period="2023"))
    Traceback (most recent call last):
      ...
    cssindicators.errors.MeasurementError: the change target 'diminution de 10 % par rapport à 2019' needs a baseline: the value of 2019
    """

    direction: Direction = attrs.field(validator=_check_direction)
    size: Decimal | None = attrs.field(default=None, converter=_size, validator=_check_size)
    #: Whether ``size`` is a percentage of the baseline (``diminution de 10 %``).
    relative: bool = attrs.field(default=False)
    unit: Unit | None = None
    per: TimeUnit | None = None
    baseline: Period | None = attrs.field(default=None, validator=_check_baseline)
    #: What a percentage is a share of, as written: ``des faits``.
    of: str | None = _of_field()
    #: The note written in brackets after the target.
    note: str | None = _note_field()

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.relative, bool):
            raise ConfigurationError(
                f"Change.relative must be True or False, got {self.relative!r}"
            )
        if self.relative and self.size is None:
            raise ConfigurationError("Change.relative says the size is a percentage: give a size")
        if self.relative and self.per is not None:
            raise ConfigurationError(
                "a change in % per period is ambiguous (once, or each period, compounded?): "
                "give the whole change against the baseline, without a period"
            )
        if self.relative and self.unit is not None:
            raise ConfigurationError(
                "a change in % of the baseline has no unit: the values are counted as they are"
            )
        if self.of is not None and not self.relative:
            raise ConfigurationError(
                "Change.of names what a change in % is a share of (diminution de 10 % des "
                "faits): give a size in % (relative=True)"
            )
        if self.size is None and self.unit is not None:
            raise ConfigurationError(
                "a change without a size has no unit: its values are counted as they are"
            )

    def _parts(self) -> dict[str, str]:
        parts = {"direction": self.direction.name.lower().replace("_", " ")}
        if self.size is not None:
            parts["size"] = format_amount(self.size) + (" %" if self.relative else "")
        parts["compared with"] = (
            "the period before" if self.baseline is None else _years(self.baseline)
        )
        return parts

    def __str__(self) -> str:
        direction, size = self.direction, self.size
        if direction in (Direction.NOT_BELOW, Direction.NOT_ABOVE):
            assert self.baseline is not None
            text = f"{direction.value} {_years(self.baseline)}" + _suffix(
                Decimal(2), None, self.per
            )
            return self._text(text)
        if size is None:
            text = _ONLY.get(direction, direction.value) + _suffix(Decimal(2), None, self.per)
        elif self.relative:
            text = f"{direction.value} de {format_amount(size)} %" + _suffix(
                size, None, self.per, self.of
            )
        elif self.unit is not None and self.unit.kind is UnitKind.PERCENT:
            points = "points" if size >= 2 else "point"
            text = f"{direction.value} de {format_amount(size)} {points}" + _suffix(
                size, None, self.per
            )
        else:
            text = f"{direction.value} de {format_amount(size)}" + _suffix(
                size, self.unit, self.per, self.of
            )
        if self.baseline is not None:
            text += f" par rapport à {_years(self.baseline)}"
        return self._text(text)

    @property
    def baseline_text(self) -> str:
        """The baseline period in words, for messages.

        >>> parse_target("en baisse").baseline_text
        'the period of the same length before the measured one'
        """
        if self.baseline is None:
            return "the period of the same length before the measured one"
        return _years(self.baseline)

    def format_change(self, change: float) -> str:
        """An observed change as reports show it (see :attr:`Evaluation.change`).

        >>> parse_target("diminution de 10 %").format_change(-0.052)
        '-5,2 %'
        >>> parse_target("réduction de 20 faits").format_change(-12.0)
        '-12 faits'
        """
        sign = "+" if change > 0 else ""
        if self.size is not None and not self.relative:
            if self.unit is not None and self.unit.kind is UnitKind.PERCENT:
                return f"{sign}{format_number(change)} points"
            return sign + format_number(change) + _suffix(Decimal(2), self.unit, None)
        return f"{sign}{format_number(change * 100)} %"

    def _observe(self, measurement: Measurement) -> float:
        try:
            return super()._observe(measurement)
        except MeasurementError:
            unit = measurement.unit
            if self.unit is None and unit is not None and _parse_unit_cached(unit) == PERCENT:
                raise MeasurementError(
                    f"the values are in %, but the change target {str(self)!r} reads values "
                    "that add up (counts, durations): the change of a percentage is written "
                    "in points ('hausse de 3 points')"
                ) from None
            raise

    def baseline_of(self, measurement: Measurement, baseline: Measurement | None) -> float:
        """The baseline in the terms of ``measurement``'s observed value: read like it
        (unit, per the target's period), and for a total, its mean per period of the
        measured length when it covers several (a baseline of 2015-2019 against 2023).
        Raises :class:`~cssindicators.errors.MeasurementError` when there is none, when
        the lengths do not divide, or when a size in % meets a baseline of 0."""
        if baseline is None:
            raise MeasurementError(
                f"the change target {str(self)!r} needs a baseline: the value of "
                f"{self.baseline_text}"
            )
        given, measured = baseline.period, measurement.period
        if given is not None and measured is not None and given.overlaps(measured):
            raise MeasurementError(
                f"the baseline over {given} overlaps the measured period {measured}: a value "
                "cannot be compared with itself"
            )
        named = self.baseline
        if (
            given is not None
            and named is not None
            and not (named.start <= given.start and given.end <= named.end)
        ):
            raise MeasurementError(
                f"a baseline over {given}, but the change target {str(self)!r} is compared "
                f"with {_years(named)}"
            )
        base = self._observe(baseline)
        if not self.is_rate and self.adds_up:
            base_period = baseline.period or self.baseline
            measured = measurement.period
            if base_period is not None and measured is not None:
                base = base / periods_ratio(base_period, measured)
        if self.relative and base == 0:
            raise MeasurementError(zero_baseline(self))
        return base

    def _judge(
        self, observed: Any, xp: Any, baseline: Any = None, tolerance: float = 0.05
    ) -> tuple[Any, Any, Any]:
        base = baseline
        direction, size = self.direction, self.size
        if direction is Direction.NOT_BELOW:
            return Comparator.AT_LEAST.holds(observed, base, xp), base, _ratio(observed, base, xp)
        if direction is Direction.NOT_ABOVE:
            return Comparator.AT_MOST.holds(observed, base, xp), base, _ratio(base, observed, xp)
        if size is None:
            zero = base == 0
            with xp.errstate(divide="ignore", invalid="ignore"):
                share = (observed - base) / xp.where(zero, 1.0, base)
            share = xp.where(zero, xp.where(observed == 0, 0.0, math.inf), share)
            # (the edge of the tolerance is within it, as computed: 1.05 against 1.0 is
            # a change of 0.050000000000000044, 5 %)
            if direction is Direction.DECREASE:
                met = Comparator.LESS_THAN.holds(share, -tolerance, xp)
                expected = base * (1 - tolerance)
            elif direction is Direction.INCREASE:
                met = Comparator.MORE_THAN.holds(share, tolerance, xp)
                expected = base * (1 + tolerance)
            else:
                met, expected = Comparator.AT_MOST.holds(abs(share), tolerance, xp), base
            return met, expected + 0.0 * observed, xp.where(met, 1.0, 0.0)
        amount = float(size)
        step = base * amount / 100 if self.relative else amount + 0.0 * base
        if direction is Direction.DECREASE:
            expected = base - step
            met = Comparator.AT_MOST.holds(observed, expected, xp)
        else:
            expected = base + step
            met = Comparator.AT_LEAST.holds(observed, expected, xp)
        with xp.errstate(divide="ignore", invalid="ignore"):
            achievement = (observed - base) / (expected - base)
        return met, expected, achievement


def periods_ratio(baseline: Period, measured: Period | float) -> int:
    """How many periods of the measured length (a period, or its length in months) the
    baseline covers: 1 for periods of equal length (two years), 5 for 2015-2019 against
    2023. Raises :class:`~cssindicators.errors.MeasurementError` when it is not a whole
    number.

    >>> periods_ratio(years_period("2015-2019"), years_period("2023"))
    5
    """
    months = measured if isinstance(measured, float) else measured.months()
    what = (
        f"the measured rows ({format_number(months)} months)"
        if isinstance(measured, float)
        else f"the measured period {measured}"
    )
    ratio = baseline.months() / months if months > 0 else 0.0
    if isinstance(measured, Period) and not (_whole_months(baseline) and _whole_months(measured)):
        ratio = baseline.days / measured.days  # weeks, days: lengths in days
    whole = round(ratio)
    if whole < 1 or not math.isclose(ratio, whole, rel_tol=1e-6):
        raise MeasurementError(
            f"the baseline {years_text(baseline)} and "
            f"{what} are not comparable: a total over {format_number(baseline.months())} "
            f"months cannot be compared with one over {format_number(months)}; measure "
            "periods of equal length (or a baseline of whole multiples of the measured period)"
        )
    return whole


def _whole_months(period: Period) -> bool:
    end = period.end
    next_day = end.toordinal() + 1
    from datetime import date

    return period.start.day == 1 and date.fromordinal(next_day).day == 1


def _whole_years(period: Period) -> bool:
    return (period.start.month, period.start.day, period.end.month, period.end.day) == (
        1,
        1,
        12,
        31,
    )


def zero_baseline(target: Change) -> str:
    """Why a change in % cannot be computed from a baseline of 0.

    >>> print(zero_baseline(parse_target("+ 10 %")))
    the baseline is 0: a change of 10 % of 0 cannot be computed for 'augmentation de 10 %'; write the change as a number (augmentation de 5) or a direction (en hausse)
    """
    return (
        f"the baseline is 0: a change of {format_amount(target.size or Decimal(0))} % of 0 "
        f"cannot be computed for {str(target)!r}; write the change as a number "
        "(augmentation de 5) or a direction (en hausse)"
    )


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
    "WORKING_DAY": TimeUnit.WORKING_DAY,
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


class _Share(NamedTuple):
    """A percentage that names what it is a share of: ``% des dossiers``."""

    of: str


class _Amount(NamedTuple):
    """An amount as read: its number, unit, share and where it starts."""

    value: Decimal
    unit: Unit | None
    of: str | None
    position: int


class _Size(NamedTuple):
    """The size of a change as read: ``10 %``, ``3 points``, ``20 faits``."""

    value: Decimal
    relative: bool
    unit: Unit | None
    of: str | None
    position: int


#: The numbers of times written in words.
_MULTIPLES = {
    "once": 1, "twice": 2, "thrice": 3, "une fois": 1, "deux fois": 2, "trois fois": 3,
    "eenmaal": 1, "tweemaal": 2, "driemaal": 3, "een keer": 1, "één keer": 1,
    "twee keer": 2, "drie keer": 3,
}  # fmt: skip
#: The words of a direction only that mean up; the others mean down.
_UPWARD = ("augmentation", "hausse", "progression", "stijgend", "toenemend", "increasing", "rising")
#: How many months one unit of time holds on average: equivalents are compared with it.
_MEAN_MONTHS = {
    TimeUnit.YEAR: 12.0, TimeUnit.SEMESTER: 6.0, TimeUnit.QUARTER: 3.0,
    TimeUnit.MONTH: 1.0, TimeUnit.WEEK: 7 * 12 / 365.25, TimeUnit.DAY: 12 / 365.25,
    TimeUnit.WORKING_DAY: 12 / 253.75,
}  # fmt: skip
#: A year in a note: after a change target, a second baseline (refused).
_YEAR_IN_NOTE = re.compile(r"(?<![0-9])(?:1[89]|2[0-9])[0-9]{2}(?![0-9])")
#: How far an equivalent may be from its rule and still agree: a rounding of 5 %.
EQUIVALENT_TOLERANCE = 0.05


def _duration(text: str) -> tuple[Decimal, Unit]:
    """``1h30``, ``1 h 30``, ``1:30`` as an amount: hours when exact, else minutes."""
    digits = [int(part) for part in "".join(c if c.isdigit() else " " for c in text).split()]
    hours, minutes = digits[0], digits[1]
    total = hours * 60 + minutes
    if total % 3 == 0:  # a whole number of 3 minutes is exact in hours (0,05 h)
        return Decimal(total) / 60, HOURS
    return Decimal(total), MINUTES


def _per_month(amount: Decimal, per: TimeUnit | None) -> float | None:
    return None if per is None else float(amount) / _MEAN_MONTHS[per]


class _Build:
    """The grammar's callbacks: each builds a rule object, or a part, from its children."""

    def target(self, children: list[Any]) -> Target:
        rule, equivalent, notes = children
        notes = notes or []
        if equivalent is not None:
            _agree(rule, equivalent)
        kept = None
        for note in notes:
            if isinstance(rule, Change) and _YEAR_IN_NOTE.search(str(note)):
                # after a change, a note that names its baseline is its baseline
                baseline = _grammar.parse_or_none(_get_parser(), str(note), "baseline_note")
                if baseline is None or rule.baseline is not None:
                    raise _grammar.SemanticError(
                        f"the note {str(note)!r} of a change names a year: write the "
                        "baseline once, as 'par rapport à 2022' or '(référence 2022)'",
                        note.start_pos,
                    )
                rule = attrs.evolve(rule, baseline=baseline)
            elif kept is not None:
                raise _grammar.SemanticError(
                    f"a target has one note in brackets, got {str(kept)!r} and {str(note)!r}",
                    note.start_pos,
                )
            else:
                kept = note
        if kept is not None:
            rule = attrs.evolve(rule, note=str(kept)[1:-1].strip() or None)
        result: Target = rule
        return result

    def notes(self, children: list[Any]) -> list[Any]:
        return children

    def unit_text(self, children: list[Unit]) -> Unit:
        (unit,) = children
        if isinstance(unit, _Share):
            return PERCENT
        return unit

    def answer(self, children: list[Any]) -> bool:
        return _ANSWERS[children[0].type]

    def amount(self, children: list[Any]) -> _Amount:
        token = children[0]
        if token.type == "DURATION":
            value, unit = _duration(str(token))
            return _Amount(value, unit, None, token.start_pos)
        if token.type == "MULTIPLE":
            return _Amount(
                Decimal(_MULTIPLES[" ".join(str(token).lower().split())]),
                TIMES,
                None,
                token.start_pos,
            )
        unit = children[1]
        if isinstance(unit, _Share):
            return _Amount(_amount(token), PERCENT, unit.of, token.start_pos)
        return _Amount(_amount(token), unit, None, token.start_pos)

    def threshold(self, children: list[Any]) -> Threshold:
        comparator, amount, per = children
        return Threshold(
            comparator or Comparator.AT_LEAST, amount.value, amount.unit, per and per.unit,
            of=amount.of,
        )  # fmt: skip

    def equivalent(self, children: list[Any]) -> tuple[Threshold, int, bool]:
        return self.threshold(children), children[1].position, children[0] is not None

    def range(self, children: list[Any]) -> Between:
        start, low, low_unit, low_per, _, high, high_unit, high_per = children
        low_of = low_unit.of if isinstance(low_unit, _Share) else None
        high_of = high_unit.of if isinstance(high_unit, _Share) else None
        low_unit = PERCENT if isinstance(low_unit, _Share) else low_unit
        high_unit = PERCENT if isinstance(high_unit, _Share) else high_unit
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
        if low_of is not None and high_of is not None and low_of != high_of:
            raise _grammar.SemanticError(
                f"both bounds of a range must be shares of the same thing, got {low_of!r} "
                f"and {high_of!r}",
                start.start_pos,
            )
        low_amount, high_amount = _amount(low), _amount(high)
        if low_amount > high_amount:
            raise _grammar.SemanticError(
                f"the low bound {format_amount(low_amount)} exceeds the high bound "
                f"{format_amount(high_amount)}",
                low.start_pos,
            )
        per = high_per or low_per
        return Between(
            low_amount, high_amount, high_unit or low_unit, per and per.unit,
            of=high_of or low_of,
        )  # fmt: skip

    def yes_no(self, children: list[Any]) -> YesNo:
        return YesNo()

    def change(self, children: list[Any]) -> Change:
        word = children[0]
        size = next((c for c in children[1:] if isinstance(c, _Size)), None)
        per = next((c for c in children[1:] if isinstance(c, _Per)), None)
        baseline = next((c for c in children[1:] if isinstance(c, Period)), None)
        kind, text = word.type, " ".join(str(word).lower().split())
        if kind == "STABLE":
            direction = Direction.STABLE
        elif kind == "DIRECTION":
            direction = Direction.INCREASE if text.endswith(_UPWARD) else Direction.DECREASE
        elif kind == "SIGN":
            direction = Direction.INCREASE if text == "+" else Direction.DECREASE
        else:
            direction = Direction.DECREASE if kind == "DOWN" else Direction.INCREASE
        if size is None:
            return Change(direction, per=per and per.unit, baseline=baseline)
        if size.relative and direction is Direction.DECREASE and size.value > 100:
            raise _grammar.SemanticError(
                f"a decrease of {format_amount(size.value)} % would go below zero: at most 100 %",
                size.position,
            )
        if not math.isfinite(float(size.value)):
            raise _grammar.SemanticError(
                "the size of the change is too large: beyond the largest number (about 1.8e308)",
                size.position,
            )
        if size.value == 0:
            raise _grammar.SemanticError(
                "a change of 0 is no change: write stabilisation, or au moins le niveau de …",
                size.position,
            )
        if size.relative and per is not None:
            raise _grammar.SemanticError(
                f"a change of {format_amount(size.value)} % per {per.unit.name.lower()} is "
                "ambiguous "
                "(once, or each period, compounded?): write the whole change against the "
                "baseline (augmentation de 16 % par rapport à 2020)",
                per.position,
            )
        return Change(
            direction, size.value, size.relative, size.unit, per and per.unit, baseline,
            of=size.of,
        )  # fmt: skip

    def change_size(self, children: list[Any]) -> _Size:
        number, unit = children
        value, position = _amount(number), number.start_pos
        if isinstance(unit, _Share):
            return _Size(value, True, None, unit.of, position)
        if unit is _POINTS:  # points of a percentage: the values are percentages
            return _Size(value, False, PERCENT, None, position)
        if unit == PERCENT:
            return _Size(value, True, None, None, position)
        return _Size(value, False, unit, None, position)

    def change_unit(self, children: list[Any]) -> Unit | _Share | str:
        (child,) = children
        if isinstance(child, (Unit, _Share)):
            return child
        return _POINTS

    def level(self, children: list[Any]) -> Change:
        comparator, years, per = children
        if comparator is Comparator.AT_LEAST:
            direction = Direction.NOT_BELOW
        elif comparator is Comparator.AT_MOST:
            direction = Direction.NOT_ABOVE
        else:
            raise _grammar.SemanticError(
                "a level against a baseline is at least (au moins) or at most (au plus) it",
                years.start_pos,
            )
        return Change(direction, per=per and per.unit, baseline=_years_of(years))

    def baseline(self, children: list[Any]) -> Period:
        (token,) = children
        return _years_of(token)

    def baseline_note(self, children: list[Any]) -> Period:
        (token,) = children
        return _years_of(token)

    def comparator(self, children: list[Any]) -> Comparator:
        return _COMPARATORS[children[0].type]

    def unit(self, children: list[Any]) -> Unit | _Share:
        (child,) = children
        return child if isinstance(child, (Unit, _Share)) else _UNITS[child.type]

    def label(self, children: list[Any]) -> Unit:
        return Unit(UnitKind.COUNT, " ".join(children))

    def share(self, children: list[Any]) -> _Share:
        words = " ".join(" ".join(str(c).split()) for c in children[1:])
        return _Share(words.replace("' ", "'").replace("’ ", "’"))

    def per(self, children: list[Any]) -> _Per:
        (child,) = children
        return child if isinstance(child, _Per) else _Per(_PERIODS[child.type], child.start_pos)

    def period(self, children: list[Any]) -> _Per:
        (token,) = children
        return _Per(_PERIODS[token.type], token.start_pos)


#: What a change's size in points reads as, before it becomes a unit of %.
_POINTS = "points"


def _years_of(token: Any) -> Period:
    """The period of a ``YEARS`` or ``BASE_NOTE`` token; years out of order are an error."""
    text = str(token)
    digits = "".join(c if c.isdigit() else " " for c in text).split()
    years = "-".join(digits)
    try:
        return years_period(years)
    except ConfigurationError as error:
        reason = str(error).replace("the years", "the baseline years", 1)
        raise _grammar.SemanticError(reason, token.start_pos) from None


def _agree(rule: Target, equivalent: tuple[Threshold, int, bool]) -> None:
    """Raise a semantic error unless the equivalent says what the rule says (within
    :data:`EQUIVALENT_TOLERANCE`): the same comparator, a convertible unit, and the same
    amount per month on average."""
    other, position, compared = equivalent
    if not isinstance(rule, Threshold):
        raise _grammar.SemanticError(
            "an equivalent (soit …) can only follow a threshold such as '≥ 12 par an'", position
        )
    if compared and other.comparator is not rule.comparator:
        raise _grammar.SemanticError(
            f"the equivalent {str(other)!r} does not agree with {str(rule)!r}: "
            "their comparators differ",
            position,
        )
    try:
        amount = float(other.amount)
        if other.unit is not None or rule.unit is not None:
            amount = (other.unit or TIMES).convert(amount, rule.unit)
    except MeasurementError:
        raise _grammar.SemanticError(
            f"the equivalent {str(other)!r} does not agree with {str(rule)!r}: its unit differs",
            position,
        ) from None
    mine = _per_month(rule.amount, rule.per)
    theirs = _per_month(Decimal(repr(amount)), other.per)
    if (mine is None) != (theirs is None):
        agree = False
    elif mine is None or theirs is None:
        agree = math.isclose(float(rule.amount), amount, rel_tol=EQUIVALENT_TOLERANCE)
    else:
        agree = math.isclose(mine, theirs, rel_tol=EQUIVALENT_TOLERANCE)
    if not agree:
        said = ""
        if other.per is not None and rule.per is not None:
            converted = mine * _MEAN_MONTHS[other.per] if mine is not None else 0.0
            about = format_number(converted) + _suffix(Decimal(2), rule.unit, other.per)
            said = f" ({str(rule)!r} is about {about})"
        raise _grammar.SemanticError(
            f"the equivalent {str(other)!r} does not agree with {str(rule)!r}{said}", position
        )


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
