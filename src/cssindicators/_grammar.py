"""The target grammar's machinery: loading ``targets.lark``, the LALR parser, error translation.

This module knows Lark and nothing of rule objects: :mod:`cssindicators.targets` hands it
the class of the callbacks that build them. Lark's exceptions never leave this module;
they become :class:`~cssindicators.errors.TargetSyntaxError` with plain-words
expectations. Lark itself is imported on first use, so ``import cssindicators`` does not
pay for it.
"""

from __future__ import annotations

import io
import pickle
import re
from typing import TYPE_CHECKING, Any

from cssindicators import _resources
from cssindicators.errors import TargetSyntaxError, _shorten

if TYPE_CHECKING:
    from lark import Lark
    from lark.exceptions import UnexpectedInput

GRAMMAR_FILE = "targets.lark"
#: The parser saved when the wheel is built (see hatch_build.py), next to the grammar.
TABLES_FILE = "targets.lalr"

_COMPARATOR = "a comparator (≥, ≤, >, <, =, au moins, au plus…)"
_UNIT = "a unit (heures, minutes, %, or what is counted)"
_PER = "a period (/jour, par an…)"
_PERIOD = "a period (jour, semaine, mois, trimestre, semestre, an)"
_ANSWER = "a yes/no answer (Oui, Non…)"
_CHANGE = "a change (diminution de 10 %, en hausse, stabilisation…)"
_BASELINE = "a baseline (par rapport à 2022, (référence 2022)…)"
_YEARS = "a year or years (2022, 2015-2019)"

#: What each terminal of the grammar means to a reader of error messages; several
#: terminals that mean the same thing share a description, which a message names once.
#: Every terminal has one (a test proves it against the grammar).
_DESCRIPTIONS = {
    "AT_LEAST": _COMPARATOR,
    "AT_MOST": _COMPARATOR,
    "MORE_THAN": _COMPARATOR,
    "LESS_THAN": _COMPARATOR,
    "EQUAL": _COMPARATOR,
    "NUMBER": "a number (12, 2,5, 1.500 or 1 500)",
    "RANGE_START": "a range (entre … et …)",
    "RANGE_SEP": "the second bound of the range (et …, à …)",
    "YES_NO": "Oui/Non",
    "YES": _ANSWER,
    "NO": _ANSWER,
    "HOURS": _UNIT,
    "MINUTES": _UNIT,
    "PERCENT": _UNIT,
    "TIMES": _UNIT,
    "WORD": _UNIT,
    "_SLASH": _PER,
    "_PER": _PER,
    "YEARLY": _PER,
    "SEMESTERLY": _PER,
    "QUARTERLY": _PER,
    "MONTHLY": _PER,
    "WEEKLY": _PER,
    "DAILY": _PER,
    "YEAR": _PERIOD,
    "SEMESTER": _PERIOD,
    "QUARTER": _PERIOD,
    "MONTH": _PERIOD,
    "WEEK": _PERIOD,
    "DAY": _PERIOD,
    "WORKING_DAY": _PERIOD,
    "DURATION": "a number (12, 2,5, 1.500 or 1 500)",
    "MULTIPLE": "a number (12, 2,5, 1.500 or 1 500)",
    "DOWN": _CHANGE,
    "UP": _CHANGE,
    "SIGN": _CHANGE,
    "DIRECTION": _CHANGE,
    "STABLE": _CHANGE,
    "_BY": "the size of the change (de 10 %…)",
    "POINTS": _UNIT,
    "OF": "what the percentage is a share of (des dossiers…)",
    "_VERSUS": _BASELINE,
    "BASE_NOTE": _BASELINE,
    "_THE_PERIOD": _YEARS,
    "YEARS": _YEARS,
    "_LEVEL_OF": "a level against a baseline (le niveau de 2022)",
    "_THE": "a level against a baseline (le niveau de 2022)",
    "_LEVEL": "the word 'level'",
    "NOTE": "a note in brackets ((moyenne)…)",
    "_EQUIV": "an equivalent (, soit 1 par mois)",
    "_STOP": "a final full stop",
    "$END": "the end of the target",
}
#: The order in which expectations are listed in a message.
_ORDER = list(dict.fromkeys(_DESCRIPTIONS.values()))


#: How the parser is built; the same at build time (saved tables) and at run time.
LARK_OPTIONS: dict[str, Any] = {
    "parser": "lalr",
    "lexer": "contextual",
    "start": ["target", "unit_text", "answer", "baseline_note"],
    "maybe_placeholders": True,
}


class SemanticError(Exception):
    """A text that fits the grammar but breaks a rule it cannot state: raised by the
    callbacks (``entre 20 et 10``), reported like a syntax error at ``position``."""

    def __init__(self, reason: str, position: int) -> None:
        super().__init__(reason)
        self.reason, self.position = reason, position


