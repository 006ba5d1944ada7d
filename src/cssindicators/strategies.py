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
    Change,
    Comparator,
    Direction,
    Target,
    Threshold,
    Unit,
    UnitKind,
    YesNo,
    years_period,
)

__all__ = [
    "amounts",
    "baselines",
    "change_cases",
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


#: Every kind of target, the default of the strategies below.
KINDS: tuple[type[Target], ...] = (Threshold, Between, YesNo, Change)

#: What a percentage is a share of, as plans write it (with its preposition).
SHARES = (
    "des dossiers",
    "des demandes",
    "du personnel",
    "de la population",
    "des faits",
    "van de dossiers",
    "van de aanvragen",
    "van het personeel",
    "of the requests",
    "of cases",
)
#: Notes written in brackets after a target (none of them names a baseline).
NOTES = (
    "moyenne",
    "rapport annuel",
    "Moyenne annuelle",
    "cumul sur 3 ans",
    "hors vacances scolaires",
    "source : BNG",
    "gemiddelde",
    "estimate",
)


def baselines(*, min_year: int = 2010, max_year: int = 2024) -> st.SearchStrategy[Period]:
    """The baselines of change targets: a whole year, or up to five years in a row.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(baselines(min_year=2015, max_year=2019))
    ... def test_baselines_are_whole_years(period):
    ...     assert (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31)
    ...     assert 2015 <= period.start.year <= period.end.year <= 2023
    >>> test_baselines_are_whole_years()
    """
    return st.tuples(st.integers(min_year, max_year), st.integers(0, 4)).map(
        lambda ys: years_period(f"{ys[0]}-{ys[0] + ys[1]}")
    )


_NOTES = st.none() | st.sampled_from(NOTES)
_PERS = st.none() | st.sampled_from(TimeUnit)


def _sizes(max_value: int) -> st.SearchStrategy[Decimal]:
    return amounts(max_value=max_value).filter(lambda a: a > 0)


@st.composite
def _threshold(draw: st.DrawFn) -> Threshold:
    unit = draw(units())
    of = draw(st.none() | st.sampled_from(SHARES)) if unit == PERCENT else None
    return Threshold(
        draw(st.sampled_from(Comparator)), draw(amounts()), unit, draw(_PERS),
        of=of, note=draw(_NOTES),
    )  # fmt: skip


@st.composite
def _between(draw: st.DrawFn) -> Between:
    low, high, unit = draw(amounts()), draw(amounts()), draw(units())
    of = draw(st.none() | st.sampled_from(SHARES)) if unit == PERCENT else None
    return Between(min(low, high), max(low, high), unit, draw(_PERS), of=of, note=draw(_NOTES))


@st.composite
def _change(draw: st.DrawFn) -> Change:
    direction = draw(st.sampled_from(Direction))
    per, note = draw(_PERS), draw(_NOTES)
    if direction in (Direction.NOT_BELOW, Direction.NOT_ABOVE):
        return Change(direction, per=per, baseline=draw(baselines()), note=note)
    baseline = draw(st.none() | baselines())
    if direction is Direction.STABLE or draw(st.booleans()):
        return Change(direction, per=per, baseline=baseline, note=note)
    size_kind = draw(st.sampled_from(["relative", "points", "own terms"]))
    if size_kind == "relative":  # a share of the baseline: a decrease goes down to 0
        size = draw(_sizes(100 if direction is Direction.DECREASE else 1000))
        of = draw(st.none() | st.sampled_from(SHARES))
        # (a change in % per period is ambiguous: the language refuses it)
        return Change(direction, size, True, None, None, baseline, of=of, note=note)
    if size_kind == "points":
        return Change(direction, draw(_sizes(100)), False, PERCENT, per, baseline, note=note)
    unit = draw(units().filter(lambda u: u != PERCENT))
    return Change(direction, draw(_sizes(10_000)), False, unit, per, baseline, note=note)


def targets(*, kinds: Sequence[type[Target]] = KINDS) -> st.SearchStrategy[Target]:
    """Rule objects of the given kinds, with every comparator, unit and period, shares
    of percentages (``≥ 80 % des dossiers``) and notes; changes of every direction, with
    a size (``%`` of the baseline, points, the indicator's own terms) or without, with a
    baseline of one year or several or none.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(targets(kinds=[Between]))
    ... def test_ranges_are_ordered(target):
    ...     assert isinstance(target, Between) and target.low <= target.high
    >>> test_ranges_are_ordered()
    >>> @settings(max_examples=10)
    ... @given(targets(kinds=[Change]))
    ... def test_levels_have_a_baseline(target):
    ...     assert isinstance(target, Change)
    ...     assert target.baseline is not None or target.direction not in (
    ...         Direction.NOT_BELOW, Direction.NOT_ABOVE)
    >>> test_levels_have_a_baseline()
    """
    choices: list[st.SearchStrategy[Target]] = []
    if Threshold in kinds:
        choices.append(_threshold())
    if Between in kinds:
        choices.append(_between())
    if YesNo in kinds:
        choices.append(st.builds(YesNo, note=_NOTES))
    if Change in kinds:
        choices.append(_change())
    return st.one_of(choices)


# ---------------------------------------------------------------- writing targets as text
# How people write each part, in French, Dutch and English. These tables are an
# independent description of the language, kept apart from the grammar on purpose: the
# tests check that the grammar reads everything written this way.

_COMPARATOR_WORDS = {
    Comparator.AT_LEAST: ("≥", ">=", "=>", ">/=", ">/=à", ">/= à", "au moins", "au minimum",
                          "minimum", "min.", "minstens", "minimaal", "ten minste", "at least",
                          ""),
    Comparator.AT_MOST: ("≤", "<=", "=<", "</=", "</= à", "au plus", "au maximum", "maximum",
                         "max.", "maximaal", "hoogstens", "ten hoogste", "at most", "up to"),
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
    TimeUnit.WORKING_DAY: ("jour ouvrable", "jours ouvrables", "journée ouvrable", "werkdag",
                           "werkdagen", "working day", "working days", "business day"),
}  # fmt: skip
_PERIOD_ADVERBS = {
    TimeUnit.YEAR: ("annuellement", "jaarlijks", "yearly", "annually", "per annum", "a year"),
    TimeUnit.SEMESTER: ("semestriellement", "halfjaarlijks", "a semester"),
    TimeUnit.QUARTER: ("trimestriellement", "quarterly", "a quarter"),
    TimeUnit.MONTH: ("mensuellement", "maandelijks", "monthly", "a month"),
    TimeUnit.WEEK: ("hebdomadairement", "wekelijks", "weekly", "a week"),
    TimeUnit.DAY: ("quotidiennement", "dagelijks", "daily", "a day"),
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
_YES_NO = ("Oui/Non", "oui / non", "OUI/NON", "Ja/Nee", "ja / nee", "Yes/No", "yes/no", "Oui",
           "ja", "Yes")  # fmt: skip
_SPACES = ("", " ", "  ", "\u00a0")
_GROUPS = (" ", "\u00a0", "\u202f", "")
#: A number of times in words, by how many.
_MULTIPLES = {
    1: ("once", "une fois", "eenmaal", "een keer", "één keer"),
    2: ("twice", "deux fois", "tweemaal", "twee keer"),
    3: ("thrice", "trois fois", "driemaal", "drie keer"),
}
#: An hours-and-minutes duration, from its hours and minutes.
_DURATIONS = ("{h}h{m:02d}", "{h} h {m:02d}", "{h}h{m:02d} min", "{h}:{m:02d}", "{h}H{m:02d}")
#: What introduces an equivalent of a threshold: ``, soit 1 par mois``.
_EQUIVALENT_WORDS = (", soit", " soit", ", c'est-à-dire", ", ofwel", " oftewel", ", d.w.z.",
                     ", i.e.", ", that is")  # fmt: skip
#: How many months a unit of time holds on average, for writing equivalents (a year of
#: 252 working days, 52 weeks…: an equivalent is a rounding of the rule).
_MONTHS_IN = {
    TimeUnit.YEAR: 12.0, TimeUnit.SEMESTER: 6.0, TimeUnit.QUARTER: 3.0, TimeUnit.MONTH: 1.0,
    TimeUnit.WEEK: 12 / 52.18, TimeUnit.DAY: 12 / 365.25, TimeUnit.WORKING_DAY: 12 / 252,
}  # fmt: skip

# Changes against a baseline.
_CHANGE_NOUNS = {
    Direction.DECREASE: ("diminution", "baisse", "réduction", "reduction", "recul", "daling",
                         "vermindering", "afname", "reductie", "decrease", "decline", "drop"),
    Direction.INCREASE: ("augmentation", "hausse", "progression", "accroissement", "stijging",
                         "toename", "verhoging", "groei", "increase", "rise", "growth"),
}  # fmt: skip
_SIGNS = {Direction.DECREASE: ("-", "−"), Direction.INCREASE: ("+",)}
_BY_WORDS = ("", "de", "met", "van", "by", "of")
_DIRECTION_WORDS = {
    Direction.DECREASE: ("en diminution", "en baisse", "en recul", "en réduction",
                         "à la baisse", "dalend", "afnemend", "decreasing", "declining"),
    Direction.INCREASE: ("en augmentation", "en hausse", "en progression", "à la hausse",
                         "stijgend", "toenemend", "increasing", "rising"),
}  # fmt: skip
_STABLE_WORDS = ("stabilisation", "stabilité", "stable", "maintien", "stabilisatie", "stabiel",
                 "behoud", "status quo", "stability", "steady")  # fmt: skip
_POINTS_WORDS = ("points", "point", "pts", "pt", "points de pourcentage", "procentpunten",
                 "procentpunt", "percentage points")  # fmt: skip
_VERSUS_WORDS = ("par rapport à", "par rapport au", "par rapport", "en comparaison de",
                 "en comparaison avec", "comparé à", "vs", "vs.", "versus", "ten opzichte van",
                 "t.o.v.", "t.o.v", "tegenover", "vergeleken met", "compared with",
                 "compared to", "against")  # fmt: skip
_THE_PERIOD_WORDS = ("", "", "la période ", "l'année ", "de periode ", "het jaar ",
                     "the period ", "the year ", "année ", "jaar ")  # fmt: skip
_BASE_NOTES = ("(référence {})", "(réf. {})", "(référence : {})", "(année de référence {})",
               "(referentiejaar {})", "(basis {})", "(baseline {})")  # fmt: skip
_YEARS_SEPARATORS = ("-", " - ", "–", "/")
_LEVEL_WORDS = {
    Direction.NOT_BELOW: ("au moins", "au minimum", "minimum", "minstens", "minimaal",
                          "ten minste", "at least", "≥"),
    Direction.NOT_ABOVE: ("au plus", "au maximum", "maximum", "maximaal", "hoogstens",
                          "ten hoogste", "at most", "≤"),
}  # fmt: skip
_LEVEL_OF_WORDS = ("le niveau de", "gelijk aan", "het niveau van", "the level of")


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
def _per_text(draw: st.DrawFn, per: TimeUnit | None) -> str:
    if per is None:
        return ""
    styles = ["slash", "par", "adverb"] if per in _PERIOD_ADVERBS else ["slash", "par"]
    style = draw(st.sampled_from(styles))
    if style == "adverb":
        return " " + draw(st.sampled_from(_PERIOD_ADVERBS[per]))
    lead = "/" if style == "slash" else " " + draw(st.sampled_from(["par", "per", "chaque"]))
    space = draw(st.sampled_from(_SPACES)) if style == "slash" else " "
    return draw(st.sampled_from(_SPACES)) + lead + space + draw(st.sampled_from(_PERIOD_WORDS[per]))


@st.composite
def _suffix(draw: st.DrawFn, unit: Unit | None, per: TimeUnit | None, of: str | None = None) -> str:
    text = ""
    if unit is not None:
        words = _UNIT_WORDS.get(unit.name, (unit.name,))
        word = draw(st.sampled_from(words))
        text += draw(st.sampled_from(_SPACES[1:] if word[0].isalpha() else _SPACES)) + word
        if of is not None:
            text += " " + of
    return text + draw(_per_text(per))


@st.composite
def _amount(draw: st.DrawFn, amount: Decimal, unit: Unit | None) -> str:
    """An amount and its unit: a number, or in words: ``1h30``, ``twice``."""
    minutes = amount * 60 if unit == HOURS else amount if unit == MINUTES else None
    if (
        minutes is not None
        and minutes == int(minutes)
        and (int(minutes) % 3 == 0) == (unit == HOURS)
        and minutes < 60_000
        and draw(st.booleans())
    ):
        hours, rest = divmod(int(minutes), 60)
        return draw(st.sampled_from(_DURATIONS)).format(h=hours, m=rest)
    if unit == TIMES and amount in _MULTIPLES and draw(st.booleans()):
        return draw(st.sampled_from(_MULTIPLES[int(amount)]))
    return draw(_number(amount)) + draw(_suffix(unit, None))


@st.composite
def _equivalent(draw: st.DrawFn, target: Threshold) -> str:
    """The same rule in other terms, rounded as people round it: ``, soit 1 par mois``
    after ``≥ 12 par an``; empty when the rule has no other terms."""
    if target.unit == PERCENT or target.of is not None:
        return ""
    if target.per is None and target.unit not in (HOURS, MINUTES):
        return ""  # without a period, only a duration has other terms
    options: list[tuple[Decimal, Unit | None, TimeUnit | None]] = []
    units_to = {HOURS: (HOURS, MINUTES), MINUTES: (MINUTES, HOURS), None: (None, TIMES)}.get(
        target.unit, (target.unit, None)
    )
    scale = {(HOURS, MINUTES): 60.0, (MINUTES, HOURS): 1 / 60}
    for unit in units_to:
        if target.per is None and unit == target.unit:
            continue  # the same amount again says nothing
        for per in TimeUnit if target.per is not None else [None]:
            value = float(target.amount) * scale.get((target.unit, unit), 1.0)  # type: ignore[arg-type]
            if per is not None and target.per is not None:
                value *= _MONTHS_IN[per] / _MONTHS_IN[target.per]
            rounded = Decimal(repr(round(value, 2))).normalize() + 0
            if abs(float(rounded) - value) <= 0.02 * value:
                options.append((rounded, unit, per))
    if not options or not draw(st.booleans()):
        return ""
    amount, unit, per = draw(st.sampled_from(options))
    comparator = draw(st.sampled_from(["", target.comparator.value]))
    text = draw(st.sampled_from(_EQUIVALENT_WORDS)) + " " + (comparator and comparator + " ")
    return text + draw(_number(amount)) + draw(_suffix(unit, per))


@st.composite
def _years_text(draw: st.DrawFn, period: Period) -> str:
    first, last = period.start.year, period.end.year
    if first == last:
        return f"{first}"
    return f"{first}{draw(st.sampled_from(_YEARS_SEPARATORS))}{last}"


@st.composite
def _baseline_text(draw: st.DrawFn, baseline: Period | None) -> str:
    if baseline is None:
        return ""
    years = draw(_years_text(baseline))
    if draw(st.booleans()):
        return " " + draw(st.sampled_from(_BASE_NOTES)).format(years)
    versus = draw(st.sampled_from(_VERSUS_WORDS))
    return f" {versus} {draw(st.sampled_from(_THE_PERIOD_WORDS))}{years}"


@st.composite
def _write_change(draw: st.DrawFn, target: Change) -> str:
    direction, size = target.direction, target.size
    per = draw(_per_text(target.per))
    if target.baseline is not None and direction in (Direction.NOT_BELOW, Direction.NOT_ABOVE):
        comparator = draw(st.sampled_from(_LEVEL_WORDS[direction]))
        years = draw(_years_text(target.baseline))
        if draw(st.booleans()):
            return f"{comparator} {draw(st.sampled_from(_LEVEL_OF_WORDS))} {years}{per}"
        return f"{comparator} the {years} level{per}"
    if direction is Direction.STABLE:
        if target.baseline is not None and not per and draw(st.booleans()):
            years = draw(_years_text(target.baseline))
            return f"{draw(st.sampled_from(['maintien', 'stabilisation']))} du niveau de {years}"
        text = draw(st.sampled_from(_STABLE_WORDS)) + per
    elif size is None:
        words = _DIRECTION_WORDS[direction] + _CHANGE_NOUNS[direction]
        text = draw(st.sampled_from(words)) + per
    else:
        if draw(st.booleans()):
            by = draw(st.sampled_from(_BY_WORDS))
            text = draw(st.sampled_from(_CHANGE_NOUNS[direction])) + " " + (by and by + " ")
        else:
            text = draw(st.sampled_from(_SIGNS[direction])) + draw(st.sampled_from(_SPACES))
        text += draw(_number(size))
        if target.relative:
            text += draw(_suffix(PERCENT, None, target.of))
        elif target.unit == PERCENT:
            text += " " + draw(st.sampled_from(_POINTS_WORDS))
        else:
            text += draw(_suffix(target.unit, None))
        text += per
    return text + draw(_baseline_text(target.baseline))


@st.composite
def _write(draw: st.DrawFn, target: Target) -> str:
    if isinstance(target, YesNo):
        text = draw(st.sampled_from(_YES_NO))
    elif isinstance(target, Threshold):
        word = draw(st.sampled_from(_COMPARATOR_WORDS[target.comparator]))
        space = " " if word[-1:].isalpha() or word.endswith(".") else draw(st.sampled_from(_SPACES))
        if target.of is not None:
            amount = draw(_number(target.amount)) + draw(_suffix(target.unit, None, target.of))
        else:
            amount = draw(_amount(target.amount, target.unit))
        text = word + (space if word else "") + amount + draw(_per_text(target.per))
        text += draw(_equivalent(target))
    elif isinstance(target, Change):
        text = draw(_write_change(target))
    else:
        assert isinstance(target, Between)
        start, sep = draw(st.sampled_from(_RANGE_WORDS))
        # The unit and the period each follow the high bound, the low one, or both.
        unit_at = draw(st.sampled_from(_BOUNDS))
        per_at = draw(st.sampled_from(_BOUNDS))
        low = draw(_number(target.low)) + draw(
            _suffix(
                target.unit if "low" in unit_at else None,
                target.per if "low" in per_at else None,
                target.of,
            )
        )
        high = draw(_number(target.high)) + draw(
            _suffix(
                target.unit if "high" in unit_at else None,
                target.per if "high" in per_at else None,
                target.of,
            )
        )
        text = f"{start} {low} {sep} {high}"
    if draw(st.booleans()):
        text = text.upper() if draw(st.booleans()) else text.capitalize()
    if target.note is not None:  # written as it is kept: case and all
        inner = draw(st.sampled_from(["{}", " {} ", "{}  "])).format(target.note)
        text += draw(st.sampled_from([" ", "", "  "])) + f"({inner})"
    return draw(st.sampled_from(["", " "])) + text + draw(st.sampled_from(["", ".", " ", ". "]))


def written_targets(
    *, kinds: Sequence[type[Target]] = KINDS
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


def target_texts(*, kinds: Sequence[type[Target]] = KINDS) -> st.SearchStrategy[str]:
    """Realistic target texts, as civil servants write them (see :func:`written_targets`).

    >>> import cssindicators as ci
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(target_texts(kinds=[YesNo]))
    ... def test_yes_no_texts(text):
    ...     assert isinstance(ci.parse_target(text), YesNo)
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
        written_targets().map(_without_sign),
        max_sectors=max_sectors,
        max_children=max_children,
        max_items=max_items,
    )


def _without_sign(pair: tuple[Target, str]) -> tuple[Target, str]:
    """A change written with a sign (``-10 %``) written in words instead, for a plan
    without diagnostics: after a label that names no change, the reader warns that the
    sign may be a dash."""
    target, text = pair
    return (target, str(target)) if text.lstrip()[:1] in "-+−" else pair


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


def _has_working_days(period: Period) -> bool:
    return period.length(TimeUnit.WORKING_DAY) > 0


@st.composite
def _measurement(
    draw: st.DrawFn,
    target: Target | None,
    indicator: str | None,
    max_value: int,
    period: Period | None = None,
    min_value: int = 0,
) -> Measurement:
    if period is None:
        within = periods()
        if target is not None and target.per is TimeUnit.WORKING_DAY and target.is_rate:
            within = within.filter(_has_working_days)  # a rate per working day needs one
        period = draw(within)
    if isinstance(target, YesNo):
        return Measurement(
            value=draw(st.sampled_from(_ANSWERS)), period=period, indicator=indicator
        )
    value = draw(
        st.integers(min_value, max_value)
        | st.decimals(min_value, max_value, places=2).map(lambda d: d + 0)
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
    """Valid measurements: for ``target`` if given (right value type, a compatible unit,
    a period with working days for a rate per working day), over periods of every form,
    for the ``indicator`` id if given. For a :class:`~cssindicators.targets.Change`, see
    :func:`change_cases`, which draws its baseline too.

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


@st.composite
def _change_case(
    draw: st.DrawFn, target: Change | None, max_value: int
) -> tuple[Change, Measurement, Measurement]:
    if target is None:
        drawn = draw(targets(kinds=[Change]))
        assert isinstance(drawn, Change)
        target = drawn
    year = draw(st.integers(2016, 2030))
    if target.baseline is not None:
        base_period = target.baseline
        year = max(year, base_period.end.year + 1)
    else:  # the period of the same length just before
        base_period = years_period(str(year - 1))
    measured: Period = years_period(str(year))
    if target.is_rate and draw(st.booleans()):  # rates compare periods of any length
        within = periods(min_year=year, max_year=year)
        if target.per is TimeUnit.WORKING_DAY:
            within = within.filter(_has_working_days)
        measured = draw(within)
    m = draw(_measurement(target, None, max_value, measured))
    # a baseline of 0 has no share: a size in % needs something to take it of
    base = draw(_measurement(target, None, max_value, base_period, int(target.relative)))
    return target, m, base


def change_cases(
    *, target: Change | None = None, max_value: int = 10_000
) -> st.SearchStrategy[tuple[Change, Measurement, Measurement]]:
    """Triples of a change target (``target``, or any), a measurement and a baseline
    measurement that evaluate: the baseline over the target's baseline years, or the
    year before the measured one; a total measured over a year (a baseline of several
    years counts by its mean per year), a rate over any period; a baseline above 0 for a
    size in %.

    >>> import cssindicators as ci
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(change_cases())
    ... def test_changes_evaluate(case):
    ...     target, measurement, baseline = case
    ...     ev = target.evaluate(measurement, baseline=baseline)
    ...     assert ev.baseline_measurement == baseline and ev.baseline is not None
    >>> test_changes_evaluate()
    """
    return _change_case(target, max_value)
