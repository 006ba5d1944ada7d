"""Periods: ISO 8601 and the forms Belgian exports write; calendar-exact lengths."""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators import periods as _periods
from cssindicators.periods import Period, TimeUnit
from cssindicators.strategies import periods

Span = tuple[date, date]

# ---------------------------------------------------------------- ISO 8601

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
    "2023 / 2024": (date(2023, 1, 1), date(2024, 12, 31)),
    " 2023 ": (date(2023, 1, 1), date(2023, 12, 31)),
    "\xa02023-03\u202f": (date(2023, 3, 1), date(2023, 3, 31)),
}


@pytest.mark.parametrize(("text", "span"), FORMS.items())
def test_forms(text: str, span: Span) -> None:
    period = ci.parse_period(text)
    assert (period.start, period.end) == span
    assert ci.parse_period(str(period)) == period


# ---------------------------------------------------------------- Belgian forms

JAN, H1 = (date(2023, 1, 1), date(2023, 1, 31)), (date(2023, 1, 1), date(2023, 6, 30))
Q1, YEAR = (date(2023, 1, 1), date(2023, 3, 31)), (date(2023, 1, 1), date(2023, 12, 31))
MARCH_15 = (date(2023, 3, 15), date(2023, 3, 15))


def month(number: int, year: int = 2023) -> Span:
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])


