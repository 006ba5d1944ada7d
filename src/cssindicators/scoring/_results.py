"""Scorecards: a result per indicator, a roll-up per node, and their records."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

from cssindicators import _columns
from cssindicators._suggest import did_you_mean
from cssindicators.errors import ConfigurationError, UnknownNodeError
from cssindicators.measurements import Problem, Row
from cssindicators.periods import Period
from cssindicators.plan import Indicator, Node, Plan
from cssindicators.scoring import _engine
from cssindicators.targets import (
    DEFAULT_BANDS,
    Bands,
    Evaluation,
    Status,
    Target,
    format_number,
    years_text,
)

if TYPE_CHECKING:
    import pandas

#: The statuses of an indicator that was evaluated: it counts as *measured*.
MEASURED = frozenset({Status.MET, Status.PARTIAL, Status.NOT_MET})


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


# ---------------------------------------------------------------- results


@attrs.frozen
class IndicatorResult:
    """How one indicator of the plan stands: its status, evaluation and the rows behind it.

    ``evaluation`` is ``None`` unless the indicator was measured (``MET``, ``PARTIAL``
    or ``NOT_MET``). ``rows`` are the rows it was evaluated on (added up, or the latest
    one), ``superseded`` the older rows of a level, ``problems`` its invalid rows, and
    ``weight`` its weight in roll-ups. ``warnings`` say what makes a computed score
    doubtful: a row read as the reporting period for want of its own, a row over a single
    day scored against a rate over a longer unit, a rate extrapolated from less than half
    of the reporting period, an achievement over 10× or under 0.1× the target.

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
    warnings: tuple[str, ...] = ()
    #: The rows a change target's baseline was read from (see docs/scoring.md).
    baseline_rows: tuple[Row, ...] = ()

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
    are measured. Each is ``None`` when there is nothing to divide by. ``warnings``
    counts the warnings of the indicators below. ``id`` is ``""`` for the whole plan.

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
    warnings: int = 0

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


_COUNT_FIELDS = _engine.COUNT_FIELDS


def _label(node: Plan | Node) -> str:
    """A short label of a node: its heading, else its kind and number."""
    if node.heading:
        return node.heading
    number = getattr(node, "number", None)
    kind = node.kind.replace("_", " ")
    return f"({kind}{'' if number is None else f' {number}'})"


def _share(value: float) -> float | None:
    return None if math.isnan(value) else value


def _rollups_of(entries: Sequence[tuple[Plan | Node, Sequence[IndicatorResult]]]) -> list[Rollup]:
    """The roll-up of each node over its results, by the engine's roll-up rule."""
    keys, status, achievement, weights = [], [], [], []
    for key, (_, results) in enumerate(entries):
        for result in results:
            keys.append(key)
            status.append(_engine.STATUSES.index(result.status))
            achievement.append(math.nan if result.achievement is None else result.achievement)
            weights.append(result.weight)
    xp = _columns
    columns = _engine.rollup(
        xp.array(keys), xp.array(status), xp.array(achievement), xp.array(weights), len(entries), xp
    )
    rollups = []
    for key, (node, _) in enumerate(entries):
        values: dict[str, Any] = {name: column[key] for name, column in columns.items()}
        rollups.append(
            Rollup(
                id="" if isinstance(node, Plan) else node.id,
                kind=node.kind,
                label=_label(node),
                **{name: values[name] for name in _COUNT_FIELDS.values()},
                met_share=_share(values["met_share"]),
                mean_achievement=_share(values["mean_achievement"]),
                coverage=_share(values["coverage"]),
                warnings=sum(len(result.warnings) for result in entries[key][1]),
            )
        )
    return rollups


