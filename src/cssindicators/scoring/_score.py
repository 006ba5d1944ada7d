"""Scoring one plan: the engine over each indicator's rows, then roll-ups up the tree."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Union, cast

import attrs

from cssindicators import _columns
from cssindicators._numbers import check_decimal
from cssindicators._suggest import did_you_mean
from cssindicators.errors import ConfigurationError
from cssindicators.measurements import Measurement, MeasurementFile, Problem, Row, read_measurements
from cssindicators.measurements._records import is_frame, read_columns, read_records
from cssindicators.periods import Period, as_period, parse_period
from cssindicators.plan import ExpectedResult, Indicator, Plan
from cssindicators.scoring import _engine
from cssindicators.scoring._results import (
    IndicatorResult,
    Rollup,
    Scorecard,
    _not_an_indicator,
    _rollups_of,
    _union,
    _union_text,
)
from cssindicators.targets import (
    DEFAULT_BANDS,
    Bands,
    Change,
    Evaluation,
    Status,
    Target,
    years_text,
)

if TYPE_CHECKING:
    from pathlib import Path

    import pandas

#: What :func:`score` accepts as measurements: a file's path, a file read, rows
#: (measurements, rows of a file, or records: mappings of column names to values),
#: columns (a mapping of column names to sequences), or a pandas ``DataFrame``.
Measurements = Union[
    str,
    "os.PathLike[str]",
    MeasurementFile,
    Iterable[Measurement | Row | Mapping[str, Any]],
    Mapping[str, Sequence[Any]],
    "pandas.DataFrame",
]


@attrs.frozen
class _Outcome:
    """What the rows of one indicator come to."""

    status: Status
    evaluation: Evaluation | None = None
    rows: tuple[Row, ...] = ()
    superseded: tuple[Row, ...] = ()
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = ()
    baseline_rows: tuple[Row, ...] = ()


def evaluate_rows(
    target: Target, rows: Sequence[Row], bands: Bands, within: Period | None = None
) -> _Outcome:
    """Evaluate ``target`` over the rows of one indicator (in file order) for the
    reporting period ``within``: the engine, run over them as one group, in plain
    Python."""
    xp = _columns
    size = len(rows)
    outcome = _engine.evaluate(
        target,
        _engine.Values.of([r.measurement.value for r in rows], xp, texts=False),
        _engine.Periods.of([r.measurement.period for r in rows], xp),
        _engine.Units.of([r.measurement.unit for r in rows], size, xp),
        xp.zeros(size, dtype=xp.intp),
        1,
        bands,
        xp,
        within,
    )
    problems = sorted(
        (
            rows[i].problem(reason)
            for i, reason in zip(outcome.problem_rows, outcome.reasons, strict=True)
        ),
        key=lambda p: p.line,
    )
    status = _engine.STATUSES[outcome.status[0]]
    baseline_rows = tuple(
        r for r, use in zip(rows, outcome.use, strict=True) if use == _engine.BASELINE
    )
    superseded = tuple(
        r for r, use in zip(rows, outcome.use, strict=True) if use == _engine.SUPERSEDED
    )
    if outcome.rows[0] == 0:
        return _Outcome(
            status, superseded=superseded, problems=tuple(problems), baseline_rows=baseline_rows
        )
    used = tuple(r for r, use in zip(rows, outcome.use, strict=True) if use == _engine.USED)
    baseline = baseline_measurement = None
    if baseline_rows:
        baseline = float(outcome.baseline[0])
        baseline_measurement = _measurement(
            target, baseline_rows, outcome.baseline_totals[0], outcome.baseline_period
        )
    evaluation = Evaluation(
        target=target,
        measurement=_measurement(target, used, outcome.totals[0], within),
        status=status,
        observed=outcome.observed[0],
        expected=outcome.expected[0],
        achievement=outcome.achievement[0],
        baseline=baseline,
        baseline_measurement=baseline_measurement,
    )
    warnings = _engine.warnings(target, outcome, 0)
    return _Outcome(status, evaluation, used, superseded, tuple(problems), warnings, baseline_rows)


def warnings_of(
    target: Target,
    measurements: Iterable[Measurement],
    *,
    period: Period | str | int | None = None,
) -> tuple[str, ...]:
    """The warnings :func:`score` would give the ``measurements`` of one indicator
    against ``target``, for the reporting ``period`` (none by default): what makes
    their evaluation doubtful (see :attr:`IndicatorResult.warnings`).

    >>> import cssindicators as ci
    >>> for warning in warnings_of(ci.parse_target("≥ 50/an"), [ci.Measurement(value=4, period="2023-01-01")]):
    ...     print(warning)
    2023-01-01 is one day, scored against a rate per year: if it means the month, write 2023-01
    the measured periods cover 0,3 % of a year: the rate is extrapolated from them
    the observed value 1488 is 29,76× the target's 50: check the unit or the period
    """
    within = None if period is None else as_period(period)
    rows = [Row.of(m, line=line) for line, m in enumerate(measurements, 1)]
    return evaluate_rows(target, rows, DEFAULT_BANDS, within).warnings


def _measurement(
    target: Target, rows: Sequence[Row], total: float, assumed: Period | None = None
) -> Measurement:
    """What an evaluation was made on: the one row's measurement, or the sum of several,
    in the target's unit, over the union of their periods when it is one period (twelve
    months make the year). When the union has gaps (January and December), no period
    holds it: ``period`` is ``None`` and ``note`` names the periods (``sum of 2 rows over
    2 periods (2023-01, 2023-12)``); the observed rate is the sum divided by the length
    of the union, not of the year. ``assumed`` is the reporting period that rows without
    a period were read as."""
    if len(rows) == 1:
        measurement = rows[0].measurement
        if measurement.period is None and assumed is not None:
            return attrs.evolve(measurement, period=assumed)
        return measurement
    periods = (r.measurement.period or assumed for r in rows)
    union = _union(p for p in periods if p is not None)
    over = "" if len(union) < 2 else f" over {_union_text(union)}"
    return Measurement(
        value=int(total) if total.is_integer() else total,
        period=union[0] if len(union) == 1 else None,
        unit=None if target.unit is None else target.unit.name,
        indicator=rows[0].indicator,
        note=f"sum of {len(rows)} rows{over}",
    )


def _as_file(measurements: Measurements, decimal: str | None) -> MeasurementFile:
    """The rows of any container :func:`score` takes, as a file's."""
    check_decimal(decimal)
    if isinstance(measurements, (str, os.PathLike)):
        return read_measurements(measurements, decimal=decimal)
    if isinstance(measurements, MeasurementFile):
        if decimal is not None:
            raise ConfigurationError(
                "decimal= says how to read numbers written as texts; this MeasurementFile "
                "is read already: pass decimal= to read_measurements instead"
            )
        return measurements
    if is_frame(measurements) or isinstance(measurements, Mapping):
        columns = cast("Mapping[Any, Any]", measurements)
        rows, problems, notes = read_columns(columns, "<columns>", decimal)
        return MeasurementFile("<columns>", rows, problems, "memory", notes=notes)
    if not isinstance(measurements, Iterable):
        raise ConfigurationError(
            "measurements must be a file path, a MeasurementFile, rows (Measurement, Row "
            "or a mapping of column names to values), a mapping of columns or a pandas "
            f"DataFrame, got {type(measurements).__name__}"
        )
    given: list[Row] = []
    records: list[tuple[int, Mapping[Any, object]]] = []
    for line, item in enumerate(measurements, 1):
        if isinstance(item, Row):
            given.append(item)
        elif isinstance(item, Measurement):
            given.append(Row.of(item, line=line))
        elif isinstance(item, Mapping):
            records.append((line, item))
        else:
            raise ConfigurationError(
                f"measurement {line}: expected a Measurement, a Row or a mapping of column "
                f"names to values, got {type(item).__name__}: {item!r:.80}"
            )
    data = MeasurementFile.from_measurements(given)
    if not records:
        return data
    rows, problems, notes = read_records(records, "<measurements>", decimal)
    return attrs.evolve(
        data,
        rows=tuple(sorted([*data.rows, *rows], key=lambda r: r.line)),
        problems=tuple(sorted([*data.problems, *problems], key=lambda p: p.line)),
        notes=notes,
    )


