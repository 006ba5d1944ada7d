"""Laws of the target language, checked with Hypothesis."""

from __future__ import annotations

import re
from collections.abc import Collection

import lark
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

import cssindicators as ci
from cssindicators import _grammar
from cssindicators.strategies import (
    change_cases,
    measurements,
    target_texts,
    targets,
    written_targets,
)
from cssindicators.targets import _answer, target_or_none

GRAMMAR = lark.Lark(
    _grammar.grammar_text(),
    parser="lalr",
    lexer="contextual",
    start=["target", "unit_text"],
    maybe_placeholders=True,
)


def _word_terminal(pattern: str, flags: Collection[str]) -> st.SearchStrategy[str]:
    """A keyword or a counted word, followed by the space that ends a word in a sentence."""
    inline = "(?i)" if "i" in flags else ""
    return st.from_regex(inline + pattern.replace(r"\b", ""), fullmatch=True).map(
        lambda word: word + " "
    )


# The grammar leaves the space between two words to the lexer (`%ignore`), and a word
# only ends where a non-word character follows it (`\b`, or a look-ahead such as
# `(?![^\W\d_])` after "soit"): strings drawn from it get that space after every
# word-like terminal, as any text does.
EXPLICIT = {
    t.name: _word_terminal(t.pattern.value, t.pattern.flags)
    for t in GRAMMAR.terminals
    if t.pattern.type == "re"
    and (any(end in t.pattern.value for end in (r"\b", "(?!", "(?=")) or t.name == "WORD")
}

# Texts the grammar accepts that break a rule it cannot state: the bounds of a range…
RANGE_RULES = ("the low bound", "both bounds of a range")
# … an equivalent that disagrees with its rule (or follows no threshold), a decrease of
# more than 100 %, a change of 0, baseline years out of order, a level against a baseline
# with a comparator other than at least / at most, a change in % per period, two notes
# (or, after a change, a note naming a year that is not its only baseline).
OTHER_RULES = (
    "the equivalent ",
    "an equivalent (soit …) can only follow a threshold",
    "a decrease of ",
    "a change of 0 is no change",
    "a change of ",  # … % per year: ambiguous
    "the size of the change is too large",
    "a target has one note in brackets",
    "the note ",  # … of a change names a year that is not its baseline
    "the baseline years ",
    "a level against a baseline is at least (au moins) or at most (au plus) it",
)


@given(from_lark(GRAMMAR, start="target", explicit=EXPLICIT))
def test_strings_generated_from_the_grammar_parse(text: str) -> None:
    try:
        target = ci.parse_target(text)
    except ci.TargetSyntaxError as error:
        assert error.reason.startswith(RANGE_RULES + OTHER_RULES), str(error)
        if error.reason.startswith(RANGE_RULES):
            assert re.match(r"\s*(?i:entre|de|tussen|van|between|from)", text)
    else:
        assert ci.parse_target(str(target)) == target


@given(written_targets())
def test_written_targets_read_as_the_target_they_write(pair: tuple[ci.Target, str]) -> None:
    target, text = pair
    assert ci.parse_target(text) == target


@given(targets())
def test_text_target_text_round_trip(target: ci.Target) -> None:
    text = str(target)
    again = ci.parse_target(text)
    assert again == target
    assert hash(again) == hash(target)
    assert str(again) == text


@given(target_texts())
def test_canonical_text_is_a_fixed_point(text: str) -> None:
    canonical = str(ci.parse_target(text))
    assert str(ci.parse_target(canonical)) == canonical


def _mutations(text: str) -> st.SearchStrategy[str]:
    index = st.integers(0, len(text))
    return st.one_of(
        st.tuples(index, index).map(lambda ij: text[: min(ij)] + text[max(ij) :]),
        st.tuples(index, st.text(max_size=3)).map(lambda it: text[: it[0]] + it[1] + text[it[0] :]),
    )


@given(st.one_of(st.text(), target_texts().flatmap(_mutations), st.binary().map(repr)))
def test_any_text_parses_or_raises_a_target_syntax_error(text: str) -> None:
    try:
        target = ci.parse_target(text)
    except ci.TargetSyntaxError as error:
        assert type(error) is ci.TargetSyntaxError
        assert 0 <= error.position <= len(text)
        assert error.text == text
        assert "^" in str(error)
    else:
        assert isinstance(target, ci.Target)


