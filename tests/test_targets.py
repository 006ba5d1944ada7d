"""The target language: the example plan's targets, accepted variants, rejected texts."""

from __future__ import annotations

from decimal import Decimal

import lark
import pytest

import cssindicators as ci
from cssindicators import _grammar
from cssindicators.targets import HOURS, MINUTES, PERCENT, TIMES

AT_LEAST, AT_MOST = ci.Comparator.AT_LEAST, ci.Comparator.AT_MOST
YEAR, DAY, MONTH = ci.TimeUnit.YEAR, ci.TimeUnit.DAY, ci.TimeUnit.MONTH

# Every target written in examples/molenbeek-2023/plan.txt, exactly as written, with the
# parts it must be read into and its canonical text.
GOLDEN = [
    ("≥ 3 heures/jour", AT_LEAST, "3", HOURS, DAY, "≥ 3 heures/jour"),
    ("≥ 12 par an", AT_LEAST, "12", None, YEAR, "≥ 12/an"),
    ("≥ 10 par an", AT_LEAST, "10", None, YEAR, "≥ 10/an"),
    ("≥ 250 /an", AT_LEAST, "250", None, YEAR, "≥ 250/an"),
    ("≥ 2 par an", AT_LEAST, "2", None, YEAR, "≥ 2/an"),
    (">/=à 50/an.", AT_LEAST, "50", None, YEAR, "≥ 50/an"),
    (">/=à 30/an.", AT_LEAST, "30", None, YEAR, "≥ 30/an"),
    (">/=à 50/an", AT_LEAST, "50", None, YEAR, "≥ 50/an"),
    (">/=à 15/an", AT_LEAST, "15", None, YEAR, "≥ 15/an"),
    (">/=à 10/an", AT_LEAST, "10", None, YEAR, "≥ 10/an"),
    (">/=à 3/an", AT_LEAST, "3", None, YEAR, "≥ 3/an"),
    (">/= à 2 /an", AT_LEAST, "2", None, YEAR, "≥ 2/an"),
    (">/= à 5/an", AT_LEAST, "5", None, YEAR, "≥ 5/an"),
    (">/= 10/an", AT_LEAST, "10", None, YEAR, "≥ 10/an"),
    (">/= 3/an", AT_LEAST, "3", None, YEAR, "≥ 3/an"),
]


@pytest.mark.parametrize(("text", "comparator", "amount", "unit", "per", "canonical"), GOLDEN)
def test_example_plan_targets(
    text: str,
    comparator: ci.Comparator,
    amount: str,
    unit: ci.Unit | None,
    per: ci.TimeUnit,
    canonical: str,
) -> None:
    target = ci.parse_target(text)
    assert isinstance(target, ci.Threshold)
    assert (target.comparator, target.amount, target.unit, target.per) == (
        comparator,
        Decimal(amount),
        unit,
        per,
    )
    assert str(target) == canonical
    assert ci.parse_target(canonical) == target
    assert hash(ci.parse_target(canonical)) == hash(target)


def test_example_plan_yes_no() -> None:
    target = ci.parse_target("Oui/Non")
    assert isinstance(target, ci.YesNo)
    assert (target.unit, target.per, str(target)) == (None, None, "Oui/Non")