def _weights(plan: Plan, weights: Mapping[str, float] | None) -> dict[str, float]:
    """The weight of each indicator: the product of the weights on its path.

    Raises :class:`~cssindicators.errors.ConfigurationError` for an id that names no
    node of the plan, or a weight that is not a finite number ≥ 0.
    """
    given: dict[str, float] = {}
    for node_id, weight in (weights or {}).items():
        if not isinstance(node_id, str) or node_id not in plan:
            hint = did_you_mean(str(node_id), [node.id for node in plan.walk()])
            raise ConfigurationError(f"weights: no node {node_id!r} in the plan{hint}")
        number = not isinstance(weight, bool) and isinstance(weight, (int, float, Decimal))
        if not (number and math.isfinite(weight) and weight >= 0):
            raise ConfigurationError(
                f"the weight of {node_id!r} must be a finite number ≥ 0, got {weight!r}"
            )
        given[node_id] = float(weight)
    result = {}
    for indicator in plan.indicators():
        weight = given.get(indicator.id, 1.0)
        for parent in plan.parents(indicator.id):
            weight *= given.get(parent.id, 1.0)
        result[indicator.id] = weight
    return result


def score(
    plan: Plan,
    measurements: Measurements,
    *,
    period: Period | str | int | None = None,
    decimal: str | None = None,
    bands: Bands = DEFAULT_BANDS,
    weights: Mapping[str, float] | None = None,
    baselines: Measurements | None = None,
) -> Scorecard:
    """Score every indicator of ``plan`` against ``measurements`` for a reporting
    period, and roll them up.

    ``measurements`` is a file path (CSV or JSON lines, see
    :func:`~cssindicators.measurements.read_measurements`; ``decimal`` is passed to
    it), what that function returns, an iterable of
    :class:`~cssindicators.measurements.Measurement` (each naming its ``indicator``),
    :class:`~cssindicators.measurements.Row` or records (mappings of column names to
    values, named as in a file: ``indicateur``, ``valeur``…), a mapping of columns (names
    to sequences of equal length), or a pandas ``DataFrame``: the same rows give the same
    scorecard whatever holds them.

    ``period`` is the reporting period (a :class:`~cssindicators.periods.Period`, its
    text in any form :func:`~cssindicators.periods.parse_period` reads, or a year such
    as ``2023``: see :func:`~cssindicators.periods.as_period`); by default the plan's
    year. Rows outside it are problems ("outside the reporting period 2023"), as
    are rows straddling its boundary; a row without a period is read as the reporting
    period, and its result says so in a warning. Without a period and without a year in
    the plan, every row counts.

    A change target (``diminution de 10 % par rapport à 2022``) is compared with its
    baseline: the rows of the same indicator over the baseline period (the target's
    year, or by default the period of the same length just before the reporting
    period: they are not "outside the reporting period"), the ``baseline`` column of
    its rows (one value, for the baseline period), or the rows of ``baselines``, which
    takes what ``measurements`` takes (a row without a period is for the baseline
    period). See "Change targets" in ``docs/scoring.md``.

    ``bands`` turns an achievement into a status (default: ``PARTIAL`` from 0.5;
    ``Bands.tolerance`` says how small a change is no change).
    ``weights`` maps node ids to weights (default 1): an indicator counts in roll-ups
    with the product of the weights on its path, itself included. Raises
    :class:`~cssindicators.errors.FileReadError` or
    :class:`~cssindicators.measurements.MeasurementFileError` only when a file cannot be
    read at all (bad rows become problems),
    :class:`~cssindicators.errors.PeriodError` for a period that cannot be read, and
    :class:`~cssindicators.errors.ConfigurationError` for weights that are not numbers
    ≥ 0 or name no node, or measurements of a type it does not take.

    >>> import cssindicators as ci
    >>> from cssindicators.reading import parse_plan
    >>> plan = parse_plan(
    ...     "Secteur d'activité 2 : Criminalité\\n"
    ...     "Objectif général 1 - Secteur d'activité 2 :\\nLutte\\n"
    ...     "Objectif stratégique 1 - Domaine :\\nPrévention\\nGDP\\n"
    ...     "Objectifs opérationnels\\tRésultats attendus\\tIndicateurs\\n"
    ...     "1. Être présent\\t- Présence\\t- Heures de présence : ≥ 3 heures/jour\\n"
    ... )
    >>> hours = plan.indicators()[0].id
    >>> card = score(plan, [
    ...     ci.Measurement(value=550, period="2023-H1", unit="heures", indicator=hours),
    ...     ci.Measurement(value=33000, period="2023-H2", unit="minutes", indicator=hours),
    ...     ci.Measurement(value=5, period="2023-12", indicator="s9.i1"),
    ... ])
    >>> result = card.result(hours)
    >>> result.status, round(result.evaluation.observed, 3), len(result.rows)
    (<Status.MET: 'met'>, 3.014, 2)
    >>> print(card.problems[0])
    <measurements>:3: unknown indicator 's9.i1': not in the plan
    """
    within = _reporting_period(plan, period)
    data = _as_file(measurements, decimal)
    indicators = plan.indicators()
    known = {indicator.id for indicator in indicators}
    by_indicator: dict[str, list[Row]] = {indicator.id: [] for indicator in indicators}
    stray: list[Problem] = []
    early: dict[str, list[Problem]] = {}
    for problem in data.problems:
        if problem.indicator in known:
            early.setdefault(problem.indicator, []).append(problem)
        else:
            stray.append(problem)
    reasons: dict[str, str] = {}
    for row in data.rows:
        indicator_id = row.indicator or ""
        if indicator_id in by_indicator:
            by_indicator[indicator_id].append(row)
        else:
            if indicator_id not in reasons:
                reasons[indicator_id] = _not_an_indicator(plan, indicator_id)
            stray.append(row.problem(reasons[indicator_id]))
    targets = {indicator.id: indicator.target for indicator in indicators}
    sources = [data.source]
    if baselines is not None:
        base_data = _as_file(baselines, decimal)
        sources.append(base_data.source)
        undated = _add_baselines(plan, base_data, targets, within, by_indicator, early, stray)
    column_warnings = _baseline_column(targets, within, by_indicator, early)
    if baselines is not None:
        for indicator_id, said in undated.items():
            column_warnings[indicator_id] = "; ".join(
                [*filter(None, [column_warnings.get(indicator_id)]), said]
            )
    weights_of = _weights(plan, weights)
    results = []
    for indicator in indicators:
        outcome = _score_indicator(
            indicator, by_indicator[indicator.id], early.get(indicator.id, []), bands, within
        )
        if indicator.id in column_warnings:
            warned = (*outcome.warnings, column_warnings[indicator.id])
            outcome = attrs.evolve(outcome, warnings=warned)
        results.append(
            IndicatorResult(
                indicator, **attrs.asdict(outcome, recurse=False), weight=weights_of[indicator.id]
            )
        )
    rollups = _rollups(plan, results)
    problems = stray + [p for r in results for p in r.problems]
    problems.sort(key=lambda p: (p.source, p.line))
    return Scorecard(
        plan, tuple(results), rollups, tuple(problems), tuple(sources), bands, within, data.notes
    )


