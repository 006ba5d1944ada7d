"""Belgian inputs read as their authors meant them: each case that once gave a wrong
score without a warning, and the laws that keep scores independent of how rows are held.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Sequence
from typing import Any

import attrs
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators.measurements import MeasurementFile, parse_measurements
from cssindicators.plan import Plan
from cssindicators.reading import parse_plan
from cssindicators.scoring import Scorecard, score

M = ci.Measurement


def plan_of(*targets: str, year: int | None = 2023) -> Plan:
    """A plan of the given year with one indicator per target."""
    lines = [
        "Secteur d'activité 2 : Criminalité",
        "Objectif général 1 - Secteur d'activité 2 :",
        "Lutte",
        "Objectif stratégique 1 - Domaine :",
        "Prévention",
        "GDP",
        "Objectifs opérationnels\tRésultats attendus\tIndicateurs",
    ]
    lines += [
        f"{k}. Objectif {k}\t- Résultat\t- Indicateur {k} : {t}" for k, t in enumerate(targets, 1)
    ]
    plan = parse_plan("\n".join(lines) + "\n")
    assert plan.errors == (), plan.diagnostics
    return attrs.evolve(plan, year=year)


def first_id(plan: Plan) -> str:
    return plan.indicators()[0].id


# ---------------------------------------------------------------- the table of issue cases


def test_a_dot_before_three_digits_groups_thousands_in_a_target() -> None:
    target = ci.parse_target("≥ 1.500 heures/an")
    assert target.amount == 1500  # type: ignore[attr-defined]
    evaluation = target.evaluate(M(value=1200, period="2023", unit="heures"))
    assert evaluation.status is ci.Status.PARTIAL
    assert ci.parse_target("12.000 par an").amount == 12000  # type: ignore[attr-defined]


def test_a_grouped_thousand_in_a_file_without_decimal_commas_is_a_thousand_and_noted() -> None:
    data = parse_measurements("indicator;value;period\nx;1.250;2023\nx;3;2024\n")
    assert data.rows[0].measurement.value == 1250
    assert any("1.250" in note and "decimal" in note for note in data.notes), data.notes


def test_days_written_for_months_are_warned_about() -> None:
    plan = plan_of("≥ 50/an")
    meetings = first_id(plan)
    rows = [M(value=4, period=f"2023-{m:02d}-01", indicator=meetings) for m in range(1, 13)]
    result = score(plan, rows).result(meetings)
    text = " | ".join(result.warnings)
    assert "2023-01-01 is one day" in text
    assert "write 2023-01" in text
    assert "12 rows are single days" in text
    assert "of the reporting period 2023" in text  # 12 days of 365
    assert "check the unit or the period" in text  # 1 460/an against 50/an
    # written as months, the same values are 48 a year: partial, with no warning
    months = [M(value=4, period=f"2023-{m:02d}", indicator=meetings) for m in range(1, 13)]
    as_months = score(plan, months).result(meetings)
    assert as_months.status is ci.Status.PARTIAL
    assert as_months.evaluation is not None
    assert as_months.evaluation.observed == 48
    assert as_months.warnings == ()


def test_a_row_of_another_year_is_not_scored_into_the_plans_year() -> None:
    plan = plan_of("≥ 50/an")
    meetings = first_id(plan)
    rows = [
        M(value=80, period="2022", indicator=meetings),
        M(value=30, period="2023", indicator=meetings),
    ]
    card = score(plan, rows)
    result = card.result(meetings)
    assert card.period == ci.parse_period("2023")
    assert result.status is ci.Status.PARTIAL
    assert result.evaluation is not None
    assert result.evaluation.observed == 30
    assert [p.reason for p in card.problems] == [
        "outside the reporting period 2023: its period is 2022"
    ]
    # scored for 2022, the other row is outside
    other = score(plan, rows, period="2022").result(meetings)
    assert other.evaluation is not None
    assert other.evaluation.observed == 80


def test_a_row_straddling_the_reporting_period_is_a_problem() -> None:
    plan = plan_of("≥ 50/an")
    meetings = first_id(plan)
    card = score(plan, [M(value=40, period="2022-07/2023-06", indicator=meetings)])
    assert card.result(meetings).status is ci.Status.INVALID
    assert "straddles the boundary of the reporting period 2023" in card.problems[0].reason


def test_a_row_without_a_period_is_read_as_the_reporting_period_and_says_so() -> None:
    plan = plan_of("≥ 50/an")
    meetings = first_id(plan)
    data = parse_measurements(f"indicateur;valeur;période\n{meetings};60;\n")
    result = score(plan, data).result(meetings)
    assert result.status is ci.Status.MET
    assert result.warnings == ("1 row has no period: read as the reporting period 2023",)
    assert result.evaluation is not None
    assert result.evaluation.measurement.period == ci.parse_period("2023")


def test_a_minus_sign_before_a_number_in_a_plan_is_a_decrease_not_at_least() -> None:
    text = (
        "Secteur d'activité 2 : Criminalité\n"
        "Objectif général 1 - Secteur d'activité 2 :\nLutte\n"
        "Objectif stratégique 1 - Domaine :\nPrévention\nGDP\n"
        "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
        "1. Réduire\t- Moins de vols\t- Diminution des vols dans les véhicules : - 10 %\n"
    )
    plan = parse_plan(text)
    (indicator,) = plan.indicators()
    assert indicator.target == ci.Change(ci.Direction.DECREASE, 10, relative=True)
    assert indicator.target_text == "- 10 %"
    assert plan.diagnostics == ()


def test_at_least_three_sessions_a_week() -> None:
    target = ci.parse_target("at least 3 sessions a week")
    assert target.per is ci.TimeUnit.WEEK
    plan = plan_of("at least 3 sessions a week")
    sessions = first_id(plan)
    result = score(plan, [M(value=150, period="2023", indicator=sessions)]).result(sessions)
    assert result.status is ci.Status.PARTIAL
    assert result.evaluation is not None
    assert round(result.evaluation.observed, 2) == 2.88
    assert result.warnings == ()


def test_a_dataframe_is_scored() -> None:
    plan = plan_of("≥ 12 par an")
    meetings = first_id(plan)
    frame = pd.DataFrame(
        {"indicateur": [meetings, meetings], "valeur": [7, 6], "période": ["S1 2023", "2023-S2"]}
    )
    result = score(plan, frame).result(meetings)
    assert result.status is ci.Status.MET
    assert result.evaluation is not None
    assert result.evaluation.observed == 13


# ---------------------------------------------------------------- containers


TARGETS = ("≥ 12 par an", "≥ 3 heures/jour", "≥ 70 %", "Oui/Non", "entre 10 et 20 par an")


def rows_for(plan: Plan, seed: int) -> list[tuple[str, Any, str | None, str | None]]:
    """(indicator, value, period, unit) rows as an export holds them, a few damaged."""
    rng = random.Random(seed)
    rows: list[tuple[str, Any, str | None, str | None]] = []
    for indicator in plan.indicators():
        yes_no = isinstance(indicator.target, ci.YesNo)
        for period in rng.choice(
            [
                ["2023"],
                ["2023-H1", "2023-H2"],
                [f"2023-Q{q}" for q in range(1, 5)],
                [f"2023-{m:02d}" for m in range(1, 13)],
            ]
        ):
            value: Any = rng.choice(["Oui", "Non"]) if yes_no else rng.randint(0, 400)
            damage = rng.random()
            if damage < 0.05:
                period = "2022"
            elif damage < 0.1:
                value = -3
            elif damage < 0.15:
                period = None  # type: ignore[assignment]
            rows.append((indicator.id, value, period, None))
        if rng.random() < 0.2:
            rows.append(("s9.nowhere", 1, "2023", None))
    return rows


def summary(card: Scorecard) -> list[Any]:
    """What a scorecard says, without where its rows came from."""
    results = [
        (
            r.id,
            r.status,
            None if r.evaluation is None else (r.evaluation.observed, r.evaluation.expected),
            len(r.rows),
            r.warnings,
            sorted(p.reason for p in r.problems),
        )
        for r in card
    ]
    return [
        results,
        [attrs.astuple(r) for r in card.rollups],
        sorted(p.reason for p in card.problems),
    ]


def containers(rows: Sequence[tuple[str, Any, str | None, str | None]]) -> dict[str, Any]:
    names = ("indicator", "value", "period", "unit")
    csv = "indicateur;valeur;période;unité\n" + "".join(
        ";".join("" if c is None else str(c) for c in row) + "\n" for row in rows
    )
    jsonl = "".join(json.dumps(dict(zip(names, row, strict=True))) + "\n" for row in rows)
    return {
        "csv": MeasurementFile.from_text(csv),
        "jsonl": MeasurementFile.from_text(jsonl),
        "measurements": [M(value=v, period=p, unit=u, indicator=i) for i, v, p, u in rows],
        "records": [
            dict(zip(("Indicateur", "Valeur", "Période", "Unité"), row, strict=True))
            for row in rows
        ],
        "columns": {name: [row[k] for row in rows] for k, name in enumerate(names)},
        "frame": pd.DataFrame(list(rows), columns=["indicator", "value", "period", "unit"]).astype(
            object
        ),
    }


@settings(max_examples=max(10, settings().max_examples // 10))
@given(seed=st.integers(0, 2**32 - 1))
def test_the_same_rows_give_the_same_scorecard_whatever_holds_them(seed: int) -> None:
    plan = plan_of(*TARGETS)
    rows = rows_for(plan, seed)
    cards = {name: score(plan, data) for name, data in containers(rows).items()}
    want = summary(cards.pop("measurements"))
    for name, card in cards.items():
        assert summary(card) == want, name


@settings(max_examples=max(10, settings().max_examples // 10))
@given(seed=st.integers(0, 2**32 - 1))
def test_shuffling_rows_changes_nothing(seed: int) -> None:
    plan = plan_of(*TARGETS)
    rows = rows_for(plan, seed)
    shuffled = rows[:]
    random.Random(seed).shuffle(shuffled)
    made = [M(value=v, period=p, unit=u, indicator=i) for i, v, p, u in rows]
    again = [M(value=v, period=p, unit=u, indicator=i) for i, v, p, u in shuffled]
    assert summary(score(plan, made)) == summary(score(plan, again))


@given(
    total=st.integers(0, 10_000),
    cuts=st.lists(st.integers(0, 10_000), min_size=11, max_size=11),
    target=st.sampled_from(
        ["≥ 12 par an", "≥ 1.500 heures/an", "entre 10 et 20 par an", "≥ 3 heures/jour", "≥ 40"]
    ),
)
def test_splitting_a_years_value_into_months_gives_the_same_result(
    total: int, cuts: list[int], target: str
) -> None:
    plan = plan_of(target)
    indicator = first_id(plan)
    bounds = sorted(c % (total + 1) for c in cuts)
    parts = [b - a for a, b in zip([0, *bounds], [*bounds, total], strict=True)]
    year = score(plan, [M(value=total, period="2023", indicator=indicator)]).result(indicator)
    months = score(
        plan,
        [M(value=v, period=f"2023-{m:02d}", indicator=indicator) for m, v in enumerate(parts, 1)],
    ).result(indicator)
    assert months.status is year.status
    assert year.evaluation is not None
    assert months.evaluation is not None
    assert math.isclose(
        months.evaluation.observed, year.evaluation.observed, rel_tol=1e-12, abs_tol=1e-12
    )
    assert months.warnings == year.warnings


def test_a_container_of_the_wrong_kind_is_a_library_error() -> None:
    plan = plan_of("≥ 12 par an")
    with pytest.raises(ci.ConfigurationError, match="expected a Measurement"):
        score(plan, [3])
    with pytest.raises(ci.ConfigurationError, match="measurements must be"):
        score(plan, 3)
    with pytest.raises(ci.MeasurementFileError, match="no value column"):
        score(plan, {"indicator": ["x"]})
    with pytest.raises(ci.ConfigurationError, match="decimal="):
        score(plan, MeasurementFile.from_text("indicator;value;period\n"), decimal=",")
    with pytest.raises(ci.ConfigurationError, match="decimal"):
        score(plan, [], decimal=";")
    with pytest.raises(ci.PeriodError):
        score(plan, [], period="2023-13")


def test_how_a_file_was_read_is_said_in_the_scorecard_and_its_reports() -> None:
    plan = plan_of("≥ 12 par an")
    meetings = first_id(plan)
    card = score(plan, parse_measurements(f"indicator;value;period\n{meetings};1.250;2023\n"))
    assert card.result(meetings).evaluation.observed == 1250  # type: ignore[union-attr]
    (note,) = card.notes
    assert "'1.250' (line 2) is 1250" in note
    assert "decimal='.'" in note
    from cssindicators.reports import render

    for form in ("text", "markdown", "html", "json"):
        assert "1.250" in render(card, form), form


def test_without_a_reporting_period_rows_of_several_years_and_thin_rates_are_warned() -> None:
    plan = plan_of("≥ 50/an", year=None)
    meetings = first_id(plan)
    card = score(
        plan,
        [
            M(value=40, period="2022", indicator=meetings),
            M(value=48, period="2023", indicator=meetings),
        ],
    )
    assert card.period is None
    (warning,) = card.result(meetings).warnings
    assert "from 2022-01-01 to 2023-12-31, more than a year" in warning
    january = score(plan, [M(value=5, period="janv-23", indicator=meetings)]).result(meetings)
    assert january.warnings == (
        "the measured periods cover 8 % of a year: the rate is extrapolated from them",
    )
    # scored for a year, the same rows are that year's
    assert score(plan, [M(value=48, period="2023", indicator=meetings)], period=2023).period == (
        ci.parse_period("2023")
    )


def test_a_small_value_below_an_upper_bound_is_not_implausible() -> None:
    plan = plan_of("≤ 5 %", "≥ 1.500 heures/an")
    low, hours = (i.id for i in plan.indicators())
    card = score(
        plan,
        [M(value=0.3, period="2023", indicator=low), M(value=1.25, period="2023", indicator=hours)],
    )
    assert card.result(low).status is ci.Status.MET
    assert card.result(low).warnings == ()
    assert card.result(hours).warnings == (
        "the observed value 1,25 is 0,00083× the target's 1500: check the unit or the period",
    )


@pytest.mark.parametrize(
    "periods",
    [
        list(pd.date_range("2023-01-01", periods=2, freq="D")),
        [pd.Period("2023Q1", freq="Q"), pd.Period("2023-04", freq="M")],
        [2023, 2022],
    ],
    ids=["timestamps", "pandas periods", "years"],
)
def test_typed_period_columns_read_alike_in_score_and_score_frame(periods: list[Any]) -> None:
    from cssindicators.bulk import score_frame

    plan = plan_of("≥ 12 par an")
    meetings = first_id(plan)
    frame = pd.DataFrame({"Indicateur": [meetings] * 2, "Valeur": [6, 7], "Période": periods})
    card = score(plan, frame)
    bulk = score_frame(plan, frame)
    (result,) = card.results
    row = bulk.indicators.iloc[0]
    assert row["status"] == result.status.value
    assert row["rows"] == len(result.rows)
    assert row["warnings"] == "; ".join(result.warnings)
    assert sorted(bulk.problems["reason"]) == sorted(p.reason for p in card.problems)
    assert result.status is not ci.Status.INVALID


def test_a_file_that_cannot_be_opened_is_a_library_error(tmp_path: Any) -> None:
    plan = plan_of("≥ 12 par an")
    with pytest.raises(ci.FileReadError, match=r"cannot read .*nope\.csv: No such file"):
        score(plan, tmp_path / "nope.csv")
    with pytest.raises(ci.FileReadError, match="Is a directory"):
        ci.read_plan(tmp_path)


@pytest.mark.parametrize(
    ("cell", "decimal", "doubt"),
    [
        ("1.250", ",", "if it is a decimal, read the file with decimal='.'"),
        ('"1,250"', ",", "if it groups thousands, read the file with decimal='.'"),
    ],
)
def test_the_note_says_which_way_the_value_was_read(cell: str, decimal: str, doubt: str) -> None:
    (note,) = parse_measurements(f"indicator,value,period\nx,{cell},2023\n").notes
    assert doubt in note


@pytest.mark.parametrize(
    ("line", "warned"),
    [
        ("Diminution des vols dans les véhicules : 10 %", True),
        ("Vermindering van inbraken : 5 %", True),
        ("Diminution des vols : ≤ 90 par an", False),
        ("Nombre de réunions : 12 par an", False),
    ],
)
def test_a_decrease_without_a_comparator_is_warned_about(line: str, warned: bool) -> None:
    plan = parse_plan(
        "Secteur d'activité 2 : Criminalité\n"
        "Objectif général 1 - Secteur d'activité 2 :\nLutte\n"
        "Objectif stratégique 1 - Domaine :\nPrévention\nGDP\n"
        "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
        f"1. Réduire\t- Moins de vols\t- {line}\n"
    )
    (indicator,) = plan.indicators()
    assert indicator.target is not None
    messages = [d.message for d in plan.diagnostics if d.severity is ci.Severity.WARNING]
    assert any("has no comparator" in m for m in messages) is warned
