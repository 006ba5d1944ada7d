"""Periods, as ISO 8601 or as Belgian exports write them, and their calendar-exact lengths.

A measurement is a value observed over a period. Periods are read from ISO 8601:

=========================  ====================================
``2023``                   a calendar year
``2023-H1`` / ``2023-S2``  a semester (half-year)
``2023-Q2``                a quarter
``2023-03``                a month
``2023-W10``               an ISO week (Monday to Sunday)
``2023-03-15``             a day
``2023-01-01/2023-06-30``  an interval, both ends included; each end may be any of
                           the forms above (``2023-01/2023-06`` is the same interval)
=========================  ====================================

and from the forms that Belgian exports and spreadsheets write, with French, Dutch or
English words in any case, accents optional:

========================================  =============================================
``année 2023``, ``jaar 2023``             a calendar year (also ``year 2023``)
``S1 2023``, ``H1 2023``, ``2023-S1``     a semester (also ``1er semestre 2023``,
                                          ``2e semestre 2023``, ``2de halfjaar 2023``)
``T1 2023``, ``K1 2023``, ``Q1 2023``     a quarter (also ``2023-T1``, ``2023-K1``,
                                          ``1er trimestre 2023``, ``1ste kwartaal 2023``,
                                          ``1st quarter 2023``)
``janvier 2023``, ``janv. 2023``          a month, its name in full or abbreviated, with
                                          or without the dot (``januari 2023``,
                                          ``mrt 2023``, ``March 2023``, ``févr. 2023``)
``janv-23``, ``mrt-23``, ``Jan-2023``     a month as Excel shows it (``23`` is 2023)
``01/2023``, ``1/2023``                   a month
``15/03/2023``, ``15.03.2023``            a day, always day first (also ``15-03-2023``,
                                          ``1/3/2023``, ``15 mars 2023``,
                                          ``1er janvier 2023``, ``15-mrt-23``)
``01/01/2023-30/06/2023``                 an interval, both ends included
``janv. 2023 - juin 2023``                an interval between any two forms above
``du 01/01/2023 au 30/06/2023``           the same with words (``van … tot …``,
                                          ``van … t/m …``, ``from … to …``)
========================================  =============================================

Each accepted text has exactly one reading. A dash without spaces joins two ends only
when both are written with ``/`` or ``.`` (``01/01/2023-30/06/2023``), since the other
forms hold dashes of their own (``15-03-2023``, ``2023-03``); other ends are joined by a
dash with spaces, an en dash or words. A date is never read month first: ``03/15/2023``
is an error. Whatever the form, a period prints in ISO 8601:

>>> for text in ("T1 2023", "2023-K2", "S2 2023", "janv-23", "Févr. 2023", "mrt 2023",
...              "15/03/2023", "du 01/01/2023 au 30/06/2023", "janv. 2023 - sept. 2023",
...              "jaar 2023"):
...     print(f"{text:28} {parse_period(text)}")
T1 2023                      2023-Q1
2023-K2                      2023-Q2
S2 2023                      2023-H2
janv-23                      2023-01
Févr. 2023                   2023-02
mrt 2023                     2023-03
15/03/2023                   2023-03-15
du 01/01/2023 au 30/06/2023  2023-H1
janv. 2023 - sept. 2023      2023-01-01/2023-09-30
jaar 2023                    2023

Lengths are calendar-exact: a calendar year is 1 year, 12 months, 4 quarters and
2 semesters; a calendar month is 1 month; a week is 7 days. A period that does not cover
whole months counts each partial month by the share of its days it covers.

>>> p = parse_period("2023-01-01/2023-06-30")
>>> p.length(TimeUnit.YEAR), p.length(TimeUnit.MONTH), p.days
(0.5, 6.0, 181)
>>> parse_period("2023-02-15/2023-02-28").length(TimeUnit.MONTH)
0.5

Working days (``/jour ouvrable``) are the days Monday to Friday that are not one of the
ten legal public holidays of Belgium (:func:`belgian_holidays`):

>>> parse_period("2023").working_days, parse_period("2023-05").length(TimeUnit.WORKING_DAY)
(252, 20.0)
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

import attrs

from cssindicators.errors import PeriodError, _quoted, _shown

__all__ = ["Period", "TimeUnit", "as_period", "belgian_holidays", "parse_period"]


class TimeUnit(enum.Enum):
    """A unit of time that a rate target is expressed per (``/jour``, ``par an``…).

    The value is the canonical French word used in canonical target text.

    >>> TimeUnit.YEAR.value
    'an'
    """

    DAY = "jour"
    WORKING_DAY = "jour ouvrable"
    WEEK = "semaine"
    MONTH = "mois"
    QUARTER = "trimestre"
    SEMESTER = "semestre"
    YEAR = "an"


#: How many months one unit holds, for the month-based units.
_MONTHS_PER = {TimeUnit.MONTH: 1, TimeUnit.QUARTER: 3, TimeUnit.SEMESTER: 6, TimeUnit.YEAR: 12}


def _q(text: str) -> str:
    """A period's text as its error message quotes it: ``repr``, cut when long."""
    return _quoted(text, 80)


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def _is_month_end(day: date) -> bool:
    return day.day == _days_in_month(day.year, day.month)


