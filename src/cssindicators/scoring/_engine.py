"""The scoring engine: the rows of one target, in groups, come to a status per group.

Every rule of scoring is written here once, over *columns* (one entry a row) and an
array namespace ``xp``: :mod:`cssindicators._columns` (plain Python) when
:func:`~cssindicators.scoring.score` scores one plan, numpy when the bulk path
(:mod:`cssindicators.bulk`) scores many groups at once. ``score`` runs the engine over
the rows of each indicator as one group; the bulk path over each indicator's rows of
every group together. See "How scoring is computed" in ``docs/scoring.md``.

The rules, in order:

* **rows**: a row is rejected when its value, unit or period cannot be read in the
  target's terms (the target's own check, :meth:`~cssindicators.targets.Target.evaluate`,
  gives the reason, once per distinct case);
* **adding up** (counts and durations): rows are added up over the union of their
  periods; a row without a period among several, or whose period overlaps another row's,
  is rejected; a rate is the sum divided by the summed lengths of the periods;
* **latest** (levels: percentages, yes/no): rows replace each other, the latest period
  counts; rows with the same period (or none, twice) contradict each other;
* **judging**: the target's rule (:meth:`~cssindicators.targets.Target._judge`) and the
  bands (:meth:`~cssindicators.targets.Bands.codes`), written over ``xp`` too.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from cssindicators.errors import MeasurementError, PeriodError
from cssindicators.measurements import Measurement
from cssindicators.measurements._values import Numbers, Settled, _to_value
from cssindicators.periods import Period, TimeUnit, as_period
from cssindicators.targets import (
    Bands,
    Change,
    Comparator,
    Status,
    Target,
    UnitKind,
    YesNo,
    format_amount,
    format_number,
    no_working_day,
    parse_unit,
    periods_ratio,
    years_text,
    zero_baseline,
)

#: Status codes: positions in :class:`~cssindicators.targets.Status`.
STATUSES = tuple(Status)
MET, PARTIAL, NOT_MET, NOT_MEASURED, INVALID = range(len(STATUSES))
#: What became of each input row: used, superseded by a later one (levels), rejected,
#: or used as the baseline of a change target.
USED, SUPERSEDED, REJECTED, BASELINE = 0, 1, 2, 3

# Why a row is rejected, when the reason is about the rows together.
NO_VALUE = "no value"
OVERLAP = (
    "its period {period} overlaps the period of another row of this indicator: "
    "the same days would be counted twice"
)
UNDATED = "no period: a row without a period cannot be added to other rows of this indicator"
SAME_PERIOD = (
    "another row of this indicator has the same period {period}: the values contradict each other"
)
NO_PERIOD_TWICE = "no period, as another row of this indicator: the values contradict each other"
TOO_LARGE = "the rows of this indicator add up to a number too large to compute"
RATE_TOO_LARGE = (
    "the rows of this indicator come to a rate{per} too large to compute (beyond about "
    "1.8e308): the values are too large for the length of their periods"
)
BEYOND = (
    "its value, in the target's unit{per}, is a number too large to compute (beyond about 1.8e308)"
)
OUTSIDE = "outside the reporting period {within}: its period is {period}"
STRADDLES = (
    "its period {period} straddles the boundary of the reporting period {within}: "
    "only part of it belongs to {within}; split the value by period"
)

#: An achievement beyond these bounds (× the target) is implausible: a unit or period slip.
IMPLAUSIBLE_ABOVE, IMPLAUSIBLE_BELOW = 10.0, 0.1
#: A rate extrapolated from measured periods covering less than this share of the
#: reporting period is warned about.
THIN_COVERAGE = 0.5


def is_additive(target: Target) -> bool:
    """Whether the rows of a target add up: counts and durations do; levels do not.

    Levels are percentages and yes/no answers: their rows replace each other, and the
    latest period counts.

    >>> import cssindicators as ci
    >>> [is_additive(ci.parse_target(t)) for t in ("≥ 12 par an", "≥ 3 heures/jour", "≥ 70 %", "Oui/Non")]
    [True, True, False, False]
    """
    return target.adds_up


def row_reason(target: Target, measurement: Measurement) -> str | None:
    """Why a measurement cannot be evaluated against ``target`` (``None`` if it can);
    for a change target, whether it can be read in the target's terms (its baseline
    is another row's)."""
    try:
        if isinstance(target, Change):
            target._observe(measurement)
        else:
            target.evaluate(measurement)
    except MeasurementError as error:
        return str(error)
    return None


NO_BASELINE = (
    "no baseline: the change target {target!r} compares this indicator's value with its "
    "value over {period}, and no row gives it (give a row for {period}, a baseline "
    "column, or a baselines file)"
)
NO_BASELINE_PERIOD = (
    "no baseline period: the change target {target!r} compares with the period before "
    "the reporting period, and there is none (give a reporting period, period=, or a "
    "baseline year in the target: par rapport à 2022)"
)
BASELINE_OVERLAPS = (
    "the baseline {baseline} of the change target {target!r} overlaps the reporting "
    "period {within}: a value cannot be compared with itself"
)


def baseline_period(target: Change, within: Period | None) -> Period | None:
    """The period a change target's baseline is read over: the target's years, or by
    default the period of the same length just before the reporting period (``None``
    when there is neither)."""
    if target.baseline is not None:
        return target.baseline
    if within is None:
        return None
    try:
        return within.preceding()
    except PeriodError:
        return None


def is_missing(value: object) -> bool:
    """Whether a cell holds no value: ``None`` or NaN."""
    return value is None or (isinstance(value, float) and math.isnan(value))


# ---------------------------------------------------------------- columns


