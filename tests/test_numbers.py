"""Numbers as Belgians write them, in targets and in measurement files: the laws.

The Belgian way: a dot or a space (also a no-break or narrow no-break space) before
groups of exactly three digits groups thousands, a comma is the decimal mark, and a dot
anywhere else is a decimal point. The other way ("." chosen): commas group thousands
and the dot is the decimal mark. Only one to three digits (not a lone 0), one dot or
comma and exactly three digits read either way.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators.measurements import parse_measurements, parse_value
from cssindicators.targets import HOURS, format_amount, target_or_none

ID = "s2.og1.os1.gdp.oo2.i1"
SPACES = (" ", "\u00a0", "\u202f")
#: The one shape that reads either way (an oracle written apart from the library's).
EITHER_WAY = re.compile(r"(?:[1-9][0-9]{0,2}|0[0-9]{1,2})[.,][0-9]{3}")


def either_way(text: str) -> bool:
    return EITHER_WAY.fullmatch(text.removeprefix("-")) is not None


def grouped(whole: int, separator: str) -> str:
    """``whole`` with its thousands grouped by ``separator`` ("" for none)."""
    digits = str(whole)
    if not separator or len(digits) <= 3:
        return digits
    head = len(digits) % 3 or 3
    return separator.join(
        [digits[:head], *(digits[k : k + 3] for k in range(head, len(digits), 3))]
    )


#: A number ≥ 0 of bounded size, as its whole part and the digits of its fraction
#: (trailing zeros allowed: "2,50" is 2.5).
PARTS = st.tuples(
    st.one_of(st.integers(0, 999), st.integers(0, 10**12)),
    st.text(alphabet="0123456789", max_size=4),
)


def value_of(whole: int, fraction: str) -> Decimal:
    return Decimal(f"{whole}.{fraction or '0'}")


@st.composite
def belgian(draw: st.DrawFn, parts: tuple[int, str], *, dot_decimals: bool = True) -> str:
    """A number written in any form the Belgian way accepts: grouped by a dot, a space
    kind or not at all, with a decimal comma, or a decimal point where a dot cannot group
    thousands."""
    whole, fraction = parts
    separator = draw(st.sampled_from(["", ".", *SPACES]))
    text = grouped(whole, separator)
    if not fraction:
        return text
    is_grouped = text != str(whole)
    dot_groups = (
        (is_grouped and separator == ".")  # "1.500.5" is not a number
        or (is_grouped and len(fraction) == 3)  # "1 500.250" is not one either
        or (not is_grouped and 1 <= len(text) <= 3 and text != "0" and len(fraction) == 3)
    )
    marks = [","] + (["."] if dot_decimals and not dot_groups else [])
    return text + draw(st.sampled_from(marks)) + fraction


@st.composite
def pointed(draw: st.DrawFn, parts: tuple[int, str]) -> str:
    """A number written the other way: grouped by commas, a space kind or not at all,
    with a decimal point."""
    whole, fraction = parts
    text = grouped(whole, draw(st.sampled_from(["", ",", *SPACES])))
    return text + "." + fraction if fraction else text


def csv(values: list[str]) -> str:
    return "indicator;value;period\n" + "".join(f"{ID};{v};2023\n" for v in values)


# ---------------------------------------------------------------- inputs once read wrongly


def test_a_dot_before_three_digits_in_a_target_groups_thousands() -> None:
    target = ci.parse_target("≥ 1.500 heures/an")
    assert isinstance(target, ci.Threshold)
    assert (target.amount, target.unit, target.per) == (Decimal(1500), HOURS, ci.TimeUnit.YEAR)
    evaluation = target.evaluate(ci.Measurement(value=1200, period="2023", unit="heures"))
    assert evaluation.status is ci.Status.PARTIAL
    assert evaluation.achievement == pytest.approx(0.8)


def test_twelve_thousand_a_year_is_twelve_thousand() -> None:
    target = ci.parse_target("12.000 par an")
    assert target == ci.Threshold(ci.Comparator.AT_LEAST, Decimal(12000), None, ci.TimeUnit.YEAR)
    assert str(target) == "≥ 12 000/an"
    assert target.evaluate(ci.Measurement(value=12, period="2023")).status is ci.Status.NOT_MET


def test_a_measured_1_250_in_a_file_without_decimal_commas_is_1250_and_says_so() -> None:
    data = parse_measurements(csv(["1.250", "40"]), source="export.csv")
    assert [row.measurement.value for row in data.rows] == [1250, 40]
    (note,) = data.notes
    assert note.startswith("export.csv: 1 value read with decimal commas, dots grouping thousands")
    assert "'1.250' (line 2) is 1250" in note
    assert "decimal='.' (--decimal . on the command line)" in note
    assert parse_measurements(csv(["1.250"]), decimal=".").rows[0].measurement.value == Decimal(
        "1.25"
    )


def test_at_least_3_sessions_a_week_is_a_weekly_rate() -> None:
    target = ci.parse_target("at least 3 sessions a week")
    assert target == ci.Threshold(
        ci.Comparator.AT_LEAST,
        Decimal(3),
        ci.Unit(ci.UnitKind.COUNT, "sessions"),
        ci.TimeUnit.WEEK,
    )
    evaluation = target.evaluate(ci.Measurement(value=150, period="2023"))
    assert evaluation.observed == pytest.approx(150 / (365 / 7))  # 2.88 a week
    assert evaluation.status is ci.Status.PARTIAL


# ---------------------------------------------------------------- laws


@given(PARTS.flatmap(lambda parts: st.tuples(st.just(parts), belgian(parts))))
def test_any_number_written_the_belgian_way_reads_back(pair: tuple[tuple[int, str], str]) -> None:
    parts, text = pair
    number = value_of(*parts)
    target = ci.parse_target(f"≥ {text} par an")
    assert isinstance(target, ci.Threshold)
    assert target.amount == number
    for decimal in (None, ","):
        value = parse_value(text, decimal=decimal)
        assert not isinstance(value, (bool, str))
        assert value == number
        assert parse_value(f"-{text}", decimal=decimal) == -number
    data = parse_measurements(csv([text]))
    assert [row.measurement.value for row in data.rows] == [number]
    assert bool(data.notes) == either_way(text)


@given(PARTS.flatmap(lambda parts: st.tuples(st.just(parts), pointed(parts))))
def test_any_number_written_with_a_decimal_point_reads_back_when_so_chosen(
    pair: tuple[tuple[int, str], str],
) -> None:
    parts, text = pair
    number = value_of(*parts)
    assert parse_value(text, decimal=".") == number
    assert parse_value(f"- {text}", decimal=".") == -number
    data = parse_measurements(csv([text]), decimal=".")
    assert [row.measurement.value for row in data.rows] == [number]
    assert data.notes == ()
    if not either_way(text):  # it reads one way only: no choice needed
        assert parse_value(text) == number


@given(st.lists(PARTS, min_size=1, max_size=8).flatmap(
    lambda numbers: st.tuples(
        st.just(numbers), st.tuples(*(belgian(p, dot_decimals=False) for p in numbers))
    )
))  # fmt: skip
def test_a_file_written_the_belgian_way_reads_back_every_value(
    case: tuple[list[tuple[int, str]], tuple[str, ...]],
) -> None:
    numbers, texts = case
    data = parse_measurements(csv(list(texts)))
    assert [row.measurement.value for row in data.rows] == [value_of(*p) for p in numbers]
    assert data.problems == ()
    assert data.decimal == ","
    assert bool(data.notes) == any(either_way(t) for t in texts)


def _shows_a_decimal_point(text: str) -> bool:
    """Whether a number written the other way shows it: a dot that is not in the shape
    that reads either way, or commas that only the other way writes."""
    return ("." in text and not either_way(text)) or text.count(",") >= 2


@given(st.lists(PARTS, min_size=1, max_size=8).flatmap(
    lambda numbers: st.tuples(st.just(numbers), st.tuples(*(pointed(p) for p in numbers)))
))  # fmt: skip
def test_a_file_written_with_decimal_points_reads_back_or_says_how_it_read(
    case: tuple[list[tuple[int, str]], tuple[str, ...]],
) -> None:
    numbers, texts = case
    expected = [value_of(*p) for p in numbers]
    chosen = parse_measurements(csv(list(texts)), decimal=".")
    assert [row.measurement.value for row in chosen.rows] == expected
    assert (chosen.problems, chosen.notes) == ((), ())
    settled = parse_measurements(csv(list(texts)))
    values = [row.measurement.value for row in settled.rows]
    if any(_shows_a_decimal_point(t) for t in texts):
        assert values == expected
        assert settled.decimal == "."
    else:  # nothing shows it: the Belgian reading holds, and the notes say so
        for text, value, number in zip(texts, values, expected, strict=True):
            assert value == number or either_way(text)
        assert bool(settled.notes) == any(either_way(t) for t in texts)
        assert settled.decimal == ","


_EITHER = st.from_regex(EITHER_WAY, fullmatch=True)
_COMMA_SHOWN = st.sampled_from(["2,5", "1.250.000", "1.234,5", "0,5", "1 500,25"])
_POINT_SHOWN = st.sampled_from(["3.75", "1,250,000", "1,234.5", "0.250", "1234.5"])


@given(
    st.lists(st.one_of(_EITHER, _COMMA_SHOWN, _POINT_SHOWN, st.integers(0, 10**6).map(str))),
    _EITHER,
    _COMMA_SHOWN,
    _POINT_SHOWN,
    st.randoms(use_true_random=False),
)
def test_a_file_that_writes_numbers_both_ways_reports_each_value_that_reads_either_way(
    others: list[str], ambiguous: str, comma: str, point: str, rng: random.Random
) -> None:
    values = [*others, ambiguous, comma, point]
    rng.shuffle(values)
    data = parse_measurements(csv(values))
    problems = {p.line: p.reason for p in data.problems}
    for line, text in enumerate(values, 2):
        if either_way(text):
            assert problems[line].startswith(f"ambiguous number {text!r}: this file writes")
        else:
            assert line not in problems
    assert data.decimal is None
    assert data.notes == ()


_NUMBERISH = st.text(alphabet="0123456789.,", min_size=1, max_size=9)


@given(_NUMBERISH)
def test_only_the_shape_that_reads_either_way_reads_as_two_numbers(text: str) -> None:
    comma, point = parse_value(text, decimal=","), parse_value(text, decimal=".")
    if isinstance(comma, str) or isinstance(point, str):
        return  # a text in one way at least: nothing read twice
    assert comma == point or either_way(text)
    if either_way(text):
        assert parse_value(text) == comma  # without a choice, the Belgian reading


@given(_NUMBERISH)
def test_a_value_is_a_number_exactly_when_a_target_reads_it_as_its_amount(text: str) -> None:
    target = target_or_none(f"≥ {text}")
    value = parse_value(text, decimal=",")
    if isinstance(target, ci.Threshold) and text.endswith(".") and isinstance(value, str):
        value = parse_value(text[:-1], decimal=",")  # "12." is 12 and a final full stop
    if isinstance(target, ci.Threshold):
        assert value == target.amount
    else:
        assert isinstance(value, str)


@given(st.decimals(min_value=0, max_value=10**15, places=4))
def test_canonical_amounts_read_back_as_targets_and_values(number: Decimal) -> None:
    text = format_amount(number)
    assert ci.parse_target(f"≥ {text}").amount == number  # type: ignore[attr-defined]
    assert parse_value(text) == number
    assert parse_value(text, decimal=",") == number


@given(PARTS.flatmap(belgian), st.sampled_from(["%", " %"]))
def test_a_percentage_reads_its_number_the_same_way(text: str, sign: str) -> None:
    data = parse_measurements(csv([f"{text}{sign}"]))
    (row,) = data.rows
    assert (row.measurement.value, row.measurement.unit) == (parse_value(text), "%")