def grammar_text() -> str:
    """The text of ``targets.lark``, from the installed package's data."""
    data = _resources.read_data("grammar", GRAMMAR_FILE)
    if data is None:  # pragma: no cover - a broken installation
        raise FileNotFoundError(f"cssindicators is installed without grammar/{GRAMMAR_FILE}")
    return data.decode("utf-8")


def _fingerprint(grammar: str, callbacks: type) -> dict[str, str]:
    """What saved tables must have been built from to be used: this grammar text, the
    installed Lark and the same callbacks class."""
    import lark

    return {
        "grammar": grammar,
        "lark": lark.__version__,
        "callbacks": f"{callbacks.__module__}.{callbacks.__qualname__}",
    }


def build_tables(callbacks: type) -> bytes:
    """The parser of the grammar with ``callbacks``, saved: what the wheel ships.

    The fingerprint (:func:`_fingerprint`) comes first, then the parser as Lark's
    public :meth:`lark.Lark.save` writes it (its LALR tables, its options and the
    callbacks, which pickle by their class name).
    """
    import lark

    grammar = grammar_text()
    buffer = io.BytesIO()
    pickle.dump(_fingerprint(grammar, callbacks), buffer, protocol=pickle.HIGHEST_PROTOCOL)
    lark.Lark(grammar, transformer=callbacks(), **LARK_OPTIONS).save(buffer)
    return buffer.getvalue()


#: What reading a truncated or corrupted tables file raises.
_UNREADABLE = (pickle.UnpicklingError, EOFError)


def _load_tables(grammar: str, callbacks: type) -> Lark | None:
    """The parser saved in the package's data, or ``None`` if there is none or it was
    built from another grammar, Lark or callbacks class (then it is not read further)."""
    import lark

    data = _resources.read_data("grammar", TABLES_FILE)
    if data is None:
        return None
    stream = io.BytesIO(data)
    try:
        # The file is package data written by our own build, trusted like our code.
        if pickle.load(stream) != _fingerprint(grammar, callbacks):
            return None
        return lark.Lark.load(stream)
    except _UNREADABLE:
        return None


def build_parser(callbacks: type) -> Lark:
    """The LALR parser that calls the methods of a ``callbacks()`` instance as it
    reduces each rule: the objects are built during the parse, no tree is made.

    The parser comes from the wheel when it matches the grammar, the installed Lark and
    ``callbacks``; otherwise it is computed from the grammar, in memory (nothing is
    ever written to disk).
    """
    import lark

    grammar = grammar_text()
    parser = _load_tables(grammar, callbacks)
    if parser is None:
        parser = lark.Lark(grammar, transformer=callbacks(), cache=False, **LARK_OPTIONS)
    return parser


def parse(parser: Lark, text: str, start: str) -> Any:
    """What the callbacks build from ``text`` read from rule ``start``.

    Raises :class:`TargetSyntaxError` for a text the grammar does not accept, or whose
    parts break a rule (a :class:`SemanticError` of the callbacks); nothing else is
    caught, so a programming error stays one.
    """
    from lark.exceptions import UnexpectedInput

    try:
        return parser.parse(text, start=start)
    except SemanticError as error:
        raise TargetSyntaxError(error.reason, text=text, position=error.position) from None
    except UnexpectedInput as error:
        raise translate(error, text) from error


def parse_or_none(parser: Lark, text: str, start: str) -> Any:
    """Like :func:`parse`, but ``None`` for a text it would reject (no message is made)."""
    from lark.exceptions import UnexpectedInput

    try:
        return parser.parse(text, start=start)
    except (SemanticError, UnexpectedInput):
        return None


