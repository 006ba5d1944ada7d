"""Hypothesis strategies for cssindicators' own types, for integrators' property tests.

Needs the ``strategies`` extra: ``pip install "cssindicators[strategies]"``. Every
strategy takes keyword-only arguments and produces valid values by default. The
examples state a law of what each strategy draws, as a test of yours would (with few
examples, to stay quick):

>>> import cssindicators as ci
>>> from hypothesis import given, settings
>>> @settings(max_examples=10)
... @given(written_targets())
... def test_written_targets_read_back(pair):
...     target, text = pair
...     assert ci.parse_target(text) == target
>>> test_written_targets_read_back()
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

# Plans are drawn by their own module; they are public here, with targets written below.
from cssindicators import _plan_strategies
from cssindicators.measurements import Measurement
from cssindicators.periods import Period, TimeUnit
from cssindicators.plan import Plan
from cssindicators.targets import (
    HOURS,
    MINUTES,
    PERCENT,
    TIMES,
    Between,
    Comparator,
    Target,
    Threshold,
    Unit,
    UnitKind,
    YesNo,
)

__all__ = [
    "amounts",
    "measurements",
    "periods",
    "plans",
    "target_texts",
    "targets",
    "units",
    "written_targets",
]

#: Counted nouns as they appear in plans (none of them is a word of the language).
NOUNS = (
    "réunions",
    "personnes",
    "actions",
    "projets",
    "contrôles",
    "visites",
    "participants",
    "dossiers",
    "séances d'information",
    "réunions de concertation",
    "bijeenkomsten",
    "meetings",
)


def amounts(*, max_value: int = 100_000, places: int = 2) -> st.SearchStrategy[Decimal]:
    """Non-negative amounts with at most ``places`` decimal places.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(amounts(max_value=50, places=1))
    ... def test_amounts_stay_in_bounds(amount):
    ...     assert 0 <= amount <= 50 and amount == round(amount, 1)
    >>> test_amounts_stay_in_bounds()
    """
    return st.decimals(min_value=0, max_value=max_value, places=places).map(
        lambda d: d.normalize() + 0
    )


def units(*, counted: bool = True) -> st.SearchStrategy[Unit | None]:
    """The units of targets: none, durations, percent, times, and (if ``counted``) nouns.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(units(counted=False))
    ... def test_fixed_units_only(unit):
    ...     assert unit in (None, HOURS, MINUTES, PERCENT, TIMES)
    >>> test_fixed_units_only()
    """
    fixed: list[Unit | None] = [None, HOURS, MINUTES, PERCENT, TIMES]
    if counted:
        fixed += [Unit(UnitKind.COUNT, noun) for noun in NOUNS]
    return st.sampled_from(fixed)


def targets(
    *, kinds: Sequence[type[Target]] = (Threshold, Between, YesNo)
) -> st.SearchStrategy[Target]:
    """Rule objects of the given kinds, with every comparator, unit and period.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(targets(kinds=[Between]))
    ... def test_ranges_are_ordered(target):
    ...     assert isinstance(target, Between) and target.low <= target.high
    >>> test_ranges_are_ordered()
    """
    pers = st.none() | st.sampled_from(TimeUnit)
    choices: list[st.SearchStrategy[Target]] = []
    if Threshold in kinds:
        choices.append(st.builds(Threshold, st.sampled_from(Comparator), amounts(), units(), pers))
    if Between in kinds:
        choices.append(
            st.tuples(amounts(), amounts(), units(), pers).map(
                lambda t: Between(min(t[0], t[1]), max(t[0], t[1]), t[2], t[3])
            )
        )
    if YesNo in kinds:
        choices.append(st.just(YesNo()))
    return st.one_of(choices)


# ---------------------------------------------------------------- writing targets as text
# How people write each part, in French, Dutch and English. These tables are an
# independent description of the language, kept apart from the grammar on purpose: the
# tests check that the grammar reads everything written this way.

_COMPARATOR_WORDS = {
    Comparator.AT_LEAST: ("≥", ">=", "=>", ">/=", ">/=à", ">/= à", "au moins", "minimum",
                          "min.", "minstens", "minimaal", "ten minste", "at least", ""),
    Comparator.AT_MOST: ("≤", "<=", "=<", "</=", "</= à", "au plus", "maximum", "max.",
                         "maximaal", "hoogstens", "ten hoogste", "at most", "up to"),
    Comparator.MORE_THAN: (">", "plus de", "meer dan", "more than"),
    Comparator.LESS_THAN: ("<", "moins de", "minder dan", "less than", "fewer than"),
    Comparator.EQUAL: ("=", "exactement", "precies", "exactly"),
}  # fmt: skip
_UNIT_WORDS = {
    "heures": ("heures", "heure", "h", "uur", "uren", "hours", "hrs"),
    "minutes": ("minutes", "minute", "min", "minuten", "mins"),
    "%": ("%", "pour cent", "pourcent", "procent", "percent"),
    "fois": ("fois", "keer", "maal", "times", "x"),
}
_PERIOD_WORDS = {
    TimeUnit.YEAR: ("an", "ans", "année", "annee", "jaar", "year"),
    TimeUnit.SEMESTER: ("semestre", "semester", "halfjaar"),
    TimeUnit.QUARTER: ("trimestre", "kwartaal", "quarter"),
    TimeUnit.MONTH: ("mois", "maand", "month"),
    TimeUnit.WEEK: ("semaine", "sem", "week", "wk"),
    TimeUnit.DAY: ("jour", "jours", "j", "dag", "day", "journée"),
}
_PERIOD_ADVERBS = {
    TimeUnit.YEAR: ("annuellement", "jaarlijks", "yearly", "per annum"),
    TimeUnit.SEMESTER: ("semestriellement", "halfjaarlijks"),
    TimeUnit.QUARTER: ("trimestriellement", "quarterly"),
    TimeUnit.MONTH: ("mensuellement", "maandelijks", "monthly"),
    TimeUnit.WEEK: ("hebdomadairement", "wekelijks", "weekly"),
    TimeUnit.DAY: ("quotidiennement", "dagelijks", "daily"),
}
_RANGE_WORDS = (
    ("entre", "et"),
    ("de", "à"),
    ("tussen", "en"),
    ("van", "tot"),
    ("between", "and"),
    ("from", "to"),
)
#: Where a range writes its unit and its period: after the high bound, the low one, or both.
_BOUNDS = (("high",), ("high",), ("low",), ("low", "high"))
_YES_NO = ("Oui/Non", "oui / non", "OUI/NON", "Ja/Nee", "ja / nee", "Yes/No", "yes/no")
_SPACES = ("", " ", "  ", "\u00a0")
_GROUPS = (" ", "\u00a0", "\u202f", "")


@st.composite
def _number(draw: st.DrawFn, amount: Decimal) -> str:
    whole, _, fraction = format(amount, "f").partition(".")
    group = draw(st.sampled_from(_GROUPS))
    if group and len(whole) > 3:
        head, rest = whole[: len(whole) % 3 or 3], whole[len(whole) % 3 or 3 :]
        whole = group.join([head, *(rest[i : i + 3] for i in range(0, len(rest), 3))])
    fraction = fraction.rstrip("0")
    if fraction:
        return whole + draw(st.sampled_from([",", "."])) + fraction
    if draw(st.booleans()) and draw(st.booleans()):
        return whole + draw(st.sampled_from([",", "."])) + "0"
    return whole


@st.composite
def _suffix(draw: st.DrawFn, unit: Unit | None, per: TimeUnit | None) -> str:
    text = ""
    if unit is not None:
        words = _UNIT_WORDS.get(unit.name, (unit.name,))
        word = draw(st.sampled_from(words))
        text += draw(st.sampled_from(_SPACES[1:] if word[0].isalpha() else _SPACES)) + word
    if per is not None:
        style = draw(st.sampled_from(["slash", "par", "adverb"]))
        if style == "adverb":
            text += " " + draw(st.sampled_from(_PERIOD_ADVERBS[per]))
        else:
            lead = (
                "/" if style == "slash" else " " + draw(st.sampled_from(["par", "per", "chaque"]))
            )
            space = draw(st.sampled_from(_SPACES)) if style == "slash" else " "
            text += draw(st.sampled_from(_SPACES)) + lead + space
            text += draw(st.sampled_from(_PERIOD_WORDS[per]))
    return text


@st.composite
def _write(draw: st.DrawFn, target: Target) -> str:
    if isinstance(target, YesNo):
        text = draw(st.sampled_from(_YES_NO))
    elif isinstance(target, Threshold):
        word = draw(st.sampled_from(_COMPARATOR_WORDS[target.comparator]))
        space = " " if word[-1:].isalpha() or word.endswith(".") else draw(st.sampled_from(_SPACES))
        text = word + space + draw(_number(target.amount))
        text += draw(_suffix(target.unit, target.per))
    else:
        assert isinstance(target, Between)
        start, sep = draw(st.sampled_from(_RANGE_WORDS))
        # The unit and the period each follow the high bound, the low one, or both.
        unit_at = draw(st.sampled_from(_BOUNDS))
        per_at = draw(st.sampled_from(_BOUNDS))
        low = draw(_number(target.low)) + draw(
            _suffix(
                target.unit if "low" in unit_at else None, target.per if "low" in per_at else None
            )
        )
        high = draw(_number(target.high)) + draw(
            _suffix(
                target.unit if "high" in unit_at else None,
                target.per if "high" in per_at else None,
            )
        )
        text = f"{start} {low} {sep} {high}"
    if draw(st.booleans()):
        text = text.upper() if draw(st.booleans()) else text.capitalize()
    return draw(st.sampled_from(["", " "])) + text + draw(st.sampled_from(["", ".", " ", ". "]))


def written_targets(
    *, kinds: Sequence[type[Target]] = (Threshold, Between, YesNo)
) -> st.SearchStrategy[tuple[Target, str]]:
    """Pairs of a target and a text that writes it the way people do, in any language.

    Comparators as symbols or words, numbers with decimal commas or points and grouped
    thousands, units and periods in French, Dutch or English (after either bound of a
    range, or both: ``entre 10 par an et 20 par an``), any case, stray spaces and a
    final full stop. ``parse_target(text) == target`` for every pair.

    >>> import cssindicators as ci
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(written_targets(kinds=[Threshold]))
    ... def test_thresholds_read_back(pair):
    ...     target, text = pair
    ...     assert ci.parse_target(text) == target
    >>> test_thresholds_read_back()
    """
    return targets(kinds=kinds).flatmap(lambda t: st.tuples(st.just(t), _write(t)))


def target_texts(
    *, kinds: Sequence[type[Target]] = (Threshold, Between, YesNo)
) -> st.SearchStrategy[str]:
    """Realistic target texts, as civil servants write them (see :func:`written_targets`).

    >>> import cssindicators as ci
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(target_texts(kinds=[YesNo]))
    ... def test_yes_no_texts(text):
    ...     assert ci.parse_target(text) == YesNo()
    >>> test_yes_no_texts()
    """
    return written_targets(kinds=kinds).map(lambda pair: pair[1])


def plans(
    *, max_sectors: int = 3, max_children: int = 2, max_items: int = 2
) -> st.SearchStrategy[Plan]:
    """Valid plans: one to ``max_sectors`` sectors, ``max_children`` children a node
    (two service blocks at most), ``max_items`` results and indicators an objective.

    Written with :func:`~cssindicators.reading.render_template`, a plan drawn reads back
    to an equal plan with no diagnostic; its targets are written as people write them
    (:func:`written_targets`).

    >>> from hypothesis import given, settings
    >>> from cssindicators.reading import parse_plan, render_template
    >>> @settings(max_examples=5)
    ... @given(plans(max_sectors=2))
    ... def test_plans_read_back(plan):
    ...     assert parse_plan(render_template(plan)) == plan
    >>> test_plans_read_back()
    """
    return _plan_strategies.plans(
        written_targets(),
        max_sectors=max_sectors,
        max_children=max_children,
        max_items=max_items,
    )


@st.composite
def _period(draw: st.DrawFn, min_year: int, max_year: int) -> Period:
    year = draw(st.integers(min_year, max_year))
    form = draw(st.sampled_from(["year", "half", "quarter", "month", "week", "day", "interval"]))
    if form == "year":
        text = f"{year}"
    elif form == "half":
        text = f"{year}-H{draw(st.integers(1, 2))}"
    elif form == "quarter":
        text = f"{year}-Q{draw(st.integers(1, 4))}"
    elif form == "month":
        text = f"{year}-{draw(st.integers(1, 12)):02d}"
    elif form == "week":
        text = f"{year}-W{draw(st.integers(1, 52)):02d}"
    else:
        start = draw(st.dates(date(year, 1, 1), date(year, 12, 31)))
        if form == "day":
            text = start.isoformat()
        else:
            end = start + timedelta(days=draw(st.integers(0, 730)))
            text = f"{start.isoformat()}/{end.isoformat()}"
    return Period.parse(text)


def periods(*, min_year: int = 2015, max_year: int = 2030) -> st.SearchStrategy[Period]:
    """Periods in every ISO 8601 form the library reads, starting between two years.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(periods(min_year=2023, max_year=2023))
    ... def test_periods_start_in_2023(period):
    ...     assert period.start.year == 2023 and period.start <= period.end
    >>> test_periods_start_in_2023()
    """
    return _period(min_year, max_year)


_ANSWERS: tuple[bool | str, ...] = (
    True,
    False,
    "Oui",
    "Non",
    "oui",
    "NON",
    "Ja",
    "Nee",
    "Yes",
    "No",
)


@st.composite
def _measurement(
    draw: st.DrawFn, target: Target | None, indicator: str | None, max_value: int
) -> Measurement:
    period = draw(periods())
    if isinstance(target, YesNo):
        return Measurement(
            value=draw(st.sampled_from(_ANSWERS)), period=period, indicator=indicator
        )
    value = draw(
        st.integers(0, max_value) | st.decimals(0, max_value, places=2).map(lambda d: d + 0)
    )
    unit = None
    if target is not None and target.unit is not None and draw(st.booleans()):
        unit = {"heures": draw(st.sampled_from(["heures", "minutes", "h"]))}.get(
            target.unit.name, target.unit.name
        )
        if unit == "minutes":
            value *= 60
    return Measurement(value=value, period=period, unit=unit, indicator=indicator)


def measurements(
    *, target: Target | None = None, indicator: str | None = None, max_value: int = 10_000
) -> st.SearchStrategy[Measurement]:
    """Valid measurements: for ``target`` if given (right value type, a compatible unit),
    over periods of every form, for the ``indicator`` id if given.

    >>> import cssindicators as ci
    >>> from hypothesis import given, settings
    >>> t = ci.parse_target("≥ 3 heures/jour")
    >>> @settings(max_examples=10)
    ... @given(measurements(target=t, indicator="1.1.1.1"))
    ... def test_measurements_evaluate(m):
    ...     assert m.indicator == "1.1.1.1"
    ...     assert t.evaluate(m).status in (ci.Status.MET, ci.Status.PARTIAL, ci.Status.NOT_MET)
    >>> test_measurements_evaluate()
    """
    return _measurement(target, indicator, max_value)
