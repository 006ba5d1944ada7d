"""Scorecards for other tools: CSV (one table) and JSON (one document, with a schema)."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

from cssindicators._terminal import cut
from cssindicators.plan import ExpectedResult, Indicator
from cssindicators.reports._common import raw_cells, raw_text
from cssindicators.scoring import RECORD_FIELDS, Scorecard

#: The columns of the CSV report: ``record`` says which kind of row it is (``node``,
#: ``indicator`` or ``invalid row``); each kind fills the columns it has.
CSV_COLUMNS = (
    "record",
    *dict.fromkeys(
        [*RECORD_FIELDS["nodes"], *RECORD_FIELDS["indicators"], *RECORD_FIELDS["problems"]]
    ),
)

#: What a spreadsheet reads as the start of a formula: the ASCII marks, their full-width
#: and small forms (which spreadsheets read as the ASCII ones), a tab and a carriage
#: return (which some skip before the mark).
_FORMULA_STARTS = (
    *("=", "+", "-", "@", "\t", "\r"),
    *("\uff1d", "\ufe66", "\uff0b", "\ufe62", "\uff0d", "\ufe63", "\uff20"),
)
#: The longest cell: what Python's ``csv`` module reads by default
#: (``csv.field_size_limit()``); a longer one would make the report unreadable to it.
CELL_LIMIT = 131_072


def cell(value: object) -> str:
    """A CSV cell: ``None`` empty, numbers with a point, text that a spreadsheet would
    run as a formula (``=``, ``+``, ``-``, ``@`` first, or their full-width forms
    ``＝``, ``＋``, ``－``, ``＠``) prefixed with ``'``, and a text longer than
    :data:`CELL_LIMIT` cut to it, ending with what was cut.

    >>> cell('=HYPERLINK("http://x")'), cell(None), cell(0.5), cell("-3"), cell("＝1+1")
    ('\\'=HYPERLINK("http://x")', '', '0.5', "'-3", "'＝1+1")
    >>> cell(-0.05)  # a number, not a text: never run as a formula
    '-0.05'
    >>> long = cell("x" * 200_000)
    >>> len(long) == CELL_LIMIT, long[-37:]
    (True, 'xx… [cut: 68963 of 200000 characters]')
    """
    if value is None:
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return "" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    text = str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text  # a number (-0.05, a change) is read as one, never run
    whole = len(text)
    if text.startswith(_FORMULA_STARTS):
        text = "'" + text
    return cut(text, CELL_LIMIT, whole)


def to_csv(card: Scorecard) -> str:
    """The scorecard as one CSV table: nodes and indicators in document order, then the
    invalid rows (file, line, raw values, reason). Safe to open in a spreadsheet.

    The ``warnings`` column holds, for a node, the number of warnings below it, and for
    an indicator its warnings, joined by ``; ``.

    An invalid row's ``raw`` cell holds its values as the other reports show them:
    ``column='text'; …``, blank cells left out.

    >>> from cssindicators.reading import parse_plan
    >>> from cssindicators.scoring import score
    >>> card = score(parse_plan("Secteur d'activité 2 : =cmd|' /C calc'!A0\\n"), [])
    >>> print(to_csv(card).splitlines()[2][:40])
    node,s2,sector,'=cmd|' /C calc'!A0,,1,0,
    """
    buffer = io.StringIO()
    # CRLF, as RFC 4180 says: a cell holding a lone \r or \n is then quoted too.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    nodes = {record["id"]: record for record in card.records("nodes")}
    indicators = {record["id"]: record for record in card.records("indicators")}
    ordered = [("node", nodes[""])]
    for node in card.plan.walk():
        if isinstance(node, Indicator):
            ordered.append(("indicator", indicators[node.id]))
        elif not isinstance(node, ExpectedResult):
            ordered.append(("node", nodes[node.id]))
    problems = zip(card.records("problems"), card.problems, strict=True)
    ordered += [("invalid row", {**record, "raw": raw_text(p)}) for record, p in problems]
    for kind, record in ordered:
        writer.writerow([cell(kind), *(cell(record.get(column)) for column in CSV_COLUMNS[1:])])
    return buffer.getvalue()


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def document(card: Scorecard) -> dict[str, Any]:
    """The scorecard as a JSON-ready document (see :data:`SCHEMA`)."""
    plan = card.plan
    return {
        "format": "cssindicators-scorecard",
        "version": 2,
        "plan": {"commune": plan.commune, "year": plan.year, "source": plan.source},
        "period": None if card.period is None else str(card.period),
        "sources": list(card.sources),
        "notes": list(card.notes),
        "bands": {"partial": card.bands.partial},
        "nodes": [{k: _finite(v) for k, v in r.items()} for r in card.records("nodes")],
        "indicators": [
            {**{k: _finite(v) for k, v in record.items()}, "warnings": list(result.warnings)}
            for record, result in zip(card.records("indicators"), card.results, strict=True)
        ],
        "problems": [
            {**record, "raw": dict(raw_cells(p))}
            for record, p in zip(card.records("problems"), card.problems, strict=True)
        ],
    }


def to_json(card: Scorecard, *, indent: int | None = 2) -> str:
    """The scorecard as a JSON document, valid against :data:`SCHEMA`.

    Numbers that are not finite (an achievement against a target of 0) are ``null``; an
    invalid row's ``raw`` object holds its cells as read, blank cells left out.
    ``period`` is the reporting period (ISO form); an indicator's ``warnings`` are its
    warnings joined by ``; ``, a node's the number of warnings below it.

    >>> import json
    >>> from cssindicators.reading import parse_plan
    >>> from cssindicators.scoring import score
    >>> card = score(parse_plan("Secteur d'activité 2 : Criminalité\\n"), [])
    >>> json.loads(to_json(card))["nodes"][1]["label"]
    'Criminalité'
    >>> json.loads(to_json(score(card.plan, [], period="T2 2023")))["period"]
    '2023-Q2'
    """
    return json.dumps(document(card), ensure_ascii=False, indent=indent, allow_nan=False) + "\n"


_NUMBER = {"type": ["number", "null"]}
_TEXT = {"type": ["string", "null"]}
_COUNT = {"type": "integer", "minimum": 0}
_STATUS = {"enum": ["met", "partial", "not met", "not measured", "invalid"]}

#: The JSON Schema of :func:`to_json`'s documents.
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "cssindicators scorecard",
    "type": "object",
    "required": [
        "format",
        "version",
        "plan",
        "period",
        "sources",
        "notes",
        "bands",
        "nodes",
        "indicators",
        "problems",
    ],
    "additionalProperties": False,
    "properties": {
        "format": {"const": "cssindicators-scorecard"},
        "version": {"const": 2},
        "plan": {
            "type": "object",
            "properties": {
                "commune": _TEXT,
                "year": {"type": ["integer", "null"]},
                "source": _TEXT,
            },
        },
        # The reporting period in ISO form, null when every period the rows cover counts.
        "period": _TEXT,
        "sources": {"type": "array", "items": {"type": "string"}},
        # How the measurements were read, when that needs saying (a file's decimal mark).
        "notes": {"type": "array", "items": {"type": "string"}},
        "bands": {"type": "object", "properties": {"partial": {"type": "number"}}},
        "nodes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": list(RECORD_FIELDS["nodes"]),
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string"},
                    "kind": {"type": "string"},
                    "label": {"type": "string"},
                    "parent": {"type": "string"},
                    "depth": _COUNT,
                    **dict.fromkeys(
                        (
                            "met",
                            "partial",
                            "not_met",
                            "not_measured",
                            "invalid",
                            "total",
                            "measured",
                        ),
                        _COUNT,
                    ),
                    "met_share": _NUMBER,
                    "mean_achievement": _NUMBER,
                    "coverage": _NUMBER,
                    # The number of warnings of the indicators below.
                    "warnings": _COUNT,
                },
            },
        },
        "indicators": {
            "type": "array",
            "items": {
                "type": "object",
                "required": list(RECORD_FIELDS["indicators"]),
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string"},
                    "label": {"type": "string"},
                    "parent": {"type": "string"},
                    "target": _TEXT,
                    "target_text": _TEXT,
                    "status": _STATUS,
                    "observed": _NUMBER,
                    "expected": _NUMBER,
                    "achievement": _NUMBER,
                    "measurement": {"type": "string"},
                    "rows": _COUNT,
                    "superseded": _COUNT,
                    "invalid_rows": _COUNT,
                    "weight": {"type": "number", "minimum": 0},
                    # The indicator's warnings, each a text.
                    "warnings": {"type": "array", "items": {"type": "string"}},
                    # For a change target: its baseline in the terms of "observed", the
                    # change (a share of the baseline, or a difference), what the
                    # baseline was read from, and how many rows gave it.
                    "baseline": _NUMBER,
                    "change": _NUMBER,
                    "baseline_measurement": {"type": "string"},
                    "baseline_rows": _COUNT,
                },
            },
        },
        "problems": {
            "type": "array",
            "items": {
                "type": "object",
                "required": list(RECORD_FIELDS["problems"]),
                "additionalProperties": False,
                "properties": {
                    "source": {"type": "string"},
                    "line": _COUNT,
                    "indicator": _TEXT,
                    "reason": {"type": "string"},
                    "raw": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            },
        },
    },
}
