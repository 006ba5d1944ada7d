"""The plan as a Word document: read as its text export reads, written in the template's
layout, and the trip there and back that gives the same plan.

Documents made by hand with python-docx show what Word does that a text export does not:
headings split across runs, cells of several paragraphs, merged cells, list numbering
that is not in the text, a table going on after a page break.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import attrs
import docx
import jsonschema
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators.errors import MissingDependencyError, PlanError
from cssindicators.plan import (
    ExpectedResult,
    GeneralObjective,
    Indicator,
    OperationalObjective,
    Plan,
    Sector,
    ServiceBlock,
    Severity,
    StrategicObjective,
)
from cssindicators.reading import parse_plan, read_plan, render_template
from cssindicators.reading._docx import word_text
from cssindicators.strategies import plans
from cssindicators.writing import write_plan_docx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "molenbeek-2023" / "plan.txt"
SCHEMA = json.loads((ROOT / "docs" / "plan.schema.json").read_text(encoding="utf-8"))
HEADER = ("Objectifs opérationnels", "Résultats attendus", "Indicateurs")
HEADINGS = [
    "CONTRAT DE SECURITE ET DE SOCIETE PLAN DE PROJET 2023 DE LA VILLE/COMMUNE DE Molenbeek-Saint-Jean",
    "Secteur d'activité 2 : Lutte contre la criminalité",
    "Objectif général 1 - Secteur d'activité 2 :",
    "Lutte contre la criminalité",
    "Objectif stratégique 1 - Domaine :",
    "Prévention",
    "GDP",
]


def _written(plan: Plan, folder: Path) -> Plan:
    path = folder / "plan.docx"
    write_plan_docx(plan, path)
    return read_plan(path)


def _blank(plan: Plan) -> Plan:
    return attrs.evolve(plan, diagnostics=())


def _document(paragraphs: list[str] = HEADINGS) -> Any:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return document


def _table(document: Any, rows: list[tuple[str, ...]], *, header: bool = True) -> Any:
    table = document.add_table(rows=0, cols=3)
    for cells in [HEADER, *rows] if header else rows:
        for cell, text in zip(table.add_row().cells, cells, strict=True):
            for k, paragraph in enumerate(text.split("\n")):
                (cell.paragraphs[0] if k == 0 else cell.add_paragraph()).add_run(paragraph)
    return table


def _read(document: Any, folder: Path, name: str = "plan.docx") -> Plan:
    path = folder / name
    document.save(path)
    return read_plan(path)


def _rows(plan: Plan) -> list[tuple[int | None, str, list[str], list[tuple[str, str | None]]]]:
    return [
        (o.number, o.text, [r.text for r in o.results],
         [(i.label, i.target_text) for i in o.indicators])
        for s in plan.sectors for g in s.objectives for so in g.objectives for b in so.blocks
        for o in b.objectives
    ]  # fmt: skip


def _numbered(paragraph: Any) -> None:
    """Give ``paragraph`` Word's list numbering (not in its text)."""
    numbering = OxmlElement("w:numPr")
    level, number = OxmlElement("w:ilvl"), OxmlElement("w:numId")
    level.set(qn("w:val"), "0")
    number.set(qn("w:val"), "1")
    numbering.append(level)
    numbering.append(number)
    paragraph._p.get_or_add_pPr().append(numbering)


# ---------------------------------------------------------------- the trip there and back


def test_the_example_plan_survives_the_trip(tmp_path: Path) -> None:
    example = read_plan(EXAMPLE)
    again = _written(example, tmp_path)
    assert _blank(again) == _blank(example)
    assert [i.id for i in again.indicators()] == [i.id for i in example.indicators()]
    assert [i.target for i in again.indicators()] == [i.target for i in example.indicators()]
    # the diagnostics are those of the text export written back, at their paragraphs
    from_text = parse_plan(render_template(example))
    assert [(d.severity, d.message) for d in again.diagnostics] == [
        (d.severity, d.message) for d in from_text.diagnostics
    ]
    assert [d.place for d in again.diagnostics] == ["paragraph 20"]


@settings(max_examples=40, deadline=None)
@given(plans())
def test_a_plan_written_as_word_reads_back_to_the_same_plan(plan: Plan) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert _written(plan, Path(folder)) == plan