@attrs.frozen(eq=False)
class Periods:
    """A period column, factorised: codes into ``table`` (equal periods share a code).

    Code -1 is a row without a period; code ``-2 - k`` a text that is not a period,
    whose error is ``errors[k]``. ``starts``/``ends`` are day ordinals of the table.
    """

    codes: Any
    table: list[Period]
    errors: list[str]
    starts: Any
    ends: Any

    @classmethod
    def of(cls, column: Any, xp: Any) -> Periods:
        raw, uniques = xp.factorize(column)
        table: list[Period] = []
        errors: list[str] = []
        canonical: dict[Period, int] = {}
        remap = []
        for value in uniques:
            if isinstance(value, str) and not value.strip():
                remap.append(-1)
                continue
            try:
                period = as_period(value)
            except PeriodError as error:
                errors.append(str(error))
                remap.append(-2 - (len(errors) - 1))
                continue
            if period not in canonical:
                canonical[period] = len(table)
                table.append(period)
            remap.append(canonical[period])
        remap.append(-1)  # raw code -1 (missing) stays -1
        return cls(
            xp.array(remap, dtype=xp.intp)[raw],
            table,
            errors,
            xp.array([p.start.toordinal() for p in table], dtype=xp.int64),
            xp.array([p.end.toordinal() for p in table], dtype=xp.int64),
        )

    def take(self, rows: Any) -> Periods:
        return attrs.evolve(self, codes=self.codes[rows])

    def within(self, period: Period, xp: Any) -> tuple[Periods, Any]:
        """The column with rows without a period read as ``period`` (the reporting
        period), and a mask of those rows."""
        undated = self.codes == -1
        if period in self.table:
            code, table = self.table.index(period), self.table
        else:
            code, table = len(self.table), [*self.table, period]
        extended = Periods(
            xp.where(undated, code, self.codes),
            table,
            self.errors,
            xp.array([p.start.toordinal() for p in table], dtype=xp.int64),
            xp.array([p.end.toordinal() for p in table], dtype=xp.int64),
        )
        return extended, undated


@attrs.frozen(eq=False)
class Values:
    """A value column: numbers as floats, and the objects evaluation would be given.

    ``numbers`` is NaN where a value is missing or not a number. The column is
    factorised (``codes``); its distinct values are read once (``uniques``) into small
    tables, from which any selection of rows is expanded. A numeric numpy column keeps
    its elements in ``raw`` instead.
    """

    raw: Any
    numbers: Any
    missing: Any
    not_number: Any
    codes: Any = None
    uniques: list[Any] | None = None
    #: Number, blank and not-a-number of each distinct value, and of a missing one (the
    #: last entry, for code -1).
    tables: tuple[Any, Any, Any] | None = None
    #: Why a distinct text is not a number, when its reading depends on the decimal mark.
    reasons: dict[int, str] = attrs.field(factory=dict)
    #: How the texts were read, when it needs saying (the decimal mark settled).
    notes: tuple[str, ...] = ()

    @classmethod
    def of(cls, column: Any, xp: Any, *, texts: bool = True, decimal: str | None = None) -> Values:
        """The values of a column. With ``texts``, a text is read as a file's cell is
        (``"2,5"``, and a blank or missing cell is no value; the texts together settle
        their decimal mark, as a file's do, or ``decimal`` chooses it); without, each
        value is kept as given, for evaluation to accept or reject with its own
        reason."""
        array = xp.numeric(column)
        if array is not None:
            numbers = xp.array(array, dtype=xp.float64)
            return cls(array, numbers, xp.isnan(numbers), xp.zeros(len(numbers), dtype=xp.bool_))
        reasons: dict[int, str] = {}
        notes: tuple[str, ...] = ()
        if texts:
            codes, uniques = xp.factorize(column)
            uniques = [_to_value(value) for value in uniques]  # np.int64(3) is 3
            parsed, reasons, notes = _read_texts(codes, uniques, decimal, xp)
        else:  # values as given, each its own: evaluation reads them one by one
            parsed = [_to_value(value) for value in column]
            codes = xp.arange(len(parsed))
        numbers, blank, flags = [], [], []
        for value in parsed:
            number = isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
            numbers.append(_float(value) if number else math.nan)
            blank.append(texts and isinstance(value, str) and not value)
            flags.append(not number and not blank[-1])
        tables = (
            xp.array([*numbers, math.nan], dtype=xp.float64),
            xp.array([*blank, True], dtype=xp.bool_),
            xp.array([*flags, False], dtype=xp.bool_),
        )
        values = cls._expand(xp, codes, parsed, tables)
        return attrs.evolve(values, reasons=reasons, notes=notes)

    @classmethod
    def _expand(
        cls, xp: Any, codes: Any, uniques: list[Any], tables: tuple[Any, Any, Any]
    ) -> Values:
        numbers, blank, flags = tables
        return cls(None, numbers[codes], blank[codes], flags[codes], codes, uniques, tables)

    def reason(self, row: int) -> str | None:
        """Why the text of a row is not read as a number, when the texts say why (an
        ambiguous ``1.250`` among texts showing both decimal marks)."""
        if self.codes is None or not self.reasons:
            return None
        return self.reasons.get(int(self.codes[row]))

    def take(self, rows: Any) -> Values:
        """The values of some rows (a slice of a numpy column is a view)."""
        if self.tables is not None and self.uniques is not None:
            numbers, blank, flags = self.tables
            codes = self.codes[rows]
            return Values(
                None, numbers[codes], blank[codes], flags[codes], codes, self.uniques,
                self.tables, self.reasons, self.notes,
            )  # fmt: skip
        raw = self.raw[rows]
        return attrs.evolve(
            self, raw=raw, numbers=self.numbers[rows], missing=self.missing[rows],
            not_number=self.not_number[rows],
        )  # fmt: skip

    def item(self, row: int) -> Any:
        """The value of a row as evaluation is given it."""
        if self.codes is not None and self.uniques is not None:
            return self.uniques[int(self.codes[row])]
        value = self.raw[row]
        return value.item() if hasattr(value, "item") else value


def _read_texts(
    codes: Any, uniques: list[Any], decimal: str | None, xp: Any
) -> tuple[list[Any], dict[int, str], tuple[str, ...]]:
    """The distinct values of a column read as a file's cells are read: the texts
    together settle their decimal mark (``decimal`` chooses it). Returns the values, why
    the texts that are not read are not (ambiguous, or written in the other
    convention), and the notes. Messages name rows by their position (from 1)."""

    def read(lines: list[int]) -> tuple[list[Any], dict[int, str], Settled]:
        """Read with ``lines[k]`` the line of distinct value ``k``, for messages."""
        numbers = Numbers(decimal, "<values>")
        parsed: list[Any] = []
        reasons: dict[int, str] = {}
        for k, value in enumerate(uniques):
            if not isinstance(value, str):
                parsed.append(value)
                continue
            try:
                parsed.append(numbers.value(value, line=lines[k]))
            except MeasurementError as error:
                parsed.append(value.strip())
                reasons[k] = str(error)
        settled = numbers.settle()
        distinct = {line: k for k, line in enumerate(lines)}
        for line, why in settled.ambiguous.items():
            k = distinct[line]
            parsed[k], reasons[k] = uniques[k].strip(), why
        for line, number in settled.values.items():
            parsed[distinct[line]] = number
        return parsed, reasons, settled

    parsed, reasons, settled = read(list(range(len(uniques))))
    if not (reasons or settled.notes or settled.ambiguous):
        return parsed, reasons, settled.notes
    # Messages name rows: read again with the row where each distinct value first is.
    _, first = xp.first_of_each(codes)
    row = {int(codes[int(p)]): int(p) + 1 for p in first}
    parsed, reasons, settled = read([row[k] for k in range(len(uniques))])
    return parsed, reasons, settled.notes


