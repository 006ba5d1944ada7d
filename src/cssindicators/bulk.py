"""Scoring many groups at once (communes, years…): columns of rows, no object per row.

Needs numpy (``pip install "cssindicators[numpy]"``), and pandas for :func:`score_frame`
(``pip install "cssindicators[pandas]"``). The bulk path runs the same engine as
:func:`~cssindicators.scoring.score` (``cssindicators.scoring._engine``), over numpy
columns, so each group is scored exactly as ``score`` scores its rows alone.
"""

from __future__ import annotations

import collections
import math
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from cssindicators.errors import ConfigurationError
from cssindicators.measurements import COLUMNS
from cssindicators.measurements._rows import column
from cssindicators.periods import Period
from cssindicators.plan import ExpectedResult, Indicator, Node, Plan
from cssindicators.scoring import _engine
from cssindicators.scoring._results import _label, _not_an_indicator, _parent
from cssindicators.scoring._score import _no_target, _reporting_period, _weights
from cssindicators.targets import DEFAULT_BANDS, Bands, Status, Target

__all__ = ["BulkEvaluation", "BulkScorecard", "evaluate_many", "score_frame"]


def _space() -> Any:
    """numpy as the engine's array namespace, or a library error naming the extra."""
    from cssindicators._optional import require

    require("numpy", "numpy")
    from cssindicators.scoring import _numpy

    return _numpy