@settings(max_examples=40, deadline=None)
@given(plans())
def test_the_document_reads_as_the_text_export_writes(plan: Plan) -> None:
    """One layout: what the reader makes of the document is the text export, line for
    line (the export's blank lines aside)."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "plan.docx")
        write_plan_docx(plan, path)
        buffer.write(path.read_bytes())
    text = word_text(buffer.getvalue(), "plan.docx").text
    assert [line for line in text.split("\n") if line] == [
        line for line in render_template(plan).split("\n") if line
    ]


def test_the_written_document_has_the_template_layout(tmp_path: Path) -> None:
    example = read_plan(EXAMPLE)
    path = tmp_path / "plan.docx"
    write_plan_docx(example, path)
    document = docx.Document(str(path))
    styles = [(p.style.name if p.style else None, p.text) for p in document.paragraphs[:5]]
    assert styles == [
        ("Title", HEADINGS[0]),
        ("Normal", "ALLOCATION « GENERALE » CONTRAT DE SECURITE ET DE SOCIETE (art.2)"),
        ("Normal", example.legal_basis),
        ("Heading 1", "Secteur d'activité 1 : Contribution au fonctionnement des zones de police"),
        ("Heading 2", "Objectif général 1 - Secteur d'activité 1 :"),
    ]
    blocks = [b for s in example.sectors for g in s.objectives for o in g.objectives
              for b in o.blocks]  # fmt: skip
    assert len(document.tables) == len(blocks)
    table = document.tables[4]
    assert [c.text for c in table.rows[0].cells] == list(HEADER)
    assert (
        table.rows[0]._tr.get_or_add_trPr().find(qn("w:tblHeader")) is not None
    )  # repeated on each page
    assert len(table.rows) == 1 + len(blocks[4].objectives)
    # each item its own paragraph of its cell
    six = table.rows[6].cells
    assert six[0].text.startswith("6. Diminuer le sentiment")
    assert [p.text for p in six[1].paragraphs] == [
        f"- {r.text}" for r in blocks[4].objectives[5].results
    ]
    assert len(six[1].paragraphs) == 2


# ---------------------------------------------------------------- what Word does


def test_a_heading_split_across_runs_reads_whole(tmp_path: Path) -> None:
    document = _document([])
    for text in HEADINGS:
        paragraph = document.add_paragraph()
        for piece in (text[:7], text[7:12], text[12:]):  # "Secteur", " d'ac", "tivité 2 : …"
            paragraph.add_run(piece).bold = piece.startswith("S")
    _table(document, [("1. Être présent", "- Présence", "- Heures : ≥ 3 heures/jour")])
    plan = _read(document, tmp_path)
    assert plan.diagnostics == ()
    assert [s.title for s in plan.sectors] == ["Lutte contre la criminalité"]
    assert [i.id for i in plan.indicators()] == ["s2.og1.os1.gdp.oo1.i1"]


def test_the_paragraphs_of_a_cell_are_its_items(tmp_path: Path) -> None:
    document = _document()
    _table(document, [
        ("1. Être présent\nen rue", "- Présence\nProjets communs",
         "Heures : ≥ 3 heures/jour\n- Réunions : >/= 4/an"),
        ("2. Écouter", "", "Constats : Oui/Non"),
    ])  # fmt: skip
    plan = _read(document, tmp_path)
    assert plan.diagnostics == ()
    assert _rows(plan) == [
        (1, "Être présent en rue", ["Présence", "Projets communs"],
         [("Heures", "≥ 3 heures/jour"), ("Réunions", ">/= 4/an")]),
        (2, "Écouter", [], [("Constats", "Oui/Non")]),
    ]  # fmt: skip


def test_a_vertically_merged_cell_is_read_once(tmp_path: Path) -> None:
    document = _document()
    table = _table(document, [
        ("1. Être présent", "- Présence", "- Heures : ≥ 3 heures/jour"),
        ("", "- Projets communs", "- Réunions : >/= 4/an"),
        ("2. Écouter", "- Constats", "- Constats : Oui/Non"),
    ])  # fmt: skip
    top = table.cell(1, 0).merge(table.cell(2, 0))  # the objective over two rows
    assert top.text.strip() == "1. Être présent"
    table.cell(3, 1).merge(table.cell(3, 2))  # and a cell over two columns
    plan = _read(document, tmp_path)
    assert _rows(plan) == [
        (1, "Être présent", ["Présence", "Projets communs"],
         [("Heures", "≥ 3 heures/jour"), ("Réunions", ">/= 4/an")]),
        # the merged cell is the results column's, read once: "- Constats : Oui/Non"
        # merged in
        (2, "Écouter", ["Constats", "Constats : Oui/Non"], []),
    ]  # fmt: skip


def test_a_table_going_on_after_a_page_break_is_one_table(tmp_path: Path) -> None:
    document = _document()
    _table(document, [("1. Être présent", "- Présence", "- Heures : ≥ 3 heures/jour")])
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _table(document, [("2. Écouter", "- Constats", "- Constats : Oui/Non")])
    # and the header typed again inside the table
    _table(document, [HEADER, ("3. Agir", "", "- Actions : >/= 2/an")], header=False)
    plan = _read(document, tmp_path)
    assert [b.service for b in plan.sectors[0].objectives[0].objectives[0].blocks] == ["GDP"]
    assert [(r[0], r[1]) for r in _rows(plan)] == [(1, "Être présent"), (2, "Écouter"), (3, "Agir")]
    assert [(d.severity, d.place) for d in plan.diagnostics] == [
        (Severity.INFO, "table 2, row 1, column 1"),
        (Severity.INFO, "table 3, row 1, column 1"),
    ]
    assert "table header repeated" in plan.diagnostics[0].message


def test_word_list_numbering_is_not_needed(tmp_path: Path) -> None:
    """Word numbers the objectives (the number is not in the text) and may go on counting
    from one table to the next: each table's rows are numbered from 1."""
    document = _document(HEADINGS[:-1])
    for _ in range(2):
        document.add_paragraph("GDP")
        table = _table(document, [
            ("Être présent", "- Présence", "- Heures : ≥ 3 heures/jour"),
            ("Écouter", "- Constats", "- Constats : Oui/Non"),
        ])  # fmt: skip
        for row in table.rows[1:]:
            _numbered(row.cells[0].paragraphs[0])
    plan = _read(document, tmp_path)
    assert plan.diagnostics == ()
    assert [i.id for i in plan.indicators()] == [
        "s2.og1.os1.gdp.oo1.i1", "s2.og1.os1.gdp.oo2.i1",
        "s2.og1.os1.gdp-2.oo1.i1", "s2.og1.os1.gdp-2.oo2.i1",
    ]  # fmt: skip


