r"""Scoring a plan: each indicator against its target, then roll-ups up the tree.

:func:`score` takes a :class:`~cssindicators.plan.Plan` and measurements (a file, or
:class:`~cssindicators.measurements.Measurement` objects naming their ``indicator``)
and returns a :class:`Scorecard`: one :class:`IndicatorResult` per indicator, and one
:class:`Rollup` per node of the plan. The semantics are described in
``docs/scoring.md``; in short:

* rows of an indicator that counts things or time (``≥ 12 par an``,
  ``≥ 3 heures/jour``) are **added up** over the union of their periods; rows whose
  periods overlap would count days twice, and are invalid;
* rows of a **level** (a percentage, ``≥ 70 %``) or a yes/no answer (``Oui/Non``)
  replace each other: the latest period counts;
* a row that cannot be used is :attr:`~cssindicators.targets.Status.INVALID`, with its
  file, line and reason; an indicator with no data is ``NOT_MEASURED``.

>>> import cssindicators as ci
>>> from cssindicators.reading import parse_plan
>>> plan = parse_plan(
...     "Secteur d'activité 2 : Criminalité\n"
...     "Objectif général 1 - Secteur d'activité 2 :\n"
...     "Lutte contre la criminalité\n"
...     "Objectif stratégique 1 - Domaine :\n"
...     "Prévention\n"
...     "GDP\n"
...     "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
...     "1. Se concerter\t- Projets communs\t- Réunions de concertation : ≥ 12 par an\n"
...     "2. Écouter\t- Écoute\t- Espace d'écoute : Oui/Non\n"
... )
>>> meetings, listening = (i.id for i in plan.indicators())
>>> card = score(plan, [
...     ci.Measurement(value=7, period="2023-H1", indicator=meetings),
...     ci.Measurement(value=4, period="2023-H2", indicator=meetings),
... ])
>>> card.result(meetings).status, card.result(listening).status
(<Status.PARTIAL: 'partial'>, <Status.NOT_MEASURED: 'not measured'>)
>>> r = card.rollup("s2")
>>> r.measured, r.total, r.coverage, round(r.mean_achievement, 3)
(1, 2, 0.5, 0.917)
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, Union

import attrs

from cssindicators._suggest import did_you_mean
from cssindicators.errors import ConfigurationError, MeasurementError, UnknownNodeError
from cssindicators.measurements import Measurement, MeasurementFile, Problem, Row, read_measurements
from cssindicators.periods import Period
from cssindicators.plan import ExpectedResult, Indicator, Node, Plan
from cssindicators.targets import (
    DEFAULT_BANDS,
    Bands,
    Evaluation,
    Status,
    Target,
    UnitKind,
    YesNo,
    format_number,
)

if TYPE_CHECKING:
    from pathlib import Path

    import pandas

__all__ = [
    "MEASURED",
    "RECORD_FIELDS",
    "BulkEvaluation",
    "BulkScorecard",
    "IndicatorResult",
    "Rollup",
    "Scorecard",
    "evaluate_many",
    "example_files",
    "is_additive",
    "measurement_text",
    "score",
    "score_frame",
]

#: The statuses of an indicator that was evaluated: it counts as *measured*.
MEASURED = frozenset({Status.MET, Status.PARTIAL, Status.NOT_MET})

#: What :func:`score` accepts as measurements.
Measurements = Union[str, "os.PathLike[str]", MeasurementFile, Iterable[Measurement | Row]]

# ---------------------------------------------------------------- reasons

#: Why a row is invalid, when the reason is about the rows together (the shared texts of
#: the scalar and the bulk path).
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


def is_additive(target: Target) -> bool:
    """Whether the rows of a target add up: counts and durations do; levels do not.

    Levels are percentages and yes/no answers: their rows replace each other, and the
    latest period counts.

    >>> import cssindicators as ci
    >>> [is_additive(ci.parse_target(t)) for t in ("≥ 12 par an", "≥ 3 heures/jour", "≥ 70 %", "Oui/Non")]
    [True, True, False, False]
    """
    if isinstance(target, YesNo):
        return False
    return target.unit is None or target.unit.kind is not UnitKind.PERCENT


def _quantity(target: Target) -> Target:
    """The same rule, not per period: evaluates a quantity in the target's unit."""
    if target.per is None:
        return target
    changed: Target = attrs.evolve(target, per=None)  # type: ignore[misc]
    return changed


def row_reason(target: Target, measurement: Measurement) -> str | None:
    """Why a measurement cannot be evaluated against ``target`` (``None`` if it can)."""
    try:
        target.evaluate(measurement)
    except MeasurementError as error:
        return str(error)
    return None


def _oldest_first(row: Row) -> tuple[date, date]:
    period = row.measurement.period
    return (date.min, date.min) if period is None else (period.end, period.start)


def touching(spans: Sequence[tuple[Any, Any]]) -> list[bool]:
    """For each ``(start, end)`` span (both included), whether another span shares a
    point with it: one sort, then one sweep keeping the latest end seen so far.

    Sorted by start, a span overlaps an earlier one when the latest end before it
    reaches its start, and a later one exactly when it overlaps the next one.

    >>> touching([(1, 3), (10, 12), (3, 4), (6, 8)])
    [True, False, True, False]
    """
    order = sorted(range(len(spans)), key=spans.__getitem__)
    found = [False] * len(spans)
    latest = None
    for position, k in enumerate(order):
        start, end = spans[k]
        if latest is not None and latest >= start:
            found[k] = True
        if position + 1 < len(order) and spans[order[position + 1]][0] <= end:
            found[k] = True
        latest = end if latest is None or end > latest else latest
    return found


