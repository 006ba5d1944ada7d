"""The bulk path: targets evaluated over columns of rows, without an object per row.

This module needs numpy; it is imported only by the bulk functions of
:mod:`cssindicators.scoring` (:func:`~cssindicators.scoring.evaluate_many`,
:func:`~cssindicators.scoring.score_frame`), never by ``import cssindicators``.

It gives the same results as the scalar path (``scoring._evaluate_rows``), which a
property test checks, by doing the same arithmetic in the same order:

* the distinct texts of a column (periods, units, indicator ids, group labels, text
  values) are few: each is factorised, and read once with the scalar functions
  (:func:`~cssindicators.periods.parse_period`, ``Period.length``,
  :func:`~cssindicators.measurements.parse_value`, ``Unit.convert``);
* rows are added up with :func:`numpy.bincount`, which adds in row order, as the
  scalar path does;
* whether an observed value meets a comparison is decided by the scalar
  :meth:`~cssindicators.targets.Comparator.holds`, once: the set of values that meet it
  is an interval of floats, whose bounds are found by bisection on their bits;
* the reason of an invalid row is the scalar path's own text, computed once per
  distinct (value, unit, period).
"""

from __future__ import annotations

import ctypes
import math
import struct
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, cast

import attrs
import numpy as np
from numpy.typing import NDArray

from cssindicators.errors import MeasurementError, PeriodError
from cssindicators.measurements import Measurement, parse_value
from cssindicators.periods import Period, parse_period
from cssindicators.scoring import (
    NO_PERIOD_TWICE,
    OVERLAP,
    SAME_PERIOD,
    TOO_LARGE,
    UNDATED,
    is_additive,
    row_reason,
    touching,
)
from cssindicators.targets import (
    Bands,
    Between,
    Comparator,
    Status,
    Target,
    Threshold,
    YesNo,
    parse_unit,
)

#: Status codes: positions in :class:`~cssindicators.targets.Status`.
STATUSES = tuple(Status)
MET, PARTIAL, NOT_MET, NOT_MEASURED, INVALID = (STATUSES.index(s) for s in STATUSES)
#: What became of each input row.
USED, SUPERSEDED, REJECTED = 0, 1, 2
#: The reason of a row whose value is missing (an empty cell, ``None`` or NaN).
NO_VALUE = "no value"

Ints = NDArray[np.intp]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]


# ---------------------------------------------------------------- columns


def _objects(column: Any) -> NDArray[np.object_]:
    """A column (list, numpy array, pandas Series) as a numpy array of Python objects."""
    to_numpy = getattr(column, "to_numpy", None)
    if to_numpy is not None:
        return np.asarray(to_numpy(dtype=object))
    array = np.asarray(column, dtype=object)
    return array.reshape(len(array))


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def factorize(column: Any) -> tuple[Ints, list[Any]]:
    """Codes of a column's values and the distinct values, in order of first appearance.

    Missing values (``None``, NaN) get code -1. Uses pandas when it is installed (a
    hash table in C), else a dictionary.

    >>> codes, uniques = factorize(["2023-01", None, "2023-02", "2023-01"])
    >>> codes.tolist(), uniques
    ([0, -1, 1, 0], ['2023-01', '2023-02'])
    """
    try:
        import pandas
    except ImportError:
        pandas = None
    if pandas is not None:
        dtype = getattr(column, "dtype", None)
        if isinstance(dtype, pandas.StringDtype) and dtype.storage != "python":
            codes, uniques = pandas.factorize(column)  # Arrow strings: no Python objects
        elif isinstance(column, np.ndarray) and column.dtype.kind in "iuf":
            codes, uniques = pandas.factorize(column)
        else:
            return _factorize_objects(_objects(column), pandas)
        return np.asarray(codes, dtype=np.intp), list(uniques)
    seen: dict[Any, int] = {}
    objects = _objects(column)
    codes = np.empty(len(objects), dtype=np.intp)
    for i, value in enumerate(objects.tolist()):
        codes[i] = -1 if _missing(value) else seen.setdefault(value, len(seen))
    return codes, list(seen)


