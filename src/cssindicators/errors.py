"""The exceptions raised by cssindicators, all rooted in :class:`CssIndicatorsError`.

Catch :class:`CssIndicatorsError` to handle every failure of the library at once, or a
subclass for one kind of failure. Errors about bad text subclass :class:`ValueError`
too, so code written against the standard library's conventions keeps working.

>>> import cssindicators as ci
>>> try:
...     ci.parse_target("≥ douze par an")
... except ci.CssIndicatorsError as error:
...     print(type(error).__name__, error.position)
TargetSyntaxError 2
"""

from __future__ import annotations

import math
from typing import Any

__all__ = [
    "ConfigurationError",
    "CssIndicatorsError",
    "FileReadError",
    "MeasurementError",
    "MeasurementFileError",
    "MissingDependencyError",
    "PeriodError",
    "PlanError",
    "TargetSyntaxError",
    "UnknownNodeError",
]


def _rebuild(cls: type[CssIndicatorsError], args: tuple[Any, ...]) -> CssIndicatorsError:
    """An error of class ``cls`` made again from its ``args``, without its ``__init__``
    (its other attributes follow as pickled state)."""
    return cls.__new__(cls, *args)


class CssIndicatorsError(Exception):
    """Root of every exception raised by cssindicators.

    Every library error pickles and unpickles with its message and attributes, so that
    it crosses process boundaries (``multiprocessing``, ``concurrent.futures``).

    >>> import pickle
    >>> import cssindicators as ci
    >>> issubclass(ci.TargetSyntaxError, ci.CssIndicatorsError)
    True
    >>> try:
    ...     ci.parse_target("≥ 3 heures/lundi")
    ... except ci.TargetSyntaxError as error:
    ...     copy = pickle.loads(pickle.dumps(error))
    ...     print(str(copy) == str(error), copy.position)
    True 11
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # The standard reduction calls the class with ``args``, which fails for errors
        # whose constructor takes keywords; this one rebuilds without calling it.
        reduced = super().__reduce__()
        assert isinstance(reduced, tuple)
        return (_rebuild, (type(self), reduced[1]), *reduced[2:])


def _printable(char: str) -> str:
    """One character as shown in an error message: a tab as a space, other control
    characters escaped."""
    if char.isprintable() or char == " ":
        return char
    return " " if char == "\t" else repr(char)[1:-1]


def _caret_excerpt(text: str, position: int, *, width: int = 70, indent: str = "    ") -> str:
    """Show ``text`` on one line with a caret under ``position``.

    Control characters are escaped (the caret follows the escaped text) and a long text
    is cut to about ``width`` shown characters around the position.

    >>> print(_caret_excerpt("≥ 3 heures/lundi", 11))
        ≥ 3 heures/lundi
                   ^
    >>> print(_caret_excerpt("a\\tb\\x00c", 3))
        a b\\x00c
           ^
    """
    position = max(0, min(position, len(text)))
    before: list[str] = []
    shown = 0
    start = position
    # A text that fits is shown whole; a longer one from half a width before the caret.
    fits = len(text) <= width and sum(len(_printable(c)) for c in text) <= width
    while start > 0 and (fits or shown < width // 2):
        start -= 1
        before.append(_printable(text[start]))
        shown += len(before[-1])
    after: list[str] = []
    end = position
    while end < len(text) and shown < width:
        after.append(_printable(text[end]))
        shown += len(after[-1])
        end += 1
    left = ("…" if start > 0 else "") + "".join(reversed(before))
    right = "".join(after) + ("…" if end < len(text) else "")
    return f"{indent}{left}{right}\n{indent}{' ' * len(left)}^"


def _shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for quoting in messages.

    >>> _shorten("abcdefgh", 5)
    'abcd…'
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _shown(value: object, limit: int = 60) -> str:
    """``repr(value)`` for a message, cut to about ``limit`` characters; an integer too
    long to print (Python refuses beyond 4 300 digits) is described by its length.

    >>> print(_shown(12), _shown("x" * 100, 10), _shown(10**5000))
    12 'xxxxxxx…' an integer of 5001 digits
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 640:
        digits = len(str(abs(value))) if value.bit_length() < 14_000 else None
        if digits is None:
            digits = math.floor(math.log10(abs(value))) + 1
        sign = "a negative " if value < 0 else "an "
        return f"{sign}integer of {digits} digits"
    try:
        shown = repr(value)
    except ValueError:  # a value whose text is refused (a huge number inside it)
        shown = f"a {type(value).__name__}"
    if len(shown) <= limit:
        return shown
    closing = shown[0] if shown[0] in "'\"" else ""
    return shown[: limit - 1 - len(closing)] + "…" + closing


def _quoted(text: str, limit: int = 60) -> str:
    """``repr(text)``, cut to about ``limit`` characters, for quoting input in messages.

    >>> print(_quoted("≥ 3 heures/jour"), _quoted("x" * 100, 10))
    '≥ 3 heures/jour' 'xxxxxxx…'
    """
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 2] + "…" + shown[0]