@attrs.frozen
class Scorecard:
    """A scored plan: a result per indicator, a roll-up per node, the invalid rows.

    Made by :func:`score`. ``results`` are in document order; ``rollups`` hold the whole
    plan first, then every node from sectors down to operational objectives, in
    document order; ``problems`` are the invalid rows of every source, in file order.
    ``period`` is the reporting period scored (``None``: every period the rows cover);
    ``notes`` say how the measurements were read, when that needs saying (the decimal
    mark of a file, settled from its values; lines read as Windows-1252).

    >>> from cssindicators.reading import parse_plan
    >>> from cssindicators.scoring import score
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
    period: Period | None = None
    notes: tuple[str, ...] = ()
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
        >>> from cssindicators.scoring import score
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
        >>> from cssindicators.scoring import score
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
        return _rollups_of([(node, [self._results[node_id]] if node_id in self._results else [])])[
            0
        ]

    def warnings(self) -> tuple[tuple[str, str], ...]:
        """The warnings of every indicator result, as (indicator id, warning) pairs in
        document order.

        >>> import cssindicators as ci
        >>> from cssindicators.reading import parse_plan
        >>> plan = parse_plan(
        ...     "Secteur d'activité 2 : Criminalité\\n"
        ...     "Objectif général 1 - Secteur d'activité 2 :\\nLutte\\n"
        ...     "Objectif stratégique 1 - Domaine :\\nPrévention\\nGDP\\n"
        ...     "Objectifs opérationnels\\tRésultats attendus\\tIndicateurs\\n"
        ...     "1. Réunir\\t- Réunions\\t- Réunions : ≥ 50/an\\n"
        ... )
        >>> meetings = plan.indicators()[0].id
        >>> card = ci.score(plan, [ci.Measurement(value=4, period="2023-01-01", indicator=meetings)],
        ...                 period="2023")
        >>> for indicator, warning in card.warnings():
        ...     print(warning)
        2023-01-01 is one day, scored against a rate per year: if it means the month, write 2023-01
        the measured periods cover 0,3 % of the reporting period 2023: the rate is extrapolated from them
        the observed value 1488 is 29,76× the target's 50: check the unit or the period
        """
        return tuple((r.id, warning) for r in self.results for warning in r.warnings)

    def __iter__(self) -> Iterator[IndicatorResult]:
        """The indicator results, in document order.

        >>> from cssindicators.reading import parse_plan
        >>> from cssindicators.scoring import score
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
        >>> from cssindicators.scoring import score
        >>> card = score(parse_plan("Secteur d'activité 2 : Criminalité\\n"), [])
        >>> card.records("nodes")[1]
        {'id': 's2', 'kind': 'sector', 'label': 'Criminalité', 'parent': '', 'depth': 1, 'met': 0, 'partial': 0, 'not_met': 0, 'not_measured': 0, 'invalid': 0, 'total': 0, 'measured': 0, 'met_share': None, 'mean_achievement': None, 'coverage': None, 'warnings': 0}
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
        >>> from cssindicators.scoring import score
        >>> card = score(parse_plan("Secteur d'activité 2 : Criminalité\\n"), [])
        >>> list(card.to_frame("nodes")["kind"])
        ['plan', 'sector']
        """
        import pandas

        return pandas.DataFrame.from_records(self.records(what), columns=list(RECORD_FIELDS[what]))

    def __repr__(self) -> str:
        """A one-line summary: the plan, its indicators by status, the invalid rows.

        >>> from cssindicators.reading import parse_plan
        >>> from cssindicators.scoring import score
        >>> score(parse_plan("Secteur d'activité 2 : Criminalité\\n"), [])
        <Scorecard 'Plan': 0 indicators, 0 invalid rows>
        >>> from cssindicators.scoring import example_files
        >>> plan_file, data_file = example_files()
        >>> score(parse_plan(plan_file.read_text(encoding="utf-8")), data_file)
        <Scorecard 'Molenbeek-Saint-Jean, 2023': 31 indicators (14 met, 5 partial, 4 not met, 5 not measured, 3 invalid), 7 invalid rows>
        """
        from cssindicators.reports import summary_line

        return summary_line(self)

    def _repr_html_(self) -> str:
        from cssindicators.reports import to_html

        return to_html(self, page=False)


#: The keys of :meth:`Scorecard.records`, by kind of record.
RECORD_FIELDS: Mapping[str, tuple[str, ...]] = {
    "indicators": (
        "id", "label", "parent", "target", "target_text", "status", "observed", "expected",
        "achievement", "measurement", "rows", "superseded", "invalid_rows", "weight",
        "warnings", "baseline", "change", "baseline_measurement", "baseline_rows",
    ),
    "nodes": (
        "id", "kind", "label", "parent", "depth", "met", "partial", "not_met", "not_measured",
        "invalid", "total", "measured", "met_share", "mean_achievement", "coverage",
        "warnings",
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
    >>> from cssindicators.measurements import Row
    >>> from cssindicators.scoring._score import evaluate_rows
    >>> def text(values, periods):
    ...     rows = [Row.of(ci.Measurement(value=v, period=p, indicator="i")) for v, p in zip(values, periods)]
    ...     result = evaluate_rows(ci.parse_target("≥ 12 par an"), rows, ci.Bands())
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
        "warnings": "; ".join(result.warnings),
        "baseline": None if evaluation is None else evaluation.baseline,
        "change": None if evaluation is None else evaluation.change,
        "baseline_measurement": baseline_text(result),
        "baseline_rows": len(result.baseline_rows),
    }


def baseline_text(result: IndicatorResult) -> str:
    """What a change target's baseline was read from, in words: its value and period
    (``100 over 2022``, ``500 over 2015-01-01/2019-12-31, mean 100/period``); ``""``
    for other targets.

    >>> import cssindicators as ci
    >>> from cssindicators.plan import Indicator
    >>> from cssindicators.measurements import Row
    >>> from cssindicators.scoring._score import evaluate_rows
    >>> rows = [Row.of(ci.Measurement(value=v, period=p)) for v, p in ((90, "2023"), (100, "2022"))]
    >>> r = evaluate_rows(ci.parse_target("- 10 %"), rows, ci.Bands(), ci.parse_period("2023"))
    >>> baseline_text(IndicatorResult(Indicator(label="x"), r.status, r.evaluation, r.rows))
    '100 over 2022'
    """
    evaluation = result.evaluation
    if evaluation is None or evaluation.baseline_measurement is None:
        return ""
    measurement = evaluation.baseline_measurement
    value = measurement.value
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        value = format_number(float(value))
    text = f"{value}" + ("" if measurement.unit is None else f" {measurement.unit}")
    period = measurement.period
    if period is not None:
        text += f" over {years_text(period)}"
    base = evaluation.baseline
    rate = result.target is not None and result.target.is_rate
    if base is not None and not rate and isinstance(value, str) and value != format_number(base):
        text += f", {format_number(base)} for a period of the measured length"
    return text


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
        "warnings": rollup.warnings,
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
