r"""A plan written as a Word document in the layout of the official template.

The paragraphs are those of :func:`~cssindicators.reading.render_template`, in its
order and words (the same helpers write them): the plan's title, allocation and legal
basis, then for each sector its heading, each general and strategic objective its
heading and title (and note), each service its name above its table. A table has the
header row (repeated by Word on each page the table runs over) and one row per
operational objective; each result and indicator is its own "- " paragraph in its cell.
Reading the document back gives the plan the text export gives.

Word documents cannot hold control characters: they are written as their escapes
(``\x1b``), as :func:`cssindicators._terminal.visible` writes them.
"""

from __future__ import annotations

import os
from typing import Any

from cssindicators._optional import require
from cssindicators._terminal import xml_text
from cssindicators.plan import OperationalObjective, Plan
from cssindicators.reading._render import (
    _HEADER,
    _general,
    _sector,
    _strategic,
    _title_line,
)

__all__ = ["objective_cells", "write_plan_docx"]


def _safe(text: str) -> str:
    """``text`` as a Word document can hold it: control characters as their escapes
    (tabs and line breaks stay: Word writes them as a tab and a line break)."""
    return xml_text(text, lines=True)


def objective_cells(objective: OperationalObjective) -> tuple[str, list[str], list[str]]:
    """The three cells of an objective's row: its numbered text, its "- " results, its
    "- " indicators (label and target), as the template's text export writes them.

    >>> from cssindicators.plan import ExpectedResult, Indicator
    >>> objective_cells(OperationalObjective(number=1, text="Être présent",
    ...     results=[ExpectedResult(text="Présence")],
    ...     indicators=[Indicator(label="Heures", target_text="≥ 3 heures/jour")]))
    ('1. Être présent', ['- Présence'], ['- Heures : ≥ 3 heures/jour'])
    """
    first = "" if objective.number is None else f"{objective.number}."
    if objective.text:
        first = f"{first} {objective.text}".lstrip()
    results = [f"- {r.text}" for r in objective.results]
    indicators = [
        f"- {i.label}" if i.target_text is None else f"- {i.label} : {i.target_text}"
        for i in objective.indicators
    ]
    return first, results, indicators


def _paragraph(document: Any, text: str, style: str | None = None, *, bold: bool = False) -> None:
    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run(_safe(text))
    if bold:
        run.bold = True


def _headed(document: Any, paragraphs: list[str], style: str) -> None:
    """A heading and the paragraphs under it (title, note)."""
    _paragraph(document, paragraphs[0], style)
    for text in paragraphs[1:]:
        _paragraph(document, text)


def _cell(cell: Any, items: list[str], *, bold: bool = False) -> None:
    """``items`` as the paragraphs of ``cell`` (which holds one empty paragraph)."""
    for k, item in enumerate(items):
        paragraph = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        run = paragraph.add_run(_safe(item))
        if bold:
            run.bold = True


def _table(document: Any, objectives: tuple[OperationalObjective, ...]) -> None:
    oxml = require("docx.oxml", "word")
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    header = table.rows[0]
    # Word repeats the header row on each page the table runs over
    header._tr.get_or_add_trPr().append(oxml.OxmlElement("w:tblHeader"))
    for cell, text in zip(header.cells, _HEADER.split("\t"), strict=True):
        _cell(cell, [text], bold=True)
    for objective in objectives:
        first, results, indicators = objective_cells(objective)
        cells = table.add_row().cells
        _cell(cells[0], [first] if first else [])
        _cell(cells[1], results)
        _cell(cells[2], indicators)


def write_plan_docx(plan: Plan, path: str | os.PathLike[str]) -> None:
    r"""Write ``plan`` to ``path`` as a Word document in the template's layout; it
    reads back (:func:`~cssindicators.reading.read_plan`) to an equal plan, as its
    text export does. Needs the optional extra ``cssindicators[word]``; :class:`OSError`
    if the file cannot be written.

    >>> import tempfile, pathlib
    >>> from cssindicators.reading import parse_plan, read_plan
    >>> plan = parse_plan(
    ...     "Secteur d'activité 2 : Lutte contre la criminalité\n"
    ...     "Objectif général 1 - Secteur d'activité 2 :\n"
    ...     "Lutte contre la criminalité\n"
    ...     "Objectif stratégique 1 - Domaine :\n"
    ...     "Prévention\n"
    ...     "GDP\n"
    ...     "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
    ...     "1. Être présent\t- Présence\t- Heures de présence : ≥ 3 heures/jour\n"
    ...     "\t- Projets communs\t\n"
    ... )
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "plan.docx")
    ...     write_plan_docx(plan, path)
    ...     again = read_plan(path)
    >>> again == plan, [str(i.target) for i in again.indicators()]
    (True, ['≥ 3 heures/jour'])
    """
    docx = require("docx", "word")
    document = docx.Document()
    title = _title_line(plan)
    if title is not None:
        _paragraph(document, title, "Title")
    for text in (plan.allocation, plan.legal_basis):
        if text is not None:
            _paragraph(document, text)
    for sector in plan.sectors:
        _headed(document, _sector(sector), "Heading 1")
        for general in sector.objectives:
            _headed(document, _general(general, sector), "Heading 2")
            for strategic in general.objectives:
                _headed(document, _strategic(strategic), "Heading 3")
                for block in strategic.blocks:
                    if block.service is not None:
                        _paragraph(document, block.service, bold=True)
                    _table(document, block.objectives)
    document.save(os.fspath(path))
