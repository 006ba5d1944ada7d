"""ISO 8601 periods and their calendar-exact lengths."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators.periods import Period, TimeUnit
from cssindicators.strategies import periods

FORMS = {
    "2023": (date(2023, 1, 1), date(2023, 12, 31)),
    "2023-H1": (date(2023, 1, 1), date(2023, 6, 30)),
    "2023-S2": (date(2023, 7, 1), date(2023, 12, 31)),
    "2023-Q2": (date(2023, 4, 1), date(2023, 6, 30)),
    "2023-q4": (date(2023, 10, 1), date(2023, 12, 31)),
    "2023-03": (date(2023, 3, 1), date(2023, 3, 31)),
    "2024-02": (date(2024, 2, 1), date(2024, 2, 29)),
    "2023-W10": (date(2023, 3, 6), date(2023, 3, 12)),
    "2020-W53": (date(2020, 12, 28), date(2021, 1, 3)),
    "2023-03-15": (date(2023, 3, 15), date(2023, 3, 15)),
    "2023-01-01/2023-06-30": (date(2023, 1, 1), date(2023, 6, 30)),
    "2023-01/2023-06": (date(2023, 1, 1), date(2023, 6, 30)),
    "2023-Q1/2023-03-15": (date(2023, 1, 1), date(2023, 3, 15)),
    " 2023 ": (date(2023, 1, 1), date(2023, 12, 31)),
}


@pytest.mark.parametrize(("text", "span"), FORMS.items())
def test_forms(text: str, span: tuple[date, date]) -> None:
    period = ci.parse_period(text)
    assert (period.start, period.end) == span
    assert ci.parse_period(str(period)) == period


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "expected ISO 8601"),
        ("23", "expected ISO 8601"),
        ("2023-13", "month must be in 1..12"),
        ("2023-00", "month must be in 1..12"),
        ("2023-Q0", "quarter must be in 1..4"),
        ("2023-H3", "half-year must be in 1..2"),
        ("2023-02-29", "day is out of range"),
        ("2023-W54", "Invalid week"),
        ("2023-06/2023-01", "it ends before it starts"),
        ("٢٠٢٣", "expected ISO 8601"),
        ("2023-01-01/", "expected ISO 8601"),
    ],
)
def test_rejected(text: str, message: str) -> None:
    with pytest.raises(ci.PeriodError, match=message) as info:
        ci.parse_period(text)
    assert isinstance(info.value, ValueError)
    assert repr(text) in str(info.value)


def test_non_string_is_a_period_error() -> None:
    with pytest.raises(ci.PeriodError, match="expected a string"):
        ci.parse_period(2023)  # type: ignore[arg-type,unused-ignore]


@pytest.mark.parametrize(
    ("text", "unit", "length"),
    [
        ("2023", TimeUnit.YEAR, 1.0),
        ("2023", TimeUnit.SEMESTER, 2.0),
        ("2023", TimeUnit.QUARTER, 4.0),
        ("2023", TimeUnit.MONTH, 12.0),
        ("2023", TimeUnit.DAY, 365.0),
        ("2024", TimeUnit.DAY, 366.0),
        ("2024", TimeUnit.WEEK, 366 / 7),
        ("2023-02", TimeUnit.MONTH, 1.0),
        ("2023-03", TimeUnit.MONTH, 1.0),
        ("2023-02-15/2023-02-28", TimeUnit.MONTH, 0.5),
        ("2022-07/2023-06", TimeUnit.YEAR, 1.0),
    ],
)
def test_lengths(text: str, unit: TimeUnit, length: float) -> None:
    assert ci.parse_period(text).length(unit) == pytest.approx(length, rel=1e-12)


@given(periods(), st.data())
def test_lengths_add_up_over_adjacent_periods(period: Period, data: st.DataObject) -> None:
    if period.days < 2:
        return
    cut = data.draw(st.integers(1, period.days - 1))
    first = Period(period.start, period.start + timedelta(days=cut - 1))
    second = Period(first.end + timedelta(days=1), period.end)
    for unit in TimeUnit:
        assert first.length(unit) + second.length(unit) == pytest.approx(
            period.length(unit), rel=1e-9
        )
    assert not first.overlaps(second)
    assert first.overlaps(period)
    assert second.overlaps(period)


@given(periods())
def test_printed_form_reads_back(period: Period) -> None:
    assert ci.parse_period(str(period)) == period
    assert period.length(TimeUnit.DAY) == period.days