# Accepted variants: text -> canonical text of the target it must read as.
VARIANTS = {
    # comparators as symbols, with or without "à" and spaces
    "≥ 5": "≥ 5",
    ">= 5": "≥ 5",
    "=> 5": "≥ 5",
    "> / = 5": "≥ 5",
    ">/=à5": "≥ 5",
    "≤ 5": "≤ 5",
    "<= 5": "≤ 5",
    "=< 5": "≤ 5",
    "</= à 5": "≤ 5",
    "> 5": "> 5",
    "< 5": "< 5",
    "= 5": "= 5",
    # comparators as words, in any case
    "au moins 5": "≥ 5",
    "Au Moins 5": "≥ 5",
    "minimum 5": "≥ 5",
    "min. 5": "≥ 5",
    "au plus 5": "≤ 5",
    "maximum 5": "≤ 5",
    "MAX. 5": "≤ 5",
    "plus de 5": "> 5",
    "moins de 5": "< 5",
    "exactement 5": "= 5",
    # a bare amount means "at least"
    "12/an": "≥ 12/an",
    "100 %": "≥ 100 %",
    # numbers, the Belgian way: a dot or a space before groups of three digits groups
    # thousands, a comma is the decimal mark, a dot elsewhere a decimal point
    "≥ 2,5 heures/jour": "≥ 2,5 heures/jour",
    "≥ 2.5 heures/jour": "≥ 2,5 heures/jour",
    "≥ 1 000/an": "≥ 1000/an",
    "≥ 1\u00a0000/an": "≥ 1000/an",
    "≥ 1\u202f000/an": "≥ 1000/an",
    "≥ 12 500,75/an": "≥ 12 500,75/an",
    "≥ 3,0 h/jour": "≥ 3 heures/jour",
    "≥ 1.500 heures/an": "≥ 1500 heures/an",
    "12.000 par an": "≥ 12 000/an",
    "≥ 1.250.000": "≥ 1 250 000",
    "≥ 1.500,5": "≥ 1500,5",
    "≥ 1 500,5": "≥ 1500,5",
    "≥ 1,500": "≥ 1,5",
    "≥ 0.75": "≥ 0,75",
    "≥ 0.250": "≥ 0,25",
    "≥ 1.2500": "≥ 1,25",
    "≥ 1500.250": "≥ 1500,25",
    "≥ 1 500.5": "≥ 1500,5",
    "entre 1.000 et 2.500 par an": "entre 1000 et 2500/an",
    "≥ 1.500.": "≥ 1500",
    # units
    "≥ 3 heure/jour": "≥ 3 heures/jour",
    "≥ 1 heure/jour": "≥ 1 heure/jour",
    "≥ 3 h/jour": "≥ 3 heures/jour",
    "≥ 3h/j": "≥ 3 heures/jour",
    "≥ 45 minutes/jour": "≥ 45 minutes/jour",
    "≥ 45 min/jour": "≥ 45 minutes/jour",
    "≥ 70 %": "≥ 70 %",
    "≥ 70 pour cent": "≥ 70 %",
    "≥ 12 réunions par an": "≥ 12 réunions/an",
    "≥ 12 réunions de concertation par an": "≥ 12 réunions de concertation/an",
    "≥ 30 personnes/mois": "≥ 30 personnes/mois",
    "≥ 4 fois par an": "≥ 4 fois/an",
    "≥ 4x/an": "≥ 4 fois/an",
    "≥ 4 X par semaine": "≥ 4 fois/semaine",
    "≥ 2 Times/mois": "≥ 2 fois/mois",
    # a word for "times" inside a label, or starting a longer word, is part of the label
    "≥ 3 fois de suite par an": "≥ 3 fois de suite/an",
    "≥ 3 x-ray scans par an": "≥ 3 x-ray scans/an",
    "≥ 2 xavier": "≥ 2 xavier",
    "≥ 2 timeshare/an": "≥ 2 timeshare/an",
    # periods
    "≥ 3 par jour": "≥ 3/jour",
    "≥ 3 /semaine": "≥ 3/semaine",
    "≥ 3 par mois": "≥ 3/mois",
    "≥ 3 par trimestre": "≥ 3/trimestre",
    "≥ 3 par semestre": "≥ 3/semestre",
    "≥ 3 par année": "≥ 3/an",
    "≥ 3 annuellement": "≥ 3/an",
    "≤ 90": "≤ 90",
    # ranges
    "entre 10 et 20 par an": "entre 10 et 20/an",
    "de 10 à 20 /an": "entre 10 et 20/an",
    "entre 10 et 10 réunions/an": "entre 10 et 10 réunions/an",
    "entre 2 h et 3 h par jour": "entre 2 et 3 heures/jour",
    # yes/no in any case and spacing
    "oui/non": "Oui/Non",
    "OUI / NON": "Oui/Non",
    "Oui /Non.": "Oui/Non",
    # trailing full stop, stray spaces
    "  ≥ 12 par an.  ": "≥ 12/an",
    "≥  12   par   an": "≥ 12/an",
    # Dutch
    "minstens 3 uur per dag": "≥ 3 heures/jour",
    "≥ 12 per jaar": "≥ 12/an",
    "maximaal 5 per maand": "≤ 5/mois",
    "≥ 3 keer per jaar": "≥ 3 fois/an",
    "Ja/Nee": "Oui/Non",
    "tussen 10 en 20 per jaar": "entre 10 et 20/an",
    "meer dan 3 per week": "> 3/semaine",
    # English
    "at least 12 per year": "≥ 12/an",
    "at most 5 per month": "≤ 5/mois",
    "Yes/No": "Oui/Non",
    "between 1 and 2 hours per day": "entre 1 et 2 heures/jour",
    "less than 10 %": "< 10 %",
    # English "a" before a period word: a rate
    "at least 3 sessions a week": "≥ 3 sessions/semaine",
    "3 visits a month": "≥ 3 visits/mois",
    "2 reports a year": "≥ 2 reports/an",
    "≥ 2 hours a day": "≥ 2 heures/jour",
    "4 times A Quarter": "≥ 4 fois/trimestre",
    "1 audit a half-year": "≥ 1 audit/semestre",
    "≥ 5 a week": "≥ 5/semaine",
    # … and nowhere else: "a" in a French label stays in the label
    "3 visites a domicile": "≥ 3 visites a domicile",
    "≥ 2 patrouilles a week-end": "≥ 2 patrouilles a week-end",
    "≥ 2 sessions a weeks": "≥ 2 sessions a weeks",
    "≥ 1 an": "≥ 1 an",
}