# ---------------------------------------------------------------- working days
#
# A working day is a day Monday to Friday that is not a legal public holiday. The
# holidays are the national list fixed by law (loi du 4 janvier 1974 and arrêté royal du
# 18 avril 1974), unchanged since 1974, and computed here, with no dependency: the
# dates of Easter follow from the Gregorian rule. Days off that are no public holiday
# are not counted: the holidays of the regions and communities (11 July, 27 September,
# 15 November…), and the replacement day an employer grants when a holiday falls on a
# Sunday or on another holiday.


def _easter(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher).

    >>> _easter(2023), _easter(2024), _easter(2038)
    (datetime.date(2023, 4, 9), datetime.date(2024, 3, 31), datetime.date(2038, 4, 25))
    """
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


@functools.lru_cache(maxsize=1024)
def _holidays(year: int) -> tuple[date, ...]:
    easter = _easter(year)
    days = {
        date(year, 1, 1),  # Nouvel An
        easter + timedelta(days=1),  # lundi de Pâques
        date(year, 5, 1),  # fête du Travail
        easter + timedelta(days=39),  # Ascension
        easter + timedelta(days=50),  # lundi de Pentecôte
        date(year, 7, 21),  # fête nationale
        date(year, 8, 15),  # Assomption
        date(year, 11, 1),  # Toussaint
        date(year, 11, 11),  # Armistice
        date(year, 12, 25),  # Noël
    }
    return tuple(sorted(days))


@functools.lru_cache(maxsize=1024)
def _weekday_holidays(year: int) -> tuple[date, ...]:
    """The public holidays of ``year`` that fall Monday to Friday."""
    return tuple(day for day in _holidays(year) if day.weekday() < 5)


def belgian_holidays(year: int) -> tuple[date, ...]:
    """The legal public holidays of Belgium in ``year``, in calendar order.

    They are the ten days fixed by law (arrêté royal du 18 avril 1974), unchanged since
    1974: New Year's Day (1 January), Easter Monday, Labour Day (1 May), Ascension
    (Easter + 39 days), Whit Monday (Easter + 50 days), the national day (21 July),
    Assumption (15 August), All Saints' Day (1 November), Armistice Day (11 November)
    and Christmas (25 December). Easter is computed by the Gregorian rule, for any year
    from 1 to 9999. A day that holds two holidays (Ascension on 1 May, as in 2008) is
    listed once.

    Not listed, since they are no public holidays: the holidays of the regions and
    communities (11 July, 27 September, 15 November), and the replacement days that
    employers grant for a holiday on a Sunday or on another holiday.

    >>> for day in belgian_holidays(2024):
    ...     print(day, day.strftime("%a"))
    2024-01-01 Mon
    2024-04-01 Mon
    2024-05-01 Wed
    2024-05-09 Thu
    2024-05-20 Mon
    2024-07-21 Sun
    2024-08-15 Thu
    2024-11-01 Fri
    2024-11-11 Mon
    2024-12-25 Wed
    >>> len(belgian_holidays(2008))
    9
    >>> belgian_holidays(0)
    Traceback (most recent call last):
      ...
    cssindicators.errors.PeriodError: Invalid year 0: a year must be in 1..9999
    """
    if isinstance(year, bool) or not isinstance(year, int):
        raise PeriodError(f"Invalid year {_shown(year)}: expected a whole number")
    if not 1 <= year <= 9999:
        raise PeriodError(f"Invalid year {year}: a year must be in 1..9999")
    return _holidays(year)


def _weekdays_before(ordinal: int) -> int:
    """How many days Monday to Friday come before the day of ``ordinal``, counted from
    1 January of the year 1, a Monday (its ordinal is 1)."""
    weeks, rest = divmod(ordinal - 1, 7)
    return 5 * weeks + min(rest, 5)


def _working_days(start: date, end: date) -> int:
    """The working days from ``start`` to ``end``, both included: whole weeks and the
    rest by arithmetic, less the public holidays in between that fall on a weekday."""
    weekdays = _weekdays_before(end.toordinal() + 1) - _weekdays_before(start.toordinal())
    holidays = 0
    for year in range(start.year, end.year + 1):
        days = _weekday_holidays(year)
        if start.year < year < end.year:
            holidays += len(days)
        else:
            holidays += sum(1 for day in days if start <= day <= end)
    return weekdays - holidays


@attrs.frozen(order=False)
class Period:
    """A span of whole days, from ``start`` to ``end``, both included.

    Build one with :func:`parse_period` (or :meth:`Period.parse`) from its text, ISO 8601
    or a form written in Belgium, or directly from two dates. ``str(period)`` gives the
    shortest ISO form, whatever the text it was read from.

    >>> Period(date(2023, 4, 1), date(2023, 6, 30))
    Period('2023-Q2')
    >>> str(Period(date(2023, 1, 1), date(2023, 12, 31)))
    '2023'
    >>> Period(date(2023, 1, 2), date(2023, 1, 1))
    Traceback (most recent call last):
      ...
    cssindicators.errors.PeriodError: Period end 2023-01-01 is before its start 2023-01-02
    """

    start: date
    end: date

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(f"Period end {self.end} is before its start {self.start}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period, ISO 8601 or as written in Belgium; the same as :func:`parse_period`.

        >>> Period.parse("2023-W10"), Period.parse("T2 2023")
        (Period('2023-W10'), Period('2023-Q2'))
        """
        return parse_period(text)

    @property
    def days(self) -> int:
        """The number of days in the period, both ends included.

        >>> parse_period("2024").days
        366
        """
        return (self.end - self.start).days + 1

    @property
    def working_days(self) -> int:
        """The number of working days in the period: the days Monday to Friday that are
        not a Belgian public holiday (:func:`belgian_holidays`), both ends included.

        >>> parse_period("2023").working_days, parse_period("2024").working_days
        (252, 253)
        >>> parse_period("2023-W19").working_days  # Monday 8 May to Sunday 14 May
        5
        >>> parse_period("2023-W20").working_days  # Thursday 18 May is Ascension
        4
        """
        return _working_days(self.start, self.end)

    def months(self) -> float:
        """The length in calendar months; a partial month counts by its share of days.

        >>> parse_period("2023-02-15/2023-04-30").months()
        2.5
        """
        start, end = self.start, self.end
        if start.day == 1 and _is_month_end(end):
            # Whole months: no day arithmetic needed.
            return float((end.year - start.year) * 12 + end.month - start.month + 1)
        size = _days_in_month(start.year, start.month)
        if (start.year, start.month) == (end.year, end.month):
            return (end.day - start.day + 1) / size
        # The share of the first month, the whole months between, the share of the last.
        between = (end.year - start.year) * 12 + end.month - start.month - 1
        first = (size - start.day + 1) / size
        return first + between + end.day / _days_in_month(end.year, end.month)

    def length(self, unit: TimeUnit) -> float:
        """The length of the period counted in ``unit``, calendar-exact.

        A working day (:attr:`TimeUnit.WORKING_DAY`) counts whole days: see
        :attr:`working_days`.

        >>> q = parse_period("2023-Q1")
        >>> q.length(TimeUnit.QUARTER), q.length(TimeUnit.DAY), q.length(TimeUnit.WEEK)
        (1.0, 90.0, 12.857142857142858)
        >>> q.length(TimeUnit.WORKING_DAY)
        65.0
        """
        if unit is TimeUnit.DAY:
            return float(self.days)
        if unit is TimeUnit.WORKING_DAY:
            return float(self.working_days)
        if unit is TimeUnit.WEEK:
            return self.days / 7
        return self.months() / _MONTHS_PER[unit]

    def preceding(self) -> Period:
        """The period of the same length just before this one: the year before a year,
        the quarter before a quarter, the same number of whole months before whole
        months, and the same number of days before any other period.

        >>> parse_period("2023").preceding(), parse_period("2023-Q1").preceding()
        (Period('2022'), Period('2022-Q4'))
        >>> parse_period("2023-03-01/2023-03-10").preceding()
        Period('2023-02-19/2023-02-28')
        """
        start, end = self.start, self.end
        try:
            if start.day == 1 and _is_month_end(end):
                months = (end.year - start.year) * 12 + end.month - start.month + 1
                index = start.year * 12 + start.month - 1 - months
                first = date(index // 12, index % 12 + 1, 1)
                return Period(first, start - timedelta(days=1))
            return Period(start - timedelta(days=self.days), start - timedelta(days=1))
        except (ValueError, OverflowError):
            raise PeriodError(f"no period of the same length comes before {self}") from None

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day.

        >>> parse_period("2023-Q1").overlaps(parse_period("2023-03"))
        True
        >>> parse_period("2023-Q1").overlaps(parse_period("2023-04"))
        False
        """
        return self.start <= other.end and other.start <= self.end

    def __contains__(self, day: object) -> bool:
        """Whether a date falls inside the period.

        >>> date(2023, 5, 1) in parse_period("2023-Q2")
        True
        """
        return isinstance(day, date) and self.start <= day <= self.end

    def __str__(self) -> str:
        start, end = self.start, self.end
        if start == end:
            return start.isoformat()
        if start.day == 1 and _is_month_end(end) and start.year == end.year:
            span = end.month - start.month + 1
            if span == 12:
                return f"{start.year:04d}"
            if span == 6 and start.month in (1, 7):
                return f"{start.year:04d}-H{start.month // 6 + 1}"
            if span == 3 and start.month % 3 == 1:
                return f"{start.year:04d}-Q{start.month // 3 + 1}"
            if span == 1:
                return f"{start.year:04d}-{start.month:02d}"
        if self.days == 7 and start.isoweekday() == 1:
            year, week, _ = start.isocalendar()
            return f"{year:04d}-W{week:02d}"
        return f"{start.isoformat()}/{end.isoformat()}"

    def __repr__(self) -> str:
        return f"Period({str(self)!r})"


_SINGLE = re.compile(
    r"""(?P<year>\d{4})
        (?: -(?P<month>\d{2}) (?:-(?P<day>\d{2}))?
          | -Q(?P<quarter>\d)
          | -[HS](?P<half>\d)
          | -W(?P<week>\d{2})
        )?""",
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)

#: What a text that is no period is told: the ISO forms first, then the Belgian ones.
_EXPECTED = (
    "expected ISO 8601 such as 2023, 2023-03, 2023-Q2, 2023-H1, 2023-W10, 2023-03-15 or an "
    "interval 2023-01-01/2023-06-30, or a form written in Belgium such as année 2023, "
    "T1 2023, 2023-T1, 1er trimestre 2023, S1 2023, janv. 2023, janv-23, 01/2023, "
    "15/03/2023 (day first), 15 mars 2023, 01/01/2023-30/06/2023 or "
    "du 01/01/2023 au 30/06/2023"
)

_Span = tuple[date, date]


def _iso(match: re.Match[str], whole: str) -> _Span:
    """The first and last day of one ISO period (no interval) that ``_SINGLE`` matched."""
    year = int(match["year"])
    if year < 1:
        raise PeriodError(f"Invalid period {_q(whole)}: year must be at least 1")
    try:
        if match["day"]:
            day = date(year, int(match["month"]), int(match["day"]))
            return day, day
        if match["month"]:
            month = int(match["month"])
            if not 1 <= month <= 12:
                raise PeriodError(f"Invalid period {_q(whole)}: month must be in 1..12")
            return date(year, month, 1), date(year, month, _days_in_month(year, month))
        if match["quarter"]:
            return _months(year, int(match["quarter"]), 3, whole, "quarter", 4)
        if match["half"]:
            return _months(year, int(match["half"]), 6, whole, "half-year", 2)
        if match["week"]:
            monday = date.fromisocalendar(year, int(match["week"]), 1)
            if monday > date.max - timedelta(days=6):
                raise PeriodError(
                    f"Invalid period {_q(whole)}: the week runs into the year 10000, past "
                    f"{date.max}, the last day a period may hold"
                )
            return monday, monday + timedelta(days=6)
    except ValueError as error:
        if isinstance(error, PeriodError):
            raise
        raise PeriodError(f"Invalid period {_q(whole)}: {error}") from None
    return date(year, 1, 1), date(year, 12, 31)


def _month(year: int, month: int, whole: str, *, numeric_date: bool = False) -> _Span:
    if not 1 <= month <= 12:
        reason = "month must be in 1..12"
        if numeric_date:
            reason += f", found {month}; dates are written day first (15/03/2023 is 15 March)"
        raise PeriodError(f"Invalid period {_q(whole)}: {reason}")
    return date(year, month, 1), date(year, month, _days_in_month(year, month))


def _months(year: int, index: int, size: int, whole: str, name: str, count: int) -> _Span:
    if not 1 <= index <= count:
        raise PeriodError(f"Invalid period {_q(whole)}: {name} must be in 1..{count}")
    first = (index - 1) * size + 1
    last = first + size - 1
    return date(year, first, 1), date(year, last, _days_in_month(year, last))


def _between(first: _Span, last: _Span, whole: str) -> Period:
    if last[1] < first[0]:
        raise PeriodError(f"Invalid period {_q(whole)}: it ends before it starts")
    return Period(first[0], last[1])


def as_period(value: object) -> Period:
    """A period from what a spreadsheet cell or a data frame holds: a
    :class:`Period`; a text (read with :func:`parse_period`); a date (that day); a
    datetime at midnight (that day; another time of day is an error: a period is whole
    days); a pandas ``Period`` (the span it covers: ``2023Q1`` is the quarter); a whole
    year (``2023``).

    Raises :class:`~cssindicators.errors.PeriodError` for anything else.

    >>> as_period(date(2023, 3, 15)), as_period(2023), as_period("T1 2023")
    (Period('2023-03-15'), Period('2023'), Period('2023-Q1'))
    >>> as_period(datetime(2023, 3, 15, 14, 30))
    Traceback (most recent call last):
      ...
    cssindicators.errors.PeriodError: Invalid period 2023-03-15 14:30:00: a period is whole days, not a time of day
    """
    if isinstance(value, Period):
        return value
    if isinstance(value, str):
        return parse_period(value)
    if isinstance(value, datetime):  # a pandas Timestamp is a datetime too
        if value.time() != datetime.min.time():
            raise PeriodError(f"Invalid period {value}: a period is whole days, not a time of day")
        return Period(value.date(), value.date())
    if isinstance(value, date):
        return Period(value, value)
    start, end = getattr(value, "start_time", None), getattr(value, "end_time", None)
    if isinstance(start, datetime) and isinstance(end, datetime):  # a pandas Period
        return Period(start.date(), end.date())
    number = getattr(value, "item", lambda: value)() if type(value).__module__ == "numpy" else value
    if isinstance(number, int) and not isinstance(number, bool) and 1 <= number <= 9999:
        return parse_period(str(number))
    raise PeriodError(
        f"Invalid period {_shown(value)}: expected a period's text, a date, a pandas Period or a year"
    )


@functools.lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Read a period written in ISO 8601 or as Belgian exports write it.

    The forms are listed in the module documentation. Words may be French, Dutch or
    English, in any case, with or without accents; spaces (no-break spaces too) around
    the text are ignored. Dates are always day first. Each accepted text has exactly one
    reading; anything else raises :class:`~cssindicators.errors.PeriodError`, which
    quotes the text and says what is wrong or lists the accepted forms.

    >>> parse_period("2023-Q2")
    Period('2023-Q2')
    >>> parse_period("2023-01/2023-06")
    Period('2023-H1')
    >>> parse_period("du 1/1/2023 au 30/6/2023"), parse_period("févr. 2023")
    (Period('2023-H1'), Period('2023-02'))
    >>> parse_period("2023-06/2023-01")
    Traceback (most recent call last):
      ...
    cssindicators.errors.PeriodError: Invalid period '2023-06/2023-01': it ends before it starts
    >>> parse_period("03/15/2023")
    Traceback (most recent call last):
      ...
    cssindicators.errors.PeriodError: Invalid period '03/15/2023': month must be in 1..12, found 15; dates are written day first (15/03/2023 is 15 March)
    """
    if not isinstance(text, str):
        raise PeriodError(f"Invalid period {_shown(text)}: expected a string")
    # ISO 8601 first, at the cost it always had; only other texts reach the Belgian forms.
    if "/" in text:
        first, _, second = text.partition("/")
        head = _SINGLE.fullmatch(first.strip())
        tail = None if head is None else _SINGLE.fullmatch(second.strip())
        if head is not None and tail is not None:
            start, _ = _iso(head, text)
            _, end = _iso(tail, text)
            if end < start:
                raise PeriodError(f"Invalid period {_q(text)}: it ends before it starts")
            return Period(start, end)
    else:
        match = _SINGLE.fullmatch(text.strip())
        if match is not None:
            return Period(*_iso(match, text))
    return _written(text)


# ----------------------------------------------------------------- Belgian forms
#
# The grammar of the texts that are not ISO 8601, matched on the text in lower case
# without accents, its spaces collapsed to one:
#
#   period   := single | interval
#   interval := single SEP single          SEP: " - ", "-" with a space on one side,
#                                               "–" or "—" (spaces optional)
#             | numeric "-" numeric        numeric: 15/03/2023, 15.03.2023, 03/2023
#             | ("du"|"de") single ("au"|"à") single
#             | "van" single ("tot"|"tot en met"|"t/m") single
#             | "from" single "to" single
#   single   := one of _forms() below (ISO 8601 included)
#
# No single form holds a space next to a dash, an en or em dash, or a separating word,
# and a numeric form holds no dash: a text that reads as an interval has one separator
# only, so it has one reading. No two single forms read the same text.

#: Month names and abbreviations (French, Dutch, English), lower case, without accents.
_MONTH_WORDS = (
    "janvier janv jan januari january",
    "fevrier fevr fev februari febr feb february",
    "mars mar maart mrt march",
    "avril avr april apr",
    "mai mei may",
    "juin juni jun june",
    "juillet juill juil juli jul july",
    "aout augustus aug august",
    "septembre september sept sep",
    "octobre oktober okt october oct",
    "novembre november nov",
    "decembre december dec",
)
_YEAR_WORDS = frozenset({"annee", "jaar", "year"})
#: Words after an ordinal (``1er trimestre``): the part of the year and its name in errors.
_PART_WORDS = {
    "trimestre": "quarter",
    "kwartaal": "quarter",
    "quarter": "quarter",
    "semestre": "semester",
    "semester": "semester",
    "halfjaar": "half-year",
    "half": "half-year",
}
_ORDINALS = frozenset({"er", "re", "ere", "e", "eme", "de", "ste", "st", "nd", "rd", "th"})
#: The letter before a part's number (``T1 2023``, ``2023-K1``) and the part's name.
_PART_LETTERS = {"t": "quarter", "k": "quarter", "q": "quarter", "s": "semester", "h": "half-year"}
_PART_SIZES = {"quarter": (3, 4), "semester": (6, 2), "half-year": (6, 2)}

_Read = Callable[[re.Match[str], str], "_Span | None"]


@functools.cache
def _month_numbers() -> dict[str, int]:
    return {word: n for n, words in enumerate(_MONTH_WORDS, 1) for word in words.split()}


def _key(text: str) -> str:
    """``text`` as the Belgian forms match it: case-folded, without accents.

    >>> _key("Févr. 2023"), _key("ANNÉE 2023")
    ('fevr. 2023', 'annee 2023')
    """
    if text.isascii():
        return text.lower()
    import unicodedata  # only texts with other letters need it

    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _year(digits: str, whole: str) -> int:
    year = int(digits) + (2000 if len(digits) == 2 else 0)
    if year < 1:
        raise PeriodError(f"Invalid period {_q(whole)}: year must be at least 1")
    return year


def _day(year: int, month: int, day: int, whole: str, *, numeric: bool) -> _Span:
    _month(year, month, whole, numeric_date=numeric)
    size = _days_in_month(year, month)
    if not 1 <= day <= size:
        raise PeriodError(
            f"Invalid period {_q(whole)}: day must be in 1..{size} in {year:04d}-{month:02d}"
        )
    return date(year, month, day), date(year, month, day)


def _part(year: int, index: int, name: str, whole: str) -> _Span:
    size, count = _PART_SIZES[name]
    return _months(year, index, size, whole, name, count)


def _read_word_year(match: re.Match[str], whole: str) -> _Span | None:
    """``janvier 2023``, ``janv. 2023``, ``janv.2023``, ``année 2023``."""
    word = match["word"]
    month = _month_numbers().get(word)
    if month is not None:
        return _month(_year(match["year"], whole), month, whole)
    if word in _YEAR_WORDS and match["dot"] is None:
        year = _year(match["year"], whole)
        return date(year, 1, 1), date(year, 12, 31)
    return None


def _read_excel_month(match: re.Match[str], whole: str) -> _Span | None:
    """``janv-23``, ``janv.-23``, ``janv-2023``: a two-digit year is 20yy."""
    month = _month_numbers().get(match["word"])
    if month is None:
        return None
    return _month(_year(match["year"], whole), month, whole)


def _read_letter_part(match: re.Match[str], whole: str) -> _Span | None:
    """``T1 2023``, ``K1 2023``, ``Q1 2023``, ``S1 2023``, ``H1 2023``, ``2023-T1``."""
    name = _PART_LETTERS[match["letter"]]
    return _part(_year(match["year"], whole), int(match["index"]), name, whole)


def _read_ordinal_part(match: re.Match[str], whole: str) -> _Span | None:
    """``1er trimestre 2023``, ``2e semestre 2023``, ``1ste kwartaal 2023``…"""
    name = _PART_WORDS.get(match["word"])
    if name is None or match["suffix"] not in _ORDINALS:
        return None
    return _part(_year(match["year"], whole), int(match["index"]), name, whole)


def _read_named_day(match: re.Match[str], whole: str) -> _Span | None:
    """``15 mars 2023``, ``1er janvier 2023``, ``15-mrt-23`` (as Excel shows a date)."""
    month = _month_numbers().get(match["word"])
    if month is None:
        return None
    return _day(_year(match["year"], whole), month, int(match["day"]), whole, numeric=False)


def _read_numeric_month(match: re.Match[str], whole: str) -> _Span | None:
    """``01/2023``, ``1/2023``."""
    return _month(_year(match["year"], whole), int(match["month"]), whole)


def _read_numeric_day(match: re.Match[str], whole: str) -> _Span | None:
    """``15/03/2023``, ``15.03.2023``, ``15-03-2023``, ``1/3/2023``: day first."""
    year, month, day = _year(match["year"], whole), int(match["month"]), int(match["day"])
    return _day(year, month, day, whole, numeric=True)


@functools.cache
def _forms() -> tuple[tuple[re.Pattern[str], _Read], ...]:
    """Each single form: its pattern (over :func:`_key` text) and what it reads.

    A reader gives None when the words are not its own (``trimestre`` is no month).
    Compiled on first use, so that importing the library and reading ISO stay fast.
    """
    forms: list[tuple[str, _Read]] = [
        (r"(?P<month>\d{1,2})/(?P<year>\d{4})", _read_numeric_month),
        (
            r"(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})",
            _read_numeric_day,
        ),
        (r"(?P<word>[a-z]+)(?:(?P<dot>\.) ?| )(?P<year>\d{4})", _read_word_year),
        (r"(?P<word>[a-z]+)\.?-(?P<year>\d{2}|\d{4})", _read_excel_month),
        (r"(?P<letter>[tkqsh])(?P<index>\d) (?P<year>\d{4})", _read_letter_part),
        (r"(?P<year>\d{4})-(?P<letter>[tk])(?P<index>\d)", _read_letter_part),
        (r"(?P<index>\d)(?P<suffix>[a-z]+) (?P<word>[a-z]+) (?P<year>\d{4})", _read_ordinal_part),
        (r"(?P<day>\d{1,2})(?:er)? (?P<word>[a-z]+)\.? (?P<year>\d{4})", _read_named_day),
        (r"(?P<day>\d{1,2})-(?P<word>[a-z]+)\.?-(?P<year>\d{2}|\d{4})", _read_named_day),
    ]
    return ((_SINGLE, _iso), *((re.compile(p, re.ASCII), read) for p, read in forms))


@functools.cache
def _separators() -> tuple[re.Pattern[str], re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """The dashes between two ends, a bare dash between numeric ends, the word pairs."""
    numeric = r"\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{1,2}/\d{4}"
    words = (
        r"(?:du|de) (.+?) (?:au|à|a) (.+)",
        r"van (.+?) (?:tot en met|t/m|tot) (.+)",
        r"from (.+?) to (.+)",
    )
    return (
        re.compile(r" ?[–—] ?| - ?|- "),
        re.compile(rf"({numeric})-({numeric})", re.ASCII),
        tuple(re.compile(pattern, re.IGNORECASE) for pattern in words),
    )


def _one(text: str, whole: str) -> _Span | None:
    """The span of one single (not interval) form, or None if ``text`` is none."""
    key = _key(text)
    for pattern, read in _forms():
        match = pattern.fullmatch(key)
        if match is not None:
            span = read(match, whole)
            if span is not None:
                return span
    return None


def _ends(text: str) -> tuple[str, str] | None:
    """The two ends of an interval, as written, or None if ``text`` is no interval."""
    dashes, bare, words = _separators()
    for pattern in words:
        match = pattern.fullmatch(text)
        if match is not None:
            return match[1], match[2]
    parts = dashes.split(text)
    if len(parts) == 2:
        return parts[0], parts[1]
    match = bare.fullmatch(text)
    if match is not None:
        return match[1], match[2]
    return None


def _bare_dash(text: str, whole: str) -> str | None:
    """Why ``2023-2024`` is no interval, when a dash without spaces stands between two
    periods that are not both written with ``/`` or ``.``; None for other texts."""
    for at, char in enumerate(text):
        if char == "-":
            left, right = text[:at], text[at + 1 :]
            try:
                both = _one(left, whole) is not None and _one(right, whole) is not None
            except PeriodError:
                both = False
            if both:
                return (
                    "a dash without spaces joins two ends only when both are written with / "
                    f"or . (01/01/2023-30/06/2023); for an interval write {left} - {right}; {_EXPECTED}"
                )
    return None


#: The most characters (spaces collapsed) of a text in a Belgian form: the longest
#: reads ``du 1er septembre 2023 au 31 décembre 2023`` or so; a longer text is none,
#: and is not searched for one (which costs time in the length of the text).
_LONGEST = 200


def _written(text: str) -> Period:
    """Read a text in one of the Belgian forms (or ISO ends joined in a Belgian way)."""
    collapsed = " ".join(text.split())
    if len(collapsed) > _LONGEST:
        raise PeriodError(
            f"Invalid period {_q(text)}: {len(collapsed)} characters, too long for a period; "
            f"{_EXPECTED}"
        )
    span = _one(collapsed, text)
    if span is not None:
        return Period(*span)
    ends = _ends(collapsed)
    if ends is None:
        raise PeriodError(f"Invalid period {_q(text)}: {_bare_dash(collapsed, text) or _EXPECTED}")
    spans = []
    for end in ends:
        span = _one(end, text)
        if span is None:
            raise PeriodError(f"Invalid period {_q(text)}: {_q(end)} is not a period; {_EXPECTED}")
        spans.append(span)
    return _between(spans[0], spans[1], text)