def _overlapping(rows: Sequence[Row]) -> set[int]:
    """The positions of rows whose period shares a day with another row's."""
    dated = [i for i, r in enumerate(rows) if r.measurement.period is not None]
    spans = []
    for i in dated:
        period = rows[i].measurement.period
        assert period is not None
        spans.append((period.start, period.end))
    return {i for i, hit in zip(dated, touching(spans), strict=True) if hit}


def _union(periods: Iterable[Period]) -> list[Period]:
    """The union of periods that do not overlap, as the fewest periods: adjacent ones
    merged, in order."""
    merged: list[Period] = []
    for period in sorted(periods, key=lambda p: p.start):
        if merged and period.start.toordinal() <= merged[-1].end.toordinal() + 1:
            if period.end > merged[-1].end:
                merged[-1] = Period(merged[-1].start, period.end)
        else:
            merged.append(period)
    return merged


def _union_text(periods: Sequence[Period]) -> str:
    """Periods in words: ``2023``, ``2 periods (2023-01, 2023-12)``."""
    if len(periods) == 1:
        return str(periods[0])
    if len(periods) <= 4:
        return f"{len(periods)} periods ({', '.join(map(str, periods))})"
    return f"{len(periods)} periods from {periods[0].start} to {periods[-1].end}"


@attrs.frozen
class _Outcome:
    """What the rows of one indicator come to."""

    status: Status
    evaluation: Evaluation | None = None
    rows: tuple[Row, ...] = ()
    superseded: tuple[Row, ...] = ()
    problems: tuple[Problem, ...] = ()


def _evaluate_rows(target: Target, rows: Sequence[Row], bands: Bands) -> _Outcome:
    """Evaluate ``target`` over the rows of one indicator (in file order).

    Each row is evaluated once: additive rows as quantities (not per period), which
    are then added up; rows of a level against the target itself.
    """
    problems: list[Problem] = []
    valid: list[Row] = []
    evaluations: list[Evaluation] = []
    additive = is_additive(target)
    judge = _quantity(target) if additive else target
    for row in rows:
        try:
            evaluated = judge.evaluate(row.measurement, bands=bands)
        except MeasurementError as error:
            problems.append(row.problem(str(error)))
            continue
        if target.is_rate and row.measurement.period is None:
            problems.append(row.problem(row_reason(target, row.measurement) or ""))
            continue
        valid.append(row)
        evaluations.append(evaluated)
    used, superseded, rejected = _add_up(valid) if additive else _latest(valid)
    problems += rejected
    evaluation = None
    if used and additive:
        evaluation = _evaluate_sum(
            target, [valid[i] for i in used], [evaluations[i].observed for i in used], bands
        )
        if evaluation is None:
            problems += [valid[i].problem(TOO_LARGE) for i in used]
            used = []
    elif used:
        evaluation = evaluations[used[0]]
    problems.sort(key=lambda p: p.line)
    if evaluation is None:
        return _Outcome(
            Status.INVALID if problems else Status.NOT_MEASURED, problems=tuple(problems)
        )
    return _Outcome(
        evaluation.status,
        evaluation,
        tuple(valid[i] for i in used),
        tuple(valid[i] for i in superseded),
        tuple(problems),
    )


def _add_up(valid: Sequence[Row]) -> tuple[list[int], list[int], list[Problem]]:
    """Rows of an additive indicator: those that add up, none superseded, the rejected."""
    rejected: dict[int, Problem] = {}
    if len(valid) > 1:
        rejected |= {
            i: r.problem(UNDATED) for i, r in enumerate(valid) if r.measurement.period is None
        }
    for i in _overlapping(valid):
        rejected[i] = valid[i].problem(OVERLAP.format(period=valid[i].measurement.period))
    used = [i for i in range(len(valid)) if i not in rejected]
    return used, [], [rejected[i] for i in sorted(rejected)]


def _latest(valid: Sequence[Row]) -> tuple[list[int], list[int], list[Problem]]:
    """Rows of a level: the latest, the older ones, and the contradicting rejected."""
    by_period: dict[object, list[int]] = {}
    for i, row in enumerate(valid):
        by_period.setdefault(row.measurement.period, []).append(i)
    rejected: list[Problem] = []
    single: list[int] = []
    for period, same in by_period.items():
        if len(same) == 1:
            single += same
        elif period is None:
            rejected += [valid[i].problem(NO_PERIOD_TWICE) for i in same]
        else:
            rejected += [valid[i].problem(SAME_PERIOD.format(period=period)) for i in same]
    if not single:
        return [], [], rejected
    latest = max(single, key=lambda i: _oldest_first(valid[i]))
    return [latest], [i for i in single if i != latest], rejected


def _evaluate_sum(
    target: Target, rows: Sequence[Row], quantities: Sequence[float], bands: Bands
) -> Evaluation | None:
    """The evaluation of rows added up over the union of their periods (``None`` when the
    sum is too large for a float); ``quantities`` are the rows' values in the target's
    unit.

    With several rows, the evaluation's measurement is their sum, in the target's unit,
    over the union of their periods when it is one period (twelve months make the
    year): evaluating it gives the same observed value. When the union has gaps (January
    and December), no period holds it: ``period`` is ``None`` and ``note`` names the
    periods (``sum of 2 rows over 2 periods (2023-01, 2023-12)``); the observed rate is
    the sum divided by the length of the union, not of the year.
    """
    quantity = _quantity(target)
    total = 0.0
    length = 0.0
    for row, value in zip(rows, quantities, strict=True):
        total += value
        if target.per is not None and target.is_rate:
            assert row.measurement.period is not None  # checked: a rate needs a period
            length += row.measurement.period.length(target.per)
    observed = total / length if target.per is not None and target.is_rate else total
    if not math.isfinite(observed):
        return None
    evaluation = quantity.evaluate(Measurement(value=observed), bands=bands)
    if len(rows) == 1:
        measurement = rows[0].measurement
    else:
        union = _union(r.measurement.period for r in rows if r.measurement.period is not None)
        over = "" if len(union) < 2 else f" over {_union_text(union)}"
        measurement = Measurement(
            value=int(total) if total.is_integer() else total,
            period=union[0] if len(union) == 1 else None,
            unit=None if target.unit is None else target.unit.name,
            indicator=rows[0].indicator,
            note=f"sum of {len(rows)} rows{over}",
        )
    return attrs.evolve(evaluation, target=target, measurement=measurement)


