"""Evaluation semantics: rates over calendar-exact periods, units, achievement, bands."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import pytest

import cssindicators as ci

M = ci.Measurement


def evaluate(target: str, **measurement: object) -> ci.Evaluation:
    return ci.parse_target(target).evaluate(M(**measurement))  # type: ignore[arg-type]


def test_hours_per_day_over_a_year() -> None:
    ev = evaluate("≥ 3 heures/jour", value=1100, period="2023")
    assert ev.observed == pytest.approx(1100 / 365)
    assert (ev.status, ev.expected) == (ci.Status.MET, 3.0)
    assert ev.achievement == pytest.approx(1100 / 365 / 3)


def test_meetings_over_half_a_year_count_per_year() -> None:
    ev = evaluate("≥ 12 par an", value=6, period="2023-01-01/2023-06-30")
    assert (ev.observed, ev.status, ev.achievement) == (12.0, ci.Status.MET, 1.0)


@pytest.mark.parametrize(
    ("period", "per_year"),
    [
        ("2023", 12.0),
        ("2023-H2", 24.0),
        ("2023-Q3", 48.0),
        ("2023-07", 144.0),
        ("2023-01/2023-03", 48.0),
        ("2024", 12.0),
    ],
)
def test_calendar_periods_are_exact_fractions_of_a_year(period: str, per_year: float) -> None:
    assert evaluate("≥ 1 par an", value=12, period=period).observed == per_year


def test_partial_months_count_by_their_days() -> None:
    # 15 days of a 30-day month and all of the next: 1.5 months.
    ev = evaluate("≥ 3 par mois", value=3, period="2023-04-16/2023-05-31")
    assert ev.observed == pytest.approx(2.0)


def test_weeks_and_days() -> None:
    assert evaluate("≥ 1/semaine", value=2, period="2023-W10").observed == 2.0
    assert evaluate("≥ 1/jour", value=14, period="2023-W10").observed == 2.0
    assert evaluate("≥ 1/semaine", value=2, period="2023-03-01/2023-03-14").observed == 1.0


def test_units_convert_between_minutes_and_hours() -> None:
    ev = evaluate("≥ 3 heures/jour", value=180 * 365, period="2023", unit="minutes")
    assert ev.observed == pytest.approx(3.0)
    assert ev.status is ci.Status.MET
    ev = evaluate("≤ 30 min", value=0.25, unit="h")
    assert (ev.observed, ev.status) == (15.0, ci.Status.MET)


@pytest.mark.parametrize(
    ("target", "unit"),
    [("≥ 3 heures/jour", "%"), ("≥ 70 %", "heures"), ("≥ 12/an", "minutes")],
)
def test_a_unit_of_another_kind_is_a_measurement_error(target: str, unit: str) -> None:
    with pytest.raises(ci.MeasurementError, match="cannot be compared"):
        evaluate(target, value=10, period="2023", unit=unit)


def test_counted_units_must_match_the_label() -> None:
    t = "≥ 12 réunions par an"
    assert evaluate(t, value=12, period="2023", unit="Réunions").met
    assert evaluate(t, value=12, period="2023", unit="fois").met
    with pytest.raises(ci.MeasurementError, match="a value in personnes"):
        evaluate(t, value=12, period="2023", unit="personnes")
    with pytest.raises(ci.MeasurementError, match="unknown unit '12'"):
        evaluate(t, value=12, period="2023", unit="12")


def test_rate_target_needs_a_period_level_target_does_not() -> None:
    with pytest.raises(ci.MeasurementError, match="needs a period"):
        evaluate("≥ 12 par an", value=12)
    assert evaluate("≥ 70 %", value=71).met
    assert evaluate("≤ 90", value=80, period="2023").met


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1, "cannot be negative"),
        (Decimal("-0.5"), "cannot be negative"),
        (math.nan, "must be finite"),
        (math.inf, "must be finite"),
        ("12", "must be a number"),
        (True, "must be a number"),
        (None, "must be a number"),
    ],
)
def test_unusable_values_are_measurement_errors(value: object, message: str) -> None:
    with pytest.raises(ci.MeasurementError, match=message):
        evaluate("≥ 12 par an", value=value, period="2023")


@pytest.mark.parametrize(
    ("value", "met"),
    [
        (True, True),
        (False, False),
        ("Oui", True),
        ("NON", False),
        (" ja ", True),
        ("Nee", False),
        ("yes", True),
        ("No", False),
    ],
)
def test_yes_no_answers(value: object, met: bool) -> None:
    ev = evaluate("Oui/Non", value=value)
    assert ev.met is met
    assert ev.status is (ci.Status.MET if met else ci.Status.NOT_MET)
    assert (ev.observed, ev.expected, ev.achievement) == (float(met), 1.0, float(met))


@pytest.mark.parametrize("value", ["peut-être", 1, 0, "", None])
def test_yes_no_rejects_other_answers(value: object) -> None:
    with pytest.raises(ci.MeasurementError, match="yes/no target needs"):
        evaluate("Oui/Non", value=value)


def test_achievement_for_at_least_and_at_most() -> None:
    assert evaluate("≥ 10/an", value=5, period="2023").achievement == 0.5
    assert evaluate("≥ 10/an", value=10, period="2023").achievement == 1.0
    assert evaluate("≤ 10/an", value=20, period="2023").achievement == 0.5
    assert evaluate("≤ 10/an", value=5, period="2023").achievement == 2.0
    assert evaluate("≤ 10/an", value=0, period="2023").achievement == math.inf
    assert evaluate("≥ 0/an", value=0, period="2023").achievement == 1.0
    assert evaluate("= 10", value=8).achievement == 0.8
    assert evaluate("= 10", value=10).achievement == 1.0


def test_strict_comparators_at_the_boundary() -> None:
    ev = evaluate("> 10/an", value=10, period="2023")
    assert (ev.met, ev.achievement, ev.status) == (False, 1.0, ci.Status.PARTIAL)
    assert not evaluate("< 10", value=10).met
    assert evaluate("< 10", value=9.99).met


def test_ranges() -> None:
    t = "entre 10 et 20 par an"
    inside = evaluate(t, value=15, period="2023")
    assert (inside.status, inside.achievement, inside.expected) == (ci.Status.MET, 1.0, 10.0)
    below = evaluate(t, value=5, period="2023")
    assert (below.status, below.achievement, below.expected) == (ci.Status.PARTIAL, 0.5, 10.0)
    above = evaluate(t, value=80, period="2023")
    assert (above.status, above.achievement, above.expected) == (ci.Status.NOT_MET, 0.25, 20.0)
    assert evaluate(t, value=20, period="2023").met
    assert evaluate(t, value=10, period="2023").met


def test_default_bands() -> None:
    t = ci.parse_target("≥ 10/an")
    statuses = [t.evaluate(M(value=v, period="2023")).status for v in (10, 5, 4.99, 0)]
    assert statuses == [ci.Status.MET, ci.Status.PARTIAL, ci.Status.NOT_MET, ci.Status.NOT_MET]


def test_bands_are_configurable() -> None:
    t = ci.parse_target("≥ 10/an")
    strict = ci.Bands(partial=0.8)
    assert t.evaluate(M(value=7, period="2023"), bands=strict).status is ci.Status.NOT_MET
    assert t.evaluate(M(value=8, period="2023"), bands=strict).status is ci.Status.PARTIAL
    lenient = ci.Bands(partial=0.0)
    assert t.evaluate(M(value=0, period="2023"), bands=lenient).status is ci.Status.PARTIAL
    with pytest.raises(ci.ConfigurationError, match=r"Bands\.partial"):
        ci.Bands(partial=-0.1)
    with pytest.raises(ci.ConfigurationError, match=r"Bands\.partial"):
        ci.Bands(partial="0.5")  # type: ignore[arg-type]


def test_exact_boundary_despite_float_period_lengths() -> None:
    # 31 + 28 + 31 days: the rate is computed from fractions of months.
    ev = evaluate("≥ 4 par an", value=1, period="2023-01-01/2023-03-31")
    assert ev.met
    ev = evaluate("≥ 1 par jour", value=90, period="2023-Q1")
    assert ev.met
    assert ev.observed == 1.0


def test_measurement_period_must_be_iso() -> None:
    with pytest.raises(ci.PeriodError, match="Invalid period '2023/13'"):
        M(value=1, period="2023/13")


@pytest.mark.parametrize("unit", [math.nan, 3, None, ["h"]])
def test_parse_unit_rejects_what_is_not_text(unit: object) -> None:
    with pytest.raises(ci.MeasurementError, match="unknown unit"):
        ci.parse_unit(unit)  # type: ignore[arg-type]


def test_percentages_are_levels_even_with_a_period() -> None:
    t = ci.parse_target("≥ 80 % par an")
    assert (t.is_rate, str(t)) == (False, "≥ 80 %/an")
    assert evaluate("≥ 80 % par an", value=75, period="2023-03").status is ci.Status.PARTIAL
    assert evaluate("≥ 80 % par an", value=85, period="2023-Q4").observed == 85.0
    assert evaluate("≥ 80 %/an", value=85).met


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: ci.Threshold(ci.Comparator.AT_LEAST, Decimal("NaN")), "finite number"),
        (lambda: ci.Threshold(ci.Comparator.AT_LEAST, -5), "finite number"),
        (lambda: ci.Threshold("≥", 3), "must be a Comparator"),  # type: ignore[arg-type]
        (lambda: ci.Threshold(ci.Comparator.AT_LEAST, "douze"), "must be a number"),
        (lambda: ci.Threshold(ci.Comparator.AT_LEAST, True), "must be a number"),
        (lambda: ci.Between(Decimal("NaN"), 1), "finite number"),
        (lambda: ci.Between(2, 1), "must not exceed"),
        (lambda: ci.Unit(ci.UnitKind.DURATION, "jours"), "must be 'heures' or 'minutes'"),
        (lambda: ci.Unit(ci.UnitKind.PERCENT, "pct"), "must be '%'"),
        (lambda: ci.Unit(ci.UnitKind.COUNT, " "), "must be a name"),
        (lambda: ci.Unit("count", "x"), "must be a UnitKind"),  # type: ignore[arg-type]
    ],
)
def test_rule_objects_validate_their_parts(build: Any, message: str) -> None:
    with pytest.raises(ci.ConfigurationError, match=message):
        build()


def test_rule_objects_built_in_code_print_canonical_text() -> None:
    t = ci.Threshold(ci.Comparator.AT_LEAST, 0.1, ci.Unit(ci.UnitKind.COUNT, "Réunions"))
    assert str(t) == "≥ 0,1 réunions"
    assert ci.parse_target(str(t)) == t
    assert t.unit == ci.parse_unit("réunions")


def test_subclass_parse_checks_the_kind_of_rule() -> None:
    assert isinstance(ci.Threshold.parse("≥ 3"), ci.Threshold)
    assert isinstance(ci.Between.parse("entre 1 et 2"), ci.Between)
    with pytest.raises(ci.TargetSyntaxError, match="expected a range, found a threshold"):
        ci.Between.parse("≥ 3")