BELGIAN = {
    # years
    "année 2023": YEAR,
    "annee 2023": YEAR,
    "Année 2023": YEAR,
    "jaar 2023": YEAR,
    "Year 2023": YEAR,
    # semesters
    "S1 2023": H1,
    "s2 2023": (date(2023, 7, 1), date(2023, 12, 31)),
    "2023-S1": H1,
    "H1 2023": H1,
    "1er semestre 2023": H1,
    "2e semestre 2023": (date(2023, 7, 1), date(2023, 12, 31)),
    "2ème semestre 2023": (date(2023, 7, 1), date(2023, 12, 31)),
    "1e semester 2023": H1,
    "2de halfjaar 2023": (date(2023, 7, 1), date(2023, 12, 31)),
    "1st half 2023": H1,
    # quarters
    "T1 2023": Q1,
    "2023-T1": Q1,
    "2023-t4": (date(2023, 10, 1), date(2023, 12, 31)),
    "K1 2023": Q1,
    "2023-K2": (date(2023, 4, 1), date(2023, 6, 30)),
    "Q1 2023": Q1,
    "q3 2023": (date(2023, 7, 1), date(2023, 9, 30)),
    "1er trimestre 2023": Q1,
    "3e trimestre 2023": (date(2023, 7, 1), date(2023, 9, 30)),
    "4ème trimestre 2023": (date(2023, 10, 1), date(2023, 12, 31)),
    "1ste kwartaal 2023": Q1,
    "2de kwartaal 2023": (date(2023, 4, 1), date(2023, 6, 30)),
    "1st quarter 2023": Q1,
    "2nd quarter 2023": (date(2023, 4, 1), date(2023, 6, 30)),
    # months, by name
    "janvier 2023": JAN,
    "janv. 2023": JAN,
    "janv 2023": JAN,
    "janv.2023": JAN,
    "JANV. 2023": JAN,
    "jan 2023": JAN,
    "januari 2023": JAN,
    "January 2023": JAN,
    "fevrier 2023": month(2),
    "février 2023": month(2),
    "févr. 2023": month(2),
    "fevr 2023": month(2),
    "febr. 2023": month(2),
    "feb 2024": month(2, 2024),
    "mars 2023": month(3),
    "mrt 2023": month(3),
    "maart 2023": month(3),
    "March 2023": month(3),
    "mar. 2023": month(3),
    "avr. 2023": month(4),
    "mai 2023": month(5),
    "mei 2023": month(5),
    "May 2023": month(5),
    "juin 2023": month(6),
    "juni 2023": month(6),
    "juil. 2023": month(7),
    "juill. 2023": month(7),
    "jul 2023": month(7),
    "aout 2023": month(8),
    "août 2023": month(8),
    "AOÛT 2023": month(8),
    "augustus 2023": month(8),
    "sept. 2023": month(9),
    "sep 2023": month(9),
    "okt 2023": month(10),
    "oct. 2023": month(10),
    "novembre 2023": month(11),
    "déc. 2023": month(12),
    "dec 2023": month(12),
    "décembre 2023": month(12),
    # months as Excel shows them: a two-digit year is 20yy
    "janv-23": JAN,
    "janv.-23": JAN,
    "Jan-23": JAN,
    "mrt-23": month(3),
    "déc.-99": month(12, 2099),
    "janv-00": month(1, 2000),
    "mei-2023": month(5),
    # months, by number
    "01/2023": JAN,
    "1/2023": JAN,
    "12/2023": month(12),
    # days, day first
    "15/03/2023": MARCH_15,
    "15.03.2023": MARCH_15,
    "15-03-2023": MARCH_15,
    "1/3/2023": (date(2023, 3, 1), date(2023, 3, 1)),
    "01/03/2023": (date(2023, 3, 1), date(2023, 3, 1)),
    "29/02/2024": (date(2024, 2, 29), date(2024, 2, 29)),
    "15 mars 2023": MARCH_15,
    "15 mrt. 2023": MARCH_15,
    "15 March 2023": MARCH_15,
    "1er janvier 2023": (date(2023, 1, 1), date(2023, 1, 1)),
    "15-mrt-23": MARCH_15,
    "15-mars-2023": MARCH_15,
    # intervals
    "01/01/2023-30/06/2023": H1,
    "1.1.2023-30.6.2023": H1,
    "01/2023-06/2023": H1,
    "01/01/2023 - 30/06/2023": H1,
    "01/01/2023 -30/06/2023": H1,
    "01/01/2023 – 30/06/2023": H1,
    "01/01/2023–30/06/2023": H1,
    "01-01-2023 - 30-06-2023": H1,
    "du 01/01/2023 au 30/06/2023": H1,
    "Du 1er janvier 2023 au 30 juin 2023": H1,
    "de janvier 2023 à juin 2023": H1,
    "van 1/1/2023 tot 30/6/2023": H1,
    "van 1/1/2023 tot en met 30/6/2023": H1,
    "van 1/1/2023 t/m 30/6/2023": H1,
    "from 1/1/2023 to 30/6/2023": H1,
    "janv. 2023 - juin 2023": H1,
    "T1 2023 - T2 2023": H1,
    "2023-01 - 2023-06": H1,
    "du 2023-01-01 au 2023-06-30": H1,
    "2022 - 2023": (date(2022, 1, 1), date(2023, 12, 31)),
    "déc. 2022 – janv. 2023": (date(2022, 12, 1), date(2023, 1, 31)),
    # spaces, no-break spaces
    "\xa0janv.\xa02023 ": JAN,
    "  T1   2023\t": Q1,
    "du\xa001/01/2023\u202fau 30/06/2023": H1,
}


@pytest.mark.parametrize(("text", "span"), BELGIAN.items())
def test_belgian_forms(text: str, span: Span) -> None:
    period = ci.parse_period(text)
    assert (period.start, period.end) == span
    assert re.fullmatch(r"[0-9QHW/-]+", str(period))  # printed in ISO 8601
    assert ci.parse_period(str(period)) == period


# ---------------------------------------------------------------- errors

#: Texts that are no period at all: the message lists the accepted forms.
UNREADABLE = [
    "",
    "23",
    "٢٠٢٣",
    "2023-01-01/",
    "2023/13",
    "S01 2023",  # S01 looks like a week (semaine 1), not a semester
    "T1",
    "T12 2023",
    "15/03/23",
    "janv 23",
    "janv-3",
    "jui 2023",  # juin or juillet?
    "trimestre 2023",
    "1 trimestre 2023",
    "1er trimestre",
    "année. 2023",
    "2023 T1",
    "03.2023",
    "2023/03/15",
    "15/03.2023",
    "du 01/01/2023 au",
    "du 01/01/2023 tot 30/06/2023",
    "2023 - 2024 - 2025",
    "01/01/2023-30/06/2023-31/12/2023",
    "janvier-juin 2023",
]


