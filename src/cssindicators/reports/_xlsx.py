r"""Scorecards as Excel workbooks: one sheet per level, typed cells, inert texts.

The sheets, in French as the plans are: ``Plan`` (the plan's title, reporting period,
sources, bands and roll-up, one ``field``/``value`` pair a row), ``Secteurs`` (the
sectors' roll-ups), ``Objectifs`` (every objective's roll-up, general, strategic,
service block and operational, its ``kind`` saying which), ``Indicateurs`` and
``Problèmes`` (the invalid rows). Each table's header holds the keys of
:meth:`Scorecard.records <cssindicators.scoring.Scorecard.records>`, one row a record.

Numbers are number cells (shares and achievements shown as percentages); a number that
is not finite is left empty (NaN) or written ``inf``/``-inf``, as in CSV. Every text is
a text cell, never a formula (``=1+1`` stays those four characters), with its control
characters shown as escapes (``\x1b``, ``\n``) and, beyond the 32 767 characters a cell
holds, cut, saying so.

>>> cell_text("=1+1\x1b[2J"), cell_text("a\ufffeb")
('=1+1\\x1b[2J', 'a\\ufffeb')
>>> long = cell_text("x" * 100_000)
>>> len(long) == CELL_LIMIT, long[-37:]
(True, 'xx… [cut: 67268 of 100000 characters]')
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO, Any

from cssindicators._optional import require
from cssindicators._terminal import cut, xml_text
from cssindicators.plan import ExpectedResult, Indicator
from cssindicators.reports._common import raw_text
from cssindicators.reports._tabular import _FORMULA_STARTS
from cssindicators.scoring import RECORD_FIELDS, Scorecard

__all__ = ["CELL_LIMIT", "cell_text", "to_xlsx"]

#: The longest text a spreadsheet cell holds (Excel's limit).
CELL_LIMIT = 32_767

#: The sheets' names, in order.
_PLAN, _SECTORS, _OBJECTIVES, _INDICATORS, _PROBLEMS = (
    "Plan",
    "Secteurs",
    "Objectifs",
    "Indicateurs",
    "Problèmes",
)

#: Status fills readable by colour-blind readers: blues and oranges by lightness, greys
#: for what was not scored. The status is written in the cell too.
_FILLS = {
    "met": "6BAED6",
    "partial": "FDD0A2",
    "not met": "F16913",
    "not measured": "F0F0F0",
    "invalid": "BDBDBD",
}
#: A node's count columns, coloured in their header like the status they count.
_COUNT_COLUMNS = {
    "met": "met",
    "partial": "partial",
    "not_met": "not met",
    "not_measured": "not measured",
    "invalid": "invalid",
}
#: Fields that hold a share: shown as a percentage.
_SHARES = frozenset(
    {"achievement", "met_share", "mean_achievement", "coverage", "bands.partial", "bands.tolerance"}
)
_PERCENT = "0%"
_NARROWEST, _WIDEST = 6, 60  # column widths, in characters


def cell_text(value: object) -> str:
    """A text as a cell holds it: ``str(value)`` on one line, its control characters
    (and the non-characters U+FFFE and U+FFFF, which a workbook cannot hold) written as
    escapes (see :func:`cssindicators._terminal.visible`), cut to :data:`CELL_LIMIT`
    characters with what was cut at the end (counted in the text as shown)."""
    return cut(xml_text(value), CELL_LIMIT)


def _write(sheet: Any, row: int, column: int, value: object, *, share: bool = False) -> Any:
    """Write ``value`` to a cell: nothing for ``None`` or NaN, a number as a number
    (``share``: shown as a percentage), anything else as a text cell (never a formula;
    quote-prefixed when it starts like one, so that editing it keeps it a text)."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, Decimal):
        value = float(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return cell
    if isinstance(value, (bool, int, float)) and not (
        isinstance(value, float) and math.isinf(value)
    ):
        cell.value = value
        if share and not isinstance(value, bool):
            cell.number_format = _PERCENT
        return cell
    if isinstance(value, float):
        value = "inf" if value > 0 else "-inf"
    text = cell_text(value)
    cell.value = text
    cell.data_type = "s"  # openpyxl reads "=…" as a formula and "#N/A" as an error
    if text.startswith(_FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def _width(cell: Any) -> int:
    """About how many characters a written cell shows."""
    value = cell.value
    if value is None:
        return 0
    if isinstance(value, float):
        return 6 if abs(value) < 1e6 else 12  # shown with a few digits, or in E notation
    return len(value) if isinstance(value, str) else len(str(value))


def _finish(sheet: Any, header: Sequence[str], widths: Sequence[int], styles: Any) -> None:
    """Bold, frozen header; an autofilter over the table; the columns' widths."""
    utils = require("openpyxl.utils", "excel")
    bold = styles.Font(bold=True)
    for column, name in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=column)
        cell.font = bold
        status = _COUNT_COLUMNS.get(name)
        if status is not None:
            cell.fill = _fill(styles, status)
        letter = utils.get_column_letter(column)
        sheet.column_dimensions[letter].width = max(
            _NARROWEST, min(widths[column - 1] + 2, _WIDEST)
        )
    last = utils.get_column_letter(len(header))
    sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 1)}"
    sheet.freeze_panes = "A2"