def _float(value: int | float | Decimal) -> float:
    """A number as a float: NaN for a Decimal NaN (a signalling one too), an infinity
    beyond the floats (hence rejected, as evaluation rejects it)."""
    if isinstance(value, Decimal) and value.is_nan():
        return math.nan
    try:
        return float(value)
    except OverflowError:  # an integer beyond floats: not finite, hence rejected
        return math.inf if value > 0 else -math.inf


@attrs.frozen(eq=False)
class Units:
    """A unit column, factorised (code -1: no unit, the target's own)."""

    codes: Any
    table: list[str]

    @classmethod
    def of(cls, column: Any | None, size: int, xp: Any) -> Units:
        if column is None:
            return cls(xp.full(size, -1, dtype=xp.intp), [])
        codes, uniques = xp.factorize(column)
        table = [str(u).strip() for u in uniques]
        blank = xp.array([not t for t in table] + [True], dtype=xp.bool_)
        return cls(xp.where(blank[codes], -1, codes), table)

    def take(self, rows: Any) -> Units:
        return attrs.evolve(self, codes=self.codes[rows])


# ---------------------------------------------------------------- one target


@attrs.frozen(eq=False)
class Outcome:
    """What the rows of one target come to, group by group.

    ``status`` (codes), ``observed``, ``expected``, ``achievement`` (NaN when not
    measured), ``totals`` (the values added up, in the target's unit, before a rate
    divides them) and ``rows`` (the number of rows used) have one entry a group; ``use`` one
    a row (:data:`USED`, :data:`SUPERSEDED` or :data:`REJECTED`); ``problem_rows`` are
    the rejected rows, in order, and ``reasons`` their reasons.

    What the warnings of a group are made from (see :func:`warnings`), one entry a group:
    ``assumed``, the used rows without a period, read as the reporting period;
    ``single_days``, the used rows over a single day when the target is a rate over a
    longer unit, and ``single_day`` the first of them (-1: none); ``covered``, the
    calendar-exact months the used rows of a rate cover (NaN for other targets), and
    ``thin`` whether that is less than half of the reporting period (of one unit of the
    rate without one); ``first_day``/``last_day`` (ordinals) the span of the used rows
    when there is no reporting period, and ``spread`` whether it exceeds a year;
    ``implausible``, whether the
    observed value is over 10× or under 0.1× the expected one, and ``ratio`` that
    factor. ``within`` is the reporting period, and ``periods`` the period column the
    rows were read with.
    """

    status: Any
    observed: Any
    expected: Any
    achievement: Any
    totals: Any
    rows: Any
    use: Any
    problem_rows: Any
    reasons: Any
    assumed: Any
    single_days: Any
    single_day: Any
    covered: Any
    thin: Any
    first_day: Any
    last_day: Any
    spread: Any
    implausible: Any
    ratio: Any
    within: Period | None
    periods: Periods
    #: For a change target: the baseline of each group in the terms of ``observed``
    #: (NaN: none), the values of its rows added up (or the latest), and its period.
    baseline: Any = None
    baseline_totals: Any = None
    baseline_period: Period | None = None
    #: For a change target: the warnings of each group about what its observed value and
    #: its baseline cover (a tuple of texts a group, None when none), and which have one.
    change_warnings: Any = None
    change_warned: Any = None


class _Reasons:
    """The reasons of rejected rows, each computed once per distinct case, and shared by
    the rows of that case."""

    def __init__(
        self, target: Target, values: Values, periods: Periods, units: Units, xp: Any
    ) -> None:
        self.target, self.values, self.periods, self.units, self.xp = (
            target, values, periods, units, xp,
        )  # fmt: skip
        self.rows: list[Any] = []
        self.codes: list[Any] = []
        self.texts: list[str] = []

    def add(
        self, mask: Any, keys: Any | Callable[[Any], Any] | None, reason: Callable[[int], str]
    ) -> None:
        """Reject the rows of ``mask``; rows with equal keys (a key a row, or a function of
        the rows giving theirs; all rows alike when ``None``) share the reason that
        ``reason`` gives for the first of them."""
        xp = self.xp
        rows = xp.flatnonzero(mask)
        if not len(rows):
            return
        if keys is None:
            codes, first = xp.zeros(len(rows), dtype=xp.intp), [0]
        else:
            codes, first = xp.first_of_each(keys(rows) if callable(keys) else keys[rows])
        self.rows.append(rows)
        self.codes.append(codes + len(self.texts))
        self.texts += [reason(int(rows[i])) for i in first]

    def case_keys(self, rows: Any) -> Any:
        """A key for each of ``rows``, equal for rows rejected for the same reason: the
        same value and unit, and a period alike (none, one, or the same unreadable
        text). What evaluation says of a value does not name its period."""
        xp = self.xp
        if self.values.codes is not None:
            value_codes = self.values.codes[rows] + 1
        else:
            value_codes = xp.factorize(self.values.numbers[rows])[0] + 1
        units = self.units.codes[rows] + 1
        codes = self.periods.codes[rows]
        periods = xp.where(codes <= -2, -codes, (codes >= 0).astype(xp.intp))
        unit_count = len(self.units.table) + 1
        period_count = len(self.periods.errors) + 2
        return (value_codes * unit_count + units) * period_count + periods

    def invalid(self, row: int) -> str:
        """The reason of a row rejected on its own: the target's own check says it."""
        code = int(self.periods.codes[row])
        if code <= -2:
            return self.periods.errors[-2 - code]
        if self.values.missing[row]:
            return NO_VALUE
        why = self.values.reason(row)
        if why is not None:
            return why
        unit_code = int(self.units.codes[row])
        try:
            measurement = Measurement(
                value=self.values.item(row),
                period=None if code < 0 else self.periods.table[code],
                unit=None if unit_code < 0 else self.units.table[unit_code],
            )
        except MeasurementError as error:  # a value no measurement can hold (a date…)
            return str(error)
        reason = row_reason(self.target, measurement)
        if reason is None:  # pragma: no cover - the engine's checks are the target's
            raise AssertionError(f"row {row} was rejected, but the target accepts it")
        return reason

    def period_text(self, row: int) -> str:
        return str(self.periods.table[int(self.periods.codes[row])])

    def collected(self) -> tuple[Any, Any]:
        xp = self.xp
        texts = xp.empty(len(self.texts), dtype=xp.object_)
        texts[:] = xp.array(self.texts, dtype=xp.object_)
        if not self.rows:
            return xp.zeros(0, dtype=xp.intp), texts[:0]
        if len(self.rows) == 1:  # one kind of rejection: already in row order
            return self.rows[0], texts[self.codes[0]]
        rows = xp.concatenate(self.rows)
        order = xp.argsort(rows, kind="stable")
        return rows[order], texts[xp.concatenate(self.codes)[order]]