@attrs.frozen(eq=False)
class BulkEvaluation:
    """One target evaluated over columns of rows, group by group (see :func:`evaluate_many`).

    ``groups`` holds the group labels, in order of first appearance; ``status``
    (:class:`~cssindicators.targets.Status` members), ``observed``, ``expected``,
    ``achievement`` (NaN when not measured) and ``rows`` (the number of rows used) have
    one entry a group, as numpy arrays; ``warnings`` too, each a tuple of texts (see
    :attr:`IndicatorResult.warnings <cssindicators.scoring.IndicatorResult.warnings>`).
    ``used`` and ``superseded`` mark the input rows, and ``baseline_rows`` those read as
    a change target's baseline; ``problem_rows`` are the positions of the invalid rows
    and ``reasons`` theirs: every input row is one of these. For a change target,
    ``baseline`` is each group's baseline in the terms of ``observed`` (NaN for other
    targets, or without one).

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
    warnings: Any
    notes: tuple[str, ...] = ()
    baseline_rows: Any = None
    baseline: Any = None


def evaluate_many(
    target: Target,
    values: Any,
    periods: Any,
    *,
    groups: Any = None,
    units: Any = None,
    period: Period | str | None = None,
    decimal: str | None = None,
    bands: Bands = DEFAULT_BANDS,
) -> BulkEvaluation:
    """Evaluate one target over columns of rows, without an object per row (needs numpy).

    ``values``, ``periods`` and the optional ``groups`` and ``units`` are columns of the
    same length: lists, numpy arrays or pandas Series. ``values`` are numbers, or texts
    as in a CSV file (``"2,5"``, ``"Oui"``); ``periods`` ISO 8601 texts (or
    :class:`~cssindicators.periods.Period`, or missing); ``groups`` any labels (a
    commune…): the rows of each group are aggregated as :func:`score` aggregates the
    rows of one indicator, with the same results. A missing value is invalid (``no
    value``). ``period`` is the reporting period, as for :func:`score` (default: none,
    every row counts). Texts read numbers as a file's cells do: together they settle
    their decimal mark (``1.250`` is 1250 the Belgian way, the default), or ``decimal``
    chooses it; ``notes`` say how, when it needed saying.

    >>> import cssindicators as ci
    >>> ev = evaluate_many(ci.parse_target("Oui/Non"), ["Non", "Oui", "peut-être"],
    ...                    ["2023-Q1", "2023-Q2", "2023-Q3"], groups=["a", "a", "b"])
    >>> [s.value for s in ev.status], ev.used.tolist(), ev.superseded.tolist()
    (['met', 'invalid'], [False, True, False], [True, False, False])
    >>> ev.problem_rows.tolist(), ev.reasons.tolist()
    ([2], ["a yes/no target needs True/False or Oui/Non, Ja/Nee, Yes/No; got 'peut-être'"])
    """
    xp = _space()
    column_values = _engine.Values.of(values, xp, decimal=decimal)
    column_periods = _engine.Periods.of(periods, xp)
    size = len(column_periods.codes)
    codes, labels = _groups(groups, size, xp)
    column_units = _engine.Units.of(units, size, xp)
    lengths = {len(column_values.numbers), len(codes), len(column_units.codes)}
    if lengths != {size}:
        raise ConfigurationError(
            f"the columns must have the same length, got {sorted(lengths | {size})}"
        )
    within = None if period is None else _reporting_period(Plan(), period)
    outcome = _engine.evaluate(
        target, column_values, column_periods, column_units, codes, len(labels), bands, xp,
        within,
    )  # fmt: skip
    return BulkEvaluation(
        groups=xp.array(labels, dtype=object),
        status=xp.array(_engine.STATUSES, dtype=object)[outcome.status],
        observed=outcome.observed,
        expected=outcome.expected,
        achievement=outcome.achievement,
        rows=outcome.rows,
        used=outcome.use == _engine.USED,
        superseded=outcome.use == _engine.SUPERSEDED,
        problem_rows=outcome.problem_rows,
        reasons=outcome.reasons,
        warnings=_warnings(target, outcome, len(labels), xp),
        notes=column_values.notes,
        baseline_rows=outcome.use == _engine.BASELINE,
        baseline=(
            outcome.baseline
            if outcome.baseline is not None
            else xp.full(len(labels), math.nan, dtype=xp.float64)
        ),
    )


def _warnings(target: Target, outcome: _engine.Outcome, count: int, xp: Any) -> Any:
    """The warnings of each group, as tuples; made for the groups that have some only."""
    found = xp.empty(count, dtype=object)
    found[:] = [()] * count
    groups = xp.flatnonzero(_engine.warned(outcome))
    for group, texts in zip(
        groups.tolist(), _engine.warnings_of(target, outcome, groups), strict=True
    ):
        found[group] = texts
    return found


def _groups(column: Any | None, size: int, xp: Any) -> tuple[Any, list[Any]]:
    """Group codes of a column (one group when ``None``), and the group labels.

    Rows of a missing label form a group of their own, labelled ``None``.
    """
    if column is None:
        return xp.zeros(size, dtype=xp.intp), [None]
    codes, labels = xp.factorize(column)
    if (codes < 0).any():
        codes = xp.where(codes < 0, len(labels), codes)
        labels = [*labels, None]
    return codes, labels


@attrs.frozen(eq=False)
class BulkScorecard:
    """A plan scored over many groups at once (see :func:`score_frame`): three DataFrames.

    ``indicators``: a row per group and indicator (status, observed, expected,
    achievement, rows used, warnings, and a change target's baseline); ``nodes``: a row
    per group and node, the plan first (the columns of ``Scorecard.records("nodes")``);
    ``problems``: a row per invalid input row (its index label, group, indicator and
    reason). ``notes`` say how the values were read, when that needs saying (the decimal
    mark of texts such as ``1.250``).

    >>> from cssindicators.reading import parse_plan
    >>> plan = parse_plan("Secteur d'activité 2 : Criminalité\\n")
    >>> score_frame(plan, {"indicator": [], "value": [], "period": []}).nodes.shape
    (2, 16)
    """

    indicators: Any
    nodes: Any
    problems: Any
    notes: tuple[str, ...] = ()


def score_frame(
    plan: Plan,
    frame: Any,
    *,
    by: str | None = None,
    period: Period | str | None = None,
    decimal: str | None = None,
    bands: Bands = DEFAULT_BANDS,
    weights: Mapping[str, float] | None = None,
) -> BulkScorecard:
    """Score a plan over a table of many rows, group by group (needs pandas).

    ``frame`` is a pandas DataFrame (or a mapping of columns) with the columns of a
    measurement file (``indicator``, ``value``, ``period``, optionally ``unit``; named
    as in a file: ``indicateur``, ``valeur``, ``période``, ``waarde``…, in any case),
    and, when ``by`` names it, a column of groups (``"commune"``): each group is scored
    as :func:`score` would score its rows alone, for the same reporting ``period`` (by
    default the plan's year), with the same results and warnings. Values written as
    texts are read as a file's (``decimal`` as for
    :func:`~cssindicators.measurements.read_measurements`); ``notes`` say how, when it
    needed saying.

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
    xp = _space()
    pandas = _pandas()
    import numpy

    if not isinstance(frame, pandas.DataFrame):
        frame = pandas.DataFrame(frame)
    renamed = {name: column(name) for name in frame.columns if isinstance(name, str) and name != by}
    names = [renamed.get(name, name) for name in frame.columns]
    counts = collections.Counter(names)
    doubled = sorted(n for n, count in counts.items() if count > 1 and n in COLUMNS)
    if doubled:
        raise ConfigurationError(f"the frame has several columns naming the {doubled[0]}")
    if any(old != new for old, new in renamed.items()):
        frame = frame.rename(columns=renamed)
    if "baseline" in frame:
        raise ConfigurationError(
            "score_frame does not read a baseline column: give the baselines of change "
            "targets as rows over their baseline period (or score one group with score(), "
            "which reads the column)"
        )
    missing = [c for c in ("indicator", "value", *([by] if by else [])) if c not in frame]
    if missing:
        raise ConfigurationError(f"the frame has no column {missing[0]!r}")
    within = _reporting_period(plan, period)
    size = len(frame)
    codes, labels = _groups(frame[by] if by else None, size, xp)
    count = len(labels)
    values = _engine.Values.of(frame["value"], xp, decimal=decimal)
    periods = _engine.Periods.of(
        frame["period"] if "period" in frame else numpy.full(size, None, dtype=object), xp
    )
    units = _engine.Units.of(frame.get("unit", None), size, xp)
    indicators = plan.indicators()
    position = {indicator.id: k for k, indicator in enumerate(indicators)}
    id_codes, ids = xp.factorize(frame["indicator"])
    where = numpy.array([position.get(str(i).strip(), -1) for i in ids] + [-1], dtype=numpy.int32)[
        id_codes
    ]
    weight_of = _weights(plan, weights)

    status = numpy.full((len(indicators), count), _engine.NOT_MEASURED, numpy.int8)
    observed, expected, achievement, baseline = (
        numpy.full((len(indicators), count), numpy.nan) for _ in "oeab"
    )
    used = numpy.zeros((len(indicators), count), dtype=numpy.int64)
    warnings = numpy.empty((len(indicators), count), dtype=object)
    warnings[:] = ""
    warning_counts = numpy.zeros((len(indicators), count), dtype=numpy.int64)
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
            status[k, has_rows] = _engine.INVALID
            problem_rows.append(order[part])
            reasons.append(texts([reason]).repeat(part.stop - part.start))
            continue
        outcome = _engine.evaluate(
            target,
            values.take(part),
            periods.take(part),
            units.take(part),
            sorted_codes[part],
            count,
            bands,
            xp,
            within,
        )
        for group, found in enumerate(_warnings(target, outcome, count, xp)):
            if found:
                warnings[k, group] = "; ".join(found)
                warning_counts[k, group] = len(found)
        status[k], observed[k], expected[k], achievement[k] = (
            outcome.status,
            outcome.observed,
            outcome.expected,
            outcome.achievement,
        )
        used[k] = outcome.rows
        if outcome.baseline is not None:
            baseline[k] = outcome.baseline
        problem_rows.append(order[part][outcome.problem_rows])
        reasons.append(outcome.reasons)

    group_labels = numpy.empty(count, dtype=object)
    group_labels[:] = labels
    status_names = [s.value for s in Status]
    per_indicator = {
        **(
            {by: _categories(labels, numpy.tile(numpy.arange(count), len(indicators)))}
            if by
            else {}
        ),
        "indicator": _categories(
            [i.id for i in indicators], numpy.arange(len(indicators)).repeat(count)
        ),
        "status": pandas.Categorical.from_codes(status.reshape(-1), categories=status_names),
        "observed": observed.reshape(-1),
        "expected": expected.reshape(-1),
        "achievement": achievement.reshape(-1),
        "rows": used.reshape(-1),
        "warnings": warnings.reshape(-1),
        # a change target's baseline, in the terms of "observed" (NaN: none)
        "baseline": baseline.reshape(-1),
    }
    all_rows = numpy.concatenate([numpy.zeros(0, dtype=numpy.intp), *problem_rows])
    all_reasons = numpy.concatenate([texts([]), *reasons])
    order = numpy.argsort(all_rows, kind="stable")
    all_rows = all_rows[order]
    reason_codes, reason_texts = xp.factorize(all_reasons[order])
    problems = pandas.DataFrame(
        copy=False,
        data={
            "row": frame.index[all_rows],
            **({by: _categories(labels, codes[all_rows])} if by else {}),
            "indicator": _categories(ids, id_codes[all_rows]),
            "reason": _categories(reason_texts, reason_codes),
        },
    )
    weights_array = numpy.array([weight_of[i.id] for i in indicators])
    nodes = _bulk_rollups(
        plan, status, achievement, weights_array, warning_counts, group_labels, by
    )
    indicators_frame = pandas.DataFrame(per_indicator, copy=False)
    return BulkScorecard(indicators_frame, nodes, problems, values.notes)


def _bulk_rollups(
    plan: Plan,
    status: Any,
    achievement: Any,
    weights: Any,
    warnings: Any,
    groups: Any,
    by: str | None,
) -> Any:
    """The roll-ups of every node for every group: the engine's roll-up rule over each
    node's indicators, a column over groups each."""
    xp = _space()
    pandas = _pandas()
    import numpy as np

    count = status.shape[1]
    nodes: list[Plan | Node] = [
        plan,
        *(n for n in plan.walk() if not isinstance(n, (Indicator, ExpectedResult))),
    ]
    row = {("" if isinstance(n, Plan) else n.id): k for k, n in enumerate(nodes)}
    # A row per (node, indicator below it, group), node by node, indicators in plan order.
    pairs = [
        (row[parent], k)
        for k, indicator in enumerate(plan.indicators())
        for parent in ("", *(p.id for p in plan.parents(indicator.id)))
    ]
    pairs.sort(key=lambda pair: pair[0])  # stable: plan order within each node
    node_of = np.array([n for n, _ in pairs], dtype=np.intp)
    indicator_of = np.array([k for _, k in pairs], dtype=np.intp)
    keys = (node_of[:, None] * count + np.arange(count)).reshape(-1)
    with xp.errstate(divide="ignore", invalid="ignore"):
        rolled = _engine.rollup(
            keys,
            status[indicator_of].reshape(-1),
            achievement[indicator_of].reshape(-1),
            np.repeat(weights[indicator_of], count),
            len(nodes) * count,
            xp,
        )
    ids = list(row)
    parents = [_parent(plan, node_id) for node_id in ids]

    def per_node(values: list[Any]) -> Any:
        return _categories(values, np.arange(len(nodes)).repeat(count))

    columns = {
        **({by: _categories(list(groups), np.tile(np.arange(count), len(nodes)))} if by else {}),
        "id": per_node(ids),
        "kind": per_node([n.kind for n in nodes]),
        "label": per_node([_label(n) for n in nodes]),
        "parent": per_node([p for p, _ in parents]),
        "depth": np.repeat(np.asarray([d for _, d in parents]), count),
        **{name: rolled[name] for name in _engine.COUNT_FIELDS.values()},
        **{
            name: rolled[name]
            for name in ("total", "measured", "met_share", "mean_achievement", "coverage")
        },
        "warnings": np.bincount(
            keys, weights=warnings[indicator_of].reshape(-1), minlength=len(nodes) * count
        ).astype(np.int64),
    }
    return pandas.DataFrame(columns, copy=False)  # copy=False: no consolidation copy


def _pandas() -> Any:
    """pandas, or a library error naming the extra."""
    from cssindicators._optional import require

    return require("pandas", "pandas")


def _categories(values: Sequence[Any], codes: Any) -> Any:
    """A pandas Categorical of ``values[codes]`` (missing values and codes -1: NaN), made
    from codes: a column of few distinct texts costs an integer a row.

    >>> import numpy as np
    >>> _categories(["b", "a", None], np.array([0, 1, 2, -1, 0])).tolist()
    ['b', 'a', nan, nan, 'b']
    """
    import numpy as np
    import pandas

    present = [v for v in values if not _engine.is_missing(v)]
    if len(present) == len(values) and len(set(present)) == len(present):
        return pandas.Categorical.from_codes(codes, categories=present)  # the usual case
    distinct = list(dict.fromkeys(present))
    position = {v: k for k, v in enumerate(distinct)}
    table = np.array([-1 if _engine.is_missing(v) else position[v] for v in values] + [-1])
    return pandas.Categorical.from_codes(table[codes], categories=distinct)