@pytest.mark.parametrize(("text", "canonical"), VARIANTS.items())
def test_accepted_variants(text: str, canonical: str) -> None:
    target = ci.parse_target(text)
    assert str(target) == canonical
    assert ci.parse_target(canonical) == target


def test_parts_are_typed_attributes() -> None:
    t = ci.parse_target("entre 2 et 3 heures par jour")
    assert isinstance(t, ci.Between)
    assert (t.low, t.high, t.unit, t.per) == (Decimal(2), Decimal(3), HOURS, DAY)
    p = ci.parse_target("≥ 70 %")
    assert isinstance(p, ci.Threshold)
    assert (p.unit, p.per, p.is_rate) == (PERCENT, None, False)
    assert ci.parse_target("≥ 3 keer/maand").unit == TIMES
    assert ci.parse_target("≥ 3 mins/jour").unit == MINUTES
    assert ci.parse_target("≥ 3 fois de suite").unit == ci.Unit(ci.UnitKind.COUNT, "fois de suite")


@pytest.mark.parametrize(
    ("answer", "observed"),
    [("Oui", 1.0), (" NON ", 0.0), ("ja", 1.0), ("Nee", 0.0), ("YES", 1.0), ("no", 0.0)],
)
def test_yes_no_answers_are_read_with_the_grammars_words(answer: str, observed: float) -> None:
    measured = ci.parse_target("Oui/Non").evaluate(ci.Measurement(value=answer))
    assert measured.observed == observed


@pytest.mark.parametrize("answer", ["Oui/Non", "oui.", "O", "nope", "noon", "", "1"])
def test_other_texts_are_not_yes_no_answers(answer: str) -> None:
    with pytest.raises(ci.MeasurementError, match="a yes/no target needs"):
        ci.parse_target("Oui/Non").evaluate(ci.Measurement(value=answer))


def test_every_terminal_of_the_grammar_has_a_plain_words_description() -> None:
    parser = lark.Lark(_grammar.grammar_text(), **_grammar.LARK_OPTIONS)
    told = {t.name for t in parser.terminals} - set(parser.ignore_tokens) | {"$END"}
    assert told - set(_grammar._DESCRIPTIONS) == set(), "terminals without a description"
    assert set(_grammar._DESCRIPTIONS) - told == set(), "descriptions of no terminal"


def test_targets_are_immutable_and_hashable() -> None:
    t = ci.parse_target("≥ 12 par an")
    assert isinstance(t, ci.Threshold)
    with pytest.raises(AttributeError):
        t.amount = Decimal(3)  # type: ignore[misc]
    assert len({t, ci.parse_target("au moins 12/an"), ci.parse_target("≥ 13/an")}) == 2


NUMBER_RULE = (
    "a dot or a space groups thousands before groups of three digits (1.500, 1 500), the "
    "decimal mark is a comma (2,5, 1.500,5), and a dot elsewhere is a decimal point (2.5)"
)