def test_numbering_from_a_list_style_counts_too(tmp_path: Path) -> None:
    document = _document()
    table = _table(document, [("Être présent", "- Présence", "- Heures : ≥ 3 heures/jour")])
    table.rows[1].cells[0].paragraphs[0].style = document.styles["List Number"]
    assert _read(document, tmp_path).diagnostics == ()


def test_an_objective_without_any_number_is_numbered_by_its_row(tmp_path: Path) -> None:
    document = _document()
    _table(document, [
        ("1. Être présent", "- Présence", "- Heures : ≥ 3 heures/jour"),
        ("Écouter", "- Constats", "- Constats : Oui/Non"),
    ])  # fmt: skip
    plan = _read(document, tmp_path)
    assert [r[0] for r in _rows(plan)] == [1, 2]
    (note,) = plan.diagnostics
    assert (note.severity, note.place) == (Severity.INFO, "table 1, row 3, column 1")
    assert note.message == "operational objective without a number: numbered 2, after the row above"


def test_a_diagnostic_points_at_the_cell(tmp_path: Path) -> None:
    document = _document()
    _table(document, [
        ("1. Être présent", "- Présence", "- Heures : ≥ 3 heures/jour"),
        ("2. Visiter", "- Visites", "- Projets : Oui/Non\n- Visites : ≥ douze/an"),
    ])  # fmt: skip
    plan = _read(document, tmp_path)
    (error,) = plan.diagnostics
    assert error.severity is Severity.ERROR
    assert error.place == "table 1, row 3, column 3"
    assert error.format("plan.docx") == (
        "plan.docx: table 1, row 3, column 3: error: the target '≥ douze/an' of indicator "
        "'Visites' does not parse: expected a number (12, 2,5, 1.500 or 1 500) after '≥', "
        "found 'douze'"
    )
    # and at the paragraph
    document = _document(["Secteur d'activité 2 :", *HEADINGS[4:]])
    messages = [(d.place, d.message) for d in _read(document, tmp_path).diagnostics]
    assert ("paragraph 2", "strategic objective outside any general objective: ignored, "
            "with its tables") in messages  # fmt: skip


