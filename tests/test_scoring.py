"""Scoring: aggregation of rows, statuses, roll-ups, weights, and the bundled example."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators.measurements import MeasurementFile, Row, read_measurements
from cssindicators.plan import Plan
from cssindicators.reading import parse_plan, read_plan
from cssindicators.scoring import IndicatorResult, Scorecard, example_files, score

# The reasons of rows rejected together, as users read them.
OVERLAP = (
    "its period {period} overlaps the period of another row of this indicator: "
    "the same days would be counted twice"
)
UNDATED = "no period: a row without a period cannot be added to other rows of this indicator"
SAME_PERIOD = (
    "another row of this indicator has the same period {period}: the values contradict each other"
)

M = ci.Measurement
MET, PARTIAL, NOT_MET = ci.Status.MET, ci.Status.PARTIAL, ci.Status.NOT_MET
NOT_MEASURED, INVALID = ci.Status.NOT_MEASURED, ci.Status.INVALID


def make_plan(*sectors: Sequence[str]) -> Plan:
    """A plan with one sector per argument, each with one strategic objective whose
    table has one operational objective per target (one indicator each)."""
    lines = []
    for number, targets in enumerate(sectors, 2):
        lines += [
            f"Secteur d'activité {number} : Secteur {number}",
            f"Objectif général 1 - Secteur d'activité {number} :",
            f"Général {number}",
            "Objectif stratégique 1 - Domaine :",
            f"Stratégique {number}",
            "GDP",
            "Objectifs opérationnels\tRésultats attendus\tIndicateurs",
        ]
        lines += [
            f"{k}. Objectif {k}\t- Résultat\t- Indicateur {k} : {target}"
            for k, target in enumerate(targets, 1)
        ]
    plan = parse_plan("\n".join(lines) + "\n")
    assert plan.errors == ()
    return plan


def ids(plan: Plan) -> list[str]:
    return [i.id for i in plan.indicators()]


def result_of(target: str, measurements: Sequence[M], **kwargs: object) -> IndicatorResult:
    plan = make_plan([target])
    (indicator,) = ids(plan)
    card = score(plan, [_with_id(m, indicator) for m in measurements], **kwargs)  # type: ignore[arg-type]
    return card.result(indicator)


def _with_id(m: M, indicator: str) -> M:
    return M(value=m.value, period=m.period, unit=m.unit, indicator=indicator, note=m.note)


# ---------------------------------------------------------------- one row


def test_one_row_is_evaluated_as_target_evaluate_does() -> None:
    for target, m in [
        ("≥ 12 par an", M(value=7, period="2023-H1")),
        ("≥ 3 heures/jour", M(value=66_000, period="2023", unit="minutes")),
        ("≤ 5 par mois", M(value=40, period="2023-Q3")),
        ("entre 10 et 20", M(value=25)),
        ("≥ 70 %", M(value=65, period="2023")),
        ("Oui/Non", M(value="Non")),
    ]:
        result = result_of(target, [m])
        direct = ci.parse_target(target).evaluate(m)
        assert result.evaluation is not None
        assert (result.status, result.evaluation.observed, result.evaluation.achievement) == (
            direct.status,
            direct.observed,
            direct.achievement,
        )
        assert result.evaluation.measurement.value == m.value


# ---------------------------------------------------------------- additive rows


def test_counts_add_up_over_the_union_of_their_periods() -> None:
    months = [M(value=1, period=f"2023-{m:02d}") for m in range(1, 13)]
    result = result_of("≥ 12 par an", months)
    assert result.evaluation is not None
    assert result.status is MET
    assert result.evaluation.observed == pytest.approx(12.0)
    assert len(result.rows) == 12
    assert str(result.evaluation.measurement.period) == "2023"


def test_a_gap_in_the_periods_is_not_counted_as_zero() -> None:
    # January and March only: 2 meetings in 2 months is 12 a year.
    result = result_of("≥ 12 par an", [M(value=1, period="2023-01"), M(value=1, period="2023-03")])
    assert result.evaluation is not None
    assert result.evaluation.observed == pytest.approx(12.0)
    assert result.status is MET


def test_durations_in_several_units_add_up() -> None:
    rows = [
        M(value=550, period="2023-H1", unit="heures"),
        M(value=33_000, period="2023-H2", unit="minutes"),
    ]
    result = result_of("≥ 3 heures/jour", rows)
    assert result.evaluation is not None
    assert result.evaluation.observed == pytest.approx(1100 / 365)


def test_overlapping_periods_are_invalid_and_the_others_still_count() -> None:
    rows = [
        M(value=3, period="2023-Q1"),
        M(value=3, period="2023-Q2"),
        M(value=1, period="2023-03"),
        M(value=3, period="2023-Q3"),
    ]
    result = result_of("≥ 12 par an", rows)
    assert [(p.line, p.reason) for p in result.problems] == [
        (1, OVERLAP.format(period="2023-Q1")),
        (3, OVERLAP.format(period="2023-03")),
    ]
    assert [r.line for r in result.rows] == [2, 4]
    assert result.evaluation is not None
    assert result.evaluation.observed == pytest.approx(12.0)  # 6 over two quarters


def test_the_same_period_twice_double_counts() -> None:
    result = result_of("≥ 12 par an", [M(value=6, period="2023"), M(value=6, period="2023")])
    assert result.status is INVALID
    assert {p.line for p in result.problems} == {1, 2}


def test_undated_rows_cannot_be_added_to_others() -> None:
    result = result_of("≥ 10", [M(value=6), M(value=6, period="2023")])
    assert [(p.line, p.reason) for p in result.problems] == [(1, UNDATED)]
    assert result.evaluation is not None
    assert (result.evaluation.observed, [r.line for r in result.rows]) == (6.0, [2])
    assert result_of("≥ 10", [M(value=12)]).status is MET


def test_a_rate_needs_periods() -> None:
    result = result_of("≥ 12 par an", [M(value=12)])
    assert result.status is INVALID
    assert result.problems[0].reason == "a measurement for the rate target '≥ 12/an' needs a period"


def test_sum_too_large_is_invalid_not_a_crash() -> None:
    result = result_of(
        "≥ 1 par an", [M(value=1e308, period="2023-01"), M(value=1e308, period="2023-02")]
    )
    assert result.status is INVALID
    assert len(result.problems) == 2


# ---------------------------------------------------------------- levels


def test_levels_take_the_latest_period() -> None:
    rows = [M(value=80, period="2023-Q4"), M(value=50, period="2023-Q1"), M(value=60)]
    result = result_of("≥ 70 %", rows)
    assert result.status is MET
    assert [r.line for r in result.rows] == [1]
    assert sorted(r.line for r in result.superseded) == [2, 3]


def test_latest_means_latest_end_then_latest_start() -> None:
    rows = [M(value=40, period="2023"), M(value=90, period="2023-Q4")]
    assert result_of("≥ 70 %", rows).status is MET


def test_yes_no_takes_the_latest_answer() -> None:
    assert (
        result_of(
            "Oui/Non", [M(value="Oui", period="2023-H1"), M(value="Non", period="2023-H2")]
        ).status
        is NOT_MET
    )
    assert (
        result_of(
            "Oui/Non", [M(value="Non", period="2023-H1"), M(value="ja", period="2023-H2")]
        ).status
        is MET
    )


def test_levels_with_the_same_period_contradict_each_other() -> None:
    rows = [M(value=80, period="2023"), M(value=60, period="2023"), M(value=50, period="2022")]
    result = result_of("≥ 70 %", rows)
    assert [(p.line, p.reason) for p in result.problems] == [
        (1, SAME_PERIOD.format(period="2023")),
        (2, SAME_PERIOD.format(period="2023")),
    ]
    assert result.evaluation is not None
    assert result.evaluation.observed == 50.0  # 2022 is the latest valid value
    assert result_of("Oui/Non", [M(value="Oui"), M(value="Non")]).status is INVALID


# ---------------------------------------------------------------- statuses and problems


def test_bands_change_the_partial_threshold() -> None:
    rows = [M(value=7, period="2023")]
    assert result_of("≥ 12 par an", rows).status is PARTIAL
    assert result_of("≥ 12 par an", rows, bands=ci.Bands(partial=0.8)).status is NOT_MET


def test_no_data_is_not_measured_and_bad_data_is_invalid() -> None:
    plan = make_plan(["≥ 12 par an", "≥ 12 par an", "≥ 12 par an"])
    first, second, third = ids(plan)
    card = score(
        plan,
        [
            M(value=-1, period="2023", indicator=second),
            M(value="Oui", period="2023", indicator=third),
            M(value=3, period="2023", unit="heures", indicator=third),
        ],
    )
    assert card.result(first).status is NOT_MEASURED
    assert card.result(second).status is INVALID
    assert card.result(third).status is INVALID
    assert [(p.line, p.reason) for p in card.problems] == [
        (1, "a measured value cannot be negative, got -1"),
        (2, "a measured value for a numeric target must be a number, got 'Oui'"),
        (3, "a value in heures cannot be compared with a target without unit"),
    ]


def test_unknown_ids_and_ids_of_other_nodes() -> None:
    plan = make_plan(["≥ 12 par an"])
    (indicator,) = ids(plan)
    card = score(
        plan,
        [
            M(value=1, period="2023", indicator=indicator[:-1] + "7"),
            M(value=1, period="2023", indicator="s2.og1"),
        ],
    )
    assert [p.reason for p in card.problems] == [
        f"unknown indicator {indicator[:-1] + '7'!r}: not in the plan; did you mean {indicator!r}?",
        "'s2.og1' is a general objective of the plan, not an indicator",
    ]
    assert card.result(indicator).status is NOT_MEASURED


def test_problems_found_while_reading_make_their_indicator_invalid(tmp_path: Path) -> None:
    plan = make_plan(["≥ 12 par an", "≥ 12 par an"])
    first, second = ids(plan)
    path = tmp_path / "m.csv"
    path.write_text(
        f"indicator;value;period\n{first};3;2023-13\n{second};;2023\n{second};12;2023\n"
    )
    card = score(plan, path)
    assert card.result(first).status is INVALID
    assert card.result(second).status is MET
    assert [(p.source, p.line) for p in card.problems] == [(str(path), 2), (str(path), 3)]
    assert card.result(second).problems[0].reason == "no value"
    assert card.sources == (str(path),)


def test_indicator_without_a_readable_target() -> None:
    plan = parse_plan(
        "Secteur d'activité 2 : S\nObjectif général 1 - Secteur d'activité 2 :\nG\n"
        "Objectif stratégique 1 - Domaine :\nO\nGDP\n"
        "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
        "1. Objectif\t- Résultat\t- Indicateur : ≥ douze par an\n"
    )
    (indicator,) = ids(plan)
    assert score(plan, []).result(indicator).status is NOT_MEASURED
    card = score(plan, [M(value=12, period="2023", indicator=indicator)])
    assert card.result(indicator).status is INVALID
    assert "cannot be read" in card.problems[0].reason


def test_result_of_a_node_that_is_not_an_indicator() -> None:
    card = score(make_plan(["≥ 1"]), [])
    with pytest.raises(ci.UnknownNodeError, match=r"'s2\.og1\.os1' is a strategic objective"):
        card.result("s2.og1.os1")
    with pytest.raises(ci.UnknownNodeError, match="no node 'x'"):
        card.rollup("x")


# ---------------------------------------------------------------- roll-ups


def test_rollups_count_share_mean_and_coverage() -> None:
    plan = make_plan(["≥ 10", "≥ 10", "≥ 10"], ["≥ 10", "≥ 10"])
    a, b, c, d, _e = ids(plan)
    card = score(
        plan,
        [
            M(value=30, indicator=a),  # met, achievement 3 (capped at 1)
            M(value=5, indicator=b),  # partial, 0.5
            M(value=1, indicator=c),  # not met, 0.1
            M(value=-1, indicator=d),  # invalid
            # e: not measured
        ],
    )
    s2, s3, whole = card.rollup("s2"), card.rollup("s3"), card.rollup()
    assert (s2.met, s2.partial, s2.not_met, s2.total, s2.measured) == (1, 1, 1, 3, 3)
    assert s2.met_share == pytest.approx(1 / 3)
    assert s2.mean_achievement == pytest.approx((1 + 0.5 + 0.1) / 3)
    assert s2.coverage == 1.0
    assert (s3.invalid, s3.not_measured, s3.measured) == (1, 1, 0)
    assert (s3.met_share, s3.mean_achievement, s3.coverage) == (None, None, 0.0)
    assert (whole.id, whole.kind, whole.total, whole.coverage) == ("", "plan", 5, 3 / 5)
    assert whole.counts == {MET: 1, PARTIAL: 1, NOT_MET: 1, NOT_MEASURED: 1, INVALID: 1}
    # every level in between rolls up the same indicators
    for node_id in ("s2.og1", "s2.og1.os1", "s2.og1.os1.gdp"):
        assert card.rollup(node_id).counts == s2.counts
    assert card.rollup(a).met == 1
    assert [r.kind for r in card.rollups[:6]] == [
        "plan", "sector", "general_objective", "strategic_objective", "service_block",
        "operational_objective",
    ]  # fmt: skip


def test_weights_multiply_along_the_path() -> None:
    plan = make_plan(["≥ 10", "≥ 10"], ["≥ 10"])
    a, b, c = ids(plan)
    rows = [M(value=10, indicator=a), M(value=0, indicator=b), M(value=0, indicator=c)]
    plain = score(plan, rows).rollup()
    weighted = score(plan, rows, weights={"s2": 2, a: 3, "s3": 0}).rollup()
    assert plain.met_share == pytest.approx(1 / 3)
    assert weighted.met_share == pytest.approx(6 / (6 + 2 + 0))
    assert weighted.mean_achievement == pytest.approx(6 / 8)
    assert weighted.coverage == plain.coverage == 1.0
    with pytest.raises(ci.ConfigurationError, match="weights: no node 's9' in the plan"):
        score(plan, rows, weights={"s9": 1})
    with pytest.raises(ValueError, match="must be a finite number ≥ 0"):
        score(plan, rows, weights={"s2": -1})


# ---------------------------------------------------------------- inputs and outputs


def test_measurements_as_path_file_or_rows(tmp_path: Path) -> None:
    plan = make_plan(["≥ 12 par an"])
    (indicator,) = ids(plan)
    path = tmp_path / "m.csv"
    path.write_text(f"indicator,value,period\n{indicator},12,2023\n")
    cards = [
        score(plan, str(path)),
        score(plan, path),
        score(plan, read_measurements(path)),
        score(plan, list(read_measurements(path))),
        score(
            plan,
            MeasurementFile.from_measurements([M(value=12, period="2023", indicator=indicator)]),
        ),
    ]
    assert {card.result(indicator).status for card in cards} == {MET}


def test_to_frame() -> None:
    plan = make_plan(["≥ 12 par an", "Oui/Non"])
    a, b = ids(plan)
    card = score(plan, [M(value=6, period="2023-H1", indicator=a), M(value="x", indicator=b)])
    frame = card.to_frame()
    assert list(frame["id"]) == [a, b]
    assert list(frame["status"]) == ["met", "invalid"]
    assert frame.loc[0, "achievement"] == 1.0
    assert list(card.to_frame("problems")["line"]) == [2]
    assert len(card.to_frame("nodes")) == len(card.rollups)
    with pytest.raises(ValueError, match="what must be"):
        card.records("rows")  # type: ignore[arg-type]


# ---------------------------------------------------------------- laws

_TARGETS = ["≥ 12 par an", "≥ 3 heures/jour", "≤ 5 par mois", "≥ 70 %", "Oui/Non", "entre 2 et 4"]
_PERIODS = ["2023", "2023-H1", "2023-H2", "2023-Q2", "2023-03", "2023-W10", None]
_VALUES = st.one_of(
    st.integers(-2, 400),
    st.sampled_from(["Oui", "Non", "x"]),
    st.decimals(0, 400, places=2),
)
_ROWS = st.lists(
    st.tuples(st.integers(0, len(_TARGETS)), _VALUES, st.sampled_from(_PERIODS),
              st.sampled_from([None, None, "minutes", "%", "heures"])),
    max_size=25,
)  # fmt: skip


@given(rows=_ROWS)
def test_every_input_row_appears_once_in_the_scorecard(
    rows: list[tuple[int, object, str | None, str | None]],
) -> None:
    plan = make_plan(_TARGETS)
    known = ids(plan)
    measurements = [
        M(value=v, period=p, unit=u, indicator=known[k] if k < len(known) else "s9.x")  # type: ignore[arg-type]
        for k, v, p, u in rows
    ]
    card = score(plan, measurements)
    seen = [r.line for result in card for r in (*result.rows, *result.superseded)]
    seen += [p.line for p in card.problems]
    assert sorted(seen) == list(range(1, len(rows) + 1))
    for result in card:
        assert {p.line for p in result.problems} <= {p.line for p in card.problems}
        assert (result.evaluation is not None) == result.measured
        if result.status is NOT_MEASURED:
            assert not result.problems
            assert not result.rows


@given(
    values=st.lists(st.integers(0, 50), min_size=1, max_size=12),
    raised=st.integers(0, 11),
    extra=st.integers(1, 20),
)
def test_raising_a_value_never_lowers_an_at_least_score(
    values: list[int], raised: int, extra: int
) -> None:
    periods = [f"2023-{m:02d}" for m in range(1, len(values) + 1)]
    before = result_of(
        "≥ 120 par an", [M(value=v, period=p) for v, p in zip(values, periods, strict=True)]
    )
    values[raised % len(values)] += extra
    after = result_of(
        "≥ 120 par an", [M(value=v, period=p) for v, p in zip(values, periods, strict=True)]
    )
    assert before.achievement is not None
    assert after.achievement is not None
    assert after.achievement >= before.achievement
    order = [MET, PARTIAL, NOT_MET]
    assert order.index(after.status) <= order.index(before.status)


# ---------------------------------------------------------------- the bundled example


def example_card() -> Scorecard:
    plan_path, data_path = example_files()
    return score(read_plan(plan_path), data_path)


def test_the_bundled_example_covers_every_status_and_every_kind_of_problem() -> None:
    card = example_card()
    assert {r.status for r in card} == set(ci.Status)
    reasons = [p.reason for p in card.problems]
    for fragment in (
        "overlaps",
        "must be a number",
        "unknown indicator",
        "cannot be negative",
        "Invalid period",
        "cannot be compared",
    ):
        assert any(fragment in r for r in reasons), fragment
    assert any(r.superseded for r in card)
    # The header comment says the data are illustrative.
    first_line = example_files()[1].read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("#")
    assert "ILLUSTRATIVE" in first_line


def test_example_rows_are_all_accounted_for() -> None:
    card = example_card()
    data = read_measurements(example_files()[1])
    lines = sorted(r.line for result in card for r in (*result.rows, *result.superseded))
    lines = sorted(lines + [p.line for p in card.problems])
    assert lines == sorted([r.line for r in data.rows] + [p.line for p in data.problems])


def test_example_files_are_the_bundled_ones_installed_or_not() -> None:
    source = Path(__file__).resolve().parents[1] / "examples" / "molenbeek-2023"
    for found, name in zip(example_files(), ("plan.txt", "measurements.csv"), strict=True):
        assert found.name == name
        assert found.read_bytes() == (source / name).read_bytes()


def test_rows_keep_their_file_and_line() -> None:
    row = Row(M(value=1, indicator="x"), "f.csv", 9)
    card = score(make_plan(["≥ 1"]), [row])
    assert card.problems[0].where == "f.csv:9"


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"s2": "2"}, "the weight of 's2' must be a finite number ≥ 0, got '2'"),
        ({"s2": True}, "the weight of 's2' must be a finite number ≥ 0, got True"),
        ({"s2": float("nan")}, "the weight of 's2' must be a finite number ≥ 0, got nan"),
        (
            {"s2.og1.os1.gdp.oo1.i9": 1},
            "weights: no node 's2.og1.os1.gdp.oo1.i9' in the plan; "
            "did you mean 's2.og1.os1.gdp.oo1.i1'?",
        ),
        ({2: 1}, "weights: no node 2 in the plan; did you mean 's2'?"),
    ],
)
def test_weights_are_checked(weights: dict[Any, Any], message: str) -> None:
    plan = make_plan(["≥ 12 par an"])
    with pytest.raises(ci.ConfigurationError) as caught:
        score(plan, [], weights=weights)
    assert str(caught.value) == message


def _brute_force_overlaps(spans: list[tuple[int, int]]) -> list[bool]:
    return [
        any(j != i and a <= d and c <= b for j, (c, d) in enumerate(spans))
        for i, (a, b) in enumerate(spans)
    ]


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 10), st.integers(0, 2)), max_size=30))
def test_overlap_detection_agrees_with_a_brute_force_reference(
    raw: list[tuple[int, int, int]],
) -> None:
    from datetime import date, timedelta

    import numpy as np

    from cssindicators import _columns
    from cssindicators.periods import Period
    from cssindicators.scoring import _engine, _numpy

    day = date(2023, 1, 1)
    periods = [Period(day + timedelta(a), day + timedelta(a + n)) for a, n, _ in raw]
    groups = [g for _, _, g in raw]
    expected = [
        any(
            j != i and groups[j] == groups[i] and a <= d and c <= b
            for j, (c, d) in enumerate((p.start, p.end) for p in periods)
        )
        for i, (a, b) in enumerate((p.start, p.end) for p in periods)
    ]
    for xp in (_columns, _numpy):
        column = _engine.Periods.of(periods, xp)
        every = xp.full(len(periods), True, dtype=xp.bool_)
        found = _engine._overlapping(every, column, xp.array(groups, dtype=xp.intp), 3, xp)
        assert np.asarray(found.tolist(), dtype=bool).tolist() == expected


@given(st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40)), min_size=1, max_size=40))
def test_overlapping_rows_are_found_on_many_rows(raw: list[tuple[int, int]]) -> None:
    from datetime import date, timedelta

    day = date(2023, 1, 1)
    spans = [(day + timedelta(s), day + timedelta(s + n)) for s, n in raw]
    rows = [M(value=1, period=f"{a.isoformat()}/{b.isoformat()}") for a, b in spans]
    result = result_of("≥ 12 par an", rows)
    expected = _brute_force_overlaps([(s, s + n) for s, n in raw])
    assert sorted(p.line for p in result.problems) == [
        k + 1 for k, hit in enumerate(expected) if hit
    ]
    assert sorted(r.line for r in result.rows) == [
        k + 1 for k, hit in enumerate(expected) if not hit
    ]


def test_rows_are_evaluated_as_columns_and_reasons_once_per_case(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The engine evaluates the rows together; only a rejected row's reason asks the
    # target, once for all the rows rejected for the same reason.
    calls = []
    evaluate = ci.Target.evaluate

    def counting(self: ci.Target, measurement: M, **kwargs: Any) -> ci.Evaluation:
        calls.append(measurement)
        return evaluate(self, measurement, **kwargs)

    monkeypatch.setattr(ci.Target, "evaluate", counting)
    months = [M(value=1, period=f"2023-{m:02d}") for m in range(1, 13)]
    result = result_of("≥ 12 par an", [*months, M(value=-1, period="2024-01")])
    assert result.status is MET
    assert [(p.line, p.reason) for p in result.problems] == [
        (13, "a measured value cannot be negative, got -1")
    ]
    assert [c.value for c in calls] == [-1]


def test_a_sum_over_periods_with_gaps_says_so_and_evaluates_consistently() -> None:
    from cssindicators.scoring import measurement_text

    result = result_of("≥ 12 par an", [M(value=3, period="2023-01"), M(value=3, period="2023-12")])
    assert result.evaluation is not None
    measurement = result.evaluation.measurement
    assert measurement.period is None
    assert measurement.note == "sum of 2 rows over 2 periods (2023-01, 2023-12)"
    assert measurement_text(result) == "6 over 2 periods (2023-01, 2023-12), sum of 2 rows"
    assert result.evaluation.observed == pytest.approx(36.0)


def test_a_sum_over_adjacent_periods_is_a_measurement_over_their_union() -> None:
    rows = [
        M(value=v, period=p)
        for v, p in [(2, "2023-01"), (5, "2023-02"), (1, "2023-03"), (4, "2023-Q2")]
    ]
    result = result_of("≥ 12 par an", rows)
    assert result.evaluation is not None
    measurement = result.evaluation.measurement
    assert str(measurement.period) == "2023-H1"
    again = result.evaluation.target.evaluate(measurement)
    assert again.observed == pytest.approx(result.evaluation.observed)