@pytest.mark.parametrize("text", UNREADABLE)
def test_unreadable_texts_list_the_accepted_forms(text: str) -> None:
    with pytest.raises(ci.PeriodError) as info:
        ci.parse_period(text)
    message = str(info.value)
    assert isinstance(info.value, ValueError)
    assert message.startswith(f"Invalid period {_periods._q(text)}: ")
    assert message.index("expected ISO 8601 such as 2023") < message.index("written in Belgium")
    for form in ("T1 2023", "janv. 2023", "janv-23", "15/03/2023 (day first)", "année 2023"):
        assert form in message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-13", "month must be in 1..12"),
        ("2023-00", "month must be in 1..12"),
        ("2023-Q0", "quarter must be in 1..4"),
        ("2023-H3", "half-year must be in 1..2"),
        ("2023-02-29", "day is out of range"),
        ("2023-W54", "Invalid week"),
        ("0000", "year must be at least 1"),
        ("2023-06/2023-01", "it ends before it starts"),
        ("T5 2023", "quarter must be in 1..4"),
        ("T0 2023", "quarter must be in 1..4"),
        ("K5 2023", "quarter must be in 1..4"),
        ("2023-T5", "quarter must be in 1..4"),
        ("5e trimestre 2023", "quarter must be in 1..4"),
        ("S3 2023", "semester must be in 1..2"),
        ("3e semestre 2023", "semester must be in 1..2"),
        ("H3 2023", "half-year must be in 1..2"),
        ("3de halfjaar 2023", "half-year must be in 1..2"),
        ("13/2023", "month must be in 1..12"),
        ("0/2023", "month must be in 1..12"),
        ("janvier 0000", "year must be at least 1"),
        ("32/01/2023", "day must be in 1..31 in 2023-01"),
        ("0/1/2023", "day must be in 1..31 in 2023-01"),
        ("29/02/2023", "day must be in 1..28 in 2023-02"),
        ("31.04.2023", "day must be in 1..30 in 2023-04"),
        ("32 mars 2023", "day must be in 1..31 in 2023-03"),
        ("30-févr-23", "day must be in 1..28 in 2023-02"),
        ("03/15/2023", "month must be in 1..12, found 15; dates are written day first"),
        ("12.31.2023", "month must be in 1..12, found 31; dates are written day first"),
        ("02-28-2023", "month must be in 1..12, found 28; dates are written day first"),
        ("15/13/2023", "month must be in 1..12, found 13; dates are written day first"),
        ("juin 2023 - janv. 2023", "it ends before it starts"),
        ("du 30/06/2023 au 01/01/2023", "it ends before it starts"),
        ("janv. 2023 - juin", "'juin' is not a period; expected ISO 8601"),
        ("du 01/01/2023 au 30/06", "'30/06' is not a period; expected ISO 8601"),
        ("2023-2024", "a dash without spaces joins two ends only when both are written with /"),
        ("T1 2023-T2 2023", "for an interval write T1 2023 - T2 2023; expected ISO 8601"),
        ("15-03-2023-30-06-2023", "for an interval write 15-03-2023 - 30-06-2023"),
    ],
)
def test_rejected(text: str, message: str) -> None:
    with pytest.raises(ci.PeriodError, match=re.escape(message)) as info:
        ci.parse_period(text)
    assert isinstance(info.value, ValueError)
    assert str(info.value).startswith(f"Invalid period {_periods._q(text)}: ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-13", "Invalid period '2023-13': month must be in 1..12"),
        ("2023-Q5", "Invalid period '2023-Q5': quarter must be in 1..4"),
        ("2023-02-29", "Invalid period '2023-02-29': day is out of range for month"),
        ("T5 2023", "Invalid period 'T5 2023': quarter must be in 1..4"),
        (
            "03/15/2023",
            "Invalid period '03/15/2023': month must be in 1..12, found 15; "
            "dates are written day first (15/03/2023 is 15 March)",
        ),
        (
            "x",
            "Invalid period 'x': expected ISO 8601 such as 2023, 2023-03, 2023-Q2, 2023-H1, "
            "2023-W10, 2023-03-15 or an interval 2023-01-01/2023-06-30, or a form written in "
            "Belgium such as année 2023, T1 2023, 2023-T1, 1er trimestre 2023, S1 2023, "
            "janv. 2023, janv-23, 01/2023, 15/03/2023 (day first), 15 mars 2023, "
            "01/01/2023-30/06/2023 or du 01/01/2023 au 30/06/2023",
        ),
    ],
)
def test_exact_messages(text: str, message: str) -> None:
    with pytest.raises(ci.PeriodError) as info:
        ci.parse_period(text)
    assert str(info.value) == message