_RANK = {ci.Status.NOT_MET: 0, ci.Status.PARTIAL: 1, ci.Status.MET: 2}


@given(
    targets(kinds=[ci.Threshold]).filter(
        lambda t: isinstance(t, ci.Threshold) and t.comparator.more_is_better is not None
    ),
    st.data(),
)
def test_more_is_never_worse_for_at_least_and_never_better_for_at_most(
    target: ci.Target, data: st.DataObject
) -> None:
    assert isinstance(target, ci.Threshold)
    m = data.draw(measurements(target=target))
    assume(not isinstance(m.value, bool))
    more = data.draw(st.integers(0, 10_000))
    bigger = ci.Measurement(value=m.value + more, period=m.period, unit=m.unit)  # type: ignore[operator]
    low, high = target.evaluate(m), target.evaluate(bigger)
    if target.comparator.more_is_better:
        assert _RANK[high.status] >= _RANK[low.status]
        assert high.achievement >= low.achievement
    else:
        assert _RANK[high.status] <= _RANK[low.status]
        assert high.achievement <= low.achievement


@given(targets(), st.data())
def test_valid_measurements_always_evaluate(target: ci.Target, data: st.DataObject) -> None:
    if isinstance(target, ci.Change):
        _, m, baseline = data.draw(change_cases(target=target))
        ev = target.evaluate(m, baseline=baseline)
        assert ev.baseline is not None
        assert ev.baseline_measurement == baseline
    else:
        m = data.draw(measurements(target=target))
        ev = target.evaluate(m)
        assert ev.achievement >= 0  # a change's achievement is below 0 the wrong way
    assert ev.status in _RANK
    assert ev.met == (ev.status is ci.Status.MET)


@given(st.integers(0, 100_000), st.data())
def test_minutes_and_hours_are_the_same_measure(hours: int, data: st.DataObject) -> None:
    target = ci.parse_target("≥ 3 heures/jour")
    period = data.draw(st.sampled_from(["2023", "2023-Q2", "2024-02", "2023-W10"]))
    in_hours = target.evaluate(ci.Measurement(value=hours, period=period, unit="h"))
    in_minutes = target.evaluate(ci.Measurement(value=hours * 60, period=period, unit="min"))
    assert in_hours.status == in_minutes.status
    assert abs(in_hours.observed - in_minutes.observed) <= 1e-9 * max(1.0, in_hours.observed)


@given(st.one_of(st.text(max_size=30), target_texts(), target_texts().flatmap(_mutations)))
def test_target_or_none_agrees_with_parse_target(text: str) -> None:
    try:
        expected: ci.Target | None = ci.parse_target(text)
    except ci.TargetSyntaxError:
        expected = None
    assert target_or_none(text) == expected


# Words that are, or nearly are, yes/no answers, in any case and spacing.
_ANSWER_LIKE = st.one_of(
    st.sampled_from(["oui", "non", "ja", "nee", "yes", "no", "Oui", "NEE", " ja ", "nope"]),
    st.text(alphabet="ouinejasyONJ ", max_size=5),
)


@given(_ANSWER_LIKE, _ANSWER_LIKE)
def test_a_yes_no_target_is_a_yes_answer_a_slash_and_a_no_answer(yes: str, no: str) -> None:
    expected = _answer(yes) is True and _answer(no) is False
    assert (target_or_none(f"{yes}/{no}") == ci.YesNo()) == expected


@given(st.one_of(st.text(max_size=10), _ANSWER_LIKE))
def test_any_text_is_a_yes_or_no_answer_or_a_measurement_error(text: str) -> None:
    try:
        observed = ci.YesNo().evaluate(ci.Measurement(value=text)).observed
    except ci.MeasurementError:
        assert _answer(text) is None
    else:
        assert observed == (1.0 if _answer(text) else 0.0)


@given(_ANSWER_LIKE)
def test_answers_are_read_in_any_case_and_spacing(text: str) -> None:
    assert _answer(text.upper()) == _answer(text.lower()) == _answer(f" {text}\t")
