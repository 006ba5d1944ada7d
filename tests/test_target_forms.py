"""Every form of the target language's changes, shares, notes, equivalents, durations
and working days, with its canonical text; near misses and their messages; the laws of
evaluating changes against a baseline."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators.periods import Period, TimeUnit
from cssindicators.strategies import change_cases, targets
from cssindicators.targets import DEFAULT_TOLERANCE, PERCENT, Change, Direction, years_period

FORMS = [
    ("diminution de 10 %", "diminution de 10 %"),
    ("- 10 %", "diminution de 10 %"),
    ("−10 %", "diminution de 10 %"),
    ("baisse de 5 %", "diminution de 5 %"),
    ("réduction de 20 faits", "diminution de 20 faits"),
    ("augmentation de 15 %", "augmentation de 15 %"),
    ("+ 15 %", "augmentation de 15 %"),
    ("hausse de 3 points", "augmentation de 3 points"),
    ("hausse de 1 point", "augmentation de 1 point"),
    ("réduction de 2 heures/jour", "diminution de 2 heures/jour"),
    ("daling met 10 %", "diminution de 10 %"),
    ("vermindering van 2 %", "diminution de 2 %"),
    ("stijging met 5 %", "augmentation de 5 %"),
    ("afname van 20 feiten", "diminution de 20 feiten"),
    ("stijging met 3 procentpunten", "augmentation de 3 points"),
    ("decrease by 10 %", "diminution de 10 %"),
    ("increase of 15 %", "augmentation de 15 %"),
    ("increase of 3 percentage points", "augmentation de 3 points"),
    ("reduction of 20 incidents", "diminution de 20 incidents"),
    ("diminution de 10 % des faits", "diminution de 10 % des faits"),
    ("daling met 10 % van de feiten", "diminution de 10 % van de feiten"),
    ("réduction de 20 faits par an", "diminution de 20 faits/an"),
    ("diminution de 10 % par rapport à 2022", "diminution de 10 % par rapport à 2022"),
    ("- 10 % vs 2022", "diminution de 10 % par rapport à 2022"),
    ("baisse de 5 % (référence 2022)", "diminution de 5 % par rapport à 2022"),
    (
        "diminution de 10 % par rapport à la période 2015-2019",
        "diminution de 10 % par rapport à 2015-2019",
    ),
    ("daling met 10 % t.o.v. 2019", "diminution de 10 % par rapport à 2019"),
    (
        "daling met 10 % ten opzichte van de periode 2015-2019",
        "diminution de 10 % par rapport à 2015-2019",
    ),
    ("stijging met 5 % (basis 2019)", "augmentation de 5 % par rapport à 2019"),
    ("increase of 15 % compared with 2022", "augmentation de 15 % par rapport à 2022"),
    ("decrease by 10 % (baseline 2015-2019)", "diminution de 10 % par rapport à 2015-2019"),
    ("decrease by 10 % against the period 2015–2019", "diminution de 10 % par rapport à 2015-2019"),
    ("en diminution", "en diminution"),
    ("en baisse", "en diminution"),
    ("à la baisse", "en diminution"),
    ("en hausse", "en augmentation"),
    ("en augmentation", "en augmentation"),
    ("diminution", "en diminution"),
    ("en diminution/an", "en diminution/an"),
    ("dalend", "en diminution"),
    ("stijgend", "en augmentation"),
    ("decreasing", "en diminution"),
    ("increasing", "en augmentation"),
    ("en baisse par rapport à 2022", "en diminution par rapport à 2022"),
    ("dalend t.o.v. 2019", "en diminution par rapport à 2019"),
    ("rising compared with 2022", "en augmentation par rapport à 2022"),
    ("stabilisation", "stabilisation"),
    ("maintien", "stabilisation"),
    ("stable", "stabilisation"),
    ("behoud", "stabilisation"),
    ("stabiel", "stabilisation"),
    ("steady", "stabilisation"),
    ("maintien du niveau de 2022", "stabilisation par rapport à 2022"),
    ("stabiel t.o.v. 2019", "stabilisation par rapport à 2019"),
    ("stable compared with 2022", "stabilisation par rapport à 2022"),
    ("au moins le niveau de 2022", "au moins le niveau de 2022"),
    ("au plus le niveau de 2022", "au plus le niveau de 2022"),
    ("ten minste gelijk aan 2016", "au moins le niveau de 2016"),
    ("ten hoogste het niveau van 2016", "au plus le niveau de 2016"),
    ("at least the 2022 level", "au moins le niveau de 2022"),
    ("at most the level of 2015-2019", "au plus le niveau de 2015-2019"),
    ("≥ 80 % des dossiers", "≥ 80 % des dossiers"),
    ("au moins 90 % des demandes", "≥ 90 % des demandes"),
    ("minimaal 80 % van de dossiers", "≥ 80 % van de dossiers"),
    ("at least 80 % of the requests", "≥ 80 % of the requests"),
    ("entre 80 et 90 % des dossiers", "entre 80 et 90 % des dossiers"),
    ("minimaal 7,5", "≥ 7,5"),
    ("Oui/Non (rapport annuel)", "Oui/Non (rapport annuel)"),
    ("Ja/Nee (jaarverslag)", "Oui/Non (jaarverslag)"),
    ("Yes/No (annual report)", "Oui/Non (annual report)"),
    ("Oui", "Oui/Non"),
    ("Ja", "Oui/Non"),
    ("Yes", "Oui/Non"),
    ("≥ 50/an (moyenne)", "≥ 50/an (moyenne)"),
    ("minstens 50 per jaar (gemiddelde)", "≥ 50/an (gemiddelde)"),
    ("at least 50 a year (average)", "≥ 50/an (average)"),
    ("≥ 12 par an, soit 1 par mois", "≥ 12/an"),
    ("minstens 12 per jaar, d.w.z. 1 per maand", "≥ 12/an"),
    ("at least 12 a year, i.e. 1 a month", "≥ 12/an"),
    ("≥ 12 par an, c'est-à-dire 1 par mois", "≥ 12/an"),
    ("au minimum 3", "≥ 3"),
    ("au maximum 5", "≤ 5"),
    ("3 sessions a week", "≥ 3 sessions/semaine"),
    ("2 reports a month", "≥ 2 reports/mois"),
    ("twice a month", "≥ 2 fois/mois"),
    ("deux fois par mois", "≥ 2 fois/mois"),
    ("tweemaal per maand", "≥ 2 fois/mois"),
    ("≥ 1h30/jour", "≥ 1,5 heure/jour"),
    ("1 h 30 par jour", "≥ 1,5 heure/jour"),
    ("1h30 min per dag", "≥ 1,5 heure/jour"),
    ("90 min", "≥ 90 minutes"),
    ("1:30 a day", "≥ 1,5 heure/jour"),
    ("1h20", "≥ 80 minutes"),
    ("≥ 3 heures/jour ouvrable", "≥ 3 heures/jour ouvrable"),
    ("3 par jour ouvrable", "≥ 3/jour ouvrable"),
    ("5 per werkdag", "≥ 5/jour ouvrable"),
    ("2 per working day", "≥ 2/jour ouvrable"),
]


@pytest.mark.parametrize(("text", "canonical"), FORMS)
def test_each_form_reads_as_its_canonical_text(text: str, canonical: str) -> None:
    target = ci.parse_target(text)
    assert str(target) == canonical
    assert ci.parse_target(canonical) == target


def test_the_parts_of_a_form_are_kept() -> None:
    t = ci.parse_target("daling met 10 % van de feiten ten opzichte van de periode 2015-2019")
    assert isinstance(t, Change)
    assert (t.direction, t.size, t.relative, t.unit, t.of) == (
        Direction.DECREASE, Decimal(10), True, None, "van de feiten",
    )  # fmt: skip
    assert t.baseline == years_period("2015-2019")
    points = ci.parse_target("hausse de 3 points")
    assert isinstance(points, Change)
    assert (points.relative, points.unit) == (False, PERCENT)
    assert ci.parse_target("≥ 50/an (moyenne)").note == "moyenne"
    share = ci.parse_target("≥ 80 % des dossiers")
    assert isinstance(share, ci.Threshold)
    assert share.of == "des dossiers"


# (text, position of the caret, reason)
NEAR_MISSES = [
    ("diminution de", 13, "expected a number (12, 2,5, 1.500 or 1 500) after 'de', found the end of the text"),
    ("diminution de 120 %", 14, "a decrease of 120 % would go below zero: at most 100 %"),
    ("- 0 %", 2, "a change of 0 is no change: write stabilisation, or au moins le niveau de …"),
    ("diminution de 10 % par rapport à 22", 33, "expected a year or years (2022, 2015-2019) after 'à', found '22'"),
    ("par rapport à 22", 0, "expected a comparator (≥, ≤, >, <, =, au moins, au plus…), a number (12, 2,5, 1.500 or 1 500), a range (entre … et …), Oui/Non or a change (diminution de 10 %, en hausse, stabilisation…), found 'par rapport à'"),
    ("au moins le niveau", 18, "expected a year or years (2022, 2015-2019) after 'niveau', found the end of the text"),
    ("≥ 3 heures/jour, soit 15 heures/semaine", 22, "the equivalent '≥ 15 heures/semaine' does not agree with '≥ 3 heures/jour' ('≥ 3 heures/jour' is about 21 heures/semaine)"),
    ("≥ 12 par an, soit 1 par jour", 18, "the equivalent '≥ 1/jour' does not agree with '≥ 12/an' ('≥ 12/an' is about 0,03/jour)"),
    ("entre 1 et 2, soit 3", 19, "an equivalent (soit …) can only follow a threshold such as '≥ 12 par an'"),
    ("en baisse par rapport à 2019-2015", 24, "the baseline years '2019-2015' are not in order"),
    ("plus de le niveau de 2022", 21, "a level against a baseline is at least (au moins) or at most (au plus) it"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "position", "reason"), NEAR_MISSES)
def test_near_misses_say_what_is_wrong_in_plain_words(
    text: str, position: int, reason: str
) -> None:
    with pytest.raises(ci.TargetSyntaxError) as caught:
        ci.parse_target(text)
    error = caught.value
    assert (error.reason, error.position) == (reason, position)
    assert str(error).splitlines()[-1] == " " * (4 + position) + "^"


def test_an_equivalent_with_another_comparator_is_an_error() -> None:
    with pytest.raises(ci.TargetSyntaxError, match="comparators differ"):
        ci.parse_target("≤ 12 par an, soit ≥ 1 par mois")


def test_a_level_without_its_year_says_so() -> None:
    with pytest.raises(ci.TargetSyntaxError, match="2022"):
        ci.parse_target("au moins le niveau")


def test_a_change_in_points_has_no_share() -> None:
    with pytest.raises(ci.ConfigurationError):
        Change(Direction.INCREASE, 3, False, PERCENT, of="des dossiers")


def test_a_rate_per_working_day_over_a_weekend_is_a_measurement_error() -> None:
    with pytest.raises(ci.MeasurementError, match="holds no working day"):
        ci.parse_target("≥ 2/jour ouvrable").evaluate(ci.Measurement(value=3, period="2023-01-07"))


# ---------------------------------------------------------------- evaluating changes

YEAR, BEFORE = years_period("2023"), years_period("2022")
_VALUES = st.integers(0, 100_000) | st.floats(0, 1e6, allow_nan=False)
_POSITIVE = st.integers(1, 100_000) | st.floats(1e-3, 1e6, allow_nan=False)


def _m(value: float, period: Period = YEAR) -> ci.Measurement:
    return ci.Measurement(value=value, period=period)


_SIZED = st.builds(
    lambda direction, size, relative, baseline: Change(
        direction, min(size, Decimal(100)) if relative else size, relative, baseline=baseline
    ),
    st.sampled_from([Direction.DECREASE, Direction.INCREASE]),
    st.decimals(Decimal("0.5"), 1000, places=1),
    st.booleans(),
    st.none() | st.sampled_from([years_period("2022"), years_period("2015-2019")]),
)


@given(_SIZED, _POSITIVE, _VALUES, _VALUES)
def test_a_larger_change_the_right_way_never_scores_lower(
    target: ci.Target, base: float, o1: float, o2: float
) -> None:
    assert isinstance(target, Change)
    low, high = sorted((o1, o2))
    baseline = _m(base, target.baseline or BEFORE)
    a = target.evaluate(_m(low), baseline=baseline)
    b = target.evaluate(_m(high), baseline=baseline)
    if target.direction is Direction.DECREASE:  # a larger decrease never scores lower
        assert a.achievement >= b.achievement
        assert a.met or not b.met
    else:
        assert b.achievement >= a.achievement
        assert b.met or not a.met


@given(
    st.one_of(
        _SIZED.flatmap(lambda t: change_cases(target=t)),
        targets(kinds=[Change]).flatmap(lambda t: change_cases(target=t)),  # type: ignore[arg-type]
    )
)
def test_a_sized_change_is_met_when_the_expected_level_is_reached(
    case: tuple[Change, ci.Measurement, ci.Measurement],
) -> None:
    target, m, baseline = case
    if target.size is None:
        return
    ev = target.evaluate(m, baseline=baseline)
    assert ev.baseline is not None
    size = float(target.size or 0)
    step = ev.baseline * size / 100 if target.relative else size
    down = target.direction is Direction.DECREASE
    expected = ev.baseline - step if down else ev.baseline + step
    assert math.isclose(ev.expected, expected, rel_tol=1e-9, abs_tol=1e-9)
    reached = ev.observed <= expected if down else ev.observed >= expected
    if not math.isclose(ev.observed, expected, rel_tol=1e-6, abs_tol=1e-9):
        assert ev.met == reached
        assert math.isclose(ev.achievement, (ev.observed - ev.baseline) / (expected - ev.baseline))


@given(
    st.sampled_from(["en diminution", "en hausse", "stabilisation"]),
    _POSITIVE,
    _VALUES,
    st.sampled_from([0.0, 0.05, 0.1, 0.5]),
)
def test_direction_and_stable_are_met_as_documented(
    text: str, base: float, observed: float, tolerance: float
) -> None:
    target = ci.parse_target(text)
    bands = ci.Bands(tolerance=tolerance)
    ev = target.evaluate(_m(observed), baseline=_m(base, BEFORE), bands=bands)
    share = (observed - base) / base
    assert ev.change is not None
    assert math.isclose(ev.change, share, abs_tol=1e-12)
    expected = {
        "en diminution": share < -tolerance,
        "en hausse": share > tolerance,
        "stabilisation": abs(share) <= tolerance,
    }[text]
    assert ev.met == expected
    assert ev.achievement == (1.0 if expected else 0.0)


def test_the_default_tolerance_is_five_percent() -> None:
    target = ci.parse_target("en diminution")
    baseline = _m(100, BEFORE)
    assert ci.Bands().tolerance == DEFAULT_TOLERANCE == 0.05
    assert not target.evaluate(_m(95), baseline=baseline).met
    assert target.evaluate(_m(94), baseline=baseline).met
    assert ci.parse_target("stable").evaluate(_m(105), baseline=baseline).met


@given(
    st.sampled_from(["diminution de 10 %", "augmentation de 20", "en baisse", "stabilisation",
                     "au moins le niveau de 2015-2019", "hausse de 3 points"]),
    st.lists(st.integers(1, 10_000), min_size=5, max_size=5),
    _VALUES,
)  # fmt: skip
def test_a_multi_year_baseline_counts_as_its_mean_per_year(
    text: str, years: list[int], observed: float
) -> None:
    target = ci.parse_target(text)
    total = target.evaluate(_m(observed), baseline=_m(sum(years), years_period("2015-2019")))
    if target.unit == PERCENT:  # a percentage is a level: its mean is measured as one
        return
    # (a target naming its years takes its baseline from one of them)
    one_year = BEFORE if getattr(target, "baseline", None) is None else years_period("2019")
    mean = target.evaluate(_m(observed), baseline=_m(sum(years) / 5, one_year))
    assert total.status == mean.status
    assert math.isclose(total.baseline or 0, mean.baseline or 0, rel_tol=1e-9)
    assert math.isclose(total.achievement, mean.achievement, rel_tol=1e-9, abs_tol=1e-9)


@given(st.sampled_from(["diminution de 10 %", "+ 5 %", "baisse de 5 % des faits"]), _VALUES)
def test_a_zero_baseline_with_a_size_in_percent_is_a_measurement_error(
    text: str, observed: float
) -> None:
    with pytest.raises(ci.MeasurementError, match="the baseline is 0"):
        ci.parse_target(text).evaluate(_m(observed), baseline=_m(0, BEFORE))


@given(targets(kinds=[Change]))
def test_a_change_without_baseline_names_the_period_it_needs(target: ci.Target) -> None:
    assert isinstance(target, Change)
    with pytest.raises(ci.MeasurementError) as caught:
        target.evaluate(_m(10))
    message = str(caught.value)
    assert "needs a baseline" in message
    if target.baseline is None:
        assert "the period of the same length before the measured one" in message
    else:
        first, last = target.baseline.start.year, target.baseline.end.year
        assert (f"{first}" if first == last else f"{first}-{last}") in message


@given(change_cases())
def test_the_sign_of_a_change_is_the_sign_of_observed_minus_baseline(
    case: tuple[Change, ci.Measurement, ci.Measurement],
) -> None:
    target, m, baseline = case
    ev = target.evaluate(m, baseline=baseline)
    assert ev.baseline is not None
    if ev.change is None:  # a share of 0
        assert ev.baseline == 0
    else:
        assert math.copysign(1, ev.change) == math.copysign(1, ev.observed - ev.baseline) or (
            ev.change == 0 and ev.observed == ev.baseline
        )


@given(st.integers(0, 10_000), st.sampled_from(["2023", "2023-05", "2024-Q2", "2023-W18"]))
def test_a_rate_per_working_day_divides_by_the_working_days(value: int, period: str) -> None:
    ev = ci.parse_target("≥ 3/jour ouvrable").evaluate(ci.Measurement(value=value, period=period))
    days = ci.Measurement(value=value, period=period).period.length(TimeUnit.WORKING_DAY)  # type: ignore[union-attr]
    assert math.isclose(ev.observed, value / days)


PLAIN_FORMS = [
    ("Oui", "Oui/Non"),
    ("Oui/Non (rapport annuel)", "Oui/Non"),
    ("≥ 50/an (moyenne)", "≥ 50/an"),
    ("≥ 12 par an, soit 1 par mois", "≥ 12/an"),
    ("≥ 80 % des dossiers", "≥ 80 %"),
    ("entre 80 et 90 % van de dossiers", "entre 80 et 90 %"),
    ("≥ 1h30/jour", "≥ 1,5 heures/jour"),
    ("1:30 a day", "≥ 90 minutes/jour"),
    ("twice a month", "≥ 2 fois/mois"),
    ("au minimum 3 heures/jour", "≥ 3 heures/jour"),
]


@pytest.mark.parametrize(("text", "plain"), PLAIN_FORMS)
@given(number=st.integers(0, 10_000), answer=st.sampled_from(["Oui", "non", "JA", "no"]),
       period=st.sampled_from(["2023", "2023-03", "2023-W10"]))  # fmt: skip
def test_notes_shares_equivalents_and_durations_evaluate_like_their_plain_forms(
    text: str, plain: str, number: int, answer: str, period: str
) -> None:
    target, other = ci.parse_target(text), ci.parse_target(plain)
    duration = target.unit is not None and target.unit.kind is ci.UnitKind.DURATION
    value = answer if isinstance(target, ci.YesNo) else number
    m = ci.Measurement(value=value, period=period, unit="minutes" if duration else None)
    a, b = target.evaluate(m), other.evaluate(m)
    assert a.status == b.status
    assert math.isclose(a.achievement, b.achievement, rel_tol=1e-9)
