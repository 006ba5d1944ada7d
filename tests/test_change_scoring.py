"""Scoring change targets: where a baseline comes from, what a scorecard says of it,
and the bulk path's agreement with the scalar one."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators.cli import main
from cssindicators.reading import parse_plan
from cssindicators.reports import render

HEAD = (
    "Secteur d'activité 2 : Criminalité\n"
    "Objectif général 1 - Secteur d'activité 2 :\nLutte\n"
    "Objectif stratégique 1 - Domaine :\nPrévention\nGDP\n"
    "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
)


def plan_of(*targets: str, year: int | None = 2023) -> ci.Plan:
    lines = "".join(
        f"{k}. Réduire\t- Moins de faits\t- Nombre de faits {k} : {t}\n"
        for k, t in enumerate(targets, 1)
    )
    title = (
        ""
        if year is None
        else f"CONTRAT DE SECURITE ET DE SOCIETE PLAN DE PROJET {year} DE LA VILLE/COMMUNE DE Molenbeek-Saint-Jean\n"
    )
    return parse_plan(title + HEAD + lines)


def ids(plan: ci.Plan) -> list[str]:
    return [indicator.id for indicator in plan.indicators()]


def M(value: object, period: str | None, indicator: str, **kw: object) -> ci.Measurement:
    return ci.Measurement(value=value, period=period, indicator=indicator, **kw)  # type: ignore[arg-type]


def test_the_plan_reads_change_targets_with_their_baselines() -> None:
    plan = plan_of("diminution de 10 % par rapport à 2022", "en baisse", "stabilisation")
    assert [str(i.target) for i in plan.indicators()] == [
        "diminution de 10 % par rapport à 2022",
        "en diminution",
        "stabilisation",
    ]
    assert plan.diagnostics == ()


def test_the_baseline_comes_from_the_rows_of_the_named_year() -> None:
    plan = plan_of("diminution de 10 % par rapport à 2022")
    (a,) = ids(plan)
    card = ci.score(plan, [M(50, "2023-H1", a), M(45, "2023-H2", a), M(100, "2022", a)])
    result = card.result(a)
    assert result.status is ci.Status.PARTIAL
    assert result.evaluation is not None
    assert (result.evaluation.observed, result.evaluation.baseline) == (95, 100)
    assert result.evaluation.expected == pytest.approx(90)
    assert result.evaluation.achievement == pytest.approx(0.5)
    assert result.evaluation.change == pytest.approx(-0.05)
    # the 2022 row is the baseline, not a row outside the reporting period
    assert card.problems == ()
    assert [r.measurement.period for r in result.baseline_rows] == [ci.parse_period("2022")]
    assert len(result.rows) == 2


def test_by_default_the_baseline_is_the_period_before_the_reporting_period() -> None:
    plan = plan_of("en baisse")
    (a,) = ids(plan)
    rows = [M(80, "2023-Q2", a), M(100, "2023-Q1", a), M(5, "2022", a)]
    card = ci.score(plan, rows, period="2023-Q2")
    result = card.result(a)
    assert result.status is ci.Status.MET
    assert result.evaluation is not None
    assert result.evaluation.baseline == 100
    # the row of 2022 is neither the baseline nor in the reporting period
    (problem,) = card.problems
    assert problem.line == 3
    assert problem.reason == "outside the reporting period 2023-Q2: its period is 2022"


def test_a_baseline_of_several_years_is_their_mean_per_year() -> None:
    plan = plan_of("diminution de 10 % par rapport à 2015-2019")
    (a,) = ids(plan)
    card = ci.score(plan, [M(90, "2023", a), M(500, "2015/2019", a)])
    evaluation = card.result(a).evaluation
    assert evaluation is not None
    assert (evaluation.baseline, evaluation.status) == (100, ci.Status.MET)
    # the same as against the mean, given for one year
    single = ci.parse_target("diminution de 10 %").evaluate(
        ci.Measurement(value=90, period="2023"), baseline=ci.Measurement(value=100, period="2022")
    )
    assert (single.achievement, single.status) == (evaluation.achievement, evaluation.status)
    assert "500 over 2015-2019, 100 for a period of the measured length" in render(card, "text")


def test_rows_of_the_baseline_years_add_up() -> None:
    plan = plan_of("diminution de 10 % par rapport à 2015-2019")
    (a,) = ids(plan)
    rows = [M(100, str(year), a) for year in range(2015, 2020)] + [M(95, "2023", a)]
    evaluation = ci.score(plan, rows).result(a).evaluation
    assert evaluation is not None
    assert evaluation.baseline == 100


def test_periods_of_lengths_that_do_not_divide_are_a_problem() -> None:
    plan = plan_of("diminution de 10 % par rapport à 2022")
    (a,) = ids(plan)
    card = ci.score(plan, [M(90, "2023-Q1", a), M(100, "2022", a)], period="2023-Q1")
    result = card.result(a)
    # a total over a year against one over a quarter: 4 quarters, a whole number
    assert result.evaluation is not None
    assert result.evaluation.baseline == 25
    card = ci.score(
        plan, [M(90, "2023-01/2023-05", a), M(100, "2022", a)], period="2023-01/2023-05"
    )
    result = card.result(a)
    assert result.status is ci.Status.INVALID
    (problem,) = result.problems
    assert "not comparable" in problem.reason
    assert problem.line == 1


def test_without_a_baseline_the_rows_are_a_problem_naming_the_period() -> None:
    plan = plan_of("augmentation de 10 %")
    (a,) = ids(plan)
    card = ci.score(plan, [M(95, "2023", a), M(500, "2021", a)])
    result = card.result(a)
    assert result.status is ci.Status.INVALID
    assert [p.reason for p in result.problems] == [
        "no baseline: the change target 'augmentation de 10 %' compares this indicator's "
        "value with its value over 2022, and no row gives it (give a row for 2022, a "
        "baseline column, or a baselines file)",
        "outside the reporting period 2023: its period is 2021",
    ]


def test_without_a_reporting_period_the_default_baseline_cannot_be_found() -> None:
    plan = plan_of("en hausse", year=None)
    (a,) = ids(plan)
    result = ci.score(plan, [M(95, "2023", a)]).result(a)
    assert result.status is ci.Status.INVALID
    assert result.problems[0].reason.startswith("no baseline period:")


def test_a_zero_baseline_with_a_change_in_percent_is_a_problem() -> None:
    plan = plan_of("diminution de 10 % par rapport à 2022", "réduction de 2 faits vs 2022")
    a, b = ids(plan)
    rows = [M(3, "2023", a), M(0, "2022", a), M(0, "2023", b), M(0, "2022", b)]
    card = ci.score(plan, rows)
    assert card.result(a).status is ci.Status.INVALID
    assert card.result(a).problems[0].reason.startswith("the baseline is 0: a change of 10 %")
    # a change written as a number can be computed from 0: 0 is not 2 fewer
    assert card.result(b).status is ci.Status.NOT_MET


def test_a_baseline_column_gives_the_baseline_once() -> None:
    plan = plan_of("diminution de 10 % par rapport à 2022", "≥ 12 par an")
    a, b = ids(plan)
    data = ci.parse_measurements(
        "indicateur;valeur;période;valeur de référence\n"
        f"{a};40;2023-H1;1.000\n{a};45;2023-H2;1.000\n{b};12;2023;10\n"
    )
    card = ci.score(plan, data)
    result = card.result(a)
    assert result.evaluation is not None
    assert result.evaluation.baseline == 1000
    assert result.status is ci.Status.MET
    assert card.problems == ()
    # an indicator that is not a change does not use it, and says so
    assert card.result(b).warnings == (
        "the baseline column (line 4) is not used: the target '≥ 12/an' is not a change",
    )


def test_a_baseline_column_with_different_values_is_a_problem_of_each_row() -> None:
    plan = plan_of("en baisse")
    (a,) = ids(plan)
    data = ci.parse_measurements(
        f"indicateur;valeur;période;baseline\n{a};40;2023-H1;100\n{a};45;2023-H2;90\n"
    )
    result = ci.score(plan, data).result(a)
    assert result.status is ci.Status.INVALID
    assert [p.line for p in result.problems] == [2, 3]
    assert result.problems[0].reason == (
        "the baseline column gives different values for this indicator: 100, 90"
    )


def test_a_baselines_file_gives_baselines(tmp_path: Path) -> None:
    plan = plan_of("en baisse", "≥ 12 par an")
    a, b = ids(plan)
    card = ci.score(
        plan,
        [M(70, "2023", a)],
        baselines=[M(100, None, a), M(5, None, b), M(100, "2021", a)],
    )
    result = card.result(a)
    assert result.evaluation is not None
    assert result.evaluation.baseline == 100
    assert [p.reason for p in card.problems] == [
        "a baseline for an indicator with the target '≥ 12/an', which is not a change",
        "a baseline over 2021, but the change target 'en diminution' is compared with 2022",
    ]


def test_reports_show_baseline_observed_and_change() -> None:
    plan = plan_of("diminution de 10 % par rapport à 2022")
    (a,) = ids(plan)
    card = ci.score(plan, [M(95, "2023", a), M(100, "2022", a)])
    text = render(card, "text")
    assert "observed 95, target diminution de 10 % par rapport à 2022" in text
    assert "baseline 100 over 2022, change -5 %" in text
    assert "baseline 100 over 2022, change -5 %" in render(card, "markdown")
    assert "baseline 100 over 2022, change -5 %" in render(card, "html")
    (record,) = [r for r in csv.DictReader(io.StringIO(render(card, "csv"))) if r["id"] == a]
    assert (record["baseline"], record["change"], record["baseline_rows"]) == (
        "100.0",
        "-0.05",
        "1",
    )
    indicator = json.loads(render(card, "json"))["indicators"][0]
    assert (indicator["baseline"], indicator["change"]) == (100.0, -0.05)
    assert indicator["baseline_measurement"] == "100 over 2022"


def test_the_cli_reads_a_baselines_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = plan_of("daling met 10 % t.o.v. 2019")
    (a,) = ids(plan)
    plan_file = tmp_path / "plan.txt"
    plan_file.write_text(
        "CONTRAT DE SECURITE ET DE SOCIETE PLAN DE PROJET 2023 DE LA VILLE/COMMUNE DE Molenbeek-Saint-Jean\n" + HEAD
        + "1. Réduire\t- Moins de faits\t- Nombre de faits 1 : daling met 10 % t.o.v. 2019\n",
        encoding="utf-8",
    )  # fmt: skip
    data = tmp_path / "mesures.csv"
    data.write_text(f"indicateur;valeur;période\n{a};1.350;2023\n", encoding="utf-8")
    baselines = tmp_path / "references.csv"
    baselines.write_text(f"indicateur;valeur;période\n{a};1.500;\n", encoding="utf-8")
    assert main(["score", str(plan_file), str(data), "--baselines", str(baselines)]) == 0
    out = capsys.readouterr().out
    assert "● met" in out
    assert "baseline 1500 over 2019, change -10 %" in out
    assert main(["score", str(plan_file), str(data)]) == 0
    assert "no baseline: the change target" in capsys.readouterr().out


def test_a_negative_achievement_counts_as_nothing_in_roll_ups() -> None:
    plan = plan_of("diminution de 10 % par rapport à 2022", "≥ 12 par an")
    a, b = ids(plan)
    card = ci.score(plan, [M(120, "2023", a), M(100, "2022", a), M(12, "2023", b)])
    assert card.result(a).achievement == pytest.approx(-2.0)
    assert card.result(a).status is ci.Status.NOT_MET
    assert card.rollup().mean_achievement == pytest.approx(0.5)


# ---------------------------------------------------------------- bulk = scalar

CHANGES = [
    "diminution de 10 % par rapport à 2022",
    "augmentation de 5 faits",
    "en baisse",
    "stabilisation",
    "au moins le niveau de 2022",
    "hausse de 3 points",
    "diminution de 10 % par rapport à 2015-2019",
]
PERIODS = ["2023", "2023-H1", "2023-H2", "2022", "2022-Q3", "2021", "2015/2019", None]


@given(
    st.sampled_from(CHANGES),
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c"]),
            st.one_of(st.integers(0, 300), st.just(-1)),
            st.sampled_from(PERIODS),
        ),
        max_size=12,
    ),
)
def test_the_bulk_path_scores_change_targets_as_the_scalar_path(
    text: str, rows: list[tuple[str, int, str | None]]
) -> None:
    target = ci.parse_target(text)
    bulk = ci.evaluate_many(
        target,
        [value for _, value, _ in rows],
        [period for _, _, period in rows],
        groups=[group for group, _, _ in rows],
        period="2023",
    )
    plan = plan_of(text)
    (a,) = ids(plan)
    for k, group in enumerate(bulk.groups):
        mine = [M(value, period, a) for g, value, period in rows if g == group]
        result = ci.score(plan, mine, period="2023").result(a)
        assert bulk.status[k] is result.status
        evaluation = result.evaluation
        if evaluation is None:
            continue
        assert bulk.observed[k] == pytest.approx(evaluation.observed)
        assert bulk.achievement[k] == pytest.approx(evaluation.achievement, nan_ok=True)


def test_score_frame_scores_change_targets_as_score_does() -> None:
    pandas = pytest.importorskip("pandas")
    plan = plan_of("diminution de 10 % par rapport à 2022", "en hausse")
    a, b = ids(plan)
    frame = pandas.DataFrame(
        {
            "commune": ["x", "x", "x", "y", "y", "y"],
            "indicateur": [a, a, b, a, b, b],
            "valeur": [85, 100, 12, 99, 10, 10],
            "période": ["2023", "2022", "2023", "2023", "2022", "2023"],
        }
    )
    table = ci.score_frame(plan, frame, by="commune").indicators
    for commune in ("x", "y"):
        part = frame[frame["commune"] == commune].drop(columns="commune")
        card = ci.score(plan, part)
        for indicator in (a, b):
            row = table[(table["commune"] == commune) & (table["indicator"] == indicator)]
            result = card.result(indicator)
            assert row["status"].item() in (result.status.value, result.status)
            achievement = float("nan") if result.achievement is None else result.achievement
            assert row["achievement"].item() == pytest.approx(achievement, nan_ok=True)


def test_score_frame_refuses_a_baseline_column_rather_than_drop_it() -> None:
    pandas = pytest.importorskip("pandas")
    plan = plan_of("en hausse")
    (a,) = ids(plan)
    frame = pandas.DataFrame(
        {"indicateur": [a], "valeur": [3], "période": ["2023"], "nulmeting": [2]}
    )
    with pytest.raises(ci.ConfigurationError, match="does not read a baseline column"):
        ci.score_frame(plan, frame)


def test_the_bulk_path_accounts_for_every_row_and_shows_the_baseline() -> None:
    target = ci.parse_target("diminution de 10 % par rapport à 2022")
    ev = ci.evaluate_many(
        target,
        [50, 100, 90, 7, 3],
        ["2023-H1", "2022", "2023", "2021", "2023"],
        groups=["a", "a", "b", "b", "b"],
        period="2023",
    )
    rows = ev.used | ev.superseded | ev.baseline_rows
    assert sorted([*ev.problem_rows.tolist(), *rows.nonzero()[0].tolist()]) == [0, 1, 2, 3, 4]
    assert ev.baseline_rows.tolist() == [False, True, False, False, False]
    assert ev.baseline[0] == 100
    assert math.isnan(ev.baseline[1])


# ---------------------------------------------------------------- what is doubtful is said


def test_rows_covering_part_of_the_reporting_period_are_warned_about() -> None:
    plan = plan_of("diminution de 10 % par rapport à 2022")
    (a,) = ids(plan)
    result = ci.score(plan, [M(50, "2023-H1", a), M(100, "2022", a)]).result(a)
    assert result.warnings == (
        "the rows cover 6 of the 12 months of the reporting period 2023: their total is "
        "compared with the baseline's, as if the period were complete",
    )
    result = ci.score(plan, [M(90, "2023", a), M(50, "2022-H1", a)]).result(a)
    assert result.warnings == (
        "the baseline rows cover 6 of the 12 months of 2022: the baseline is their total, "
        "as if the period were complete",
    )
    assert ci.score(plan, [M(90, "2023", a), M(100, "2022", a)]).result(a).warnings == ()


def test_a_baseline_that_overlaps_the_reporting_period_is_a_problem_not_a_silence() -> None:
    plan = plan_of("diminution de 10 % par rapport à 2023")
    (a,) = ids(plan)
    result = ci.score(plan, [M(90, "2023", a)]).result(a)
    assert result.status is ci.Status.INVALID
    assert result.baseline_rows == ()
    (problem,) = result.problems
    assert "overlaps the reporting period 2023" in problem.reason


def test_an_undated_baseline_for_several_years_says_it_is_their_total() -> None:
    plan = plan_of("diminution de 10 % par rapport à 2015-2019")
    (a,) = ids(plan)
    result = ci.score(plan, [M(90, "2023", a)], baselines=[M(500, None, a)]).result(a)
    assert result.evaluation is not None
    assert result.evaluation.baseline == 100
    (warning,) = result.warnings
    assert "is read as the total over 2015-2019" in warning


def test_points_written_as_shares_of_one_are_warned_about() -> None:
    plan = plan_of("hausse de 3 points par rapport à 2022")
    (a,) = ids(plan)
    result = ci.score(plan, [M(0.53, "2023", a), M(0.50, "2022", a)]).result(a)
    (warning,) = result.warnings
    assert warning.startswith("the observed value 0,53 and the baseline 0,5 look like shares")
    assert ci.score(plan, [M(53, "2023", a), M(50, "2022", a)]).result(a).warnings == ()


def test_weekly_reporting_periods_compare_with_the_week_before() -> None:
    target = ci.parse_target("diminution de 10 %")
    ev = target.evaluate(
        ci.Measurement(value=90, period="2023-W10"),
        baseline=ci.Measurement(value=100, period="2023-W09"),
    )
    assert ev.status is ci.Status.MET
    plan = plan_of("diminution de 10 %")
    (a,) = ids(plan)
    card = ci.score(plan, [M(90, "2023-W10", a), M(100, "2023-W09", a)], period="2023-W10")
    assert card.result(a).status is ci.Status.MET


def test_evaluate_refuses_a_baseline_of_other_years_or_of_the_measured_period() -> None:
    target = ci.parse_target("diminution de 10 % par rapport à 2022")
    with pytest.raises(ci.MeasurementError, match="is compared with 2022"):
        target.evaluate(
            ci.Measurement(value=90, period="2023"),
            baseline=ci.Measurement(value=100, period="2021"),
        )
    with pytest.raises(ci.MeasurementError, match="overlaps the measured period"):
        ci.parse_target("en baisse").evaluate(
            ci.Measurement(value=90, period="2023"),
            baseline=ci.Measurement(value=100, period="2023"),
        )


@pytest.mark.parametrize(
    ("observed", "baseline", "stable", "up"),
    [(105, 100, True, False), (1.05, 1.0, True, False), (0.95, 1.0, True, False),
     (106, 100, False, True), (1.06, 1.0, False, True)],
)  # fmt: skip
def test_the_edge_of_the_tolerance_does_not_depend_on_the_scale(
    observed: float, baseline: float, stable: bool, up: bool
) -> None:
    m = ci.Measurement(value=observed, period="2023")
    b = ci.Measurement(value=baseline, period="2022")
    assert ci.parse_target("stabilisation").evaluate(m, baseline=b).met is stable
    assert ci.parse_target("en hausse").evaluate(m, baseline=b).met is up


def test_a_change_too_large_for_numbers_is_a_syntax_error() -> None:
    with pytest.raises(ci.TargetSyntaxError, match="the size of the change is too large"):
        ci.parse_target("augmentation de " + "9" * 400)


def test_percentages_against_a_change_that_adds_up_say_to_write_points() -> None:
    with pytest.raises(ci.MeasurementError, match="written in points"):
        ci.parse_target("en hausse").evaluate(
            ci.Measurement(value=45, period="2023", unit="%"),
            baseline=ci.Measurement(value=40, period="2022", unit="%"),
        )
