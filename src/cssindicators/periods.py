"""ISO 8601 periods and their calendar-exact lengths.

A measurement is a value observed over a period. Periods are written in ISO 8601:

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

Lengths are calendar-exact: a calendar year is 1 year, 12 months, 4 quarters and
2 semesters; a calendar month is 1 month; a week is 7 days. A period that does not cover
whole months counts each partial month by the share of its days it covers.

>>> p = parse_period("2023-01-01/2023-06-30")
>>> p.length(TimeUnit.YEAR), p.length(TimeUnit.MONTH), p.days
(0.5, 6.0, 181)
>>> parse_period("2023-02-15/2023-02-28").length(TimeUnit.MONTH)
0.5
"""

from __future__ import annotations

import enum
import functools
import re
from datetime import date, timedelta

import attrs

from cssindicators.errors import PeriodError

__all__ = ["Period", "TimeUnit", "parse_period"]


class TimeUnit(enum.Enum):
    """A unit of time that a rate target is expressed per (``/jour``, ``par an``…).

    The value is the canonical French word used in canonical target text.

    >>> TimeUnit.YEAR.value
    'an'
    """

    DAY = "jour"
    WEEK = "semaine"
    MONTH = "mois"
    QUARTER = "trimestre"
    SEMESTER = "semestre"
    YEAR = "an"


#: How many months one unit holds, for the month-based units.
_MONTHS_PER = {TimeUnit.MONTH: 1, TimeUnit.QUARTER: 3, TimeUnit.SEMESTER: 6, TimeUnit.YEAR: 12}


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def _is_month_end(day: date) -> bool:
    return day.day == _days_in_month(day.year, day.month)


@attrs.frozen(order=False)
class Period:
    """A span of whole days, from ``start`` to ``end``, both included.

    Build one with :func:`parse_period` (or :meth:`Period.parse`) from ISO 8601 text, or
    directly from two dates. ``str(period)`` gives the shortest ISO form.

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
        """Read an ISO 8601 period; the same as :func:`parse_period`.

        >>> Period.parse("2023-W10")
        Period('2023-W10')
        """
        return parse_period(text)

    @property
    def days(self) -> int:
        """The number of days in the period, both ends included.

        >>> parse_period("2024").days
        366
        """
        return (self.end - self.start).days + 1

    def months(self) -> float:
        """The length in calendar months; a partial month counts by its share of days.

        >>> parse_period("2023-02-15/2023-04-30").months()
        2.5
        """
        start, end = self.start, self.end
        if start.day == 1 and _is_month_end(end):
            # Whole months: no day arithmetic needed.
            return float((end.year - start.year) * 12 + end.month - start.month + 1)
        total = 0.0
        year, month = start.year, start.month
        while (year, month) <= (end.year, end.month):
            size = _days_in_month(year, month)
            first = start.day if (year, month) == (start.year, start.month) else 1
            last = end.day if (year, month) == (end.year, end.month) else size
            total += (last - first + 1) / size
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return total

    def length(self, unit: TimeUnit) -> float:
        """The length of the period counted in ``unit``, calendar-exact.

        >>> q = parse_period("2023-Q1")
        >>> q.length(TimeUnit.QUARTER), q.length(TimeUnit.DAY), q.length(TimeUnit.WEEK)
        (1.0, 90.0, 12.857142857142858)
        """
        if unit is TimeUnit.DAY:
            return float(self.days)
        if unit is TimeUnit.WEEK:
            return self.days / 7
        return self.months() / _MONTHS_PER[unit]

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


def _single(text: str, whole: str) -> tuple[date, date]:
    """The first and last day of one ISO period (no interval)."""
    match = _SINGLE.fullmatch(text.strip())
    if match is None:
        raise PeriodError(
            f"Invalid period {whole!r}: expected ISO 8601 such as 2023, 2023-03, 2023-Q2, "
            "2023-H1, 2023-W10, 2023-03-15 or an interval 2023-01-01/2023-06-30"
        )
    year = int(match["year"])
    if year < 1:
        raise PeriodError(f"Invalid period {whole!r}: year must be at least 1")
    try:
        if match["day"]:
            day = date(year, int(match["month"]), int(match["day"]))
            return day, day
        if match["month"]:
            month = int(match["month"])
            if not 1 <= month <= 12:
                raise PeriodError(f"Invalid period {whole!r}: month must be in 1..12")
            return date(year, month, 1), date(year, month, _days_in_month(year, month))
        if match["quarter"]:
            return _months(year, int(match["quarter"]), 3, whole, "quarter", 4)
        if match["half"]:
            return _months(year, int(match["half"]), 6, whole, "half-year", 2)
        if match["week"]:
            monday = date.fromisocalendar(year, int(match["week"]), 1)
            return monday, monday + timedelta(days=6)
    except ValueError as error:
        if isinstance(error, PeriodError):
            raise
        raise PeriodError(f"Invalid period {whole!r}: {error}") from None
    return date(year, 1, 1), date(year, 12, 31)


def _months(
    year: int, index: int, size: int, whole: str, name: str, count: int
) -> tuple[date, date]:
    if not 1 <= index <= count:
        raise PeriodError(f"Invalid period {whole!r}: {name} must be in 1..{count}")
    first = (index - 1) * size + 1
    last = first + size - 1
    return date(year, first, 1), date(year, last, _days_in_month(year, last))


@functools.lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Read an ISO 8601 period (see the module documentation for the forms).

    Raises :class:`~cssindicators.errors.PeriodError` for anything else.

    >>> parse_period("2023-Q2")
    Period('2023-Q2')
    >>> parse_period("2023-01/2023-06")
    Period('2023-H1')
    >>> parse_period("2023-06/2023-01")
    Traceback (most recent call last):
      ...
    cssindicators.errors.PeriodError: Invalid period '2023-06/2023-01': it ends before it starts
    """
    if not isinstance(text, str):
        raise PeriodError(f"Invalid period {text!r}: expected a string")
    if "/" in text:
        first, _, second = text.partition("/")
        start, _ = _single(first, text)
        _, end = _single(second, text)
        if end < start:
            raise PeriodError(f"Invalid period {text!r}: it ends before it starts")
        return Period(start, end)
    return Period(*_single(text, text))
