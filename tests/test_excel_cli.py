"""The Excel loop on the command line: template, fill in, score, scorecard workbook."""

from __future__ import annotations

from pathlib import Path

import pytest

from cssindicators.cli import main

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("python_calamine")


def test_template_fill_in_score_and_write_the_scorecard_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "mesures.xlsx"
    assert main(["template", "--output", str(template), "--lang", "nl"]) == 0
    assert "wrote the workbook to fill in" in capsys.readouterr().err
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    value = header.index("waarde") + 1
    target = [c.value for c in sheet[1]].index(next(h for h in header if h and "doel" in h)) + 1
    for row in range(2, sheet.max_row + 1):
        text = str(sheet.cell(row, target).value or "")
        sheet.cell(row, value).value = "Ja" if "Oui/Non" in text else 12
    book.save(template)
    from cssindicators.scoring import example_files

    plan, _ = example_files()
    card = tmp_path / "scorecard.xlsx"
    code = main(["score", str(plan), str(template), "--format", "xlsx", "--output", str(card)])
    assert code == 0
    assert "wrote the Excel report" in capsys.readouterr().err
    written = openpyxl.load_workbook(card)
    assert written.sheetnames == ["Plan", "Secteurs", "Objectifs", "Indicateurs", "Problèmes"]
    statuses = [row[5] for row in written["Indicateurs"].iter_rows(min_row=2, values_only=True)]
    assert len(statuses) == 31
    assert "not measured" not in statuses


def test_an_xlsx_report_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--format", "xlsx"]) == 2
    assert "give --output FILE" in capsys.readouterr().err


def test_score_reads_the_sheet_it_is_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cssindicators.scoring import example_files

    plan, _ = example_files()
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["nothing here"])
    data = book.create_sheet("Mesures 2023")
    data.append(["indicateur", "valeur", "période"])
    data.append(["s2.og1.os1.gdp.oo2.i1", 14, "2023"])
    path = tmp_path / "m.xlsx"
    book.save(path)
    assert main(["score", str(plan), str(path), "--sheet", "Mesures 2023"]) == 0
    assert "● met" in capsys.readouterr().out
    assert main(["score", str(plan), str(path), "--sheet", "Autre"]) == 2
    assert "Mesures 2023" in capsys.readouterr().err


def test_export_writes_a_word_plan_that_show_and_score_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("docx")
    from cssindicators.scoring import example_files

    plan, measurements = example_files()
    document = tmp_path / "plan.docx"
    assert main(["export", str(plan), "--output", str(document)]) == 0
    assert "wrote the plan as a Word document" in capsys.readouterr().err
    assert main(["check", str(document)]) == 0
    assert "31 indicators, 0 errors" in capsys.readouterr().out
    assert main(["score", str(document), str(measurements)]) == 0
    assert "31 indicators" in capsys.readouterr().out
    assert main(["export", str(plan), "--output", str(tmp_path / "plan.txt")]) == 2