# ---------------------------------------------------------------- results


@attrs.frozen
class IndicatorResult:
    """How one indicator of the plan stands: its status, evaluation and the rows behind it.

    ``evaluation`` is ``None`` unless the indicator was measured (``MET``, ``PARTIAL``
    or ``NOT_MET``). ``rows`` are the rows it was evaluated on (added up, or the latest
    one), ``superseded`` the older rows of a level, ``problems`` its invalid rows.

    >>> import cssindicators as ci
    >>> from cssindicators.plan import Indicator
    >>> r = IndicatorResult(Indicator(id="x", label="Réunions"), ci.Status.NOT_MEASURED)
    >>> r.id, r.status.value, r.achievement, r.measured
    ('x', 'not measured', None, False)
    """

    indicator: Indicator
    status: Status
    evaluation: Evaluation | None = None
    rows: tuple[Row, ...] = ()
    superseded: tuple[Row, ...] = ()
    problems: tuple[Problem, ...] = ()
    weight: float = 1.0

    @property
    def id(self) -> str:
        """The indicator's id.

        >>> import cssindicators as ci
        >>> IndicatorResult(Indicator(id="a.i1", label="x"), ci.Status.INVALID).id
        'a.i1'
        """
        return self.indicator.id

    @property
    def label(self) -> str:
        """The indicator's label.

        >>> import cssindicators as ci
        >>> IndicatorResult(Indicator(id="a.i1", label="x"), ci.Status.INVALID).label
        'x'
        """
        return self.indicator.label

    @property
    def target(self) -> Target | None:
        """The indicator's target, if it has a readable one.

        >>> import cssindicators as ci
        >>> IndicatorResult(Indicator(id="a.i1", label="x"), ci.Status.INVALID).target is None
        True
        """
        return self.indicator.target

    @property
    def measured(self) -> bool:
        """Whether the indicator was evaluated (``MET``, ``PARTIAL`` or ``NOT_MET``).

        >>> import cssindicators as ci
        >>> IndicatorResult(Indicator(label="x"), ci.Status.NOT_MET).measured
        True
        """
        return self.status in MEASURED

    @property
    def achievement(self) -> float | None:
        """The evaluation's achievement (may exceed 1), ``None`` when not measured.

        >>> import cssindicators as ci
        >>> IndicatorResult(Indicator(label="x"), ci.Status.INVALID).achievement is None
        True
        """
        return None if self.evaluation is None else self.evaluation.achievement


@attrs.frozen
class Rollup:
    """The indicators below one node of the plan, summed up.

    ``met`` … ``invalid`` count indicators by status; ``met_share`` is the weighted
    share of measured indicators that are met, ``mean_achievement`` the weighted mean of
    their achievements, each capped at 1, and ``coverage`` the share of indicators that
    are measured. Each is ``None`` when there is nothing to divide by. ``id`` is ``""``
    for the whole plan.

    >>> import cssindicators as ci
    >>> r = Rollup("s2", "sector", "Criminalité", met=2, not_met=1, not_measured=1,
    ...            met_share=2 / 3, mean_achievement=0.8, coverage=0.75)
    >>> r.total, r.measured, r.count(ci.Status.MET)
    (4, 3, 2)
    """

    id: str
    kind: str
    label: str
    met: int = 0
    partial: int = 0
    not_met: int = 0
    not_measured: int = 0
    invalid: int = 0
    met_share: float | None = None
    mean_achievement: float | None = None
    coverage: float | None = None

    @property
    def total(self) -> int:
        """The number of indicators below the node.

        >>> Rollup("", "plan", "p", met=1, invalid=2).total
        3
        """
        return self.met + self.partial + self.not_met + self.not_measured + self.invalid

    @property
    def measured(self) -> int:
        """The number of indicators measured (met, partial or not met).

        >>> Rollup("", "plan", "p", met=1, invalid=2).measured
        1
        """
        return self.met + self.partial + self.not_met

    def count(self, status: Status) -> int:
        """The number of indicators with ``status``.

        >>> import cssindicators as ci
        >>> Rollup("", "plan", "p", partial=4).count(ci.Status.PARTIAL)
        4
        """
        value: int = getattr(self, _COUNT_FIELDS[status])
        return value

    @property
    def counts(self) -> dict[Status, int]:
        """The counts by status, in the order of :class:`~cssindicators.targets.Status`.

        >>> import cssindicators as ci
        >>> Rollup("", "plan", "p", met=1).counts[ci.Status.MET]
        1
        """
        return {status: self.count(status) for status in Status}


_COUNT_FIELDS = {status: status.name.lower() for status in Status}


def _label(node: Plan | Node) -> str:
    """A short label of a node: its heading, else its kind and number."""
    if node.heading:
        return node.heading
    number = getattr(node, "number", None)
    kind = node.kind.replace("_", " ")
    return f"({kind}{'' if number is None else f' {number}'})"


