"""Working days: Monday to Friday, less the legal public holidays of Belgium."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import numpy as np
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators import periods as _periods
from cssindicators.periods import Period, TimeUnit, belgian_holidays, parse_period

DAY = timedelta(days=1)


def naive(start: date, end: date) -> int:
    """The working days from ``start`` to ``end``, one day at a time."""
    days = (start + n * DAY for n in range((end - start).days + 1))
    return sum(1 for day in days if day.weekday() < 5 and day not in belgian_holidays(day.year))


def oracle(year: int) -> set[date]:
    """The public holidays of Belgium as the ``holidays`` package lists them."""
    return set(holidays.country_holidays("BE", years=year))


# ------------------------------------------------------------------ the holidays


def test_the_ten_holidays_of_2024() -> None:
    assert belgian_holidays(2024) == (
        date(2024, 1, 1),  # Nouvel An
        date(2024, 4, 1),  # lundi de Pâques
        date(2024, 5, 1),  # fête du Travail
        date(2024, 5, 9),  # Ascension
        date(2024, 5, 20),  # lundi de Pentecôte
        date(2024, 7, 21),  # fête nationale
        date(2024, 8, 15),  # Assomption
        date(2024, 11, 1),  # Toussaint
        date(2024, 11, 11),  # Armistice
        date(2024, 12, 25),  # Noël
    )


def test_a_day_holding_two_holidays_is_listed_once() -> None:
    # Easter 2008 was 23 March: Ascension fell on 1 May.
    days = belgian_holidays(2008)
    assert len(days) == 9
    assert date(2008, 5, 1) in days
    assert list(days) == sorted(set(days))


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (1818, date(1818, 3, 22)),  # the earliest Easter can be
        (1943, date(1943, 4, 25)),  # the latest
        (2000, date(2000, 4, 23)),
        (2019, date(2019, 4, 21)),
        (2023, date(2023, 4, 9)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter(year: int, easter: date) -> None:
    assert _periods._easter(year) == easter
    days = belgian_holidays(year)
    assert easter + DAY in days  # Easter Monday
    assert easter + 39 * DAY in days  # Ascension
    assert easter + 50 * DAY in days  # Whit Monday


@pytest.mark.parametrize("year", range(1950, 2101))
def test_the_holidays_package_agrees(year: int) -> None:
    # The package lists twelve days for Belgium: the ten legal holidays, and Easter
    # Sunday and Whit Sunday, which are Sundays, so never working days anyway.
    ours, theirs = set(belgian_holidays(year)), oracle(year)
    assert ours <= theirs
    easter_monday = _periods._easter(year) + DAY
    assert theirs - ours == {easter_monday - DAY, easter_monday + 48 * DAY}
    assert all(day.weekday() == 6 for day in theirs - ours)
    # Counted by numpy over the package's days, the year has as many working days.
    start, end = date(year, 1, 1), date(year, 12, 31)
    expected = np.busday_count(start, end + DAY, holidays=sorted(theirs))
    assert parse_period(str(year)).working_days == expected


@pytest.mark.parametrize("year", [1, 2, 1582, 1583, 9998, 9999])
def test_every_year_that_dates_allow(year: int) -> None:
    days = belgian_holidays(year)
    assert len(days) in (9, 10)
    assert all(day.year == year for day in days)


def test_the_holidays_are_fixed_dates_and_easter_dates() -> None:
    for year in range(1, 10000, 7):
        days = belgian_holidays(year)
        fixed = {
            date(year, m, d)
            for m, d in ((1, 1), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25))
        }
        assert fixed <= set(days)
        movable = set(days) - fixed
        assert all(day.weekday() in (0, 3) for day in movable)  # Mondays and Ascension


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (0, "Invalid year 0: a year must be in 1..9999"),
        (10000, "Invalid year 10000: a year must be in 1..9999"),
        (True, "Invalid year True: expected a whole number"),
        ("2023", "Invalid year '2023': expected a whole number"),
    ],
)
def test_a_year_outside_the_calendar(year: object, message: str) -> None:
    with pytest.raises(ci.PeriodError) as caught:
        belgian_holidays(year)  # type: ignore[arg-type]
    assert str(caught.value) == message


# --------------------------------------------------------------- the counts


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("2023", 252),  # 260 weekdays; 1 Jan and 11 Nov fall on a weekend
        ("2024", 253),  # 262 weekdays; 21 July falls on a Sunday
        ("2023-Q1", 65),
        ("2023-05", 20),  # 23 weekdays less 1, 18 and 29 May
        ("2023-W20", 4),  # Ascension on Thursday 18 May
        ("2023-05-13", 0),  # a Saturday
        ("2023-05-18", 0),  # Ascension
        ("2023-05-19", 1),
    ],
)
def test_known_counts(text: str, count: int) -> None:
    period = parse_period(text)
    assert period.working_days == count
    assert period.length(TimeUnit.WORKING_DAY) == float(count)
    assert isinstance(period.length(TimeUnit.WORKING_DAY), float)
    expected = np.busday_count(
        period.start, period.end + DAY, holidays=sorted(oracle(period.start.year))
    )
    assert count == expected


def test_the_first_and_last_years_of_the_calendar() -> None:
    # The weekday arithmetic counts from 1 January of the year 1, a Monday.
    assert date.min.weekday() == 0
    first, last = Period(date.min, date(1, 12, 31)), Period(date(9999, 1, 1), date.max)
    assert first.working_days == naive(first.start, first.end)
    assert last.working_days == naive(last.start, last.end)
    between = Period(date(2, 1, 1), date(9998, 12, 31))
    whole = Period(date.min, date.max)
    assert whole.working_days == first.working_days + between.working_days + last.working_days


def test_every_unit_has_a_length() -> None:
    period = parse_period("2023-H1")
    for unit in TimeUnit:
        assert period.length(unit) > 0
    assert period.length(TimeUnit.MONTH) == 6.0  # the other units are as they were


# ------------------------------------------------------------------- laws

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@given(dates, st.integers(0, 1500))
@example(date(1900, 1, 1), (date(2200, 12, 31) - date(1900, 1, 1)).days)
@example(date(2023, 12, 31), 1)  # across a new year
@example(date(2008, 5, 1), 0)  # Ascension on 1 May
def test_the_arithmetic_count_is_the_naive_count(start: date, span: int) -> None:
    end = min(start + span * DAY, date(2200, 12, 31))
    assert Period(start, end).working_days == naive(start, end)


@given(dates, st.integers(0, 800), st.integers(0, 800))
def test_working_days_add_up(start: date, first: int, second: int) -> None:
    middle = start + first * DAY
    end = middle + DAY + second * DAY
    whole = Period(start, end).length(TimeUnit.WORKING_DAY)
    parts = Period(start, middle).length(TimeUnit.WORKING_DAY)
    parts += Period(middle + DAY, end).length(TimeUnit.WORKING_DAY)
    assert whole == parts


@given(dates, st.integers(0, 3000))
def test_working_days_are_at_most_the_days(start: date, span: int) -> None:
    period = Period(start, start + span * DAY)
    assert 0 <= period.working_days <= period.days
    # At most five in any seven days.
    assert period.working_days <= 5 * (period.days // 7) + min(period.days % 7, 5)


@given(dates)
def test_a_week_without_holiday_has_five(day: date) -> None:
    monday = day - day.weekday() * DAY
    week = Period(monday, monday + 6 * DAY)
    in_week = [d for y in {monday.year, week.end.year} for d in belgian_holidays(y) if d in week]
    assume(not in_week)
    assert week.working_days == 5
    assert str(week).startswith(f"{monday.isocalendar()[0]:04d}-W")


@given(dates)
def test_a_week_loses_each_holiday_on_a_weekday(day: date) -> None:
    monday = day - day.weekday() * DAY
    week = Period(monday, monday + 6 * DAY)
    in_week = {d for y in {monday.year, week.end.year} for d in belgian_holidays(y) if d in week}
    assert week.working_days == 5 - sum(1 for d in in_week if d.weekday() < 5)
