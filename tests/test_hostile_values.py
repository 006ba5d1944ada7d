"""Hostile values: periods at the ends of the calendar, numbers beyond floats, numpy
scalars, signalling NaNs. Each is a library error or a reported problem of its row,
never a foreign exception, never a silent score, and no message prints a huge text."""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators.errors import _shown
from cssindicators.measurements import Measurement, parse_measurements
from cssindicators.periods import Period, TimeUnit, parse_period
from cssindicators.reading import read_plan

PLAN = read_plan(Path(__file__).resolve().parents[1] / "examples" / "molenbeek-2023" / "plan.txt")
IDS = [indicator.id for indicator in PLAN.indicators()]
COUNT = "s2.og1.os1.gdp.oo2.i1"  # a count a year, two rows a year add up
HEADER = "indicator;value;period;unit;note\n"


def no_long_digits(text: str) -> bool:
    """Whether a message prints no run of more than 100 digits."""
    return re.search(r"[0-9]{101}", text) is None


# ---------------------------------------------------------------- periods


@pytest.mark.parametrize("text", ["9999-W52", "9999-W52/9999-W52", "2023/9999-W52"])
def test_a_week_running_past_the_last_date_is_a_period_error(text: str) -> None:
    with pytest.raises(ci.PeriodError) as caught:
        parse_period(text)
    assert str(caught.value) == (
        f"Invalid period {text!r}: the week runs into the year 10000, past 9999-12-31, "
        "the last day a period may hold"
    )


@pytest.mark.parametrize(
    ("text", "years"),
    [("9999", 1.0), ("9999-H2", 0.5), ("9999-Q4", 0.25), ("9999-12", 1 / 12),
     ("9999-W51", 7 / 365), ("T4 9999", 0.25), ("31/12/9999", 1 / 365), ("0001", 1.0),
     ("0001-W01", 7 / 365), ("0001-01-01/9999-12-31", 9999.0)],
)  # fmt: skip
def test_periods_at_the_ends_of_the_calendar_are_read(text: str, years: float) -> None:
    period = parse_period(text)
    assert math.isclose(period.length(TimeUnit.YEAR), years, rel_tol=0.05)
    assert parse_period(str(period)) == period


@pytest.mark.parametrize(
    "text",
    ["0000", "0000-W01", "10000", "99999-01", "1" * 5000, "2023-" + "1" * 5000],
    ids=_shown,
)
def test_years_out_of_range_are_period_errors_with_a_short_message(text: str) -> None:
    with pytest.raises(ci.PeriodError) as caught:
        parse_period(text)
    assert len(str(caught.value)) < 600
    assert no_long_digits(str(caught.value))


def test_a_long_text_is_no_period_and_is_not_searched_for_one() -> None:
    text = "2023 - " * 5000
    with pytest.raises(ci.PeriodError, match="characters, too long for a period"):
        parse_period(text)


