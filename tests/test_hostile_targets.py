"""Hostile target texts and measured values: only library errors, bounded messages,
and texts that read back as themselves (the patterns themselves are checked for linear
matching in ``test_patterns_linear.py``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators.targets import target_or_none

# ---------------------------------------------------------------- bounded messages

HOSTILE = {
    "digits before an error": lambda n: "≥ " + "1" * n + " /",
    "spaces after a comparator": lambda n: ">" + " " * n + "x",
    "spaces around a slash": lambda n: ">" + " " * n + "/" + " " * n + "x",
    "a long word before an error": lambda n: "≥ 1 " + "a" * n + " /",
    "a long unreadable number": lambda n: "≥ " + "1" * n + ".5.5",
    "a number unreadable from its start": lambda n: "≥ 1.5.5" + "1" * n,
}


@pytest.mark.parametrize("size", [10_000, 20_000, 40_000])
@pytest.mark.parametrize("make", HOSTILE.values(), ids=list(HOSTILE))
def test_messages_on_long_texts_are_bounded(make: Any, size: int) -> None:
    text = make(size)
    with pytest.raises(ci.TargetSyntaxError) as info:
        ci.parse_target(text)
    assert info.value.text == text
    assert 0 <= info.value.position <= len(text)
    assert len(info.value.reason) < 400
    assert len(str(info.value)) < 700
    assert target_or_none(text) is None


def test_a_long_number_is_quoted_by_its_part_near_the_failure() -> None:
    with pytest.raises(ci.TargetSyntaxError) as info:
        ci.parse_target("≥ " + "1" * 5000 + ".5.5")
    assert info.value.reason.startswith("'…" + "1" * 25 + ".5.5' is not a number")
    assert info.value.position == 5005  # where reading failed: the number starts out of sight


def test_a_long_target_is_read_like_a_short_one() -> None:
    text = "≥ 12 par an".ljust(5000)
    assert ci.parse_target(text) == target_or_none(text) == ci.parse_target("≥ 12 par an")


def test_a_non_string_is_shown_cut() -> None:
    with pytest.raises(ci.TargetSyntaxError, match="expected a string, got int"):
        ci.parse_target(10**5000)  # type: ignore[arg-type]


# ---------------------------------------------------------------- only library errors

AT_LEAST_12 = ci.parse_target("≥ 12 par an")


@pytest.mark.parametrize(
    ("target", "measurement", "message"),
    [
        (AT_LEAST_12, ci.Measurement(value=10**400, period="2023"),
         "a measured value of an integer of 401 digits is too large: beyond the largest number"),
        (AT_LEAST_12, ci.Measurement(value=-(10**400), period="2023"),
         "a measured value cannot be negative, got a negative integer of 401 digits"),
        (AT_LEAST_12, ci.Measurement(value=Decimal("sNaN"), period="2023"),
         "a measured value must be finite, got Decimal('sNaN')"),
        (ci.YesNo(), ci.Measurement(value=10**5000),
         "a yes/no target needs True/False or Oui/Non, Ja/Nee, Yes/No; got an integer of 5001 digits"),
        (ci.parse_target("≥ 1 par an"), ci.Measurement(value=1e308, period="2023-01-01"),
         "a measured value of 1e+308 is too large: in the target's terms"),
        (ci.parse_target("≥ 1 minute"), ci.Measurement(value=1e308, unit="heures"),
         "a measured value of 1e+308 is too large: in the target's terms"),
    ],
)  # fmt: skip
def test_hostile_values_are_measurement_errors(
    target: ci.Target, measurement: ci.Measurement, message: str
) -> None:
    with pytest.raises(ci.MeasurementError) as info:
        target.evaluate(measurement)
    assert str(info.value).startswith(message)
    assert len(str(info.value)) < 200


def test_the_largest_value_in_its_own_terms_is_evaluated() -> None:
    hours = ci.parse_target("≥ 1 heure/jour")
    assert hours.evaluate(ci.Measurement(value=1e308, unit="h", period="2023-01-01")).met


@pytest.mark.parametrize(
    ("value", "same"),
    [(np.int64(20), 20), (np.float32(20.5), 20.5), (np.float64(3), 3.0), (np.bool_(True), True)],
)
def test_numpy_scalars_are_values_like_any_other(value: Any, same: Any) -> None:
    target = ci.YesNo() if isinstance(same, bool) else AT_LEAST_12
    evaluation = target.evaluate(ci.Measurement(value=value, period="2023"))
    assert evaluation == target.evaluate(ci.Measurement(value=same, period="2023"))


# ---------------------------------------------------------------- round trip


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("entre 10 par an et 20 par an", "entre 10 et 20/an"),
        ("entre 1 quotidiennement et 2", "entre 1 et 2/jour"),
        ("de 10/an à 20", "entre 10 et 20/an"),
        ("entre 10 réunions par an et 20", "entre 10 et 20 réunions/an"),
        ("entre 10 par an et 20 réunions", "entre 10 et 20 réunions/an"),
        ("between 3 sessions a week and 5 sessions a week", "entre 3 et 5 sessions/semaine"),
        ("tussen 2 uur per dag en 3 uur per dag", "entre 2 et 3 heures/jour"),
    ],
)  # fmt: skip
def test_a_period_after_the_low_bound_is_read_as_written(text: str, canonical: str) -> None:
    target = ci.parse_target(text)
    assert str(target) == canonical
    assert ci.parse_target(canonical) == target


@pytest.mark.parametrize(
    ("text", "position", "periods"),
    [
        ("entre 10 par an et 20 par mois", 26, "an and mois"),
        ("de 1 quotidiennement à 2 hebdomadairement", 25, "jour and semaine"),
        ("entre 10/an et 20/jour", 18, "an and jour"),
    ],
)
def test_bounds_with_two_periods_are_refused_at_the_second(
    text: str, position: int, periods: str
) -> None:
    with pytest.raises(ci.TargetSyntaxError) as info:
        ci.parse_target(text)
    assert info.value.reason == f"both bounds of a range must have the same period, got {periods}"
    assert info.value.position == position


_HOSTILE_TEXT = st.one_of(
    st.text(),
    st.text(st.characters(codec=None, categories=["Cc", "Cf", "Zs", "Nd", "Po"])),
    st.tuples(st.sampled_from(["≥ ", "", "entre 1 et ", "> / = "]), st.integers(1, 3000),
              st.text(max_size=5)).map(lambda t: t[0] + "1" * t[1] + t[2]),
    st.integers(0, 3000).map(lambda n: ">" + " " * n + "/" + " " * n + "="),
)  # fmt: skip


@given(_HOSTILE_TEXT)
def test_any_text_is_a_syntax_error_or_a_target_that_reads_back(text: str) -> None:
    try:
        target = ci.parse_target(text)
    except ci.TargetSyntaxError as error:
        assert type(error) is ci.TargetSyntaxError
        assert 0 <= error.position <= len(text)
        assert len(str(error)) < 700
    else:
        assert ci.parse_target(str(target)) == target


def test_a_finite_decimal_beyond_floats_is_too_large_not_infinite() -> None:
    target = ci.parse_target("≥ 12 par an")
    value = Decimal("9" * 5000)
    with pytest.raises(ci.MeasurementError, match="is too large") as caught:
        target.evaluate(ci.Measurement(value=value, period="2023"))
    assert len(str(caught.value)) < 200
    with pytest.raises(ci.MeasurementError, match="cannot be negative"):
        target.evaluate(ci.Measurement(value=-value, period="2023"))
