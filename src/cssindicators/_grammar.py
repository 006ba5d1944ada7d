"""The target grammar's machinery: loading ``targets.lark``, the LALR parser, error translation.

This module knows Lark and nothing of rule objects: :mod:`cssindicators.targets` hands it
the callbacks that build them. Lark's exceptions never leave this module; they become
:class:`~cssindicators.errors.TargetSyntaxError` with plain-words expectations.
"""

from __future__ import annotations

import io
import os
import pickle
import pkgutil
import re
from typing import Any

from cssindicators.errors import TargetSyntaxError, _shorten

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


#: How the parser is built; the same at build time (tables) and at run time.
LARK_OPTIONS: dict[str, Any] = {
    "parser": "lalr",
    "lexer": "contextual",
    "start": ["target", "unit_text"],
    "maybe_placeholders": True,
}
#: The parse tables computed from the grammar when the wheel is built (see hatch_build.py).
TABLES_FILE = "targets.lalr"


def _data(name: str) -> bytes | None:
    """A file of the package's ``grammar/`` folder, or ``None`` if it has none.

    Read through the package's loader (:func:`pkgutil.get_data`), so it works wherever
    the package is installed, zipped or not. In a source checkout that is not installed,
    the file is read from the top-level ``grammar/`` folder next to ``src/``.
    """
    try:
        data = pkgutil.get_data("cssindicators", f"grammar/{name}")
    except OSError:
        data = None
    if data is not None:
        return data
    source = os.path.join(os.path.dirname(__file__), "..", "..", "grammar", name)
    try:
        with open(source, "rb") as file:
            return file.read()
    except OSError:
        return None


def grammar_text() -> str:
    """The text of ``targets.lark``, from the installed package's data."""
    data = _data(GRAMMAR_FILE)
    if data is None:  # pragma: no cover - a broken installation
        raise FileNotFoundError(f"cssindicators is installed without grammar/{GRAMMAR_FILE}")
    return data.decode("utf-8")


def build_tables() -> bytes:
    """The LALR tables of the grammar, serialised: what the wheel ships next to it.

    They are stored with the grammar's text and Lark's version; a parser is loaded
    from them only when both match the installed ones.
    """
    import lark

    grammar = grammar_text()
    buffer = io.BytesIO()
    lark.Lark(grammar, **LARK_OPTIONS).save(buffer)
    return pickle.dumps({"grammar": grammar, "lark": lark.__version__, "tables": buffer.getvalue()})


def _load_tables(grammar: str, callbacks: object) -> Any:
    """The parser loaded from the shipped tables, or ``None`` if they don't fit."""
    import lark

    tables = _data(TABLES_FILE)
    if tables is None:
        return None
    # The file is package data written by our own build, trusted like our code.
    saved = pickle.loads(tables)
    if (saved.get("grammar"), saved.get("lark")) != (grammar, lark.__version__):
        return None
    parser = lark.Lark.__new__(lark.Lark)
    return parser._load(io.BytesIO(saved["tables"]), transformer=callbacks)


def build_parser(callbacks: object) -> Any:
    """The LALR parser that calls ``callbacks`` as it reduces each rule.

    The objects are built during the parse: no tree is made. The parse tables come
    from the wheel when they match the grammar and the installed Lark; otherwise they
    are computed from the grammar, in memory (nothing is ever written to disk).
    """
    import lark

    grammar = grammar_text()
    try:
        parser = _load_tables(grammar, callbacks)
    except Exception:  # tables from another Lark: compute them instead
        parser = None
    if parser is None:
        parser = lark.Lark(grammar, transformer=callbacks, cache=False, **LARK_OPTIONS)
    return parser


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
    return f" after {_shorten(match.group().strip(), 30)!r}" if match else ""


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
            found = repr(_shorten(str(token), 30))
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