def _factorize_objects(objects: NDArray[np.object_], pandas: Any) -> tuple[Ints, list[Any]]:
    """Factorise Python objects: by identity first, then by value among the distinct ones.

    A column read by ``pandas.read_csv`` holds one string object per distinct text (the
    parser shares them), so hashing the objects' addresses, which the array stores, is
    several times faster than hashing their texts; equal texts held by different objects
    are then merged by value. Addresses are read, never followed.
    """
    if len(objects) < 1024 or sys.implementation.name != "cpython":
        codes, uniques = pandas.factorize(objects)
        return np.asarray(codes, dtype=np.intp), list(uniques)
    objects = np.ascontiguousarray(objects)
    addresses = np.ctypeslib.as_array(
        (ctypes.c_ssize_t * len(objects)).from_address(objects.ctypes.data)
    )
    identity, distinct = pandas.factorize(addresses)
    where = np.empty(len(distinct), dtype=np.intp)
    where[identity] = np.arange(len(objects), dtype=np.intp)  # a row holding each one
    by_value, uniques = pandas.factorize(objects[where])  # in order of first appearance
    return np.asarray(by_value, dtype=np.intp)[identity], list(uniques)


@attrs.frozen(eq=False)
class Periods:
    """A period column, factorised: codes into ``table`` (equal periods share a code).

    Code -1 is a row without a period; code ``-2 - k`` a text that is not a period,
    whose error is ``errors[k]``. ``starts``/``ends`` are day ordinals of the table.
    """

    codes: Ints
    table: list[Period]
    errors: list[str]
    starts: NDArray[np.int64]
    ends: NDArray[np.int64]

    @classmethod
    def of(cls, column: Any) -> Periods:
        raw, uniques = factorize(column)
        table: list[Period] = []
        errors: list[str] = []
        canonical: dict[Period, int] = {}
        remap = np.empty(len(uniques) + 1, dtype=np.intp)
        remap[-1] = -1  # raw code -1 (missing) stays -1
        for k, value in enumerate(uniques):
            if isinstance(value, str) and not value.strip():
                remap[k] = -1
                continue
            try:
                period = value if isinstance(value, Period) else parse_period(value)
            except PeriodError as error:
                errors.append(str(error))
                remap[k] = -2 - (len(errors) - 1)
                continue
            if period not in canonical:
                canonical[period] = len(table)
                table.append(period)
            remap[k] = canonical[period]
        return cls(
            remap[raw],
            table,
            errors,
            np.array([p.start.toordinal() for p in table], dtype=np.int64),
            np.array([p.end.toordinal() for p in table], dtype=np.int64),
        )

    def take(self, rows: Ints | slice) -> Periods:
        return attrs.evolve(self, codes=self.codes[rows])

    def touching(self) -> Bools:
        """For each period of the table, whether another one of the table overlaps it
        (the table holds distinct periods, few: the scalar path's sweep serves)."""
        spans = list(zip(self.starts.tolist(), self.ends.tolist(), strict=True))
        return np.array(touching(spans), dtype=bool)


