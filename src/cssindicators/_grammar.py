"""The target grammar's machinery: loading ``targets.lark``, the LALR parser, error translation.

This module knows Lark and nothing of rule objects: :mod:`cssindicators.targets` hands it
the callbacks that build them. Lark's exceptions never leave this module; they become
:class:`~cssindicators.errors.TargetSyntaxError` with plain-words expectations.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

from cssindicators.errors import TargetSyntaxError

GRAMMAR_FILE = "targets.lark"

#: What each terminal means to a reader of error messages; several terminals that
#: mean the same thing share a description, which the message then names once.
_DESCRIPTIONS = {
    "AT_LEAST": "a comparator (≥, ≤, >, <, =, au moins, au plus…)",
    "AT_MOST": "a comparator (≥, ≤, >, <, =, au moins, au plus…)",
    "MORE_THAN": "a comparator (≥, ≤, >, <, =, au moins, au plus…)",
    "LESS_THAN": "a comparator (≥, ≤, >, <, =, au moins, au plus…)",
    "EQUAL": "a comparator (≥, ≤, >, <, =, au moins, au plus…)",
    "NUMBER": "a number (12, 2,5 or 1 000)",
    "RANGE_START": "a range (entre … et …)",
    "RANGE_SEP": "the second bound of the range (et …, à …)",
    "YES_NO": "Oui/Non",
    "HOURS": "a unit (heures, minutes, %, or what is counted)",
    "MINUTES": "a unit (heures, minutes, %, or what is counted)",
    "PERCENT": "a unit (heures, minutes, %, or what is counted)",
    "WORD": "a unit (heures, minutes, %, or what is counted)",
    "_SLASH": "a period (/jour, par an…)",
    "_PER": "a period (/jour, par an…)",
    "YEARLY": "a period (/jour, par an…)",
    "SEMESTERLY": "a period (/jour, par an…)",
    "QUARTERLY": "a period (/jour, par an…)",
    "MONTHLY": "a period (/jour, par an…)",
    "WEEKLY": "a period (/jour, par an…)",
    "DAILY": "a period (/jour, par an…)",
    "YEAR": "a period (jour, semaine, mois, trimestre, semestre, an)",
    "SEMESTER": "a period (jour, semaine, mois, trimestre, semestre, an)",
    "QUARTER": "a period (jour, semaine, mois, trimestre, semestre, an)",
    "MONTH": "a period (jour, semaine, mois, trimestre, semestre, an)",
    "WEEK": "a period (jour, semaine, mois, trimestre, semestre, an)",
    "DAY": "a period (jour, semaine, mois, trimestre, semestre, an)",
    "_STOP": "a final full stop",
    "$END": "the end of the target",
}
#: The order in which expectations are listed in a message.
_ORDER = list(dict.fromkeys(_DESCRIPTIONS.values()))


def grammar_text() -> str:
    """The text of ``targets.lark``, from the installed package's data.

    In a source checkout that is not installed, the file is read from the top-level
    ``grammar/`` folder next to ``src/``.
    """
    packaged = resources.files("cssindicators").joinpath("grammar").joinpath(GRAMMAR_FILE)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    source = Path(__file__).resolve().parents[2] / "grammar" / GRAMMAR_FILE
    return source.read_text(encoding="utf-8")


def build_parser(callbacks: object) -> Any:
    """Build the LALR parser that calls ``callbacks`` as it reduces each rule.

    The objects are built during the parse: no tree is made. Nothing is cached on disk.
    """
    import lark

    return lark.Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        start=["target", "unit_text"],
        transformer=callbacks,
        maybe_placeholders=True,
        cache=False,
    )


def describe(expected: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The plain-words descriptions of a set of terminal names, in a fixed order."""
    found = {_DESCRIPTIONS.get(name, name.lower()) for name in expected}
    # "a period (/jour…)" already says what its words would.
    if _DESCRIPTIONS["_SLASH"] in found:
        found.discard(_DESCRIPTIONS["YEAR"])
    return tuple(sorted(found, key=lambda d: _ORDER.index(d) if d in _ORDER else len(_ORDER)))


def _join(words: tuple[str, ...]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


_LAST_WORD = re.compile(r"(?:[^\W_]+|[^\w\s]+)\s*$")


def _after(text: str, position: int) -> str:
    """The word or symbol just before ``position``, as quoted in messages."""
    match = _LAST_WORD.search(text, 0, position)
    return f" after {match.group().strip()!r}" if match else ""


def translate(error: Exception, text: str) -> TargetSyntaxError:
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
            found = repr(str(token))
        expected = describe(error.accepts or error.expected)
    elif isinstance(error, lark.UnexpectedEOF):
        expected = describe(set(error.expected))
        found = "the end of the text"
    else:
        return TargetSyntaxError(str(error), text=text, position=0)
    if not text.strip():
        reason = "expected a target such as '≥ 12 par an' or 'Oui/Non', found nothing"
        return TargetSyntaxError(reason, text=text, position=position, expected=expected)
    reason = f"expected {_join(expected)}{_after(text, position)}, found {found}"
    return TargetSyntaxError(reason, text=text, position=position, expected=expected)