def test_the_place_goes_into_json_and_follows_the_schema(tmp_path: Path) -> None:
    document = _document()
    _table(document, [("1. Visiter", "- Visites", "- Visites : ≥ douze/an")])
    plan = _read(document, tmp_path)
    data = json.loads(plan.to_json())
    assert data["diagnostics"][0]["place"] == "table 1, row 2, column 3"
    jsonschema.validate(data, SCHEMA)
    assert Plan.from_json(plan.to_json()) == plan
    # a plan read from text writes no place
    assert "place" not in parse_plan("Secteur d'activité 2:\n").to_json()


# ---------------------------------------------------------------- hostile content


def _one(text: str, label: str, target: str | None) -> Plan:
    indicator = Indicator(label=label, target_text=target)
    objective = OperationalObjective(
        number=1, text=text, results=[ExpectedResult(text=text)], indicators=[indicator]
    )
    block = ServiceBlock(service="GDP", objectives=[objective])
    strategic = StrategicObjective(number=1, title="Prévention", blocks=[block])
    general = GeneralObjective(number=1, title="Criminalité", objectives=[strategic])
    return Plan.assemble(sectors=[Sector(number=2, title="Criminalité", objectives=[general])])


def test_formula_text_is_text(tmp_path: Path) -> None:
    plan = _one('=HYPERLINK("http://x";"y")', "+cmd|' /C calc'!A0", "Oui/Non")
    again = _written(plan, tmp_path)
    assert again == parse_plan(render_template(plan))
    assert _rows(again) == [(1, '=HYPERLINK("http://x";"y")', ['=HYPERLINK("http://x";"y")'],
                             [("+cmd|' /C calc'!A0", "Oui/Non")])]  # fmt: skip


def test_control_characters_are_written_as_their_escapes(tmp_path: Path) -> None:
    plan = _one("Titre\x1b]0;pwned\x07 fin", "Visites\x00\ufffe", None)
    again = _written(plan, tmp_path)
    (objective,) = _rows(again)
    assert objective[1] == "Titre\\x1b]0;pwned\\x07 fin"
    assert objective[3] == [("Visites\\x00\\ufffe", None)]


def test_a_huge_cell(tmp_path: Path) -> None:
    plan = _one("Être présent " * 20_000, "Heures " * 20_000, "≥ 3 heures/jour")
    again = _written(plan, tmp_path)
    assert again == parse_plan(render_template(plan))
    assert len(again.indicators()[0].label) == len("Heures " * 20_000) - 1


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_any_text_is_written_and_read_without_error(text: str, label: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        again = _written(_one(text, label, None), Path(folder))
    assert isinstance(again, Plan)


# ---------------------------------------------------------------- not a Word document


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (_zip({"xl/workbook.xml": "<workbook/>"}), "a zip archive without word/document.xml"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)), "a damaged zip archive"),
        ("Secteur d'activité 1\n".encode(), "not a zip archive, as a .docx is"),
    ],
    ids=["xlsx", "damaged", "text"],
)
def test_a_docx_that_is_not_a_word_document_is_a_plan_error(
    tmp_path: Path, data: bytes, what: str
) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(data)
    with pytest.raises(PlanError) as raised:
        read_plan(path)
    assert str(raised.value) == f"{path}: not a text file nor a readable Word document ({what})"


def test_a_broken_document_part_is_a_plan_error(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    _document().save(path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/document.xml"] = members["word/document.xml"][:-40]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(PlanError, match=r"not a text file nor a readable Word document \(its XML"):
        read_plan(path)


def test_a_word_document_under_another_name_is_read(tmp_path: Path) -> None:
    document = _document()
    _table(document, [("1. Être présent", "- Présence", "- Heures : ≥ 3 heures/jour")])
    plan = _read(document, tmp_path, "plan.txt")
    assert [i.id for i in plan.indicators()] == ["s2.og1.os1.gdp.oo1.i1"]


def test_without_the_word_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.docx"
    _document().save(path)
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx raises ImportError
    with pytest.raises(MissingDependencyError, match=r'pip install "cssindicators\[word\]"'):
        read_plan(path)
    with pytest.raises(MissingDependencyError) as raised:
        write_plan_docx(_one("x", "y", None), tmp_path / "out.docx")
    assert raised.value.extra == "word"


def test_exported_from_the_package() -> None:
    assert ci.write_plan_docx is write_plan_docx