class TargetSyntaxError(CssIndicatorsError, ValueError):
    """A text that is not a target of the target language.

    ``text`` is the whole input, ``position`` the 0-based index of the character where
    reading failed, ``expected`` what the language allows there, in plain words, and
    ``reason`` the one-line explanation. ``str(error)`` shows all of it, with the text
    and a caret under the failure.

    >>> import cssindicators as ci
    >>> try:
    ...     ci.parse_target("≥ 3 heures/lundi")
    ... except ci.TargetSyntaxError as error:
    ...     print(error)
    ...     print(error.position, error.expected)
    Invalid target '≥ 3 heures/lundi': expected a period (jour, semaine, mois, trimestre, semestre, an) after '/', found 'lundi'
        ≥ 3 heures/lundi
                   ^
    11 ('a period (jour, semaine, mois, trimestre, semestre, an)',)
    """

    def __init__(
        self, reason: str, *, text: str, position: int, expected: tuple[str, ...] = ()
    ) -> None:
        self.reason = reason
        self.text = text
        self.position = position
        self.expected = expected
        super().__init__(reason, text, position)

    def __str__(self) -> str:
        excerpt = _caret_excerpt(self.text, self.position)
        return f"Invalid target {_quoted(self.text)}: {self.reason}\n{excerpt}"


class PeriodError(CssIndicatorsError, ValueError):
    """A text that is not an ISO 8601 period the library understands.

    >>> import cssindicators as ci
    >>> ci.parse_period("2023-13")
    Traceback (most recent call last):
      ...
    cssindicators.errors.PeriodError: Invalid period '2023-13': month must be in 1..12
    """


class MeasurementError(CssIndicatorsError, ValueError):
    """A measurement that cannot be evaluated against a target.

    Raised by ``Target.evaluate`` for a value of the wrong type, a negative count, a
    unit of another kind than the target's, or a missing period for a rate target.

    >>> import cssindicators as ci
    >>> ci.parse_target("≥ 3 heures/jour").evaluate(ci.Measurement(value=12))
    Traceback (most recent call last):
      ...
    cssindicators.errors.MeasurementError: a measurement for the rate target '≥ 3 heures/jour' needs a period
    """


class MeasurementFileError(CssIndicatorsError, ValueError):
    """A measurement file that cannot be read at all (no header, not CSV or JSON lines).

    Rows that cannot be used are not errors: they become problems of the file (see
    :func:`cssindicators.read_measurements`).

    >>> import cssindicators as ci
    >>> ci.MeasurementFile.from_text("id\\tvalue\\n1\\t2\\n", source="m.csv")
    Traceback (most recent call last):
      ...
    cssindicators.errors.MeasurementFileError: m.csv:1: the header must name the columns indicator, value and period (separated by ';', ',' or a tab), found 'id\\tvalue'
    """


class ConfigurationError(CssIndicatorsError, ValueError):
    """An argument that configures the library is invalid: bands, weights, a format…

    >>> import cssindicators as ci
    >>> ci.Bands(partial=2)
    Traceback (most recent call last):
      ...
    cssindicators.errors.ConfigurationError: Bands.partial must be a number between 0 and 1, got 2
    """


class MissingDependencyError(CssIndicatorsError, ImportError):
    """An optional package that a feature needs is not installed; the message names the
    extra to install (``pip install "cssindicators[pandas]"``).

    >>> error = MissingDependencyError("needs pandas", module="pandas", extra="pandas")
    >>> error.module, error.extra, isinstance(error, ImportError)
    ('pandas', 'pandas', True)
    """

    def __init__(self, message: str, *, module: str, extra: str) -> None:
        super().__init__(message, name=module)
        self.module, self.extra = module, extra


class FileReadError(CssIndicatorsError, OSError):
    """A file that cannot be opened or read at all: missing, a folder, not readable
    (also an :class:`OSError`, with its ``errno``, ``strerror`` and ``filename``).

    >>> error = FileReadError.of(FileNotFoundError(2, "No such file or directory", "m.csv"))
    >>> str(error), error.filename, isinstance(error, OSError)
    ('cannot read m.csv: No such file or directory', 'm.csv', True)
    """

    @classmethod
    def of(cls, error: OSError) -> FileReadError:
        """The library error for an operating system's error on opening or reading."""
        return cls(error.errno, error.strerror or str(error), error.filename)

    def __str__(self) -> str:
        what = self.filename if self.filename is not None else "the file"
        return f"cannot read {what}: {self.strerror}"


class PlanError(CssIndicatorsError):
    """A plan that cannot be read or a request a plan cannot answer.

    >>> import cssindicators as ci
    >>> issubclass(ci.UnknownNodeError, ci.PlanError)
    True
    """


class UnknownNodeError(PlanError, KeyError):
    """An id that names no node of the plan (also a :class:`KeyError`).

    >>> str(UnknownNodeError("no node 's9' in the plan"))
    "no node 's9' in the plan"
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""