def _converted(target: Target, values: Values, units: Units, xp: Any) -> tuple[Any, Any]:
    """Values in the target's unit (``Unit.convert`` applied to the column), and the rows
    whose unit cannot be converted."""
    converted = values.numbers.copy()
    bad = xp.zeros(len(converted), dtype=xp.bool_)
    for code, text in enumerate(units.table):
        rows = units.codes == code
        if not rows.any():
            continue
        try:
            converted[rows] = parse_unit(text).convert(values.numbers[rows], target.unit)
        except MeasurementError:
            bad = bad | rows
    return converted, bad


def _yes_no(target: YesNo, values: Values, xp: Any) -> Any:
    """Observed 1.0/0.0 of yes/no values, NaN where a value is not an answer."""
    if values.codes is not None and values.uniques is not None:
        codes, uniques = values.codes, values.uniques
    else:
        codes, uniques = xp.factorize(values.raw)
        uniques = [u.item() if hasattr(u, "item") else u for u in uniques]
    table = []
    for value in uniques:
        try:
            table.append(target._observe(Measurement(value=value)))
        except MeasurementError:
            table.append(math.nan)
    return xp.array([*table, math.nan], dtype=xp.float64)[codes]


def evaluate(
    target: Target,
    values: Values,
    periods: Periods,
    units: Units,
    groups: Any,
    count: int,
    bands: Bands,
    xp: Any,
    within: Period | None = None,
) -> Outcome:
    """Evaluate ``target`` over rows in ``count`` groups (``groups``: a code a row).

    With a reporting period ``within``, rows without a period are read as that period,
    and rows outside it, or straddling its boundary, are rejected. For a change target,
    the rows of its baseline period are its baseline (see :func:`_change`).
    """
    if isinstance(target, Change):
        return _change(target, values, periods, units, groups, count, bands, xp, within)
    return _evaluate(target, values, periods, units, groups, count, bands, xp, within)


def _evaluate(
    target: Target,
    values: Values,
    periods: Periods,
    units: Units,
    groups: Any,
    count: int,
    bands: Bands,
    xp: Any,
    within: Period | None = None,
    *,
    judge: bool = True,
) -> Outcome:
    """:func:`evaluate`; without ``judge``, the rows are only read and added up (or the
    latest chosen): no status is given to measured groups (they stay ``INVALID``)."""
    size = len(groups)
    undated = xp.zeros(size, dtype=xp.bool_)
    if within is not None:
        periods, undated = periods.within(within, xp)
    reasons = _Reasons(target, values, periods, units, xp)
    codes = periods.codes
    dated = codes >= 0
    away = xp.zeros(size, dtype=xp.bool_)
    if within is not None and len(periods.table):
        first, last = within.start.toordinal(), within.end.toordinal()
        outside = (periods.ends < first) | (periods.starts > last)
        straddles = xp.logical_not(outside) & ((periods.starts < first) | (periods.ends > last))
        safe = xp.where(dated, codes, 0)
        row_outside = dated & outside[safe]
        row_straddles = dated & straddles[safe]
        text = str(within)
        reasons.add(
            row_outside,
            codes,
            lambda i: OUTSIDE.format(within=text, period=reasons.period_text(i)),
        )
        reasons.add(
            row_straddles,
            codes,
            lambda i: STRADDLES.format(within=text, period=reasons.period_text(i)),
        )
        away = row_outside | row_straddles
    rate = target.per is not None and target.is_rate
    if isinstance(target, YesNo):
        converted = _yes_no(target, values, xp)
        bad = xp.isnan(converted) | values.missing
    else:
        converted, bad_unit = _converted(target, values, units, xp)
        with xp.errstate(invalid="ignore"):
            usable = target.usable(values.numbers, xp)
        bad = values.missing | values.not_number | xp.logical_not(usable) | bad_unit
        if rate:
            bad = bad | xp.logical_not(dated)
    bad = (bad | (codes <= -2)) & xp.logical_not(away)
    reasons.add(bad, reasons.case_keys, reasons.invalid)
    valid = xp.logical_not(bad | away)
    use = xp.full(size, REJECTED, dtype=xp.int8)
    if is_additive(target):
        chosen = _add_up(valid, dated, periods, groups, count, reasons, xp)
        use[chosen] = USED
    else:
        chosen, superseded = _latest(valid, periods, groups, count, reasons, xp)
        use[chosen] = USED
        use[superseded] = SUPERSEDED
    rows = xp.bincount(groups[chosen], minlength=count)
    observed = xp.full(count, math.nan, dtype=xp.float64)
    # The length of each distinct period in the target's unit of time, computed once.
    lengths = xp.array(
        [p.length(target.per) for p in periods.table] if rate and target.per else [],
        dtype=xp.float64,
    )
    totals = xp.full(count, math.nan, dtype=xp.float64)
    no_length = xp.zeros(count, dtype=xp.bool_)
    if is_additive(target):
        total = xp.bincount(groups[chosen], weights=converted[chosen], minlength=count)
        totals[rows > 0] = total[rows > 0]
        if rate:
            length = xp.bincount(groups[chosen], weights=lengths[codes[chosen]], minlength=count)
            no_length = (rows > 0) & (length == 0)  # days without a working day
            with xp.errstate(divide="ignore", invalid="ignore", over="ignore"):
                total = total / length
        observed[rows > 0] = total[rows > 0]
    elif rate:
        with xp.errstate(over="ignore"):
            observed[groups[chosen]] = converted[chosen] / lengths[codes[chosen]]
    else:
        observed[groups[chosen]] = converted[chosen]
    # A sum, a conversion or a rate beyond floats: its rows are rejected, never judged.
    huge = (rows > 0) & xp.logical_not(xp.isfinite(observed))
    if huge.any():
        too_large = chosen & huge[groups]
        per = f" per {target.per.name.lower()}" if rate and target.per is not None else ""
        if is_additive(target):  # the sum is too large, or only the rate it comes to
            empty = too_large & no_length[groups]
            reasons.add(
                empty, codes, lambda i: no_working_day(periods.table[int(codes[i])], target)
            )
            too_large = too_large & xp.logical_not(empty)
            summed = huge & xp.logical_not(xp.isfinite(totals))
            reasons.add(too_large & summed[groups], None, lambda _: TOO_LARGE)
            too_fast = too_large & xp.logical_not(summed[groups])
            reasons.add(too_fast, None, lambda _: RATE_TOO_LARGE.format(per=per))
        else:
            reasons.add(too_large, None, lambda _: BEYOND.format(per=per))
        too_large = chosen & huge[groups]
        use[too_large] = REJECTED
        chosen = chosen & xp.logical_not(too_large)
        rows[huge] = 0
        observed[huge] = totals[huge] = math.nan
    if not is_additive(target):
        totals[groups[chosen]] = converted[chosen]
    status = xp.where(xp.bincount(groups, minlength=count) > 0, INVALID, NOT_MEASURED).astype(
        xp.int8
    )
    expected = xp.full(count, math.nan, dtype=xp.float64)
    achievement = xp.full(count, math.nan, dtype=xp.float64)
    measured = rows > 0
    if judge and measured.any():
        met, amount, ratio = target._judge(observed[measured], xp)
        status[measured] = bands.codes(met, ratio, xp)
        expected[measured] = amount
        achievement[measured] = ratio
    problem_rows, texts = reasons.collected()
    doubts = _doubts(
        target, use, undated, periods, groups, count, rows, observed, expected, within, xp
    )
    return Outcome(
        status, observed, expected, achievement, totals, rows, use, problem_rows, texts,
        *doubts, within, periods,
    )  # fmt: skip


