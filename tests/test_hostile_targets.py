"""Hostile target texts and measured values: only library errors, bounded messages,
linear patterns, and texts that read back as themselves."""

from __future__ import annotations

import re
from decimal import Decimal
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

import lark
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators import _grammar
from cssindicators.targets import target_or_none

# ---------------------------------------------------------------- linear patterns

_SAMPLE = [chr(c) for c in range(0x3000)]
_UNBOUNDED = (sre.MAX_REPEAT, sre.MIN_REPEAT)


def _chars(items: Any) -> set[str]:
    """The characters a piece of a parsed pattern can match (over a sample of code points)."""
    found: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            found.add(chr(av))
        elif op in (sre.IN, sre.NOT_LITERAL, sre.ANY, sre.CATEGORY):
            found |= {c for c in _SAMPLE if _matches_one((op, av), c)}
        elif op in _UNBOUNDED:
            found |= _chars(av[2])
        elif op is sre.SUBPATTERN:
            found |= _chars(av[3])
        elif op is sre.BRANCH:
            for branch in av[1]:
                found |= _chars(branch)
    return found


def _first(items: Any) -> set[str]:
    """The characters a piece of a parsed pattern can start with."""
    found: set[str] = set()
    for op, av in items:
        found |= _chars([(op, av)]) if op not in (sre.SUBPATTERN, sre.BRANCH, *_UNBOUNDED) else (
            _first(av[3]) if op is sre.SUBPATTERN
            else set().union(*map(_first, av[1])) if op is sre.BRANCH
            else _first(av[2])
        )  # fmt: skip
        if not _nullable(op, av):
            break
    return found


_CATEGORIES = {
    sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D",
}  # fmt: skip


def _matches_one(item: tuple[Any, Any], char: str) -> bool:
    op, av = item
    if op is sre.NOT_LITERAL:
        return bool(ord(char) != av)
    if op is sre.ANY:
        return char != "\n"
    if op is sre.CATEGORY:
        return bool(re.fullmatch(_CATEGORIES[av], char))
    negate = any(o is sre.NEGATE for o, _ in av)
    hit = False
    for o, a in av:
        if o is sre.LITERAL:
            hit |= ord(char) == a
        elif o is sre.RANGE:
            hit |= a[0] <= ord(char) <= a[1]
        elif o is sre.CATEGORY:
            hit |= _matches_one((o, a), char)
    return hit != negate


def _nullable(op: Any, av: Any) -> bool:
    if op in _UNBOUNDED:
        return bool(av[0] == 0)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return True
    if op is sre.SUBPATTERN:
        return all(_nullable(o, a) for o, a in av[3])
    if op is sre.BRANCH:
        return any(all(_nullable(o, a) for o, a in b) for b in av[1])
    return False


def _edge_repeats(items: list[Any], last: bool) -> set[str]:
    """Characters of the unbounded repeats that can start (or end, if ``last``) a sequence."""
    found: set[str] = set()
    for op, av in reversed(items) if last else items:
        if op in _UNBOUNDED and av[1] == sre.MAXREPEAT:
            found |= _chars(av[2]) if last else _first(av[2])
        elif op is sre.SUBPATTERN:
            found |= _edge_repeats(list(av[3]), last)
        elif op is sre.BRANCH:
            for branch in av[1]:
                found |= _edge_repeats(list(branch), last)
        elif op in _UNBOUNDED:  # a bounded optional part: {0,n}, ?
            found |= _edge_repeats(list(av[2]), last)
        if not _nullable(op, av):
            break
    return found


def adjacent_repeats(pattern: str, flags: int = 0) -> list[str]:
    """Places where two unbounded repeats meet (with only optional parts between) over
    characters they both match: a run of those can be split between them in as many ways
    as it is long, and a failing match tries them all."""
    problems: list[str] = []

    def walk(items: list[Any]) -> None:
        for i, (op, av) in enumerate(items):
            inner = [av[3]] if op is sre.SUBPATTERN else av[1] if op is sre.BRANCH else []
            if op in _UNBOUNDED:
                inner = [av[2]]
            for sub in inner:
                walk(list(sub))
            ending = _edge_repeats([(op, av)], last=True)
            if not ending:
                continue
            for nxt in range(i + 1, len(items)):
                starting = _edge_repeats([items[nxt]], last=False)
                if ending & starting:
                    problems.append(f"{pattern!r}: repeats meet after item {i}")
                if not _nullable(*items[nxt]):
                    break

    walk(list(_parser.parse(pattern, flags)))
    return problems


def _terminals() -> list[tuple[str, str, int]]:
    parser = lark.Lark(_grammar.grammar_text(), **_grammar.LARK_OPTIONS)
    found = []
    for terminal in parser.terminals:
        if terminal.pattern.type == "re":
            flags = re.IGNORECASE if "i" in terminal.pattern.flags else 0
            found.append((terminal.name, terminal.pattern.value, flags))
    return found


def test_the_checker_finds_adjacent_repeats() -> None:
    assert adjacent_repeats(r">\s*\/?\s*=")
    assert adjacent_repeats(r"(?:[^\W_]+|[^\w\s]+)\s*[0-9]+")
    assert not adjacent_repeats(r">\s*(?:\/\s*)?=")
    assert not adjacent_repeats(r"[0-9]+(?:,[0-9]+)?")


@pytest.mark.parametrize(("name", "pattern", "flags"), _terminals(), ids=lambda v: str(v)[:20])
def test_no_terminal_of_the_grammar_has_adjacent_repeats(
    name: str, pattern: str, flags: int
) -> None:
    assert adjacent_repeats(pattern, flags) == []


@pytest.mark.parametrize("pattern", [_grammar._LAST_WORD_REVERSED, _grammar._DIGITS_RUN])
def test_no_pattern_of_error_messages_has_adjacent_repeats(pattern: str) -> None:
    assert adjacent_repeats(pattern) == []


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