def describe(expected: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The plain-words descriptions of a set of terminal names, in a fixed order."""
    found = {_DESCRIPTIONS.get(name, name.lower()) for name in expected}
    # "a period (/jour…)" already says what its words would.
    if _PER in found:
        found.discard(_PERIOD)
    # "Oui/Non" says what "Oui" alone would.
    if _DESCRIPTIONS["YES_NO"] in found:
        found.discard(_ANSWER)
    # Where a target may end, what may follow it (a note, an equivalent) is not needed
    # to say what is wrong; where a number may come, a level's words are rare.
    if "$END" in expected:
        found -= {_DESCRIPTIONS["NOTE"], _DESCRIPTIONS["_EQUIV"]}
    if "NUMBER" in expected:
        found.discard(_DESCRIPTIONS["_LEVEL_OF"])
    return tuple(sorted(found, key=lambda d: _ORDER.index(d) if d in _ORDER else len(_ORDER)))


def _join(words: tuple[str, ...]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


#: How far around the failure messages look, in characters: every text that goes into a
#: message (the word before the failure, the digits around it) is cut to this window
#: before it is searched, so that a message costs the same on a text of any length.
_WINDOW = 80

#: The last word or run of symbols of a text, read backwards: on the reversed text, the
#: spaces then the word are matched at the start only (one pass, no search).
_LAST_WORD_REVERSED = r"\s*([^\W_]+|[^\w\s]+)"


def _after(text: str, position: int) -> str:
    """The word or symbol just before ``position``, as quoted in messages; a word longer
    than the window around the failure is shown by its end, after an ellipsis."""
    low = max(0, position - _WINDOW)
    match = re.compile(_LAST_WORD_REVERSED).match(text[low:position][::-1])
    if match is None:
        return ""
    word = match.group(1)[::-1]
    if len(word) > 30 or (low > 0 and match.end() == position - low):
        word = "…" + word[-29:]
    return f" after {word!r}"


#: Digits run together with number separators (compiled on the first error).
_DIGITS_RUN = r"[0-9]+(?:[.,\u00a0\u202f ][0-9]+)*"
_SEPARATORS = ".,\u00a0\u202f "
_NUMBER_RULE = (
    "a dot or a space groups thousands before groups of three digits (1.500, 1 500), the "
    "decimal mark is a comma (2,5, 1.500,5), and a dot elsewhere is a decimal point (2.5)"
)


def _runs_on(text: str, index: int, step: int) -> bool:
    """Whether the run of digits and separators that ends (``step`` -1) or starts
    (``step`` 1) next to ``index`` goes on past it: a digit, or a separator then a digit."""
    char = text[index : index + 1] if index >= 0 else ""
    if char.isdigit() and char.isascii():
        return True
    after = index + step
    return (
        char != ""
        and char in _SEPARATORS
        and 0 <= after < len(text)
        and text[after] in "0123456789"
    )


def _not_a_number(text: str, position: int) -> tuple[int, str] | None:
    """Where the digits and separators around ``position`` start, and how they are
    quoted, when reading failed inside them, at a dot or comma (``1 500.250``,
    ``1,500,000``): a number the grammar does not read. Only a window around the
    position is searched; a longer run is quoted by its part in the window, cut."""
    at_mark = (
        text[position : position + 1] in {".", ","} and text[position - 1 : position].isdigit()
    )
    after_mark = (
        text[position - 1 : position] in {".", ","} and text[position : position + 1].isdigit()
    )
    if position < 1 or not (at_mark or after_mark):
        return None
    low, high = max(0, position - _WINDOW), min(len(text), position + _WINDOW)
    for match in re.compile(_DIGITS_RUN).finditer(text, low, high):
        if match.start() < position < match.end():
            start, shown = match.start(), match.group()
            cut_before = start == low and _runs_on(text, low - 1, -1)
            cut_after = match.end() == high and _runs_on(text, high, 1)
            if cut_before:
                # the caret goes where reading failed: the number starts out of sight
                start, shown = position, "…" + shown[-29:]
            elif cut_after or len(shown) > 30:
                shown = shown[:29] + "…"
            return start, shown
    return None


def translate(error: UnexpectedInput, text: str) -> TargetSyntaxError:
    """Turn a Lark parse error on ``text`` into a :class:`TargetSyntaxError`."""
    import lark

    position = len(text)
    expected: tuple[str, ...] = ()
    if isinstance(error, lark.UnexpectedCharacters):
        position = error.pos_in_stream or 0
        expected = describe(error.allowed or set())
        found = repr(text[position])
    elif isinstance(error, lark.UnexpectedToken):
        token = error.token
        if token.type == "$END":
            found = "the end of the text"
        else:
            position = token.start_pos if token.start_pos is not None else position
            found = repr(_shorten(str(token), 30))
        expected = describe(error.accepts or error.expected)
    elif isinstance(error, lark.UnexpectedEOF):
        expected = describe(set(error.expected))
        found = "the end of the text"
    else:  # pragma: no cover - a kind of UnexpectedInput that Lark does not raise today
        return TargetSyntaxError(str(error), text=text, position=0)
    if not text.strip():
        reason = "expected a target such as '≥ 12 par an' or 'Oui/Non', found nothing"
        return TargetSyntaxError(reason, text=text, position=position, expected=expected)
    number = _not_a_number(text, position)
    if number is not None:
        start, shown = number
        reason = f"{shown!r} is not a number: {_NUMBER_RULE}"
        return TargetSyntaxError(reason, text=text, position=start, expected=expected)
    reason = f"expected {_join(expected)}{_after(text, position)}, found {found}"
    return TargetSyntaxError(reason, text=text, position=position, expected=expected)