@attrs.frozen(eq=False)
class Values:
    """A value column: numbers as floats, and the objects the scalar path would hold.

    ``numbers`` is NaN where a value is missing or not a number. A numeric column keeps
    its elements in ``raw``; a column of objects is factorised (``codes``), and its
    distinct values are read once (``uniques``, as the scalar path holds them) into
    small tables, from which any selection of rows is expanded.
    """

    raw: Any
    numbers: Floats
    missing: Bools
    not_number: Bools
    codes: Ints | None = None
    uniques: list[Any] | None = None
    #: For a column of objects: number, blank and not-a-number of each distinct value,
    #: and of a missing one (the last entry, for code -1).
    tables: tuple[Floats, Bools, Bools] | None = None

    @classmethod
    def of(cls, column: Any) -> Values:
        array = column.to_numpy() if hasattr(column, "to_numpy") else np.asarray(column)
        if array.dtype.kind in "iuf":
            return cls._numeric(array)
        codes, uniques = factorize(column)
        parsed = [parse_value(u) if isinstance(u, str) else u for u in uniques]
        is_number = [
            isinstance(p, (int, float, Decimal)) and not isinstance(p, bool) for p in parsed
        ]
        numbers = [float(p) if n else math.nan for p, n in zip(parsed, is_number, strict=True)]
        blank = np.array([isinstance(p, str) and not p for p in parsed] + [True])
        flags = np.array([not n for n in is_number] + [False]) & ~blank
        return cls._expand(codes, parsed, (np.array([*numbers, math.nan]), blank, flags))

    @classmethod
    def _numeric(cls, raw: Any) -> Values:
        numbers = np.asarray(raw, dtype=np.float64)
        return cls(raw, numbers, np.isnan(numbers), np.zeros(len(numbers), dtype=bool))

    @classmethod
    def _expand(
        cls, codes: Ints, uniques: list[Any], tables: tuple[Floats, Bools, Bools]
    ) -> Values:
        numbers, blank, flags = tables
        return cls(None, numbers[codes], blank[codes], flags[codes], codes, uniques, tables)

    def take(self, rows: Ints | slice) -> Values:
        """The values of some rows (a slice is a view)."""
        if self.codes is not None and self.uniques is not None and self.tables is not None:
            return self._expand(self.codes[rows], self.uniques, self.tables)
        return self._numeric(self.raw[rows])

    def item(self, row: int) -> Any:
        """The value of a row as the scalar path holds it."""
        if self.codes is not None and self.uniques is not None:
            return self.uniques[self.codes[row]]
        return self.raw[row].item()


@attrs.frozen(eq=False)
class Units:
    """A unit column, factorised (code -1: no unit, the target's own)."""

    codes: Ints
    table: list[str]

    @classmethod
    def of(cls, column: Any | None, size: int) -> Units:
        if column is None:
            return cls(np.full(size, -1, dtype=np.intp), [])
        codes, uniques = factorize(column)
        table = [str(u).strip() for u in uniques]
        blank = np.array([not t for t in table] + [True])
        return cls(np.where(blank[codes], -1, codes), table)

    def take(self, rows: Ints | slice) -> Units:
        return attrs.evolve(self, codes=self.codes[rows])


# ---------------------------------------------------------------- judging


def _bits(x: float) -> int:
    bits: int = struct.unpack("<q", struct.pack("<d", x))[0]
    return bits


def _float(bits: int) -> float:
    value: float = struct.unpack("<d", struct.pack("<q", bits))[0]
    return value


def _first(holds: Callable[[float], bool], low: float, high: float) -> float:
    """The least float of ``[low, high]`` (both ≥ 0) where ``holds`` turns true.

    ``holds`` must be false then true along the interval, and true at ``high``.
    """
    if holds(low):
        return low
    a, b = _bits(low), _bits(high)  # non-negative floats are ordered as their bits
    while b - a > 1:
        middle = (a + b) // 2
        if holds(_float(middle)):
            b = middle
        else:
            a = middle
    return _float(b)


def _above(amount: float) -> float:
    return min(2 * amount + 1, 1e308)


def _at_least(comparator: Comparator, amount: float) -> float:
    """The least observed value that meets ``≥``, ``>`` or ``=`` amount."""
    start = amount if comparator is Comparator.MORE_THAN else 0.0
    end = _above(amount) if comparator is Comparator.MORE_THAN else amount
    return _first(lambda x: comparator.holds(x, amount), start, end)


def _beyond(comparator: Comparator, amount: float) -> float:
    """The least observed value past those that meet ``≤``, ``<`` or ``=`` amount."""
    start = 0.0 if comparator is Comparator.LESS_THAN else amount
    end = amount if comparator is Comparator.LESS_THAN else _above(amount)
    return _first(lambda x: not comparator.holds(x, amount), start, end)


def _met(target: Threshold | Between, observed: Floats) -> Bools:
    if isinstance(target, Between):
        low = _at_least(Comparator.AT_LEAST, float(target.low))
        return (observed >= low) & (observed < _beyond(Comparator.AT_MOST, float(target.high)))
    comparator, amount = target.comparator, float(target.amount)
    if comparator is Comparator.EQUAL:
        return (observed >= _at_least(comparator, amount)) & (
            observed < _beyond(comparator, amount)
        )
    if comparator.more_is_better:
        return observed >= _at_least(comparator, amount)
    return observed < _beyond(comparator, amount)


