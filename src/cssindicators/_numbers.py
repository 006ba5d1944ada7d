"""Numbers as Belgians write them, and as the rest of the world does: one reading.

The target grammar's ``NUMBER`` terminal (``grammar/targets.lark``) is the Belgian
convention, and the only definition of it: a dot or a space before groups of exactly
three digits groups thousands (``1.500``, ``12 000``, ``1.250.000``, ``1.500,5``), a
comma is the decimal mark (``2,5``; ``1,500`` is 1,5) and a dot anywhere else is a
decimal point (``2.5``, ``0.250``, ``1500.25``). Its pattern is read from the grammar
on first use, so that targets and measurement cells never differ.

The other convention (a decimal point, commas grouping thousands: ``1,250.5``) is the
Belgian one with dots and commas swapped, and is read so. Only one shape reads either
way, differently: one to three digits (not a lone ``0``), one dot or comma, exactly three
digits (``1.250``: 1250 or 1,25?). :func:`read` says which numbers have that shape and
which convention any other number shows.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from cssindicators import _grammar
from cssindicators.errors import ConfigurationError

__all__ = [
    "AMBIGUOUS",
    "DECIMALS",
    "amount",
    "check_decimal",
    "convention",
    "digits",
    "number",
    "number_pattern",
    "read",
]

#: The decimal marks a caller may choose: ``","`` (Belgian: ``1.500`` is 1500, ``2,5``
#: is 2.5) and ``"."`` (``1.500`` is 1.5, ``1,500`` is 1500).
DECIMALS = (",", ".")
#: What :func:`read` says a number shows when its reading depends on the convention.
AMBIGUOUS = "?"

#: ``NUMBER: /regex/flags`` on a line of its own: the grammar's number terminal.
_TERMINAL = r"^NUMBER(?:\.-?[0-9]+)?[ \t]*:[ \t]*/((?:\\.|[^\\/\n])+)/([a-z]*)[ \t]*$"
#: The one shape whose value depends on the convention: ``1.250``, ``12,500``, ``00.250``.
_AMBIGUOUS = re.compile(r"(?:[1-9][0-9]{0,2}|0[0-9]{1,2})[.,][0-9]{3}")
_SWAP = str.maketrans(".,", ",.")
_SPACES = str.maketrans("", "", " \u00a0\u202f")


def check_decimal(decimal: object) -> str | None:
    """``decimal`` when it is a decimal mark a caller may choose (or ``None``), else a
    :class:`~cssindicators.errors.ConfigurationError` naming those.

    >>> check_decimal(","), check_decimal(None)
    (',', None)
    >>> check_decimal(";")
    Traceback (most recent call last):
      ...
    cssindicators.errors.ConfigurationError: decimal must be ',' (a decimal comma, dots grouping thousands: the Belgian way), '.' (a decimal point, commas grouping thousands) or None (settled from a file's values), got ';'
    """
    if decimal is None or (isinstance(decimal, str) and decimal in DECIMALS):
        return decimal
    raise ConfigurationError(
        "decimal must be ',' (a decimal comma, dots grouping thousands: the Belgian way), "
        "'.' (a decimal point, commas grouping thousands) or None (settled from a file's "
        f"values), got {decimal!r}"
    )


def convention(decimal: str) -> str:
    """A decimal mark as words, for messages.

    >>> convention(","), convention(".")
    ('decimal commas, dots grouping thousands', 'decimal points, commas grouping thousands')
    """
    if decimal == ",":
        return "decimal commas, dots grouping thousands"
    return "decimal points, commas grouping thousands"


def number_pattern(grammar: str) -> str:
    """The regular expression of the ``NUMBER`` terminal of ``grammar`` (Lark text).

    Lark escapes (``\\u00a0``, ``\\/``) are regular-expression escapes too: the text
    between the slashes is used as it is, with the terminal's flags, if any.

    >>> number_pattern('start: NUMBER\\nNUMBER: /[0-9]+(?:,[0-9]+)?/\\n')
    '[0-9]+(?:,[0-9]+)?'
    >>> number_pattern('NUMBER.2: /[0-9]+/i')
    '(?i:[0-9]+)'
    """
    match = re.search(_TERMINAL, grammar, re.MULTILINE)
    if match is None:  # pragma: no cover - the grammar shipped defines it so
        raise LookupError("the grammar defines no NUMBER terminal as one regular expression")
    pattern, flags = match.groups()
    return f"(?{flags}:{pattern})" if flags else pattern


@functools.cache
def _belgian() -> re.Pattern[str]:
    """The grammar's ``NUMBER``, compiled (on first use)."""
    return re.compile(number_pattern(_grammar.grammar_text()))


def digits(text: str) -> str:
    """A text the grammar reads as a ``NUMBER``, as :class:`~decimal.Decimal` writes it:
    without grouping, with a decimal point.

    A dot groups thousands where the grammar lets it: when there are several, when a
    comma follows, or when one comes after one to three digits (not a lone ``0``) and
    before exactly three; anywhere else it is a decimal point.

    >>> [digits(t) for t in ["1.500", "1.250.000", "1.500,5", "1\\u00a0500,5", "2.5", "0.250", "1,500"]]
    ['1500', '1250000', '1500.5', '1500.5', '2.5', '0.250', '1.500']
    """
    plain = text.translate(_SPACES)
    if "," in plain:
        return plain.replace(".", "").replace(",", ".")
    if plain.count(".") != 1:
        return plain.replace(".", "")
    head, _, tail = plain.partition(".")
    if len(tail) == 3 and len(head) <= 3 and head != "0":
        return head + tail
    return plain


def amount(text: str) -> Decimal:
    """The amount of a ``NUMBER`` of a target, exactly.

    >>> amount("1.500"), amount("12.000"), amount("1 500,5"), amount("2.5"), amount("1,500")
    (Decimal('1500'), Decimal('12000'), Decimal('1500.5'), Decimal('2.5'), Decimal('1.500'))
    """
    return Decimal(digits(text))


def _reading(text: str) -> str | None:
    """The digits of ``text`` read the Belgian way, or ``None`` if it is not a number."""
    return digits(text) if _belgian().fullmatch(text) else None


def read(text: str, decimal: str | None) -> tuple[str | None, str | None]:
    """How an unsigned number text (no spaces around) reads with ``decimal``: its digits
    as :class:`~decimal.Decimal` writes them (``None`` when it is not a number that way),
    and what it shows of the convention it is written in.

    What it shows is ``","`` or ``"."`` for a number that only that convention writes so
    (``2,5``, ``1.250.000``, ``1.234,5``: ``","``; ``3.75``, ``0.250``, ``1,250,000``:
    ``"."``), :data:`AMBIGUOUS` for a number whose value depends on the convention
    (``1.250``), read the Belgian way when ``decimal`` is ``None``, and ``None`` for a
    number that shows nothing (``12``, ``1 500``) or a text that is not a number.

    >>> read("1.250", None), read("1.250", "."), read("1,250", None)
    (('1250', '?'), ('1.250', '?'), ('1.250', '?'))
    >>> read("2,5", None), read("3.75", None), read("3.75", ","), read("12", ".")
    (('2.5', ','), ('3.75', '.'), ('3.75', '.'), ('12', None))
    >>> read("1.234,5", None), read("1.234,5", "."), read("1,234.5", None), read("douze", None)
    (('1234.5', ','), (None, ','), ('1234.5', '.'), (None, None))

    A number that shows one convention reads the same in the other, when it reads at
    all: ``3.75`` is 3.75 with decimal commas too, and ``2,5`` is 2.5 with decimal
    points (a comma before other than three digits groups nothing).

    The cells of a file repeat: the readings of short texts are cached.
    """
    if len(text) <= _CACHED:
        return _read_cached(text, decimal)
    return _read(text, decimal)


#: The longest text whose reading is cached (a cell of a file may be far longer).
_CACHED = 40


@functools.lru_cache(maxsize=4096)
def _read_cached(text: str, decimal: str | None) -> tuple[str | None, str | None]:
    return _read(text, decimal)


def _read(text: str, decimal: str | None) -> tuple[str | None, str | None]:
    if _AMBIGUOUS.fullmatch(text):
        return _reading(text if decimal != "." else text.translate(_SWAP)), AMBIGUOUS
    comma = _reading(text)
    if "." not in text and "," not in text:
        return comma, None
    point = _reading(text.translate(_SWAP))
    if comma is None and point is None:
        return None, None
    if point is None:
        shows = ","
    elif comma is None:
        shows = "."
    else:  # the same either way: the mark is a decimal mark
        shows = "." if "." in text else ","
    return (point if decimal == "." else comma if decimal == "," else comma or point), shows


def number(plain: str) -> int | Decimal:
    """A number's digits (with their sign) as an ``int``, or a
    :class:`~decimal.Decimal` when they have a decimal point (or more digits than
    ``int()`` reads).

    >>> number("-1250"), number("2.50")
    (-1250, Decimal('2.50'))
    """
    if "." in plain or len(plain) > 4000:  # int() refuses more than 4300 digits
        return Decimal(plain)
    return int(plain)