def test_non_string_is_a_period_error() -> None:
    with pytest.raises(ci.PeriodError, match="expected a string"):
        ci.parse_period(2023)  # type: ignore[arg-type,unused-ignore]


# ---------------------------------------------------------------- lengths


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
        ("T2 2023", TimeUnit.QUARTER, 1.0),
        ("du 15/02/2023 au 28/02/2023", TimeUnit.MONTH, 0.5),
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


# ---------------------------------------------------------------- properties

#: How authors spell each month (French, Dutch, English), accents as they write them.
MONTH_NAMES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    # (full names, abbreviations)
    (("janvier", "januari", "january"), ("janv", "jan")),
    (("février", "februari", "february"), ("févr", "fév", "febr", "feb")),
    (("mars", "maart", "march"), ("mrt", "mar")),
    (("avril", "april"), ("avr", "apr")),
    (("mai", "mei", "may"), ()),
    (("juin", "juni", "june"), ("jun",)),
    (("juillet", "juli", "july"), ("juil", "juill", "jul")),
    (("août", "augustus", "august"), ("aug",)),
    (("septembre", "september"), ("sept", "sep")),
    (("octobre", "oktober", "october"), ("oct", "okt")),
    (("novembre", "november"), ("nov",)),
    (("décembre", "december"), ("déc", "dec")),
)
CASES: tuple[Callable[[str], str], ...] = (str, str.lower, str.upper, str.title, str.swapcase)
SPACES = st.sampled_from([" ", " ", "  ", "\xa0", "\u202f", " \xa0"])
AROUND = st.sampled_from(["", "", " ", "\xa0", "\t", " \u202f "])