def _change(
    target: Change,
    values: Values,
    periods: Periods,
    units: Units,
    groups: Any,
    count: int,
    bands: Bands,
    xp: Any,
    within: Period | None,
) -> Outcome:
    """Evaluate a change target: the rows within its baseline period (see
    :func:`baseline_period`) are read as one evaluation of their own (over that
    period), the others as the observed one (over ``within``); each group is judged on
    its observed value against its baseline.

    A total (no period in the target) is compared with the baseline's total over a
    period of the same length, or with its mean per period of the measured length when
    the baseline covers several (2015-2019 against 2023). A group without a baseline,
    with a baseline of 0 for a change in %, or whose periods cannot be compared, has its
    observed rows (used or superseded) rejected with the reason.
    """
    size = len(groups)
    base_period = baseline_period(target, within)
    text = str(target)
    in_base = xp.zeros(size, dtype=xp.bool_)
    overlaps = within is not None and base_period is not None and base_period.overlaps(within)
    if base_period is not None and len(periods.table) and not overlaps:
        first, last = base_period.start.toordinal(), base_period.end.toordinal()
        inside = (periods.starts >= first) & (periods.ends <= last)
        safe = xp.where(periods.codes >= 0, periods.codes, 0)
        in_base = (periods.codes >= 0) & inside[safe]
    observed_rows = xp.flatnonzero(xp.logical_not(in_base))
    base_rows = xp.flatnonzero(in_base)

    def part(rows: Any, over: Period | None) -> Outcome:
        return _evaluate(
            target, values.take(rows), periods.take(rows), units.take(rows), groups[rows],
            count, bands, xp, over, judge=False,
        )  # fmt: skip

    seen = part(observed_rows, within)
    base = part(base_rows, base_period)
    use = xp.full(size, REJECTED, dtype=xp.int8)
    use[observed_rows] = seen.use
    use[base_rows] = xp.where(base.use == USED, BASELINE, base.use)
    measured = seen.rows > 0
    baseline = xp.full(count, math.nan, dtype=xp.float64)
    has_base = base.rows > 0
    baseline[has_base] = base.observed[has_base]
    # Why a measured group cannot be judged: a code a group into ``said`` (-1: it can).
    why = xp.full(count, -1, dtype=xp.intp)
    said: list[str] = []

    def block(groups_of: Any, reason: str) -> None:
        fresh = groups_of & (why == -1)
        if fresh.any():
            why[fresh] = len(said)
            said.append(reason)

    if overlaps:  # (every row is read as observed, and rejected: none is lost)
        block(measured, BASELINE_OVERLAPS.format(baseline=base_period, target=text, within=within))
    elif base_period is None:
        block(measured, NO_BASELINE_PERIOD.format(target=text))
    else:
        if not target.is_rate and is_additive(target):
            months = _observed_months(seen, observed_rows, periods, groups, count, within, xp)
            both = measured & has_base
            # (one length when there is a reporting period; a few without one)
            for length in sorted(set(months[both].tolist())):
                same = both & (months == length)
                try:
                    ratio = periods_ratio(base_period, within or float(length))
                except MeasurementError as error:
                    block(same, str(error))
                else:
                    baseline[same] = baseline[same] / ratio
        block(
            measured & xp.logical_not(has_base), NO_BASELINE.format(target=text, period=base_period)
        )
        if target.relative:
            block(measured & has_base & (baseline == 0), zero_baseline(target))
    # Groups that cannot be judged: their observed rows are rejected, with the reason.
    blocked = why >= 0
    kept = (seen.use == USED) | (seen.use == SUPERSEDED)
    stopped = observed_rows[xp.flatnonzero(kept & blocked[groups[observed_rows]])]
    use[stopped] = REJECTED
    table = xp.empty(len(said) + 1, dtype=xp.object_)
    table[:] = xp.array([*said, ""], dtype=xp.object_)
    ok = measured & xp.logical_not(blocked)
    status = xp.full(count, NOT_MEASURED, dtype=xp.int8)
    rejected_any = xp.bincount(groups[use == REJECTED], minlength=count) > 0
    status[rejected_any] = INVALID
    expected = xp.full(count, math.nan, dtype=xp.float64)
    achievement = xp.full(count, math.nan, dtype=xp.float64)
    observed = xp.where(ok, seen.observed, math.nan)
    if ok.any():
        met, amount, ratio = target._judge(observed[ok], xp, baseline[ok], bands.tolerance)
        status[ok] = bands.codes(met, ratio, xp)
        expected[ok] = amount
        achievement[ok] = ratio
    # The problems of both parts and of the blocked groups, in row order.
    all_rows = xp.concatenate(
        [observed_rows[seen.problem_rows], base_rows[base.problem_rows], stopped]
    )
    all_texts = xp.concatenate([seen.reasons, base.reasons, table[why[groups[stopped]]]])
    order = xp.argsort(all_rows, kind="stable")
    rows_out, reasons_out = all_rows[order], all_texts[order]
    single_day = xp.full(count, -1, dtype=xp.int64)
    if len(observed_rows):
        found = seen.single_day >= 0
        single_day[found] = observed_rows[seen.single_day[found]]
    notes, noted = _coverage(
        target, seen, base, observed_rows, base_rows, periods, groups, count, ok, within,
        base_period, xp, observed, baseline,
    )  # fmt: skip
    return Outcome(
        status, observed, expected, achievement, xp.where(ok, seen.totals, math.nan),
        xp.where(ok, seen.rows, 0), use, rows_out, reasons_out, seen.assumed,
        seen.single_days, single_day, seen.covered, seen.thin, seen.first_day,
        seen.last_day, seen.spread, seen.implausible, seen.ratio, within, periods,
        xp.where(ok, baseline, math.nan), base.totals, base_period, notes, noted,
    )  # fmt: skip


