"""JSON lines: one object a line, with the keys of a measurement file's columns.

Numbers are read as :class:`~decimal.Decimal` (``2.5`` stays 2.5); a line that is not
JSON, not an object, or holds a value of the wrong type is a problem of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from cssindicators.errors import _shorten as shorten
from cssindicators.measurements._decoding import is_comment
from cssindicators.measurements._rows import Problem, Row, add, column, settle
from cssindicators.measurements._values import Numbers, Settled

__all__ = ["read_json_lines"]

#: The JSON types each key of a JSON line may hold (``None`` is always allowed).
_JSON_TYPES: Mapping[str, tuple[tuple[type, ...], str]] = {
    "indicator": ((str,), "a text"),
    "value": ((str, bool, int, Decimal), "a number, true/false or a text"),
    "period": ((str,), "a text"),
    "unit": ((str,), "a text"),
    "note": ((str,), "a text"),
}


def _json_problem(fields: Mapping[str, object]) -> str | None:
    """Why a JSON object's fields are of the wrong types, if they are."""
    for name, (types, expected) in _JSON_TYPES.items():
        value = fields.get(name)
        if value is not None and not isinstance(value, types):
            return f"{name} must be {expected}, got {_json_text(value)}"
    return None


def read_json_lines(
    lines: Sequence[str], numbers: Numbers
) -> tuple[tuple[Row, ...], tuple[Problem, ...], Settled]:
    """The rows and problems of the physical ``lines`` of a JSON lines file, and how the
    numbers written as texts were read (``numbers`` reads them; ``numbers.source`` names
    the file). JSON numbers are numbers as they are.

    >>> lines = ['{"indicator": "x", "value": 2.5, "period": null}', "[1]"]
    >>> rows, problems, settled = read_json_lines(lines, Numbers(None, "m.jsonl"))
    >>> rows[0].measurement.value, [str(p) for p in problems]
    (Decimal('2.5'), ['m.jsonl:2: expected a JSON object, got [1]'])
    """
    import json

    source = numbers.source
    rows: list[Row] = []
    problems: list[Problem] = []
    for line, content in enumerate(lines, 1):
        if not content.strip() or is_comment(content):
            continue
        whole = (("line", shorten(content.strip(), 200)),)
        try:
            document = json.loads(content, parse_float=Decimal)
        except RecursionError:
            problems.append(Problem(source, line, "invalid JSON: nested too deeply", whole))
            continue
        except ValueError as error:
            detail = (
                f"{error.msg} (column {error.colno})"
                if isinstance(error, json.JSONDecodeError)
                else str(error)
            )
            problems.append(Problem(source, line, f"invalid JSON: {detail}", whole))
            continue
        if not isinstance(document, dict):
            reason = f"expected a JSON object, got {_json_text(document)[:40]}"
            problems.append(Problem(source, line, reason, whole))
            continue
        fields = {column(str(key)): value for key, value in document.items()}
        raw = tuple((name, _json_text(value)) for name, value in fields.items())
        wrong = _json_problem(fields)
        if wrong is not None:
            indicator = fields.get("indicator")
            problems.append(
                Problem(source, line, wrong, raw, indicator if isinstance(indicator, str) else None)
            )
            continue
        add(fields, raw, source, line, rows, problems, numbers=numbers)
    return settle(numbers, rows, problems)


def _json_text(value: object) -> str:
    import json

    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=str)