# Rejected texts with their exact messages.
REJECTED = {
    "": (0, "expected a target such as '≥ 12 par an' or 'Oui/Non', found nothing"),
    "≥": (
        1,
        "expected a number (12, 2,5, 1.500 or 1 500) after '≥', found the end of the text",
    ),
    "≥ douze par an": (2, "expected a number (12, 2,5, 1.500 or 1 500) after '≥', found 'douze'"),
    "≥ 3 heures/lundi": (
        11,
        "expected a period (jour, semaine, mois, trimestre, semestre, an) after '/', found 'lundi'",
    ),
    "≥ 3 heures par": (
        14,
        "expected a period (jour, semaine, mois, trimestre, semestre, an) after 'par', "
        "found the end of the text",
    ),
    "Oui/Non/Peut-être": (
        7,
        "expected a final full stop or the end of the target after 'Non', found '/'",
    ),
    "de 20 à 10/an": (3, "the low bound 20 exceeds the high bound 10"),
    "entre 2 h et 3 min par jour": (
        0,
        "both bounds of a range must have the same unit, got heures and minutes",
    ),
    "\x00": (
        0,
        "expected a comparator (≥, ≤, >, <, =, au moins, au plus…), a number "
        "(12, 2,5, 1.500 or 1 500), a range (entre … et …), Oui/Non or a change (diminution de 10 %, en hausse, stabilisation…), found '\\x00'",
    ),
    "≥ 12 par an par jour": (
        12,
        "expected a final full stop or the end of the target after 'an', found 'par'",
    ),
    # numbers that the Belgian way does not read: the whole number is pointed at
    **{
        text: (text.index(number), f"{number!r} is not a number: {NUMBER_RULE}")
        for text, number in [
            ("≥ 1,500,000 par an", "1,500,000"),
            ("≥ 1 500.250", "1 500.250"),
            ("≥ 1.500.5 heures", "1.500.5"),
            ("1.50.000", "1.50.000"),
            ("≥ 2,5.3 h/jour", "2,5.3"),
        ]
    },
    "≥ 1.500 000": (
        8,
        "expected a unit (heures, minutes, %, or what is counted), a period (/jour, par an…), "
        "a final full stop or the end of the target after '500', found '000'",
    ),
    "de 1.000 2.000": (
        9,
        "expected the second bound of the range (et …, à …), a unit (heures, minutes, %, "
        "or what is counted) or a period (/jour, par an…) after '000', found '2.000'",
    ),
}


@pytest.mark.parametrize(("text", "expected"), REJECTED.items())
def test_rejected_texts(text: str, expected: tuple[int, str]) -> None:
    position, reason = expected
    with pytest.raises(ci.TargetSyntaxError) as info:
        ci.parse_target(text)
    error = info.value
    assert (error.position, error.reason, error.text) == (position, reason, text)
    assert isinstance(error, ValueError)
    assert isinstance(error, ci.CssIndicatorsError)


def test_error_message_shows_text_and_caret() -> None:
    with pytest.raises(ci.TargetSyntaxError) as info:
        ci.parse_target("≥ 3 heures/lundi")
    assert str(info.value) == (
        "Invalid target '≥ 3 heures/lundi': expected a period (jour, semaine, mois, "
        "trimestre, semestre, an) after '/', found 'lundi'\n"
        "    ≥ 3 heures/lundi\n"
        "               ^"
    )


def test_error_message_never_names_lark_terminals() -> None:
    for text in ["≥ 3 heures/", "entre 3", "de 3 à", "≥ 3 h h", "x", "Oui/", "≥ 3 par"]:
        with pytest.raises(ci.TargetSyntaxError) as info:
            ci.parse_target(text)
        message = str(info.value)
        assert not any(name in message for name in ["NUMBER", "$END", "_SLASH", "WORD", "__"])
        assert info.value.expected


def test_long_text_is_cut_around_the_failure() -> None:
    text = "≥ 3 " + "très " * 190 + "/ lundi"
    with pytest.raises(ci.TargetSyntaxError) as info:
        ci.parse_target(text)
    first, excerpt, caret = str(info.value).splitlines()
    assert len(first) < 200
    assert len(excerpt) < 90
    assert excerpt.rstrip().endswith("/ lundi")
    assert caret.index("^") == excerpt.index("lundi")


def test_non_string_input_is_a_syntax_error() -> None:
    with pytest.raises(ci.TargetSyntaxError, match="expected a string, got int"):
        ci.parse_target(12)  # type: ignore[arg-type]
    with pytest.raises(ci.TargetSyntaxError):
        ci.parse_target(["≥ 3"])  # type: ignore[arg-type]


def test_lark_errors_are_translated_not_leaked() -> None:
    with pytest.raises(ci.TargetSyntaxError) as info:
        ci.parse_target("≥ 3 heures/lundi")
    # The original error stays available to debuggers as the cause, but the raised
    # type is ours only.
    assert type(info.value) is ci.TargetSyntaxError


@pytest.mark.parametrize(
    "text",
    [
        "≥ 3 " + "mot " * 50_000 + "par an",
        "≥ " + "9" * 100_000,
        "\x00\x01\x02" * 10_000,
        "≥ 3 heures/" + "jour" * 10_000,
        "(" * 10_000,
    ],
    ids=["long-label", "long-number", "control-chars", "glued-words", "brackets"],
)
def test_huge_inputs_parse_or_raise_a_syntax_error(text: str) -> None:
    try:
        target = ci.parse_target(text)
    except ci.TargetSyntaxError as error:
        assert len(str(error)) < 400
    else:
        assert ci.parse_target(str(target)) == target