#: What a change target's warnings say of the periods its values cover.
SHORT_OBSERVED = (
    "the rows cover {covered} of the {whole} months of the reporting period {within}: "
    "their total is compared with the baseline's, as if the period were complete"
)
SHARES_OF_ONE = (
    "the observed value {observed} and the baseline {baseline} look like shares of 1, but "
    "the target counts points of a percentage ({size} points): write percentages (53 for "
    "53 %) or check the unit"
)
SHORT_BASELINE = (
    "the baseline rows cover {covered} of the {whole} months of {period}: the baseline is "
    "their total, as if the period were complete"
)


def _coverage(
    target: Change,
    seen: Outcome,
    base: Outcome,
    observed_rows: Any,
    base_rows: Any,
    periods: Periods,
    groups: Any,
    count: int,
    ok: Any,
    within: Period | None,
    base_period: Period | None,
    xp: Any,
    observed: Any = None,
    baseline: Any = None,
) -> tuple[Any, Any]:
    """The warnings of each judged group of a change target whose values add up: its
    observed total covers less than the reporting period (a rate says so already), or
    its baseline less than the baseline period (a total or a rate); and of a change in
    points whose values look like shares of 1 (0,53 for 53 %)."""
    found = xp.full(count, None, dtype=xp.object_)  # None: no warning
    flags = xp.zeros(count, dtype=xp.bool_)
    points = target.unit is not None and target.unit.kind is UnitKind.PERCENT
    if points and target.size is not None and target.size >= 1 and ok.any():
        shares = ok & (observed <= 1) & (baseline <= 1)
        for g in xp.flatnonzero(shares).tolist():
            found[g] = (SHARES_OF_ONE.format(
                observed=format_number(float(observed[g])),
                baseline=format_number(float(baseline[g])),
                size=format_amount(target.size),
            ),)  # fmt: skip
        flags = flags | shares
    if not is_additive(target) or base_period is None or not ok.any():
        return found, flags
    complete = 1 - 1e-9
    base_months = _part_months(base, base_rows, periods, groups, count, xp)
    short_base = ok & (base_months < complete * base_period.months())
    short_seen = xp.zeros(count, dtype=xp.bool_)
    seen_months = _part_months(seen, observed_rows, periods, groups, count, xp)
    if within is not None and not target.is_rate:
        short_seen = ok & (seen_months < complete * within.months()) & (seen.assumed == 0)
    made: dict[tuple[Any, ...], tuple[str, ...]] = {}
    for g in xp.flatnonzero(short_base | short_seen).tolist():
        key = (
            bool(short_seen[g]),
            float(seen_months[g]),
            bool(short_base[g]),
            float(base_months[g]),
        )
        texts = made.get(key)
        if texts is None:
            said = []
            if key[0] and within is not None:
                said.append(SHORT_OBSERVED.format(
                    covered=format_number(key[1]), whole=format_number(within.months()), within=within,
                ))  # fmt: skip
            if key[2]:
                said.append(SHORT_BASELINE.format(
                    covered=format_number(key[3]), whole=format_number(base_period.months()),
                    period=years_text(base_period),
                ))  # fmt: skip
            texts = made[key] = tuple(said)
        found[g] = texts
    return found, flags | short_base | short_seen


def _part_months(
    part: Outcome, rows: Any, periods: Periods, groups: Any, count: int, xp: Any
) -> Any:
    """The months the used rows of one part of a change target's rows cover, a group
    (``rows``: the part's rows among all; used rows never overlap)."""
    if not len(rows):
        return xp.zeros(count, dtype=xp.float64)
    codes = periods.codes[rows]
    used = (part.use == USED) & (codes >= 0)
    safe = xp.where(codes >= 0, codes, 0)
    months = xp.array([p.months() for p in periods.table] or [0.0], dtype=xp.float64)
    return xp.bincount(
        groups[rows], weights=xp.where(used, months[safe], 0.0), minlength=count
    ).astype(xp.float64)


def _observed_months(
    seen: Outcome,
    rows: Any,
    periods: Periods,
    groups: Any,
    count: int,
    within: Period | None,
    xp: Any,
) -> Any:
    """The months each group's observed value covers: the reporting period's, or
    without one, the months of its used rows."""
    if within is not None:
        return xp.full(count, within.months(), dtype=xp.float64)
    return _part_months(seen, rows, periods, groups, count, xp)