def _fill(styles: Any, status: str) -> Any:
    return styles.PatternFill(
        fill_type="solid", start_color=_FILLS[status], end_color=_FILLS[status]
    )


def _table(
    book: Any, title: str, fields: Sequence[str], records: Iterable[dict[str, Any]], styles: Any
) -> Any:
    """A sheet of records: the header is ``fields``, one row a record."""
    sheet = book.create_sheet(title)
    widths = [len(name) for name in fields]
    for column, name in enumerate(fields, start=1):
        _write(sheet, 1, column, name)
    for row, record in enumerate(records, start=2):
        for column, name in enumerate(fields, start=1):
            value = record.get(name)
            cell = _write(sheet, row, column, value, share=name in _SHARES)
            if name == "status" and value in _FILLS:
                cell.fill = _fill(styles, value)
            widths[column - 1] = max(widths[column - 1], _width(cell))
    _finish(sheet, fields, widths, styles)
    return sheet


def _plan_fields(card: Scorecard, rollup: dict[str, Any]) -> list[tuple[str, object]]:
    plan = card.plan
    skipped = {"id", "kind", "label", "parent", "depth"}
    return [
        ("title", rollup["label"]),
        ("plan.commune", plan.commune),
        ("plan.year", plan.year),
        ("plan.source", plan.source),
        ("period", None if card.period is None else str(card.period)),
        ("sources", "; ".join(card.sources)),
        ("notes", "; ".join(card.notes)),
        ("bands.partial", card.bands.partial),
        ("bands.tolerance", card.bands.tolerance),
        *((name, rollup[name]) for name in RECORD_FIELDS["nodes"] if name not in skipped),
        ("invalid_rows", len(card.problems)),
    ]


def to_xlsx(card: Scorecard, path_or_file: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write the scorecard as an Excel workbook (``.xlsx``) to a path or a binary file.

    One sheet a level: ``Plan``, ``Secteurs``, ``Objectifs``, ``Indicateurs``,
    ``Problèmes``; the header of a table holds the keys of :meth:`Scorecard.records
    <cssindicators.scoring.Scorecard.records>`, one row a record (an invalid row's
    ``raw`` as the other reports show it: ``column='text'; …``). Statuses are coloured
    (and written), numbers are numbers, texts are never formulas. Each sheet has a
    frozen header and an autofilter. Needs openpyxl (``pip install
    "cssindicators[excel]"``).

    >>> import io
    >>> from cssindicators.reading import parse_plan
    >>> from cssindicators.scoring import score
    >>> card = score(parse_plan("Secteur d'activité 2 : =HYPERLINK(\\"http://x\\")\\n"), [])
    >>> buffer = io.BytesIO()
    >>> to_xlsx(card, buffer)
    >>> import openpyxl
    >>> book = openpyxl.load_workbook(buffer)
    >>> book.sheetnames
    ['Plan', 'Secteurs', 'Objectifs', 'Indicateurs', 'Problèmes']
    >>> sectors = book["Secteurs"]
    >>> sectors["C2"].value, sectors["C2"].data_type, sectors.auto_filter.ref
    ('=HYPERLINK("http://x")', 's', 'A1:P2')
    """
    openpyxl = require("openpyxl", "excel")
    styles = require("openpyxl.styles", "excel")
    nodes = {record["id"]: record for record in card.records("nodes")}
    ordered = [
        nodes[node.id]
        for node in card.plan.walk()
        if not isinstance(node, (Indicator, ExpectedResult))
    ]
    book = openpyxl.Workbook()
    book.remove(book.active)
    book.properties.creator = "cssindicators"
    book.properties.title = cell_text(card.rollup().label)

    sheet = book.create_sheet(_PLAN)
    header = ("field", "value")
    widths = [len(name) for name in header]
    _write(sheet, 1, 1, header[0])
    _write(sheet, 1, 2, header[1])
    for row, (name, value) in enumerate(_plan_fields(card, nodes[""]), start=2):
        label = _write(sheet, row, 1, name)
        if name in _COUNT_COLUMNS:
            label.fill = _fill(styles, _COUNT_COLUMNS[name])
        shown = _write(sheet, row, 2, value, share=name in _SHARES)
        widths = [max(widths[0], len(name)), max(widths[1], _width(shown))]
    _finish(sheet, header, widths, styles)

    fields = RECORD_FIELDS["nodes"]
    _table(book, _SECTORS, fields, [r for r in ordered if r["kind"] == "sector"], styles)
    _table(book, _OBJECTIVES, fields, [r for r in ordered if r["kind"] != "sector"], styles)
    _table(book, _INDICATORS, RECORD_FIELDS["indicators"], card.records("indicators"), styles)
    problems = (
        {**record, "raw": raw_text(problem)}
        for record, problem in zip(card.records("problems"), card.problems, strict=True)
    )
    _table(book, _PROBLEMS, RECORD_FIELDS["problems"], problems, styles)
    book.save(path_or_file)