def unaccented(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def last_day(year: int, number: int) -> date:
    return date(year, number, calendar.monthrange(year, number)[1])


@st.composite
def month_names(draw: st.DrawFn, number: int) -> str:
    """A month's name as written: full or abbreviated, dot or not, accents or not."""
    full, short = MONTH_NAMES[number - 1]
    name = draw(st.sampled_from(full + short))
    if name in short and draw(st.booleans()):
        name += "."
    if draw(st.booleans()):
        name = unaccented(name)
    return name


def years(kind: str) -> st.SearchStrategy[int]:
    # The two-digit Excel forms need a year of this century.
    return st.integers(2000, 2099) if kind == "excel" else st.integers(1000, 2999)


@st.composite
def written_year(draw: st.DrawFn, year: int) -> str:
    word = draw(st.sampled_from(["", "année ", "annee ", "jaar ", "year "]))
    return f"{word}{year}"


@st.composite
def written_part(draw: st.DrawFn, year: int, size: int, index: int) -> str:
    """A semester (size 6) or quarter (size 3), in one of its written forms."""
    letters = "SH" if size == 6 else "TKQ"
    letter = draw(st.sampled_from(letters))
    if draw(st.booleans()):
        return draw(st.sampled_from([f"{letter}{index} {year}", f"{year}-{letter}{index}"]))
    french = "er" if index == 1 else draw(st.sampled_from(["e", "ème", "eme"]))
    dutch = draw(st.sampled_from(["e", "ste" if index == 1 else "de"]))
    english = {1: "st", 2: "nd", 3: "rd", 4: "th"}[index]
    words = (
        [f"{french} semestre", f"{dutch} semester", f"{dutch} halfjaar", f"{english} half"]
        if size == 6
        else [f"{french} trimestre", f"{dutch} kwartaal", f"{english} quarter"]
    )
    return f"{index}{draw(st.sampled_from(words))} {year}"


@st.composite
def written_month(draw: st.DrawFn, year: int, number: int) -> str:
    form = draw(st.sampled_from(["iso", "name", "excel", "number"]))
    if form == "iso":
        return f"{year}-{number:02d}"
    if form == "number":
        return f"{number:02d}/{year}" if draw(st.booleans()) else f"{number}/{year}"
    name = draw(month_names(number))
    if form == "excel":
        return f"{name}-{year % 100:02d}" if 2000 <= year <= 2099 else f"{name}-{year}"
    # After a dot the space may be left out: janv.2023
    space = "" if name.endswith(".") and draw(st.booleans()) else " "
    return f"{name}{space}{year}"


#: Ends written with / or . only (digits and at least one of them).
NUMERIC = re.compile(r"[\d/.]*[/.][\d/.]*")


@st.composite
def written_day(draw: st.DrawFn, day: date) -> str:
    form = draw(st.sampled_from(["iso", "numeric", "numeric", "name", "excel"]))
    if form == "iso":
        return day.isoformat()
    if form == "numeric":
        sep = draw(st.sampled_from("/.-"))
        d = f"{day.day:02d}" if draw(st.booleans()) else str(day.day)
        m = f"{day.month:02d}" if draw(st.booleans()) else str(day.month)
        return f"{d}{sep}{m}{sep}{day.year}"
    name = draw(month_names(day.month))
    if form == "excel" and 2000 <= day.year <= 2099:
        return f"{day.day}-{name}-{day.year % 100:02d}"
    number = "1er" if day.day == 1 and draw(st.booleans()) else str(day.day)
    return f"{number} {name} {day.year}"


@st.composite
def named_periods(draw: st.DrawFn, kind: str | None = None) -> tuple[str, Period]:
    """A period that has a named form, and one way of writing it (before spacing)."""
    kind = kind or draw(st.sampled_from(["year", "semester", "quarter", "month", "day"]))
    year = draw(years("excel" if draw(st.booleans()) else "any"))
    if kind == "year":
        return draw(written_year(year)), Period(date(year, 1, 1), date(year, 12, 31))
    if kind in ("semester", "quarter"):
        size = 6 if kind == "semester" else 3
        index = draw(st.integers(1, 12 // size))
        first = (index - 1) * size + 1
        span = Period(date(year, first, 1), last_day(year, first + size - 1))
        return draw(written_part(year, size, index)), span
    if kind == "month":
        number = draw(st.integers(1, 12))
        return draw(written_month(year, number)), Period(
            date(year, number, 1), last_day(year, number)
        )
    day = draw(st.dates(date(year, 1, 1), date(year, 12, 31)))
    return draw(written_day(day)), Period(day, day)


WORDS = [("du", "au"), ("de", "à"), ("de", "a"), ("van", "tot"), ("van", "tot en met")]
WORDS += [("van", "t/m"), ("from", "to")]


@st.composite
def joined(draw: st.DrawFn, first: str, last: str) -> str:
    """Two ends joined as an interval, in any way the grammar allows for them."""
    ways = [f"{first} - {last}", f"{first} -{last}", f"{first}- {last}", f"{first} – {last}"]
    ways += [f"{first}–{last}", f"{first} — {last}"]
    ways += [f"{opening} {first} {closing} {last}" for opening, closing in WORDS]
    if NUMERIC.fullmatch(first) and NUMERIC.fullmatch(last):
        ways.append(f"{first}-{last}")
    if _periods._SINGLE.fullmatch(first) and _periods._SINGLE.fullmatch(last):
        ways += [f"{first}/{last}", f"{first} / {last}"]
    return draw(st.sampled_from(ways))


@st.composite
def spaced(draw: st.DrawFn, text: str) -> str:
    """``text`` in any case, each space any run of spaces, with spaces around it."""
    text = draw(st.sampled_from(CASES))(text)
    parts = text.split(" ")
    inner = "".join(part + draw(SPACES) for part in parts[:-1]) + parts[-1]
    return f"{draw(AROUND)}{inner}{draw(AROUND)}"


@st.composite
def written_periods(draw: st.DrawFn) -> tuple[str, Period]:
    """Any period with a named form (year, semester, quarter, month, day, interval of
    days, or interval between two named periods), written in any accepted form."""
    kind = draw(st.sampled_from(["named", "named", "days", "between"]))
    if kind == "named":
        text, period = draw(named_periods())
    else:
        ends = draw(
            st.lists(named_periods("day" if kind == "days" else None), min_size=2, max_size=2)
        )
        (first, start), (last, end) = sorted(ends, key=lambda end: end[1].start)
        text, period = draw(joined(first, last)), Period(start.start, end.end)
    return draw(spaced(text)), period


@given(written_periods())
@example(("janv-23", Period(date(2023, 1, 1), date(2023, 1, 31))))
@example(("01/01/2023-30/06/2023", Period(date(2023, 1, 1), date(2023, 6, 30))))
@example(("2023-01-01/2023-06-30", Period(date(2023, 1, 1), date(2023, 6, 30))))
def test_any_written_form_reads_back_as_its_period(case: tuple[str, Period]) -> None:
    text, period = case
    assert ci.parse_period(text) == period
    assert ci.parse_period(str(period)) == period


@given(periods())
def test_printed_form_reads_back(period: Period) -> None:
    assert ci.parse_period(str(period)) == period
    assert period.length(TimeUnit.DAY) == period.days


@given(st.dates(date(1, 1, 1)), st.dates(date(1, 1, 1)))
def test_any_period_prints_in_iso_and_reads_back(one: date, other: date) -> None:
    period = Period(min(one, other), max(one, other))
    text = str(period)
    assert ci.parse_period(text) == period
    assert re.fullmatch(r"\d{4}(-(\d\d|Q\d|H\d|W\d\d|\d\d-\d\d))?(/\d{4}-\d\d-\d\d)?", text)


@given(
    st.integers(1000, 2999),
    st.integers(1, 12),
    st.integers(13, 31),
    st.sampled_from("/.-"),
    st.booleans(),
)
def test_month_first_dates_are_errors(
    year: int, number: int, day: int, sep: str, padded: bool
) -> None:
    text = f"{number:02d}{sep}{day}{sep}{year}" if padded else f"{number}{sep}{day}{sep}{year}"
    with pytest.raises(ci.PeriodError, match=f"found {day}; dates are written day first"):
        ci.parse_period(text)


# The grammar, stated independently of the parser: every way of cutting a text at a
# separator, and every single form that reads each part. An accepted text must have
# exactly one reading, and the parser must give what that reading gives.

#: The word opening an interval, and the words that may close its first end.
OPENINGS: dict[str, tuple[str, ...]] = {
    "du": ("au", "à", "a"),
    "de": ("au", "à", "a"),
    "van": ("tot", "tot en met", "t/m"),
    "from": ("to",),
}


def single_readings(part: str, whole: str, *, iso_only: bool = False) -> list[object]:
    """What each single form that reads ``part`` gives: its span, or its PeriodError."""
    found: list[object] = []
    key = _periods._key(part)
    forms = _periods._forms()
    for pattern, read in forms[:1] if iso_only else forms:  # the ISO form comes first
        match = pattern.fullmatch(key)
        if match is None:
            continue
        try:
            span = read(match, whole)
        except ci.PeriodError as error:
            found.append(str(error))
        else:
            if span is not None:
                found.append(span)
    return found


def combine(first: object, last: object, whole: str) -> object:
    if isinstance(first, str) or isinstance(last, str):  # an error
        return first if isinstance(first, str) else last
    assert isinstance(first, tuple)
    assert isinstance(last, tuple)
    if last[1] < first[0]:
        return f"Invalid period {whole!r}: it ends before it starts"
    return Period(first[0], last[1])


def cuts(text: str) -> list[tuple[str, str, str]]:
    """Every (first end, last end, kind of separator) the grammar could see in ``text``."""
    found: list[tuple[str, str, str]] = []
    for at, char in enumerate(text):
        first, last = text[:at].rstrip(" "), text[at + 1 :].lstrip(" ")
        if char == "/":
            found.append((first, last, "iso"))
        elif char in "–—" or (char == "-" and (first != text[:at] or last != text[at + 1 :])):
            found.append((first, last, "any"))
        elif char == "-":
            found.append((first, last, "numeric"))
    words = text.split(" ")
    if words[0].lower() in OPENINGS:
        for at in range(2, len(words)):
            for closing in OPENINGS[words[0].lower()]:
                size = len(closing.split(" "))
                if " ".join(words[at : at + size]).lower() == closing:
                    found.append((" ".join(words[1:at]), " ".join(words[at + size :]), "any"))
    return [(first, last, kind) for first, last, kind in found if first and last]


def readings(text: str) -> list[object]:
    """Every reading of ``text`` in the grammar: a Period or an error message."""
    collapsed = " ".join(text.split())
    found: list[object] = [
        Period(*r) if isinstance(r, tuple) else r for r in single_readings(collapsed, text)
    ]
    for first, last, kind in cuts(collapsed):
        if kind == "iso":
            # ISO ends around a slash: the ISO form only, spaces around the slash allowed.
            ends = [single_readings(end, text, iso_only=True) for end in (first, last)]
        elif kind == "numeric":
            # A dash without spaces joins only ends written with / or .
            ok = all(NUMERIC.fullmatch(end) for end in (first, last))
            ends = [single_readings(end, text) if ok else [] for end in (first, last)]
        else:
            ends = [single_readings(end, text) for end in (first, last)]
        found += [combine(a, b, text) for a in ends[0] for b in ends[1]]
    return found


def outcome(text: str) -> object:
    try:
        return ci.parse_period(text)
    except ci.PeriodError as error:
        return str(error)


TOKENS = [
    *["2023", "2024", "1999", "0000", "23", "1", "01", "3", "12", "13", "15", "31", "0"],
    *["/", "-", "-", ".", " ", " ", "\xa0", "–", "—", "T", "t", "K", "Q", "S", "H", "W"],
    *["e", "er", "ème", "de", "nd", "janv", "Janv.", "juin", "mrt", "mai", "août", "x"],
    *["année", "jaar", "trimestre", "kwartaal", "semestre", "half", "du ", " au "],
    *["van ", " tot ", " tot en met ", " t/m ", "from ", " to ", " à ", "de "],
]


@st.composite
def near_misses(draw: st.DrawFn) -> str:
    """A written period with a few edits: a character dropped, a token put in."""
    text = draw(written_periods())[0]
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
    return text


@given(
    near_misses()
    | st.lists(st.sampled_from(TOKENS), max_size=9).map("".join)
    | st.text(max_size=30)
)
@example("2023-T1-2023")
@example("2023-2024")
@example("du 2023 - 2024 au 2025")
@example("01/2023-06/2023")
@example("van 1/1/2023 tot en met 30/6/2023")
def test_every_text_has_at_most_one_reading_and_the_parser_gives_it(text: str) -> None:
    found = readings(text)
    assert len(found) <= 1, found
    result = outcome(text)
    if found:
        assert result == found[0]
    else:
        assert isinstance(result, str)  # an error, quoting the text
        assert result.startswith(f"Invalid period {_periods._q(text)}: ")


@given(written_periods())
def test_every_written_form_has_exactly_one_reading(case: tuple[str, Period]) -> None:
    text, period = case
    assert readings(text) == [period]