def _add_baselines(
    plan: Plan,
    data: MeasurementFile,
    targets: Mapping[str, Target | None],
    within: Period | None,
    by_indicator: dict[str, list[Row]],
    early: dict[str, list[Problem]],
    stray: list[Problem],
) -> dict[str, str]:
    """The rows of a baselines file, added to the rows of their change targets (a row
    without a period is for the baseline period); a row for another indicator is a
    problem. Returns the warnings of the indicators whose undated baseline is read as a
    total over several periods of the reporting length."""
    warnings: dict[str, str] = {}
    for problem in data.problems:
        if problem.indicator is not None and problem.indicator in targets:
            early.setdefault(problem.indicator, []).append(problem)
        else:
            stray.append(problem)
    for row in data.rows:
        indicator_id = row.indicator or ""
        if indicator_id not in targets:
            stray.append(row.problem(_not_an_indicator(plan, indicator_id)))
            continue
        target = targets[indicator_id]
        if not isinstance(target, Change):
            written = "no target" if target is None else f"the target {str(target)!r}"
            stray.append(
                row.problem(f"a baseline for an indicator with {written}, which is not a change")
            )
            continue
        period = _engine.baseline_period(target, within)
        given = row.measurement.period
        if period is None:
            reason = _engine.NO_BASELINE_PERIOD.format(target=str(target))
            early.setdefault(indicator_id, []).append(row.problem(reason))
            continue
        if given is None:
            row = attrs.evolve(row, measurement=attrs.evolve(row.measurement, period=period))
            said = _undated(target, within, period, f"line {row.line} of {row.source}")
            if said is not None:
                warnings[indicator_id] = said
        elif not (period.start <= given.start and given.end <= period.end):
            reason = (
                f"a baseline over {given}, but the change target {str(target)!r} is "
                f"compared with {period}"
            )
            early.setdefault(indicator_id, []).append(row.problem(reason))
            continue
        by_indicator[indicator_id].append(row)
    return warnings