def _doubts(
    target: Target,
    use: Any,
    undated: Any,
    periods: Periods,
    groups: Any,
    count: int,
    rows: Any,
    observed: Any,
    expected: Any,
    within: Period | None,
    xp: Any,
) -> tuple[Any, Any, Any, Any, Any, Any, Any, Any, Any, Any]:
    """What the warnings of each group are made of (see :class:`Outcome`): every
    condition of a warning is decided here, once, for all groups."""
    used = use == USED
    codes = periods.codes
    safe = xp.where(codes >= 0, codes, 0)
    dated_used = used & (codes >= 0)
    assumed = xp.bincount(groups[used & undated], minlength=count)
    covered = xp.full(count, math.nan, dtype=xp.float64)
    single_days = xp.zeros(count, dtype=xp.int64)
    single_day = xp.full(count, -1, dtype=xp.int64)
    thin = xp.zeros(count, dtype=xp.bool_)
    if target.per is not None and target.is_rate and len(periods.table):
        days = periods.ends - periods.starts + 1
        row_days = xp.where(used, days[safe], 0)
        months = xp.array([p.months() for p in periods.table], dtype=xp.float64)
        covered = xp.bincount(
            groups, weights=xp.where(used, months[safe], 0.0), minlength=count
        ).astype(xp.float64)  # (an empty column of weights counts in integers)
        covered[rows == 0] = math.nan
        # less than half of the reporting period, or of one unit of the rate without one
        reference = within.months() if within is not None else _MONTHS[target.per]
        thin = covered < THIN_COVERAGE * reference
        if target.per not in (TimeUnit.DAY, TimeUnit.WORKING_DAY):
            one = used & (row_days == 1)
            single_days = xp.bincount(groups[one], minlength=count)
            # the first single-day row of each group: the greatest of minus the row numbers
            first = xp.full(count, -len(groups) - 1, dtype=xp.int64)
            found = xp.flatnonzero(one)
            xp.maximum.at(first, groups[found], -found)
            single_day = xp.where(single_days > 0, -first, -1)
    # Without a reporting period, rows of several years all count: how far they spread.
    first_day = xp.full(count, -(2**62), dtype=xp.int64)
    last_day = xp.full(count, -(2**62), dtype=xp.int64)
    if within is None and len(periods.table):
        found = xp.flatnonzero(dated_used)
        xp.maximum.at(first_day, groups[found], -periods.starts[safe[found]])
        xp.maximum.at(last_day, groups[found], periods.ends[safe[found]])
        first_day = -first_day
    spread = (rows > 0) & (last_day - first_day + 1 > 366) & (last_day > -(2**62))
    ratio = xp.full(count, math.nan, dtype=xp.float64)
    if not isinstance(target, YesNo):  # a yes/no answer is met or not: never implausible
        with xp.errstate(divide="ignore", invalid="ignore"):
            ratio = observed / xp.where(expected > 0, expected, math.nan)
    high = ratio > IMPLAUSIBLE_ABOVE
    # below an upper bound, a small value is what the target asks for
    low = (ratio > 0) & (ratio < IMPLAUSIBLE_BELOW)
    if getattr(target, "comparator", None) in (Comparator.AT_MOST, Comparator.LESS_THAN):
        low = xp.zeros(count, dtype=xp.bool_)
    implausible = high | low
    return (
        assumed, single_days, single_day, covered, thin, first_day, last_day, spread,
        implausible, ratio,
    )  # fmt: skip


#: How many months one unit of a rate holds (calendar-exact on average for weeks and days).
_MONTHS = {
    TimeUnit.YEAR: 12.0,
    TimeUnit.SEMESTER: 6.0,
    TimeUnit.QUARTER: 3.0,
    TimeUnit.MONTH: 1.0,
    TimeUnit.WEEK: 7 * 12 / 365.25,
    TimeUnit.DAY: 12 / 365.25,
    TimeUnit.WORKING_DAY: 12 / 253.75,  # 365.25 days × 5/7, less the weekday holidays
}


def warned(outcome: Outcome) -> Any:
    """The groups that have a warning (see :func:`warnings`)."""
    found = (
        (outcome.assumed > 0)
        | (outcome.single_days > 0)
        | outcome.thin
        | outcome.spread
        | outcome.implausible
    )
    if outcome.change_warned is not None:
        found = found | outcome.change_warned
    return found


def warnings(target: Target, outcome: Outcome, group: int) -> tuple[str, ...]:
    """The warnings of one group: what makes its score doubtful, though computed.

    A row read as the reporting period for want of its own; rows over a single day
    scored against a rate over a longer unit (``2023-01-01`` where ``2023-01`` was
    meant); a rate extrapolated from periods that cover less than half of the reporting
    period (of one unit of the rate, without a reporting period); rows of more than a
    year counted together, without a reporting period; an achievement beyond
    plausibility (over 10× the target, or under 0.1× when more is better). The
    conditions are decided by the engine (:class:`Outcome`); this says them.
    """
    return warnings_of(target, outcome, [group])[0]


#: The columns of :class:`Outcome` that the warnings of a group are said from.
_SAID = (
    "assumed", "single_days", "single_day", "thin", "covered", "spread", "first_day",
    "last_day", "implausible", "observed", "ratio", "expected",
)  # fmt: skip


def warnings_of(target: Target, outcome: Outcome, groups: Any) -> list[tuple[str, ...]]:
    """The warnings of each of ``groups`` (see :func:`warnings`); groups whose numbers
    are the same share their texts, which are made once."""
    if isinstance(groups, list):  # a few groups: each value on its own
        columns = [[_scalar(getattr(outcome, name)[g]) for g in groups] for name in _SAID]
    else:  # an array of groups: whole columns at once
        columns = [getattr(outcome, name)[groups].tolist() for name in _SAID]
    codes = outcome.periods.codes
    table = outcome.periods.table
    found = []
    made: dict[tuple[Any, ...], tuple[str, ...]] = {}
    for values in zip(*columns, strict=True):
        single = table[int(codes[values[2]])] if values[1] else None
        key = (single, *values[:2], *values[3:])
        texts = made.get(key)
        if texts is None:
            texts = made[key] = _said(target, outcome.within, *key)
        found.append(texts)
    if outcome.change_warnings is not None:
        picked = groups if isinstance(groups, list) else groups.tolist()
        found = [
            (*texts, *(outcome.change_warnings[g] or ()))
            for texts, g in zip(found, picked, strict=True)
        ]
    return found


def _scalar(value: Any) -> Any:
    """A Python number of an array's element (numpy's, or plain Python's as it is)."""
    item = getattr(value, "item", None)
    return item() if callable(item) else value


def _said(
    target: Target,
    within: Period | None,
    single_period: Period | None,
    assumed: int,
    single: int,
    thin: bool,
    covered: float,
    spread: bool,
    first_day: int,
    last_day: int,
    implausible: bool,
    observed: float,
    ratio: float,
    expected: float,
) -> tuple[str, ...]:
    found: list[str] = []
    if assumed and within is not None:
        rows = "1 row has" if assumed == 1 else f"{assumed} rows have"
        found.append(f"{rows} no period: read as the reporting period {within}")
    unit = target.per.name.lower() if target.per is not None else "period"
    if single and single_period is not None:
        start = single_period.start
        month = f"{start.year:04d}-{start.month:02d}"
        others = "" if single == 1 else f" ({single} rows are single days)"
        found.append(
            f"{single_period} is one day, scored against a rate per {unit}: if it means the "
            f"month, write {month}{others}"
        )
    if thin:
        if within is not None:
            share, of = covered / within.months(), f"the reporting period {within}"
        else:
            share, of = covered / _MONTHS[target.per or TimeUnit.YEAR], f"a {unit}"
        found.append(
            f"the measured periods cover {_percent(share)} of {of}: the rate is "
            "extrapolated from them"
        )
    if spread:
        first, last = date.fromordinal(first_day), date.fromordinal(last_day)
        found.append(
            f"the rows run from {first} to {last}, more than a year, and all count: "
            "no reporting period was given (nor a year in the plan); give one "
            "(period=, --period) to score one year"
        )
    if implausible:
        found.append(
            f"the observed value {format_number(observed)} is {_factor(ratio)} the target's "
            f"{format_number(expected)}: check the unit or the period"
        )
    return tuple(found)