def _months_by_month(period: Period) -> float:
    """The length in months, month by month: what :meth:`Period.months` must equal."""
    total, day = 0.0, period.start
    while day <= period.end:
        size = (date(day.year + day.month // 12, day.month % 12 + 1, 1) - day.replace(day=1)).days
        last = min(period.end, day.replace(day=size))
        total += ((last - day).days + 1) / size
        day = last + timedelta(days=1)
    return total


@given(start=st.dates(max_value=date(9990, 1, 1)), days=st.integers(0, 3000))
def test_the_months_of_a_period_are_its_share_of_each_month(start: date, days: int) -> None:
    period = Period(start, start + timedelta(days=days))
    assert math.isclose(period.months(), _months_by_month(period), rel_tol=1e-12)


def test_a_row_in_a_week_past_the_last_date_is_a_problem_of_its_row() -> None:
    data = parse_measurements(HEADER + f"{COUNT};7;9999-W52;;\n{COUNT};3;2023-H1;;\n")
    assert [row.line for row in data.rows] == [3]
    assert [p.line for p in data.problems] == [2]
    assert "runs into the year 10000" in data.problems[0].reason


def test_a_measurement_in_that_week_is_a_period_error() -> None:
    with pytest.raises(ci.PeriodError):
        Measurement(value=1, period="9999-W52")


# ---------------------------------------------------------------- huge numbers


def _invalid(card: ci.Scorecard, indicator: str = COUNT) -> list[str]:
    result = card.result(indicator)
    assert result.status is ci.Status.INVALID
    return [problem.reason for problem in result.problems]


@pytest.mark.parametrize("digits", [309, 310, 400, 1000, 4000, 4299, 4301, 5000, 20_000])
def test_a_value_of_hundreds_to_thousands_of_digits_is_a_problem_of_its_row(
    digits: int,
) -> None:
    data = parse_measurements(HEADER + f"{COUNT};{'9' * digits};2023-H1;;\n")
    reasons = _invalid(ci.score(PLAN, data))
    assert len(reasons) == 1
    assert no_long_digits(reasons[0])


@pytest.mark.parametrize(
    "value", [10**400, 10**5000, -(10**5000), Decimal("sNaN"), Decimal("-sNaN12"),
              Decimal("1E+999999"), Decimal("-1E+999999"), Decimal("NaN"), float("inf")],
    ids=_shown,
)  # fmt: skip
def test_values_beyond_floats_are_problems_wherever_they_come_from(value: Any) -> None:
    pandas = pytest.importorskip("pandas")
    m = Measurement(value=value, period="2023-H1", indicator=COUNT)
    for given_as in ([m], pandas.DataFrame({"indicator": [COUNT], "value": [value],
                                             "period": ["2023-H1"]})):  # fmt: skip
        reasons = _invalid(ci.score(PLAN, given_as))
        assert len(reasons) == 1
        assert no_long_digits(reasons[0])
    frame = pandas.DataFrame({"indicator": [COUNT], "value": [value], "period": ["2023-H1"]})
    card = ci.score_frame(PLAN, frame)
    assert all(no_long_digits(str(reason)) for reason in card.problems["reason"])
    assert len(card.problems) == 1
    evaluation = ci.evaluate_many(ci.parse_target("≥ 12 par an"), [value, 3], ["2023", None])
    assert [s.value for s in evaluation.status] == ["invalid"]
    assert evaluation.problem_rows.tolist() == [0, 1]  # the second row: undated among two


@pytest.mark.parametrize(
    "value", [[10**5000], {10**5000}, b"\x00" * 100, complex(10**300, 1)], ids=_shown
)
def test_a_value_no_measurement_holds_is_told_with_a_short_text(value: object) -> None:
    with pytest.raises(ci.MeasurementError) as caught:
        Measurement(value=value)  # type: ignore[arg-type]
    assert len(str(caught.value)) < 200
    with pytest.raises(ci.MeasurementError) as caught:
        Measurement(value=1, unit=value)  # type: ignore[arg-type]
    assert len(str(caught.value)) < 200


def test_rows_adding_up_beyond_floats_are_problems_never_met() -> None:
    big = "9" * 308
    data = parse_measurements(HEADER + f"{COUNT};{big};2023-H1;;\n{COUNT};{big};2023-H2;;\n")
    assert (
        _invalid(ci.score(PLAN, data))
        == ["the rows of this indicator add up to a number too large to compute"] * 2
    )


def test_a_rate_beyond_floats_is_a_problem_never_met() -> None:
    target = ci.parse_target("≥ 12 par an")
    evaluation = ci.evaluate_many(target, [1e308], ["2023-01-01"])
    assert [s.value for s in evaluation.status] == ["invalid"]
    assert evaluation.reasons.tolist() == [
        "the rows of this indicator come to a rate per year too large to compute (beyond "
        "about 1.8e308): the values are too large for the length of their periods"
    ]
    m = Measurement(value=1e308, period="2023-01-01", indicator=COUNT)
    assert _invalid(ci.score(PLAN, [m], period="2023")) == evaluation.reasons.tolist()


def test_a_level_converted_beyond_floats_is_a_problem_never_met() -> None:
    target = ci.parse_target("≥ 3 heures")
    evaluation = ci.evaluate_many(target, [1e308], ["2023"], units=["jours"])
    assert [s.value for s in evaluation.status] in (["invalid"], ["met"])
    if evaluation.status[0].value == "met":  # days to hours: finite, then, and met
        assert math.isfinite(evaluation.observed[0])


# ---------------------------------------------------------------- decimal marks


def test_a_negative_number_after_a_no_break_space_is_read_or_said_ambiguous() -> None:
    cell = "-\u00a01.100"
    data = parse_measurements(HEADER + f"{COUNT};2,5;2023-H1;;\n{COUNT};{cell};2023-H2;;\n")
    assert [row.measurement.value for row in data.rows] == [Decimal("2.5"), -1100]
    data = parse_measurements(HEADER + f"{COUNT};3.75;2023-H1;;\n{COUNT};{cell};2023-H2;;\n")
    assert [row.measurement.value for row in data.rows] == [Decimal("3.75"), Decimal("-1.100")]
    assert "is -1.1;" in data.notes[0]
    both = f"{COUNT};2,5;2023-H1;;\n{COUNT};3.75;2023-H2;;\n{COUNT};{cell};2023-Q1;;\n"
    data = parse_measurements(HEADER + both)
    assert [p.line for p in data.problems] == [4]
    assert "may mean -1100 or -1,1" in data.problems[0].reason


def test_a_huge_cell_of_the_other_convention_is_quoted_short() -> None:
    data = parse_measurements(HEADER + f"{COUNT};1.234,{'5' * 5000};2023;;\n", decimal=".")
    assert len(data.problems) == 1
    assert len(data.problems[0].reason) < 400


# ---------------------------------------------------------------- numpy scalars


def test_numpy_scalars_are_values_like_any_other_in_every_container() -> None:
    np = pytest.importorskip("numpy")
    pandas = pytest.importorskip("pandas")
    values = [np.int64(3), np.float32(2.5), np.float64(4.0), np.uint8(1)]
    for value in values:
        held = Measurement(value=value).value
        assert type(held) in (int, float)
        assert held == value
    answer = Measurement(value=np.bool_(True)).value
    assert answer is True
    for kept in (np.float32("nan"), np.float32("inf")):
        assert _invalid(ci.score(PLAN, [Measurement(value=kept, period="2023", indicator=COUNT)]))
    periods = ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]
    target = ci.parse_target("≥ 8 par an")
    plain = ci.evaluate_many(target, [3, 2.5, 4.0, 1], periods)
    column = np.empty(4, dtype=object)
    column[:] = values
    for given_as in (values, column, pandas.Series(values, dtype=object)):
        evaluation = ci.evaluate_many(target, given_as, periods)
        assert evaluation.observed.tolist() == plain.observed.tolist() == [10.5]
        assert evaluation.reasons.tolist() == []
    rows = [
        Measurement(value=v, period=p, indicator=COUNT)
        for v, p in zip(values, periods, strict=True)
    ]
    frame = pandas.DataFrame({"indicator": [COUNT] * 4, "value": column, "period": periods})
    for given_as in (rows, frame, {"indicator": [COUNT] * 4, "value": values, "period": periods}):
        assert ci.score(PLAN, given_as).result(COUNT).evaluation.observed == 10.5  # type: ignore[union-attr]
    yes_no = ci.evaluate_many(ci.parse_target("Oui/Non"), [np.bool_(False)], ["2023"])
    assert [s.value for s in yes_no.status] == ["not met"]


# ---------------------------------------------------------------- any file text

_CONTROL = "".join(map(chr, [*range(9), *range(14, 28), 31, 127, 0x9B]))
_YEARS = st.sampled_from(["0000", "0001", "9999", "10000", "2023", "99", "1" * 400])


@st.composite
def _period_text(draw: st.DrawFn) -> str:
    year = draw(_YEARS)
    form = draw(st.sampled_from(
        ["{y}", "{y}-W{n:02d}", "{y}-Q{n}", "{y}-H{n}", "{y}-{n:02d}", "{n}/12/{y}",
         "T{n} {y}", "{y}-01-01/{y}-W{n:02d}", "janv. {y} - déc. {y}", "du 1/1/{y} au {n}/12/{y}", ""]
    ))  # fmt: skip
    return form.format(y=year, n=draw(st.integers(0, 60)))


_NUMBERS = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.sampled_from(["2,5", "1.250", "-\u00a01.100", "1 100", "1.234,5", "1,234.5", "3.75",
                     "VRAI", "Oui", "75 %", "1E+999999", "sNaN", "inf", "NaN", ""]),
    st.integers(300, 5000).map(lambda n: "9" * n),
    st.integers(1, 400).map(lambda n: "1." + "0" * n + ",5"),
)  # fmt: skip
_TEXT = st.text(st.sampled_from(_CONTROL + "abc 1.,%-é"), max_size=8)