def _rollup(node: Plan | Node, results: Sequence[IndicatorResult]) -> Rollup:
    counts = dict.fromkeys(Status, 0)
    measured = met = achieved = 0.0
    for result in results:
        counts[result.status] += 1
        if result.measured:
            measured += result.weight
            met += result.weight if result.status is Status.MET else 0.0
            achievement = result.achievement or 0.0
            achieved += result.weight * min(achievement, 1.0)
    total = len(results)
    return Rollup(
        id="" if isinstance(node, Plan) else node.id,
        kind=node.kind,
        label=_label(node),
        **{_COUNT_FIELDS[status]: n for status, n in counts.items()},
        met_share=met / measured if measured else None,
        mean_achievement=achieved / measured if measured else None,
        coverage=(total - counts[Status.NOT_MEASURED] - counts[Status.INVALID]) / total
        if total
        else None,
    )


@attrs.frozen
class Scorecard:
    """A scored plan: a result per indicator, a roll-up per node, the invalid rows.

    Made by :func:`score`. ``results`` are in document order; ``rollups`` hold the whole
    plan first, then every node from sectors down to operational objectives, in
    document order; ``problems`` are the invalid rows of every source, in file order.

    >>> from cssindicators.reading import parse_plan
    >>> plan = parse_plan("Secteur d'activité 2 : Criminalité\\n")
    >>> card = score(plan, [])
    >>> card.rollup().kind, card.rollup().total, card.problems
    ('plan', 0, ())
    """

    plan: Plan
    results: tuple[IndicatorResult, ...]
    rollups: tuple[Rollup, ...]
    problems: tuple[Problem, ...] = ()
    sources: tuple[str, ...] = ()
    bands: Bands = DEFAULT_BANDS
    _results: dict[str, IndicatorResult] = attrs.field(
        init=False, eq=False, repr=False, factory=dict
    )
    _rollups: dict[str, Rollup] = attrs.field(init=False, eq=False, repr=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        # Indexes by id, derived from the fields (not compared, not shown).
        object.__setattr__(self, "_results", {r.id: r for r in self.results})
        object.__setattr__(self, "_rollups", {r.id: r for r in self.rollups})

    def result(self, indicator_id: str) -> IndicatorResult:
        """The result of indicator ``indicator_id``.

        Raises :class:`~cssindicators.errors.UnknownNodeError` for an id that is not an
        indicator of the plan.

        >>> from cssindicators.reading import parse_plan
        >>> score(parse_plan("Secteur d'activité 2 : Criminalité\\n"), []).result("s2")
        Traceback (most recent call last):
          ...
        cssindicators.errors.UnknownNodeError: 's2' is a sector of the plan, not an indicator
        """
        found = self._results.get(indicator_id)
        if found is None:
            raise UnknownNodeError(_not_an_indicator(self.plan, indicator_id))
        return found

    def rollup(self, node_id: str | None = None) -> Rollup:
        """The roll-up of node ``node_id`` (any node: indicators too), or of the whole plan.

        >>> from cssindicators.reading import parse_plan
        >>> card = score(parse_plan("Secteur d'activité 2 : Criminalité\\n"), [])
        >>> card.rollup("s2").label, card.rollup().id
        ('Criminalité', '')
        >>> card.rollup("s3")
        Traceback (most recent call last):
          ...
        cssindicators.errors.UnknownNodeError: no node 's3' in the plan; did you mean 's2'?
        """
        if node_id is None:
            return self.rollups[0]
        found = self._rollups.get(node_id)
        if found is not None:
            return found
        node = self.plan.node(node_id)  # raises for an unknown id
        # An indicator rolls up itself; an expected result has no indicator below it.
        return _rollup(node, [self._results[node_id]] if node_id in self._results else [])

    def __iter__(self) -> Iterator[IndicatorResult]:
        """The indicator results, in document order.

        >>> from cssindicators.reading import parse_plan
        >>> list(score(parse_plan(""), []))
        []
        """
        return iter(self.results)

    def records(
        self, what: Literal["indicators", "nodes", "problems"] = "indicators"
    ) -> list[dict[str, Any]]:
        """The results, roll-ups or invalid rows as flat records (dictionaries), for tools.

        The keys are those of :data:`RECORD_FIELDS`; numbers are floats (or ``None``),
        statuses their text (``"met"``…); a problem's ``raw`` is a dictionary.

        >>> from cssindicators.reading import parse_plan
        >>> card = score(parse_plan("Secteur d'activité 2 : Criminalité\\n"), [])
        >>> card.records("nodes")[1]
        {'id': 's2', 'kind': 'sector', 'label': 'Criminalité', 'parent': '', 'depth': 1, 'met': 0, 'partial': 0, 'not_met': 0, 'not_measured': 0, 'invalid': 0, 'total': 0, 'measured': 0, 'met_share': None, 'mean_achievement': None, 'coverage': None}
        """
        if what == "indicators":
            return [_indicator_record(self.plan, r) for r in self.results]
        if what == "nodes":
            return [_node_record(self.plan, r) for r in self.rollups]
        if what == "problems":
            return [_problem_record(p) for p in self.problems]
        raise ConfigurationError(f"what must be 'indicators', 'nodes' or 'problems', got {what!r}")

    def to_frame(
        self, what: Literal["indicators", "nodes", "problems"] = "indicators"
    ) -> pandas.DataFrame:
        """A pandas DataFrame of :meth:`records`: results, roll-ups or invalid rows.

        Needs pandas (``pip install "cssindicators[pandas]"``).

        >>> from cssindicators.reading import parse_plan
        >>> card = score(parse_plan("Secteur d'activité 2 : Criminalité\\n"), [])
        >>> list(card.to_frame("nodes")["kind"])
        ['plan', 'sector']
        """
        import pandas

        return pandas.DataFrame.from_records(self.records(what), columns=list(RECORD_FIELDS[what]))

    def _repr_html_(self) -> str:
        from cssindicators.reports import to_html

        return to_html(self, page=False)


#: The keys of :meth:`Scorecard.records`, by kind of record.
RECORD_FIELDS: Mapping[str, tuple[str, ...]] = {
    "indicators": (
        "id", "label", "parent", "target", "target_text", "status", "observed", "expected",
        "achievement", "measurement", "rows", "superseded", "invalid_rows", "weight",
    ),
    "nodes": (
        "id", "kind", "label", "parent", "depth", "met", "partial", "not_met", "not_measured",
        "invalid", "total", "measured", "met_share", "mean_achievement", "coverage",
    ),
    "problems": ("source", "line", "indicator", "reason", "raw"),
}  # fmt: skip


def _parent(plan: Plan, node_id: str) -> tuple[str, int]:
    """The id of a node's parent (``""`` for the plan) and the node's depth."""
    if not node_id:
        return "", 0
    parents = plan.parents(node_id)
    return (parents[-1].id if parents else ""), len(parents) + 1


def measurement_text(result: IndicatorResult) -> str:
    """What an indicator was evaluated on, in words: a value and its period, or the
    periods its rows cover when they leave gaps.

    >>> import cssindicators as ci
    >>> from cssindicators.plan import Indicator
    >>> def text(values, periods):
    ...     rows = [Row.of(ci.Measurement(value=v, period=p, indicator="i")) for v, p in zip(values, periods)]
    ...     result = _evaluate_rows(ci.parse_target("≥ 12 par an"), rows, ci.Bands())
    ...     return measurement_text(IndicatorResult(Indicator(label="x"), result.status, result.evaluation, result.rows))
    >>> text([7, 4.5], ["2023-H1", "2023-H2"])
    '11,5 over 2023, sum of 2 rows'
    >>> text([3, 3], ["2023-01", "2023-12"])
    '6 over 2 periods (2023-01, 2023-12), sum of 2 rows'
    """
    if result.evaluation is None:
        return ""
    measurement = result.evaluation.measurement
    value = measurement.value
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        value = format_number(float(value))
    text = f"{value}" + ("" if measurement.unit is None else f" {measurement.unit}")
    union = _union(r.measurement.period for r in result.rows if r.measurement.period is not None)
    if measurement.period is not None:
        text += f" over {measurement.period}"
    elif len(result.rows) > 1 and union:
        text += f" over {_union_text(union)}"
    return text if len(result.rows) < 2 else f"{text}, sum of {len(result.rows)} rows"


def _indicator_record(plan: Plan, result: IndicatorResult) -> dict[str, Any]:
    evaluation = result.evaluation
    return {
        "id": result.id,
        "label": result.label,
        "parent": _parent(plan, result.id)[0],
        "target": None if result.target is None else str(result.target),
        "target_text": result.indicator.target_text,
        "status": result.status.value,
        "observed": None if evaluation is None else evaluation.observed,
        "expected": None if evaluation is None else evaluation.expected,
        "achievement": None if evaluation is None else evaluation.achievement,
        "measurement": measurement_text(result),
        "rows": len(result.rows),
        "superseded": len(result.superseded),
        "invalid_rows": len(result.problems),
        "weight": result.weight,
    }


def _node_record(plan: Plan, rollup: Rollup) -> dict[str, Any]:
    parent, depth = _parent(plan, rollup.id)
    return {
        "id": rollup.id,
        "kind": rollup.kind,
        "label": rollup.label,
        "parent": parent,
        "depth": depth,
        **{name: rollup.count(status) for status, name in _COUNT_FIELDS.items()},
        "total": rollup.total,
        "measured": rollup.measured,
        "met_share": rollup.met_share,
        "mean_achievement": rollup.mean_achievement,
        "coverage": rollup.coverage,
    }


def _problem_record(problem: Problem) -> dict[str, Any]:
    return {
        "source": problem.source,
        "line": problem.line,
        "indicator": problem.indicator,
        "reason": problem.reason,
        "raw": dict(problem.raw),
    }


def _not_an_indicator(plan: Plan, node_id: str) -> str:
    if node_id in plan:
        kind = plan.node(node_id).kind.replace("_", " ")
        return f"{node_id!r} is {_article(kind)} {kind} of the plan, not an indicator"
    hint = did_you_mean(node_id, [i.id for i in plan.indicators()])
    return f"unknown indicator {node_id!r}: not in the plan{hint}"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


# ---------------------------------------------------------------- scoring


def _as_file(measurements: Measurements) -> MeasurementFile:
    if isinstance(measurements, MeasurementFile):
        return measurements
    if isinstance(measurements, (str, os.PathLike)):
        return read_measurements(measurements)
    return MeasurementFile.from_measurements(measurements)


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
    bands: Bands = DEFAULT_BANDS,
    weights: Mapping[str, float] | None = None,
) -> Scorecard:
    """Score every indicator of ``plan`` against ``measurements``, and roll them up.

    ``measurements`` is a file path (CSV or JSON lines, see
    :func:`~cssindicators.measurements.read_measurements`), what that function returns,
    or an iterable of :class:`~cssindicators.measurements.Measurement` (each naming its
    ``indicator``) or :class:`~cssindicators.measurements.Row`. ``bands`` turns an
    achievement into a status (default: ``PARTIAL`` from 0.5). ``weights`` maps node
    ids to weights (default 1): an indicator counts in roll-ups with the product of the
    weights on its path, itself included. Raises ``OSError`` or
    :class:`~cssindicators.measurements.MeasurementFileError` only when a file cannot be
    read at all (bad rows become problems), and
    :class:`~cssindicators.errors.ConfigurationError` for weights that are not numbers
    ≥ 0 or name no node.

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
    data = _as_file(measurements)
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
    weights_of = _weights(plan, weights)
    results = []
    for indicator in indicators:
        outcome = _score_indicator(
            indicator, by_indicator[indicator.id], early.get(indicator.id, []), bands
        )
        results.append(
            IndicatorResult(
                indicator, **attrs.asdict(outcome, recurse=False), weight=weights_of[indicator.id]
            )
        )
    rollups = _rollups(plan, results)
    problems = stray + [p for r in results for p in r.problems]
    problems.sort(key=lambda p: (p.source, p.line))
    return Scorecard(plan, tuple(results), rollups, tuple(problems), (data.source,), bands)


def _score_indicator(
    indicator: Indicator, rows: Sequence[Row], early: Sequence[Problem], bands: Bands
) -> _Outcome:
    target = indicator.target
    if target is None:
        reason = _no_target(indicator.target_text)
        problems = sorted([*early, *(row.problem(reason) for row in rows)], key=lambda p: p.line)
        return _Outcome(
            Status.INVALID if problems else Status.NOT_MEASURED, problems=tuple(problems)
        )
    outcome = _evaluate_rows(target, rows, bands)
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
    return (_rollup(plan, results), *(_rollup(n, below.get(n.id, [])) for n in nodes))


# ---------------------------------------------------------------- bulk path


@attrs.frozen(eq=False)
class BulkEvaluation:
    """One target evaluated over columns of rows, group by group (see :func:`evaluate_many`).

    ``groups`` holds the group labels, in order of first appearance; ``status``
    (:class:`~cssindicators.targets.Status` members), ``observed``, ``expected``,
    ``achievement`` (NaN when not measured) and ``rows`` (the number of rows used) have
    one entry a group, as numpy arrays. ``used`` and ``superseded`` mark the input
    rows; ``problem_rows`` are the positions of the invalid rows and ``reasons`` theirs.

    >>> import cssindicators as ci
    >>> ev = evaluate_many(ci.parse_target("≥ 12 par an"), [7, 6, 2], ["2023-H1", "2023-H2", "2023"],
    ...                    groups=["Molenbeek", "Molenbeek", "Ixelles"])
    >>> ev.groups.tolist(), [s.value for s in ev.status], ev.achievement.round(3).tolist()
    (['Molenbeek', 'Ixelles'], ['met', 'not met'], [1.083, 0.167])
    """

    groups: Any
    status: Any
    observed: Any
    expected: Any
    achievement: Any
    rows: Any
    used: Any
    superseded: Any
    problem_rows: Any
    reasons: Any


def evaluate_many(
    target: Target,
    values: Any,
    periods: Any,
    *,
    groups: Any = None,
    units: Any = None,
    bands: Bands = DEFAULT_BANDS,
) -> BulkEvaluation:
    """Evaluate one target over columns of rows, without an object per row (needs numpy).

    ``values``, ``periods`` and the optional ``groups`` and ``units`` are columns of the
    same length: lists, numpy arrays or pandas Series. ``values`` are numbers, or texts
    as in a CSV file (``"2,5"``, ``"Oui"``); ``periods`` ISO 8601 texts (or
    :class:`~cssindicators.periods.Period`, or missing); ``groups`` any labels (a
    commune…): the rows of each group are aggregated as :func:`score` aggregates the
    rows of one indicator, with the same results. A missing value is invalid (``no
    value``).

    >>> import cssindicators as ci
    >>> ev = evaluate_many(ci.parse_target("Oui/Non"), ["Non", "Oui", "peut-être"],
    ...                    ["2023-Q1", "2023-Q2", "2023-Q3"], groups=["a", "a", "b"])
    >>> [s.value for s in ev.status], ev.used.tolist(), ev.superseded.tolist()
    (['met', 'invalid'], [False, True, False], [True, False, False])
    >>> ev.problem_rows.tolist(), ev.reasons.tolist()
    ([2], ["a yes/no target needs True/False or Oui/Non, Ja/Nee, Yes/No; got 'peut-être'"])
    """
    import numpy

    from cssindicators import _bulk

    column_values = _bulk.Values.of(values)
    column_periods = _bulk.Periods.of(periods)
    size = len(column_periods.codes)
    codes, labels = _bulk.groups_of(groups, size)
    column_units = _bulk.Units.of(units, size)
    lengths = {len(column_values.numbers), len(codes), len(column_units.codes)}
    if lengths != {size}:
        raise ConfigurationError(
            f"the columns must have the same length, got {sorted(lengths | {size})}"
        )
    outcome = _bulk.evaluate_coded(
        target, column_values, column_periods, column_units, codes, len(labels), bands
    )
    group_labels = numpy.empty(len(labels), dtype=object)
    group_labels[:] = labels
    return BulkEvaluation(
        groups=group_labels,
        status=_bulk.statuses(outcome.status),
        observed=outcome.observed,
        expected=outcome.expected,
        achievement=outcome.achievement,
        rows=outcome.rows,
        used=outcome.use == _bulk.USED,
        superseded=outcome.use == _bulk.SUPERSEDED,
        problem_rows=outcome.problem_rows,
        reasons=outcome.reasons,
    )


@attrs.frozen(eq=False)
class BulkScorecard:
    """A plan scored over many groups at once (see :func:`score_frame`): three DataFrames.

    ``indicators``: a row per group and indicator (status, observed, expected,
    achievement, rows used); ``nodes``: a row per group and node, the plan first (the
    columns of ``Scorecard.records("nodes")``); ``problems``: a row per invalid input
    row (its index label, group, indicator and reason).

    >>> from cssindicators.reading import parse_plan
    >>> plan = parse_plan("Secteur d'activité 2 : Criminalité\\n")
    >>> score_frame(plan, {"indicator": [], "value": [], "period": []}).nodes.shape
    (2, 15)
    """

    indicators: Any
    nodes: Any
    problems: Any


def score_frame(
    plan: Plan,
    frame: Any,
    *,
    by: str | None = None,
    bands: Bands = DEFAULT_BANDS,
    weights: Mapping[str, float] | None = None,
) -> BulkScorecard:
    """Score a plan over a table of many rows, group by group (needs pandas).

    ``frame`` is a pandas DataFrame (or a mapping of columns) with the columns of a
    measurement file (``indicator``, ``value``, ``period``, optionally ``unit``), and,
    when ``by`` names it, a column of groups (``"commune"``): each group is scored as
    :func:`score` would score its rows alone, with the same results.

    >>> import pandas as pd
    >>> from cssindicators.reading import parse_plan
    >>> plan = parse_plan(
    ...     "Secteur d'activité 2 : Criminalité\\n"
    ...     "Objectif général 1 - Secteur d'activité 2 :\\nLutte\\n"
    ...     "Objectif stratégique 1 - Domaine :\\nPrévention\\nGDP\\n"
    ...     "Objectifs opérationnels\\tRésultats attendus\\tIndicateurs\\n"
    ...     "1. Se concerter\\t- Projets\\t- Réunions : ≥ 12 par an\\n"
    ... )
    >>> meetings = plan.indicators()[0].id
    >>> frame = pd.DataFrame({"commune": ["Ixelles", "Ixelles", "Molenbeek"],
    ...                       "indicator": [meetings] * 3, "value": [6, 6, -1],
    ...                       "period": ["2023-H1", "2023-H2", "2023"]})
    >>> card = score_frame(plan, frame, by="commune")
    >>> card.indicators[["commune", "status", "achievement"]].to_string(index=False)
    '  commune  status  achievement\\n  Ixelles     met          1.0\\nMolenbeek invalid          NaN'
    >>> card.problems["reason"].tolist()
    ['a measured value cannot be negative, got -1']
    """
    import numpy
    import pandas

    from cssindicators import _bulk

    if not isinstance(frame, pandas.DataFrame):
        frame = pandas.DataFrame(frame)
    missing = [c for c in ("indicator", "value", "period", *([by] if by else [])) if c not in frame]
    if missing:
        raise ConfigurationError(f"the frame has no column {missing[0]!r}")
    size = len(frame)
    codes, labels = _bulk.groups_of(frame[by] if by else None, size)
    count = len(labels)
    values = _bulk.Values.of(frame["value"])
    periods = _bulk.Periods.of(frame["period"])
    units = _bulk.Units.of(frame.get("unit", None), size)
    indicators = plan.indicators()
    position = {indicator.id: k for k, indicator in enumerate(indicators)}
    id_codes, ids = _bulk.factorize(frame["indicator"])
    where = numpy.array([position.get(str(i).strip(), -1) for i in ids] + [-1], dtype=numpy.int32)[
        id_codes
    ]
    weight_of = _weights(plan, weights)

    status = numpy.full((len(indicators), count), STATUS_CODES[Status.NOT_MEASURED], numpy.int8)
    observed, expected, achievement = (
        numpy.full((len(indicators), count), numpy.nan) for _ in "oea"
    )
    used = numpy.zeros((len(indicators), count), dtype=numpy.int64)
    problem_rows: list[Any] = []
    reasons: list[Any] = []

    def texts(text: list[str]) -> Any:
        array = numpy.empty(len(text), dtype=object)
        array[:] = text
        return array

    unknown = numpy.flatnonzero(where < 0)
    if len(unknown):
        named = [str(i).strip() for i in ids]
        table = texts([_not_an_indicator(plan, t) if t else "no indicator id" for t in named])
        problem_rows.append(unknown)
        reasons.append(numpy.append(table, "no indicator id")[id_codes[unknown]])

    # Rows sorted by indicator once: each indicator's rows are then a slice of each
    # column, a view, and keep their order within it.
    order = numpy.argsort(
        where.astype(numpy.int16 if len(indicators) < 2**15 else numpy.int32), kind="stable"
    )
    bounds = numpy.searchsorted(where[order], numpy.arange(len(indicators) + 1))
    values, periods, units = values.take(order), periods.take(order), units.take(order)
    sorted_codes = codes[order]
    for k, indicator in enumerate(indicators):
        part = slice(bounds[k], bounds[k + 1])
        if part.start == part.stop:
            continue
        target = indicator.target
        if target is None:
            reason = _no_target(indicator.target_text)
            has_rows = numpy.bincount(sorted_codes[part], minlength=count) > 0
            status[k, has_rows] = STATUS_CODES[Status.INVALID]
            problem_rows.append(order[part])
            reasons.append(texts([reason]).repeat(part.stop - part.start))
            continue
        outcome = _bulk.evaluate_coded(
            target,
            values.take(part),
            periods.take(part),
            units.take(part),
            sorted_codes[part],
            count,
            bands,
        )
        status[k], observed[k], expected[k], achievement[k] = (
            outcome.status,
            outcome.observed,
            outcome.expected,
            outcome.achievement,
        )
        used[k] = outcome.rows
        problem_rows.append(order[part][outcome.problem_rows])
        reasons.append(outcome.reasons)

    group_labels = numpy.empty(count, dtype=object)
    group_labels[:] = labels
    status_names = [s.value for s in Status]
    per_indicator = {
        **(
            {by: _bulk.categories(labels, numpy.tile(numpy.arange(count), len(indicators)))}
            if by
            else {}
        ),
        "indicator": _bulk.categories(
            [i.id for i in indicators], numpy.arange(len(indicators)).repeat(count)
        ),
        "status": pandas.Categorical.from_codes(status.reshape(-1), categories=status_names),
        "observed": observed.reshape(-1),
        "expected": expected.reshape(-1),
        "achievement": achievement.reshape(-1),
        "rows": used.reshape(-1),
    }
    all_rows = numpy.concatenate([numpy.zeros(0, dtype=numpy.intp), *problem_rows])
    all_reasons = numpy.concatenate([texts([]), *reasons])
    order = numpy.argsort(all_rows, kind="stable")
    all_rows = all_rows[order]
    reason_codes, reason_texts = _bulk.factorize(all_reasons[order])
    problems = pandas.DataFrame(
        copy=False,
        data={
            "row": frame.index[all_rows],
            **({by: _bulk.categories(labels, codes[all_rows])} if by else {}),
            "indicator": _bulk.categories(ids, id_codes[all_rows]),
            "reason": _bulk.categories(reason_texts, reason_codes),
        },
    )
    weights_array = numpy.array([weight_of[i.id] for i in indicators])
    nodes = _bulk_rollups(plan, status, achievement, weights_array, group_labels, by)
    return BulkScorecard(pandas.DataFrame(per_indicator, copy=False), nodes, problems)


#: Status codes of the bulk path: positions in :class:`~cssindicators.targets.Status`.
STATUS_CODES = {status: code for code, status in enumerate(Status)}


def _bulk_rollups(
    plan: Plan, status: Any, achievement: Any, weights: Any, groups: Any, by: str | None
) -> Any:
    """The roll-ups of every node for every group, as :func:`_rollup` computes them one
    by one: indicator quantities are added up the tree, an array a node."""
    import numpy
    import pandas

    from cssindicators import _bulk

    kinds = len(Status)
    count = status.shape[1]
    # Per indicator: a count for each status, then weighted measured, met and achieved.
    quantities = numpy.zeros((status.shape[0], kinds + 3, count))
    for code in range(kinds):
        quantities[:, code] = status == code
    measured = status <= STATUS_CODES[Status.NOT_MET]
    quantities[:, kinds] = measured * weights[:, None]
    quantities[:, kinds + 1] = (status == STATUS_CODES[Status.MET]) * weights[:, None]
    capped = numpy.where(measured, numpy.minimum(numpy.nan_to_num(achievement), 1.0), 0.0)
    quantities[:, kinds + 2] = capped * weights[:, None]
    nodes: list[Plan | Node] = [
        plan,
        *(n for n in plan.walk() if not isinstance(n, (Indicator, ExpectedResult))),
    ]
    row = {("" if isinstance(n, Plan) else n.id): k for k, n in enumerate(nodes)}
    summed = numpy.zeros((len(nodes), kinds + 3, count))
    for k, indicator in enumerate(plan.indicators()):
        for parent in ("", *(p.id for p in plan.parents(indicator.id))):
            summed[row[parent]] += quantities[k]
    counts = {
        name: summed[:, STATUS_CODES[s]].astype(numpy.int64) for s, name in _COUNT_FIELDS.items()
    }
    total = summed[:, :kinds].sum(axis=1).astype(numpy.int64)
    measured_count = counts["met"] + counts["partial"] + counts["not_met"]
    weighted, met, achieved = summed[:, kinds], summed[:, kinds + 1], summed[:, kinds + 2]
    with numpy.errstate(divide="ignore", invalid="ignore"):
        shares = {
            "met_share": numpy.where(weighted > 0, met / weighted, numpy.nan),
            "mean_achievement": numpy.where(weighted > 0, achieved / weighted, numpy.nan),
            "coverage": numpy.where(total > 0, measured_count / total, numpy.nan),
        }
    ids = list(row)
    parents = [_parent(plan, node_id) for node_id in ids]

    def per_node(values: list[Any]) -> Any:
        return _bulk.categories(values, numpy.arange(len(nodes)).repeat(count))

    columns = {
        **(
            {by: _bulk.categories(list(groups), numpy.tile(numpy.arange(count), len(nodes)))}
            if by
            else {}
        ),
        "id": per_node(ids),
        "kind": per_node([n.kind for n in nodes]),
        "label": per_node([_label(n) for n in nodes]),
        "parent": per_node([p for p, _ in parents]),
        "depth": numpy.repeat(numpy.array([d for _, d in parents]), count),
        **{name: values.reshape(-1) for name, values in counts.items()},
        "total": total.reshape(-1),
        "measured": measured_count.reshape(-1),
        **{name: values.reshape(-1) for name, values in shares.items()},
    }
    return pandas.DataFrame(columns, copy=False)  # copy=False: no consolidation copy


# ---------------------------------------------------------------- bundled example


def example_files(name: str = "molenbeek-2023") -> tuple[Path, Path]:
    """The plan and the (illustrative) measurement file of a bundled example.

    The examples ship inside the package; in a source checkout that is not installed
    they are read from the top-level ``examples/`` folder.

    >>> plan_file, measurements_file = example_files()
    >>> plan_file.name, measurements_file.name
    ('plan.txt', 'measurements.csv')
    """
    from importlib import resources
    from pathlib import Path

    packaged = resources.files("cssindicators").joinpath("examples").joinpath(name)
    folder = packaged if isinstance(packaged, Path) and packaged.is_dir() else None
    if folder is None:
        folder = Path(__file__).resolve().parents[2] / "examples" / name
    return folder / "plan.txt", folder / "measurements.csv"