def _undated(target: Change, within: Period | None, period: Period, where: str) -> str | None:
    """A warning when a baseline value without a period of its own is read as the total
    over a baseline of several periods of the reporting length (2015-2019 for 2023)."""
    if within is None or target.is_rate or not _engine.is_additive(target):
        return None
    if period.months() <= within.months() * (1 + 1e-9):
        return None
    return (
        f"the baseline value of {where} has no period of its own: it is read as the total "
        f"over {years_text(period)}, whose mean per period of the reporting "
        "length is compared; if it is the value of one year, give it that period"
    )


def _baseline_column(
    targets: Mapping[str, Target | None],
    within: Period | None,
    by_indicator: dict[str, list[Row]],
    early: dict[str, list[Problem]],
) -> dict[str, str]:
    """The ``baseline`` column of each indicator's rows, as one more row over its
    baseline period (the rows may repeat it; different values are a problem of each
    row); for an indicator that is not a change, a warning that it is not used."""
    warnings: dict[str, str] = {}
    for indicator_id, rows in by_indicator.items():
        given = [r for r in rows if r.measurement.baseline is not None]
        if not given:
            continue
        target = targets[indicator_id]
        if not isinstance(target, Change):
            lines = ", ".join(str(r.line) for r in given[:5]) + ("…" if len(given) > 5 else "")
            written = "has no target" if target is None else f"{str(target)!r} is not a change"
            warnings[indicator_id] = (
                f"the baseline column (line {lines}) is not used: the target {written}"
            )
            continue
        values = {(r.measurement.baseline, r.measurement.unit) for r in given}
        if len(values) > 1:
            shown = ", ".join(sorted(str(v) for v, _ in values))
            reason = f"the baseline column gives different values for this indicator: {shown}"
            early.setdefault(indicator_id, []).extend(r.problem(reason) for r in given)
            rows[:] = [r for r in rows if r.measurement.baseline is None]
            continue
        period = _engine.baseline_period(target, within)
        if period is None:  # the rows are rejected, saying so (NO_BASELINE_PERIOD)
            continue
        first = given[0]
        said = _undated(target, within, period, f"the baseline column (line {first.line})")
        if said is not None:
            warnings[indicator_id] = said
        measurement = Measurement(
            value=first.measurement.baseline,
            period=period,
            unit=first.measurement.unit,
            indicator=indicator_id,
            note=f"baseline column of line {first.line}",
        )
        rows.append(Row(measurement, first.source, first.line, first.raw))
    return warnings