@st.composite
def measurement_texts(draw: st.DrawFn) -> tuple[str, int]:
    """A file's text and the number of its data rows: cells from the example plan's
    ids, Belgian numbers, huge digit runs, periods of extreme years, control
    characters, each maybe mangled; no quote, separator or line break inside a cell."""
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        indicator = draw(st.sampled_from(IDS) | _TEXT.map(lambda t: "x" + t))
        cells = [indicator, draw(_NUMBERS | _TEXT), draw(_period_text() | _TEXT),
                 draw(st.sampled_from(["", "heures", "minutes", "%", "jours"]) | _TEXT),
                 draw(_TEXT)]  # fmt: skip
        lines.append(";".join(cells))
    return HEADER + "".join(line + "\n" for line in lines), len(lines)


@given(file=measurement_texts(), decimal=st.sampled_from([None, ",", "."]))
def test_any_file_text_gives_rows_or_problems_and_scores_without_foreign_errors(
    file: tuple[str, int], decimal: str | None
) -> None:
    text, count = file
    try:
        data = parse_measurements(text, decimal=decimal)
    except ci.CssIndicatorsError:
        return
    assert len(data.rows) + len(data.problems) == count  # every data row is accounted for
    assert sorted([r.line for r in data.rows] + [p.line for p in data.problems]) == list(
        range(2, count + 2)
    )
    for problem in data.problems:
        assert no_long_digits(problem.reason)
    try:
        card = ci.score(PLAN, data)
    except ci.CssIndicatorsError:
        return
    placed = [row.line for r in card for row in (*r.rows, *r.superseded)]
    placed += [problem.line for r in card for problem in r.problems]
    assert len(placed) == len(set(placed))  # each row in one place of one indicator
    reported = {problem.line for problem in card.problems}
    assert {row.line for row in data.rows} <= set(placed) | reported
    assert {problem.line for problem in data.problems} <= reported
    for result in card:
        if result.status in (ci.Status.MET, ci.Status.PARTIAL, ci.Status.NOT_MET):
            assert result.evaluation is not None
            assert math.isfinite(result.evaluation.observed)