def _factor(ratio: float) -> str:
    """How many times: ``31×``, ``0,05×``, ``0,0008×`` (two significant digits below 1)."""
    if ratio >= 1:
        return f"{format_number(ratio)}×"
    return f"{f'{ratio:.2g}'.replace('.', ',')}×" if ratio >= 1e-4 else "less than 0,0001×"


def _percent(share: float) -> str:
    """A share as a percentage for messages: ``3 %``, or ``0.3 %`` below one."""
    return f"{format_number(round(share * 100, 1 if share < 0.01 else 0))} %"


def _add_up(
    valid: Any, dated: Any, periods: Periods, groups: Any, count: int, reasons: _Reasons, xp: Any
) -> Any:
    """The rows that add up; the undated (among several) and overlapping are rejected."""
    valid_count = xp.bincount(groups[valid], minlength=count)
    undated = valid & xp.logical_not(dated) & (valid_count[groups] > 1)
    reasons.add(undated, None, lambda _: UNDATED)
    overlapping = _overlapping(valid & dated, periods, groups, count, xp)
    reasons.add(overlapping, periods.codes, lambda i: OVERLAP.format(period=reasons.period_text(i)))
    return valid & xp.logical_not(undated) & xp.logical_not(overlapping)


def _overlapping(candidates: Any, periods: Periods, groups: Any, count: int, xp: Any) -> Any:
    """Rows whose period shares a day with another row's of the same group.

    One sort, then one sweep: sorted by group, start and end, a row overlaps an earlier
    one when the latest end before it (in its group) reaches its start, and a later one
    exactly when it overlaps the next one.
    """
    found = xp.zeros(len(candidates), dtype=xp.bool_)
    rows = xp.flatnonzero(candidates)
    if not len(rows):
        return found
    group = groups[rows]
    start, end = periods.starts[periods.codes[rows]], periods.ends[periods.codes[rows]]
    order = xp.lexsort((end, start, group))
    group, start, end, rows = group[order], start[order], end[order], rows[order]
    # Groups are kept apart by encoding (group, day) in one number.
    span = int(periods.ends.max()) + 2
    encoded = group.astype(xp.int64) * span
    latest = xp.maximum.accumulate(encoded + end)
    hit = xp.zeros(len(rows), dtype=xp.bool_)
    hit[1:] = latest[:-1] >= encoded[1:] + start[1:]
    hit[:-1] = hit[:-1] | ((group[1:] == group[:-1]) & (start[1:] <= end[:-1]))
    found[rows[hit]] = True
    return found


def _latest(
    valid: Any, periods: Periods, groups: Any, count: int, reasons: _Reasons, xp: Any
) -> tuple[Any, Any]:
    """Rows of a level: the latest of each group, and the older ones superseded; rows
    with the same period (or none, twice) are rejected."""
    size = len(periods.table) + 1
    slot = xp.where(periods.codes >= 0, periods.codes + 1, 0)  # 0: no period
    rows = xp.flatnonzero(valid)
    conflict = xp.zeros(len(valid), dtype=xp.bool_)
    conflict[rows] = xp.repeated(groups[rows] * size + slot[rows], count * size)
    reasons.add(
        conflict,
        slot,
        lambda i: (
            NO_PERIOD_TWICE if slot[i] == 0 else SAME_PERIOD.format(period=reasons.period_text(i))
        ),
    )
    single = valid & xp.logical_not(conflict)
    # The rank of each period, latest end first, then latest start; 0: no period.
    order = xp.lexsort((periods.starts, periods.ends))
    rank = xp.zeros(size, dtype=xp.int64)
    rank[order + 1] = xp.arange(1, size)
    ranks = rank[slot]
    best = xp.full(count, -1, dtype=xp.int64)
    xp.maximum.at(best, groups[single], ranks[single])
    chosen = single & (ranks == best[groups])
    return chosen, single & xp.logical_not(chosen)


# ---------------------------------------------------------------- roll-ups


#: The names of the counts of a roll-up, by status.
COUNT_FIELDS = {status: status.name.lower() for status in Status}


def rollup(
    keys: Any, status: Any, achievement: Any, weights: Any, key_count: int, xp: Any
) -> dict[str, Any]:
    """Roll-ups of indicators, one for each key (a node, or a node and a group).

    Each row is an indicator counted under a key: its ``status`` code, ``achievement``
    (NaN when not measured) and ``weight``. Per key: the counts by status, the weighted
    share of measured indicators that are met and their weighted mean achievement (each
    achievement capped at 1, and floored at 0), and the coverage; NaN where nothing divides. Weighted sums
    add the rows of a key in row order.
    """
    counts = {
        COUNT_FIELDS[s]: xp.bincount(keys[status == code], minlength=key_count)
        for code, s in enumerate(STATUSES)
    }
    measured = status <= NOT_MET
    weighted = xp.bincount(keys, weights=xp.where(measured, weights, 0.0), minlength=key_count)
    met = xp.bincount(keys, weights=xp.where(status == MET, weights, 0.0), minlength=key_count)
    # between 0 and 1: a change the wrong way (below 0) counts as nothing achieved
    capped = xp.maximum(xp.minimum(xp.where(measured, achievement, 0.0), 1.0), 0.0)
    achieved = xp.bincount(keys, weights=capped * weights, minlength=key_count)
    total = xp.bincount(keys, minlength=key_count)
    measured_count = counts["met"] + counts["partial"] + counts["not_met"]
    some, any_row = weighted > 0, total > 0
    return {
        **counts,
        "total": total,
        "measured": measured_count,
        "met_share": xp.where(some, met / xp.where(some, weighted, 1.0), math.nan),
        "mean_achievement": xp.where(some, achieved / xp.where(some, weighted, 1.0), math.nan),
        "coverage": xp.where(any_row, measured_count / xp.where(any_row, total, 1), math.nan),
    }