def _reporting_period(plan: Plan, period: object) -> Period | None:
    """The period a scorecard is for: the one given (a period, its text, a year…), else
    the plan's year, if any."""
    if period is not None:
        return as_period(period)
    if plan.year is None or plan.year < 1:
        return None
    return parse_period(str(plan.year))


def _score_indicator(
    indicator: Indicator,
    rows: Sequence[Row],
    early: Sequence[Problem],
    bands: Bands,
    within: Period | None,
) -> _Outcome:
    target = indicator.target
    if target is None:
        reason = _no_target(indicator.target_text)
        problems = sorted([*early, *(row.problem(reason) for row in rows)], key=lambda p: p.line)
        return _Outcome(
            Status.INVALID if problems else Status.NOT_MEASURED, problems=tuple(problems)
        )
    outcome = evaluate_rows(target, rows, bands, within)
    if not early:
        return outcome
    merged = tuple(sorted([*early, *outcome.problems], key=lambda p: p.line))
    status = Status.INVALID if outcome.status is Status.NOT_MEASURED else outcome.status
    return attrs.evolve(outcome, status=status, problems=merged)


def _no_target(written: str | None) -> str:
    """The reason of a row for an indicator that has no target to score against."""
    if written is None:
        return "the plan gives this indicator no target"
    return f"the plan's target {written!r} for this indicator cannot be read"


def _rollups(plan: Plan, results: Sequence[IndicatorResult]) -> tuple[Rollup, ...]:
    below: dict[str, list[IndicatorResult]] = {}
    for result in results:
        for parent in plan.parents(result.id):
            below.setdefault(parent.id, []).append(result)
    nodes = [n for n in plan.walk() if not isinstance(n, (Indicator, ExpectedResult))]
    return tuple(_rollups_of([(plan, results), *((n, below.get(n.id, [])) for n in nodes)]))


def example_files(name: str = "molenbeek-2023") -> tuple[Path, Path]:
    """The plan and the (illustrative) measurement file of a bundled example.

    The examples ship inside the package; in a source checkout that is not installed
    they are read from the top-level ``examples/`` folder.

    >>> plan_file, measurements_file = example_files()
    >>> plan_file.name, measurements_file.name
    ('plan.txt', 'measurements.csv')
    """
    from cssindicators._resources import data_path

    folder = data_path("examples", name)
    if folder is None:
        raise ConfigurationError(f"no bundled example {name!r}")
    return folder / "plan.txt", folder / "measurements.csv"