def _ratio(numerator: Floats | float, denominator: Floats | float) -> Floats:
    """The scalar ratio of achievement, element-wise: 0/0 is 1, x/0 is infinite."""
    numerator, denominator = (
        np.asarray(numerator, dtype=float),
        np.asarray(denominator, dtype=float),
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = numerator / denominator
    zero = np.where(numerator == 0, 1.0, math.inf)
    result: Floats = np.where(denominator == 0, zero, ratio)
    return result


def judge(
    target: Threshold | Between, observed: Floats, bands: Bands
) -> tuple[NDArray[np.int8], Floats, Floats]:
    """Status codes, expected amounts and achievements of numeric observed values.

    >>> import cssindicators as ci
    >>> codes, expected, achievement = judge(ci.parse_target("≥ 12 par an"), np.array([12.0, 7.0, 3.0]), ci.Bands())
    >>> [STATUSES[c].value for c in codes], achievement.round(3).tolist()
    (['met', 'partial', 'not met'], [1.0, 0.583, 0.25])
    """
    with np.errstate(invalid="ignore"):
        met = _met(target, observed)
    if isinstance(target, Between):
        low, high = float(target.low), float(target.high)
        below = ~met & (observed < low)
        expected = np.where(met | below, low, high)
        achievement = np.where(
            met, 1.0, np.where(below, _ratio(observed, low), _ratio(high, observed))
        )
    else:
        amount = float(target.amount)
        expected = np.full(len(observed), amount)
        direction = target.comparator.more_is_better
        if direction is True:
            achievement = _ratio(observed, amount)
        elif direction is False:
            achievement = _ratio(amount, observed)
        else:
            achievement = np.where(
                met, 1.0, np.minimum(_ratio(observed, amount), _ratio(amount, observed))
            )
    with np.errstate(invalid="ignore"):
        partial = achievement >= bands.partial
    codes = np.where(met, MET, np.where(partial, PARTIAL, NOT_MET)).astype(np.int8)
    return codes, expected, achievement


# ---------------------------------------------------------------- one target


@attrs.frozen(eq=False)
class Outcome:
    """What the rows of one target come to, group by group.

    ``status`` … ``achievement`` and ``rows`` (the number of rows used) have one entry
    a group; ``use`` one a row (:data:`USED`, :data:`SUPERSEDED` or :data:`REJECTED`);
    ``problem_rows`` are the rejected rows, in order, and ``reasons`` their reasons.
    """

    status: NDArray[np.int8]
    observed: Floats
    expected: Floats
    achievement: Floats
    rows: NDArray[np.int64]
    use: NDArray[np.int8]
    problem_rows: Ints
    reasons: NDArray[np.object_]


def _first_of_each(keys: Ints) -> tuple[Ints, Ints]:
    """Codes of integer keys (0, 1, … by first appearance) and where each first appears."""
    try:
        import pandas
    except ImportError:
        _, first, codes = np.unique(keys, return_index=True, return_inverse=True)
        order = np.argsort(first, kind="stable")  # renumber by first appearance
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        return rank[codes.reshape(-1)], first[order]
    codes, uniques = pandas.factorize(keys)
    first = np.empty(len(uniques), dtype=np.intp)
    first[codes[::-1]] = np.arange(len(keys) - 1, -1, -1)
    return np.asarray(codes, dtype=np.intp), first


class _Reasons:
    """The reasons of rejected rows, each computed once per distinct case by the scalar
    path, and shared by the rows of that case."""

    def __init__(self, target: Target, values: Values, periods: Periods, units: Units) -> None:
        self.target, self.values, self.periods, self.units = target, values, periods, units
        self.rows: list[Ints] = []
        self.codes: list[Ints] = []
        self.texts: list[str] = []

    def add(
        self, mask: Bools, keys: Ints | Callable[[Ints], Ints] | None, reason: Callable[[int], str]
    ) -> None:
        """Reject the rows of ``mask``; rows with equal keys (a key a row, or a function of
        the rows giving theirs; all rows alike when ``None``) share the reason that
        ``reason`` gives for the first of them."""
        rows = np.flatnonzero(mask)
        if not len(rows):
            return
        if keys is None:
            codes, first = np.zeros(len(rows), dtype=np.intp), np.zeros(1, dtype=np.intp)
        else:
            codes, first = _first_of_each(keys(rows) if callable(keys) else keys[rows])
        self.rows.append(rows)
        self.codes.append(codes + len(self.texts))
        self.texts += [reason(int(rows[i])) for i in first]

    def case_keys(self, rows: Ints) -> Ints:
        """A key for each of ``rows``: equal for rows that the scalar path rejects for the
        same reason: the same value and unit, and a period alike (none, one, or the
        same unreadable text). What evaluation says of a value does not name its period."""
        if self.values.codes is not None:
            value_codes = self.values.codes[rows] + 1
        else:
            value_codes = factorize(self.values.numbers[rows])[0] + 1
        units = self.units.codes[rows] + 1
        codes = self.periods.codes[rows]
        periods = np.where(codes <= -2, -codes, (codes >= 0).astype(np.intp))
        unit_count = len(self.units.table) + 1
        period_count = len(self.periods.errors) + 2
        keys: Ints = (value_codes * unit_count + units) * period_count + periods
        return keys

    def invalid(self, row: int) -> str:
        """The reason of a row that the scalar path rejects on its own."""
        code = int(self.periods.codes[row])
        if code <= -2:
            return self.periods.errors[-2 - code]
        if self.values.missing[row]:
            return NO_VALUE
        unit_code = int(self.units.codes[row])
        measurement = Measurement(
            value=self.values.item(row),
            period=None if code < 0 else self.periods.table[code],
            unit=None if unit_code < 0 else self.units.table[unit_code],
        )
        reason = row_reason(self.target, measurement)
        if reason is None:  # pragma: no cover - the bulk checks mirror the scalar ones
            raise AssertionError(f"row {row} was rejected, but the scalar path accepts it")
        return reason

    def period_text(self, row: int) -> str:
        return str(self.periods.table[int(self.periods.codes[row])])

    def collected(self) -> tuple[Ints, NDArray[np.object_]]:
        texts = np.empty(len(self.texts), dtype=object)
        texts[:] = self.texts
        if not self.rows:
            return np.zeros(0, dtype=np.intp), texts[:0]
        if len(self.rows) == 1:  # one kind of rejection: already in row order
            return self.rows[0], texts[self.codes[0]]
        rows = np.concatenate(self.rows)
        order = np.argsort(rows, kind="stable")
        return rows[order], texts[np.concatenate(self.codes)[order]]


def _converted(target: Target, values: Values, units: Units) -> tuple[Floats, Bools]:
    """Values in the target's unit (as ``Unit.convert`` computes them), and the rows
    whose unit cannot be converted."""
    converted = values.numbers.copy()
    bad = np.zeros(len(converted), dtype=bool)
    for code, text in enumerate(units.table):
        rows = units.codes == code
        if not rows.any():
            continue
        try:
            unit = parse_unit(text)
            # Unit.convert is plain arithmetic: applied to an array, it computes each
            # element exactly as it would the scalar.
            converted[rows] = unit.convert(values.numbers[rows], target.unit)
        except MeasurementError:
            bad |= rows
    return converted, bad


def _yes_no(target: YesNo, values: Values, bands: Bands) -> tuple[Floats, Bools, list[Any]]:
    """Observed 1.0/0.0 of yes/no values (NaN where not an answer), the rows that are not."""
    if values.codes is not None and values.uniques is not None:
        codes, uniques = values.codes, values.uniques
    else:
        codes, uniques = factorize(values.raw)
        uniques = [u.item() if hasattr(u, "item") else u for u in uniques]
    table = []
    for value in uniques:
        try:
            table.append(target.evaluate(Measurement(value=value), bands=bands).observed)
        except MeasurementError:
            table.append(math.nan)
    observed = np.array([*table, math.nan])[codes]
    return observed, np.isnan(observed), uniques


def evaluate_coded(
    target: Target,
    values: Values,
    periods: Periods,
    units: Units,
    groups: Ints,
    count: int,
    bands: Bands,
) -> Outcome:
    """Evaluate ``target`` over rows in ``count`` groups (``groups``: a code a row)."""
    size = len(groups)
    reasons = _Reasons(target, values, periods, units)
    codes = periods.codes
    dated = codes >= 0
    if isinstance(target, YesNo):
        converted, bad = _yes_no(target, values, bands)[:2]
        bad = bad | values.missing
    else:
        converted, bad_unit = _converted(target, values, units)
        with np.errstate(invalid="ignore"):
            bad = values.missing | values.not_number | ~np.isfinite(values.numbers)
            bad |= values.numbers < 0
        bad |= bad_unit
        if target.is_rate:
            bad |= ~dated
    bad |= codes <= -2
    reasons.add(bad, reasons.case_keys, reasons.invalid)
    valid = ~bad
    use = np.full(size, REJECTED, dtype=np.int8)
    if is_additive(target):
        used = _add_up(target, valid, dated, periods, groups, count, reasons)
        use[used] = USED
        chosen = used
    else:
        chosen, superseded = _latest(valid, periods, groups, count, reasons)
        use[chosen] = USED
        use[superseded] = SUPERSEDED
    rows = np.bincount(groups[chosen], minlength=count)
    observed = np.full(count, math.nan)
    # The length of each distinct period in the target's unit of time, computed once.
    lengths = np.array(
        [p.length(target.per) for p in periods.table]
        if target.per is not None and target.is_rate
        else []
    )
    if is_additive(target):
        total = cast(
            Floats, np.bincount(groups[chosen], weights=converted[chosen], minlength=count)
        )
        if target.per is not None and target.is_rate:
            length = np.bincount(groups[chosen], weights=lengths[codes[chosen]], minlength=count)
            with np.errstate(divide="ignore", invalid="ignore"):
                total = total / length
        observed[rows > 0] = total[rows > 0]
        huge = (rows > 0) & ~np.isfinite(observed)
        if huge.any():
            too_large = chosen & huge[groups]
            reasons.add(too_large, None, lambda _: TOO_LARGE)
            use[too_large] = REJECTED
            rows[huge] = 0
            observed[huge] = math.nan
    elif target.per is not None and target.is_rate:
        observed[groups[chosen]] = converted[chosen] / lengths[codes[chosen]]
    else:
        observed[groups[chosen]] = converted[chosen]
    status = np.where(np.bincount(groups, minlength=count) > 0, INVALID, NOT_MEASURED).astype(
        np.int8
    )
    expected = np.full(count, math.nan)
    achievement = np.full(count, math.nan)
    measured = rows > 0
    if isinstance(target, YesNo):
        yes = observed[measured]
        judged = np.where(yes == 1.0, MET, np.where(yes >= bands.partial, PARTIAL, NOT_MET))
        status[measured], expected[measured], achievement[measured] = judged, 1.0, yes
    else:
        assert isinstance(target, (Threshold, Between))
        judged, expected[measured], achievement[measured] = judge(target, observed[measured], bands)
        status[measured] = judged
    problem_rows, texts = reasons.collected()
    return Outcome(status, observed, expected, achievement, rows, use, problem_rows, texts)


def _add_up(
    target: Target,
    valid: Bools,
    dated: Bools,
    periods: Periods,
    groups: Ints,
    count: int,
    reasons: _Reasons,
) -> Bools:
    """The rows that add up; the undated and overlapping ones are rejected."""
    valid_count = np.bincount(groups[valid], minlength=count)
    undated = valid & ~dated & (valid_count[groups] > 1)
    reasons.add(undated, None, lambda _: UNDATED)
    overlapping = _overlapping(valid & dated, periods, groups, count)
    reasons.add(overlapping, periods.codes, lambda i: OVERLAP.format(period=reasons.period_text(i)))
    result: Bools = valid & ~undated & ~overlapping
    return result


def _overlapping(candidates: Bools, periods: Periods, groups: Ints, count: int) -> Bools:
    """Rows whose period shares a day with another row's of the same group."""
    found = np.zeros(len(candidates), dtype=bool)
    rows = np.flatnonzero(candidates)
    if not len(rows):
        return found
    size = len(periods.table)
    found[rows] = _repeated(groups[rows] * size + periods.codes[rows], count * size)
    touching = periods.touching()
    if touching.any():
        rows = rows[touching[periods.codes[rows]]]
        group = groups[rows]
        start, end = periods.starts[periods.codes[rows]], periods.ends[periods.codes[rows]]
        order = np.lexsort((end, start, group))
        group, start, end, rows = group[order], start[order], end[order], rows[order]
        # Within a group, a row overlaps an earlier one when the latest end before it
        # reaches its start; groups are kept apart by encoding (group, day) in one number.
        span = int(periods.ends.max()) + 2
        encoded = group.astype(np.int64) * span
        latest = np.maximum.accumulate(encoded + end)
        earlier = np.zeros(len(rows), dtype=bool)
        earlier[1:] = latest[:-1] >= encoded[1:] + start[1:]
        # …and overlaps a later one exactly when it overlaps the next one.
        later = np.zeros(len(rows), dtype=bool)
        later[:-1] = (group[1:] == group[:-1]) & (start[1:] <= end[:-1])
        found[rows[earlier | later]] = True
    return found


def _repeated(keys: Ints, key_count: int) -> Bools:
    """For each key, whether it occurs more than once."""
    if key_count <= 4 * len(keys) + 1024:
        counts = np.bincount(keys, minlength=key_count)
        result: Bools = counts[keys] > 1
        return result
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    repeated: Bools = counts[inverse.reshape(-1)] > 1
    return repeated


def _latest(
    valid: Bools, periods: Periods, groups: Ints, count: int, reasons: _Reasons
) -> tuple[Bools, Bools]:
    """Rows of a level: the latest of each group, and the older ones superseded."""
    size = len(periods.table) + 1
    slot = np.where(periods.codes >= 0, periods.codes + 1, 0)  # 0: no period
    rows = np.flatnonzero(valid)
    conflict = np.zeros(len(valid), dtype=bool)
    conflict[rows] = _repeated(groups[rows] * size + slot[rows], count * size)
    reasons.add(
        conflict,
        slot,
        lambda i: (
            NO_PERIOD_TWICE if slot[i] == 0 else SAME_PERIOD.format(period=reasons.period_text(i))
        ),
    )
    single = valid & ~conflict
    # The rank of each period, latest end first, then latest start; 0: no period.
    order = np.lexsort((periods.starts, periods.ends))
    rank = np.zeros(size, dtype=np.int64)
    rank[order + 1] = np.arange(1, size)
    ranks = rank[slot]
    best = np.full(count, -1, dtype=np.int64)
    np.maximum.at(best, groups[single], ranks[single])
    chosen = single & (ranks == best[groups])
    return chosen, single & ~chosen


def categories(values: Sequence[Any], codes: Ints) -> Any:
    """A pandas Categorical of ``values[codes]`` (missing values and codes -1: NaN), made
    from codes: a column of few distinct texts costs an integer a row.

    >>> categories(["b", "a", None], np.array([0, 1, 2, -1, 0])).tolist()
    ['b', 'a', nan, nan, 'b']
    """
    import pandas

    present = [v for v in values if not _missing(v)]
    if len(present) == len(values) and len(set(present)) == len(present):
        return pandas.Categorical.from_codes(codes, categories=present)  # the usual case
    distinct = list(dict.fromkeys(present))
    position = {v: k for k, v in enumerate(distinct)}
    table = np.array([-1 if _missing(v) else position[v] for v in values] + [-1])
    return pandas.Categorical.from_codes(table[codes], categories=distinct)


def statuses(codes: NDArray[np.int8]) -> NDArray[np.object_]:
    """Status codes as :class:`~cssindicators.targets.Status` members.

    >>> statuses(np.array([0, 3], dtype=np.int8)).tolist()
    [<Status.MET: 'met'>, <Status.NOT_MEASURED: 'not measured'>]
    """
    table = np.empty(len(STATUSES), dtype=object)
    table[:] = STATUSES
    result: NDArray[np.object_] = table[codes]
    return result


def groups_of(column: Any | None, size: int) -> tuple[Ints, list[Any]]:
    """Group codes of a column (one group when ``None``), and the group labels.

    Rows of a missing label form a group of their own, labelled ``None``.
    """
    if column is None:
        return np.zeros(size, dtype=np.intp), [None]
    codes, labels = factorize(column)
    if (codes < 0).any():
        codes = np.where(codes < 0, len(labels), codes)
        labels = [*labels, None]
    return codes, labels
